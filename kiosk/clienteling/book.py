"""The client book: find the shoppers staff may see, by first name, card or filter.

Only shoppers whose latest ``staff_profile`` answer is yes are ever returned.
The index (``kiosk.store.clients``) is refreshed from the marks its triggers
left before every read, and each answer is checked once more against the
consent log (one query), so a withdrawal made a moment ago, anywhere, is
already honoured.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from kiosk.clienteling import gate
from kiosk.clienteling.days import days_between, reference_day
from kiosk.clienteling.settings import SECTION, StaffSettings
from kiosk.identity.results import OK
from kiosk.store import clients, customers, feedback, purchases

if TYPE_CHECKING:
    from kiosk.app import Kiosk

FILTERS = ("lapsing", "recently_seen", "saved_not_bought", "high_value")
MAX_LIMIT = 500
MAX_TEXT = 100


@dataclass(frozen=True, slots=True)
class ClientRow:
    """One client of the book, as a list shows them (a first name at most)."""

    customer_id: str
    first_name: str | None
    last_visit: str | None
    visits: int
    spend: float
    advisor: str | None
    flags: tuple[str, ...] = ()


def settings(kiosk: Kiosk) -> StaffSettings:
    return kiosk.config.plugin_settings(SECTION, StaffSettings)


def fresh(kiosk: Kiosk) -> None:
    """Bring the index up to date with every write so far (cheap when nothing changed)."""
    if clients.needs_refresh(kiosk.db):
        with kiosk.transaction() as db:
            clients.refresh(db)


def usual_interval(visits: int, first: str | None, last: str | None) -> int | None:
    """Whole days between visits on average (None before a second visit)."""
    if visits < 2 or not first or not last:
        return None
    span = days_between(first, date.fromisoformat(last[:10]))
    return None if span is None else round(span / (visits - 1))


class Flagger:
    """Which ``FILTERS`` each row matches, worked out once for a list of rows."""

    def __init__(self, kiosk: Kiosk, ids: list[str], today: date | None = None):
        self.settings = settings(kiosk)
        db = kiosk.db
        self.today = today or reference_day(db)
        self.threshold = clients.high_value_threshold(db, self.settings.high_value_share)
        self.seen = feedback.seen_since(db, seen_since(self.settings), ids) if ids else set()
        self.saved = saved_not_bought(kiosk, ids) if ids else {}

    def lapsing_days(self, row: clients.BookRow) -> int | None:
        """Days past the usual interval when lapsing (None otherwise)."""
        _, _, last, visits, _, _, first = row
        interval = usual_interval(visits, first, last)
        since = days_between(last, self.today)
        if interval is None or since is None or since <= self.settings.lapsing_factor * interval:
            return None
        return since - interval

    def flags(self, row: clients.BookRow) -> tuple[str, ...]:
        found = []
        if self.lapsing_days(row) is not None:
            found.append("lapsing")
        if row[0] in self.seen:
            found.append("recently_seen")
        if self.saved.get(row[0]):
            found.append("saved_not_bought")
        if self.threshold is not None and row[4] > 0 and row[4] >= self.threshold:
            found.append("high_value")
        return tuple(found)

    def row(self, row: clients.BookRow) -> ClientRow:
        customer_id, first_name, last, visits, spend, advisor, _ = row
        return ClientRow(customer_id, first_name, last, int(visits), float(spend), advisor,
                         self.flags(row))


def seen_since(staff_settings: StaffSettings) -> str:
    return (datetime.now(UTC) - timedelta(days=staff_settings.recently_seen_days)).isoformat()


def saved_not_bought(kiosk: Kiosk, ids: list[str] | None) -> dict[str, list[str]]:
    """customer -> skus they saved at a kiosk and have not bought since (of ``ids``, or all)."""
    saves = feedback.saves(kiosk.db, ids)
    bought = purchases.last_bought(kiosk.db, ((c, s) for c, s, _ in saves))
    found: dict[str, list[str]] = {}
    for customer_id, sku, saved_at in saves:
        when = bought.get((customer_id, sku))
        if when is None or when[:19] < saved_at[:19]:
            found.setdefault(customer_id, []).append(sku)
    return found


def check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise ValueError("text: a first name, a short code or a card code (text)")
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise ValueError(f"text: at most {MAX_TEXT} characters")
    return text


def check_limit(limit: Any) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit: a whole number from 1 to {MAX_LIMIT}")
    return limit


def card_customer(kiosk: Kiosk, code: str) -> str | None:
    """The shopper a scanned card or typed short code belongs to (None: no such card)."""
    verdict = kiosk.identity.verify(code)
    return verdict.customer_id if verdict.status == OK else None


def looks_like_code(text: str) -> bool:
    """First names have no digits; card and short codes do (or are long)."""
    return any(c.isdigit() for c in text) or len(text) > 40


def search(kiosk: Kiosk, text: str = "", *, staff: str | None = None,
           filter: str | None = None, limit: int = 50) -> list[ClientRow]:
    """The consenting clients matching ``text`` and ``filter`` (``staff``: only theirs)."""
    text, limit = check_text(text), check_limit(limit)
    if filter is not None and filter not in FILTERS:
        raise ValueError(f"filter: one of {', '.join(FILTERS)}, or none")
    fresh(kiosk)
    db = kiosk.db
    if text and looks_like_code(text):
        customer_id = card_customer(kiosk, text)
        found = clients.rows_for(db, [customer_id]) if customer_id else {}
        rows = list(found.values())
    else:
        query: dict[str, Any] = {"name_prefix": clients.fold_name(text) or None,
                                 "advisor": staff, "limit": limit}
        staff_settings = settings(kiosk)
        if filter == "lapsing":
            query["lapsing"] = (reference_day(db).isoformat(), staff_settings.lapsing_factor)
        elif filter == "high_value":
            threshold = clients.high_value_threshold(db, staff_settings.high_value_share)
            if threshold is None:
                return []
            query["min_spend"] = threshold
        elif filter == "recently_seen":
            query["ids"] = feedback.seen_since(db, seen_since(staff_settings))
        elif filter == "saved_not_bought":
            query["ids"] = list(saved_not_bought(kiosk, None))
        rows = clients.search(db, **query)
    still = allowed(kiosk, [r[0] for r in rows])
    rows = [r for r in rows if r[0] in still]
    flagger = Flagger(kiosk, [r[0] for r in rows])
    return [flagger.row(r) for r in rows]


def client_row(kiosk: Kiosk, customer_id: str, flagger: Flagger | None = None
               ) -> ClientRow | None:
    """One client's row (None if not in the book)."""
    fresh(kiosk)
    row = clients.row_of(kiosk.db, customer_id)
    if row is None:
        return None
    return (flagger or Flagger(kiosk, [customer_id])).row(row)


def find_card(kiosk: Kiosk, code: Any) -> str:
    """The customer id of a scanned card or typed short code, if staff may see them."""
    if not isinstance(code, str) or not code.strip() or len(code) > 200:
        raise ValueError("code: the card's code or short code, as scanned or typed")
    customer_id = card_customer(kiosk, code.strip())
    if customer_id is None or not customers.exists(kiosk.db, customer_id):
        raise LookupError("no customer with that card")
    gate.require(kiosk, customer_id)
    return customer_id


def allowed(kiosk: Kiosk, customer_ids: Any) -> set[str]:
    """Which of ``customer_ids`` staff may still see (one query on the consent log)."""
    ids = [str(c) for c in customer_ids or () if isinstance(c, str)]
    if not ids:
        return set()
    return customers.consenting_among(kiosk.db, ids, gate.PURPOSE)
