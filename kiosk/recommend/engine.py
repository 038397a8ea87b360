"""Fitted recommenders plus blend weights: ranks picks for one shopper.

Used the same way by the kiosk service, ``kiosk evaluate``, the batch command
and the benchmark, so what is measured is what shoppers get.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kiosk.recommend.blender import Filters, blend
from kiosk.recommend.isolation import Isolator
from kiosk.recommend.types import Candidate, Context

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

# Starting points; ``tuning.tune_weights`` replaces the first two from data.
DEFAULT_WEIGHTS = {"buy_again": 1.0, "goes_with": 0.1, "collaborative": 0.1, "content": 0.01,
                   "popular": 0.03, "trending": 0.01, "seasonal": 0.01, "staff_picks": 5.0}
DEFAULT_NEW_WEIGHTS = {**DEFAULT_WEIGHTS, "buy_again": 0.0, "popular": 0.1}
GUEST_WEIGHTS = {"popular": 1.0, "trending": 0.3, "seasonal": 0.3}
# A weight for recommenders the tuning never saw (third-party plugins).
PLUGIN_WEIGHT = 0.1


@dataclass
class Weights:
    """Blend weights per recommender: for all items, for new items only, for guests."""

    all: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    new: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_NEW_WEIGHTS))
    guest: dict[str, float] = field(default_factory=lambda: dict(GUEST_WEIGHTS))

    def for_mode(self, *, personal: bool, exclude_purchased: bool,
                 names: Sequence[str]) -> dict[str, float]:
        table = self.guest if not personal else self.new if exclude_purchased else self.all
        return {name: table.get(name, PLUGIN_WEIGHT if personal else 0.0) for name in names}

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {"all": dict(self.all), "new": dict(self.new), "guest": dict(self.guest)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Mapping[str, float]]) -> Weights:
        return cls(**{key: dict(data.get(key, {})) for key in ("all", "new", "guest")
                      if key in data})


class Engine:
    """Recommenders (fitted) and how to blend them."""

    def __init__(self, recommenders: Sequence[Any], weights: Weights | None = None, *,
                 isolator: Isolator | None = None):
        self.recommenders = {r.name: r for r in recommenders}
        self.weights = weights or Weights()
        self.isolator = isolator or Isolator(budget_seconds=None)

    @property
    def personal_names(self) -> frozenset[str]:
        return frozenset(n for n, r in self.recommenders.items() if getattr(r, "personal", True))

    def candidates(self, context: Context, n: int,
                   names: Sequence[str] | None = None) -> dict[str, list[Candidate]]:
        """Each recommender's candidates (failing or slow ones left out)."""
        chosen = [name for name in (names or self.recommenders)
                  if context.personal or name not in self.personal_names]
        calls = {name: _bind(self.recommenders[name], context, n) for name in chosen}
        results = self.isolator.run(calls)
        return {name: _checked(name, value) for name, value in results.items()}

    def rank(self, context: Context, k: int, *, exclude_purchased: bool = False,
             filters: Filters | None = None, candidates_per_recommender: int | None = None,
             ) -> list[Candidate]:
        """The blended top ``k`` for this shopper."""
        n = candidates_per_recommender or max(3 * k, 50)
        names = self._names(context, exclude_purchased)
        found = self.candidates(context, n, names)
        return self.blend(found, context, k, exclude_purchased=exclude_purchased,
                          filters=filters)

    def _names(self, context: Context, exclude_purchased: bool) -> list[str]:
        weights = self.weights.for_mode(personal=context.personal,
                                        exclude_purchased=exclude_purchased,
                                        names=list(self.recommenders))
        return [name for name, w in weights.items() if w > 0]

    def blend(self, found: dict[str, list[Candidate]], context: Context, k: int, *,
              exclude_purchased: bool = False, filters: Filters | None = None,
              ) -> list[Candidate]:
        """Blend candidates already gathered (``candidates``) with this mode's weights."""
        weights = self.weights.for_mode(personal=context.personal,
                                        exclude_purchased=exclude_purchased,
                                        names=list(self.recommenders))
        base = filters or Filters(in_stock=None, diversity=False)
        exclude = set(base.exclude)
        if exclude_purchased:
            exclude |= set(context.history_skus)
        final = Filters(personal=context.personal, personal_recommenders=self.personal_names,
                        not_for_me=base.not_for_me, in_stock=base.in_stock,
                        resting=base.resting, exclude=exclude, diversity=base.diversity,
                        themes=base.themes, names=base.names, hidden=base.hidden,
                        pinned=base.pinned)
        return blend(found, weights, k, final)

    def shelf_picks(self, context: Context, k: int, filters: Filters | None = None,
                    restock_share: float = 1 / 3) -> list[Candidate]:
        """The kiosk's picks: staff picks, then at most ``restock_share`` of ``k`` to
        restock (the all-items blend), the rest new to the shopper (the new-items blend).

        Candidates are gathered once; for a guest or a shopper with no history this
        is the plain blend.
        """
        n = max(3 * k, 50)
        names = sorted(set(self._names(context, False)) | set(self._names(context, True)))
        found = self.candidates(context, n, names)
        ranked = self.blend(found, context, k, filters=filters)
        if not context.personal:
            return self._with_seasonal(found, context, k, ranked, filters)
        if not context.history_skus:
            return ranked
        staff = [c for c in ranked if c.reason.code == "staff_pick"]
        restock = [c for c in ranked if c.reason.code == "buy_again"]
        restock = restock[:max(1, round(k * restock_share))]
        chosen = staff + restock
        taken = {c.sku for c in chosen}
        base = filters or Filters(in_stock=None, diversity=False)
        fresh = self.blend(found, context, k - len(chosen), exclude_purchased=True,
                           filters=replace(base, exclude=set(base.exclude) | taken))
        chosen += fresh
        taken |= {c.sku for c in fresh}
        chosen += [c for c in ranked if c.sku not in taken][:max(0, k - len(chosen))]
        return chosen[:k]


    def _with_seasonal(self, found: dict[str, list[Candidate]], context: Context, k: int,
                       ranked: list[Candidate], filters: Filters | None,
                       share: float = 1 / 3) -> list[Candidate]:
        """Guests: up to ``share`` of the picks from the seasonal shelf when it has any."""
        if not found.get("seasonal") or any(c.reason.code == "seasonal" for c in ranked):
            return ranked
        seasonal = self.blend({"seasonal": found["seasonal"]}, context,
                              max(1, round(k * share)), filters=filters)
        taken = {c.sku for c in seasonal}
        return [c for c in ranked if c.sku not in taken][:k - len(seasonal)] + seasonal


def _bind(recommender: Any, context: Context, n: int) -> Callable[[], Any]:
    return lambda: recommender.recommend(context, n)


def _checked(name: str, value: Any) -> list[Candidate]:
    if not isinstance(value, list | tuple):
        log.warning("recommender %r returned %s, not a list; ignored", name,
                    type(value).__name__)
        return []
    return [c if c.recommender else Candidate(c.sku, c.score, c.reason, name)
            for c in value if isinstance(c, Candidate)]
