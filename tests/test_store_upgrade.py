"""A kiosk store written by an earlier version opens with today's code, unchanged.

``tests/data/main-20e37cb.db.gz`` was written by the code at commit 20e37cb, when
the tables were created by migrations in plugins and services
(``tests/data/build_main_store.py``). Migrations are recorded by set and name in
``_sqlite_migrations``: moving one to another module must keep both, or it would
run again on every existing kiosk (and fail: its tables exist).
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.staff import StaffAccounts

DATA = Path(__file__).resolve().parent / "data"
FIXTURE = "main-20e37cb"
#: migrations written after the fixture, which opening it applies (once)
ADDED_SINCE_FIXTURE = {("kiosk.privacy", "0002_profile_fields"),
                       ("kiosk.identity", "0004_chain_cards"),
                       ("kiosk.purchases", "0001_line_ids"),
                       ("kiosk.staff", "0002_roles_audit_views"),
                       ("kiosk.clients", "0001_client_book"),
                       ("kiosk.feedback", "0001_relayed_impressions"),
                       ("kiosk.clients", "0002_client_since")}


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    """A copy of the old store (and its key file) in tmp_path: the fixture stays as written."""
    path = tmp_path / "kiosk.db"
    with gzip.open(DATA / f"{FIXTURE}.db.gz", "rb") as packed:
        path.write_bytes(packed.read())
    shutil.copyfile(DATA / f"{FIXTURE}.db.keys", tmp_path / "kiosk.db.keys")
    (tmp_path / "kiosk.db.keys").chmod(0o600)
    return path


def read_all(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, object]:
    """Every row of every table (of ``columns``: only those columns), the schema and the
    applied migrations (no connection kept)."""
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        names = {t: [r[1] for r in db.execute(f"PRAGMA table_info([{t}])")] for t in tables}
        chosen = {t: (columns or names).get(t, names[t]) for t in tables}
        return {
            "columns": names,
            "rows": {t: sorted(map(repr, db.execute(
                f"SELECT {', '.join(f'[{c}]' for c in chosen[t])} FROM [{t}]"))) for t in tables},
            "schema": schema(db),
            "migrations": sorted(db.execute("SELECT * FROM _sqlite_migrations").fetchall()),
        }
    finally:
        db.close()


def schema(db: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return {(kind, name, " ".join((sql or "").split())) for kind, name, sql in db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


def open_kiosk(path: Path) -> Kiosk:
    return Kiosk(Config(database=str(path), store_id="store-1", store_name="Fixture Store",
                        kiosk_id="kiosk-fixture"), entrypoints=False)


def test_no_migration_runs_again_and_every_row_is_kept(old_store):
    before = read_all(old_store)
    assert len(before["migrations"]) == 11  # kiosk (2), identity (3), privacy, importer,
    # recommend, staff, sync (2): the fixture has every set
    kiosk = open_kiosk(old_store)
    kiosk.close()
    after = read_all(old_store, before["columns"])
    # same rows, same applied_at; only the migrations written since were added
    assert [m for m in after["migrations"] if m[1:3] not in ADDED_SINCE_FIXTURE] == (
        before["migrations"])
    assert {m[1:3] for m in after["migrations"]} - {m[1:3] for m in before["migrations"]} == (
        ADDED_SINCE_FIXTURE)
    for table, rows in before["rows"].items():
        if table != "_sqlite_migrations":  # compared above
            assert after["rows"][table] == rows, f"{table} changed on opening"
    open_kiosk(old_store).close()  # and a second opening changes nothing more
    assert read_all(old_store, before["columns"]) == after


def test_the_old_schema_is_the_schema_a_new_store_gets(old_store, tmp_path):
    open_kiosk(tmp_path / "new.db").close()
    new = sqlite3.connect(tmp_path / "new.db")
    try:
        fresh = schema(new)
        fresh_migrations = set(new.execute("SELECT migration_set, name FROM _sqlite_migrations"))
    finally:
        new.close()
    open_kiosk(old_store).close()
    old = read_all(old_store)
    assert fresh == old["schema"]
    assert fresh_migrations == {(r[1], r[2]) for r in old["migrations"]}


def test_the_old_store_still_serves_its_shoppers(old_store):
    codes = json.loads((DATA / f"{FIXTURE}.json").read_text(encoding="utf-8"))["codes"]
    kiosk = open_kiosk(old_store)
    try:
        for customer_id, code in codes.items():
            result = kiosk.identity.identify(code)
            assert (result.status, result.customer_id) == ("ok", customer_id)
        assert kiosk.recommendations.load()  # the stored models, not a new training
        shelves = kiosk.recommendations.shelves("14688", session_id="upgrade")
        assert any(shelf.picks for shelf in shelves)
        assert kiosk.privacy.was_erased("16029")
        assert kiosk.privacy.consented("14688", "personalisation")
        assert not kiosk.privacy.consented("12583", "personalisation")  # paused
        assert StaffAccounts(kiosk.db).verify("2468").ok
        status = kiosk.sync.status()
        assert (status["dropped"], status["download_cursor"], status["quarantined"],
                status["changes_quarantined"]) == (2, 41, 5, 1)
        assert kiosk.sync.artefact("look-book")[:2] == ("7", b"hello")
    finally:
        kiosk.close()
