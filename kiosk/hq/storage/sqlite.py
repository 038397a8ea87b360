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

Every connection has ``secure_delete`` on, so a deleted row is overwritten
with zeros; after an erasure the write-ahead log is checkpointed and
truncated (retried by the checkpoint thread while readers hold it), so no
copy of the erased rows stays in ``hq.db-wal``. The database, its WAL and
shared-memory files, the writer lock and the key file (``hq.db.key``) are
created readable by their owner only (0600; a folder made for them 0700).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kiosk.hq.storage.base import EVENT_COLUMNS, Storage
from kiosk.hq.storage.dialect import SQLITE
from kiosk.traces import TraceSearchFailed, find_traces

log = logging.getLogger(__name__)

try:
    import fcntl
except ImportError:  # Windows: one worker process, the in-process lock is enough
    fcntl = None  # type: ignore[assignment]

#: the writer connection's page cache (KiB): the events' UUID index in memory
WRITER_CACHE_KIB = 65_536
#: the files of a database, by suffix, kept owner-only
FILE_SUFFIXES = ("", "-wal", "-shm", "-writer.lock")
#: tries at truncating the WAL right after an erasure, before the checkpoint
#: thread takes over (each waits up to CHECKPOINT_WAIT_MS for readers)
TRUNCATE_TRIES = 5
CHECKPOINT_WAIT_MS = 500

_INSERT = (f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in EVENT_COLUMNS)}) ON CONFLICT (uuid) DO NOTHING")


class SQLiteStorage(Storage):
    backend = "sqlite"
    dialect = SQLITE
    impressions_sql = (
        "SELECT e.session_id AS session_id, "
        "coalesce(json_extract(j.value, '$.sku'), e.sku) AS sku, "
        "coalesce(json_extract(j.value, '$.recommender'), e.recommender) AS recommender "
        "FROM events e, json_each(CASE WHEN json_type(e.payload, '$.items') = 'array' "
        "THEN json_extract(e.payload, '$.items') ELSE '[{}]' END) j "
        "WHERE e.kind = 'impression'"
    )

    def __init__(self, path: str | Path, *, key_file: Path | None = None):
        self.path = Path(path)
        self.key_file = key_file or self.path.with_name(self.path.name + ".key")
        _prepare_files(self.path)
        self._truncate_pending = threading.Event()
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
        conn = self._connect()
        try:
            while not self._closing.wait(every):
                if self._truncate_pending.is_set():
                    if _truncate(conn):
                        self._truncate_pending.clear()
                    continue
                with contextlib.suppress(sqlite3.Error):  # busy: the next round will do it
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            conn.close()

    def _after_erasure(self) -> None:
        """Move the pages into the file and empty the WAL: it held the erased rows.

        Then search the files for the erased ids (in a child process, ``kiosk.traces``):
        ``secure_delete`` zeroes deleted cells, but SQLite can leave a copy of a row in a
        page's free space when it moves cells between pages (seen after erasing a
        shopper's events spread over many pages). If an id is still there, or the
        search could not run, the file is rebuilt (``VACUUM``).
        """
        erased = self._take_erased()
        if not self._truncate_wal():
            log.warning("head office could not empty its write-ahead log after an erasure "
                        "(readers busy); the checkpoint thread keeps trying")
            self._truncate_pending.set()
            return
        if not erased:
            return
        try:
            found = find_traces(self.path, [customer_id.encode() for customer_id in erased])
        except TraceSearchFailed as error:
            log.warning("head office could not search its files after an erasure (%s)", error)
            found = ["?"]
        if found:
            self.scrub()
            log.info("an erased id remained in head office's free space: the file was rebuilt")

    def _truncate_wal(self) -> bool:
        with self._writing() as conn:
            conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
            try:
                for attempt in range(TRUNCATE_TRIES):
                    if _truncate(conn):
                        return True
                    time.sleep(0.05 * (attempt + 1))
                return False
            finally:
                conn.execute("PRAGMA busy_timeout = 30000")

    def scrub(self) -> dict[str, Any]:
        """Rebuild the file (``VACUUM``) and empty the WAL: nothing deleted survives.

        With ``secure_delete`` this is needed only for a database written by an
        older head office (which ran without it); the upgrade runs it once.
        """
        with self._writing() as conn:
            conn.execute("VACUUM")
        return {"vacuumed": True, "wal_truncated": self._truncate_wal()}

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None,
                               check_same_thread=False)
        conn.execute("PRAGMA secure_delete = ON")
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

    def _setup_lock(self, cur: Any) -> None:
        """A writer already holds the write lock and SQLite's (``BEGIN IMMEDIATE``)."""

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


def _truncate(conn: sqlite3.Connection) -> bool:
    """One ``wal_checkpoint(TRUNCATE)``; True if it completed (the WAL is empty)."""
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:  # another checkpoint is running
        return False
    return busy == 0


def _prepare_files(path: Path) -> None:
    """Make the database owner-only before SQLite opens it (its WAL and -shm copy its mode).

    A missing file is created empty (0600) here; SQLite takes an empty file
    for a new database. Existing files are only chmod-ed, never opened: a
    descriptor of the file closed by this process would drop SQLite's locks.
    """
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for suffix in FILE_SUFFIXES:
        with contextlib.suppress(OSError):  # missing, or another user's
            part = Path(f"{path}{suffix}")
            if part.stat().st_mode & 0o077:
                part.chmod(0o600)
