# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""Issue 11: head office holds the customer record; devices edit it offline; kiosk.chain decides.

Real head office (uvicorn over SQLite, and PostgreSQL with the ``postgres``
marker), real kiosk databases, real subprocesses for the CLI contract.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from hqproofs import post_events
from hqserver import HQProcess, hq_storage, live_hq, pg_server, pg_url  # noqa: F401
from test_sync import connect, seed

from kiosk.app import Kiosk
from kiosk.chain import Clock, unstamp

C = "c1"


def sync(*kiosks):
    for kiosk in kiosks:
        result = kiosk.sync.run_once()
        assert result["ok"], result


def copy_of(kiosk, customer_id=C):
    """The kiosk's record of the shopper: field -> (value, hlc, base, restricted_at)."""
    return {field: (json.loads(row[0]) if row[0] is not None else None, *row[1:])
            for field, row in kiosk.privacy.profile.rows(customer_id).items()}


def hq_copy(storage, customer_id=C):
    return {field: (json.loads(value), hlc, base, restricted)
            for field, value, hlc, base, restricted in storage.query(
                "SELECT field, value, hlc, base, restricted_at FROM customer_fields "
                "WHERE customer_id = ?", [customer_id])}


def effective(kiosk, customer_id=C):
    known = kiosk.privacy.what_we_know(customer_id)
    return {"first_name": known["customer"]["first_name"],
            "consents": {p: c["granted"] for p, c in known["consents"].items()},
            "paused": known["personalisation_paused"],
            "preferences": sorted((p["key"], p["value"], p["source"])
                                  for p in known["preferences"])}


@pytest.fixture
def pair(config, live_hq):
    """Two kiosks of one store, each with shopper C and a card of theirs, synced once."""
    a = connect(config, live_hq, name="kiosk-a")
    b = connect(config.with_overrides(database=str(config.database) + ".b"), live_hq,
                name="kiosk-b")
    try:
        for kiosk in (a, b):
            seed(kiosk, customers=(C,))
        sync(a, b)  # head office's key: edits can carry their proof
        cards = {a: a.identity.issue_card(C).code, b: b.identity.issue_card(C).code}
        sync(a, b)  # both cards registered at head office
        yield a, b, cards, live_hq
    finally:
        a.close()
        b.close()


# -- offline edits resolve the same everywhere ----------------------------------------

@pytest.mark.parametrize("order", ["ab", "ba"])
def test_two_offline_edits_resolve_as_specified_and_every_copy_ends_identical(pair, order):
    a, b, cards, hq = pair
    a.privacy.set_consent(C, "hq_offers", True, card_code=cards[a])
    sync(a, b, a)  # both start from the same grant
    assert effective(b)["consents"]["hq_offers"] is True

    # offline: first name on both (B's is later), a withdrawal on A and a grant on B
    # (later, but without having seen the withdrawal), a pause on A and a resume on B
    a.privacy.set_first_name(C, "Anna", card_code=cards[a])
    a.privacy.set_consent(C, "hq_offers", False, card_code=cards[a])
    a.privacy.pause_personalisation(C, True, card_code=cards[a])
    time.sleep(0.01)
    b.privacy.set_first_name(C, "Bea", card_code=cards[b])
    b.privacy.set_consent(C, "hq_offers", True, card_code=cards[b])
    b.privacy.pause_personalisation(C, False, card_code=cards[b])

    first, second = (a, b) if order == "ab" else (b, a)
    sync(first, second, first)

    for kiosk in (a, b):
        now = effective(kiosk)
        assert now["first_name"] == "Bea"                 # latest wins
        assert now["consents"]["hq_offers"] is False      # the withdrawal wins
        assert now["paused"] is True                      # the pause wins
        assert not kiosk.privacy.consented(C, "personalisation")  # at once
        assert not kiosk.recommendations.context(C).personal
    assert copy_of(a) == copy_of(b) == hq_copy(hq.storage)
    assert hq.storage.query("SELECT first_name FROM customers WHERE id = ?", [C]) == [("Bea",)]
    assert hq.storage.query("SELECT granted FROM consents WHERE customer_id = ? AND "
                            "purpose = 'hq_offers'", [C]) == [(0,)]
    # the losing grant's kiosk logged head office's answer once; nothing more comes
    log = [r for r in b.privacy.what_we_know(C)["consents"]["hq_offers"]["history"]]
    assert [(e["granted"], e["source"]) for e in log][-2:] == [(True, "kiosk"), (False, "hq")]
    assert first.sync.run_once()["changes_applied"] == 0


def test_a_grant_made_after_seeing_the_withdrawal_wins(pair):
    a, b, cards, hq = pair
    a.privacy.set_consent(C, "hq_offers", False, card_code=cards[a])
    sync(a, b)  # B has seen the withdrawal
    b.privacy.set_consent(C, "hq_offers", True, card_code=cards[b])
    sync(b, a)
    assert a.privacy.consents(C)["hq_offers"] is True
    assert hq.storage.query("SELECT granted FROM consents WHERE customer_id = ? AND "
                            "purpose = 'hq_offers'", [C]) == [(1,)]
    assert copy_of(a) == copy_of(b) == hq_copy(hq.storage)


def test_a_device_ten_minutes_behind_orders_its_later_edit_after_one_it_saw(pair):
    a, b, cards, hq = pair
    b.privacy.profile.clock = Clock("kiosk-b", wall=lambda: time.time() - 600)
    a.privacy.set_first_name(C, "Anna", card_code=cards[a])
    sync(a, b)  # B sees A's stamp
    b.privacy.set_first_name(C, "Bea", card_code=cards[b])
    sync(b, a)
    assert [effective(k)["first_name"] for k in (a, b)] == ["Bea", "Bea"]
    stamp = hq_copy(hq.storage)["first_name"][1]
    assert stamp.endswith("-kiosk-b") and unstamp(stamp)[0] < time.time() * 1000
    assert copy_of(a) == copy_of(b) == hq_copy(hq.storage)


def test_the_clock_reading_survives_a_restart(pair):
    a, _, cards, _ = pair
    a.privacy.set_first_name(C, "Anna", card_code=cards[a])
    first = copy_of(a)["first_name"][1]
    restarted = Kiosk(a.config, entrypoints=False)
    try:
        restarted.privacy.profile.clock = Clock("kiosk-a", wall=lambda: 1.0)  # clock reset
        restarted.privacy.set_first_name(C, "Ann", card_code=cards[a])
        assert unstamp(copy_of(restarted)["first_name"][1]) > unstamp(first)
    finally:
        restarted.close()


# -- what each edit needs, and what head office keeps ----------------------------------

def edit(field, value, hlc="0190f1a2b3c4-0000-thief"):
    return {"fields": {field: {"value": value, "hlc": hlc, "base": ""}}, "by": "shopper"}


def test_a_stolen_kiosk_token_cannot_grant_consents_or_touch_other_stores(pair):
    a, _, cards, hq = pair
    a.privacy.set_preference(C, "theme", "garden", card_code=cards[a])
    sync(a)
    before = hq_copy(hq.storage)
    same_store = hq.storage.add_kiosk("stolen", store_id="store-1")
    other_store = hq.storage.add_kiosk("far", store_id="store-9")
    post_events(hq, same_store, ("profile_edit", C, edit("consent:hq_offers", True)),
                ("profile_edit", C, edit("first_name", "Mallory")),
                ("profile_edit", "someone-else", edit("consent:personalisation", True)),
                ("consent_changed", C, {"purpose": "hq_offers", "granted": True}))
    post_events(hq, other_store,
                ("profile_edit", C, edit("pref:theme:bombs", {"source": "shopper"})))
    assert hq_copy(hq.storage) == before
    assert hq.storage.query("SELECT count(*) FROM consents WHERE granted = 1 AND "
                            "purpose = 'hq_offers'") == [(0,)]
    assert hq.storage.query("SELECT count(*) FROM customers WHERE id = 'someone-else'") == [(0,)]
    assert hq.storage.stats()["totals"]["profile_edits_refused"] == 4
    # a taste, from a store holding the shopper's card, needs no card in hand
    post_events(hq, same_store, ("profile_edit", C, edit("saved:B", True)))
    assert hq_copy(hq.storage)["saved:B"][0] is True


def test_a_proof_cannot_be_moved_to_another_edit(pair):
    a, _, cards, hq = pair
    a.privacy.set_consent(C, "hq_offers", False, card_code=cards[a])
    (payload,) = [json.loads(p) for (p,) in a.db.execute(
        "SELECT payload FROM outbox WHERE kind = 'profile_edit' ORDER BY seq DESC LIMIT 1")]
    stolen = edit("consent:hq_offers", True)
    stolen["proof"] = payload["proof"]
    sync(a)
    token = hq.storage.add_kiosk("stolen", store_id="store-1")
    post_events(hq, token, ("profile_edit", C, stolen))
    assert hq_copy(hq.storage)["consent:hq_offers"][0] is False
    assert hq.storage.stats()["totals"]["profile_edits_refused"] == 1


def test_head_office_keeps_field_names_and_stamps_but_no_values(pair):
    a, _, cards, hq = pair
    a.privacy.set_first_name(C, "Zebulon", card_code=cards[a])
    a.privacy.set_preference(C, "colour", "teal", card_code=cards[a])
    sync(a)
    payloads = [json.loads(p) for (p,) in hq.storage.query(
        "SELECT payload FROM events WHERE kind = 'profile_edit'")]
    assert payloads and all(set(p) == {"by", "fields"} for p in payloads)
    assert all(set(e) == {"hlc", "base"} for p in payloads for e in p["fields"].values())
    assert "Zebulon" not in json.dumps(payloads)
    assert hq_copy(hq.storage)["first_name"][0] == "Zebulon"


def test_enrolment_reaches_head_office_with_its_new_card_as_proof(pair):
    a, b, _, hq = pair
    enrolled = a.privacy.enrol("Zoe", {"personalisation": True, "staff_profile": False})
    sync(a, b)
    person = enrolled.customer_id
    assert hq.storage.query("SELECT first_name FROM customers WHERE id = ?",
                            [person]) == [("Zoe",)]
    assert hq.storage.query("SELECT purpose, granted FROM consents WHERE customer_id = ? "
                            "ORDER BY purpose", [person]) == [
        ("hq_offers", 0), ("personalisation", 1), ("staff_profile", 0)]
    assert effective(b, person)["first_name"] == "Zoe"
    assert b.privacy.consented(person, "personalisation")


def test_not_for_me_saves_and_exclusions_travel_and_apply(pair):
    a, b, cards, hq = pair
    with a.transaction() as db:
        db.execute("INSERT INTO purchases (invoice, customer_id, sku, quantity, price, ts, "
                   "store_id) VALUES ('INV-1', ?, 'A', 1, 2.5, '2026-01-01', 'store-1')", [C])
    with b.transaction() as db:
        db.execute("INSERT INTO purchases (invoice, customer_id, sku, quantity, price, ts, "
                   "store_id) VALUES ('INV-1', ?, 'A', 1, 2.5, '2026-01-01', 'store-1')", [C])
    a.recommendations.record_feedback(C, "s1", "B", "not_for_me")
    a.recommendations.record_feedback(C, "s1", "C", "save")
    line = a.privacy.what_we_know(C)["purchases"][0]["id"]
    a.privacy.exclude_purchase(C, line, card_code=cards[a])
    sync(a, b)
    assert {"B"} <= b.recommendations._not_for_me(b.recommendations.context(C), "other")
    assert b.privacy.what_we_know(C)["purchases"][0]["excluded"] is True
    assert hq_copy(hq.storage)["saved:C"][0] is True
    assert copy_of(a) == copy_of(b)


# -- merge, show, erasure ---------------------------------------------------------------

def test_merge_moves_cards_history_and_fields_to_keep_everywhere(pair):
    a, b, _, hq = pair
    with a.transaction() as db:
        db.execute("INSERT INTO customers (id, first_name, created) VALUES ('c2', 'Al', 'x')")
    other_card = a.identity.issue_card("c2")
    a.privacy.set_preference("c2", "theme", "sea")
    a.privacy.set_preference(C, "theme", "garden")
    sync(a, b)
    done = hq.storage.merge_customers(C, "c2", by="test")
    assert done["moved"]["hq_cards"] == 1
    sync(a, b)
    for kiosk in (a, b):
        assert ("theme", "sea", "shopper") in effective(kiosk)["preferences"]
    assert not any(a.db.execute("SELECT 1 FROM customers WHERE id = 'c2'").fetchall())
    verdict = a.identity.verify(other_card.code)
    assert verdict.status == "ok" and verdict.customer_id == C
    shown = hq.storage.customer_record("c2", by="test")  # the old id finds the record
    assert shown["customer"]["id"] == C and shown["customer"]["merged_ids"] == ["c2"]
    assert len(shown["cards"]["active"]) == 3
    assert [e["action"] for e in shown["audit"]] == ["merge", "viewed"]
    # a late edit of the old id, from a kiosk that was offline, lands in the record
    with a.transaction() as db:
        db.execute("INSERT INTO customers (id, created) VALUES ('c2', 'x')")
    a.privacy.set_preference("c2", "colour", "red")
    sync(a)
    assert "pref:colour:red" in hq_copy(hq.storage)


def test_an_erasure_at_head_office_removes_the_record_and_wins_over_later_edits(pair):
    a, b, cards, hq = pair
    a.privacy.set_first_name(C, "Anna", card_code=cards[a])
    b.privacy.set_preference(C, "theme", "garden", card_code=cards[b])
    sync(a)
    hq.storage.erase(C)
    late = hq.storage.add_kiosk("late", store_id="store-1")  # an edit sent after the erasure
    assert post_events(hq, late, ("profile_edit", C, edit("saved:B", True)))["discarded"] == 1
    sync(b)  # B erases C before uploading: its queued edit never leaves
    for table in ("customers", "customer_fields", "consent_log", "customer_audit"):
        column = "id" if table == "customers" else "customer_id"
        assert hq.storage.query(f"SELECT count(*) FROM {table} WHERE {column} = ?",
                                [C]) == [(0,)]
    assert not b.db.execute("SELECT 1 FROM customers WHERE id = ?", [C]).fetchall()


# -- the contract, in separate processes ------------------------------------------------

def run(*args, env=None, check=True):
    done = subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, **(env or {})})
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql",
                                                            marks=pytest.mark.postgres)])
def test_contract_a_preference_set_on_a_shows_on_b_after_syncs(backend, tmp_path, request):
    database = str(tmp_path / "hq.db") if backend == "sqlite" else request.getfixturevalue(
        "pg_url")
    server = HQProcess(database, log=tmp_path / "hq.log").start()
    try:
        envs = {}
        for name, store in (("A", "store-1"), ("B", "store-2")):
            token = run("hq", "add-kiosk", f"kiosk-{name}", "--store", store, "--database",
                        database).stdout.strip()
            envs[name] = {"KIOSK_HQ_URL": server.url, "KIOSK_HQ_TOKEN": token,
                          "KIOSK_KIOSK_ID": f"kiosk-{name}", "KIOSK_STORE_ID": store}
        db_a, db_b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
        from kiosk.config import Config

        kiosk = Kiosk(Config(database=db_a, store_id="store-1"), entrypoints=False)
        try:
            seed(kiosk, customers=(C,))
        finally:
            kiosk.close()
        run("cards", "issue", C, "--db", db_a, "--out", str(tmp_path / "card.png"),
            env=envs["A"])
        run("privacy", "prefer", C, "colour", "teal", "--db", db_a, env=envs["A"])
        run("sync", "--once", "--db", db_a, env=envs["A"])
        run("sync", "--once", "--db", db_b, env=envs["B"])
        shown = json.loads(run("privacy", "show", C, "--db", db_b, "--json",
                               env=envs["B"]).stdout)
        assert [(p["key"], p["value"], p["source"]) for p in shown["preferences"]] == [
            ("colour", "teal", "staff")]
        record = json.loads(run("hq", "customer", "show", C, "--database", database,
                                "--json").stdout)
        assert record["fields"]["pref:colour:teal"]["value"] == {"source": "staff"}
        assert record["fields"]["pref:colour:teal"]["device"] == "kiosk-A"
        assert len(record["cards"]["active"]) == 1 and record["events"] >= 1
        missing = run("hq", "customer", "show", "nobody", "--database", database,
                      check=False)
        assert missing.returncode == 1 and "nobody" not in missing.stderr
        assert "no record with that id" in missing.stderr
    finally:
        server.stop()


def test_a_consent_grant_sent_by_token_alone_does_not_reach_head_office(live_hq):
    """Regression: an old-style consent_changed grant set head office's consents with no
    proof, so a stolen kiosk token could grant consents for everyone."""
    token = live_hq.storage.add_kiosk("stolen", store_id="store-1")
    post_events(live_hq, token, *(("consent_changed", f"victim-{n}",
                                   {"purpose": "hq_offers", "granted": True})
                                  for n in range(3)))
    assert live_hq.storage.query("SELECT count(*) FROM consents WHERE granted = 1") == [(0,)]


def test_an_erasure_asked_under_a_merged_away_id_erases_the_person(pair):
    """A kiosk that has not synced since head office merged two records of one person:
    the shopper asks to be erased there, with the card of the old id. Head office erases
    the person (the record the old id became)."""
    a, b, _, hq = pair
    with a.transaction() as db:
        db.execute("INSERT INTO customers (id, first_name, created) VALUES ('c2', 'Al', 'x')")
    other_card = a.identity.issue_card("c2")
    a.privacy.set_preference("c2", "theme", "sea")
    sync(a, b)
    hq.storage.merge_customers(C, "c2", by="test")
    a.privacy.erase("c2", origin="shopper", card_code=other_card.code)  # a has not synced
    sync(a)
    assert hq.storage.stats()["totals"]["erasures_refused"] == 0
    assert hq.storage.is_erased(C) and hq.storage.is_erased("c2")
