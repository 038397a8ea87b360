"""Popular, trending and seasonal in this store: the guest shelf and the fallback.

All three count baskets (distinct invoices), anonymous sales included, and use
nobody's personal data.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kiosk import hookimpl
from kiosk.recommend.scoring import top_indices
from kiosk.recommend.types import Candidate, Context, Reason, from_day_number


class Popular:
    """Time-decayed popularity: a basket ``half_life_days`` old counts half."""

    name = "popular"
    personal = False

    def __init__(self, half_life_days: float = 14.0, days: int = 30):
        self.half_life_days = half_life_days
        self.days = days
        self.scores = np.zeros(0)
        self.skus: tuple[str, ...] = ()

    def fit(self, snapshot: Any) -> dict[str, Any]:
        items, days = snapshot.basket_lines
        weight = np.power(0.5, (snapshot.end - days) / self.half_life_days)
        self.scores = np.bincount(items, weights=weight, minlength=snapshot.n_items)
        self.skus = snapshot.skus
        return {"half_life_days": self.half_life_days}

    def recommend(self, context: Context, k: int) -> list[Candidate]:
        reason = Reason("popular_here", {"days": self.days})
        return [Candidate(self.skus[i], float(self.scores[i]), reason, self.name)
                for i in top_indices(self.scores, k).tolist()]


class Trending:
    """Sold faster in the last ``recent_days`` than in the ``baseline_days`` before."""

    name = "trending"
    personal = False

    def __init__(self, recent_days: float = 14.0, baseline_days: float = 56.0,
                 minimum_baskets: int = 3):
        self.recent_days = recent_days
        self.baseline_days = baseline_days
        self.minimum_baskets = minimum_baskets
        self.scores = np.zeros(0)
        self.skus: tuple[str, ...] = ()

    def fit(self, snapshot: Any) -> dict[str, Any]:
        items, days = snapshot.basket_lines
        age = snapshot.end - days
        recent = np.bincount(items[age < self.recent_days], minlength=snapshot.n_items)
        earlier = np.bincount(items[(age >= self.recent_days)
                                    & (age < self.recent_days + self.baseline_days)],
                              minlength=snapshot.n_items)
        rate_now = recent / self.recent_days
        rate_before = (earlier + 1.0) / self.baseline_days
        growth = np.log(np.maximum(rate_now / rate_before, 1.0))
        self.scores = np.where(recent >= self.minimum_baskets, recent * growth, 0.0)
        self.skus = snapshot.skus
        return {"recent_days": self.recent_days, "baseline_days": self.baseline_days}

    def recommend(self, context: Context, k: int) -> list[Candidate]:
        reason = Reason("trending", {})
        return [Candidate(self.skus[i], float(self.scores[i]), reason, self.name)
                for i in top_indices(self.scores, k).tolist()]


def season_of(month: int) -> str:
    if month in (11, 12):
        return "christmas"
    return {1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring", 6: "summer",
            7: "summer", 8: "summer", 9: "autumn", 10: "autumn"}[month]


class Seasonal:
    """Items that sell far more in this month and the next than over the year.

    Needs most of a year of sales (``min_span_days``); before that it is silent.
    """

    name = "seasonal"
    personal = False
    # Its weight in personal blends is not tuned: a validation window sits at another
    # time of year than the weeks it will serve, so it cannot tell how much the next
    # season matters. It keeps a small fixed weight and leads the guests' seasonal shelf.
    tunable = False

    def __init__(self, min_span_days: float = 300.0, min_lift: float = 1.5,
                 minimum_baskets: int = 3):
        self.min_span_days = min_span_days
        self.min_lift = min_lift
        self.minimum_baskets = minimum_baskets
        self.by_month = np.zeros((12, 0))
        self.skus: tuple[str, ...] = ()

    def fit(self, snapshot: Any) -> dict[str, Any]:
        self.skus = snapshot.skus
        items, days = snapshot.basket_lines
        span = snapshot.end - snapshot.start if len(days) else 0.0
        self.by_month = np.zeros((12, snapshot.n_items))
        if span >= self.min_span_days:
            dates = np.datetime64("1970-01-01") + np.floor(days).astype("timedelta64[D]")
            months = dates.astype("datetime64[M]").astype(np.int64) % 12
            np.add.at(self.by_month, (months, items), 1.0)
        return {"min_lift": self.min_lift, "span_days": round(float(span))}

    def recommend(self, context: Context, k: int) -> list[Candidate]:
        if self.by_month.sum() == 0:
            return []
        month = from_day_number(context.now).month
        window = [month - 1, month % 12]
        in_window = self.by_month[window].sum(axis=0)
        total = self.by_month.sum(axis=0)
        # the window's share of the year: at least its share of the calendar, so that
        # a store whose sales are mostly one season does not make everything else seasonal
        share_all = max(in_window.sum() / max(total.sum(), 1.0), len(window) / 12.0)
        lift = np.divide(in_window / np.maximum(total, 1.0), max(share_all, 1e-9))
        ok = (lift >= self.min_lift) & (in_window >= self.minimum_baskets)
        scores = np.where(ok, in_window * np.minimum(lift, 4.0), 0.0)
        reason = Reason("seasonal", {"season": season_of(month)})
        return [Candidate(self.skus[i], float(scores[i]), reason, self.name)
                for i in top_indices(scores, k).tolist()]


@hookimpl(trylast=True)
def kiosk_register_recommenders(kiosk: Any) -> list[Any]:
    return [Popular(), Trending(), Seasonal()]
