"""A consent given in person to a member of staff (``kiosk privacy consent``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.chain import MAX_NAME

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def record_consent(kiosk: Kiosk, customer_id: str, purpose: str, granted: bool, *, by: str,
                   card_code: str | None = None) -> None:
    """The shopper's answer, taken by staff member ``by``; travels as a staff edit.

    Head office takes a grant into the chain's record only with the shopper's
    card (``card_code``); a withdrawal from a device of their store always
    counts (``kiosk.hq.record``).
    """
    name = str(by).strip()
    if not 0 < len(name) <= MAX_NAME:
        raise ValueError(f"--by: the staff member's name, 1 to {MAX_NAME} characters")
    kiosk.privacy.set_consent(customer_id, purpose, bool(granted), source="staff",
                              card_code=card_code)
