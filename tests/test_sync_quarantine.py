# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""One bad change must not stop a kiosk: head office refuses it (422 naming the field);
one that got into the feed anyway (an older head office stored it) is quarantined on
each kiosk (kept, logged, counted in `kiosk sync status`), the cursor moves past it and
the kiosk keeps uploading. A change that fails for a passing reason is retried, never
skipped, and does not stop uploads either. Real head office (uvicorn, SQLite and
PostgreSQL), real kiosk databases."""

from __future__ import annotations

import json
import logging
import sqlite3

import httpx
from click.testing import CliRunner
from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)
from test_sync import connect, plant, seed, synced  # noqa: F401  (a fixture)

from kiosk.cli import cli
from kiosk.hq.storage import ChangeIn
from kiosk.sync.simulate import simulate

BAD_REVOCATION = {"kind": "revocation", "data": {}}


def operator(hq):
    token = hq.storage.add_kiosk("ops", store_id="-", role="operator")
    return {"Authorization": f"Bearer {token}"}


def sync_status(kiosk) -> dict:
    result = CliRunner().invoke(cli, ["sync", "status", "--json", "--db", str(kiosk.store.path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_head_office_refuses_a_revocation_that_names_no_customer(live_hq):
    before = live_hq.storage.stats()["totals"]["changes"]
    answer = httpx.post(live_hq.url + "/v1/admin/changes", headers=operator(live_hq),
                        json={"changes": [{"kind": "product", "data": {"sku": "A"}},
                                          BAD_REVOCATION]})
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"] == (
        "invalid request: changes.1.customer_id: required for a revocation")
    # nothing of the request was stored, not even its valid change
    assert live_hq.storage.stats()["totals"]["changes"] == before


def test_a_bad_change_in_the_feed_is_quarantined_and_two_kiosks_keep_uploading(
        live_hq, config, caplog):
    hq = live_hq
    kiosks = [connect(config.with_overrides(database=str(config.database) + f".{name}"), hq,
                      name=name) for name in ("till-a", "till-b")]
    try:
        for kiosk in kiosks:
            seed(kiosk)
        hq.storage.publish([ChangeIn("product", {"sku": "P1", "name": "Pen"})])
        # what a head office without the checks stored: a revocation of nobody ...
        (bad,) = plant(hq.storage, ChangeIn("revocation", {}))
        (good,) = hq.storage.publish([ChangeIn("product", {"sku": "P2", "name": "Pad"})])
        for round_, kiosk in enumerate(kiosks * 2):
            simulate(kiosk, 40, seed=round_)
            with caplog.at_level(logging.WARNING):
                result = kiosk.sync.run_once()
            assert result["ok"], result
            assert result["uploaded"] == 40  # every sync uploads
        assert {k: v["events"] for k, v in hq.storage.stats()["kiosks"].items()} == {
            "till-a": 80, "till-b": 80}
        for kiosk in kiosks:
            assert kiosk.db.execute("SELECT count(*) FROM products WHERE sku IN ('P1', 'P2')"
                                    ).fetchone() == (2,)
            status = sync_status(kiosk)
            assert status["download_cursor"] == good  # moved past the bad change
            assert status["changes_quarantined"] == 1  # counted once, not once per sync
            (entry,) = status["changes_quarantine"]
            assert (entry["id"], entry["kind"]) == (bad, "revocation")
            assert entry["reason"] == "customer_id: required for a revocation"
        assert f"change {bad} (revocation) quarantined" in caplog.text
        text = CliRunner().invoke(cli, ["sync", "status", "--db", str(kiosks[0].store.path)])
        assert "Changes set aside: 1" in text.output and f"#{bad}" in text.output
    finally:
        for kiosk in kiosks:
            kiosk.close()


def test_every_kind_of_malformed_change_is_quarantined_with_its_field(synced):
    kiosk, hq = synced
    planted = plant(hq.storage,
                    ChangeIn("consent_withdrawn", {"purpose": "spying"}, None, "c1"),
                    ChangeIn("profile", {"consents": ["personalisation"]}, "store-1", "c1"),
                    ChangeIn("stock", {"sku": "A", "quantity": -3}, "store-1"),
                    ChangeIn("stock", {"sku": "A", "quantity": "many"}, "store-1"),
                    ChangeIn("product", {"sku": "A", "price": -1}),
                    ChangeIn("model", {"name": "m", "version": "1"}),
                    ChangeIn("erasure", {"digest": "not hex"}),
                    ChangeIn("teleport", {"sku": "A"}))
    (good,) = hq.storage.publish([ChangeIn("stock", {"sku": "A", "quantity": 4}, "store-1")])
    simulate(kiosk, 10, seed=3)
    result = kiosk.sync.run_once()
    assert result["ok"] and result["uploaded"] == 10
    assert (result["changes_applied"], result["changes_quarantined"]) == (1, len(planted))
    reasons = {e["id"]: e["reason"] for e in sync_status(kiosk)["changes_quarantine"]}
    assert [reasons[i].split(":")[0] for i in planted] == [
        "data.purpose", "data.consents", "data.quantity", "data.quantity", "data.price",
        "data", "data.digest", "kind"]
    assert kiosk.db.execute("SELECT quantity FROM stock WHERE sku = 'A'").fetchone() == (4,)
    assert kiosk.privacy.consented("c1", "personalisation")  # nothing of the bad ones applied
    assert sync_status(kiosk)["download_cursor"] == good


def test_a_privacy_change_its_applier_refuses_is_quarantined_without_personal_data(
        synced, monkeypatch, caplog):
    kiosk, hq = synced
    card = kiosk.identity.issue_card("c3")
    (refused,) = hq.storage.publish([ChangeIn("revocation", {"reason": "lost"}, None, "c3")])
    (after,) = hq.storage.publish([ChangeIn("product", {"sku": "P9", "name": "Pin"})])

    def refuse(customer_id, *, reason):
        raise ValueError(f"cannot revoke the cards of {customer_id}")

    monkeypatch.setattr(kiosk.identity, "revoke", refuse)
    with caplog.at_level(logging.WARNING):
        result = kiosk.sync.run_once()
    assert result["ok"] and (result["changes_applied"], result["changes_quarantined"]) == (1, 1)
    (entry,) = sync_status(kiosk)["changes_quarantine"]
    assert (entry["id"], entry["reason"]) == (refused, "could not be applied (ValueError)")
    assert "c3" not in caplog.text and "c3" not in json.dumps(sync_status(kiosk))
    assert sync_status(kiosk)["download_cursor"] == after
    monkeypatch.undo()
    assert kiosk.identity.verify(card.code).status != "revoked"  # set aside, not applied


def test_a_privacy_change_that_fails_for_now_is_retried_and_uploads_go_on(
        synced, monkeypatch):
    kiosk, hq = synced
    (before,) = hq.storage.publish([ChangeIn("product", {"sku": "P1", "name": "Pen"})])
    hq.storage.erase("c1")
    hq.storage.publish([ChangeIn("product", {"sku": "P2", "name": "Pad"})])
    original = kiosk.privacy.erase

    def locked(customer_id, *, origin):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(kiosk.privacy, "erase", locked)
    simulate(kiosk, 30, seed=9)
    for _ in range(2):
        result = kiosk.sync.run_once()
        assert not result["ok"]
        assert result["error"] == ("a change could not be applied yet (OperationalError); "
                                   "retried on next sync")
        status = sync_status(kiosk)
        assert status["download_cursor"] == before  # waits at the erasure, not skipped
        assert status["changes_quarantined"] == 0
        assert kiosk.sync.next_delay(result) == min(kiosk.sync.interval, kiosk.sync.max_wait)
        # (no backoff: the upload went through)
    assert hq.storage.stats()["kiosks"]["kiosk-test"]["events"] > 0  # uploaded meanwhile
    assert status["queue_depth"] == 0
    assert kiosk.db.execute("SELECT count(*) FROM customers WHERE id = 'c1'").fetchone() == (1,)
    monkeypatch.setattr(kiosk.privacy, "erase", original)
    result = kiosk.sync.run_once()
    assert result["ok"] and result["changes_applied"] == 2
    assert kiosk.db.execute("SELECT count(*) FROM customers WHERE id = 'c1'").fetchone() == (0,)
    assert kiosk.privacy.was_erased("c1")
