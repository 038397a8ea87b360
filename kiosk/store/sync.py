"""What the sync knows besides the outbox: download cursors (``sync_cursors``), its
state (``sync_state``), artefacts from head office (``sync_artefacts``) and changes
it could never apply (``sync_quarantined_changes``). The migration set ``kiosk.sync``
also creates the upload's tables (``kiosk.store.outbox``)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.store import outbox
from kiosk.store.steps import in_steps
from kiosk.store.times import utcnow

sync_migrations = Migrations("kiosk.sync")


def create_download_tables(db: Database) -> None:
    """These tables' part of migration ``kiosk.sync/0001_tables`` (shipped: never edit)."""
    # Where each download feed stopped.
    db.execute(
        """CREATE TABLE sync_cursors (
            name TEXT PRIMARY KEY,
            cursor TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    # last_success, last_attempt, last_error, failures in a row.
    db.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # Model artefacts downloaded from head office, for the recommenders.
    db.execute(
        """CREATE TABLE sync_artefacts (
            name TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            content BLOB NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            received TEXT NOT NULL
        )"""
    )


sync_migrations(name="0001_tables")(
    in_steps("tables", outbox.create_upload_tables, create_download_tables))


@sync_migrations(name="0002_quarantined_changes")
def quarantined_changes_table(db: Database) -> None:
    # Changes from head office this kiosk can never apply (malformed, or refused
    # by their applier): set aside with the reason, so the download goes on.
    # The id and kind only, never the change's data (it may name a customer).
    db.execute(
        """CREATE TABLE sync_quarantined_changes (
            change_id INTEGER PRIMARY KEY,
            kind TEXT,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        )"""
    )


# -- download cursors ------------------------------------------------------------

def cursor(db: Database, name: str) -> int:
    row = db.execute("SELECT cursor FROM sync_cursors WHERE name = ?", [name]).fetchone()
    return int(row[0]) if row else 0


def set_cursor(db: Database, name: str, value: int) -> None:
    db.execute(
        "INSERT INTO sync_cursors (name, cursor, updated) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET cursor = excluded.cursor, updated = excluded.updated",
        [name, str(value), utcnow()],
    )


# -- state -------------------------------------------------------------------------

def state(db: Database) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM sync_state").fetchall())


def set_state(db: Database, values: dict[str, Any]) -> None:
    """Set each key (a None value removes it)."""
    for key, value in values.items():
        if value is None:
            db.execute("DELETE FROM sync_state WHERE key = ?", [key])
        else:
            db.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, str(value)])


# -- artefacts from head office ------------------------------------------------------

def keep_artefact(db: Database, name: str, version: str, content: bytes,
                  meta: dict[str, Any]) -> None:
    """Keep the artefact (replacing an older version of it)."""
    db.execute(
        "INSERT INTO sync_artefacts (name, version, content, meta, received) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, "
        "content = excluded.content, meta = excluded.meta, received = excluded.received",
        [name, version, content, json.dumps(meta), utcnow()],
    )


def artefact(db: Database, name: str) -> tuple[str, bytes, dict[str, Any]] | None:
    """``(version, content, meta)``, or None."""
    row = db.execute("SELECT version, content, meta FROM sync_artefacts WHERE name = ?",
                     [name]).fetchone()
    return (row[0], bytes(row[1]), json.loads(row[2])) if row else None


# -- changes set aside ---------------------------------------------------------------

def quarantine_change(db: Database, change_id: int, kind: str | None, reason: str) -> None:
    db.execute(
        "INSERT INTO sync_quarantined_changes (change_id, kind, reason, at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(change_id) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, "
        "at = excluded.at", [change_id, kind, reason, utcnow()])


def quarantined_changes(db: Database, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """How many changes were set aside, and the newest ``limit`` of them."""
    total = db.execute("SELECT count(*) FROM sync_quarantined_changes").fetchone()[0]
    rows = db.execute("SELECT change_id, kind, reason, at FROM sync_quarantined_changes "
                      "ORDER BY change_id DESC LIMIT ?", [limit]).fetchall()
    return total, [{"id": r[0], "kind": r[1], "reason": r[2], "at": r[3]} for r in rows]
