"""The outbox seen from the sync: pending events, acknowledgement, the disk budget.

Events are written by ``kiosk.events.append``; here they are read in
``seq`` order, marked sent once head office has acknowledged them, and,
when the outbox outgrows its budget, the oldest analytics events are
dropped (counted). Critical events (consent, erasure, ...) are never dropped.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from kiosk.events import utcnow

# Bytes an outbox row takes besides its payload (uuid, kind, times, index
# entries): an estimate, so the budget is in the units of disk space.
ROW_OVERHEAD = 160

_UNQUARANTINED = "NOT EXISTS (SELECT 1 FROM sync_quarantined_events q WHERE q.seq = outbox.seq)"
_PENDING = (
    "SELECT seq, uuid, kind, critical, customer_id, payload, ts, schema_version "
    f"FROM outbox WHERE sent IS NULL AND seq > ? AND {_UNQUARANTINED} ORDER BY seq LIMIT ?"
)


def _row_to_event(row: tuple) -> dict[str, Any]:
    # The payload stays JSON text ("payload_json"): the wire format embeds it
    # as it is, so events are never parsed just to be serialised again.
    seq, uuid, kind, critical, customer_id, payload, ts, schema_version = row
    return {
        "uuid": uuid, "seq": seq, "kind": kind, "critical": bool(critical),
        "customer_id": customer_id, "payload_json": payload, "ts": ts,
        "schema_version": schema_version,
    }


def payload_of(event: dict[str, Any]) -> dict[str, Any]:
    """An event's payload as a dict, whichever form the event carries it in."""
    if "payload" in event:
        return event["payload"]
    return json.loads(event["payload_json"])


def pending(db: Database, *, limit: int, after: int = 0,
            max_bytes: int | None = None) -> list[dict[str, Any]]:
    """Up to ``limit`` unsent, unquarantined events after ``after``, oldest first.

    With ``max_bytes``, stop before the payloads add up to more (at least one
    event is always returned, however big).
    """
    rows = db.execute(_PENDING, [after, limit]).fetchall()
    events, size = [], 0
    for row in rows:
        size += len(row[5]) + ROW_OVERHEAD
        if max_bytes is not None and events and size > max_bytes:
            break
        events.append(_row_to_event(row))
    return events


def events_between(db: Database, first_seq: int, last_seq: int) -> list[dict[str, Any]]:
    """The unsent, unquarantined events of a recorded batch (some may have been purged)."""
    rows = db.execute(
        "SELECT seq, uuid, kind, critical, customer_id, payload, ts, schema_version "
        "FROM outbox WHERE sent IS NULL AND seq BETWEEN ? AND ? "
        "AND NOT EXISTS (SELECT 1 FROM sync_quarantined_events q WHERE q.seq = outbox.seq) "
        "ORDER BY seq", [first_seq, last_seq],
    ).fetchall()
    return [_row_to_event(row) for row in rows]


def queue_depth(db: Database) -> int:
    """Events waiting to be sent (quarantined ones excluded)."""
    return db.execute(
        "SELECT count(*) FROM outbox WHERE sent IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM sync_quarantined_events q WHERE q.seq = outbox.seq)"
    ).fetchone()[0]


def oldest_pending_ts(db: Database) -> str | None:
    row = db.execute(
        "SELECT ts FROM outbox WHERE sent IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM sync_quarantined_events q WHERE q.seq = outbox.seq) "
        "ORDER BY seq LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def mark_sent(db: Database, first_seq: int, last_seq: int, *, at: str | None = None) -> int:
    """Mark a batch's events sent (call inside the transaction that forgets the batch).

    Quarantined events within the range were not part of the batch: they stay unsent.
    """
    cursor = db.execute(
        f"UPDATE outbox SET sent = ? WHERE seq BETWEEN ? AND ? AND sent IS NULL "
        f"AND {_UNQUARANTINED}", [at or utcnow(), first_seq, last_seq],
    )
    return cursor.rowcount


def delete_acknowledged(db: Database, first_seq: int, last_seq: int) -> int:
    """Delete a batch's events that head office acknowledged instead of marking them sent
    (those the sent-events pruning would delete at once anyway)."""
    cursor = db.execute(
        f"DELETE FROM outbox WHERE seq BETWEEN ? AND ? AND sent IS NULL AND {_UNQUARANTINED}",
        [first_seq, last_seq],
    )
    return cursor.rowcount


def prune_sent(db: Database, *, keep: int = 0, upto: int | None = None) -> int:
    """Delete sent events (head office has them), keeping the ``keep`` newest.

    With ``upto`` (the last ``seq`` just acknowledged), only events up to it
    are considered, which keeps the query short while events wait above it
    (it then keeps at least the ``keep`` newest sent events).
    """
    bound, params = ("AND seq <= ? ", [upto]) if upto is not None else ("", [])
    if keep:
        cursor = db.execute(
            "DELETE FROM outbox WHERE sent IS NOT NULL AND seq < ("
            "SELECT min(seq) FROM (SELECT seq FROM outbox WHERE sent IS NOT NULL "
            f"{bound}ORDER BY seq DESC LIMIT ?))", [*params, keep],
        )
    else:
        cursor = db.execute(f"DELETE FROM outbox WHERE sent IS NOT NULL {bound}", params)
    return cursor.rowcount


def size_bytes(db: Database) -> int:
    """The outbox's size, estimated as its payloads plus a fixed cost per row."""
    count, payload = db.execute(
        "SELECT count(*), coalesce(sum(length(payload)), 0) FROM outbox"
    ).fetchone()
    return payload + count * ROW_OVERHEAD


def bump_counter(db: Database, name: str, by: int) -> None:
    db.execute(
        "INSERT INTO sync_counters (name, value) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value", [name, by],
    )


def counter(db: Database, name: str) -> int:
    row = db.execute("SELECT value FROM sync_counters WHERE name = ?", [name]).fetchone()
    return row[0] if row else 0


def enforce_budget(db: Database, budget_bytes: int) -> dict[str, int]:
    """Bring the outbox under ``budget_bytes``; return what was removed.

    Sent events go first; then the oldest non-critical unsent events, which
    are counted in the ``dropped`` counter (reported to head office with the
    next batch and shown by ``kiosk sync status``). Critical events stay even
    if the outbox remains over budget.
    """
    result = {"pruned_sent": 0, "dropped": 0}
    with db.atomic():
        excess = size_bytes(db) - budget_bytes
        if excess <= 0:
            return result
        result["pruned_sent"] = prune_sent(db)
        excess = size_bytes(db) - budget_bytes
        if excess <= 0:
            return result
        row = db.execute(
            "SELECT seq FROM (SELECT seq, sum(length(payload) + ?) OVER (ORDER BY seq) AS run "
            "FROM outbox WHERE sent IS NULL AND critical = 0) WHERE run >= ? "
            "ORDER BY seq LIMIT 1", [ROW_OVERHEAD, excess],
        ).fetchone()
        if row is None:  # every analytics event together is not enough
            cursor = db.execute("DELETE FROM outbox WHERE sent IS NULL AND critical = 0")
        else:
            cursor = db.execute(
                "DELETE FROM outbox WHERE sent IS NULL AND critical = 0 AND seq <= ?", [row[0]]
            )
        result["dropped"] = cursor.rowcount
        if cursor.rowcount:
            bump_counter(db, "dropped", cursor.rowcount)
    return result
