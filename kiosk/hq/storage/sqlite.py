"""The embedded backend: one SQLite file (WAL), for a single store or a demo.

Readers run in parallel, each thread on its own connection. Writers share
one connection (with a large page cache, so the UUID index stays in memory)
and are serialised by a lock in this process and, between the processes of
``serve --workers N``, by an ``flock`` on ``<database>-writer.lock``: SQLite
allows one writer at a time anyway, and a waiter on a lock is woken as soon
as it is free, where one spinning on SQLITE_BUSY sleeps in steps of up to
100 ms. Checkpoints, the only step that waits for the disk (fsync) with
``synchronous=NORMAL``, run in a background thread, so a request never
waits for one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kiosk.hq.storage.base import EVENT_COLUMNS, Storage

try:
    import fcntl
except ImportError:  # Windows: one worker process, the in-process lock is enough
    fcntl = None  # type: ignore[assignment]

#: the writer connection's page cache (KiB): the events' UUID index in memory
WRITER_CACHE_KIB = 65_536

_INSERT = (f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in EVENT_COLUMNS)}) ON CONFLICT (uuid) DO NOTHING")


class SQLiteStorage(Storage):
    backend = "sqlite"
    serial_pk = "INTEGER PRIMARY KEY AUTOINCREMENT"
    bigint = "INTEGER"
    impressions_sql = (
        "SELECT e.session_id AS session_id, "
        "coalesce(json_extract(j.value, '$.sku'), e.sku) AS sku, "
        "coalesce(json_extract(j.value, '$.recommender'), e.recommender) AS recommender "
        "FROM events e, json_each(CASE WHEN json_type(e.payload, '$.items') = 'array' "
        "THEN json_extract(e.payload, '$.items') ELSE '[{}]' END) j "
        "WHERE e.kind = 'impression'"
    )

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._closing = threading.Event()
        self._checkpointer: threading.Thread | None = None
        self._writer: sqlite3.Connection | None = None
        self._lock_file: int | None = None

    def setup(self) -> None:
        super().setup()
        if self._checkpointer is None:
            self._checkpointer = threading.Thread(target=self._checkpoint_loop,
                                                  name="hq-checkpoint", daemon=True)
            self._checkpointer.start()

    def _checkpoint_loop(self, every: float = 1.0) -> None:
        conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None,
                               check_same_thread=False)
        try:
            while not self._closing.wait(every):
                with contextlib.suppress(sqlite3.Error):  # busy: the next round will do it
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            conn.close()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None,
                               check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA wal_autocheckpoint = 0")  # see _checkpoint_loop
        with self._all_lock:
            self._all.append(conn)
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """The writer connection, for this thread alone, in this process alone."""
        with self._write_lock:
            if self._writer is None:
                self._writer = self._connect()
                self._writer.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            if fcntl is None:
                yield self._writer
                return
            if self._lock_file is None:
                self._lock_file = os.open(f"{self.path}-writer.lock", os.O_RDWR | os.O_CREAT,
                                          0o600)
            fcntl.flock(self._lock_file, fcntl.LOCK_EX)
            try:
                yield self._writer
            finally:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _tx(self, *, write: bool) -> Iterator[sqlite3.Cursor]:
        with self._writing() if write else contextlib.nullcontext(self._conn()) as conn:
            cur = conn.cursor()
            cur.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield cur
            except BaseException:
                conn.rollback()
                raise
            else:
                conn.commit()
            finally:
                cur.close()

    def _insert_events(self, cur: Any, rows: list[tuple]) -> list[tuple[str, int]]:
        # A UUID already stored (or twice in the batch) is skipped by the
        # unique index itself; the rows this transaction added are those
        # after the largest id before it (AUTOINCREMENT ids only grow, and
        # this is the only writer).
        before = cur.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        cur.executemany(_INSERT, rows)
        return cur.execute("SELECT uuid, seq FROM events WHERE id > ? ORDER BY id",
                           [before]).fetchall()

    def _lock_kiosk(self, cur: Any, name: str) -> tuple | None:
        return cur.execute("SELECT last_seq FROM kiosks WHERE name = ?", [name]).fetchone()

    def _lock_changes(self, cur: Any) -> None:
        """Writers already hold the write lock and SQLite's write lock."""

    def close(self) -> None:
        self._closing.set()
        if self._checkpointer is not None:
            self._checkpointer.join(5)
            self._checkpointer = None
        with self._write_lock:
            if self._lock_file is not None:
                os.close(self._lock_file)
                self._lock_file = None
            self._writer = None
        with self._all_lock:
            connections, self._all = self._all, []
        for conn in connections:
            with contextlib.suppress(sqlite3.ProgrammingError):
                conn.close()
        self._local = threading.local()
