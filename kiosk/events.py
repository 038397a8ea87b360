"""Events: what happened at the kiosk, written to the outbox for head office.

``append`` writes one event into the caller's transaction, so an event and
the state change it describes are committed together or not at all.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlite_utils import Database

from kiosk.store import outbox
from kiosk.store.times import utcnow

__all__ = ["CRITICAL_KINDS", "KINDS", "SCHEMA_VERSION", "append", "utcnow"]

SCHEMA_VERSION = 1

# Events head office must always receive: the outbox never drops these when
# it runs out of room.
CRITICAL_KINDS = frozenset({"consent_changed", "erasure_requested", "enrolled", "card_revoked",
                            "profile_edit", "staff_viewed"})

KINDS = frozenset({
    "scan", "scan_failed", "impression", "save", "not_for_me", "more_like_this",
    "enrolled", "consent_changed", "erasure_requested", "help_requested", "feedback",
    "card_issued", "card_revoked", "session_ended", "preference_changed",
    # an edit of the shopper's record, stamped (kiosk.privacy.profile): head office merges it
    "profile_edit",
    # a member of staff opened the shopper's profile (kiosk.clienteling): their "My data"
    "staff_viewed",
})


def append(db: Database, *, kiosk_id: str, kind: str, payload: dict[str, Any],
           customer_id: str | None = None, at: str | None = None) -> dict[str, Any]:
    """Write one event to the outbox (inside the caller's transaction) and return it."""
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}; known kinds: {', '.join(sorted(KINDS))}")
    event = {
        "uuid": str(uuid.uuid4()),
        "kiosk_id": kiosk_id,
        "kind": kind,
        "critical": int(kind in CRITICAL_KINDS),
        "customer_id": customer_id,
        "payload": json.dumps(payload, separators=(",", ":"), sort_keys=True),
        "ts": at or utcnow(),
        "schema_version": SCHEMA_VERSION,
    }
    event["seq"] = outbox.append(db, event)
    return event
