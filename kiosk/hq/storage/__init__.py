"""Head office storage: ``open_storage(url)`` picks the backend from the URL.

``sqlite:///path/hq.db`` or a plain path gives the embedded SQLite backend;
``postgresql://...`` gives PostgreSQL (psycopg 3). Both implement
``Storage`` (``kiosk.hq.storage.base``) with the same SQL where they can.

Head office's keys live in a key file (``kiosk.hq.storage.keys``): beside a
SQLite database (``hq.db.key``) unless ``key_file`` or ``KIOSK_HQ_KEY_FILE``
says otherwise; PostgreSQL needs one of these.
"""

from __future__ import annotations

import os
from pathlib import Path

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
    "UnknownChangeError", "UnknownKioskError", "open_storage",
]

DEFAULT_DATABASE = "hq.db"
KEY_FILE_ENV = "KIOSK_HQ_KEY_FILE"


def open_storage(url: str | None = None, *, key_file: str | Path | None = None) -> Storage:
    """The storage for ``url`` (default: ``hq.db`` in the current folder), schema ready.

    ``key_file`` (default: ``$KIOSK_HQ_KEY_FILE``, else beside a SQLite file)
    holds head office's keys; ``StorageError`` if it is missing for a
    database that had keys, or belongs to another database.
    """
    url = url or DEFAULT_DATABASE
    chosen = key_file or os.environ.get(KEY_FILE_ENV)
    key_path = Path(chosen) if chosen else None
    if url.startswith(("postgresql://", "postgres://")):
        from kiosk.hq.storage.postgres import PostgresStorage

        storage: Storage = PostgresStorage(url, key_file=key_path)
    else:
        from kiosk.hq.storage.sqlite import SQLiteStorage

        path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
        storage = SQLiteStorage(path, key_file=key_path)
    try:
        storage.setup()
    except BaseException:
        storage.close()
        raise
    return storage
