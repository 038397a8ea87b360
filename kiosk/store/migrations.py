"""The core schema, as ``sqlite_utils.Migrations``.

Never edit a migration that has shipped: add a new one. Subsystems and
plugins keep their own sets (hook ``kiosk_register_migrations``).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

core = Migrations("kiosk")


@core(name="0001_wal", transactional=False)
def wal(db: Database) -> None:
    db.enable_wal()


@core(name="0002_schema")
def schema(db: Database) -> None:
    db.execute(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )
    db.execute(
        """CREATE TABLE stores (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE products (
            sku TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            price REAL,
            theme TEXT,
            colours TEXT NOT NULL DEFAULT '[]',  -- JSON list of colour names
            image TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            updated TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE stock (
            store_id TEXT NOT NULL REFERENCES stores(id),
            sku TEXT NOT NULL REFERENCES products(sku),
            quantity INTEGER NOT NULL,
            location TEXT,
            simulated INTEGER NOT NULL DEFAULT 0,
            updated TEXT,
            PRIMARY KEY (store_id, sku)
        )"""
    )
    db.execute(
        """CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            loyalty_ref TEXT UNIQUE,      -- the till or loyalty system's reference
            first_name TEXT,
            created TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'import',  -- import | enrolment | hq
            erased TEXT                   -- set while an erasure is being carried out
        )"""
    )
    # Consents are an append-only log: rows are never updated, and only
    # deleted once their customer is gone (erasure).
    db.execute(
        """CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
            at TEXT NOT NULL,
            source TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX consents_customer ON consents(customer_id, purpose, id)")
    db.execute(
        """CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
           BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
           WHEN EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
           BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END"""
    )
    db.execute(
        """CREATE TABLE preferences (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            key TEXT NOT NULL,            -- theme | colour | budget | size | ...
            value TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('shopper', 'staff', 'inferred')),
            updated TEXT NOT NULL,
            UNIQUE (customer_id, key, value)
        )"""
    )
    # One row per invoice line after netting returns; anonymous sales have no
    # customer and feed only store-level popularity.
    db.execute(
        """CREATE TABLE purchases (
            id INTEGER PRIMARY KEY,
            invoice TEXT NOT NULL,
            customer_id TEXT REFERENCES customers(id) ON DELETE CASCADE,
            sku TEXT NOT NULL REFERENCES products(sku),
            quantity INTEGER NOT NULL,
            price REAL NOT NULL,
            ts TEXT NOT NULL,
            store_id TEXT NOT NULL,
            excluded INTEGER NOT NULL DEFAULT 0,  -- "don't use this purchase"
            UNIQUE (invoice, sku, price)
        )"""
    )
    db.execute("CREATE INDEX purchases_customer ON purchases(customer_id, ts)")
    db.execute("CREATE INDEX purchases_ts ON purchases(ts)")
    db.execute("CREATE INDEX purchases_sku ON purchases(sku)")
    # The outbox: every event, written in the transaction of the change it
    # describes; seq is this kiosk's sequence number.
    db.execute(
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            kiosk_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            critical INTEGER NOT NULL DEFAULT 0,  -- consent, erasure: never dropped
            customer_id TEXT,
            payload TEXT NOT NULL,
            ts TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            sent TEXT
        )"""
    )
    db.execute("CREATE INDEX outbox_unsent ON outbox(sent, seq)")
    db.execute("CREATE INDEX outbox_customer ON outbox(customer_id)")
    db.execute(
        """CREATE TABLE impressions (
            id INTEGER PRIMARY KEY,
            customer_id TEXT REFERENCES customers(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            recommender TEXT NOT NULL,
            reason TEXT NOT NULL,
            shown TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX impressions_customer ON impressions(customer_id, sku, shown)")
    db.execute(
        """CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            customer_id TEXT REFERENCES customers(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('not_for_me', 'save', 'more_like_this', 'open')),
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX feedback_customer ON feedback(customer_id, kind, sku)")
