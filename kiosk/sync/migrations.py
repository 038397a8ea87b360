"""The sync's own tables, as the migration set "kiosk.sync".

The outbox itself is core (``kiosk.store.migrations``); these tables hold
what the sync knows about it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

sync_migrations = Migrations("kiosk.sync")


@sync_migrations(name="0001_tables")
def tables(db: Database) -> None:
    # A batch is recorded before it is sent and deleted in the transaction
    # that marks its events sent, so a crash at any point resends the same
    # batch (head office ignores the events it already has).
    db.execute(
        """CREATE TABLE sync_batches (
            id TEXT PRIMARY KEY,
            first_seq INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            events INTEGER NOT NULL,
            created TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        )"""
    )
    # A batch head office rejected (a 4xx other than 401/429): kept with
    # the reason for operators, never retried on its own.
    db.execute(
        """CREATE TABLE sync_quarantine (
            id INTEGER PRIMARY KEY,
            batch_id TEXT NOT NULL,
            first_seq INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            events INTEGER NOT NULL,
            status INTEGER,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sync_quarantined_events (
            seq INTEGER PRIMARY KEY,
            quarantine_id INTEGER NOT NULL REFERENCES sync_quarantine(id)
        )"""
    )
    # Where each download feed stopped.
    db.execute(
        """CREATE TABLE sync_cursors (
            name TEXT PRIMARY KEY,
            cursor TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    # Counters that only grow: events dropped by the disk budget, ...
    db.execute(
        "CREATE TABLE sync_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
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


@sync_migrations(name="0002_quarantined_changes")
def quarantined_changes(db: Database) -> None:
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
