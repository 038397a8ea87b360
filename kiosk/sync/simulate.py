"""Realistic shopper traffic for demos, tests and benchmarks: ``kiosk simulate``.

Sessions are built from the store's real products and customers: a shopper
scans their card (only customers who consented to personalisation; others
shop as guests), is shown picks (one "impression" event listing them, as the
recommendation service records it), saves some, says "not for me" to others,
asks for more like one, and leaves. Each recommender has its
own engagement, so the head-office report has something to show. Events go
into the outbox with ``kiosk.events.append``, many per transaction.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from kiosk import events
from kiosk.store import catalogue
from kiosk.store import customers as store_customers

if TYPE_CHECKING:
    from kiosk.app import Kiosk

# recommender -> (reason code, chance of save, of not-for-me, of more-like-this)
RECOMMENDERS: dict[str, tuple[str, float, float, float]] = {
    "buy_again": ("buy_again", 0.14, 0.03, 0.02),
    "goes_with": ("goes_with", 0.09, 0.04, 0.04),
    "similar_shoppers": ("similar_shoppers", 0.07, 0.05, 0.03),
    "content": ("content_match", 0.06, 0.05, 0.05),
    "popular": ("popular_here", 0.04, 0.06, 0.02),
    "seasonal": ("seasonal", 0.05, 0.07, 0.02),
}
PERSONAL = ("buy_again", "goes_with", "similar_shoppers", "content")
GUEST = ("popular", "seasonal")


class NothingToSimulate(RuntimeError):
    """The store has no products yet."""


def consented_customers(kiosk: Kiosk) -> list[str]:
    """Customers whose latest answer for personalisation is yes."""
    return store_customers.consenting(kiosk.db, "personalisation")


def _sessions(rng: random.Random, customers: list[str], start: datetime, days: int,
              n_events: int) -> Any:
    moment = start
    # sessions average about 10 events: spread them evenly over ``days``
    mean_gap = timedelta(days=days).total_seconds() / max(1.0, n_events / 10)
    while True:
        moment += timedelta(seconds=rng.expovariate(1 / max(mean_gap, 1e-3)))
        session_id = uuid.UUID(int=rng.getrandbits(128)).hex
        customer = rng.choice(customers) if customers and rng.random() < 0.7 else None
        yield session_id, customer, moment


def simulate(kiosk: Kiosk, n_events: int, *, seed: int = 0, days: int = 7,
             per_transaction: int = 2000) -> dict[str, Any]:
    """Write ``n_events`` events of shopper sessions into the outbox; return counts."""
    if n_events < 0:
        raise ValueError("the number of events must be zero or more")
    products = [sku for sku, _ in catalogue.active_products(kiosk.db)]
    if not products:
        raise NothingToSimulate("the store has no products: run `kiosk import FILE` first")
    customers = consented_customers(kiosk)
    rng = random.Random(seed)
    kiosk_id = kiosk.config.kiosk_id
    end = datetime.now(UTC)
    start = end - timedelta(days=days)
    counts: dict[str, int] = {}
    pending: list[tuple[str, dict[str, Any], str | None, str]] = []
    written = sessions = identified = 0

    def flush() -> None:
        with kiosk.transaction() as db:
            for kind, payload, customer, at in pending:
                events.append(db, kiosk_id=kiosk_id, kind=kind, payload=payload,
                              customer_id=customer, at=at)
        pending.clear()

    def emit(kind: str, payload: dict[str, Any], customer: str | None, at: datetime) -> bool:
        nonlocal written
        if written >= n_events:
            return False
        at = min(at, end)  # sessions are spread at random: none may lie in the future
        pending.append((kind, payload, customer, at.isoformat(timespec="microseconds")))
        counts[kind] = counts.get(kind, 0) + 1
        written += 1
        if len(pending) >= per_transaction:
            flush()
        return True

    for session_id, customer, at in _sessions(rng, customers, start, days, n_events):
        if written >= n_events:
            break
        sessions += 1
        clock = at
        if customer is not None:
            identified += 1
            emit("scan", {"session_id": session_id, "status": "ok", "method": "qr"},
                 customer, clock)
        names = PERSONAL + GUEST if customer else GUEST
        shown = rng.sample(products, min(len(products), rng.randint(4, 12)))
        picks = [(sku, rng.choice(names)) for sku in shown]
        # as the recommendation service records them: one event per set of picks shown
        clock += timedelta(milliseconds=rng.randint(50, 400))
        emit("impression", {"session_id": session_id, "items": [
            {"sku": sku, "recommender": recommender, "reason": RECOMMENDERS[recommender][0]}
            for sku, recommender in picks]}, customer, clock)
        for sku, recommender in picks:
            _, p_save, p_nope, p_more = RECOMMENDERS[recommender]
            roll = rng.random()
            kind = ("save" if roll < p_save else "not_for_me" if roll < p_save + p_nope
                    else "more_like_this" if roll < p_save + p_nope + p_more else None)
            if kind:
                clock += timedelta(seconds=rng.uniform(2, 25))
                emit(kind, {"session_id": session_id, "sku": sku, "kind": kind},
                     customer, clock)
        clock += timedelta(seconds=rng.uniform(5, 90))
        emit("session_ended", {"session_id": session_id,
                               "seconds": round((clock - at).total_seconds(), 1)},
             customer, clock)
    if pending:
        flush()
    return {"events": written, "sessions": sessions, "identified_sessions": identified,
            "customers_available": len(customers), "products": len(products),
            "by_kind": dict(sorted(counts.items()))}
