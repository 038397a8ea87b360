# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""The pieces of the ``shown`` relay: head office's rule (on each backend), the change's
rules, a device applying it once, and reasons that read as sentences without their data."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from hqserver import hq_storage, pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.app import Kiosk
from kiosk.clienteling.page import reason_dict
from kiosk.config import Config
from kiosk.hq.changes import problems
from kiosk.recommend.types import SHELF_OF_REASON
from kiosk.store import feedback
from kiosk.sync.apply import apply_shown

ITEMS = [{"sku": "85123A", "recommender": "buy_again", "reason": "buy_again"},
         {"sku": "22423", "recommender": "popular", "reason": "popular_here"}]


def impression(customer_id: str | None, items=ITEMS, seq: int = 1) -> dict:
    return {"uuid": str(uuid.uuid4()), "seq": seq, "kind": "impression",
            "ts": "2026-11-23T10:15:02.123456+00:00", "customer_id": customer_id,
            "payload": {"session_id": "s-1", "items": items}}


def shown(storage) -> list[tuple[str, dict]]:
    return [(c, json.loads(d)) for c, d in storage.query(
        "SELECT customer_id, data FROM changes WHERE kind = 'shown' ORDER BY id")]


def set_consent(storage, customer_id: str, purpose: str, granted: bool) -> None:
    """Head office's current answer, as a proven edit from a kiosk sets it."""
    with storage._tx(write=True) as cur:
        storage._set_current_consent(cur, customer_id, purpose, granted,
                                     "2026-11-23T10:00:00+00:00")


def test_head_office_relays_only_what_the_record_allows(hq_storage):
    kiosk = hq_storage.authenticate(hq_storage.add_kiosk("k1", store_id="store-1"))
    set_consent(hq_storage, "c-yes", "personalisation", True)
    set_consent(hq_storage, "c-staff", "staff_profile", True)
    set_consent(hq_storage, "c-no", "personalisation", False)
    junk = [{"sku": "", "recommender": "x", "reason": "y"}, "not an item",
            {"sku": "A1", "recommender": "popular", "reason": "trending", "extra": 1}]
    first = impression("c-yes")
    hq_storage.ingest(kiosk, [first, impression("c-staff", seq=2), impression("c-no", seq=3),
                              impression(None, seq=4), impression("c-unknown", seq=5),
                              impression("c-yes", junk, seq=6)])
    relayed = shown(hq_storage)
    assert [c for c, _ in relayed] == ["c-yes", "c-staff", "c-yes"]
    assert relayed[0][1] == {"event": first["uuid"], "session_id": "s-1",
                             "at": first["ts"], "store": "store-1", "items": ITEMS}
    assert relayed[2][1]["items"] == [{"sku": "A1", "recommender": "popular",
                                       "reason": "trending"}]
    hq_storage.ingest(kiosk, [first])  # sent again: stored once, relayed once
    assert len(shown(hq_storage)) == 3
    # a withdrawal stops it; erasure takes what was relayed away
    set_consent(hq_storage, "c-staff", "staff_profile", False)
    hq_storage.ingest(kiosk, [impression("c-staff", seq=7)])
    assert [c for c, _ in shown(hq_storage)] == ["c-yes", "c-staff", "c-yes"]
    hq_storage.erase("c-yes")
    hq_storage.ingest(kiosk, [impression("c-yes", seq=8)])
    assert [c for c, _ in shown(hq_storage)] == ["c-staff"]


def test_the_rules_of_a_shown_change_name_the_field():
    data = {"event": str(uuid.uuid4()), "session_id": "s-1", "at": "2026-11-23T10:15:02Z",
            "store": "store-1", "items": [{**ITEMS[0], "shelf": "restock"}]}
    assert problems("shown", data, customer_id="c1") == []
    assert problems("shown", data) == ["customer_id: required for a shown"]
    assert problems("shown", {**data, "items": []}, customer_id="c1") == [
        "data.items: required for a shown: a list of 1-100 {sku, recommender, reason, shelf} "
        "objects"]
    bad = {**data, "items": [{"sku": "A", "recommender": "x", "colour": "red"}]}
    assert problems("shown", bad, customer_id="c1") == [
        "data.items.0.colour: unknown field; allowed: sku, recommender, reason, shelf",
        "data.items.0.reason: must be text of 1-64 characters"]
    assert problems("shown", {k: v for k, v in data.items() if k != "event"},
                    customer_id="c1") == ["data.event: required for a shown (text, 1-64 "
                                          "characters)"]
    newer = {**data, "seen_by": "x"}  # a device ignores what a newer head office adds
    assert problems("shown", newer, customer_id="c1", strict=False) == []


@pytest.fixture
def device(tmp_path: Path):
    kiosk = Kiosk(Config(database=str(tmp_path / "kiosk.db"), store_id="store-1",
                         store_name="Test", kiosk_id="tablet-1"), entrypoints=False)
    yield kiosk
    kiosk.close()


def test_a_device_applies_each_relayed_event_once_and_never_its_own(device):
    customer = device.privacy.enrol("Chloé", {"personalisation": True}).customer_id
    with device.transaction() as db:  # shown here, in session "mine"
        feedback.add_impressions(db, customer, "mine", ITEMS, "2026-11-23T10:00:00+00:00")

    def relay(session: str, event: str) -> None:
        with device.transaction():
            apply_shown(device, {"kind": "shown", "customer_id": customer, "data": {
                "event": event, "session_id": session, "at": "2026-11-23T11:00:00+00:00",
                "store": "store-1", "items": ITEMS}})

    def rows() -> int:
        return device.db.execute("SELECT count(*) FROM impressions").fetchone()[0]

    relay("mine", "e-1")  # this device's own session, back from head office
    assert rows() == 2
    relay("theirs", "e-2")
    relay("theirs", "e-2")  # the same event again (a bootstrap, a replay)
    assert rows() == 4
    relay("theirs", "e-3")  # the same session at the other kiosk showed them again
    assert rows() == 6
    relay("theirs", "e-4")
    with device.transaction():  # someone this device does not hold: nothing
        apply_shown(device, {"kind": "shown", "customer_id": "nobody", "data": {
            "event": "e-5", "session_id": "x", "at": "2026-11-23T11:00:00+00:00",
            "items": ITEMS}})
    assert device.db.execute("SELECT count(DISTINCT relayed), count(*) FROM impressions "
                             "WHERE relayed IS NOT NULL").fetchone() == (3, 6)


@pytest.mark.parametrize("code", [*SHELF_OF_REASON, "plugin"])
def test_a_relayed_reason_without_its_data_still_reads_as_a_sentence(code):
    reason = reason_dict(code)
    assert reason["params"] == {}
    text = reason["text"]
    assert text[:1].isupper() and "{" not in text and "the item" not in text, text
