"""The kiosk's files are its user's only: database, -wal, -shm 0600, folders it makes 0700.

Run under umask 000, the most open an installation could have: without the
kiosk's own care every file here would be readable (and most writable) by
any local user.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def database_files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


@contextlib.contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_store_its_wal_and_its_folders_are_private(tmp_path):
    path = tmp_path / "new" / "nested" / "kiosk.db"
    with umask(0):
        kiosk = Kiosk(Config(database=str(path), kiosk_id="till-1"), entrypoints=False)
        try:
            with kiosk.transaction() as db:   # a write: the WAL and its index exist now
                db.execute("INSERT INTO customers (id, first_name, created) "
                           "VALUES ('C1', 'Ola', 'x')")
            files = database_files(path)
            assert [p.name for p in files] == ["kiosk.db", "kiosk.db-wal", "kiosk.db-shm"]
            assert {p.name: oct(mode(p)) for p in files} == dict.fromkeys(
                ("kiosk.db", "kiosk.db-wal", "kiosk.db-shm"), "0o600")
            assert oct(mode(tmp_path / "new")) == "0o700"
            assert oct(mode(tmp_path / "new" / "nested")) == "0o700"

            report = kiosk.privacy.erase("C1", origin="staff")   # checkpoint, maybe VACUUM
            assert report["found"]
            kiosk.db.execute("VACUUM")
            assert {oct(mode(p)) for p in database_files(path)} == {"0o600"}
        finally:
            kiosk.close()


def test_an_existing_database_is_tightened_and_the_log_says_so(tmp_path, caplog):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    path = shared / "kiosk.db"
    with umask(0o022):
        plain = sqlite3.connect(path)   # as any tool (or an older kiosk) would create it
        plain.execute("PRAGMA journal_mode = WAL")
        plain.execute("CREATE TABLE t (x)")
        plain.commit()
        plain.close()
        leftover = Path(f"{path}-wal")
        leftover.write_bytes(b"")        # a -wal left by a crash, as readable as its db
        leftover.chmod(0o644)
        assert oct(mode(path)) == "0o644"
        caplog.set_level(logging.WARNING, logger="kiosk.store.files")
        store = Store(path)
        try:
            assert {p.name: oct(mode(p)) for p in database_files(path)} == {
                "kiosk.db": "0o600", "kiosk.db-wal": "0o600", "kiosk.db-shm": "0o600"}
        finally:
            store.close()
    assert sum("could be read by other users (mode 0644): now 0600" in r.getMessage()
               for r in caplog.records) == 2
    assert oct(mode(shared)) == "0o755"   # a folder the kiosk did not create stays as it was


@pytest.mark.slow
def test_kiosk_demo_cards_and_database_are_private(tmp_path):
    """`kiosk demo` in a real process: the store, its WAL and the card images."""
    path = tmp_path / "demo" / "kiosk.db"
    env = {**os.environ, "KIOSK_CONFIG": ""}
    done = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0); from kiosk.cli import main; "
         "sys.argv = ['kiosk', 'demo', '--db', sys.argv[1]]; main()", str(path)],
        env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    cards = sorted((path.parent / "kiosk-cards").glob("*.png"))
    assert [c.name for c in cards] == ["anna.png", "ben.png", "chloe.png"]
    assert {c.name: oct(mode(c)) for c in cards} == dict.fromkeys(
        ("anna.png", "ben.png", "chloe.png"), "0o600")
    assert oct(mode(path.parent / "kiosk-cards")) == "0o700"
    assert oct(mode(path.parent)) == "0o700"
    assert {p.name: oct(mode(p)) for p in database_files(path)} == {"kiosk.db": "0o600"}
