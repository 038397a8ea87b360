"""A customer's snapshot: the changes that bring a device up to date on one customer.

``customer_changes(storage, cur, customer_id)`` runs each part of ``PARTS`` in
order and returns their changes together: the on-scan lookup of a customer a
device does not hold uses it. Each piece of the customer's record registers
one function ``part(storage, cur, customer_id) -> list[ChangeIn]`` here.
A part returns nothing for a customer head office erased (their rows are gone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.hq import tills
from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from kiosk.hq.storage.base import Storage

Part = Callable[["Storage", Any, str], list[ChangeIn]]

PARTS: list[Part] = [
    tills.history_of,  # purchases: the whole history, every store, if consent allows
]


def customer_changes(storage: Storage, cur: Any, customer_id: str) -> list[ChangeIn]:
    """Every part's changes for ``customer_id``, in the order of ``PARTS``."""
    changes: list[ChangeIn] = []
    for part in PARTS:
        changes.extend(part(storage, cur, customer_id))
    return changes
