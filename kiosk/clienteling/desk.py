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

from kiosk.clienteling import audit as audit_log
from kiosk.clienteling import book
from kiosk.clienteling.gate import NoStaffConsent
from kiosk.staff import StaffAccounts
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
