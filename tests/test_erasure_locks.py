"""An erasure must not cost its process the SQLite locks on the database.

Closing any descriptor of a file drops every POSIX lock the process holds on
it, so a process that reads its own live database with ``open()`` lets the
next process that closes a connection delete the WAL under it: what it
writes afterwards is lost, and the database can corrupt (issue 9, item 1).
These tests run the erasure in a real, long-lived process and then do what
other processes on a kiosk do: open and close the database, write to it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hqserver import ChildProcess, HQProcess

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.hq.storage import open_storage
from kiosk.sync.simulate import simulate

ERASED = "CUST-ERASE-7731"

# Process P: a kiosk process that holds its connection and obeys commands on stdin.
HOLDER = r"""
import json, sys
from kiosk.app import Kiosk
from kiosk.config import Config

kiosk = Kiosk(Config(database=sys.argv[1], kiosk_id="till-1"), entrypoints=False)
with kiosk.transaction() as db:
    for customer in ("CUST-KEEP-1", sys.argv[2], "CUST-KEEP-2"):
        db.execute("INSERT INTO customers (id, first_name, created) VALUES (?, 'Ola', 'x')",
                   [customer])
        kiosk.record_event("scan", {"status": "ok"}, customer_id=customer)
print("ready", flush=True)
for line in sys.stdin:
    command = line.strip()
    if command == "erase":
        print(json.dumps(kiosk.privacy.erase(sys.argv[2], origin="staff")), flush=True)
    elif command == "write":
        with kiosk.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES ('marker', 'after the erasure')")
        print("written", flush=True)
    elif command == "quit":
        break
kiosk.close()
print("closed", flush=True)
"""

OPEN_AND_CLOSE = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                  "c.execute('SELECT count(*) FROM customers').fetchone(); c.close()")


def locks_held(pid: int, path: Path) -> list[str]:
    """The POSIX locks ``pid`` holds on ``path`` (from /proc/locks), without each line's
    ordinal (it moves as other processes take and drop locks)."""
    st = os.stat(path)
    device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    lines = Path("/proc/locks").read_text().splitlines()
    return [" ".join(fields[1:]) for line in lines
            if (fields := line.split()) and "POSIX" in fields
            and str(pid) in fields and device in fields]


def reply(process: subprocess.Popen) -> str:
    line = process.stdout.readline()
    assert line, f"the kiosk process ended early: {process.stderr.read()}"
    return line.strip()


needs_proc_locks = pytest.mark.skipif(not Path("/proc/locks").exists(),
                                      reason="needs Linux /proc/locks")


@needs_proc_locks
def test_the_erasing_process_keeps_its_locks_and_the_wal_stays_live(tmp_path):
    path = tmp_path / "k.db"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), ERASED],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert reply(holder) == "ready"
        assert locks_held(holder.pid, path), "the kiosk process holds no lock before erasing"

        holder.stdin.write("erase\n")
        holder.stdin.flush()
        report = json.loads(reply(holder))
        assert report["found"] and report["wal_checkpointed"] and report["residue"] is False

        # P's connection is still open: SQLite's shared lock must still be there ...
        assert locks_held(holder.pid, path), (
            "the erasing process lost its SQLite lock on the database")
        # ... so another process that opens and closes the database is not the last
        # connection, and must leave the WAL alone
        subprocess.run([sys.executable, "-c", OPEN_AND_CLOSE, str(path)], check=True)
        assert path.with_name("k.db-wal").exists(), "the WAL was deleted under a live connection"

        holder.stdin.write("write\n")
        holder.stdin.flush()
        assert reply(holder) == "written"
        reader = sqlite3.connect(path)  # what P wrote must be visible to everyone else
        try:
            marker = reader.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone()
        finally:
            reader.close()
        assert marker == ("after the erasure",), "a write after the erasure was lost"

        holder.stdin.write("quit\n")
        holder.stdin.flush()
        assert reply(holder) == "closed"
        assert holder.wait(30) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("SELECT count(*) FROM customers WHERE id = ?",
                             [ERASED]).fetchone() == (0,)
    finally:
        check.close()


# -- end to end: head office, a `kiosk sync` loop, other CLI processes ----------------

SEEDED_EVENTS = 20


def seed(path: Path) -> None:
    kiosk = Kiosk(Config(database=str(path), kiosk_id="till-1"), entrypoints=False)
    try:
        with kiosk.transaction() as db:
            for i in range(30):
                db.execute("INSERT INTO products (sku, name, price) VALUES (?, ?, 1.0)",
                           [f"SKU{i}", f"Product {i}"])
            for i in range(12):
                customer = f"CUST{i:04d}"
                db.execute("INSERT INTO customers (id, created) VALUES (?, 'x')", [customer])
                db.execute("INSERT INTO consents (customer_id, purpose, granted, at, source) "
                           "VALUES (?, 'personalisation', 1, 'x', 'test')", [customer])
        simulate(kiosk, SEEDED_EVENTS, seed=3)
    finally:
        kiosk.close()


def kiosk_cli(*args: str, config: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIOSK_CONFIG": str(config)}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env,
                          capture_output=True, text=True, timeout=timeout)


def hq_events(database: str) -> int:
    storage = open_storage(database)
    try:
        return storage.stats()["totals"]["events"]
    finally:
        storage.close()


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


class SyncLoop(ChildProcess):
    """``kiosk sync --db k.db --interval 0.5``, its output in a file."""

    def __init__(self, config: Path, db: Path, out: Path):
        env = {**os.environ, "KIOSK_CONFIG": str(config), "PYTHONUNBUFFERED": "1"}
        self.out = out
        with open(out, "wb") as handle:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "sync", "--db", str(db), "--interval", "0.5"],
                env=env, stdout=handle, stderr=subprocess.STDOUT)

    def changes_applied(self) -> int:
        text = self.out.read_text(errors="replace")
        return sum(int(n) for n in re.findall(r"(\d+) changes applied", text))


@pytest.mark.slow
def test_erasure_from_head_office_under_a_sync_loop_loses_nothing(tmp_path):
    """The issue's scenario, with real processes; every event must reach head office."""
    hq_db = str(tmp_path / "hq.db")
    storage = open_storage(hq_db)
    token = storage.add_kiosk("till-1", store_id="store-1")
    storage.close()
    kiosk_db = tmp_path / "k.db"
    seed(kiosk_db)
    hq = HQProcess(hq_db, log=tmp_path / "hq.log").start()
    config = tmp_path / "kiosk.toml"
    config.write_text(f'database = "{kiosk_db}"\nkiosk_id = "till-1"\n'
                      f'hq_url = "{hq.url}"\nhq_token = "{token}"\n')
    sync = SyncLoop(config, kiosk_db, tmp_path / "sync.out")
    try:
        wait_for(lambda: hq_events(hq_db) == SEEDED_EVENTS, 60, "the first events")

        erase = subprocess.run([sys.executable, "-m", "kiosk.hq", "erase", "CUST0003",
                                "--database", hq_db], capture_output=True, text=True,
                               timeout=60)
        assert erase.returncode == 0, erase.stderr
        # the sync loop prints its report once the change (the erasure) is applied
        wait_for(lambda: sync.changes_applied() >= 1, 60, "the kiosk to apply the erasure")

        info = kiosk_cli("store", "info", "--db", str(kiosk_db), config=config)
        assert info.returncode == 0, info.stderr
        assert re.search(r"customers\s+11\b", info.stdout), info.stdout
        shoppers = kiosk_cli("simulate", "--events", "300", "--db", str(kiosk_db),
                             config=config)
        assert shoppers.returncode == 0, shoppers.stderr

        deadline = time.monotonic() + 60
        while hq_events(hq_db) < SEEDED_EVENTS + 300 and time.monotonic() < deadline:
            time.sleep(0.3)
        delivered = hq_events(hq_db)
    finally:
        if sync.process.poll() is None:
            sync.process.send_signal(signal.SIGTERM)
        sync.stop()
        hq.stop()
    assert delivered == SEEDED_EVENTS + 300, (
        f"head office has {delivered} events, expected {SEEDED_EVENTS + 300}; "
        f"sync output: {sync.out.read_text(errors='replace')[-2000:]}")
    check = sqlite3.connect(kiosk_db)
    try:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("SELECT count(*) FROM outbox WHERE sent IS NULL").fetchone() == (0,)
        assert check.execute("SELECT count(*) FROM customers WHERE id = 'CUST0003'"
                             ).fetchone() == (0,)
    finally:
        check.close()


# -- the search itself ---------------------------------------------------------------


@needs_proc_locks
def test_find_traces_searches_every_file_from_a_child_process(tmp_path):
    from kiosk.privacy.erasure import find_traces

    path = tmp_path / "k.db"
    conn = sqlite3.connect(path)   # live in this process while the search runs
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.commit()
        conn.execute("INSERT INTO t VALUES ('NEEDLE-IN-WAL-77')")
        conn.commit()
        locks_before = locks_held(os.getpid(), path)
        assert locks_before
        assert find_traces(path, [b"NEEDLE-IN-WAL-77"]) == ["-wal"]
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        assert find_traces(path, [b"nothing like it", b"NEEDLE-IN-WAL-77"]) == ["", "-wal"]
        assert find_traces(path, [b"NEEDLE-NOT-THERE"]) == []
        assert locks_held(os.getpid(), path) == locks_before   # our locks are untouched
    finally:
        conn.close()
    with pytest.raises(ValueError, match="non-empty"):
        find_traces(path, [b""])


def test_a_search_that_cannot_run_is_logged_and_the_erasure_vacuums(tmp_path, monkeypatch,
                                                                    caplog):
    kiosk = Kiosk(Config(database=str(tmp_path / "k.db"), kiosk_id="till-1"),
                  entrypoints=False)
    try:
        with kiosk.transaction() as db:
            db.execute("INSERT INTO customers (id, created) VALUES (?, 'x')", [ERASED])
        monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python-here"))
        report = kiosk.privacy.erase(ERASED, origin="staff")
    finally:
        kiosk.close()
    assert report["found"] and report["vacuumed"] and report["residue"] is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("could not be searched for traces (FileNotFoundError)" in w for w in warnings)
    assert not any(ERASED in r.getMessage() for r in caplog.records)
