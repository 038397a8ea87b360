"""Identity across the chain (issue 11, item 2): real head office, real kiosk processes.

A card issued at any device (online or offline) verifies at every device
after one sync of each; a revocation at any device is refused everywhere
after one sync of each; a device removed at head office can no longer issue
cards that others accept. Head office runs as ``kiosk hq serve`` in a
subprocess (SQLite, and PostgreSQL with the ``postgres`` marker); every
kiosk step is a ``kiosk`` command in a subprocess of its own.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hqserver import HQProcess, pg_server, pg_url  # noqa: F401  (fixtures)
from PIL import Image

from kiosk.identity.decode import decode

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
CUSTOMER = "C-1001"


def run(*args: str, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)
    if check:
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def hq_cli(database: str, *args: str) -> str:
    return run("hq", *args, "--database", database).stdout.strip()


class Device:
    """One kiosk database and the environment its commands run with."""

    def __init__(self, folder: Path, name: str, store: str, hq: HQProcess, token: str):
        folder.mkdir()
        self.db = str(folder / "kiosk.db")
        self.env = {"KIOSK_STORE_ID": store, "KIOSK_KIOSK_ID": name,
                    "KIOSK_HQ_URL": hq.url, "KIOSK_HQ_TOKEN": token}

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run(*args, "--db", self.db, env=self.env, check=check)

    def sync(self) -> dict:
        done = self("sync", "--once", "--json", check=False)
        return json.loads(done.stdout) if done.stdout.strip().startswith("{") else {
            "ok": False, "output": done.stdout + done.stderr}

    def verify(self, code: str) -> int:
        return self("cards", "verify", code, check=False).returncode

    def seed(self, *customers: str) -> None:
        """Customers as a till import writes them (the store's own shoppers)."""
        self("store", "info")  # creates and migrates the database
        conn = sqlite3.connect(self.db)
        try:
            with conn:
                for customer in customers:
                    conn.execute("INSERT INTO customers (id, first_name, created) "
                                 "VALUES (?, 'Ann', 'x')", [customer])
                    conn.execute("INSERT INTO consents (customer_id, purpose, granted, at, "
                                 "source) VALUES (?, 'personalisation', 1, 'x', 'kiosk')",
                                 [customer])
        finally:
            conn.close()


@pytest.fixture(params=BACKENDS)
def hq(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        database = str(tmp_path / "hq.db")
    else:
        database = request.getfixturevalue("pg_url")
    server = HQProcess(database, log=tmp_path / "hq.log").start()
    yield server
    server.stop()


def device(hq: HQProcess, tmp_path: Path, name: str, store: str, role: str = "kiosk") -> Device:
    token = hq_cli(hq.database, "add-kiosk", name, "--store", store, "--role", role)
    return Device(tmp_path / name, name, store, hq, token)


def issue(dev: Device, customer: str, out: Path) -> tuple[str, str]:
    """(long code read back from the card image, short code) of a new card."""
    printed = json.loads(dev("cards", "issue", customer, "--out", str(out), "--json").stdout)
    long_code = decode(Image.open(out))
    assert long_code == printed["code"]
    return long_code, printed["short_code"]


def test_contract_a_card_of_a_verifies_at_b_and_a_revocation_at_b_is_refused_at_a(
        hq, tmp_path):
    a = device(hq, tmp_path, "kiosk-a", "store-a")
    b = device(hq, tmp_path, "kiosk-b", "store-b", role="tablet")
    a.seed(CUSTOMER)
    b("store", "info")
    long_code, short_code = issue(a, CUSTOMER, tmp_path / "card.png")
    assert b.verify(long_code) == 5 and b.verify(short_code) == 3  # B knows nothing yet
    assert a.sync()["ok"] and b.sync()["ok"]
    assert b.verify(long_code) == 0
    assert b.verify(short_code) == 0
    assert b.verify(short_code.replace("-", "").lower()) == 0  # typed loosely
    answer = json.loads(b("cards", "verify", long_code, "--json", check=False).stdout)
    assert answer["customer_id"] == CUSTOMER and answer["status"] == "ok"
    revoked = json.loads(b("cards", "revoke", CUSTOMER, "--json").stdout)
    assert revoked == {"revoked": 1}
    assert b.verify(long_code) == 4  # at once at B
    assert a.verify(long_code) == 0  # A has not heard yet
    assert b.sync()["ok"] and a.sync()["ok"]
    assert a.verify(long_code) == 4
    assert a.verify(short_code) == 4
    assert b.verify(short_code) == 4
    # head office published the card's state twice: registered, then revoked
    feed = hq_cli(hq.database, "stats", "--json")
    assert json.loads(feed)["totals"]["cards_registered"] == 1


def test_a_card_issued_offline_verifies_elsewhere_after_one_sync_of_each(hq, tmp_path):
    a = device(hq, tmp_path, "kiosk-a", "store-a")
    b = device(hq, tmp_path, "kiosk-b", "store-b")
    a.seed(CUSTOMER)
    assert a.sync()["ok"] and b.sync()["ok"]
    hq.stop()  # head office unreachable: the card is issued offline
    long_code, short_code = issue(a, CUSTOMER, tmp_path / "card.png")
    assert a.verify(long_code) == 0
    assert not a.sync()["ok"]
    assert b.verify(long_code) == 5 and b.verify(short_code) == 3
    hq.start()
    assert a.sync()["ok"] and b.sync()["ok"]
    assert b.verify(long_code) == 0 and b.verify(short_code) == 0


def test_a_removed_device_issues_no_card_that_others_accept(hq, tmp_path):
    thief = device(hq, tmp_path, "kiosk-t", "store-t")
    b = device(hq, tmp_path, "kiosk-b", "store-b")
    thief.seed(CUSTOMER, "C-2")
    before, _ = issue(thief, CUSTOMER, tmp_path / "before.png")
    assert thief.sync()["ok"] and b.sync()["ok"]
    assert b.verify(before) == 0
    removed = json.loads(hq_cli(hq.database, "remove-kiosk", "kiosk-t", "--json"))
    assert removed["name"] == "kiosk-t" and removed["store_id"] == "store-t"
    audit = json.loads(hq_cli(hq.database, "removals", "--json"))
    assert [(r["name"], r["removed_by"]) for r in audit] == [("kiosk-t", "operator:cli")]
    after, after_short = issue(thief, "C-2", tmp_path / "after.png")
    refused = thief.sync()
    assert not refused["ok"] and refused.get("auth_failed") is True
    assert b.sync()["ok"]
    assert b.verify(after) != 0 and b.verify(after_short) != 0
    assert b.verify(before) == 0  # registered before the removal: still valid
    again = run("hq", "remove-kiosk", "kiosk-t", "--database", hq.database, check=False)
    assert again.returncode == 1 and "removed already" in again.stderr
