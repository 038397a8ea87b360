"""The customer page's data, for staff: one call, gated by consent, audited ("view").

History across stores (a timeline of visits and spend per month), preferences
with their source, staff notes, the saved and not-for-me lists with stock and
location in this store, what the kiosk showed lately and why, and staff's
curation. A first name at most: there is no surname or email to show.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kiosk.clienteling import book, gate, notes
from kiosk.clienteling.audit import VIEW, audit
from kiosk.recommend.explain import explain
from kiosk.recommend.types import Reason
from kiosk.store import catalogue, customers, feedback, purchases
from kiosk.store import recommend as recommend_store

if TYPE_CHECKING:
    from kiosk.app import Kiosk

MAX_VISITS = 100
MAX_SHOWN = 30
MONTHS = 24


def customer_page(kiosk: Kiosk, customer_id: str, *, staff: str,
                  audited: bool = True) -> dict[str, Any]:
    """What staff see of a consenting shopper (``NoStaffConsent`` otherwise); audited
    ("view") unless ``audited`` is False (the tablet reloading after an audited edit)."""
    gate.require(kiosk, customer_id)
    db = kiosk.db
    row = customers.require(db, customer_id)
    lines = purchases.lines_of(db, customer_id)
    store_id = kiosk.config.store_id
    saved = feedback.reacted(db, customer_id, "save")
    not_for_me = feedback.reacted(db, customer_id, "not_for_me")
    shown = feedback.shown_to(db, customer_id, MAX_SHOWN)
    picks = recommend_store.staff_picks(db, customer_id, 200)
    curation = customers.field_values(db, customer_id, "pin:") | customers.field_values(
        db, customer_id, "hide:")
    skus = ({line[3] for line in lines} | {s for s, _ in saved} | {s for s, _ in not_for_me}
            | {r[1] for r in shown} | {p[0] for p in picks})
    products = catalogue.products_here(db, store_id, skus)
    book_row = book.client_row(kiosk, customer_id)
    stats = _stats(lines)
    # an imported store's records start on the import day, after the history they hold
    since = min(filter(None, (row[3][:10], stats["first_visit"])))
    data = {
        "customer": {"id": customer_id, "first_name": row[1], "since": since,
                     "advisor": book_row.advisor if book_row else None},
        "paused": customers.is_paused(db, customer_id),
        "consents": kiosk.privacy.consents(customer_id),
        "stats": stats,
        "timeline": _timeline(lines, products),
        "spend_by_month": spend_by_month(lines, book.reference_day(db)),
        "preferences": [{"key": k, "value": v, "source": s, "updated": u}
                        for k, v, s, u in customers.preferences_of(db, customer_id)],
        "notes": notes.listed(kiosk, customer_id),
        "saved": [{"sku": sku, "name": _name(products, sku), "stock": _stock(products, sku),
                   "location": _location(products, sku)} for sku, _ in saved],
        "not_for_me": [{"sku": sku, "name": _name(products, sku)} for sku, _ in not_for_me],
        "shown": [{"at": at, "sku": sku, "name": _name(products, sku), "shelf": recommender,
                   "reason": reason_dict(code)} for at, sku, recommender, code in shown],
        "curation": {
            "picks": [{"sku": sku, "name": _name(products, sku), "by": by, "note": note}
                      for sku, by, note in picks],
            "pinned": sorted(f.partition(":")[2] for f, v in curation.items()
                             if f.startswith("pin:") and v is True),
            "hidden": sorted(f.partition(":")[2] for f, v in curation.items()
                             if f.startswith("hide:") and v is True)},
    }
    if audited:
        audit(kiosk, staff, VIEW, customer_id)
    return data


def reason_dict(code: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    reason = Reason(code, params or {})
    return {"code": code, "params": dict(params or {}), "text": explain(reason)}


def _name(products: dict[str, tuple[Any, ...]], sku: str) -> str:
    return products.get(sku, (sku,))[0]


def _stock(products: dict[str, tuple[Any, ...]], sku: str) -> int | None:
    found = products.get(sku)
    return None if found is None or found[1] is None else int(found[1])


def _location(products: dict[str, tuple[Any, ...]], sku: str) -> str | None:
    found = products.get(sku)
    return None if found is None else found[2]


def _stats(lines: list[tuple[Any, ...]]) -> dict[str, Any]:
    days = sorted({line[0][:10] for line in lines})
    visits = len(days)
    return {"visits": visits,
            "spend": round(sum(line[4] * line[5] for line in lines), 2),
            "first_visit": days[0] if days else None,
            "last_visit": days[-1] if days else None,
            "usual_interval_days": book.usual_interval(visits, days[0] if days else None,
                                                       days[-1] if days else None),
            "stores": sorted({line[1] for line in lines})}


def _timeline(lines: list[tuple[Any, ...]], products: dict[str, tuple[Any, ...]]
              ) -> list[dict[str, Any]]:
    """One entry per invoice, newest first, at most ``MAX_VISITS``."""
    visits: dict[str, dict[str, Any]] = {}
    for ts, store, invoice, sku, quantity, price in lines:
        visit = visits.get(invoice)
        if visit is None:
            if len(visits) >= MAX_VISITS:
                continue
            visit = visits[invoice] = {"date": ts[:10], "store": store, "invoice": invoice,
                                       "total": 0.0, "items": []}
        visit["total"] = round(visit["total"] + quantity * price, 2)
        visit["items"].append({"sku": sku, "name": _name(products, sku),
                               "quantity": quantity, "price": price})
    return list(visits.values())


def spend_by_month(lines: list[tuple[Any, ...]], today: date) -> list[dict[str, Any]]:
    """Spend in each of the ``MONTHS`` months up to ``today``'s, oldest first (zeros too)."""
    months = []
    year, month = today.year, today.month
    for _ in range(MONTHS):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months.reverse()
    spend = dict.fromkeys(months, 0.0)
    for line in lines:
        key = line[0][:7]
        if key in spend:
            spend[key] += line[4] * line[5]
    return [{"month": m, "spend": round(spend[m], 2)} for m in months]
