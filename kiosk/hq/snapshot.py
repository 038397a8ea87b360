"""A shopper's snapshot: the changes that bring a device up to date on one shopper.

``customer_changes(storage, cur, customer_id)`` asks each part in ``PARTS``
(a function ``(storage, cur, customer_id) -> list[ChangeIn]``) and returns
their changes in order: the shopper's cards first, then what later parts add
(their profile, their purchases). The on-scan look-up
(``POST /v1/cards/lookup``) sends it to a device that scanned a card it did
not hold; the bootstrap of a new device sends it in bulk. Each part gives
the *current* state, in the same shapes as the change feed, so a device
applies it with its ordinary appliers (``kiosk.sync.apply.APPLIERS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.hq import record, registry, tills
from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from kiosk.hq.storage.base import Storage

Part = Callable[["Storage", Any, str], list[ChangeIn]]


def cards(storage: Storage, cur: Any, customer_id: str) -> list[ChangeIn]:
    """Every card of the shopper in the registry, active or revoked (``card`` changes)."""
    return registry.card_changes(storage, cur, customer_id=customer_id)


#: in the order their changes are applied; each piece of the record adds one line
PARTS: list[Part] = [
    cards,
    record.profile_part,
    tills.history_of,  # purchases: the whole history, every store, if consent allows
]


def customer_changes(storage: Storage, cur: Any, customer_id: str) -> list[ChangeIn]:
    """Every part's changes for ``customer_id``, in the order of ``PARTS``."""
    return [change for part in PARTS for change in part(storage, cur, customer_id)]
