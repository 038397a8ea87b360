# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""Erasures and withdrawals reach every store only with the shopper's card as proof.

Issue 9, item 5: a kiosk token alone must not erase or withdraw consent for
anyone. Real head office over HTTP (SQLite and PostgreSQL), real kiosks.
"""

from __future__ import annotations

import httpx
from click.testing import CliRunner
from hqproofs import FakeCard, post_events, proof, registration
from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)
from test_sync import connect, seed

from kiosk.cli import cli
from kiosk.identity.device import DeviceKeys


def totals(hq):
    return hq.storage.stats()["totals"]


def test_cards_are_registered_and_an_erasure_with_the_card_is_carried_out(config, live_hq):
    kiosk = connect(config, live_hq)
    try:
        seed(kiosk)
        assert kiosk.sync.run_once()["ok"]  # head office's key
        enrolment = kiosk.privacy.enrol("Zelda", {"personalisation": True})
        revoked = kiosk.identity.issue_card("c1")
        kiosk.identity.revoke("c1")
        result = kiosk.sync.run_once()
        assert result["ok"] and result["cards_registered"] == 3  # 2 cards, 1 revocation
        assert kiosk.sync.status()["cards_unregistered"] == 0
        assert totals(live_hq)["cards_registered"] == 2
        # a revoked card proves nothing, even to the kiosk itself
        assert kiosk.privacy.erase("c1", card_code=revoked.code)["with_proof"] is False
        report = kiosk.privacy.erase(enrolment.customer_id, card_code=enrolment.short_code)
        assert report["with_proof"] is True
        assert kiosk.sync.run_once()["ok"]
        assert live_hq.storage.is_erased(enrolment.customer_id)
        assert not live_hq.storage.is_erased("c1")
        assert totals(live_hq)["erasures_refused"] == 1
        assert live_hq.storage.query("SELECT count(*) FROM hq_cards WHERE customer_id = ?",
                                     [enrolment.customer_id]) == [(0,)]
    finally:
        kiosk.close()


def test_a_stolen_kiosk_token_cannot_erase_withdraw_or_register(config, live_hq):
    kiosk = connect(config, live_hq)
    try:
        seed(kiosk)
        assert kiosk.sync.run_once()["ok"]
        card = kiosk.identity.issue_card("c1")  # the real kiosk pins its device key
        assert kiosk.sync.run_once()["cards_registered"] == 1
        kiosk.record_event("consent_changed", {"purpose": "hq_offers", "granted": True},
                           customer_id="c2")
        assert kiosk.sync.run_once()["ok"]
    finally:
        kiosk.close()
    token = kiosk.config.hq_token
    public = live_hq.storage.public_key
    thief = DeviceKeys.generate()
    own_card = FakeCard("c2")
    forged = registration(public, thief, own_card)

    answer = httpx.post(f"{live_hq.url}/v1/cards", json={"registrations": [forged]},
                        headers={"Authorization": f"Bearer {token}"}).json()
    assert answer["registered"] == 0
    assert "not the device key" in answer["refused"][0]["reason"]
    post_events(
        live_hq, token,
        # the bare id, as an older kiosk sealed it: no proof at all
        ("erasure_requested", None, {"sealed_subject": proof(public, "c1", "erase")}),
        # a made-up card, and one registered inline with the thief's own device key
        ("erasure_requested", None, {"sealed_subject": proof(public, "c1", "erase", "PSKX")}),
        ("erasure_requested", None, {"sealed_subject": proof(
            public, "c2", "erase", own_card.code, forged)}),
        # the real card of c1, but offered as proof for c2
        ("erasure_requested", None, {"sealed_subject": proof(public, "c2", "erase", card.code)}),
        ("consent_changed", "c2", {"purpose": "hq_offers", "granted": False}),
        ("consent_changed", "c2", {"purpose": "hq_offers", "granted": False,
                                   "proof": proof(public, "c2", "withdraw", own_card.code,
                                                  forged, purpose="hq_offers")}),
    )
    assert not live_hq.storage.is_erased("c1") and not live_hq.storage.is_erased("c2")
    counts = totals(live_hq)
    assert (counts["erasures_refused"], counts["withdrawals_refused"],
            counts["card_registrations_refused"]) == (4, 2, 1)
    assert [c["kind"] for c in live_hq.storage.changes_for(  # the real kiosk's card only
        live_hq.storage.authenticate(token), 0, 100)["changes"]] == ["card"]


def test_a_device_of_another_store_cannot_take_over_a_shopper(config, live_hq):
    home = connect(config, live_hq)
    away = connect(config.with_overrides(database=str(config.database) + ".away"), live_hq,
                   name="kiosk-away", store="store-2")
    try:
        for kiosk in (home, away):
            seed(kiosk)
            assert kiosk.sync.run_once()["ok"]
        home.identity.issue_card("c1")
        assert home.sync.run_once()["cards_registered"] == 1
        # a stolen device elsewhere issues "a card" for the same shopper and asks to erase
        taken = away.identity.issue_card("c1")
        assert away.sync.run_once()["cards_refused"] == 1
        away.identity.issue_card("c2")  # c2's first card: trust on first use, from anywhere
        assert away.sync.run_once()["cards_registered"] == 1
        away.privacy.erase("c1", card_code=taken.code)
        assert away.sync.run_once()["ok"]
        assert not live_hq.storage.is_erased("c1")
        assert totals(live_hq)["erasures_refused"] == 1
        # a second card from the home store is fine
        home.identity.issue_card("c1")
        assert home.sync.run_once()["cards_registered"] == 1
    finally:
        home.close()
        away.close()


def test_staff_erasure_at_the_kiosk_needs_the_card_for_head_office(config, live_hq, tmp_path):
    kiosk = connect(config, live_hq)
    try:
        seed(kiosk)
        assert kiosk.sync.run_once()["ok"]
        card = kiosk.identity.issue_card("c1")
        assert kiosk.sync.run_once()["ok"]
        device_key = kiosk.sync.status()["device_key"]
    finally:
        kiosk.close()
    assert live_hq.storage.query("SELECT device_key FROM kiosks WHERE name = 'kiosk-test'") == [
        (device_key,)]
    env = {"KIOSK_HQ_URL": live_hq.url, "KIOSK_HQ_TOKEN": kiosk.config.hq_token,
           "KIOSK_KIOSK_ID": "kiosk-test"}
    runner = CliRunner()
    without = runner.invoke(cli, ["privacy", "erase", "c2", "--yes", "--db",
                                  str(config.database)], env=env)
    assert without.exit_code == 0 and "will not erase them elsewhere" in without.output
    with_card = runner.invoke(cli, ["privacy", "erase", "c1", "--yes", "--card", card.short_code,
                                    "--db", str(config.database)], env=env)
    assert with_card.exit_code == 0 and "with the card as proof" in with_card.output
    synced = runner.invoke(cli, ["sync", "--once", "--db", str(config.database)], env=env)
    assert synced.exit_code == 0, synced.output
    assert live_hq.storage.is_erased("c1") and not live_hq.storage.is_erased("c2")
