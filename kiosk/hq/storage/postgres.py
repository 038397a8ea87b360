"""The PostgreSQL backend (psycopg 3), for head office with many stores.

Each kiosk's batches are serialised by locking its row (``FOR UPDATE``);
events are copied (``COPY``) into a temporary staging table and inserted
with ``ON CONFLICT (uuid) DO NOTHING RETURNING``, which tells which were new.
Writers of the change feed take a transaction-level advisory lock, so
change ids are committed in increasing order and no kiosk cursor skips one.

A deleted row stays in its table's file (a dead tuple, then free space)
until the table is rewritten: ``scrub()`` (``kiosk hq scrub``) runs
``VACUUM (FULL)`` of the tables an erasure touched, which writes them anew,
and counts the erasures waiting for it (``erasures_to_scrub`` in the stats).
Run it daily; see docs/hq.md.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg

from kiosk.hq import record
from kiosk.hq.storage.base import EVENT_COLUMNS, Storage, StorageError
from kiosk.hq.storage.dialect import POSTGRESQL

log = logging.getLogger(__name__)

_CHANGES_LOCK = 7_040_901  # an arbitrary advisory-lock key for the change feed
_SETUP_LOCK = _CHANGES_LOCK + 1  # and one for setting up: migrations, keys
#: the tables whose rows an erasure deletes or rewrites
SCRUBBED_TABLES = ("events", "consents", "changes", "erasures", "hq_meta", "hq_purchases",
                   "hq_cards", *record.TABLES)
_COLUMNS = ", ".join(EVENT_COLUMNS)
_STAGE = ("CREATE TEMP TABLE IF NOT EXISTS incoming_events (" + ", ".join(
    f"{c} {'bigint' if c == 'seq' else 'int' if c == 'schema_version' else 'text'}"
    for c in EVENT_COLUMNS) + ") ON COMMIT DELETE ROWS")
_INSERT = (f"INSERT INTO events ({_COLUMNS}) SELECT {_COLUMNS} FROM incoming_events ORDER BY seq "
           "ON CONFLICT (uuid) DO NOTHING RETURNING uuid, seq")


class PostgresStorage(Storage):
    backend = "postgresql"
    deferred_scrub = True
    dialect = POSTGRESQL
    impressions_sql = (
        "SELECT e.session_id AS session_id, "
        "coalesce(j.value ->> 'sku', e.sku) AS sku, "
        "coalesce(j.value ->> 'recommender', e.recommender) AS recommender "
        "FROM events e CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN "
        "jsonb_typeof(e.payload::jsonb -> 'items') = 'array' THEN e.payload::jsonb -> 'items' "
        "ELSE '[{}]'::jsonb END) AS j(value) WHERE e.kind = 'impression'"
    )

    def __init__(self, url: str, *, key_file: Path | None = None, pool_size: int = 16):
        self.url = url
        self.key_file = key_file
        self._pool: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(pool_size)
        self._all: list[psycopg.Connection] = []
        self._lock = threading.Lock()
        try:
            self._pool.put(self._connect())
        except psycopg.OperationalError as error:
            raise StorageError(f"cannot connect to PostgreSQL: {error}") from None

    def _connect(self) -> psycopg.Connection:
        conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        with self._lock:
            self._all.append(conn)
        return conn

    def _acquire(self) -> psycopg.Connection:
        self._slots.acquire()
        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            return self._connect()
        if conn.closed or conn.broken:
            return self._connect()
        return conn

    def _release(self, conn: psycopg.Connection) -> None:
        if not (conn.closed or conn.broken):
            self._pool.put(conn)
        self._slots.release()

    @contextlib.contextmanager
    def _tx(self, *, write: bool) -> Iterator[psycopg.Cursor]:
        conn = self._acquire()
        try:
            with conn.transaction(), conn.cursor() as cur:
                yield cur
        finally:
            self._release(conn)

    def _setup_lock(self, cur: Any) -> None:
        """Another head office setting up (or migrating) this database waits for this one."""
        cur.execute("SELECT pg_advisory_xact_lock(%s)", [_SETUP_LOCK])

    def _after_erasure(self) -> None:
        """Nothing at once: rewriting the tables waits for ``scrub`` (counted meanwhile)."""
        self._take_erased()

    def _scrub_upgrade(self) -> None:
        # the erasures table was rebuilt and a few rows rewritten; events (large)
        # wait for the operator's next scrub
        self._vacuum_full(("changes", "erasures", "hq_meta"))
        with self._tx(write=True) as cur:
            self._bump_meta(cur, "erasures_to_scrub")

    def scrub(self) -> dict[str, Any]:
        """``VACUUM (FULL)`` the tables erasures touch: no deleted row stays in their files.

        It locks each table while it is rewritten (uploads wait), so run it when
        the chain is quiet, e.g. nightly from cron. Then ``CHECKPOINT`` if the
        role may (superuser or ``pg_checkpoint``).
        """
        with self._tx(write=False) as cur:
            pending = int(self._meta_in(cur, "erasures_to_scrub") or 0)
        self._vacuum_full(SCRUBBED_TABLES)
        checkpointed = True
        try:
            self._autocommit("CHECKPOINT")
        except psycopg.errors.InsufficientPrivilege:
            checkpointed = False
        with self._tx(write=True) as cur:
            self._bump_meta(cur, "erasures_to_scrub", -pending)
        return {"vacuumed": list(SCRUBBED_TABLES), "erasures_scrubbed": pending,
                "checkpointed": checkpointed}

    def _vacuum_full(self, tables: tuple[str, ...]) -> None:
        self._autocommit(f"VACUUM (FULL, ANALYZE) {', '.join(tables)}")

    def _autocommit(self, statement: str) -> None:
        """A statement outside any transaction block (VACUUM, CHECKPOINT)."""
        conn = self._acquire()
        try:
            conn.execute(statement)
        finally:
            self._release(conn)

    def _insert_events(self, cur: Any, rows: list[tuple]) -> list[tuple[str, int]]:
        # COPY into a per-session staging table, then one INSERT ... ON
        # CONFLICT: the fastest way psycopg has to load many rows.
        cur.execute(_STAGE)
        with cur.copy(f"COPY incoming_events ({_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute(_INSERT)
        return [(r[0], int(r[1])) for r in cur.fetchall()]

    def _lock_kiosk(self, cur: Any, name: str) -> tuple | None:
        cur.execute("SELECT last_seq FROM kiosks WHERE name = %s FOR UPDATE", [name])
        row = cur.fetchone()
        return (int(row[0]),) if row else None

    def _lock_changes(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", [_CHANGES_LOCK])

    def close(self) -> None:
        with self._lock:
            connections, self._all = self._all, []
        for conn in connections:
            conn.close()
