import sqlite3
import threading

import pytest
from sqlite_utils.migrations import Migrations

from kiosk.store import SchemaTooNewError, Store, open_database
from kiosk.store.migrations import CORE_SETS


def test_migrations_create_schema_with_wal(tmp_path):
    db = open_database(tmp_path / "k.db")
    assert {"stores", "products", "stock", "customers", "consents", "preferences",
            "purchases", "outbox", "impressions", "feedback"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_are_rerunnable(tmp_path):
    path = tmp_path / "k.db"
    open_database(path).close()
    db = open_database(path)
    applied = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == sum(len(s._migrations) for s in CORE_SETS)


def test_database_from_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "k.db"
    db = open_database(path)
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('kiosk', '9999_from_the_future', '2030-01-01')")
    db.conn.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_plugin_migration_sets_are_applied_and_checked(tmp_path):
    plugin_set = Migrations("plugin.example")

    @plugin_set()
    def m1(db):
        db.execute("CREATE TABLE example_things (id INTEGER PRIMARY KEY)")

    db = open_database(tmp_path / "k.db", [plugin_set])
    assert "example_things" in db.table_names()


def test_consents_are_append_only_until_the_customer_is_gone(tmp_path):
    db = open_database(tmp_path / "k.db")
    db.execute("INSERT INTO customers (id, created) VALUES ('c1', '2026-01-01')")
    db.execute("INSERT INTO consents (customer_id, purpose, granted, at, source) "
               "VALUES ('c1', 'personalisation', 1, '2026-01-01', 'kiosk')")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE consents SET granted = 0")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM consents")
    db.execute("DELETE FROM customers WHERE id = 'c1'")
    db.execute("DELETE FROM consents WHERE customer_id = 'c1'")
    assert db.execute("SELECT count(*) FROM consents").fetchone()[0] == 0


def test_one_connection_per_thread(tmp_path):
    store = Store(tmp_path / "k.db")
    seen = {}

    def worker():
        seen["db"] = store.db
        seen["count"] = store.db.execute("SELECT count(*) FROM products").fetchone()[0]

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen["db"] is not store.db
    assert seen["count"] == 0
    store.close()
