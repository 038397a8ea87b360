"""Damaged databases: `kiosk store check`, `kiosk store info`, and how damage is recognised.

Real files, damaged only while no connection is open; the commands run as
real processes (exit codes, no traceback).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.store import Store
from kiosk.store.health import damage_kind, is_damage


def kiosk_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIOSK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def make_store(path: Path) -> Path:
    kiosk = Kiosk(Config(database=str(path), kiosk_id="till-1"), entrypoints=False)
    try:
        with kiosk.transaction() as db:
            for i in range(400):
                db.execute("INSERT INTO products (sku, name, price) VALUES (?, ?, 1.0)",
                           [f"SKU{i:04d}", f"A product with a long enough name {i}"])
            for i in range(300):
                db.execute("INSERT INTO customers (id, first_name, created) "
                           "VALUES (?, 'Ola', 'x')", [f"C{i:04d}"])
    finally:
        kiosk.close()   # the last connection: checkpointed, no -wal left
    assert not Path(f"{path}-wal").exists()
    return path


def damage_table(path: Path, table: str) -> list[int]:
    """Overwrite every page of ``table``; call only while no connection is open."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in db.execute(
            "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", [table])]
    finally:
        db.close()
    with open(path, "r+b") as raw:
        for page in pages:
            raw.seek((page - 1) * page_size)
            raw.write(b"\x5a" * page_size)
    return pages


@pytest.fixture
def good(tmp_path) -> Path:
    return make_store(tmp_path / "good.db")


@pytest.fixture
def damaged(tmp_path) -> Path:
    path = make_store(tmp_path / "damaged.db")
    assert len(damage_table(path, "customers")) >= 2
    return path


def test_check_a_sound_database(good):
    done = kiosk_cli("store", "check", "--db", str(good))
    assert done.returncode == 0, done.stderr
    assert "Integrity:    ok" in done.stdout and "The database is sound." in done.stdout
    as_json = json.loads(kiosk_cli("store", "check", "--db", str(good), "--json").stdout)
    assert as_json["status"] == "ok" and as_json["integrity"] == ["ok"]
    assert as_json["foreign_keys"] == {} and "advice" not in as_json


def test_check_a_damaged_database_says_what_to_do(damaged):
    before = damaged.read_bytes()   # no connection is open: reading it here is safe
    done = kiosk_cli("store", "check", "--db", str(damaged))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "The database is DAMAGED. What to do:" in done.stdout
    assert any(line.strip().startswith("Page ") for line in done.stdout.splitlines()) or \
        "database disk image is malformed" in done.stdout
    for command in (f"kiosk store check --db {damaged}", f"cp BACKUP {damaged}",
                    f"mv {damaged} {damaged}.damaged", f"kiosk sync --once --db {damaged}"):
        assert command in done.stdout, command
    as_json = json.loads(kiosk_cli("store", "check", "--db", str(damaged), "--json").stdout)
    assert as_json["status"] == "damaged" and not as_json["ok"]
    assert as_json["integrity"] != ["ok"] or as_json["error"]
    assert f"kiosk sync --once --db {damaged}" in "\n".join(as_json["advice"])
    assert damaged.read_bytes() == before, "the check changed the file"


def test_check_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the pages you are looking for\n" * 500)
    done = kiosk_cli("store", "check", "--db", str(path))
    assert done.returncode == 1
    assert "file is not a database" in done.stdout and "Traceback" not in done.stderr


def test_check_a_missing_file_exits_2_and_creates_nothing(tmp_path):
    path = tmp_path / "missing.db"
    done = kiosk_cli("store", "check", "--db", str(path))
    assert done.returncode == 2
    assert f"no database file at {path}" in done.stderr
    assert not path.exists()


def test_store_info_reports_damage_clearly(damaged, tmp_path):
    done = kiosk_cli("store", "info", "--db", str(damaged))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"The kiosk's database {damaged} is damaged" in done.stderr
    assert f"kiosk store check --db {damaged}" in done.stderr
    not_a_database = tmp_path / "random.db"
    not_a_database.write_bytes(os.urandom(20000))
    done = kiosk_cli("store", "info", "--db", str(not_a_database))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "file is not a database" in done.stderr
    good = kiosk_cli("store", "info", "--db", str(make_store(tmp_path / "fine.db")))
    assert good.returncode == 0 and "quick_check        ok" in good.stdout


def test_any_command_on_a_damaged_database_fails_clearly(damaged):
    """A plugin's command meets the damage after the store opened: main() says what to do."""
    done = kiosk_cli("privacy", "show", "C0001", "--db", str(damaged))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "damaged" in done.stderr and "kiosk store check" in done.stderr
    assert "C0001" not in done.stderr   # no personal data in the message


def test_damage_is_noticed_even_when_the_caller_swallows_it(damaged, caplog):
    store = Store(damaged)
    try:
        assert store.health.damage is None
        caplog.set_level(logging.ERROR, logger="kiosk.store.health")
        # a service that catches the error and carries on (a failing recommender)
        with contextlib.suppress(sqlite3.DatabaseError):
            store.db.execute("SELECT first_name FROM customers WHERE id = 'C0007'").fetchall()
        assert store.health.damage is not None
        assert store.health.damage.kind == "corrupt"
        assert "database disk image is malformed" in store.health.damage.detail
        with pytest.raises(sqlite3.DatabaseError):   # the second time is not logged again
            store.db.execute("SELECT count(first_name) FROM customers").fetchone()
        messages = [r.getMessage() for r in caplog.records]
        assert len(messages) == 1 and f"kiosk store check --db {damaged}" in messages[0]
        assert "C0007" not in messages[0]
    finally:
        store.close()


def test_what_counts_as_damage(tmp_path, damaged):
    path = tmp_path / "busy.db"
    first = sqlite3.connect(path, timeout=0)
    second = sqlite3.connect(path, timeout=0)
    try:
        first.execute("CREATE TABLE t (x UNIQUE)")
        first.execute("INSERT INTO t VALUES (1)")
        first.commit()
        first.execute("BEGIN EXCLUSIVE")
        with pytest.raises(sqlite3.OperationalError) as busy:
            second.execute("SELECT * FROM t").fetchall()
        first.rollback()
        with pytest.raises(sqlite3.IntegrityError) as constraint:
            first.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(sqlite3.OperationalError) as no_table:
            first.execute("SELECT * FROM nowhere")
    finally:
        first.close()
        second.close()
    with pytest.raises(sqlite3.ProgrammingError) as closed:
        first.execute("SELECT 1")
    for everyday in (busy.value, constraint.value, no_table.value, closed.value,
                     ValueError("database disk image is malformed")):
        assert not is_damage(everyday), everyday

    corrupt = sqlite3.connect(damaged)
    with pytest.raises(sqlite3.DatabaseError) as malformed:
        corrupt.execute("SELECT * FROM customers").fetchall()
    corrupt.close()
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(8192))
    not_db = sqlite3.connect(noise)
    with pytest.raises(sqlite3.DatabaseError) as not_a_database:
        not_db.execute("SELECT * FROM sqlite_master").fetchall()
    not_db.close()
    assert damage_kind(malformed.value) == "corrupt"
    assert damage_kind(not_a_database.value) == "not_a_database"
    disk = sqlite3.OperationalError("disk I/O error")   # as raised without a result code
    assert damage_kind(disk) == "io_error"
    disk.sqlite_errorcode = sqlite3.SQLITE_IOERR | (2 << 8)   # SQLITE_IOERR_SHORT_READ
    assert damage_kind(disk) == "io_error"
