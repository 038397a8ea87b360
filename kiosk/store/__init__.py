"""The kiosk's local store: SQLite through sqlite-utils, one module per area.

Each area module (``customers``, ``catalogue``, ``purchases``, ``cards``,
``feedback``, ``outbox``, ``sync``, ``recommend``, ``staff``, ``meta``) holds the
migrations of its tables and every statement on them; services call it, and
no other module names a core table in SQL (``tests/test_data_layer.py``).
``open_database`` applies every core migration set
(``kiosk.store.migrations.CORE_SETS``), then each plugin's, and refuses a
database written by a newer version of the kiosk. ``Store`` hands each thread
its own connection. The database file is created private
(``kiosk.store.files``), and every connection reports damage to the store's
``StoreHealth`` (``kiosk.store.health``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.store.files import create_private_file, prepare_database_file
from kiosk.store.health import StoreHealth, WatchedConnection
from kiosk.store.migrations import CORE_SETS

__all__ = ["SchemaTooNewError", "Store", "StoreHealth", "apply_migrations", "connect",
           "open_database"]


class SchemaTooNewError(RuntimeError):
    """The database holds migrations this version of the kiosk does not know."""


def connect(path: str | os.PathLike[str] | None,
            health: StoreHealth | None = None) -> Database:
    """One connection, with the pragmas every kiosk connection needs.

    ``path=None`` gives an in-memory database (unit tests). With ``health``,
    the connection reports any damage it meets there.
    """
    if path is None:
        db = Database(memory=True)
    else:
        conn = sqlite3.connect(str(path), timeout=30, check_same_thread=True,
                               factory=WatchedConnection)
        conn.health = health
        db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    db.execute("PRAGMA synchronous = NORMAL")
    # Erasure must leave nothing behind: deleted cells are overwritten. The one
    # place it is set: every connection of the kiosk is made here.
    db.execute("PRAGMA secure_delete = ON")
    return db


def check_not_newer(db: Database, sets: Iterable[Migrations]) -> None:
    """Raise SchemaTooNewError if ``db`` holds a migration none of ``sets`` knows."""
    if "_sqlite_migrations" not in db.table_names():
        return
    known = {(s.name, m.name) for s in sets for m in s._migrations}
    known_sets = {s.name for s in sets}
    rows = db.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
    unknown = sorted(f"{s}/{n}" for s, n in rows if s in known_sets and (s, n) not in known)
    if unknown:
        raise SchemaTooNewError(
            "This database was written by a newer version of Personal Shopper Kiosk "
            f"(it has migrations this version does not know: {', '.join(unknown)}). "
            "It has not been changed. Upgrade the kiosk software to open it."
        )


def apply_migrations(db: Database, extra: Iterable[Migrations] = ()) -> None:
    """Bring ``db`` up to date: the core sets, then ``extra`` (plugins' sets)."""
    sets = [*CORE_SETS, *extra]
    names = [s.name for s in sets]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"migration sets registered twice: {', '.join(sorted(duplicates))}")
    check_not_newer(db, sets)
    for migration_set in sets:
        migration_set.apply(db)


@contextlib.contextmanager
def migrating(path: str | os.PathLike[str] | None) -> Iterator[None]:
    """Hold ``<database>-migrations.lock`` (flock) while migrating: two processes opening a
    new or older database at once (the app and ``kiosk sync``, say) must not both apply
    the same migration (the second failed on ``_sqlite_migrations``' unique key).

    A lock file of its own, never the database: closing a descriptor of the database
    file would drop the process's SQLite locks on it.
    """
    if path is None:
        yield
        return
    lock = Path(f"{path}-migrations.lock")
    create_private_file(lock)
    fd = os.open(lock, os.O_RDWR | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the flock


def open_database(path: str | os.PathLike[str] | None,
                  extra: Iterable[Migrations] = (),
                  health: StoreHealth | None = None) -> Database:
    """Connect, migrate and return a database ready for the kiosk.

    A new file (and a folder made for it) is created for this user only.
    """
    if path is not None:
        prepare_database_file(Path(path))
    db = connect(path, health)
    try:
        with migrating(path):
            apply_migrations(db, extra)
    except BaseException:
        db.close()
        raise
    return db


class Store:
    """The kiosk's database, one connection per thread.

    The first connection (made in ``__init__``) migrates the file; the
    others just connect. ``store.db`` is the calling thread's connection.
    ``store.health`` knows whether any of them met a damaged database; damage
    met while opening is logged there too, then raised.
    """

    def __init__(self, path: str | os.PathLike[str], extra: Iterable[Migrations] = ()):
        self.path = Path(path)
        self.health = StoreHealth(self.path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Database] = []
        try:
            db = open_database(self.path, extra, self.health)
        except sqlite3.DatabaseError as error:
            self.health.note(error)  # logs it, with what to do, if it is damage
            raise
        self._adopt(db)

    def _adopt(self, db: Database) -> None:
        self._local.db = db
        with self._lock:
            self._all.append(db)

    @property
    def db(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.path, self.health)
            self._adopt(db)
        return db

    def release(self) -> None:
        """Close the calling thread's connection, if it made one (a thread that ends
        calls this: another thread cannot close it)."""
        db = getattr(self._local, "db", None)
        if db is None:
            return
        del self._local.db
        with self._lock:
            self._all = [other for other in self._all if other is not db]
        db.close()

    def close(self) -> None:
        """Close every thread's connection (call from the owning thread at exit)."""
        with self._lock:
            connections, self._all = self._all, []
        for db in connections:
            # a connection made by a thread that has gone cannot be closed here
            with contextlib.suppress(sqlite3.ProgrammingError):
                db.close()
        self._local = threading.local()

    def summary(self) -> dict[str, int]:
        """Counts of the main tables, for ``kiosk store info`` and ``make run``."""
        from kiosk.store import catalogue, customers, outbox, purchases

        db = self.db
        return {"stores": catalogue.count_stores(db), "products": catalogue.count_products(db),
                "customers": customers.count(db), "purchases": purchases.count(db),
                "stock": catalogue.count_stock(db), "outbox": outbox.count(db),
                "invoices": purchases.count_invoices(db)}
