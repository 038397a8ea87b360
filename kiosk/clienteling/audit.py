"""Every staff read and write of a shopper's data, kept here and told to head office.

A row of ``staff_audit`` (who, what, which customer, when, which device) for
every act; opening a profile is also a critical ``staff_viewed`` event, so
head office's record shows the shopper who looked (staff name, store, date).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.store import staff as staff_store
from kiosk.store.times import utcnow

if TYPE_CHECKING:
    from kiosk.app import Kiosk

VIEW = "view"


def audit(kiosk: Kiosk, staff: str, action: str, customer_id: str | None) -> None:
    """Record that ``staff`` did ``action`` (to ``customer_id``) on this device."""
    with kiosk.transaction() as db:
        staff_store.add_audit(db, utcnow(), staff, action, customer_id,
                              kiosk.config.kiosk_id)
        if action == VIEW and customer_id is not None:
            kiosk.record_event("staff_viewed", {"staff": staff,
                                                "store": kiosk.config.store_id},
                               customer_id=customer_id)
