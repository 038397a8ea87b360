# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
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
import time
from pathlib import Path

import pytest
from hqserver import (  # noqa: F401  (fixtures)
    HQProcess,
    hq_storage,
    live_hq,
    pg_server,
    pg_url,
)
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


# -- the on-scan look-up, a revocation of a device's own card, erasure (in-process HQ) ----


def kiosk_at(config, hq, name: str, store: str, role: str = "kiosk"):
    from kiosk.app import Kiosk

    token = hq.storage.add_kiosk(name, store_id=store, role=role)
    cfg = config.with_overrides(database=str(Path(config.database).with_name(f"{name}.db")),
                                hq_url=hq.url, hq_token=token, kiosk_id=name, store_id=store)
    return Kiosk(cfg, entrypoints=False)


def seed_customers(kiosk, *customers: str) -> None:
    with kiosk.transaction() as db:
        for customer in customers:
            db.execute("INSERT INTO customers (id, first_name, created) VALUES (?, 'Ann', 'x')",
                       [customer])
            db.execute("INSERT INTO consents (customer_id, purpose, granted, at, source) "
                       "VALUES (?, 'personalisation', 1, 'x', 'kiosk')", [customer])


@pytest.fixture
def pair(config, live_hq):
    a = kiosk_at(config, live_hq, "kiosk-a", "store-a")
    b = kiosk_at(config, live_hq, "tablet-b", "store-b", role="tablet")
    seed_customers(a, CUSTOMER, "C-2")
    seed_customers(b, CUSTOMER, "C-2")
    assert a.sync.run_once()["ok"] and b.sync.run_once()["ok"]
    yield a, b
    a.close()
    b.close()


def test_a_card_b_does_not_hold_is_fetched_on_scan_and_kept(pair, live_hq):
    a, b = pair
    card = a.identity.issue_card(CUSTOMER)
    assert a.sync.run_once()["cards_registered"] == 1  # b does not sync
    assert b.identity.verify(card.short_code).status == "unknown"
    answer = b.identity.identify(card.short_code)
    assert (answer.status, answer.customer_id, answer.first_name) == ("ok", CUSTOMER, "Ann")
    # kept: verified from here on without head office, in both forms
    assert b.identity.verify(card.code).status == "ok"
    assert b.identity.verify(card.short_code).customer_id == CUSTOMER
    assert b.db.execute("SELECT count(*) FROM outbox WHERE kind = 'scan_failed'"
                        ).fetchone()[0] == 0


def test_the_look_up_answers_revoked_and_unknown_and_counts_them_as_failed_scans(
        pair, live_hq):
    a, b = pair
    card = a.identity.issue_card("C-2")
    a.identity.revoke("C-2")
    assert a.sync.run_once()["ok"]
    assert b.identity.identify(card.code).status == "revoked"
    assert b.identity.verify(card.code).status == "revoked"  # the revoked state is kept
    never = token_of_another_device()
    assert b.identity.identify(never).status == "forged"
    assert b.db.execute("SELECT count(*) FROM identity_scan_failures").fetchone()[0] == 2


def token_of_another_device() -> str:
    import secrets

    from kiosk.identity import token

    return token.make_long(secrets.token_bytes(32), 1, token.new_card_id())


def test_head_office_unreachable_answers_unreachable_and_counts_no_failure(config):
    from pgserver import free_port

    from kiosk.app import Kiosk

    cfg = config.with_overrides(hq_url=f"http://127.0.0.1:{free_port()}", hq_token="x" * 43)
    kiosk = Kiosk(cfg, entrypoints=False)
    try:
        started = time.monotonic()
        assert kiosk.identity.identify(token_of_another_device()).status == "unreachable"
        assert time.monotonic() - started < 5
        assert kiosk.identity.identify("NOT A CODE").status == "malformed"  # never asked
        assert kiosk.db.execute("SELECT count(*) FROM identity_scan_failures"
                                ).fetchone()[0] == 1
    finally:
        kiosk.close()


def test_a_revocation_elsewhere_revokes_the_issuing_devices_own_card(pair, live_hq):
    a, b = pair
    card = a.identity.issue_card(CUSTOMER)
    assert a.sync.run_once()["ok"] and b.sync.run_once()["ok"]
    assert b.identity.revoke(CUSTOMER) == 1
    assert b.sync.run_once()["cards_registered"] == 1  # the revocation, by card id
    assert a.identity.verify(card.code).status == "ok"
    assert a.sync.run_once()["ok"]
    assert a.identity.verify(card.code).status == "revoked"
    assert a.identity.cards_of(CUSTOMER)[0]["revoked"] is not None
    assert a.identity.current_card(CUSTOMER) is None
    # nothing more to tell head office: the revocation came from there
    assert a.identity.pending_registrations() == []
    assert live_hq.storage.query("SELECT revoked IS NOT NULL FROM hq_cards") == [(1,)]


def test_erasing_a_shopper_on_a_device_removes_their_chain_cards(pair):
    a, b = pair
    card = a.identity.issue_card(CUSTOMER)
    a.identity.issue_card("C-2")
    assert a.sync.run_once()["ok"] and b.sync.run_once()["ok"]
    assert b.identity.verify(card.code).status == "ok"
    b.privacy.erase(CUSTOMER)
    assert b.db.execute("SELECT customer_id FROM identity_chain_cards").fetchall() == [("C-2",)]
    assert b.identity.verify(card.code).status == "forged"  # no such card here any more


def test_the_chain_key_is_sealed_for_the_device_and_wrapped_at_rest(pair, live_hq):
    import httpx

    a, _ = pair
    raw = live_hq.storage._card_digest_key
    wrapped = a.db.execute("SELECT wrapped FROM identity_chain_key").fetchone()[0]
    assert raw not in wrapped and raw.hex() not in str(wrapped)
    sealed = httpx.get(f"{live_hq.url}/v1/chain-key",
                       headers={"Authorization": f"Bearer {a.config.hq_token}"}).json()
    assert raw.hex() not in sealed["sealed"]
    assert a.identity.device_keys().open_sealed(sealed["sealed"]) == raw
    stranger = live_hq.storage.add_kiosk("kiosk-new", store_id="store-a")
    refused = httpx.get(f"{live_hq.url}/v1/chain-key",
                        headers={"Authorization": f"Bearer {stranger}"})
    assert refused.status_code == 409 and "device key" in refused.json()["detail"]
    live_hq.storage.remove_kiosk("kiosk-a")
    gone = httpx.get(f"{live_hq.url}/v1/chain-key",
                     headers={"Authorization": f"Bearer {a.config.hq_token}"})
    assert gone.status_code == 401
