"""The head-office storage interface and the SQL both backends share.

A backend provides connections and transactions (``_tx``), its column types
and two primitives that differ between SQLite and PostgreSQL (inserting
events while learning which were new, and serialising writers). Everything
else, the rules, is here once.

Rules:

- an event is stored once, keyed by its UUID; a copy is counted in the
  kiosk's ``duplicates_ignored``;
- each kiosk's events are stored in the order of its ``seq``; one that
  arrives after a later one is stored and counted in ``out_of_order``;
- an "erasure_requested" event's ``sealed_subject`` is opened with head
  office's private key and the erasure carried out and broadcast;
- a withdrawn consent is broadcast once (not again when kiosks echo it);
- the change feed's ids are committed in increasing order, so a kiosk's
  cursor never skips a change.
"""

from __future__ import annotations

import abc
import contextlib
import hashlib
import json
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kiosk.hq.batch import Event, decode_events
from kiosk.sync import sealing

log = logging.getLogger(__name__)

ROLES = ("kiosk", "operator")
CHANGE_KINDS = ("product", "stock", "profile", "revocation", "consent_withdrawn", "erasure",
                "model")


class StorageError(RuntimeError):
    """Head office's storage refused an operation."""


class UnknownKioskError(StorageError):
    pass


@dataclass(frozen=True)
class AuthRecord:
    name: str
    store_id: str
    role: str


@dataclass
class IngestResult:
    accepted: int = 0
    duplicates: int = 0
    out_of_order: int = 0
    erasures: int = 0
    discarded: int = 0  # events of customers erased before they arrived
    last_seq: int = 0


@dataclass(frozen=True)
class ChangeIn:
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    store_id: str | None = None
    customer_id: str | None = None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def hash_token(token: str) -> str:
    """Tokens are 256 random bits, so one SHA-256 is enough to store them safely."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Storage(abc.ABC):
    """Head office's data. Thread-safe: the web server calls it from many threads."""

    backend = "abstract"
    #: the type of an auto-incrementing primary key column, per backend
    serial_pk = ""
    bigint = "BIGINT"

    # -- backend primitives ---------------------------------------------

    @abc.abstractmethod
    def _tx(self, *, write: bool) -> contextlib.AbstractContextManager[Any]:
        """A transaction; yields a cursor-like object with ``execute(sql, params)``."""

    @abc.abstractmethod
    def _insert_events(self, cur: Any, rows: list[tuple]) -> list[tuple[str, int]]:
        """Insert event rows, skipping UUIDs already stored; return (uuid, seq) of new ones."""

    @abc.abstractmethod
    def _lock_kiosk(self, cur: Any, name: str) -> tuple | None:
        """Lock one kiosk's row for this transaction; return (last_seq,) or None."""

    @abc.abstractmethod
    def _lock_changes(self, cur: Any) -> None:
        """Serialise writers of the change feed until the transaction ends."""

    @abc.abstractmethod
    def close(self) -> None: ...

    #: A query of (session_id, sku, recommender), one row per product shown,
    #: whether an impression event lists a shelf of picks ("items") or is one
    #: pick: JSON is taken apart when the report asks, not on every upload.
    impressions_sql = ""

    def _sql(self, sql: str) -> str:
        return sql

    def _run(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        cur.execute(self._sql(sql), params)
        return cur

    # -- schema ------------------------------------------------------------

    def schema(self) -> list[str]:
        serial, big = self.serial_pk, self.bigint
        return [
            "CREATE TABLE IF NOT EXISTS hq_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            f"""CREATE TABLE IF NOT EXISTS kiosks (
                name TEXT PRIMARY KEY,
                store_id TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'kiosk',
                token_hash TEXT NOT NULL UNIQUE,
                created TEXT NOT NULL,
                last_seen TEXT,
                last_seq {big} NOT NULL DEFAULT 0,
                events {big} NOT NULL DEFAULT 0,
                duplicates_ignored {big} NOT NULL DEFAULT 0,
                out_of_order {big} NOT NULL DEFAULT 0,
                dropped {big} NOT NULL DEFAULT 0
            )""",
            f"""CREATE TABLE IF NOT EXISTS events (
                id {serial},
                uuid TEXT NOT NULL UNIQUE,
                kiosk_id TEXT NOT NULL,
                store_id TEXT NOT NULL,
                seq {big} NOT NULL,
                kind TEXT NOT NULL,
                customer_id TEXT,
                session_id TEXT,
                sku TEXT,
                recommender TEXT,
                payload TEXT NOT NULL,
                ts TEXT NOT NULL,
                day TEXT NOT NULL,
                schema_version INTEGER NOT NULL,
                received TEXT NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS events_customer ON events(customer_id)",
            "CREATE INDEX IF NOT EXISTS events_store_day ON events(store_id, day)",
            f"""CREATE TABLE IF NOT EXISTS changes (
                id {serial},
                kind TEXT NOT NULL,
                store_id TEXT,
                customer_id TEXT,
                data TEXT NOT NULL,
                created TEXT NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS changes_customer ON changes(customer_id)",
            """CREATE TABLE IF NOT EXISTS consents (
                customer_id TEXT NOT NULL,
                purpose TEXT NOT NULL,
                granted INTEGER NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY (customer_id, purpose)
            )""",
            """CREATE TABLE IF NOT EXISTS erasures (
                customer_id TEXT PRIMARY KEY,
                origin TEXT NOT NULL,
                at TEXT NOT NULL
            )""",
        ]

    def setup(self) -> None:
        """Create the tables if needed, and head office's keypair on first start."""
        with self._tx(write=True) as cur:
            for statement in self.schema():
                self._run(cur, statement)
            row = self._run(cur, "SELECT value FROM hq_meta WHERE key = 'private_key'").fetchone()
            if row is None:
                private, _ = sealing.generate_keypair()
                self._run(cur, "INSERT INTO hq_meta (key, value) VALUES ('private_key', ?)",
                          [private])
        self._private_key = self._meta("private_key")
        self.public_key = sealing.public_from_private(self._private_key)

    def _meta(self, key: str) -> str:
        with self._tx(write=False) as cur:
            row = self._run(cur, "SELECT value FROM hq_meta WHERE key = ?", [key]).fetchone()
        if row is None:
            raise StorageError(f"head office metadata {key!r} is missing")
        return row[0]

    # -- credentials ---------------------------------------------------------

    def add_kiosk(self, name: str, *, store_id: str, role: str = "kiosk") -> str:
        """Register a kiosk (or an operator) and return its new token (shown once)."""
        if role not in ROLES:
            raise StorageError(f"role must be one of {', '.join(ROLES)}")
        if not name.strip():
            raise StorageError("a kiosk needs a name")
        token = secrets.token_urlsafe(32)
        with self._tx(write=True) as cur:
            exists = self._run(cur, "SELECT 1 FROM kiosks WHERE name = ?", [name]).fetchone()
            if exists:
                raise StorageError(f"a kiosk named {name!r} already exists")
            self._run(cur,
                      "INSERT INTO kiosks (name, store_id, role, token_hash, created) "
                      "VALUES (?, ?, ?, ?, ?)",
                      [name, store_id, role, hash_token(token), now()])
        return token

    def authenticate(self, token: str) -> AuthRecord | None:
        if not token:
            return None
        with self._tx(write=False) as cur:
            row = self._run(cur, "SELECT name, store_id, role FROM kiosks WHERE token_hash = ?",
                            [hash_token(token)]).fetchone()
        return AuthRecord(*row) if row else None

    # -- events ------------------------------------------------------------

    def ingest(self, kiosk: AuthRecord, events: Sequence[Event | dict[str, Any]], *,
               dropped: int = 0) -> IngestResult:
        """Store a batch from ``kiosk``: new events once, duplicates counted.

        ``events`` are checked ``Event``s (``kiosk.hq.batch.decode_batch``) or
        dicts, checked here (``InvalidBatch`` if one is not valid). One
        transaction: head office acknowledges the batch only after it committed.
        """
        result = IngestResult()
        if not all(isinstance(e, Event) for e in events):
            events = decode_events(list(events))
        ordered = sorted(events, key=_by_seq)
        received = now()
        rows = [_event_row(kiosk, event, received) for event in ordered]
        with self._tx(write=True) as cur:
            locked = self._lock_kiosk(cur, kiosk.name)
            if locked is None:
                raise UnknownKioskError(f"kiosk {kiosk.name!r} is not registered")
            last_seq = locked[0]
            erased = self._erased_among(cur, {row[5] for row in rows if row[5]})
            if erased:  # never take back data of someone already erased
                kept = [row for row in rows if row[5] not in erased]
                result.discarded = len(rows) - len(kept)
                rows = kept
            inserted = self._insert_events(cur, rows) if rows else []
            result.accepted = len(inserted)
            result.duplicates = len(rows) - len(inserted)
            result.out_of_order = sum(1 for _, seq in inserted if seq <= last_seq)
            new_last = max([last_seq, *(seq for _, seq in inserted)])
            result.last_seq = new_last
            self._run(cur,
                      "UPDATE kiosks SET last_seen = ?, last_seq = ?, events = events + ?, "
                      "duplicates_ignored = duplicates_ignored + ?, "
                      "out_of_order = out_of_order + ?, "
                      "dropped = CASE WHEN dropped > ? THEN dropped ELSE ? END WHERE name = ?",
                      [received, new_last, result.accepted, result.duplicates,
                       result.out_of_order, dropped, dropped, kiosk.name])
            reacting = [e for e in ordered if e.kind in _REACT_TO]
            if reacting:
                new = {uuid for uuid, _ in inserted}
                for event in reacting:
                    if event.uuid in new:
                        result.erasures += self._react(cur, kiosk, event)
        return result

    def _erased_among(self, cur: Any, customer_ids: set[str]) -> set[str]:
        found: set[str] = set()
        ids = sorted(customer_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(r[0] for r in self._run(
                cur, f"SELECT customer_id FROM erasures WHERE customer_id IN ({marks})",
                chunk).fetchall())
        return found

    def _react(self, cur: Any, kiosk: AuthRecord, event: Event) -> int:
        """Head office's side effects of a new event; returns erasures carried out."""
        kind, payload = event.kind, event.payload_dict()
        if kind == "erasure_requested":
            sealed = payload.get("sealed_subject") if isinstance(payload, dict) else None
            if not isinstance(sealed, str):
                self._bump_meta(cur, "erasures_unreadable")
                return 0
            try:
                customer_id = sealing.open_sealed(self._private_key, sealed)
            except sealing.SealingError:
                log.warning("an erasure request from kiosk %s cannot be opened", kiosk.name)
                self._bump_meta(cur, "erasures_unreadable")
                return 0
            return int(self._erase(cur, customer_id, origin=f"kiosk:{kiosk.name}"))
        if kind == "consent_changed" and event.customer_id:
            purpose, granted = payload.get("purpose"), payload.get("granted")
            if isinstance(purpose, str) and isinstance(granted, bool | int):
                self._record_consent(cur, event.customer_id, purpose, bool(granted), event.ts)
        return 0

    def _bump_meta(self, cur: Any, key: str) -> None:
        row = self._run(cur, "SELECT value FROM hq_meta WHERE key = ?", [key]).fetchone()
        if row is None:
            self._run(cur, "INSERT INTO hq_meta (key, value) VALUES (?, '1')", [key])
        else:
            self._run(cur, "UPDATE hq_meta SET value = ? WHERE key = ?",
                      [str(int(row[0]) + 1), key])

    def _record_consent(self, cur: Any, customer_id: str, purpose: str, granted: bool,
                        at: str) -> None:
        row = self._run(cur, "SELECT granted FROM consents WHERE customer_id = ? AND purpose = ?",
                        [customer_id, purpose]).fetchone()
        erased = self._run(cur, "SELECT 1 FROM erasures WHERE customer_id = ?",
                           [customer_id]).fetchone()
        if erased:
            return
        if row is None:
            self._run(cur, "INSERT INTO consents (customer_id, purpose, granted, at) "
                           "VALUES (?, ?, ?, ?)", [customer_id, purpose, int(granted), at])
        elif bool(row[0]) != granted:
            self._run(cur, "UPDATE consents SET granted = ?, at = ? "
                           "WHERE customer_id = ? AND purpose = ?",
                      [int(granted), at, customer_id, purpose])
        else:
            return  # no change: an echo of a broadcast, or a repeat
        if not granted:
            self._add_changes(cur, [ChangeIn("consent_withdrawn", {"purpose": purpose},
                                             None, customer_id)])

    # -- erasure -----------------------------------------------------------

    def erase(self, customer_id: str, *, origin: str = "operator") -> bool:
        """Erase a customer at head office and broadcast it; False if already erased."""
        with self._tx(write=True) as cur:
            return self._erase(cur, customer_id, origin=origin)

    def _erase(self, cur: Any, customer_id: str, *, origin: str) -> bool:
        done = self._run(cur, "SELECT 1 FROM erasures WHERE customer_id = ?",
                         [customer_id]).fetchone()
        if done:
            return False
        self._run(cur, "DELETE FROM events WHERE customer_id = ?", [customer_id])
        self._run(cur, "DELETE FROM consents WHERE customer_id = ?", [customer_id])
        self._run(cur, "DELETE FROM changes WHERE customer_id = ?", [customer_id])
        self._run(cur, "INSERT INTO erasures (customer_id, origin, at) VALUES (?, ?, ?)",
                  [customer_id, origin, now()])
        self._add_changes(cur, [ChangeIn("erasure", {}, None, customer_id)])
        return True

    def is_erased(self, customer_id: str) -> bool:
        with self._tx(write=False) as cur:
            return self._run(cur, "SELECT 1 FROM erasures WHERE customer_id = ?",
                             [customer_id]).fetchone() is not None

    # -- the change feed ---------------------------------------------------

    def publish(self, changes: Sequence[ChangeIn]) -> list[int]:
        """Add changes for kiosks to download; erasures go through ``erase``."""
        for change in changes:
            if change.kind not in CHANGE_KINDS or change.kind == "erasure":
                raise StorageError(f"cannot publish a change of kind {change.kind!r}")
        with self._tx(write=True) as cur:
            erased = set()
            for change in changes:
                if change.customer_id and self._run(
                        cur, "SELECT 1 FROM erasures WHERE customer_id = ?",
                        [change.customer_id]).fetchone():
                    erased.add(change.customer_id)
            if erased:
                raise StorageError("a change names a customer who has been erased")
            return self._add_changes(cur, changes)

    def _add_changes(self, cur: Any, changes: Sequence[ChangeIn]) -> list[int]:
        self._lock_changes(cur)
        ids = []
        created = now()
        for change in changes:
            row = self._run(cur,
                            "INSERT INTO changes (kind, store_id, customer_id, data, created) "
                            "VALUES (?, ?, ?, ?, ?) RETURNING id",
                            [change.kind, change.store_id, change.customer_id,
                             json.dumps(change.data, separators=(",", ":")), created]).fetchone()
            ids.append(row[0])
        return ids

    def changes_for(self, kiosk: AuthRecord, since: int, limit: int) -> dict[str, Any]:
        """Changes after ``since`` for ``kiosk``'s store (and for every store)."""
        with self._tx(write=False) as cur:
            rows = self._run(cur,
                             "SELECT id, kind, store_id, customer_id, data FROM changes "
                             "WHERE id > ? AND (store_id IS NULL OR store_id = ?) "
                             "ORDER BY id LIMIT ?", [since, kiosk.store_id, limit + 1]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        changes = [{"id": r[0], "kind": r[1], "store_id": r[2], "customer_id": r[3],
                    "data": json.loads(r[4])} for r in rows]
        return {"changes": changes, "cursor": rows[-1][0] if rows else since, "more": more}

    # -- reading -------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        with self._tx(write=False) as cur:
            rows = self._run(cur,
                             "SELECT name, store_id, role, events, duplicates_ignored, "
                             "out_of_order, dropped, last_seq, last_seen FROM kiosks "
                             "ORDER BY name").fetchall()
            stored = self._run(cur, "SELECT count(*) FROM events").fetchone()[0]
            erasures = self._run(cur, "SELECT count(*) FROM erasures").fetchone()[0]
            changes = self._run(cur, "SELECT count(*) FROM changes").fetchone()[0]
            unreadable = self._run(cur, "SELECT value FROM hq_meta "
                                        "WHERE key = 'erasures_unreadable'").fetchone()
        kiosks = {
            r[0]: {"store_id": r[1], "events": int(r[3]), "duplicates_ignored": int(r[4]),
                   "out_of_order": int(r[5]), "dropped": int(r[6]), "last_seq": int(r[7]),
                   "last_seen": r[8]}
            for r in rows if r[2] == "kiosk"
        }
        return {
            "backend": self.backend,
            "kiosks": kiosks,
            "totals": {
                "events": int(stored),
                "duplicates_ignored": sum(k["duplicates_ignored"] for k in kiosks.values()),
                "dropped": sum(k["dropped"] for k in kiosks.values()),
                "erasures": int(erasures),
                "erasures_unreadable": int(unreadable[0]) if unreadable else 0,
                "changes": int(changes),
            },
        }

    def kiosk_sequence(self, kiosk_name: str) -> list[int]:
        """The ``seq`` of a kiosk's stored events, in the order they were stored."""
        with self._tx(write=False) as cur:
            rows = self._run(cur, "SELECT seq FROM events WHERE kiosk_id = ? ORDER BY id",
                             [kiosk_name]).fetchall()
        return [int(r[0]) for r in rows]

    def event_uuids(self) -> list[str]:
        with self._tx(write=False) as cur:
            return [r[0] for r in self._run(cur, "SELECT uuid FROM events").fetchall()]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """A read-only query (report page, tests)."""
        with self._tx(write=False) as cur:
            return [tuple(r) for r in self._run(cur, sql, params).fetchall()]


_REACT_TO = frozenset({"erasure_requested", "consent_changed"})


def _by_seq(event: Event) -> int:
    return event.seq


def _event_row(kiosk: AuthRecord, event: Event, received: str) -> tuple:
    ts = event.ts
    return (
        event.uuid, kiosk.name, kiosk.store_id, event.seq, event.kind, event.customer_id,
        event.session_id, event.sku, event.recommender, event.payload, ts, ts[:10],
        event.schema_version, received,
    )


EVENT_COLUMNS = ("uuid", "kiosk_id", "store_id", "seq", "kind", "customer_id", "session_id",
                 "sku", "recommender", "payload", "ts", "day", "schema_version", "received")
