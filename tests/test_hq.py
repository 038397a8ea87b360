# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""Head office: storage rules on both backends, and its HTTP API on a live server."""

from __future__ import annotations

import gzip
import json
import sqlite3
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from click.testing import CliRunner
from hqproofs import FakeCard, proof, registration
from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.cli import cli
from kiosk.hq import report
from kiosk.hq.batch import InvalidBatch, decode_batch
from kiosk.hq.changes import erased_id_digest
from kiosk.hq.storage import ChangeIn, InvalidChange, StorageError
from kiosk.identity.device import DeviceKeys
from kiosk.sync import sealing


def event(seq, kind="impression", customer_id=None, **payload):
    return {"uuid": str(uuid.uuid4()), "seq": seq, "kind": kind, "customer_id": customer_id,
            "payload": payload, "ts": datetime.now(UTC).isoformat(), "schema_version": 1}


def kiosk_record(storage, name="k1", store="s1"):
    token = storage.add_kiosk(name, store_id=store)
    return token, storage.authenticate(token)


# -- storage, on SQLite and PostgreSQL ---------------------------------------

def test_tokens_are_stored_only_as_hashes(hq_storage):
    token, record = kiosk_record(hq_storage)
    assert record.name == "k1" and record.store_id == "s1" and record.role == "kiosk"
    assert hq_storage.authenticate("not-a-token") is None
    assert hq_storage.authenticate("") is None
    stored = hq_storage.query("SELECT token_hash FROM kiosks")
    assert token not in json.dumps(stored) and len(stored[0][0]) == 64
    with pytest.raises(StorageError, match="already exists"):
        hq_storage.add_kiosk("k1", store_id="s1")


def test_ingest_is_idempotent_by_uuid_and_counts_duplicates(hq_storage):
    _, k1 = kiosk_record(hq_storage)
    batch = [event(i) for i in range(1, 51)]
    first = hq_storage.ingest(k1, batch)
    again = hq_storage.ingest(k1, [*batch[25:], event(51)])
    assert (first.accepted, first.duplicates) == (50, 0)
    assert (again.accepted, again.duplicates, again.last_seq) == (1, 25, 51)
    stats = hq_storage.stats()["kiosks"]["k1"]
    assert stats["events"] == 51 and stats["duplicates_ignored"] == 25
    assert len(set(hq_storage.event_uuids())) == 51
    assert hq_storage.kiosk_sequence("k1") == list(range(1, 52))


def test_each_kiosks_order_is_kept_and_late_events_are_counted(hq_storage):
    _, k1 = kiosk_record(hq_storage)
    _, k2 = kiosk_record(hq_storage, "k2")
    hq_storage.ingest(k1, [event(3), event(1), event(2)])  # sorted within a batch
    hq_storage.ingest(k2, [event(1)])
    late = hq_storage.ingest(k1, [event(2)])
    assert late.out_of_order == 1
    assert hq_storage.kiosk_sequence("k1") == [1, 2, 3, 2]
    assert hq_storage.stats()["kiosks"]["k1"]["out_of_order"] == 1
    assert hq_storage.kiosk_sequence("k2") == [1]


def test_changes_are_for_the_kiosks_store_and_paged_by_cursor(hq_storage):
    _, k1 = kiosk_record(hq_storage, store="s1")
    ids = hq_storage.publish([
        ChangeIn("product", {"sku": "A", "price": 2.0}),
        ChangeIn("stock", {"sku": "A", "quantity": 3}, store_id="s2"),
        ChangeIn("stock", {"sku": "A", "quantity": 5}, store_id="s1"),
    ])
    assert ids == sorted(ids)
    page = hq_storage.changes_for(k1, 0, 1)
    assert [c["kind"] for c in page["changes"]] == ["product"] and page["more"]
    rest = hq_storage.changes_for(k1, page["cursor"], 10)
    assert [c["data"]["quantity"] for c in rest["changes"]] == [5] and not rest["more"]
    assert hq_storage.changes_for(k1, rest["cursor"], 10)["changes"] == []
    with pytest.raises(InvalidChange, match=r"changes\.0\.kind: must be one of"):
        hq_storage.publish([ChangeIn("erasure", {}, customer_id="c1")])


def test_erasure_deletes_the_persons_data_and_is_broadcast_once(hq_storage):
    _, k1 = kiosk_record(hq_storage)
    hq_storage.ingest(k1, [event(1, customer_id="c1"), event(2, customer_id="c2")])
    hq_storage.publish([ChangeIn("profile", {"first_name": "Ann"}, "s1", "c1")])
    assert hq_storage.erase("c1") is True
    assert hq_storage.erase("c1") is False
    assert hq_storage.query("SELECT customer_id FROM events") == [("c2",)]
    changes = hq_storage.changes_for(k1, 0, 10)["changes"]
    # broadcast as a keyed digest: the id itself is nowhere in the feed or in `erasures`
    digest = erased_id_digest(hq_storage.erasure_key, "c1")
    assert [(c["kind"], c["customer_id"], c["data"]) for c in changes] == [
        ("erasure", None, {"digest": digest})]
    assert hq_storage.query("SELECT * FROM erasures")[0][0] == digest
    assert '"c1"' not in json.dumps([changes, hq_storage.query("SELECT * FROM erasures")])
    assert hq_storage.is_erased("c1")
    late = hq_storage.ingest(k1, [event(3, customer_id="c1"), event(4, customer_id="c2")])
    assert (late.accepted, late.discarded) == (1, 1)  # an erased person's late events
    assert hq_storage.query("SELECT count(*) FROM events WHERE customer_id = 'c1'") == [(0,)]
    with pytest.raises(StorageError, match="erased"):
        hq_storage.publish([ChangeIn("profile", {}, "s1", "c1")])


def test_a_kiosks_sealed_erasure_request_is_opened_and_carried_out(hq_storage):
    _, k1 = kiosk_record(hq_storage)
    card = FakeCard("c9")
    registered = registration(hq_storage.public_key, DeviceKeys.generate(), card)
    proven = proof(hq_storage.public_key, "c9", "erase", card.code, registered)
    unproven = sealing.seal(hq_storage.public_key, "c9")  # an older kiosk's bare id
    result = hq_storage.ingest(k1, [event(1, customer_id="c9"),
                                    event(2, "erasure_requested", sealed_subject=unproven),
                                    event(3, "erasure_requested", sealed_subject="garbage")])
    assert result.erasures == 0 and not hq_storage.is_erased("c9")
    result = hq_storage.ingest(k1, [event(4, "erasure_requested", sealed_subject=proven)])
    assert result.erasures == 1 and hq_storage.is_erased("c9")
    assert hq_storage.query("SELECT count(*) FROM events WHERE customer_id = 'c9'") == [(0,)]
    assert hq_storage.query("SELECT count(*) FROM hq_cards") == [(0,)]  # erased with them
    totals = hq_storage.stats()["totals"]
    assert (totals["erasures"], totals["erasures_unreadable"], totals["erasures_refused"]) == (
        1, 1, 1)


def test_a_withdrawn_consent_is_broadcast_once_not_on_echo(hq_storage):
    _, k1 = kiosk_record(hq_storage)
    _, k2 = kiosk_record(hq_storage, "k2", "s2")
    card = FakeCard("c1")
    withdrawal = proof(hq_storage.public_key, "c1", "withdraw", card.code,
                       registration(hq_storage.public_key, DeviceKeys.generate(), card),
                       purpose="hq_offers")
    hq_storage.ingest(k1, [event(1, "consent_changed", "c1", purpose="hq_offers", granted=True),
                           event(2, "consent_changed", "c1", purpose="hq_offers", granted=False,
                                 proof=withdrawal)])
    hq_storage.ingest(k2, [event(1, "consent_changed", "c1", purpose="hq_offers", granted=False)])
    changes = hq_storage.changes_for(k2, 0, 10)["changes"]
    assert [(c["kind"], c["customer_id"], c["data"]) for c in changes
            if c["kind"] != "card"] == [("consent_withdrawn", "c1", {"purpose": "hq_offers"})]


def test_the_keypair_is_made_once_and_kept(hq_storage, tmp_path):
    key = hq_storage.public_key
    hq_storage.setup()
    assert hq_storage.public_key == key and sealing.valid_public_key(key)


# -- the HTTP API on a live server ----------------------------------------------

def post(url, token, body, *, compress=True, **headers):
    data = json.dumps(body).encode()
    if compress:
        data = gzip.compress(data)
        headers["Content-Encoding"] = "gzip"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    headers["Content-Type"] = "application/json"
    return httpx.post(url + "/v1/events", content=data, headers=headers, timeout=10)


def test_api_refuses_requests_without_a_valid_token(live_hq):
    body = {"batch_id": "b", "events": [event(1)]}
    assert post(live_hq.url, None, body).status_code == 401
    response = post(live_hq.url, "wrong", body)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert httpx.get(live_hq.url + "/v1/changes").status_code == 401
    assert httpx.post(live_hq.url + "/v1/admin/erasures", json={"customer_id": "x"},
                      headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_api_accepts_gzip_batches_and_ignores_duplicates(live_hq):
    token, _ = kiosk_record(live_hq.storage)
    body = {"batch_id": "b1", "kiosk_id": "k1", "dropped": 4,
            "events": [event(1), event(2, customer_id="c1")]}
    first = post(live_hq.url, token, body)
    again = post(live_hq.url, token, body, compress=False)
    assert first.status_code == again.status_code == 200
    assert (first.json()["accepted"], again.json()["duplicates"]) == (2, 2)
    stats = httpx.get(live_hq.url + "/v1/stats").json()
    assert stats["kiosks"]["k1"]["events"] == 2
    assert stats["kiosks"]["k1"]["duplicates_ignored"] == 2
    assert stats["kiosks"]["k1"]["dropped"] == 4


def test_api_rejects_bad_bodies_with_4xx_and_never_echoes_input(live_hq):
    token, _ = kiosk_record(live_hq.storage)
    secret = "Jane Private"
    bad = {"batch_id": "b", "events": [{**event(1), "customer_id": secret, "seq": -1}]}
    response = post(live_hq.url, token, bad)
    assert response.status_code == 422 and secret not in response.text
    assert "seq" in response.json()["detail"]
    broken = httpx.post(live_hq.url + "/v1/events", content=b"not gzip",
                        headers={"Authorization": f"Bearer {token}",
                                 "Content-Encoding": "gzip"})
    assert broken.status_code == 400
    nul = post(live_hq.url, token, {"batch_id": "b", "events": [event(1, customer_id="a\x00")]})
    assert nul.status_code == 422


def test_api_roles_operator_publishes_and_erases_kiosk_downloads(live_hq):
    token, _ = kiosk_record(live_hq.storage)
    operator = live_hq.storage.add_kiosk("ops", store_id="-", role="operator")
    auth = {"Authorization": f"Bearer {operator}"}
    assert httpx.post(live_hq.url + "/v1/admin/changes", headers={
        "Authorization": f"Bearer {token}"}, json={"changes": [
            {"kind": "product", "data": {"sku": "A"}}]}).status_code == 403
    assert post(live_hq.url, operator, {"batch_id": "b", "events": []}).status_code == 403
    published = httpx.post(live_hq.url + "/v1/admin/changes", headers=auth, json={"changes": [
        {"kind": "product", "data": {"sku": "A", "name": "Mug", "price": 2.5}}]})
    assert published.status_code == 200
    erased = httpx.post(live_hq.url + "/v1/admin/erasures", headers=auth,
                        json={"customer_id": "c1"})
    assert erased.json() == {"erased": True, "already_erased": False}
    changes = httpx.get(live_hq.url + "/v1/changes", params={"since": 0},
                        headers={"Authorization": f"Bearer {token}"}).json()
    assert [c["kind"] for c in changes["changes"]] == ["product", "erasure"]


def test_public_key_openapi_and_report_page(live_hq):
    key = httpx.get(live_hq.url + "/v1/public-key").json()["public_key"]
    assert key == live_hq.storage.public_key
    spec = httpx.get(live_hq.url + "/openapi.json").json()
    assert {"/v1/events", "/v1/changes", "/v1/stats", "/v1/public-key"} <= set(spec["paths"])
    _, k1 = kiosk_record(live_hq.storage)
    live_hq.storage.ingest(k1, [  # a shelf of picks in one event, and a single pick
        event(1, "impression", "c1", session_id="s", items=[
            {"sku": "A", "recommender": "buy_again"}, {"sku": "B", "recommender": "popular"},
            {"sku": "C", "recommender": "popular"}]),
        event(2, "impression", "c2", session_id="t", sku="D", recommender="buy_again"),
        event(3, "save", "c1", session_id="s", sku="A"),
        event(4, "not_for_me", "c2", session_id="t", sku="D"),
    ])
    rows = {r["recommender"]: r for r in report.engagement(live_hq.storage)}
    assert (rows["buy_again"]["impression"], rows["buy_again"]["save"],
            rows["buy_again"]["not_for_me"], rows["buy_again"]["save_rate"]) == (2, 1, 1, 0.5)
    assert (rows["popular"]["impression"], rows["popular"]["save"]) == (2, 0)
    page = httpx.get(live_hq.url + "/report")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "buy_again" in page.text and "50.0%" in page.text
    assert "c1" not in page.text and "c2" not in page.text  # aggregates only
    live_hq.storage.erase("c2")
    rows = {r["recommender"]: r for r in report.engagement(live_hq.storage)}
    assert rows["buy_again"]["impression"] == 1  # an erased person's impressions go too


# -- commands ---------------------------------------------------------------

def test_cli_add_kiosk_prints_a_token_that_authenticates(tmp_path):
    database = str(tmp_path / "hq.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["hq", "add-kiosk", "till-3", "--store", "s7",
                                 "--database", database])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM kiosks WHERE token_hash != ?",
                            [token]).fetchone()[0] == 1
        assert token not in json.dumps(conn.execute("SELECT * FROM kiosks").fetchall())
    from kiosk.hq.storage import open_storage
    storage = open_storage(database)
    assert storage.authenticate(token).store_id == "s7"
    storage.close()
    again = runner.invoke(cli, ["hq", "add-kiosk", "till-3", "--database", database])
    assert again.exit_code != 0 and "already exists" in again.output
    erased = runner.invoke(cli, ["hq", "erase", "c1", "--database", database])
    assert "erased" in erased.output
    stats = runner.invoke(cli, ["hq", "stats", "--json", "--database", database])
    assert json.loads(stats.output)["kiosks"]["till-3"]["events"] == 0


def test_cli_publish_validates_the_file(tmp_path):
    database = str(tmp_path / "hq.db")
    good = tmp_path / "changes.json"
    good.write_text(json.dumps({"changes": [{"kind": "stock", "store_id": "s1",
                                             "data": {"sku": "A", "quantity": 2}}]}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"changes": [{"kind": "nonsense"}]}))
    runner = CliRunner()
    assert "1 change(s) published" in runner.invoke(
        cli, ["hq", "publish", str(good), "--database", database]).output
    result = runner.invoke(cli, ["hq", "publish", str(bad), "--database", database])
    assert result.exit_code != 0 and "kind" in result.output


def test_cli_publish_catalogue_from_a_kiosk_database(tmp_path, kiosk):
    with kiosk.transaction() as db:
        db.execute("INSERT INTO stores (id, name, created) VALUES ('store-1', 'S', 'x')")
        db.execute("INSERT INTO products (sku, name, price, colours) "
                   "VALUES ('A', 'Mug', 2.5, '[\"red\"]')")
        db.execute("INSERT INTO stock (store_id, sku, quantity, location) "
                   "VALUES ('store-1', 'A', 7, 'Aisle 2')")
    database = str(tmp_path / "hq.db")
    result = CliRunner().invoke(cli, ["hq", "publish-catalogue", str(kiosk.store.path),
                                      "--database", database])
    assert result.exit_code == 0 and "2 change(s) published" in result.output
    from kiosk.hq.storage import open_storage
    storage = open_storage(database)
    try:
        token = storage.add_kiosk("k", store_id="store-1")
        page = storage.changes_for(storage.authenticate(token), 0, 10)
    finally:
        storage.close()
    assert [(c["kind"], c["data"].get("colours"), c["data"].get("quantity"))
            for c in page["changes"]] == [("product", ["red"], None), ("stock", None, 7)]


def test_kiosk_hq_serve_runs_uvicorn_with_workers(tmp_path):
    """The real command: ``kiosk hq serve`` in a subprocess, two worker processes."""
    import subprocess
    import sys
    import time

    from pgserver import free_port

    database = str(tmp_path / "hq.db")
    token = CliRunner().invoke(cli, ["hq", "add-kiosk", "k1", "--database", database]
                               ).output.strip()
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kiosk", "hq", "serve", "--database",
                                database, "--port", str(port), "--workers", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)
        assert post(url, token, {"batch_id": "b", "events": [event(1)]}).json()["accepted"] == 1
        assert post(url, None, {"batch_id": "b", "events": [event(2)]}).status_code == 401
        assert httpx.get(url + "/v1/stats").json()["kiosks"]["k1"]["events"] == 1
    finally:
        process.terminate()
        process.wait(20)


# -- the batch decoder: what it accepts, and where it says a body is wrong --------

_OK = {"uuid": "12345678-1234-1234-1234-123456789ABC", "seq": 1, "kind": "scan",
       "ts": "2026-11-23T10:15:02.123456+00:00", "payload": {"sku": "A"}}
EVENT = "body.events.0"


def _with(**changes):
    return {"batch_id": "b", "events": [{**_OK, **changes}]}


def _without(key):
    return {"batch_id": "b", "events": [{k: v for k, v in _OK.items() if k != key}]}


BATCHES = {  # name: (body, where the decoder says it is wrong, or None: accepted)
    "valid": (_with(), None), "no payload": (_without("payload"), None),
    "no ts": (_without("ts"), EVENT), "no uuid": (_without("uuid"), EVENT),
    "no seq": (_without("seq"), EVENT), "no kind": (_without("kind"), EVENT),
    "bad uuid": (_with(uuid="x"), f"{EVENT}.uuid"),
    "uuid without dashes": (_with(uuid="1" * 32), f"{EVENT}.uuid"),
    "uuid in braces": (_with(uuid="{12345678-1234-1234-1234-123456789abc}"), f"{EVENT}.uuid"),
    "uuid with a line break": (_with(uuid="12345678-1234-1234-1234-12345678ABC\n"),
                               f"{EVENT}.uuid"),
    "seq 0": (_with(seq=0), f"{EVENT}.seq"), "seq 2**62": (_with(seq=2**62), None),
    "seq 2**62+1": (_with(seq=2**62 + 1), f"{EVENT}.seq"),
    "seq as text": (_with(seq="1"), f"{EVENT}.seq"), "seq as float": (_with(seq=1.0), None),
    "seq 1.5": (_with(seq=1.5), f"{EVENT}.seq"), "seq as bool": (_with(seq=True), f"{EVENT}.seq"),
    "kind upper-case": (_with(kind="Scan"), f"{EVENT}.kind"),
    "kind empty": (_with(kind=""), f"{EVENT}.kind"),
    "kind with digits": (_with(kind="scan2"), f"{EVENT}.kind"),
    "kind with a line break": (_with(kind="scan\n"), f"{EVENT}.kind"),
    "kind 64": (_with(kind="a" * 64), None), "kind 65": (_with(kind="a" * 65), f"{EVENT}.kind"),
    "kind starts with _": (_with(kind="_scan"), f"{EVENT}.kind"),
    "customer null": (_with(customer_id=None), None),
    "customer 128": (_with(customer_id="x" * 128), None),
    "customer 129": (_with(customer_id="x" * 129), f"{EVENT}.customer_id"),
    "customer NUL": (_with(customer_id="a\x00"), f"{EVENT}.customer_id"),
    "customer number": (_with(customer_id=5), f"{EVENT}.customer_id"),
    "payload array": (_with(payload=[1]), f"{EVENT}.payload"),
    "payload null": (_with(payload=None), f"{EVENT}.payload"),
    "payload text": (_with(payload="x"), f"{EVENT}.payload"),
    "ts naive": (_with(ts="2026-11-23T10:15:02"), f"{EVENT}.ts"),
    "ts Z": (_with(ts="2026-11-23T10:15:02Z"), None),
    "ts +02:00": (_with(ts="2026-11-23T10:15:02+02:00"), None),
    "ts date": (_with(ts="2026-11-23"), f"{EVENT}.ts"),
    "ts words": (_with(ts="yesterday"), f"{EVENT}.ts"),
    "ts number": (_with(ts=1700000000), f"{EVENT}.ts"),
    "ts lower-case": (_with(ts="2026-11-23t10:15:02z"), None),
    "ts 65 characters": (_with(ts=_OK["ts"] + " " * 33), f"{EVENT}.ts"),
    "version 0": (_with(schema_version=0), f"{EVENT}.schema_version"),
    "version 1000": (_with(schema_version=1000), None),
    "version 1001": (_with(schema_version=1001), f"{EVENT}.schema_version"),
    "critical as text": (_with(critical="true"), f"{EVENT}.critical"),
    "critical as 1": (_with(critical=1), f"{EVENT}.critical"),
    "critical": (_with(critical=True), None), "unknown field": (_with(extra=1), None),
    "batch_id empty": ({"batch_id": "", "events": []}, "body.batch_id"),
    "batch_id 65": ({"batch_id": "x" * 65, "events": []}, "body.batch_id"),
    "no batch_id": ({"events": []}, "body"), "no events": ({"batch_id": "b"}, "body"),
    "dropped -1": ({"batch_id": "b", "dropped": -1, "events": []}, "body.dropped"),
    "dropped 3.0": ({"batch_id": "b", "dropped": 3.0, "events": []}, None),
    "dropped 3.5": ({"batch_id": "b", "dropped": 3.5, "events": []}, "body.dropped"),
    "kiosk_id NUL": ({"batch_id": "b", "kiosk_id": "a\x00", "events": []}, "body.kiosk_id"),
    "store_id 129": ({"batch_id": "b", "store_id": "x" * 129, "events": []}, "body.store_id"),
    "10,000 events": ({"batch_id": "b", "events": [_OK] * 10_000}, None),
    "10,001 events": ({"batch_id": "b", "events": [_OK] * 10_001}, "body.events"),
}


@pytest.mark.parametrize("name", BATCHES)
def test_the_batch_decoder_accepts_valid_batches_and_names_what_is_wrong(name):
    body, wrong = BATCHES[name]
    if wrong is None:
        assert len(decode_batch(json.dumps(body).encode()).events) == len(body["events"])
        return
    with pytest.raises(InvalidBatch) as refused:
        decode_batch(json.dumps(body).encode())
    assert str(refused.value).startswith(f"{wrong}: ")  # where, then what
    assert _OK["uuid"] not in str(refused.value)  # never the input


def test_decoded_events_are_stored_as_head_office_keeps_them():
    batch = decode_batch(json.dumps({"batch_id": "b", "dropped": 3, "events": [
        _OK, {**_OK, "seq": 2, "ts": "2026-11-23T12:15:02+02:00",
              "payload": {"session_id": "s1", "sku": 5, "recommender": "x" * 300}}]}).encode())
    first, second = batch.events
    assert batch.batch_id == "b" and batch.dropped == 3
    assert first.uuid == _OK["uuid"].lower() and first.payload == '{"sku": "A"}'  # as sent
    assert first.ts == _OK["ts"] and first.sku == "A" and first.session_id is None
    assert second.ts == "2026-11-23T10:15:02.000000+00:00"  # UTC, microseconds
    assert second.session_id == "s1" and second.sku is None and second.recommender is None
    assert json.loads(second.payload)["recommender"] == "x" * 300  # the payload is kept whole
    for bad in (b"", b"{", b"\xff", b'{"batch_id": "b", "events": [{"uuid": "\\ud800"}]}'):
        with pytest.raises(InvalidBatch, match=r"^body: not valid"):
            decode_batch(bad)
