"""Head office storage: ``open_storage(url)`` picks the backend from the URL.

``sqlite:///path/hq.db`` or a plain path gives the embedded SQLite backend;
``postgresql://...`` gives PostgreSQL (psycopg 3). Both implement
``Storage`` (``kiosk.hq.storage.base``) with the same SQL where they can.
"""

from __future__ import annotations

from kiosk.hq.storage.base import (
    AuthRecord,
    ChangeIn,
    IngestResult,
    Storage,
    StorageError,
    UnknownKioskError,
)

__all__ = [
    "AuthRecord", "ChangeIn", "IngestResult", "Storage", "StorageError",
    "UnknownKioskError", "open_storage",
]

DEFAULT_DATABASE = "hq.db"


def open_storage(url: str | None = None) -> Storage:
    """The storage for ``url`` (default: ``hq.db`` in the current folder), schema ready."""
    url = url or DEFAULT_DATABASE
    if url.startswith(("postgresql://", "postgres://")):
        from kiosk.hq.storage.postgres import PostgresStorage

        storage: Storage = PostgresStorage(url)
    else:
        from kiosk.hq.storage.sqlite import SQLiteStorage

        path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
        storage = SQLiteStorage(path)
    storage.setup()
    return storage
