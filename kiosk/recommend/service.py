"""``kiosk.recommendations``: shelves for a shopper, feedback, staff picks, training.

Every path honours consent: without personalisation consent a shopper gets
the guest picks, and nothing shown or said is stored against their id.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from kiosk.events import utcnow
from kiosk.plugins import call_each
from kiosk.recommend import artefacts
from kiosk.recommend.blender import Filters, diversify, fuse
from kiosk.recommend.engine import Engine
from kiosk.recommend.isolation import Isolator
from kiosk.recommend.registry import collect_recommenders
from kiosk.recommend.settings import RecommendSettings
from kiosk.recommend.snapshot import from_store, read_preferences
from kiosk.recommend.training import train as train_models
from kiosk.recommend.types import (
    SHELF_OF_REASON,
    SHELF_ORDER,
    Candidate,
    Context,
    Pick,
    Reason,
    Shelf,
    day_number,
)
from kiosk.store import catalogue, customers, feedback, purchases
from kiosk.store import recommend as recommend_store

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

FEEDBACK_KINDS = ("not_for_me", "save", "more_like_this", "open")
_EVENT_OF_FEEDBACK = {"not_for_me": "not_for_me", "save": "save",
                      "more_like_this": "more_like_this", "open": "feedback"}
INTEREST_KINDS = ("save", "more_like_this", "open")


class ModelsNotReady(RuntimeError):
    """Personal picks were asked for before the first models were trained."""


class _StandIn(Engine):
    """The store's non-personal recommenders only, while the first models are trained."""


class RecommendationService:
    """Settings come from the ``[plugins.recommend]`` table of the config file:
    ``budget_ms`` (150), ``frequency_cap_shows`` (3), ``frequency_cap_rest_days`` (14),
    checked against ``kiosk.recommend.settings.RecommendSettings``.
    """

    def __init__(self, kiosk: Kiosk):
        self.kiosk = kiosk
        settings = kiosk.config.plugin_settings("recommend", RecommendSettings)
        self.budget_ms = settings.budget_ms
        self.cap_shows = settings.frequency_cap_shows
        self.cap_rest_days = settings.frequency_cap_rest_days
        self.isolator = Isolator(budget_seconds=self.budget_ms / 1000.0,
                                 on_worker_exit=kiosk.store.release)
        self._engine: Engine | None = None
        self._version: int | None = None
        self._products: dict[str, tuple[Any, ...]] = {}
        self._lock = threading.RLock()
        # False once the app trains in the background (train_in_background): until the
        # first models exist, shelves() gets the store's picks from a quick stand-in
        # instead of training (and blocking) on the caller's thread.
        self._train_when_missing = True
        self._stand_in: Engine | None = None
        self._stand_in_lock = threading.Lock()
        self._recommenders()  # two plugins registering one name stop the start, not a shelf
        kiosk.on_close(self.close)

    # -- models -------------------------------------------------------------

    def _recommenders(self) -> list[Any]:
        return collect_recommenders(self.kiosk.pm, self.kiosk)

    def train_in_background(self) -> None:
        """From now on, never train on the caller's thread: whoever calls this trains.

        Until the first models exist, ``engine()`` then returns a stand-in that
        knows only the store's non-personal picks (popular, trending, seasonal),
        fitted in well under a second, and personal picks raise ``ModelsNotReady``.
        The kiosk window calls it, then trains on a worker of its own
        (``kiosk.ui.presenters.training``).
        """
        self._train_when_missing = False

    def engine(self) -> Engine:
        """The trained models: the latest stored run, or a fresh training if none
        (a stand-in after ``train_in_background``)."""
        with self._lock:
            if not self.load():
                if not self._train_when_missing:
                    return self._store_picks_engine()
                log.info("no trained models yet; training now")
                self.train()
            assert self._engine is not None
            return self._engine

    def load(self) -> bool:
        """Load the latest stored models if not loaded yet; False when none are stored."""
        with self._lock:
            if self._engine is None:
                loaded = artefacts.load_run(self.kiosk.db, self._recommenders())
                if loaded is None:
                    return False
                recommenders, weights, self._version = loaded
                self._engine = Engine(recommenders, weights, isolator=self.isolator)
                self._load_products()
            return True

    def _store_picks_engine(self) -> Engine:
        with self._stand_in_lock:
            if self._stand_in is None:
                guests = [r for r in self._recommenders() if not getattr(r, "personal", True)]
                result = train_models(from_store(self.kiosk.db), guests, tune=False,
                                      isolator=self.isolator)
                self._stand_in = _StandIn(list(result.engine.recommenders.values()),
                                          isolator=self.isolator)
                self._load_products()
            return self._stand_in

    def _load_products(self) -> None:
        self._products = {row[0]: row[1:] for row in catalogue.shown_fields(self.kiosk.db)}

    def has_purchases(self) -> bool:
        """True if the store has purchases to learn from."""
        return purchases.any_purchases(self.kiosk.db)

    def train(self, progress: Callable[[float, str], None] | None = None) -> dict[str, Any]:
        """Fit every enabled recommender on the store and keep the run as a new version.

        Slow on a big store: the UI calls it off the GUI thread. ``progress``
        gets (fraction 0..1, message).
        """
        snapshot = from_store(self.kiosk.db)
        recommenders = self._recommenders()
        result = train_models(snapshot, recommenders, progress=progress,
                              isolator=self.isolator)
        fitted = list(result.engine.recommenders.values())
        version = artefacts.save_run(
            self.kiosk.db, fitted, weights=result.engine.weights, window=snapshot.window(),
            parameters=result.parameters, metrics=result.validation, seconds=result.seconds)
        with self._lock:
            self._engine, self._version = result.engine, version
            self._stand_in = None
            self._load_products()
        return {"version": version, "window": snapshot.window(),
                "purchases": len(snapshot.line_item), "customers": snapshot.n_users,
                "products": snapshot.n_items, "recommenders": sorted(result.engine.recommenders),
                "failed": result.failed, "seconds": result.seconds,
                "weights": result.engine.weights.as_dict(), "validation": result.validation}

    # -- what we may use ----------------------------------------------------

    def _personal(self, customer_id: str | None) -> bool:
        return customer_id is not None and self.kiosk.privacy.consented(
            customer_id, "personalisation")

    def context(self, customer_id: str | None, *, now: datetime | None = None) -> Context:
        """The shopper's context: their history and preferences only with consent."""
        today = day_number(now or datetime.now(UTC))
        if not self._personal(customer_id):
            return Context(customer_id=None, now=today, personal=False)
        rows = purchases.history(self.kiosk.db, customer_id)
        return Context(customer_id=customer_id, now=today,
                       history_skus=tuple(r[0] for r in rows),
                       history_days=np.asarray([day_number(datetime.fromisoformat(r[1]))
                                                for r in rows], dtype=np.float64),
                       preferences=read_preferences(self.kiosk.db, customer_id).get(
                           customer_id, {}),
                       personal=True)

    @staticmethod
    def _who(context: Context) -> str | None:
        """Whose feedback counts besides this session's: the shopper's, with consent."""
        return context.customer_id if context.personal else None

    def _not_for_me(self, context: Context, session_id: str) -> set[str]:
        return feedback.not_for_me(self.kiosk.db, self._who(context), session_id)

    def _resting(self, context: Context, session_id: str) -> set[str]:
        """Items shown ``cap_shows`` times in the last ``cap_rest_days`` without interest."""
        since = (datetime.now(UTC) - timedelta(days=self.cap_rest_days)).isoformat()
        shown = feedback.shown_often(self.kiosk.db, self._who(context), session_id,
                                     since=since, shows=self.cap_shows)
        if not shown:
            return set()
        return shown - feedback.reacted_to(self.kiosk.db, self._who(context), session_id,
                                           since=since, kinds=INTEREST_KINDS)

    def _stock(self) -> dict[str, tuple[int, str | None]] | None:
        """What is on hand in this store: sku -> (quantity, location).

        ``None`` when the store has no stock data at all (a till import
        without stock): then stock is unknown, not zero, and nothing is left
        out for it.
        """
        db, store_id = self.kiosk.db, self.kiosk.config.store_id
        if not catalogue.has_stock(db, store_id):
            return None
        return catalogue.on_hand(db, store_id)

    def _curation(self, customer_id: str | None, context: Context
                  ) -> tuple[set[str], set[str]]:
        """(pinned, hidden) by staff for the shopper. Hidden items stay hidden whenever the
        shopper is known (it only protects them); pins count only with personal picks."""
        if customer_id is None:
            return set(), set()
        pinned, hidden = customers.curation(self.kiosk.db, customer_id)
        return (pinned if context.personal else set()), hidden

    def _filters(self, context: Context, session_id: str,
                 stock: dict[str, tuple[int, str | None]] | None, *,
                 exclude: Iterable[str] = (),
                 curation: tuple[set[str], set[str]] = (set(), set())) -> Filters:
        products = self._products
        return Filters(
            pinned=curation[0],
            hidden=curation[1],
            personal=context.personal,
            not_for_me=self._not_for_me(context, session_id),
            in_stock=None if stock is None else stock.__contains__,
            resting=self._resting(context, session_id),
            exclude=set(exclude),
            diversity=True,
            themes=_Column(products, 3),
            names=_Column(products, 0),
        )

    def _pick(self, c: Candidate, stock: dict[str, tuple[int, str | None]] | None) -> Pick:
        name, price, image, theme, colours = self._products.get(
            c.sku, (c.sku, None, None, None, "[]"))
        quantity, location = (stock or {}).get(c.sku, (None, None))
        try:
            colour_list = tuple(json.loads(colours or "[]"))
        except ValueError:
            colour_list = ()
        return Pick(sku=c.sku, name=name, price=price, image=image, theme=theme,
                    colours=colour_list, stock_quantity=quantity, location=location,
                    reason=c.reason, recommender=c.recommender, score=round(c.score, 6))

    # -- shelves ------------------------------------------------------------

    def shelves(self, customer_id: str | None, *, session_id: str, k: int = 12,
                now: datetime | None = None) -> list[Shelf]:
        """The shopper's picks grouped by reason, shelves in ``SHELF_ORDER``.

        Plugins may change the list through ``kiosk_recommendations_will_show``.
        """
        engine = self.engine()
        context = self.context(customer_id, now=now)
        if context.personal and isinstance(engine, _StandIn):
            raise ModelsNotReady("personal picks need trained models; they are being "
                                 "trained (ask for the store's picks meanwhile)")
        stock = self._stock()
        curation = self._curation(customer_id, context)
        picks = engine.shelf_picks(context, k, filters=self._filters(
            context, session_id, stock, curation=curation))
        grouped: dict[str, list[Pick]] = {}
        for c in picks:
            shelf = SHELF_OF_REASON.get(c.reason.code, "popular")
            grouped.setdefault(shelf, []).append(self._pick(c, stock))
        if "restock" in grouped:
            grouped["restock"] = order_by_due(grouped["restock"], context.now)
        if curation[0]:  # pinned: first on its shelf
            grouped = {key: sorted(items, key=lambda p: p.sku not in curation[0])
                       for key, items in grouped.items()}
        shelves = [Shelf(key, grouped.pop(key)) for key in SHELF_ORDER if key in grouped]
        shelves += [Shelf(key, items) for key, items in sorted(grouped.items())]
        call_each(self.kiosk.pm, "kiosk_recommendations_will_show", kiosk=self.kiosk,
                  context=context, shelves=shelves)
        return [shelf for shelf in shelves if shelf.picks]

    def suggestions(self, customer_id: str, *, k: int = 12,
                    session_id: str = "staff") -> list[tuple[str, Pick]]:
        """(shelf key, pick) of what the kiosk would pick for the shopper, for staff: items
        staff hid are kept (the caller flags them), nothing is recorded as shown."""
        engine = self.engine()
        context = self.context(customer_id)
        if context.personal and isinstance(engine, _StandIn):
            raise ModelsNotReady("personal picks need trained models; they are being trained")
        stock = self._stock()
        pinned, _ = self._curation(customer_id, context)
        picks = engine.shelf_picks(context, k, filters=self._filters(
            context, session_id, stock, curation=(pinned, set())))
        return [(SHELF_OF_REASON.get(c.reason.code, "popular"), self._pick(c, stock))
                for c in picks]

    def more_like_this(self, customer_id: str | None, sku: str, session_id: str,
                       k: int = 12) -> list[Pick]:
        """Items like ``sku`` (bought together or named alike); records the request."""
        self.record_feedback(customer_id, session_id, sku, "more_like_this")
        engine = self.engine()
        context = self.context(customer_id)
        anchor_name = self._products.get(sku, (sku,))[0]
        reason = Reason("more_like_this", {"anchor_sku": sku, "anchor_name": anchor_name})
        found: dict[str, list[Candidate]] = {}
        calls = {name: _similar(rec, sku, 3 * k) for name, rec in engine.recommenders.items()
                 if callable(getattr(rec, "similar", None))}
        for name, pairs in self.isolator.run(calls).items():
            found[name] = [Candidate(s, float(score), reason, name) for s, score in pairs]
        weights = {name: 1.0 if name == "goes_with" else 0.5 for name in found}
        stock = self._stock()
        filters = self._filters(context, session_id, stock, exclude=[sku],
                                curation=self._curation(customer_id, context))
        ranked = [c for c in fuse(found, weights)
                  if c.sku not in filters.not_for_me and c.sku not in filters.exclude
                  and c.sku not in filters.hidden
                  and (stock is None or c.sku in stock)]
        ranked = [Candidate(c.sku, c.score, reason, c.recommender) for c in ranked]
        picks = diversify(ranked, k, themes=filters.themes, names=filters.names)
        return [self._pick(c, stock) for c in picks]

    # -- what the shopper did -----------------------------------------------

    def record_impressions(self, customer_id: str | None, session_id: str,
                           picks: Sequence[Pick]) -> int:
        """Note that ``picks`` were shown (for the frequency cap); returns rows written."""
        if not picks:
            return 0
        who = customer_id if self._personal(customer_id) else None
        shown = utcnow()
        # a plugin's shelf may show its own item objects: only ``sku`` is certain
        items = [{"sku": str(p.sku), "recommender": str(getattr(p, "recommender", "") or
                                                        "plugin"),
                  "reason": _reason_code(getattr(p, "reason", None))} for p in picks]
        with self.kiosk.transaction() as db:
            feedback.add_impressions(db, who, session_id, items, shown)
            self.kiosk.record_event("impression", {"session_id": session_id, "items": items},
                                    customer_id=who)
        return len(picks)

    def record_feedback(self, customer_id: str | None, session_id: str, sku: str,
                        kind: str) -> None:
        """Store a shopper's reaction; "not_for_me" hides the item at once."""
        if kind not in FEEDBACK_KINDS:
            raise ValueError(f"unknown feedback kind {kind!r}; kinds: "
                             f"{', '.join(FEEDBACK_KINDS)}")
        who = customer_id if self._personal(customer_id) else None
        with self.kiosk.transaction() as db:
            feedback.add_feedback(db, who, session_id, sku, kind)
            if who is not None:  # the shopper's record keeps not-for-me and saves
                self.kiosk.privacy.note_reaction(who, sku, kind)
            self.kiosk.record_event(_EVENT_OF_FEEDBACK[kind],
                                    {"session_id": session_id, "sku": sku, "kind": kind},
                                    customer_id=who)

    def add_staff_pick(self, customer_id: str, sku: str, staff_name: str,
                       note: str = "") -> None:
        """A staff member picks ``sku`` for a customer (needs their staff-profile consent)."""
        if not staff_name.strip():
            raise ValueError("a staff pick needs the staff member's name")
        if not self.kiosk.privacy.consented(customer_id, "staff_profile"):
            raise PermissionError("this customer has not agreed to staff keeping a profile, "
                                  "so staff picks cannot be stored for them")
        if not catalogue.has_product(self.kiosk.db, sku):
            raise ValueError(f"no product with sku {sku!r}")
        with self.kiosk.transaction() as db:
            recommend_store.add_staff_pick(db, customer_id, sku, staff_name.strip(),
                                           note.strip())

    def close(self) -> None:
        """Stop the recommenders' worker threads (the kiosk calls this when it closes)."""
        self.isolator.close()


def order_by_due(picks: list[Pick], today: float) -> list[Pick]:
    """The restock shelf, most due first: time since last bought over the usual interval.

    Picks without a known interval follow in their blend order.
    """
    def due(pick: Pick) -> float:
        data = pick.reason.data
        interval = data.get("interval_days")
        try:
            last = day_number(datetime.fromisoformat(str(data.get("last_bought"))))
        except ValueError:
            return -1.0
        if not interval or interval <= 0:
            return -1.0
        return (today - last) / float(interval)

    return sorted(picks, key=lambda pick: -due(pick))


class _Column:
    """A read-only sku -> one field of the product cache, as a mapping for the blender."""

    def __init__(self, products: dict[str, tuple[Any, ...]], position: int):
        self._products = products
        self._position = position

    def get(self, sku: str, default: Any = None) -> Any:
        row = self._products.get(sku)
        return default if row is None else row[self._position]


def _similar(recommender: Any, sku: str, k: int) -> Callable[[], Any]:
    return lambda: recommender.similar(sku, k)


def _reason_code(reason: Any) -> str:
    """The code of a Reason, of a plain ``{"code": ...}`` dict, or "plugin"."""
    if isinstance(reason, dict):
        return str(reason.get("code") or "plugin")
    return str(getattr(reason, "code", None) or "plugin")
