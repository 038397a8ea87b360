# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""One wire schema (``kiosk.wire``): what the kiosk sends is what head office publishes
in its spec and decodes, over a real server on each backend; the schema stays light."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import httpx
import jsonschema_rs
import pytest
from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk import wire
from kiosk.hq.batch import decode_batch
from kiosk.hq.changes import InvalidChange, decode_published
from kiosk.hq.storage import ChangeIn
from kiosk.store import outbox
from kiosk.sync.simulate import simulate


def published(spec: dict, name: str) -> jsonschema_rs.Validator:
    """A validator of the spec's schema ``name`` (its references resolved in the spec)."""
    return jsonschema_rs.validator_for({"$ref": wire.REF_TEMPLATE.format(name=name),
                                        "components": spec["components"]})


def test_the_wire_schema_imports_nothing_of_the_app_head_office_or_qt():
    code = ("import sys, kiosk.wire; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('kiosk', 'kiosk_plugins', 'fastapi', 'pydantic', 'starlette', 'PySide6', 'httpx', "
            "'sqlite_utils', 'nacl')))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                       text=True, check=True).stdout.replace("'", '"'))
    assert loaded == ["kiosk", "kiosk.hookspecs", "kiosk.wire"]


def test_what_the_kiosk_sends_is_what_head_office_publishes_and_decodes(kiosk, live_hq):
    with kiosk.transaction() as db:
        db.execute("INSERT INTO products (sku, name, price) VALUES ('A', 'Mug', 2.5)")
    simulate(kiosk, 40, seed=3)
    events = outbox.pending(kiosk.db, limit=100)
    body = wire.encode_batch({"batch_id": "b1", "kiosk_id": "kiosk-test", "store_id": "store-1",
                              "dropped": 2, "events": events})
    spec = httpx.get(live_hq.url + "/openapi.json").json()
    assert published(spec, "BatchIn").is_valid(json.loads(body))

    decoded = decode_batch(body)  # head office's decoder, on the kiosk's own bytes
    assert (decoded.batch_id, decoded.dropped) == ("b1", 2)
    assert [(e.uuid, e.seq, e.kind, e.customer_id, json.loads(e.payload)) for e in
            decoded.events] == [(e["uuid"], e["seq"], e["kind"], e["customer_id"],
                                 json.loads(e["payload_json"])) for e in events]

    token = live_hq.storage.add_kiosk("kiosk-test", store_id="store-1")
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    answer = httpx.post(live_hq.url + "/v1/events", content=body, headers=auth)
    assert answer.status_code == 200 and published(spec, "Ack").is_valid(answer.json())
    assert answer.json()["accepted"] == len(events) and answer.json()["batch_id"] == "b1"

    live_hq.storage.publish([ChangeIn("product", {"sku": "A", "name": "Mug", "price": 2.5}),
                             ChangeIn("stock", {"sku": "A", "quantity": 3}, "store-1")])
    page = httpx.get(live_hq.url + "/v1/changes", params={"since": 0}, headers=auth)
    assert published(spec, "ChangesPage").is_valid(page.json())
    assert [c["kind"] for c in page.json()["changes"]] == ["product", "stock"]


def test_whole_numbers_are_published_as_integers_and_accepted_as_json_schema_reads_them(
        live_hq):
    spec = httpx.get(live_hq.url + "/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert schemas["EventIn"]["properties"]["seq"] == {
        "type": "integer", "minimum": 1, "maximum": wire.MAX_SEQ}
    assert schemas["BatchIn"]["properties"]["dropped"] == {
        "type": "integer", "minimum": 0, "maximum": wire.MAX_SEQ, "default": 0}
    event = {"uuid": str(uuid.uuid4()), "seq": 7.0, "kind": "scan", "schema_version": 1.0,
             "ts": "2026-11-23T10:15:02+00:00"}
    fraction = {**event, "uuid": str(uuid.uuid4()), "seq": 7.5}
    validator = published(spec, "BatchIn")
    assert validator.is_valid({"batch_id": "b", "events": [event]})
    assert not validator.is_valid({"batch_id": "b", "events": [fraction]})
    token = live_hq.storage.add_kiosk("k1", store_id="store-1")
    auth = {"Authorization": f"Bearer {token}"}
    whole = httpx.post(live_hq.url + "/v1/events", json={"batch_id": "b", "events": [event]},
                       headers=auth)
    assert whole.status_code == 200 and whole.json()["last_seq"] == 7
    refused = httpx.post(live_hq.url + "/v1/events", headers=auth,
                         json={"batch_id": "b", "events": [fraction]})
    assert refused.status_code == 422
    assert refused.json()["detail"] == ("invalid request: body.events.0.seq: "
                                        "must be a whole number")


def test_the_change_feed_and_published_changes_share_one_change_class():
    change = ChangeIn("stock", {"sku": "A", "quantity": 1}, "store-1")
    assert isinstance(change, wire.ChangeIn)
    assert (change.kind, change.data, change.store_id, change.customer_id) == (
        "stock", {"sku": "A", "quantity": 1}, "store-1", None)
    body = json.dumps({"changes": [{"kind": "stock", "store_id": "store-1",
                                    "data": {"sku": "A", "quantity": 1}}]}).encode()
    assert decode_published(body) == [change]


@pytest.mark.parametrize(("body", "where", "message"), [
    (b'{"changes": []}', "body", "body.changes: Expected `array` of length >= 1"),
    (b'{"changes": [{"kind": 5}]}', "body", "body.changes.0.kind: Expected `str`, got `int`"),
    (b'{"changes": [{"kind": "x", "data": {"Jane Private": 1e400}}]}', "body",
     "body.changes.0.data: Number out of range"),
    (b'{"changes": [{"kind": "x", "data": {"Jane Private": 1e400}}]}', "",
     "changes.0.data: Number out of range"),
    (b'{"changes": [{"kind": "x", "data": {"a": "\xff"}}]}', "body",
     "body: not valid UTF-8 (byte 42)"),
    (b'{"changes": [{"kind": "x", "data": {"a": ' + b"[" * 61 + b"]" * 61 + b"}}]}", "body",
     "body: JSON nested deeper than 64 levels (the limit)"),
    (b'{"changes": [{"kind": "x", "data": {"a": ' + b"[" * 5000, "",
     "JSON nested deeper than 64 levels (the limit)"),
    (b"{", "body", "body: not valid JSON (Input data was truncated)"),
], ids=["no change", "kind not text", "number too large", "from a file", "not UTF-8",
        "too deep", "unbalanced", "not JSON"])
def test_a_publish_body_is_refused_saying_where_and_what_never_the_input(body, where, message):
    with pytest.raises(InvalidChange) as refused:
        decode_published(body, where=where)
    assert str(refused.value) == message
