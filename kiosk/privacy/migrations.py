"""Tables of the privacy service: migration set ``kiosk.privacy``.

Registered by the built-in plugin ``plugins/privacy.py``.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

privacy_migrations = Migrations("kiosk.privacy")


@privacy_migrations(name="0001_pauses_erasures")
def pauses_and_erasures(db: Database) -> None:
    db.execute(
        """CREATE TABLE privacy_pauses (
            customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
            paused TEXT NOT NULL
        )"""
    )
    # Erased customers, as a keyed hash of their id only, so that a later
    # import from the till does not bring them back (see docs/privacy.md).
    db.execute(
        """CREATE TABLE privacy_erasures (
            digest TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            origin TEXT NOT NULL
        )"""
    )
