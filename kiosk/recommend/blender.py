"""Merge every recommender's candidates, filter, diversify, take the top k.

Order (each step sees only what the previous one kept): fusion → consent →
hidden by staff → not for me → out of stock → frequency cap → exclusions
(e.g. already bought) → pinned by staff first → diversity → top k. Ties are
broken by sku, so the same input always gives the same output.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from kiosk.recommend.types import Candidate

# Words that tell variants of one product apart rather than different products.
_VARIANT_WORDS = frozenset({
    "red", "blue", "green", "pink", "white", "black", "ivory", "cream", "yellow", "orange",
    "purple", "gold", "silver", "grey", "gray", "brown", "natural", "pastel", "small", "large",
    "medium", "mini", "jumbo", "big", "set", "of", "assorted", "colour", "colours", "design",
    "vintage", "retro", "s", "m", "l", "xl",
})


@dataclass(frozen=True)
class Filters:
    """What the blender must leave out, worked out by the caller for one shopper."""

    personal: bool = True  # personalisation consent (False: guest picks only)
    personal_recommenders: Collection[str] = ()
    not_for_me: Collection[str] = ()
    in_stock: Callable[[str], bool] | None = None  # None: no stock (batch/evaluation)
    resting: Collection[str] = ()  # frequency cap
    exclude: Collection[str] = ()  # e.g. already bought, for "new for you"
    diversity: bool = True
    themes: Mapping[str, str | None] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    hidden: Collection[str] = ()  # staff hid them for this shopper: never shown
    pinned: Collection[str] = ()  # staff pinned them: first, ahead of the ranking


def fuse(candidates: Mapping[str, Iterable[Candidate]],
         weights: Mapping[str, float]) -> list[Candidate]:
    """Weighted sum of each recommender's scores scaled to its own best (=1).

    A product suggested by several recommenders keeps the reason of the one
    that contributed most.
    """
    total: dict[str, float] = {}
    best: dict[str, tuple[float, Candidate]] = {}
    for name in sorted(candidates):
        weight = float(weights.get(name, 0.0))
        items = [c for c in candidates[name] if c.score > 0 and math.isfinite(c.score)]
        if weight <= 0 or not items:
            continue
        top = max(c.score for c in items)
        for c in items:
            part = weight * c.score / top
            total[c.sku] = total.get(c.sku, 0.0) + part
            if c.sku not in best or part > best[c.sku][0]:
                best[c.sku] = (part, c)
    merged = [Candidate(sku, total[sku], best[sku][1].reason, best[sku][1].recommender)
              for sku in total]
    merged.sort(key=lambda c: (-c.score, c.sku))
    return merged


def variant_key(name: str) -> frozenset[str]:
    """The words of a product name that are not colour/size words."""
    words = re.findall(r"[a-z]+", name.lower())
    return frozenset(w for w in words if w not in _VARIANT_WORDS and len(w) > 1)


def near_identical(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= 0.75


def diversify(ranked: list[Candidate], k: int, *, themes: Mapping[str, str | None],
              names: Mapping[str, str]) -> list[Candidate]:
    """Greedy re-rank: at most one variant of a product and at most ~40% of one theme.

    Items held back fill the remaining places in their original order, so the
    shopper still gets ``k`` picks when the candidates are all alike.
    """
    per_theme = max(2, math.ceil(k * 0.4))
    chosen: list[Candidate] = []
    held: list[Candidate] = []
    keys: list[frozenset[str]] = []
    theme_count: dict[str, int] = {}
    for c in ranked:
        if len(chosen) >= k:
            break
        theme = themes.get(c.sku)
        key = variant_key(names.get(c.sku, ""))
        if (theme and theme_count.get(theme, 0) >= per_theme) or any(
                near_identical(key, other) for other in keys):
            held.append(c)
            continue
        chosen.append(c)
        keys.append(key)
        if theme:
            theme_count[theme] = theme_count.get(theme, 0) + 1
    for c in held:
        if len(chosen) >= k:
            break
        chosen.append(c)
    return chosen


def pinned_first(ranked: list[Candidate], pinned: Collection[str]) -> list[Candidate]:
    """``ranked`` with the pinned items first (in their ranked order), then the rest."""
    return ([c for c in ranked if c.sku in pinned]
            + [c for c in ranked if c.sku not in pinned])


def blend(candidates: Mapping[str, Iterable[Candidate]], weights: Mapping[str, float], k: int,
          filters: Filters) -> list[Candidate]:
    """The shopper's top ``k`` from every recommender's candidates (see module doc)."""
    if not filters.personal:
        candidates = {name: items for name, items in candidates.items()
                      if name not in filters.personal_recommenders}
    ranked = fuse(candidates, weights)
    if not filters.personal:
        ranked = [c for c in ranked if c.recommender not in filters.personal_recommenders]
    if filters.hidden:
        ranked = [c for c in ranked if c.sku not in filters.hidden]
    if filters.not_for_me:
        ranked = [c for c in ranked if c.sku not in filters.not_for_me]
    if filters.in_stock is not None:
        ranked = [c for c in ranked if filters.in_stock(c.sku)]
    if filters.resting:
        ranked = [c for c in ranked if c.sku not in filters.resting]
    if filters.exclude:
        ranked = [c for c in ranked if c.sku not in filters.exclude]
    if filters.pinned:
        ranked = pinned_first(ranked, filters.pinned)
    if filters.diversity:
        return diversify(ranked, k, themes=filters.themes, names=filters.names)
    return ranked[:k]
