"""Buy again / replenish: what the shopper buys regularly, ranked by how due it is.

Score = (purchase days, each weighted by recency) × (1 + due_weight × how due),
where "how due" is the time since the last purchase over the shopper's usual
interval for that item (or the item's typical interval across shoppers), capped at 1.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from kiosk import hookimpl
from kiosk.recommend.scoring import iso_date, top_indices
from kiosk.recommend.types import Candidate, Context, Reason


class BuyAgain:
    name = "buy_again"
    personal = True
    # tried on the internal validation split when training (see kiosk.recommend.tuning)
    param_grid: ClassVar[dict[str, list[float]]] = {
        "tau_days": [90.0, 365.0, 3650.0], "due_weight": [0.0, 0.5],
        "popularity_weight": [0.0, 1.0]}

    def __init__(self, tau_days: float = 365.0, due_weight: float = 0.5,
                 popularity_weight: float = 0.0):
        self.tau_days = tau_days
        self.due_weight = due_weight
        # how much the item's popularity in the store counts (it mostly orders
        # the many items a shopper bought only once)
        self.popularity_weight = popularity_weight
        self.typical_interval: dict[str, float] = {}
        self.popularity: dict[str, float] = {}

    def fit(self, snapshot: Any) -> dict[str, Any]:
        items, _ = snapshot.basket_lines
        baskets = np.log1p(np.bincount(items, minlength=snapshot.n_items).astype(np.float64))
        baskets /= max(float(baskets.max(initial=0.0)), 1.0)
        self.popularity = {sku: float(v) for sku, v in zip(snapshot.skus, baskets.tolist(),
                                                           strict=True) if v > 0}
        known = snapshot.line_user >= 0
        keys = np.unique(np.stack([snapshot.line_user[known].astype(np.int64),
                                   snapshot.line_item[known].astype(np.int64),
                                   np.floor(snapshot.line_day[known]).astype(np.int64)]),
                         axis=1)
        same = (keys[0, 1:] == keys[0, :-1]) & (keys[1, 1:] == keys[1, :-1])
        gaps = (keys[2, 1:] - keys[2, :-1])[same]
        items = keys[1, 1:][same]
        self.typical_interval = {}
        if len(gaps):
            order = np.argsort(items, kind="stable")
            items, gaps = items[order], gaps[order]
            starts = np.flatnonzero(np.r_[True, items[1:] != items[:-1]])
            for lo, hi in zip(starts, np.r_[starts[1:], len(items)], strict=True):
                self.typical_interval[snapshot.skus[items[lo]]] = float(np.median(gaps[lo:hi]))
        return {"tau_days": self.tau_days, "due_weight": self.due_weight,
                "popularity_weight": self.popularity_weight}

    def recommend(self, context: Context, k: int) -> list[Candidate]:
        history = context.summary
        if not history.skus:
            return []
        weight = np.exp(-(context.now - history.pair_day) / self.tau_days)
        recency_frequency = np.bincount(history.pair_item, weights=weight,
                                        minlength=len(history.skus))
        times = history.times
        span = np.floor(history.last) - np.floor(history.first)
        interval = np.where(times > 1, span / np.maximum(times - 1, 1), np.nan)
        for i in np.flatnonzero(times == 1).tolist():
            interval[i] = self.typical_interval.get(history.skus[i], np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            due = np.where(interval > 0, (context.now - history.last) / interval, 0.0)
        due = np.clip(np.nan_to_num(due), 0.0, 1.0)
        scores = recency_frequency * (1.0 + self.due_weight * due)
        if self.popularity_weight:
            prior = np.asarray([self.popularity.get(sku, 0.0) for sku in history.skus])
            scores *= 1.0 + self.popularity_weight * prior
        result = []
        for i in top_indices(scores, k).tolist():
            data = {"last_bought": iso_date(history.last[i]), "times": int(times[i]),
                    "interval_days": None if not interval[i] > 0 else round(float(interval[i]))}
            result.append(Candidate(history.skus[i], float(scores[i]),
                                    Reason("buy_again", data), self.name))
        return result


@hookimpl(trylast=True)
def kiosk_register_recommenders(kiosk: Any) -> list[Any]:
    return [BuyAgain()]
