"""Returns and cancellations netted against earlier purchases.

The rule: a return (a row with a negative quantity, whether or not its
invoice starts with ``C``) reduces the same customer's purchases of the same
stock code made at or before the return's time, the most recent purchase
first, until the returned quantity is used up. A return larger than what was
bought earlier in the file (the purchase predates the data) reduces nothing
more: the unmatched units are dropped. Anonymous returns are netted the same
way against anonymous sales of that code, so store-level popularity is net
of returns too. Prices are not compared: a refund at a different price still
returns the goods.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kiosk.importer.readers import RawLine


@dataclass
class NettingResult:
    remaining: list[int]  # net quantity left of each purchase, same order as the input
    returns_matched: int  # return rows that reduced at least one purchase
    returns_unmatched: int  # return rows with nothing earlier to reduce
    units_returned: int
    units_unmatched: int


def net_returns(purchases: list[RawLine], returns: list[RawLine]) -> NettingResult:
    """Apply ``returns`` to ``purchases`` (quantities > 0); the inputs are not changed."""
    remaining = [p.quantity for p in purchases]
    by_key: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    wanted = {(r.customer_id, r.sku) for r in returns}
    for i, p in enumerate(purchases):
        key = (p.customer_id, p.sku)
        if key in wanted:
            by_key[key].append(i)
    returns_by_key: dict[tuple[str | None, str], list[RawLine]] = defaultdict(list)
    for r in returns:
        returns_by_key[(r.customer_id, r.sku)].append(r)

    matched = unmatched = units = units_unmatched = 0
    for key, key_returns in returns_by_key.items():
        # purchases sort before returns made at the same minute
        timeline = [(purchases[i].ts, 0, purchases[i].line, i) for i in by_key.get(key, ())]
        timeline += [(r.ts, 1, r.line, n) for n, r in enumerate(key_returns)]
        timeline.sort()
        stack: list[int] = []  # purchases still holding units, oldest first
        for _, is_return, _, ref in timeline:
            if not is_return:
                stack.append(ref)
                continue
            need = -key_returns[ref].quantity
            took = 0
            while need and stack:
                top = stack[-1]
                take = min(need, remaining[top])
                remaining[top] -= take
                need -= take
                took += take
                if remaining[top] == 0:
                    stack.pop()
            units += took
            units_unmatched += need
            if took:
                matched += 1
            else:
                unmatched += 1
    return NettingResult(remaining, matched, unmatched, units, units_unmatched)
