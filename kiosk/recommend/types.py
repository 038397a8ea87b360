"""The plain data the recommenders, the blender and the UI pass around."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from kiosk.recommend.snapshot import Snapshot

_EPOCH = datetime(1970, 1, 1)

# Shelves in the order the shopper sees them.
SHELF_ORDER = ("staff_pick", "restock", "goes_with", "new_for_you", "popular", "seasonal")

# Which shelf a reason code puts its pick on.
SHELF_OF_REASON = {
    "buy_again": "restock",
    "goes_with": "goes_with",
    "similar_shoppers": "new_for_you",
    "content_match": "new_for_you",
    "more_like_this": "new_for_you",
    "staff_pick": "staff_pick",
    "popular_here": "popular",
    "trending": "popular",
    "seasonal": "seasonal",
}


@dataclass(frozen=True)
class Reason:
    """Why an item is recommended: a code and the data behind it (see ``explain``)."""

    code: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "data": dict(self.data)}


@dataclass(frozen=True)
class Candidate:
    """One recommender's suggestion: a product, how strongly, and why."""

    sku: str
    score: float
    reason: Reason
    recommender: str = ""


@dataclass(frozen=True)
class Context:
    """Who is asking and what we may use.

    ``history_skus``/``history_days`` are the shopper's purchase lines (one per
    line, days since 1970-01-01 UTC); empty for a guest or without consent.
    ``preferences`` maps a key (theme, colour, budget) to the stated values.
    """

    customer_id: str | None
    now: float
    history_skus: tuple[str, ...] = ()
    history_days: np.ndarray = field(default_factory=lambda: np.zeros(0))
    preferences: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    personal: bool = False
    anchor_sku: str | None = None

    @cached_property
    def summary(self) -> HistorySummary:
        """The history per distinct sku, worked out once and shared by the recommenders."""
        return HistorySummary.of(self.history_skus, self.history_days)

    def last_bought(self) -> dict[str, float]:
        """sku -> the day it was last bought."""
        last: dict[str, float] = {}
        for sku, day in zip(self.history_skus, self.history_days.tolist(), strict=True):
            if day > last.get(sku, -np.inf):
                last[sku] = day
        return last


@dataclass(frozen=True)
class HistorySummary:
    """A shopper's purchases per distinct sku (``skus`` sorted).

    ``pair_item``/``pair_day``: each distinct (sku position, whole day) bought.
    """

    skus: tuple[str, ...]
    first: np.ndarray
    last: np.ndarray
    times: np.ndarray  # distinct days each sku was bought on
    pair_item: np.ndarray
    pair_day: np.ndarray

    @classmethod
    def of(cls, skus: tuple[str, ...], days: np.ndarray) -> HistorySummary:
        if not skus:
            empty = np.zeros(0)
            return cls((), empty, empty, np.zeros(0, dtype=np.int64),
                       np.zeros(0, dtype=np.int64), empty)
        unique, inverse = np.unique(np.asarray(skus), return_inverse=True)
        days = np.asarray(days, dtype=np.float64)
        first = np.full(len(unique), np.inf)
        last = np.full(len(unique), -np.inf)
        np.minimum.at(first, inverse, days)
        np.maximum.at(last, inverse, days)
        keys = np.unique(inverse.astype(np.int64) * _DAY_SLOTS
                         + np.floor(days).astype(np.int64))
        pair_item, pair_day = keys // _DAY_SLOTS, keys % _DAY_SLOTS
        return cls(tuple(unique.tolist()), first, last,
                   np.bincount(pair_item, minlength=len(unique)), pair_item,
                   pair_day.astype(np.float64))


_DAY_SLOTS = 10_000_000  # day numbers stay far below this (year 29,000)


@runtime_checkable
class Recommender(Protocol):
    """What a recommender plugin returns from ``kiosk_register_recommenders``.

    - ``name``: unique; ``personal``: True if it uses the shopper's data (then
      it is only asked with personalisation consent);
    - ``fit(snapshot)`` learns from plain arrays (may return its parameters
      as a JSON-able dict); ``recommend(context, k)`` returns at most ``k``
      candidates, best first, each with a reason.

    Optional: ``trainable = False`` (nothing to fit or store, e.g. live
    lookups), ``similar(sku, k)`` for "more like this".
    """

    name: str
    personal: bool

    def fit(self, snapshot: Snapshot) -> dict[str, Any] | None: ...

    def recommend(self, context: Context, k: int) -> list[Candidate]: ...


@dataclass(frozen=True)
class Pick:
    """A recommendation ready to show: product details, stock, location and reason."""

    sku: str
    name: str
    price: float | None
    image: str | None
    theme: str | None
    colours: tuple[str, ...]
    stock_quantity: int | None
    location: str | None
    reason: Reason
    recommender: str
    score: float


@dataclass
class Shelf:
    """Picks that share a reason, e.g. key "restock" for "Time to restock"."""

    key: str
    picks: list[Pick]


def day_number(when: datetime) -> float:
    """Days since 1970-01-01 (naive times are taken as they are, aware ones in UTC)."""
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return (when - _EPOCH).total_seconds() / 86400.0


def from_day_number(day: float) -> datetime:
    """The naive datetime of a day number."""
    return _EPOCH + timedelta(days=day)
