"""The outbox (``outbox``) and the upload's bookkeeping: batches in flight
(``sync_batches``), batches head office rejected (``sync_quarantine``,
``sync_quarantined_events``) and counters (``sync_counters``).

Every event is appended (``append``) in the transaction of the change it
describes; the sync reads them in ``seq`` order, marks them sent once head
office has acknowledged them and, when the outbox outgrows its budget, drops
the oldest analytics events (counted). Critical events (consent, erasure, ...)
are never dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from kiosk.store.times import utcnow


def create_core_tables(db: Database) -> None:
    """This table's part of the core migration ``kiosk/0002_schema`` (shipped: never edit)."""
    # The outbox: every event, written in the transaction of the change it
    # describes; seq is this kiosk's sequence number.
    db.execute(
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            kiosk_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            critical INTEGER NOT NULL DEFAULT 0,  -- consent, erasure: never dropped
            customer_id TEXT,
            payload TEXT NOT NULL,
            ts TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            sent TEXT
        )"""
    )
    db.execute("CREATE INDEX outbox_unsent ON outbox(sent, seq)")
    db.execute("CREATE INDEX outbox_customer ON outbox(customer_id)")


def create_upload_tables(db: Database) -> None:
    """These tables' part of migration ``kiosk.sync/0001_tables`` (shipped: never edit)."""
    # A batch is recorded before it is sent and deleted in the transaction
    # that marks its events sent, so a crash at any point resends the same
    # batch (head office ignores the events it already has).
    db.execute(
        """CREATE TABLE sync_batches (
            id TEXT PRIMARY KEY,
            first_seq INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            events INTEGER NOT NULL,
            created TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        )"""
    )
    # A batch head office rejected (a 4xx other than 401/429): kept with
    # the reason for operators, never retried on its own.
    db.execute(
        """CREATE TABLE sync_quarantine (
            id INTEGER PRIMARY KEY,
            batch_id TEXT NOT NULL,
            first_seq INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            events INTEGER NOT NULL,
            status INTEGER,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sync_quarantined_events (
            seq INTEGER PRIMARY KEY,
            quarantine_id INTEGER NOT NULL REFERENCES sync_quarantine(id)
        )"""
    )
    # Counters that only grow: events dropped by the disk budget, ...
    db.execute(
        "CREATE TABLE sync_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
    )


_APPEND = (
    "INSERT INTO outbox (uuid, kiosk_id, kind, critical, customer_id, payload, ts, "
    "schema_version) VALUES (:uuid, :kiosk_id, :kind, :critical, :customer_id, :payload, "
    ":ts, :schema_version)"
)


def append(db: Database, event: dict[str, Any]) -> int:
    """Write one event (``kiosk.events.append`` builds it); returns its ``seq``."""
    return db.execute(_APPEND, event).lastrowid


def purge_customer(db: Database, customer_id: str) -> int:
    """Delete every event about the customer, sent or not, naming them in any field."""
    return db.execute(
        "DELETE FROM outbox WHERE customer_id = ? OR instr(payload, ?) > 0",
        [customer_id, json.dumps(customer_id)],
    ).rowcount


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM outbox").fetchone()[0]


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


# -- batches in flight -----------------------------------------------------------

def first_batch_after(db: Database, after: int) -> tuple[str, int, int] | None:
    """(id, first_seq, last_seq) of the first recorded batch after ``after``."""
    return db.execute(
        "SELECT id, first_seq, last_seq FROM sync_batches WHERE first_seq > ? "
        "ORDER BY first_seq LIMIT 1", [after],
    ).fetchone()


def record_batch(db: Database, batch_id: str, first_seq: int, last_seq: int,
                 events: int) -> None:
    db.execute(
        "INSERT INTO sync_batches (id, first_seq, last_seq, events, created) "
        "VALUES (?, ?, ?, ?, ?)", [batch_id, first_seq, last_seq, events, utcnow()],
    )


def forget_batch(db: Database, batch_id: str) -> None:
    db.execute("DELETE FROM sync_batches WHERE id = ?", [batch_id])


def batch_failed(db: Database, batch_id: str, error: str) -> None:
    """Count a failed attempt to send the batch, with the error (no personal data)."""
    db.execute("UPDATE sync_batches SET attempts = attempts + 1, last_error = ? WHERE id = ?",
               [error[:500], batch_id])


def batches_in_flight(db: Database) -> int:
    return db.execute("SELECT count(*) FROM sync_batches").fetchone()[0]


# -- quarantine ------------------------------------------------------------------

def quarantine_batch(db: Database, batch_id: str, first_seq: int, last_seq: int,
                     seqs: Iterable[int], *, status: int | None, reason: str) -> int:
    """Set a rejected batch's events aside (and forget the batch); returns the quarantine id."""
    seqs = list(seqs)
    quarantine_id = db.execute(
        "INSERT INTO sync_quarantine (batch_id, first_seq, last_seq, events, status, "
        "reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [batch_id, first_seq, last_seq, len(seqs), status, reason[:500], utcnow()],
    ).lastrowid
    db.conn.executemany(
        "INSERT OR REPLACE INTO sync_quarantined_events (seq, quarantine_id) VALUES (?, ?)",
        [(seq, quarantine_id) for seq in seqs],
    )
    forget_batch(db, batch_id)
    return quarantine_id


def release_quarantine(db: Database, quarantine_id: int | None = None) -> int:
    """Put quarantined events back in the queue (one quarantine, or all); returns how many."""
    where, params = ("WHERE quarantine_id = ?", [quarantine_id]) if quarantine_id else ("", [])
    cursor = db.execute(f"DELETE FROM sync_quarantined_events {where}", params)
    db.execute(
        "DELETE FROM sync_quarantine WHERE id NOT IN "
        "(SELECT DISTINCT quarantine_id FROM sync_quarantined_events)"
    )
    return cursor.rowcount


def quarantines(db: Database) -> list[dict[str, Any]]:
    """Every quarantined batch, oldest first, for ``kiosk sync status``."""
    return [
        {"id": r[0], "batch_id": r[1], "first_seq": r[2], "last_seq": r[3], "events": r[4],
         "status": r[5], "reason": r[6], "at": r[7]}
        for r in db.execute(
            "SELECT id, batch_id, first_seq, last_seq, events, status, reason, at "
            "FROM sync_quarantine ORDER BY id").fetchall()
    ]


def quarantined_unsent(db: Database) -> int:
    """Quarantined events still waiting (not sent since)."""
    return db.execute(
        "SELECT count(*) FROM sync_quarantined_events q "
        "JOIN outbox o ON o.seq = q.seq WHERE o.sent IS NULL").fetchone()[0]
