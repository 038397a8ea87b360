"""A customer's snapshot: the changes that bring a device up to date on one shopper.

Each piece of the record registers a function here (``PARTS``): given the
storage, a cursor of the caller's transaction and a customer id, it returns
that piece's changes (the card registry its ``card`` changes, the record its
``profile``, the tills their ``purchases``). Used by the on-scan lookup, the
bootstrap of a new device and a merge of two records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.hq import record, tills
from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from kiosk.hq.storage.base import Storage

Part = Callable[["Storage", Any, str], list[ChangeIn]]

PARTS: list[Part] = [
    record.profile_part,
    tills.history_of,  # purchases: the whole history, every store, if consent allows
]


def customer_changes(storage: Storage, cur: Any, customer_id: str) -> list[ChangeIn]:
    """Every part's changes for ``customer_id``, in the order of ``PARTS``."""
    return [change for part in PARTS for change in part(storage, cur, customer_id)]
