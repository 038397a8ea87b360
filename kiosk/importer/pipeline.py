"""``load_clean``: a file's cleaned, netted purchase lines, in memory.

No database: the recommenders' batch jobs and benchmarks call this directly,
and ``import_file`` writes its result into the store.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.importer.netting import net_returns
from kiosk.importer.readers import Problem, RawLine, RowError, iter_rows, row_parser
from kiosk.importer.report import CleanReport
from kiosk.importer.rules import (
    choose_name,
    choose_price,
    fallback_name,
    is_product,
    repair_text,
)


@dataclass(slots=True)
class PurchaseLine:
    """One purchase line after cleaning: rows of one invoice, code and price, net of returns."""

    invoice: str
    customer_id: str | None  # None: anonymous sale
    sku: str
    quantity: int  # net, > 0
    unit_price: float
    ts: datetime
    country: str
    rows: int = 1  # rows of the file merged into this line


@dataclass
class CleanData:
    lines: list[PurchaseLine]
    products: dict[str, str]  # sku -> name (its most frequent description)
    prices: dict[str, float]  # sku -> the price it most often sold at
    report: CleanReport
    variants: dict[str, list[str]] = field(default_factory=dict)  # sku -> other descriptions
    # The evidence behind each choice, so a later import can weigh its own:
    name_rows: dict[str, int] = field(default_factory=dict)  # sku -> real sales under its name
    price_rows: dict[str, int] = field(default_factory=dict)  # sku -> kept rows at its price

    @property
    def customers(self) -> set[str]:
        return {line.customer_id for line in self.lines if line.customer_id is not None}

    @property
    def invoices(self) -> set[str]:
        return {line.invoice for line in self.lines}


def load_clean(path: str | os.PathLike[str], *,
               on_problem: Callable[[Problem], None] | None = None,
               progress: Callable[[int, int], None] | None = None) -> CleanData:
    """Read, clean and net a UCI or neutral transactions file (see docs/data.md)."""
    report = CleanReport()

    def problem(p: Problem) -> None:
        report.note_problem(p)
        if on_problem is not None:
            on_problem(p)

    with _no_gc():
        return _clean(path, report, problem, progress)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Hundreds of thousands of small objects, none cyclic: the collector only slows us."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _clean(path: str | os.PathLike[str], report: CleanReport,
           problem: Callable[[Problem], None],
           progress: Callable[[int, int], None] | None) -> CleanData:
    skipped = report.skipped

    def unsplittable(p: Problem) -> None:  # a row the CSV reader itself could not split
        report.rows_read += 1
        problem(p)

    layout, file_rows = iter_rows(path, on_problem=unsplittable, progress=progress)
    report.layout = layout.name
    parse = row_parser(layout)
    seen: set[tuple[str, ...]] = set()
    rows: list[RawLine] = []
    # (sku, description) -> rows that sold it: names come from real sales, as
    # adjustment notes ("damaged", "?") sit on zero-price or negative rows
    sold_as: dict[tuple[str, str], int] = {}
    repaired: dict[str, str] = {}  # a few thousand distinct descriptions, repaired once
    read = 0
    for line_number, row in file_rows:
        read += 1
        key = tuple(row)
        if key in seen:
            skipped["duplicate"] += 1
            continue
        seen.add(key)
        try:
            raw = parse(row, line_number)
        except RowError as error:
            problem(Problem(line_number, str(error), error.kind))
            continue
        text = raw.description
        if text:
            fixed = repaired.get(text)
            if fixed is None:
                fixed = repaired[text] = repair_text(text)
            if fixed is not text and ("Â" in text or "Ã" in text):
                report.text_repaired += 1
            raw.description = fixed
            if fixed and raw.unit_price > 0 and raw.quantity > 0:
                pair = (raw.sku, fixed)
                sold_as[pair] = sold_as.get(pair, 0) + 1
        rows.append(raw)
    report.rows_read += read
    descriptions: dict[str, Counter[str]] = defaultdict(Counter)
    for (sku, text), count in sold_as.items():
        descriptions[sku][text] = count
    del seen

    names: dict[str, str] = {}
    name_rows: dict[str, int] = {}
    variants: dict[str, list[str]] = {}
    fallback: dict[str, Counter[str]] = defaultdict(Counter)
    for raw in rows:
        if raw.sku not in descriptions and raw.description:
            fallback[raw.sku][raw.description] += 1
    for sku in {raw.sku for raw in rows}:
        counts = descriptions.get(sku) or fallback.get(sku) or Counter()
        names[sku] = choose_name(counts) or fallback_name(sku)
        # only real sales count as evidence for a name
        name_rows[sku] = descriptions[sku][names[sku]] if sku in descriptions else 0
        if len(counts) > 1:
            variants[sku] = sorted(d for d in counts if d != names[sku])
    del fallback

    not_products = {sku for sku, name in names.items() if not is_product(sku, name)}
    purchases: list[RawLine] = []
    returns: list[RawLine] = []
    for raw in rows:
        if raw.sku in not_products:
            skipped["non_product"] += 1
        elif raw.unit_price <= 0:
            skipped["price_not_positive"] += 1
        elif raw.quantity == 0:
            skipped["zero_quantity"] += 1
        elif raw.quantity < 0:
            returns.append(raw)
        else:
            purchases.append(raw)
    del rows

    netting = net_returns(purchases, returns)
    skipped["return_netted"] = netting.returns_matched
    skipped["return_unmatched"] = netting.returns_unmatched
    report.units_returned = netting.units_returned
    report.units_unmatched = netting.units_unmatched

    merged: dict[tuple[str, str, float], PurchaseLine] = {}
    price_counts: dict[str, Counter[float]] = defaultdict(Counter)
    for raw, left in zip(purchases, netting.remaining, strict=True):
        if left == 0:
            skipped["fully_returned"] += 1
            continue
        report.rows_kept += 1
        if raw.customer_id is None:
            report.anonymous_rows += 1
        if not raw.description:
            report.descriptions_filled += 1
        price_counts[raw.sku][raw.unit_price] += 1
        key = (raw.invoice, raw.sku, raw.unit_price)
        line = merged.get(key)
        if line is None:
            merged[key] = PurchaseLine(raw.invoice, raw.customer_id, raw.sku, left,
                                       raw.unit_price, raw.ts, raw.country)
        else:  # the same item twice on one invoice (not an exact duplicate): one line
            line.quantity += left
            line.ts = min(line.ts, raw.ts)
            line.rows += 1

    products = {sku: names[sku] for sku in sorted(price_counts)}
    prices = {sku: choose_price(price_counts[sku]) for sku in products}
    kept_variants = {sku: variants[sku] for sku in products if sku in variants}
    report.products_with_variants = len(kept_variants)
    return CleanData(list(merged.values()), products, prices, report, kept_variants,
                     name_rows={sku: name_rows[sku] for sku in products},
                     price_rows={sku: price_counts[sku][prices[sku]] for sku in products})

