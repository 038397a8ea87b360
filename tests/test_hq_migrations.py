# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""Head office's versioned migrations and its SQL dialect layer, on both backends.

A database of the last head office before versioned migrations (commit
20e37cb; ``tests/data/hq_20e37cb``, made by that code) is adopted with its
data; a second start changes nothing; later migrations run after adoption; a
database migrated by a newer head office, or not head office's at all, is
refused; two head offices starting at once apply each migration once; a
literal ``?`` or ``%`` in SQL survives on PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hqserver import hq_storage, pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.hq import report
from kiosk.hq.cli import EXIT_NEWER, EXIT_PENDING, hq
from kiosk.hq.storage import (
    ChangeIn,
    StorageError,
    migration_status,
    migrations,
    open_storage,
)
from kiosk.hq.storage.dialect import POSTGRESQL, SQLITE
from kiosk.hq.storage.migrations import MIGRATIONS, Migration, m0001_baseline

DATA = Path(__file__).parent / "data" / "hq_20e37cb"
#: the migrations this head office ships, in order
SHIPPED = tuple(m.name for m in migrations.MIGRATIONS)
LATER = SHIPPED[1:]
OLD = json.loads((DATA / "expected.json").read_text())
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

#: the migrations this head office ships, in order (each new one is added there)
SHIPPED = tuple(m.name for m in MIGRATIONS)


def load_sqlite(folder: Path) -> str:
    """The 20e37cb database, as SQLite, with its key file beside it."""
    database = folder / "hq.db"
    conn = sqlite3.connect(database)
    try:
        conn.executescript((DATA / "sqlite.sql").read_text())
    finally:
        conn.close()
    shutil.copyfile(DATA / "hq.key", folder / "hq.db.key")
    return str(database)


def load_postgresql(url: str, key_file: Path) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in (DATA / "postgresql.sql").read_text().split(";\n"):
            if statement.strip():
                conn.execute(statement)
    shutil.copyfile(DATA / "hq.key", key_file)
    return url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database's URL, on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "hq.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=BACKENDS)
def legacy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database made by head office 20e37cb (no hq_migrations), on each backend."""
    if request.param == "sqlite":
        return load_sqlite(tmp_path)
    # pg_url points KIOSK_HQ_KEY_FILE at tmp_path / "hq-pg.key"
    return load_postgresql(request.getfixturevalue("pg_url"), tmp_path / "hq-pg.key")


def with_test_migration(monkeypatch: pytest.MonkeyPatch, name: str, apply: Any) -> None:
    """This head office, one migration later (as the next version would ship it)."""
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, Migration(name, apply)))


def add_kiosk_notes(cur: Any, dialect: Any) -> None:
    dialect.run(cur, "ALTER TABLE kiosks ADD COLUMN note TEXT")
    dialect.run(cur, "UPDATE kiosks SET note = 'why? ' || name WHERE role = ?", ["kiosk"])


def raw_query(url: str, sql: str) -> list[tuple]:
    """``sql`` on a connection of the test's own (no head office opened)."""
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            return conn.execute(sql).fetchall()
    conn = sqlite3.connect(url)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def tables(url: str) -> set[str]:
    if url.startswith("postgresql"):
        sql = ("SELECT table_name FROM information_schema.tables "
               "WHERE table_schema = current_schema()")
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {row[0] for row in raw_query(url, sql)}


def columns(storage: Any, table: str) -> set[str]:
    with storage._tx(write=False) as cur:
        return storage.dialect.columns(cur, table)


def everything(storage: Any) -> dict[str, list]:
    tables = [*m0001_baseline.COLUMNS, "hq_migrations"]
    return {t: sorted(map(repr, storage.query(f"SELECT * FROM {t}"))) for t in tables}


def as_json(value: Any) -> Any:
    return json.loads(json.dumps(value))


def assert_has_the_old_data(storage: Any) -> None:
    stats = storage.stats()
    assert stats.pop("backend") == storage.backend
    old_stats = dict(OLD["stats"])
    old_stats.pop("backend")
    added = set(stats["totals"]) - set(old_stats["totals"])  # counters of later versions
    assert {key: stats["totals"].pop(key) for key in added} == dict.fromkeys(added, 0)
    # 0005_card_changes published one card change for each card 20e37cb registered
    cards = stats["totals"]["cards_registered"]
    stats["totals"]["changes"] -= cards
    assert stats == old_stats
    for name, feed in OLD["feeds"].items():
        kiosk = storage.authenticate(OLD["tokens"][name])
        assert kiosk is not None
        served = storage.changes_for(kiosk, 0, 100)
        backfilled = [c for c in served["changes"] if c["kind"] == "card"]
        assert len(backfilled) == cards and all(c["id"] > feed["cursor"] for c in backfilled)
        old = [c for c in served["changes"] if c["kind"] != "card"]
        assert {**served, "changes": old, "cursor": feed["cursor"]} == feed
    assert storage.retractions() == OLD["retractions"]
    assert storage.kiosk_sequence("k1") == OLD["sequence_k1"]
    assert as_json(report.engagement(storage)) == OLD["engagement"]
    assert as_json(report.events_per_day(storage)) == OLD["per_day"]
    assert storage.public_key == OLD["public_key"]
    assert storage.erasure_key == OLD["erasure_key"]
    assert all(storage.is_erased(c) for c in OLD["erased"])
    assert not any(storage.is_erased(c) for c in OLD["kept"])


# -- a database of the head office before versioned migrations -------------------


def test_a_database_of_20e37cb_is_adopted_with_its_data(legacy):
    before = migration_status(legacy)
    assert before["unversioned"] and before["version"] is None
    assert [(m["name"], m["state"]) for m in before["migrations"]] == [
        ("0001_baseline", "adopt"), *((name, "pending") for name in LATER)]
    storage = open_storage(legacy)
    try:
        assert storage.migrated == SHIPPED
        assert_has_the_old_data(storage)
        # every column of the baseline (later migrations add some)
        assert all(columns(storage, t) >= m0001_baseline.COLUMNS[t]
                   for t in m0001_baseline.COLUMNS)
        # it still takes uploads, publishes, retracts and erases
        k1 = storage.authenticate(OLD["tokens"]["k1"])
        upload = storage.ingest(k1, [{"uuid": "00000000-0000-4000-8000-000000000999",
                                      "seq": 60, "kind": "scan", "customer_id": "c-1",
                                      "ts": "2026-01-05T10:00:00+00:00", "payload": {}}])
        assert upload.accepted == 1 and upload.last_seq == 60
        (last,) = storage.query("SELECT max(id) FROM changes")[0]
        published = storage.publish([ChangeIn("product", {"sku": "SKU-2", "name": "Bowl?"})])
        assert published == [last + 1]  # the ids go on where 20e37cb left them
        assert storage.retract(published[0], by="test")["already_retracted"] is False
        assert storage.erase("c-1") and storage.is_erased("c-1")
        assert storage.query("SELECT count(*) FROM events WHERE customer_id = 'c-1'") == [(0,)]
        totals = storage.stats()["totals"]
        assert totals["erasures"] == len(OLD["erased"]) + 1
        assert totals["changes_retracted"] == len(OLD["retractions"]) + 1
    finally:
        storage.close()
    after = migration_status(legacy)
    assert not after["unversioned"] and after["version"] == SHIPPED[-1]
    assert [(m["name"], m["state"]) for m in after["migrations"]] == [
        (name, "applied") for name in SHIPPED]
    assert after["pending"] == [] and after["newer"] == []


def test_a_second_start_changes_nothing(legacy):
    open_storage(legacy).close()
    first = open_storage(legacy)
    try:
        snapshot = everything(first)
        status = migration_status(legacy)
    finally:
        first.close()
    again = open_storage(legacy)
    try:
        assert again.migrated == ()
        assert everything(again) == snapshot
        assert_has_the_old_data(again)
    finally:
        again.close()
    assert migration_status(legacy) == status


def test_later_migrations_run_after_adoption_and_an_older_head_office_refuses(
        legacy, monkeypatch):
    with monkeypatch.context() as patch:
        with_test_migration(patch, "9999_test_kiosk_notes", add_kiosk_notes)
        storage = open_storage(legacy)
        try:
            assert storage.migrated == (*SHIPPED, "9999_test_kiosk_notes")
            assert storage.query("SELECT name, note FROM kiosks ORDER BY name") == [
                ("k1", "why? k1"), ("k2", "why? k2"), ("ops", None)]
            assert_has_the_old_data(storage)
            snapshot = everything(storage)
        finally:
            storage.close()
        status = migration_status(legacy)
        assert status["version"] == "9999_test_kiosk_notes" and status["pending"] == []
        times = [m["applied"] for m in status["migrations"]]
        assert times == sorted(times)  # in order
    # this head office does not know 9999: it refuses the database and leaves it as it is
    with pytest.raises(StorageError, match="migrated by a newer head office: migration "
                                           "9999_test_kiosk_notes is unknown to this version "
                                           rf"\(its latest is {SHIPPED[-1]}\)"):
        open_storage(legacy)
    refused = CliRunner().invoke(hq, ["stats", "--database", legacy])
    assert refused.exit_code == 1
    assert "migration 9999_test_kiosk_notes is unknown to this version" in refused.output
    listed = CliRunner().invoke(hq, ["migrations", "--database", legacy])
    assert listed.exit_code == EXIT_NEWER
    assert "9999_test_kiosk_notes" in listed.output and "newer" in listed.output
    not_applied = CliRunner().invoke(hq, ["migrations", "--database", legacy, "--apply"])
    assert not_applied.exit_code == EXIT_NEWER
    with monkeypatch.context() as patch:  # the newer head office still finds it intact
        with_test_migration(patch, "9999_test_kiosk_notes", add_kiosk_notes)
        storage = open_storage(legacy)
        try:
            assert storage.migrated == () and everything(storage) == snapshot
        finally:
            storage.close()


def test_a_new_database_gets_every_migration_and_a_newer_one_is_refused(backend, monkeypatch):
    with monkeypatch.context() as patch:
        with_test_migration(patch, "9999_test_kiosk_notes", add_kiosk_notes)
        storage = open_storage(backend)
        try:
            assert storage.migrated == (*SHIPPED, "9999_test_kiosk_notes")
            storage.add_kiosk("k1", store_id="s1")
            assert storage.query("SELECT note FROM kiosks") == [(None,)]
        finally:
            storage.close()
    with pytest.raises(StorageError, match="migration 9999_test_kiosk_notes is unknown"):
        open_storage(backend)
    status = migration_status(backend)
    assert status["newer"] == ["9999_test_kiosk_notes"]
    assert [m["state"] for m in status["migrations"]] == [
        *("applied" for _ in SHIPPED), "newer"]


def test_a_database_that_is_not_head_offices_is_refused_untouched(backend, tmp_path):
    other = "CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"
    if backend.startswith("postgresql"):
        import psycopg

        with psycopg.connect(backend, autocommit=True) as conn:
            conn.execute(other)
    else:
        conn = sqlite3.connect(backend)
        conn.execute(other)
        conn.close()
    lacking = ", ".join(sorted(m0001_baseline.COLUMNS["events"] - {"id"}))
    with pytest.raises(StorageError) as refused:
        open_storage(backend)
    assert str(refused.value) == (
        f"the database has a table 'events' that is not head office's (it lacks the columns "
        f"{lacking}); refusing to use it: give head office a database of its own")
    assert tables(backend) == {"events"}  # nothing was created
    assert not (tmp_path / "hq.db.key").exists()  # no keys made for it


# -- two head offices starting at once ----------------------------------------------

STARTING_AT_ONCE = """
import os, sys, time
from pathlib import Path
from kiosk.hq.storage import migrations, open_storage
from kiosk.hq.storage.migrations import Migration

database, marker, role = sys.argv[1:]

def slow_probe(cur, dialect):
    dialect.run(cur, "CREATE TABLE probe (pid INTEGER NOT NULL)")
    dialect.run(cur, "INSERT INTO probe (pid) VALUES (?)", [os.getpid()])
    Path(marker).touch()  # the other head office starts now, while this one migrates
    time.sleep(1.5)

migrations.MIGRATIONS = (*migrations.MIGRATIONS, Migration("9999_test_probe", slow_probe))
if role == "second":
    deadline = time.monotonic() + 60
    while not Path(marker).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
storage = open_storage(database)
print(",".join(storage.migrated))
storage.close()
"""


def test_two_head_offices_starting_at_once_apply_each_migration_once(backend, tmp_path):
    marker = tmp_path / "migrating"
    second = subprocess.Popen([sys.executable, "-c", STARTING_AT_ONCE, backend, str(marker),
                               "second"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    first = subprocess.run([sys.executable, "-c", STARTING_AT_ONCE, backend, str(marker),
                            "first"], capture_output=True, text=True, timeout=120)
    out, err = second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + err
    assert first.stdout.strip() == ",".join((*SHIPPED, "9999_test_probe"))
    assert out.strip() == ""  # it waited for the first, then found nothing to do
    status = migration_status(backend)
    assert [m["name"] for m in status["migrations"]] == [*SHIPPED, "9999_test_probe"]
    assert len(raw_query(backend, "SELECT pid FROM probe")) == 1


# -- the command -----------------------------------------------------------------------


def test_kiosk_hq_migrations_shows_and_applies(legacy, tmp_path):
    runner = CliRunner()
    shown = runner.invoke(hq, ["migrations", "--database", legacy])
    assert shown.exit_code == EXIT_PENDING, shown.output
    assert "0001_baseline" in shown.output and "adopt" in shown.output
    assert migration_status(legacy)["unversioned"]  # showing changed nothing
    applied = runner.invoke(hq, ["migrations", "--database", legacy, "--apply", "--json"])
    assert applied.exit_code == 0, applied.output
    data = json.loads(applied.output)
    assert data["version"] == SHIPPED[-1] and data["pending"] == []
    assert runner.invoke(hq, ["migrations", "--database", legacy]).exit_code == 0
    missing = tmp_path / "new" / "hq.db"
    fresh = runner.invoke(hq, ["migrations", "--database", str(missing)])
    assert fresh.exit_code == EXIT_PENDING and "no database yet" in fresh.output
    assert not missing.exists() and not missing.parent.exists()


# -- the dialect layer -----------------------------------------------------------------


def test_a_literal_question_mark_or_percent_in_sql_survives(hq_storage):
    hq_storage.add_kiosk("till?1", store_id="50%")
    hq_storage.add_kiosk("till-2", store_id="s")
    rows = hq_storage.query("SELECT 'why?', ?, '100%', ? || '?' -- a comment? 5%\n", ["a", "b"])
    assert rows == [("why?", "a", "100%", "b?")]
    assert hq_storage.query("SELECT name FROM kiosks WHERE name LIKE '%?%' AND store_id = ?",
                            ["50%"]) == [("till?1",)]


@pytest.mark.parametrize(("written", "for_psycopg"), [
    ("SELECT ? WHERE a = '?' AND b = ?", "SELECT %s WHERE a = '?' AND b = %s"),
    ("SELECT 'it''s ?', \"odd?col\" FROM t", "SELECT 'it''s ?', \"odd?col\" FROM t"),
    ("SELECT E'it\\'s ?', ?", "SELECT E'it\\'s ?', %s"),
    ("SELECT $$a ? b$$, $tag$?$tag$, ?", "SELECT $$a ? b$$, $tag$?$tag$, %s"),
    ("SELECT 5 % 2, '50%' -- why?\n, ?", "SELECT 5 %% 2, '50%%' -- why?\n, %s"),
    ("SELECT /* ? */ ?", "SELECT /* ? */ %s"),
    ("SELECT date'2026-01-01', ?", "SELECT date'2026-01-01', %s"),
])
def test_placeholders_are_translated_outside_quotes_only(written, for_psycopg):
    assert POSTGRESQL.sql(written) == for_psycopg
    assert SQLITE.sql(written) == written  # SQLite's own style
