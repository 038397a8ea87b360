"""Head office storage: ``open_storage(url)`` picks the backend from the URL.

``sqlite:///path/hq.db`` or a plain path gives the embedded SQLite backend;
``postgresql://...`` gives PostgreSQL (psycopg 3). Both implement
``Storage`` (``kiosk.hq.storage.base``) with the same SQL where they can.

The schema is versioned: ``kiosk.hq.storage.migrations`` lists the
migrations, applied in order when the storage is opened (docs/hq.md,
"Adding a head-office migration"); ``migration_status`` reads which a
database has.

Head office's keys live in a key file (``kiosk.hq.storage.keys``): beside a
SQLite database (``hq.db.key``) unless ``key_file`` or ``KIOSK_HQ_KEY_FILE``
says otherwise; PostgreSQL needs one of these.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kiosk.hq.changes import InvalidChange
from kiosk.hq.storage.base import (
    AuthRecord,
    ChangeIn,
    IngestResult,
    Storage,
    StorageError,
    UnknownChangeError,
    UnknownKioskError,
)

__all__ = [
    "AuthRecord", "ChangeIn", "IngestResult", "InvalidChange", "Storage", "StorageError",
    "UnknownChangeError", "UnknownKioskError", "migration_status", "open_storage",
]

DEFAULT_DATABASE = "hq.db"
KEY_FILE_ENV = "KIOSK_HQ_KEY_FILE"


def open_storage(url: str | None = None, *, key_file: str | Path | None = None) -> Storage:
    """The storage for ``url`` (default: ``hq.db`` in the current folder), schema ready.

    Pending migrations are applied first (``Storage.setup``); ``StorageError``
    if the database was migrated by a newer head office. ``key_file``
    (default: ``$KIOSK_HQ_KEY_FILE``, else beside a SQLite file) holds head
    office's keys; ``StorageError`` if it is missing for a database that had
    keys, or belongs to another database.
    """
    storage = _backend(url or DEFAULT_DATABASE, key_file)
    try:
        storage.setup()
    except BaseException:
        storage.close()
        raise
    return storage


def migration_status(url: str | None = None) -> dict[str, Any]:
    """Which migrations the database at ``url`` has, without changing it or reading keys.

    A SQLite file that does not exist yet is not created: every migration is pending.
    """
    url = url or DEFAULT_DATABASE
    if not _is_postgresql(url) and not Path(_sqlite_path(url)).exists():
        from kiosk.hq.storage.dialect import SQLITE
        from kiosk.hq.storage.migrations import MIGRATIONS, runner

        state = runner.State(pending=list(MIGRATIONS))
        return {"backend": SQLITE.name, "database_exists": False,
                **runner.describe(state, MIGRATIONS)}
    storage = _backend(url, None)
    try:
        return storage.migration_status()
    finally:
        storage.close()


def _backend(url: str, key_file: str | Path | None) -> Storage:
    chosen = key_file or os.environ.get(KEY_FILE_ENV)
    key_path = Path(chosen) if chosen else None
    if _is_postgresql(url):
        from kiosk.hq.storage.postgres import PostgresStorage

        return PostgresStorage(url, key_file=key_path)
    from kiosk.hq.storage.sqlite import SQLiteStorage

    return SQLiteStorage(_sqlite_path(url), key_file=key_path)


def _is_postgresql(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")
