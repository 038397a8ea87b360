"""Assigning a client to a member of staff ("my clients"): the record's ``advisor`` field.

A record field, so every tablet of the chain knows. Associates assign clients
to themselves or unassign their own; managers assign anyone to anyone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.chain import ADVISOR, MAX_NAME
from kiosk.clienteling import book
from kiosk.staff import StaffAccounts

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def assign(kiosk: Kiosk, customer_id: str, to: Any, *, staff: str, manager: bool) -> None:
    if to is not None and (not isinstance(to, str) or not 0 < len(to.strip()) <= MAX_NAME):
        raise ValueError(f"to: a staff member's name (1 to {MAX_NAME} characters), or None")
    to = to.strip() if isinstance(to, str) else None
    if to is not None and to not in StaffAccounts(kiosk.db).roles():
        raise LookupError("to: no staff account with that name on this device")
    if not manager:
        current = book.client_row(kiosk, customer_id)
        mine = current is None or current.advisor in (None, staff)
        if to not in (None, staff) or not mine:
            raise PermissionError("an associate assigns clients to themselves only "
                                  "(a manager assigns anyone)")
    with kiosk.transaction():
        kiosk.privacy.profile.record(customer_id, {ADVISOR: to}, by="staff")
