"""Is the kiosk's database sound? Recognise damage, check a file, say what to do.

A database that SQLite finds damaged (``SQLITE_CORRUPT``: "database disk
image is malformed", ``SQLITE_NOTADB``: "file is not a database") or cannot
read or write (``SQLITE_IOERR``) cannot be trusted: the kiosk stops serving
shoppers until staff restore a backup or rebuild it from head office.

- ``damage_kind(error)`` tells such an error from the everyday ones (a busy
  database, a constraint, a bug in a query);
- ``StoreHealth`` remembers the first damage any connection of the process
  met, logs it once with what to do, and tells its listeners (the UI's
  out-of-order screen). The ``Store``'s connections report to it themselves
  (``WatchedConnection``), so damage is seen even where a caller catches the
  error and carries on (a failing recommender is left out, for instance);
- ``check(path)`` runs ``PRAGMA integrity_check`` and ``foreign_key_check``
  for ``kiosk store check``, without migrating or changing the file;
- ``advice(path)`` is what to do, with the exact commands.

Nothing here logs or shows row data: SQLite's messages name tables, indexes
and pages, never values.
"""

from __future__ import annotations

import contextlib
import logging
import shlex
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# primary result code -> kind; extended codes (SQLITE_IOERR_SHORT_READ, ...) are
# the primary code in the low byte
DAMAGE_CODES = {
    sqlite3.SQLITE_CORRUPT: "corrupt",
    sqlite3.SQLITE_NOTADB: "not_a_database",
    sqlite3.SQLITE_IOERR: "io_error",
}
# for errors that carry no result code
DAMAGE_MESSAGES = {
    "database disk image is malformed": "corrupt",
    "file is not a database": "not_a_database",
    "disk i/o error": "io_error",
}
MAX_PROBLEMS = 20  # integrity_check findings kept in a report (the first ones)


def damage_kind(error: BaseException) -> str | None:
    """"corrupt", "not_a_database" or "io_error" if ``error`` means damage, else None."""
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return DAMAGE_CODES.get(code & 0xFF)
    text = str(error).lower()
    return next((kind for message, kind in DAMAGE_MESSAGES.items() if message in text), None)


def is_damage(error: BaseException) -> bool:
    return damage_kind(error) is not None


@dataclass(frozen=True, slots=True)
class Damage:
    """What went wrong with which database, in SQLite's words (no row data)."""

    database: str
    kind: str
    detail: str

    def summary(self) -> str:
        return f"The kiosk's database {self.database} is damaged ({self.detail})"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def describe(error: BaseException, database: str | Path) -> Damage:
    """The ``Damage`` an error means (call only when ``is_damage(error)``)."""
    name = getattr(error, "sqlite_errorname", None)
    detail = f"{name}: {error}" if name else str(error)
    return Damage(str(database), damage_kind(error) or "corrupt", detail)


def advice(database: str | Path) -> list[str]:
    """What staff do about a damaged database, with the exact commands."""
    db = shlex.quote(str(database))
    return [
        "Stop the kiosk and its sync first: no process may have the database open.",
        f"See what is wrong:  kiosk store check --db {db}",
        "Then either restore a backup:",
        f"    mv {db} {db}.damaged; rm -f {db}-wal {db}-shm",
        f"    cp BACKUP {db}",
        "or rebuild it from head office (the config must have hq_url and hq_token):",
        f"    mv {db} {db}.damaged; rm -f {db}-wal {db}-shm",
        f"    kiosk sync --once --db {db}",
        f"    kiosk staff add NAME --db {db}",
        "  A rebuilt kiosk gets the catalogue, stock, profiles, privacy changes and models",
        "  from head office; events it had not sent yet and its staff accounts are lost.",
        f"Finally check it again:  kiosk store check --db {db}",
    ]


class StoreHealth:
    """The first damage met by any connection of this process, and who wants to know.

    Thread-safe: connections of every thread report here; listeners are
    called on the reporting thread (a Qt listener re-emits a signal).
    """

    def __init__(self, database: str | Path):
        self.database = str(database)
        self.damage: Damage | None = None
        self._lock = threading.Lock()
        self._listeners: list[Callable[[Damage], None]] = []

    def note(self, error: BaseException) -> bool:
        """Record ``error`` if it means damage; True if it does."""
        if not is_damage(error):
            return False
        self.report(describe(error, self.database))
        return True

    def report(self, damage: Damage) -> None:
        """Record damage found otherwise (``quick_check``): logged and announced if first."""
        with self._lock:
            first = self.damage is None
            if first:
                self.damage = damage
            listeners = list(self._listeners)
        if first:
            self._announce(damage, listeners)

    def _announce(self, damage: Damage, listeners: list[Callable[[Damage], None]]) -> None:
        log.error("%s; it cannot be trusted any more. For what to do (restore a backup, "
                  "or rebuild it from head office) run: kiosk store check --db %s",
                  damage.summary(), shlex.quote(self.database))
        for listener in listeners:
            try:
                listener(damage)
            except Exception:  # a listener that went away must not hide the damage
                log.exception("a store health listener failed")

    def subscribe(self, listener: Callable[[Damage], None]) -> None:
        """Call ``listener(damage)`` on damage (at once if it was already seen)."""
        with self._lock:
            self._listeners.append(listener)
            damage = self.damage
        if damage is not None:
            listener(damage)

    def unsubscribe(self, listener: Callable[[Damage], None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)


class WatchedCursor(sqlite3.Cursor):
    """A cursor that reports damage to its connection's ``StoreHealth``."""

    def _seen(self, error: sqlite3.DatabaseError) -> None:
        health = getattr(self.connection, "health", None)
        if health is not None:
            health.note(error)

    def execute(self, *args: Any) -> WatchedCursor:
        try:
            return super().execute(*args)
        except sqlite3.DatabaseError as error:
            self._seen(error)
            raise

    def executemany(self, *args: Any) -> WatchedCursor:
        try:
            return super().executemany(*args)
        except sqlite3.DatabaseError as error:
            self._seen(error)
            raise

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as error:
            self._seen(error)
            raise

    def fetchmany(self, *args: Any) -> list[Any]:
        try:
            return super().fetchmany(*args)
        except sqlite3.DatabaseError as error:
            self._seen(error)
            raise

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as error:
            self._seen(error)
            raise


class WatchedConnection(sqlite3.Connection):
    """``sqlite3.connect(..., factory=WatchedConnection)``; set ``health`` after connecting.

    Statements, fetches and commits that meet damage report it before the
    error goes on to the caller, unchanged. Rows read by iterating a cursor
    are not watched (that stays at C speed); an error there still reaches
    the caller.
    """

    health: StoreHealth | None = None

    def _seen(self, error: sqlite3.DatabaseError) -> None:
        if self.health is not None:
            self.health.note(error)

    def cursor(self, factory: Any = WatchedCursor) -> Any:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, *args: Any) -> Any:
        return self.cursor().execute(*args)

    def executemany(self, *args: Any) -> Any:
        return self.cursor().executemany(*args)

    def executescript(self, *args: Any) -> Any:
        try:
            return super().executescript(*args)
        except sqlite3.DatabaseError as error:
            self._seen(error)
            raise

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.DatabaseError as error:
            self._seen(error)
            raise


@dataclass
class CheckReport:
    """The answer of ``check``: ``ok`` only if every check passed."""

    database: str
    ok: bool
    integrity: list[str] = field(default_factory=list)      # "ok", or SQLite's findings
    foreign_keys: dict[str, int] = field(default_factory=dict)  # table -> violations
    error: str | None = None                                 # the file could not be read

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.ok:
            data["advice"] = advice(self.database)
        return data


def _connect_existing(path: Path) -> sqlite3.Connection:
    """A read-only connection: it neither creates, migrates nor changes the file."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)


def check(path: str | Path) -> CheckReport:
    """Run ``integrity_check`` and ``foreign_key_check`` on an existing database file.

    Safe while a kiosk runs on the file (a reader does not block writers in
    WAL mode). Damage is reported, not raised; any other error (the file is
    busy, unreadable for this user) is raised: it says nothing about the file.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no database file at {path}")
    report = CheckReport(str(path), ok=False)
    db = _connect_existing(path)
    try:
        report.integrity = _problems(db, "integrity_check")
        for table, *_ in db.execute("PRAGMA foreign_key_check").fetchall():
            report.foreign_keys[table] = report.foreign_keys.get(table, 0) + 1
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        report.error = describe(error, path).detail
        if not report.integrity:  # integrity_check gave up: quick_check may still say where
            with contextlib.suppress(sqlite3.DatabaseError):
                report.integrity = _problems(db, "quick_check")
        return report
    finally:
        db.close()
    report.ok = report.integrity == ["ok"] and not report.foreign_keys
    return report


def _problems(db: sqlite3.Connection, pragma: str) -> list[str]:
    """The lines of ``integrity_check`` or ``quick_check``: ["ok"], or what is wrong."""
    rows = db.execute(f"PRAGMA {pragma}({MAX_PROBLEMS + 1})").fetchall()
    # one row per problem, but a row may hold several lines ("*** in database main ***")
    lines = [line for row in rows for line in str(row[0]).splitlines()
             if line and not line.startswith("***")]
    return lines[:MAX_PROBLEMS]


def quick_check(db: Any, database: str | Path) -> Damage | None:
    """``PRAGMA quick_check`` on an open connection to ``database`` (0.1 s for 90 MB).

    Returns the damage it found, or None; an error that means damage is
    returned as damage too.
    """
    try:
        lines = _problems(db, "quick_check")
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        return describe(error, database)
    if lines == ["ok"]:
        return None
    more = " (and more)" if len(lines) > 1 else ""
    return Damage(str(database), "corrupt", f"quick_check: {lines[0]}{more}")
