"""The ``meta`` table: the kiosk's own values by key (erasure keys, head office's key)."""

from __future__ import annotations

from sqlite_utils import Database

#: the key of this kiosk's own erasure digests (hex; made by the first erasure)
ERASURE_KEY = "privacy_erasure_key"
#: head office's erasure key (hex), under which its erasures name the erased id
HQ_ERASURE_KEY = "hq_erasure_key"
#: head office's public key, as the first sync fetched it
HQ_PUBLIC_KEY = "hq_public_key"


def create_core_tables(db: Database) -> None:
    """This table's part of the core migration ``kiosk/0002_schema`` (shipped: never edit)."""
    db.execute(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )


def get(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def put(db: Database, key: str, value: str) -> None:
    """Set ``key`` (added, or replaced)."""
    db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
               "SET value = excluded.value", [key, value])
