"""The customer page's data, for staff: one call, gated by consent, audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.clienteling import gate
from kiosk.clienteling.audit import VIEW, audit

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def customer_page(kiosk: Kiosk, customer_id: str, *, staff: str) -> dict[str, Any]:
    """What staff see of a consenting shopper (``NoStaffConsent`` otherwise); audited."""
    gate.require(kiosk, customer_id)
    known = kiosk.privacy.what_we_know(customer_id)
    audit(kiosk, staff, VIEW, customer_id)
    return {
        "customer": {"id": customer_id, "first_name": known["customer"]["first_name"]},
        "personalisation_paused": known["personalisation_paused"],
        "preferences": known["preferences"],
        "purchases": known["purchases"],
        "notes": known["notes"],
    }
