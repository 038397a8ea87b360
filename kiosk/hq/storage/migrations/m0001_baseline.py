"""0001_baseline: head office's tables as the last head office before versioned migrations
(commit 20e37cb) made them.

Shipped: never edit it. A database made before versioned migrations is
adopted instead of running this (``kiosk.hq.storage.legacy``): ``COLUMNS`` is
what adoption checks it has.
"""

from __future__ import annotations

from typing import Any

from kiosk.hq.storage.dialect import Dialect

NAME = "0001_baseline"

#: each table's columns, as this migration creates them
COLUMNS: dict[str, frozenset[str]] = {
    "hq_meta": frozenset({"key", "value"}),
    "kiosks": frozenset({"name", "store_id", "role", "token_hash", "created", "last_seen",
                         "last_seq", "events", "duplicates_ignored", "out_of_order", "dropped",
                         "device_key"}),
    "events": frozenset({"id", "uuid", "kiosk_id", "store_id", "seq", "kind", "customer_id",
                         "session_id", "sku", "recommender", "payload", "ts", "day",
                         "schema_version", "received"}),
    "changes": frozenset({"id", "kind", "store_id", "customer_id", "data", "created"}),
    "retractions": frozenset({"change_id", "kind", "retracted_by", "at"}),
    "consents": frozenset({"customer_id", "purpose", "granted", "at"}),
    "erasures": frozenset({"digest", "origin", "at"}),
    "hq_cards": frozenset({"card_id", "customer_id", "kiosk", "long_digest", "short_digest",
                           "registered", "revoked"}),
}

ERASURES = """CREATE TABLE IF NOT EXISTS erasures (
                digest TEXT PRIMARY KEY,
                origin TEXT NOT NULL,
                at TEXT NOT NULL
            )"""


def statements(serial: str, big: str) -> list[str]:
    """The ``CREATE ... IF NOT EXISTS`` statements, for a backend's column types."""
    return [
        "CREATE TABLE IF NOT EXISTS hq_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE IF NOT EXISTS kiosks (
            name TEXT PRIMARY KEY,
            store_id TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'kiosk',
            token_hash TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            last_seen TEXT,
            last_seq {big} NOT NULL DEFAULT 0,
            events {big} NOT NULL DEFAULT 0,
            duplicates_ignored {big} NOT NULL DEFAULT 0,
            out_of_order {big} NOT NULL DEFAULT 0,
            dropped {big} NOT NULL DEFAULT 0,
            device_key TEXT  -- pinned Ed25519 key that signs its card registrations
        )""",
        f"""CREATE TABLE IF NOT EXISTS events (
            id {serial},
            uuid TEXT NOT NULL UNIQUE,
            kiosk_id TEXT NOT NULL,
            store_id TEXT NOT NULL,
            seq {big} NOT NULL,
            kind TEXT NOT NULL,
            customer_id TEXT,
            session_id TEXT,
            sku TEXT,
            recommender TEXT,
            payload TEXT NOT NULL,
            ts TEXT NOT NULL,
            day TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            received TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS events_customer ON events(customer_id)",
        "CREATE INDEX IF NOT EXISTS events_store_day ON events(store_id, day)",
        f"""CREATE TABLE IF NOT EXISTS changes (
            id {serial},
            kind TEXT NOT NULL,
            store_id TEXT,
            customer_id TEXT,
            data TEXT NOT NULL,
            created TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS changes_customer ON changes(customer_id)",
        # A retracted change stays (the audit) but is no longer served.
        f"""CREATE TABLE IF NOT EXISTS retractions (
            change_id {big} PRIMARY KEY,
            kind TEXT NOT NULL,
            retracted_by TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS consents (
            customer_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            granted INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (customer_id, purpose)
        )""",
        ERASURES,
        # The card registry (kiosk.hq.registry): keyed digests of each card's
        # two codes, never the codes; checked by proofs of presence.
        """CREATE TABLE IF NOT EXISTS hq_cards (
            card_id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            kiosk TEXT NOT NULL,
            long_digest TEXT NOT NULL UNIQUE,
            short_digest TEXT NOT NULL UNIQUE,
            registered TEXT NOT NULL,
            revoked TEXT
        )""",
        "CREATE INDEX IF NOT EXISTS hq_cards_customer ON hq_cards(customer_id)",
    ]


def apply(cur: Any, dialect: Dialect) -> None:
    for statement in statements(dialect.serial_pk, dialect.bigint):
        dialect.run(cur, statement)
