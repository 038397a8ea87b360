"""What a kiosk showed a shopper, relayed to every device of the chain (``shown`` changes).

A kiosk records the picks it showed as an ``impression`` event (items: sku,
recommender, reason code; the session id; the customer id only when the
shopper allows personalisation). Head office turns each new one into a
``shown`` change for every device, so a staff tablet of the store sees what
the kiosk showed lately and why (the customer page, the client book's
"recently seen"), and the frequency cap of every kiosk counts what the
shopper was shown at the others.

Only for shoppers whose record allows their history to travel: the same rule
as purchase histories (``kiosk.hq.tills.HISTORY_PURPOSES``: personalisation
or staff_profile granted now). An erased shopper's events are discarded
before they get here, and erasure deletes their changes; after a withdrawal
nothing more is relayed. The change names the event (``event``, its UUID) so
a device applies it once, and the session, so the kiosk that showed the picks
does not add them twice (``kiosk.store.feedback.add_relayed``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from kiosk.hq import record, tills
from kiosk.hq.changes import MAX_ID, MAX_SHOWN_ITEMS, problems, text_problem
from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from kiosk.hq.batch import Event
    from kiosk.hq.storage.base import AuthRecord, Storage

#: the item fields a shown change carries, and their longest text
ITEM_FIELDS = {"sku": MAX_ID, "recommender": 64, "reason": 64, "shelf": 64}


def relay(storage: Storage, cur: Any, kiosk: AuthRecord, events: Sequence[Event]) -> int:
    """Publish a ``shown`` change for each impression of a consenting shopper; returns how
    many. Events that hold nothing usable are skipped (analytics keep them)."""
    named = [event for event in events if event.customer_id]
    if not named:
        return 0
    merged = record.aliases_among(storage, cur, {e.customer_id for e in named})  # type: ignore[misc]
    owners = {e.uuid: merged.get(e.customer_id, e.customer_id) for e in named}  # type: ignore[arg-type]
    allowed = tills.consenting(storage, cur, set(owners.values()))
    changes = []
    for event in named:
        customer_id = owners[event.uuid]
        if customer_id not in allowed:
            continue
        change = shown_change(event, customer_id, kiosk.store_id)
        if change is not None:
            changes.append(change)
    return len(storage._add_changes(cur, changes)) if changes else 0


def shown_change(event: Event, customer_id: str, store_id: str) -> ChangeIn | None:
    """The ``shown`` change for an impression event (None if it shows nothing valid)."""
    try:
        payload = msgspec.json.decode(event.payload)
    except msgspec.DecodeError:
        return None
    session_id = payload.get("session_id") if isinstance(payload, dict) else None
    if text_problem(session_id, 256):
        return None
    items = []
    for item in payload.get("items") or ():
        if not isinstance(item, dict):
            continue
        kept = {key: item[key] for key in ITEM_FIELDS if key in item}
        if any(text_problem(kept.get(key), ITEM_FIELDS[key]) for key in ("sku", "recommender",
                                                                          "reason")):
            continue
        if "shelf" in kept and text_problem(kept["shelf"], ITEM_FIELDS["shelf"]):
            del kept["shelf"]
        items.append(kept)
        if len(items) == MAX_SHOWN_ITEMS:
            break
    if not items:
        return None
    data = {"event": event.uuid, "session_id": session_id, "at": event.ts, "store": store_id,
            "items": items}
    if problems("shown", data, customer_id=customer_id):
        return None
    return ChangeIn("shown", data, None, customer_id)
