"""The consent gate: staff see and curate only shoppers who agreed to ``staff_profile``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.store import customers

if TYPE_CHECKING:
    from kiosk.app import Kiosk

PURPOSE = "staff_profile"


class NoStaffConsent(PermissionError):
    """The shopper has not agreed (or no longer agrees) to staff seeing their profile."""

    def __init__(self) -> None:
        super().__init__("this customer has not agreed to staff keeping a profile "
                         "(consent staff_profile), so staff cannot see or change it")


def allowed(kiosk: Kiosk, customer_id: str) -> bool:
    """True only while the shopper's latest ``staff_profile`` answer is yes."""
    return customers.exists(kiosk.db, customer_id) and kiosk.privacy.consented(
        customer_id, PURPOSE)


def require(kiosk: Kiosk, customer_id: str) -> None:
    """Raise ``NoStaffConsent`` unless ``allowed`` (asked anew on every call)."""
    if not allowed(kiosk, customer_id):
        raise NoStaffConsent()
