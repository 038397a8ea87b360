"""The training data as plain arrays: purchase lines, products, preferences.

Built from the kiosk's store (``from_store``) or from a cleaned transactions
file (``from_clean``, no database). Every recommender fits on a ``Snapshot``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp

from kiosk.recommend.types import Context, day_number
from kiosk.store import catalogue, customers, purchases


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Purchases as parallel arrays; ``line_user`` is -1 for an anonymous sale."""

    skus: tuple[str, ...]
    customers: tuple[str, ...]
    line_user: np.ndarray  # int32
    line_item: np.ndarray  # int32
    line_day: np.ndarray  # float64, days since 1970-01-01
    line_invoice: np.ndarray  # int64: invoice number within the snapshot
    names: tuple[str, ...] = ()
    themes: tuple[str | None, ...] = ()
    colours: tuple[tuple[str, ...], ...] = ()
    prices: np.ndarray = field(default_factory=lambda: np.zeros(0))
    preferences: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    end: float | None = None  # the time the data describes ("now" when fitting)

    def __post_init__(self) -> None:
        n = len(self.skus)
        if not self.names:
            object.__setattr__(self, "names", tuple(self.skus))
        if not self.themes:
            object.__setattr__(self, "themes", (None,) * n)
        if not self.colours:
            object.__setattr__(self, "colours", ((),) * n)
        if len(self.prices) != n:
            object.__setattr__(self, "prices", np.full(n, np.nan))
        if self.end is None:
            last = float(self.line_day.max()) if len(self.line_day) else 0.0
            object.__setattr__(self, "end", last)

    # -- sizes and look-ups ------------------------------------------------

    @property
    def n_items(self) -> int:
        return len(self.skus)

    @property
    def n_users(self) -> int:
        return len(self.customers)

    @cached_property
    def sku_index(self) -> dict[str, int]:
        return {sku: i for i, sku in enumerate(self.skus)}

    @cached_property
    def customer_index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.customers)}

    @property
    def start(self) -> float:
        return float(self.line_day.min()) if len(self.line_day) else float(self.end or 0.0)

    # -- matrices ---------------------------------------------------------

    @cached_property
    def baskets(self) -> sp.csr_matrix:
        """customers × items: in how many distinct invoices the customer bought the item."""
        known = self.line_user >= 0
        keys = np.unique(np.stack([self.line_user[known].astype(np.int64),
                                   self.line_item[known].astype(np.int64),
                                   self.line_invoice[known]]), axis=1)
        matrix = sp.csr_matrix(
            (np.ones(keys.shape[1], dtype=np.float32), (keys[0], keys[1])),
            shape=(self.n_users, self.n_items))
        matrix.sum_duplicates()
        return matrix

    @cached_property
    def basket_lines(self) -> tuple[np.ndarray, np.ndarray]:
        """(item, day) of each distinct (invoice, item), anonymous sales included."""
        keys, first = np.unique(np.stack([self.line_invoice, self.line_item.astype(np.int64)]),
                                axis=1, return_index=True)
        return keys[1], self.line_day[first]

    @cached_property
    def bought(self) -> sp.csr_matrix:
        """customers × items, 1 where the customer ever bought the item."""
        matrix = self.baskets.copy()
        matrix.data[:] = 1.0
        return matrix

    @cached_property
    def _by_user(self) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(self.line_user, kind="stable")
        bounds = np.searchsorted(self.line_user[order], np.arange(-1, self.n_users + 1))
        return order, bounds

    def user_lines(self, user: int) -> np.ndarray:
        """Indexes of the lines of customer number ``user``."""
        order, bounds = self._by_user
        return order[bounds[user + 1]:bounds[user + 2]]

    def context(self, customer_id: str | None, *, now: float | None = None,
                personal: bool = True) -> Context:
        """What a recommender sees for this customer (a guest if unknown)."""
        now = self.end if now is None else now
        user = self.customer_index.get(customer_id) if customer_id is not None else None
        if user is None or not personal:
            prefs = self.preferences.get(customer_id, {}) if personal and customer_id else {}
            return Context(customer_id=customer_id, now=float(now), preferences=prefs,
                           personal=personal and customer_id is not None)
        lines = self.user_lines(user)
        skus = tuple(self.skus[i] for i in self.line_item[lines].tolist())
        return Context(customer_id=customer_id, now=float(now), history_skus=skus,
                       history_days=self.line_day[lines].astype(np.float64),
                       preferences=self.preferences.get(customer_id, {}), personal=True)

    # -- splits -----------------------------------------------------------

    def before(self, day: float) -> Snapshot:
        """The same catalogue, only the lines strictly before ``day``; ``end`` = day."""
        keep = self.line_day < day
        return replace(self, line_user=self.line_user[keep], line_item=self.line_item[keep],
                       line_day=self.line_day[keep], line_invoice=self.line_invoice[keep],
                       end=float(day))

    def customers_with_history(self, among: Iterable[str]) -> list[str]:
        """The customers of ``among`` who have at least one line here, sorted."""
        _, bounds = self._by_user
        counts = np.diff(bounds)[1:]
        return sorted(c for c in among if c in self.customer_index
                      and counts[self.customer_index[c]] > 0)

    def after(self, day: float) -> dict[str, set[str]]:
        """customer id -> distinct skus bought on or after ``day`` (the test targets)."""
        keep = (self.line_day >= day) & (self.line_user >= 0)
        result: dict[str, set[str]] = {}
        for user, item in zip(self.line_user[keep].tolist(), self.line_item[keep].tolist(),
                              strict=True):
            result.setdefault(self.customers[user], set()).add(self.skus[item])
        return result

    def window(self) -> dict[str, str]:
        from kiosk.recommend.types import from_day_number

        return {"start": from_day_number(self.start).isoformat(timespec="seconds"),
                "end": from_day_number(float(self.end)).isoformat(timespec="seconds")}


class _Builder:
    """Collects lines one by one and numbers skus, customers and invoices."""

    def __init__(self) -> None:
        self.sku_index: dict[str, int] = {}
        self.customer_index: dict[str, int] = {}
        self.invoice_index: dict[str, int] = {}
        self.users: list[int] = []
        self.items: list[int] = []
        self.days: list[float] = []
        self.invoices: list[int] = []

    def add(self, invoice: str, customer_id: str | None, sku: str, day: float) -> None:
        item = self.sku_index.setdefault(sku, len(self.sku_index))
        user = -1 if not customer_id else self.customer_index.setdefault(
            customer_id, len(self.customer_index))
        self.users.append(user)
        self.items.append(item)
        self.days.append(day)
        self.invoices.append(self.invoice_index.setdefault(invoice, len(self.invoice_index)))

    def build(self, *, products: Mapping[str, Mapping[str, Any]] | None = None,
              preferences: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
              end: float | None = None) -> Snapshot:
        products = products or {}
        for sku in products:  # products nobody bought yet still get content picks
            self.sku_index.setdefault(sku, len(self.sku_index))
        skus = tuple(self.sku_index)
        info = [products.get(sku, {}) for sku in skus]
        return Snapshot(
            skus=skus,
            customers=tuple(self.customer_index),
            line_user=np.asarray(self.users, dtype=np.int32),
            line_item=np.asarray(self.items, dtype=np.int32),
            line_day=np.asarray(self.days, dtype=np.float64),
            line_invoice=np.asarray(self.invoices, dtype=np.int64),
            names=tuple(str(p.get("name") or sku) for p, sku in zip(info, skus, strict=True)),
            themes=tuple(p.get("theme") for p in info),
            colours=tuple(tuple(p.get("colours") or ()) for p in info),
            prices=np.asarray([np.nan if p.get("price") is None else float(p["price"])
                               for p in info], dtype=np.float64),
            preferences=dict(preferences or {}),
            end=end,
        )


def from_lines(lines: Iterable[tuple[str, str | None, str, datetime]], *,
               products: Mapping[str, Mapping[str, Any]] | None = None,
               end: datetime | None = None) -> Snapshot:
    """A snapshot from (invoice, customer_id, sku, ts) tuples (tests, small tools)."""
    builder = _Builder()
    for invoice, customer_id, sku, ts in lines:
        builder.add(invoice, customer_id, sku, day_number(ts))
    return builder.build(products=products, end=None if end is None else day_number(end))


def from_clean(clean: Any, *, end: datetime | None = None) -> Snapshot:
    """A snapshot from ``kiosk.importer.load_clean``'s result (no database)."""
    builder = _Builder()
    add = builder.add
    for line in clean.lines:
        add(line.invoice, line.customer_id, line.sku, day_number(line.ts))
    prices = getattr(clean, "prices", {}) or {}
    products = {sku: {"name": name, "price": prices.get(sku)}
                for sku, name in clean.products.items()}
    return builder.build(products=products, end=None if end is None else day_number(end))


def from_store(db: Any, *, end: datetime | None = None) -> Snapshot:
    """A snapshot of the kiosk's store: purchases (not excluded), products, preferences."""
    builder = _Builder()
    for invoice, customer_id, sku, ts in purchases.for_training(db):
        builder.add(invoice, customer_id, sku, day_number(datetime.fromisoformat(ts)))
    products: dict[str, dict[str, Any]] = {}
    for sku, name, price, theme, colours, active in catalogue.for_training(db):
        if not active and sku not in builder.sku_index:
            continue
        products[sku] = {"name": name, "price": price, "theme": theme,
                         "colours": _json_list(colours)}
    return builder.build(products=products, preferences=read_preferences(db),
                         end=None if end is None else day_number(end))


def read_preferences(db: Any, customer_id: str | None = None
                     ) -> dict[str, dict[str, tuple[str, ...]]]:
    """customer id -> {key: values} from the preferences table."""
    result: dict[str, dict[str, list[str]]] = {}
    for cid, key, value in customers.preference_values(db, customer_id):
        result.setdefault(cid, {}).setdefault(key, []).append(value)
    return {cid: {k: tuple(v) for k, v in prefs.items()} for cid, prefs in result.items()}


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []
