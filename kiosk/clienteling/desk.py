"""Signing in at a staff tablet, and the session every staff call goes through.

``StaffDesk(kiosk).sign_in(pin)`` checks the PIN (``kiosk.staff``: scrypt,
lockout) and opens a ``StaffSession`` for that member of staff and their
role. Every method of the session that reads or writes a shopper asks the
consent gate anew (``kiosk.clienteling.gate``) and is audited
(``kiosk.clienteling.audit``: who, what, which customer, when, which device);
a signed-out session refuses everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.clienteling import advisor, assign, book, contact, curate, gate, notes, page
from kiosk.clienteling import audit as audit_log
from kiosk.clienteling import catalogue as staff_catalogue
from kiosk.clienteling.gate import NoStaffConsent
from kiosk.staff import StaffAccounts
from kiosk.store import customers
from kiosk.store import staff as staff_store
from kiosk.store.staff import ROLES

if TYPE_CHECKING:
    from kiosk.app import Kiosk

MANAGER = "manager"

__all__ = ["ROLES", "NoStaffConsent", "SignIn", "StaffDesk", "StaffSession"]


class SignedOut(PermissionError):
    """The session was closed (signed out or locked): sign in again."""

    def __init__(self) -> None:
        super().__init__("this staff session has ended: sign in again")


@dataclass(frozen=True)
class SignIn:
    """The answer to a PIN: a session when ``ok``; else how long it is locked, or how
    many tries are left before it locks."""

    ok: bool
    session: StaffSession | None
    locked_seconds: int = 0
    failures_left: int = 0


class StaffDesk:
    """One tablet's desk: signs staff in. One per tablet process."""

    def __init__(self, kiosk: Kiosk):
        self.kiosk = kiosk

    def sign_in(self, pin: Any) -> SignIn:
        """A session for the member of staff whose PIN this is (audited "sign_in")."""
        if not isinstance(pin, str):
            raise ValueError("pin: the staff member's PIN, digits as text")
        check = StaffAccounts(self.kiosk.db).verify(pin)
        if not check.ok or check.name is None:
            return SignIn(False, None, check.locked_seconds, check.failures_left)
        session = StaffSession(self.kiosk, check.name, check.role or ROLES[0])
        audit_log.audit(self.kiosk, session.name, "sign_in", None)
        return SignIn(True, session, 0, check.failures_left)


class StaffSession:
    """What one signed-in member of staff may do on this tablet (see the module doc)."""

    def __init__(self, kiosk: Kiosk, name: str, role: str):
        self.kiosk = kiosk
        self.name = name
        self.role = role
        self.device = kiosk.config.kiosk_id
        self.store = kiosk.config.store_id
        self.idle_seconds = book.settings(kiosk).idle_seconds
        self._open = True

    def __repr__(self) -> str:
        return f"StaffSession(role={self.role!r}, open={self._open})"

    @property
    def is_manager(self) -> bool:
        return self.role == MANAGER

    @property
    def signed_in(self) -> bool:
        return self._open

    def _check_open(self) -> None:
        if not self._open:
            raise SignedOut()

    def _audit(self, action: str, customer_id: str | None = None) -> None:
        audit_log.audit(self.kiosk, self.name, action, customer_id)

    def sign_out(self) -> None:
        """End the session (audited "sign_out"); every later call raises ``SignedOut``."""
        if self._open:
            self._open = False
            self._audit("sign_out")

    # -- the client book ---------------------------------------------------------------

    def search(self, text: str = "", *, mine: bool = False, filter: str | None = None,
               limit: int = 50) -> list[book.ClientRow]:
        """Consenting clients by first-name prefix, short/card code, mine, filter (audited
        "search", without the text typed)."""
        self._check_open()
        rows = book.search(self.kiosk, text, staff=self.name if mine else None,
                           filter=filter, limit=limit)
        self._audit("search")
        return rows

    def find_card(self, code: str) -> str:
        """The customer id of a scanned card or typed short code (audited "find_card")."""
        self._check_open()
        customer_id = book.find_card(self.kiosk, code)
        self._audit("find_card", customer_id)
        return customer_id

    def allowed(self, customer_ids: Any) -> set[str]:
        """Which of ``customer_ids`` may still be shown (the UI polls it; not audited: it
        reads no profile, only whether the gate is still open)."""
        self._check_open()
        return book.allowed(self.kiosk, customer_ids)

    # -- the customer page --------------------------------------------------------------

    def _gate(self, customer_id: Any) -> str:
        """Open, a known id, and the shopper's consent (asked anew): else raise."""
        self._check_open()
        if not isinstance(customer_id, str) or not customer_id:
            raise ValueError("customer_id: the customer's id (text)")
        if not customers.exists(self.kiosk.db, customer_id):
            raise LookupError("no customer with that id")
        gate.require(self.kiosk, customer_id)
        return customer_id

    def page(self, customer_id: str, *, audit: bool = True) -> dict[str, Any]:
        """Everything staff see of a consenting shopper, in one call (audited "view").

        ``audit=False``: the same page, not audited, for the tablet reloading it after an
        edit (the edit was audited): the trail keeps the real opens only. Gated either way.
        """
        if not isinstance(audit, bool):
            raise ValueError("audit: must be true or false")
        self._gate(customer_id)
        return page.customer_page(self.kiosk, customer_id, staff=self.name, audited=audit)

    def set_preference(self, customer_id: str, key: str, value: str) -> None:
        """Add a preference with source "staff" (audited "preference")."""
        self._gate(customer_id)
        key, value = _text("key", key, 40), _text("value", value, 80)
        self.kiosk.privacy.set_preference(customer_id, key, value, source="staff")
        self._audit("preference", customer_id)

    def remove_preference(self, customer_id: str, key: str, value: str) -> None:
        """Remove one preference value (audited "preference")."""
        self._gate(customer_id)
        key, value = _text("key", key, 40), _text("value", value, 80)
        self.kiosk.privacy.remove_preference(customer_id, key, value, source="staff")
        self._audit("preference", customer_id)

    def add_note(self, customer_id: str, text: str) -> str:
        """A note about the shopper, signed by this member of staff; returns its id."""
        self._gate(customer_id)
        note_id = notes.add(self.kiosk, customer_id, text, self.name)
        self._audit("note", customer_id)
        return note_id

    def edit_note(self, customer_id: str, note_id: str, text: str) -> None:
        self._gate(customer_id)
        notes.edit(self.kiosk, customer_id, note_id, text, self.name)
        self._audit("note", customer_id)

    def remove_note(self, customer_id: str, note_id: str) -> None:
        self._gate(customer_id)
        notes.remove(self.kiosk, customer_id, note_id)
        self._audit("note", customer_id)

    # -- curating picks ---------------------------------------------------------------

    def catalogue(self, text: str = "", *, limit: int = 50,
                  in_stock: bool = False) -> list[dict[str, Any]]:
        """Products with stock and location in this store (no shopper: audited without one)."""
        self._check_open()
        found = staff_catalogue.browse(self.kiosk, text, limit=limit, in_stock=in_stock)
        self._audit("catalogue")
        return found

    def suggested(self, customer_id: str, k: int = 12) -> list[dict[str, Any]]:
        """The recommenders' picks for the shopper with reasons; hidden ones flagged."""
        self._gate(customer_id)
        found = curate.suggested(self.kiosk, customer_id, book.check_limit(k))
        self._audit("suggested", customer_id)
        return found

    def pick(self, customer_id: str, sku: str, note: str = "") -> None:
        """Pick ``sku`` for the shopper ("Picked for you by NAME: NOTE")."""
        self._gate(customer_id)
        curate.add_pick(self.kiosk, customer_id, sku, self.name, note)
        self._audit("pick", customer_id)

    def unpick(self, customer_id: str, sku: str) -> None:
        self._gate(customer_id)
        curate.remove_pick(self.kiosk, customer_id, sku)
        self._audit("unpick", customer_id)

    def pin(self, customer_id: str, sku: str, on: bool = True) -> None:
        """Pin ``sku`` first on its shelf at every kiosk (``on=False``: unpin)."""
        self._gate(customer_id)
        curate.set_pin(self.kiosk, customer_id, sku, bool(on))
        self._audit("pin", customer_id)

    def hide(self, customer_id: str, sku: str, on: bool = True) -> None:
        """Never show ``sku`` to the shopper at any kiosk (``on=False``: show it again)."""
        self._gate(customer_id)
        curate.set_hidden(self.kiosk, customer_id, sku, bool(on))
        self._audit("hide", customer_id)

    def assign(self, customer_id: str, to: str | None) -> None:
        """Make ``to`` the client's advisor (None: nobody). Associates: themselves only."""
        self._gate(customer_id)
        assign.assign(self.kiosk, customer_id, to, staff=self.name, manager=self.is_manager)
        self._audit("assign", customer_id)

    # -- advisor, contact, audit ------------------------------------------------------

    def advisor(self, *, mine: bool = False) -> dict[str, Any]:
        """Today's list: lapsing, new this week, saved items back in stock, help waiting."""
        self._check_open()
        found = advisor.today_list(self.kiosk, staff=self.name if mine else None)
        self._audit("advisor")
        return found

    def contact(self, customer_id: str, message: str) -> list[str]:
        """Channels (plugins) that accepted the message; [] means "at their next visit"."""
        self._gate(customer_id)
        channels = contact.contact(self.kiosk, customer_id, message, staff=self.name)
        self._audit("contact", customer_id)
        return channels

    def audit(self, customer_id: str) -> list[dict[str, Any]]:
        """Every staff act on the shopper on this device, newest first (managers only)."""
        self._check_open()
        if not self.is_manager:
            raise PermissionError("only a manager reads the staff audit")
        if not isinstance(customer_id, str) or not customer_id:
            raise ValueError("customer_id: the customer's id (text)")
        rows = staff_store.audit_rows(self.kiosk.db, customer_id)
        self._audit("audit", customer_id)
        return [{"at": at, "staff": staff, "action": action, "device": device}
                for at, staff, action, _, device in rows]


def _text(name: str, value: Any, longest: int) -> str:
    if not isinstance(value, str) or not 0 < len(value.strip()) <= longest:
        raise ValueError(f"{name}: text of 1 to {longest} characters")
    return value.strip()
