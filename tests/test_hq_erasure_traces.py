# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""An erasure at head office leaves no trace in its files.

SQLite: a real head office (`kiosk hq serve` in a subprocess) holds a shopper's events
(their id, a product only they looked at), their profile (first name) and consents; after
the erasure its files (hq.db, -wal, -shm), read by a separate process, hold none of these,
and the change feed names nobody. PostgreSQL: no tuple is left to a fresh SELECT at once,
and after `kiosk hq scrub` (VACUUM FULL, CHECKPOINT) the files of the tables and their
indexes hold none of it either. Head office keeps and broadcasts only a keyed digest of
the erased id; kiosks recognise it with head office's erasure key, erase, and refuse the
id if it arrives later.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from hqproofs import FakeCard, proof, registration
from hqserver import HQProcess, hq_storage, pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.app import Kiosk
from kiosk.cli import cli
from kiosk.hq.storage import ChangeIn, open_storage
from kiosk.identity.device import DeviceKeys
from kiosk.sync.apply import apply_profile
from kiosk.sync.simulate import simulate

PERSON = "shopper-5150"
NAME = "Annabelle"
SKU = "SKU-ZEBRA-77"  # a product only this shopper looked at
NEEDLES = [PERSON, NAME, SKU]

# Runs in its own process: this test process never opens head office's files itself.
READER = """
import json, sys
from pathlib import Path
needles = json.loads(sys.argv[1])
found = {}
for name in sys.argv[2:]:
    path = Path(name)
    data = path.read_bytes() if path.exists() else b""
    found[path.name] = [n for n in needles if n.encode() in data]
print(json.dumps(found))
"""


def erased_id_digest(key: str, customer_id: str) -> str:
    # imported when used, so that this module also runs against the code before digests
    from kiosk.hq.changes import erased_id_digest

    return erased_id_digest(key, customer_id)


def traces(paths: list[Path], needles: list[str] = NEEDLES) -> dict[str, list[str]]:
    """Which ``needles`` each file holds, read by a separate process."""
    out = subprocess.run([sys.executable, "-c", READER, json.dumps(needles),
                          *map(str, paths)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def shop(kiosk: Kiosk) -> None:
    """Other shoppers' sessions, then PERSON's: a consent given and withdrawn, two events."""
    with kiosk.transaction() as db:
        db.execute("INSERT OR IGNORE INTO stores (id, name, created) VALUES ('store-1', 'S', 'x')")
        for sku in ("A", "B", "C"):
            db.execute("INSERT INTO products (sku, name, price) VALUES (?, ?, 1.0)", [sku, sku])
        for customer in ("c2", PERSON):
            db.execute("INSERT INTO customers (id, first_name, created) VALUES (?, ?, 'x')",
                       [customer, NAME if customer == PERSON else "Bo"])
        db.execute("INSERT INTO consents (customer_id, purpose, granted, at, source) "
                   "VALUES ('c2', 'personalisation', 1, 'x', 'kiosk')")
    simulate(kiosk, 150, seed=1)
    kiosk.privacy.set_consent(PERSON, "hq_offers", True)
    kiosk.privacy.set_consent(PERSON, "hq_offers", False)  # broadcast with the id
    kiosk.record_event("impression", {"session_id": "s-zebra", "items": [
        {"sku": SKU, "recommender": "popular"}]}, customer_id=PERSON)
    kiosk.record_event("save", {"session_id": "s-zebra", "sku": SKU}, customer_id=PERSON)


def test_an_erasure_leaves_no_trace_in_head_offices_sqlite_files(config, tmp_path):
    database = tmp_path / "hq" / "hq.db"
    storage = open_storage(str(database))
    token = storage.add_kiosk("till-1", store_id="store-1")
    operator = {"Authorization": "Bearer " + storage.add_kiosk("ops", store_id="-",
                                                                role="operator")}
    storage.close()
    files = [Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm")]
    hq = HQProcess(str(database)).start()
    kiosk = Kiosk(config.with_overrides(hq_url=hq.url, hq_token=token, kiosk_id="till-1"),
                  entrypoints=False)
    try:
        shop(kiosk)
        assert httpx.post(hq.url + "/v1/admin/changes", headers=operator, json={"changes": [
            {"kind": "profile", "store_id": "store-2", "customer_id": PERSON,
             "data": {"first_name": NAME}}]}).status_code == 200
        assert kiosk.sync.run_once()["ok"]
        before = traces(files)
        assert set(before["hq.db"]) | set(before["hq.db-wal"]) == set(NEEDLES)  # the search works

        erased = httpx.post(hq.url + "/v1/admin/erasures", headers=operator,
                            json={"customer_id": PERSON})
        assert erased.json() == {"erased": True, "already_erased": False}
        assert traces(files) == {"hq.db": [], "hq.db-wal": [], "hq.db-shm": []}

        feed = httpx.get(hq.url + "/v1/changes", headers={"Authorization": f"Bearer {token}"})
        assert PERSON not in feed.text and NAME not in feed.text
        assert feed.json()["changes"][-1]["data"] == {"digest": erased_id_digest(
            httpx.get(hq.url + "/v1/erasure-key",
                      headers={"Authorization": f"Bearer {token}"}).json()["erasure_key"],
            PERSON)}
        # the kiosk recognises the digest: erases the shopper, queued events included
        kiosk.record_event("scan", {"session_id": "late"}, customer_id=PERSON)
        result = kiosk.sync.run_once()
        assert result["ok"] and result["changes_applied"] >= 1
        assert kiosk.db.execute("SELECT count(*) FROM customers WHERE id = ?",
                                [PERSON]).fetchone() == (0,)
        assert kiosk.db.execute("SELECT count(*) FROM outbox WHERE customer_id = ?",
                                [PERSON]).fetchone() == (0,)
        assert kiosk.privacy.was_erased(PERSON)
        assert traces(files) == {"hq.db": [], "hq.db-wal": [], "hq.db-shm": []}
    finally:
        kiosk.close()
        hq.stop()


def test_an_id_erased_at_head_office_but_unknown_here_is_refused_when_it_arrives(
        config, hq_storage):
    from hqserver import ThreadedHQ
    from test_sync import connect, plant

    hq = ThreadedHQ(hq_storage).start()
    kiosk = connect(config, hq)
    try:
        assert hq_storage.erase("never-here")
        # an older head office could still send a profile of that id
        plant(hq_storage, ChangeIn("profile", {"first_name": "Zed"}, "store-1", "never-here"))
        assert kiosk.sync.run_once()["ok"]
        assert kiosk.privacy.was_erased("never-here")
        assert kiosk.db.execute("SELECT count(*) FROM customers WHERE id = 'never-here'"
                                ).fetchone() == (0,)
        apply_profile(kiosk, {"customer_id": "never-here", "data": {"first_name": "Zed"}})
        assert kiosk.db.execute("SELECT count(*) FROM customers").fetchone() == (0,)
        stored = kiosk.db.execute("SELECT digest, origin FROM privacy_erasures").fetchall()
        assert stored == [(erased_id_digest(hq_storage.erasure_key, "never-here"), "hq")]
    finally:
        kiosk.close()
        hq.stop()


def test_ingest_discards_events_of_erased_customers_by_digest(hq_storage):
    token = hq_storage.add_kiosk("k1", store_id="s1")
    kiosk = hq_storage.authenticate(token)
    card = FakeCard(PERSON)  # the shopper scanned their card to ask
    sealed = proof(hq_storage.public_key, PERSON, "erase", card.code,
                   registration(hq_storage.public_key, DeviceKeys.generate(), card))
    event = {"kind": "erasure_requested", "payload": {"origin": "shopper",
                                                     "sealed_subject": sealed}}
    events = [{"uuid": f"00000000-0000-4000-8000-00000000000{seq}", "seq": seq,
               "ts": "2026-01-01T10:00:00+00:00", "kind": "scan", "customer_id": PERSON,
               "payload": {"sku": SKU}} for seq in (1, 2)]
    events.insert(1, {**events[0], **event, "uuid": "00000000-0000-4000-8000-00000000000f",
                      "seq": 3, "customer_id": None})
    result = hq_storage.ingest(kiosk, events)
    assert result.erasures == 1 and hq_storage.is_erased(PERSON)
    assert hq_storage.query("SELECT count(*) FROM events WHERE customer_id = ?",
                            [PERSON]) == [(0,)]
    # head office's key opens a sealed subject: it is not kept once opened
    (payload,) = hq_storage.query("SELECT payload FROM events WHERE kind = 'erasure_requested'")
    assert json.loads(payload[0]) == {"origin": "shopper"}
    late = hq_storage.ingest(kiosk, [{**events[0], "uuid": "00000000-0000-4000-8000-0000000000aa",
                                      "seq": 9}])
    assert (late.accepted, late.discarded) == (0, 1)
    # a consent echo of an erased customer is not recorded or broadcast again
    hq_storage.ingest(kiosk, [{**events[0], "uuid": "00000000-0000-4000-8000-0000000000ab",
                               "seq": 10, "kind": "consent_changed",
                               "payload": {"purpose": "hq_offers", "granted": False}}])
    assert hq_storage.query("SELECT count(*) FROM consents") == [(0,)]
    dump = json.dumps([hq_storage.query(f"SELECT * FROM {table}")
                       for table in ("events", "changes", "erasures", "consents", "hq_meta")])
    assert PERSON not in dump and SKU not in dump


@pytest.mark.postgres
def test_postgresql_rows_of_an_erased_shopper_leave_the_table_files_on_scrub(
        pg_server, pg_url, tmp_path):
    import psycopg

    storage = open_storage(pg_url)
    try:
        token = storage.add_kiosk("k1", store_id="s1")
        kiosk = storage.authenticate(token)
        storage.ingest(kiosk, [
            {"uuid": f"00000000-0000-4000-8000-{seq:012d}", "seq": seq,
             "ts": "2026-01-01T10:00:00+00:00", "kind": "impression",
             "customer_id": PERSON if seq % 3 == 0 else f"other-{seq}",
             "payload": {"session_id": f"s{seq}",
                         "items": [{"sku": SKU if seq % 3 == 0 else "A"}]}}
            for seq in range(1, 61)])
        storage.ingest(kiosk, [{"uuid": "00000000-0000-4000-8000-0000000000c1", "seq": 61,
                                "ts": "2026-01-01T10:00:00+00:00", "kind": "consent_changed",
                                "customer_id": PERSON,
                                "payload": {"purpose": "hq_offers", "granted": True}}])
        storage.publish([ChangeIn("profile", {"first_name": NAME}, "s1", PERSON)])
        assert storage.erase(PERSON)
        for table in ("events", "consents", "changes", "erasures", "hq_meta"):
            rows = json.dumps(storage.query(f"SELECT * FROM {table}"))
            assert not any(n in rows for n in NEEDLES), table  # a fresh SELECT sees none
        assert storage.stats()["totals"]["erasures_to_scrub"] == 1
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("VACUUM events")
            conn.execute("CHECKPOINT")
            events_file = pg_server.data / conn.execute(
                "SELECT pg_relation_filepath('events')").fetchone()[0]
        # what the scrub is for: a plain VACUUM leaves the bytes in the pages' free space
        assert traces([events_file])[events_file.name] != []
    finally:
        storage.close()
    scrubbed = CliRunner().invoke(cli, ["hq", "scrub", "--json", "--database", pg_url])
    assert scrubbed.exit_code == 0, scrubbed.output
    assert json.loads(scrubbed.output)["erasures_scrubbed"] == 1
    with psycopg.connect(pg_url, autocommit=True) as conn:
        relations = [r[0] for r in conn.execute(
            "SELECT pg_relation_filepath(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i', 't') "
            "AND pg_relation_filepath(c.oid) IS NOT NULL")]
        toast = [r[0] for r in conn.execute(
            "SELECT pg_relation_filepath(reltoastrelid) FROM pg_class "
            "WHERE relname = 'events' AND reltoastrelid <> 0")]
    files = [pg_server.data / path for path in relations + toast]
    assert len(files) >= 12  # every table of head office and its indexes
    assert {name: found for name, found in traces(files).items() if found} == {}
    storage = open_storage(pg_url)
    try:
        assert storage.stats()["totals"]["erasures_to_scrub"] == 0
        assert storage.is_erased(PERSON)
    finally:
        storage.close()


# Holds a read transaction on head office's database until told to stop.
HOLD_READ = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN")
conn.execute("SELECT count(*) FROM events").fetchone()
print("reading", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


def test_a_wal_held_by_a_reader_is_emptied_once_the_reader_is_done(tmp_path):
    database = tmp_path / "hq.db"
    files = [Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm")]
    storage = open_storage(str(database))
    try:
        kiosk = storage.authenticate(storage.add_kiosk("k1", store_id="s1"))
        storage.ingest(kiosk, [
            {"uuid": f"00000000-0000-4000-8000-{seq:012d}", "seq": seq, "kind": "save",
             "ts": "2026-01-01T10:00:00+00:00", "customer_id": PERSON if seq % 2 else "c2",
             "payload": {"sku": SKU if seq % 2 else "A", "name": NAME if seq % 2 else "Bo"}}
            for seq in range(1, 21)])
        reader = subprocess.Popen([sys.executable, "-c", HOLD_READ, str(database)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert reader.stdout.readline().strip() == "reading"
            assert storage.erase(PERSON)
            # the reader still sees the rows as they were: the WAL cannot be emptied yet
            assert set(traces(files)["hq.db-wal"]) == set(NEEDLES)
            reader.stdin.write("done\n")
            reader.stdin.flush()
            assert reader.wait(10) == 0
        finally:
            if reader.poll() is None:
                reader.kill()
        deadline = time.monotonic() + 15  # the checkpoint thread tries every second
        while time.monotonic() < deadline and Path(f"{database}-wal").stat().st_size:
            time.sleep(0.1)
        assert Path(f"{database}-wal").stat().st_size == 0
        assert traces(files) == {"hq.db": [], "hq.db-wal": [], "hq.db-shm": []}
    finally:
        storage.close()
