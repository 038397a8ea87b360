"""A new device's bootstrap against a real head-office process: what the compacted feed
holds, ``kiosk sync bootstrap`` killed mid-way and run again, a stream cut by head office,
and a device that bootstrapped ending equal to one that replayed the whole feed."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from hqserver import HQProcess

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.hq.storage import ChangeIn, open_storage
from kiosk.sync.download import download
from kiosk.sync.http import HttpTransport

STORE = "s1"
CUSTOMERS = 6000  # about 20,000 changes: several transactions of the bootstrap
#: columns that say when a row was written here, not what it holds
WHEN = {"id", "updated", "created", "at", "received", "applied"}
COMPARED = ("products", "stock", "customers", "consents", "preferences", "purchases",
            "privacy_erasures", "sync_artefacts", "sync_quarantined_changes")


def publish(storage, changes: list[ChangeIn]) -> list[int]:
    """Into the feed as head office's own code puts them (keys and all), rules unchecked:
    kinds of other pieces of the chain (cards, full profiles) are compacted here too."""
    with storage._tx(write=True) as cur:
        return storage._add_changes(cur, changes)


def line(customer: int, n: int, store: str = STORE) -> dict:
    return {"line_id": f"{store}-{customer}-{n}", "invoice": f"I{customer}-{n}",
            "sku": f"P{(customer + n) % 50}", "quantity": 1 + n, "price": 2.5,
            "at": f"2024-01-0{1 + n}T10:00:00", "store_id": store}


def build_feed(database: str) -> dict:
    """A feed with every case compaction must get right; returns what the test needs."""
    storage = open_storage(database)
    try:
        token = storage.add_kiosk("new", store_id=STORE)
        replay_token = storage.add_kiosk("replay", store_id=STORE)
        changes = [ChangeIn("product", {"sku": f"P{i}", "name": f"Product {i}", "price": 1.0,
                                        "theme": "kitchen"}) for i in range(50)]
        changes += [ChangeIn("stock", {"sku": f"P{i}", "quantity": 5, "location": "A1"}, STORE)
                    for i in range(50)]
        changes += [ChangeIn("stock", {"sku": "P1", "quantity": 99}, "s2")]  # not this store
        for c in range(CUSTOMERS):
            customer = f"c{c}"
            changes.append(ChangeIn("profile", {"first_name": f"N{c % 50}", "consents": {
                "personalisation": True}}, None, customer))
            changes.append(ChangeIn("purchases", {"lines": [line(c, 0), line(c, 1)]}, STORE,
                                    customer))
            if c % 7 == 0:  # an older-shape profile adds: both kept
                changes.append(ChangeIn("profile", {"preferences": [
                    {"key": "colour", "value": "blue", "source": "staff"}]}, None, customer))
        changes.append(ChangeIn("purchases", {"lines": [line(1, 5, "s2")]}, "s2", "c1"))
        changes += [ChangeIn("product", {"sku": "P3", "price": 9.5}),  # merged with the first
                    ChangeIn("stock", {"sku": "P4", "quantity": 0, "location": "B2"}, STORE),
                    ChangeIn("stock", {"sku": "P5", "quantity": 7}, None),
                    ChangeIn("stock", {"sku": "P7", "quantity": 2, "location": None}, STORE),
                    ChangeIn("product", {"sku": "P8", "theme": None}),
                    ChangeIn("model", {"name": "goes_with", "version": "1", "content": "AAEC"}),
                    ChangeIn("model", {"name": "goes_with", "version": "2", "content": "AAED"}),
                    ChangeIn("consent_withdrawn", {"purpose": "personalisation"}, None, "c2"),
                    ChangeIn("purchases", {"lines": [line(3, 2)]}, STORE, "c3")]
        ids = publish(storage, changes)
        retracted = publish(storage, [ChangeIn("stock", {"sku": "P6", "quantity": 1}, STORE)])
        storage.retract(retracted[0], by="test")
        storage.erase("c4")  # its changes leave the feed; the digest stays
        return {"token": token, "replay_token": replay_token, "last": max(ids)}
    finally:
        storage.close()


@pytest.fixture
def hq(tmp_path: Path):
    database = str(tmp_path / "hq.db")
    built = build_feed(database)
    server = HQProcess(database).start()
    yield server, built
    server.stop()


def device_env(server: HQProcess, token: str) -> dict[str, str]:
    return {**os.environ, "KIOSK_HQ_URL": server.url, "KIOSK_HQ_TOKEN": token,
            "KIOSK_STORE_ID": STORE}


def kiosk_command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, capture_output=True,
                          text=True, timeout=300)


def cursors(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        return {name: int(value) for name, value in db.execute(
            "SELECT name, cursor FROM sync_cursors").fetchall()}
    except sqlite3.OperationalError:  # not migrated yet
        return {}
    finally:
        db.close()


def contents(path: Path) -> dict[str, list]:
    """What the device holds, table by table, without when each row was written."""
    db = sqlite3.connect(path)
    try:
        found = {}
        for table in COMPARED:
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")
                       if r[1] not in WHEN]
            found[table] = sorted(db.execute(
                f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
        return found
    finally:
        db.close()


def stream(server: HQProcess, token: str, **params) -> list[dict]:
    answer = httpx.get(server.url + "/v1/bootstrap", params=params, timeout=60,
                       headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-encoding"] == "gzip"
    return [json.loads(text) for text in answer.text.splitlines()]


def test_the_compacted_feed_keeps_what_a_replay_would_leave(hq):
    server, built = hq
    storage = open_storage(server.database)
    try:
        extra = publish(storage, [
            ChangeIn("card", {"card_id": "k1", "status": "active"}, None, "c5"),
            ChangeIn("card", {"card_id": "k1", "status": "revoked"}, None, "c5"),
            ChangeIn("profile", {"fields": {"first_name": {"value": "A"}}}, None, "c6"),
            ChangeIn("profile", {"fields": {"first_name": {"value": "B"}}}, None, "c6")])
    finally:
        storage.close()
    lines = stream(server, built["token"])
    header, changes, end = lines[0]["bootstrap"], lines[1:-1], lines[-1]["end"]
    assert header["total"] == end["count"] == len(changes)
    assert header["cursor"] == end["cursor"] == max(extra)
    ids = [c["id"] for c in changes]
    assert ids == sorted(ids)
    by_kind: dict[str, list] = {}
    for change in changes:
        by_kind.setdefault(change["kind"], []).append(change)
    assert all(c["store_id"] in (None, STORE) for c in changes)  # no other store's
    stock = {c["data"]["sku"]: c["data"] for c in by_kind["stock"]}
    assert len(stock) == len(by_kind["stock"]) == 50  # latest per sku; P6's was retracted
    assert stock["P4"] == {"sku": "P4", "quantity": 0, "location": "B2"}
    # for every store: it applies here too; a location left out (or null) stays as it was
    assert stock["P5"] == {"sku": "P5", "quantity": 7, "location": "A1"}
    assert stock["P7"] == {"sku": "P7", "quantity": 2, "location": "A1"}
    products = {c["data"]["sku"]: c["data"] for c in by_kind["product"]}
    assert len(by_kind["product"]) == 50
    assert products["P3"] == {"sku": "P3", "name": "Product 3", "price": 9.5, "theme": "kitchen"}
    assert products["P8"] == {"sku": "P8", "name": "Product 8", "price": 1.0, "theme": None}
    assert [c["data"]["version"] for c in by_kind["model"]] == ["2"]
    assert [c["data"]["status"] for c in by_kind["card"]] == ["revoked"]
    assert [c["data"]["fields"]["first_name"]["value"] for c in by_kind["profile"]
            if "fields" in c["data"]] == ["B"]
    old_shape = [c for c in by_kind["profile"] if "fields" not in c["data"]]
    assert len(old_shape) == (CUSTOMERS - 1) + len(range(0, CUSTOMERS, 7)) - (4 % 7 == 0)
    assert {c["customer_id"] for c in by_kind["purchases"]} == {
        f"c{c}" for c in range(CUSTOMERS)} - {"c4"}
    assert len(by_kind["purchases"]) == CUSTOMERS  # c3's two changes kept, c4's gone
    assert all(c["customer_id"] != "c4" for c in changes) and len(by_kind["erasure"]) == 1
    assert len(by_kind["consent_withdrawn"]) == 1
    # chain: every store's histories too, and nothing else of another store
    chain = stream(server, built["token"], histories="chain")[1:-1]
    assert [c for c in chain if c["store_id"] not in (None, STORE)] == [
        c for c in chain if c["kind"] == "purchases" and c["store_id"] == "s2"] != []
    # resuming after a change serves the rest, over the same range
    rest = stream(server, built["token"], after=ids[100], upto=header["cursor"])
    assert [c["id"] for c in rest[1:-1]] == ids[101:]
    bad = httpx.get(server.url + "/v1/bootstrap", params={"histories": "region"},
                    headers={"Authorization": f"Bearer {built['token']}"})
    assert bad.status_code == 422 and "histories" in bad.text
    assert httpx.get(server.url + "/v1/bootstrap").status_code == 401


def test_killed_mid_way_it_resumes_and_ends_like_a_replay(hq, tmp_path):
    server, built = hq
    device = tmp_path / "device.db"
    env = device_env(server, built["token"])
    child = subprocess.Popen([sys.executable, "-m", "kiosk", "sync", "bootstrap", "--json",
                              "--db", str(device)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while cursors(device).get("bootstrap", 0) == 0:  # the first transaction committed
        assert child.poll() is None, child.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    killed = cursors(device)
    assert killed.get("changes", 0) == 0 and 0 < killed["bootstrap"] < killed["bootstrap_upto"]
    done = kiosk_command(env, "sync", "bootstrap", "--json", "--db", str(device))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["resumed_after"] == killed["bootstrap"]
    assert result["bootstrap_cursor"] == killed["bootstrap_upto"]
    assert cursors(device)["changes"] == killed["bootstrap_upto"]
    assert cursors(device)["bootstrap_upto"] == 0
    again = kiosk_command(env, "sync", "bootstrap", "--db", str(device))
    assert again.returncode == 1 and "downloaded changes already" in again.stderr
    assert "Traceback" not in again.stderr

    replayed = tmp_path / "replayed.db"
    replay(server, built["replay_token"], replayed)
    assert contents(device) == contents(replayed)
    held = contents(device)
    assert len([r for r in held["purchases"] if r[-1] is not None]) == 2 * (CUSTOMERS - 1) + 1
    assert held["sync_quarantined_changes"] == []


class FeedOnly:
    """Head office's HTTP transport without the bootstrap: the whole feed, change by change."""

    def __init__(self, transport: HttpTransport):
        self.transport = transport

    def fetch_changes(self, cursor: int, limit: int) -> dict:
        return self.transport.fetch_changes(cursor, limit)

    def erasure_key(self) -> str:
        return self.transport.erasure_key()


def replay(server: HQProcess, token: str, path: Path) -> None:
    kiosk = Kiosk(Config(database=str(path), store_id=STORE, hq_url=server.url,
                         hq_token=token), entrypoints=False)
    transport = HttpTransport(server.url, token)
    try:
        result = download(kiosk, FeedOnly(transport), page_size=1000)
        assert result["quarantined"] == 0
    finally:
        transport.close()
        kiosk.close()


def test_a_stream_cut_by_head_office_is_resumed(hq, tmp_path):
    server, built = hq
    device = tmp_path / "device.db"
    env = device_env(server, built["token"])
    child = subprocess.Popen([sys.executable, "-m", "kiosk", "sync", "bootstrap", "--json",
                              "--db", str(device)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while cursors(device).get("bootstrap", 0) == 0:
        assert child.poll() is None, child.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    server.kill()
    _, err = child.communicate(timeout=120)
    assert child.returncode == 1 and "Traceback" not in err
    assert "cut" in err or "network" in err
    assert cursors(device).get("changes", 0) == 0
    server.start()
    done = kiosk_command(env, "sync", "--once", "--json", "--db", str(device))
    assert done.returncode == 0, done.stderr
    assert cursors(device)["changes"] >= built["last"]
    replayed = tmp_path / "replayed.db"
    replay(server, built["replay_token"], replayed)
    assert contents(device) == contents(replayed)


def test_a_new_device_s_sync_bootstraps_by_itself(hq, tmp_path):
    server, built = hq
    device = tmp_path / "device.db"
    done = kiosk_command(device_env(server, built["token"]), "sync", "--once", "--json",
                         "--db", str(device))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    state = cursors(device)
    assert "bootstrap_upto" in state and state["bootstrap_upto"] == 0  # it ran, and finished
    assert state["changes"] >= built["last"]
    assert result["changes_applied"] < built["last"]  # compacted: fewer than the feed holds


def test_the_stream_is_ndjson_when_the_client_takes_no_gzip(hq):
    server, built = hq
    answer = httpx.get(server.url + "/v1/bootstrap", timeout=60, headers={
        "Authorization": f"Bearer {built['token']}", "Accept-Encoding": "identity"})
    assert "content-encoding" not in answer.headers
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    lines = answer.content.splitlines()
    assert json.loads(lines[0])["bootstrap"]["total"] == len(lines) - 2
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(answer.content)


def test_a_bootstrap_leaves_out_impressions_older_than_the_longest_cap(tmp_path: Path):
    from datetime import UTC, datetime, timedelta

    from kiosk.hq import bootstrap
    from kiosk.hq.storage.base import AuthRecord

    storage = open_storage(str(tmp_path / "hq.db"))
    try:
        def shown(session: str) -> ChangeIn:
            return ChangeIn("shown", {"event": f"e-{session}", "session_id": session,
                                      "at": "2026-01-01T10:00:00", "items": []}, None, "c1")

        old, recent, edge = publish(storage, [shown("old"), shown("recent"), shown("edge")])
        days = bootstrap.SHOWN_DAYS
        with storage._tx(write=True) as cur:
            for change_id, age in ((old, days + 1), (edge, days - 1)):
                created = (datetime.now(UTC) - timedelta(days=age)).isoformat()
                storage._run(cur, "UPDATE changes SET created = ? WHERE id = ?",
                             [created, change_id])
        planned = bootstrap.plan(storage, AuthRecord("new", STORE, "kiosk"))
        served = [json.loads(text) for chunk in bootstrap.stream(storage, planned)
                  for text in chunk.splitlines()]
        ids = [entry["id"] for entry in served if "id" in entry]
        assert ids == [recent, edge]
        assert planned.total == 2 and served[-1]["end"]["count"] == 2
    finally:
        storage.close()
