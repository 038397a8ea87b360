"""Consent, enrolment, the shopper's data API and erasure (down to the database file)."""

import json
import logging

import pytest
from sqlite_utils.migrations import Migrations

from kiosk import hookimpl
from kiosk.app import Kiosk
from kiosk.plugins import make_plugin_manager
from kiosk.privacy import PURPOSES
from kiosk.privacy.service import UnknownCustomer
from kiosk.sync import sealing

NAME = "Zebedina"
IMPORTED = "90817"

notes_migrations = Migrations("test.notes")


@notes_migrations(name="0001")
def _notes(db):
    # no foreign key: only erasure's sweep of customer_id columns removes these
    db.execute("CREATE TABLE test_plugin_notes (id INTEGER PRIMARY KEY, customer_id TEXT, "
               "note TEXT)")


class NotesPlugin:
    """A third-party plugin whose table holds customer ids."""

    name = "test_notes"

    @hookimpl
    def kiosk_register_migrations(self):
        return [notes_migrations]


def outbox(kiosk, kind=None):
    sql = "SELECT kind, customer_id, payload, critical FROM outbox"
    rows = kiosk.db.execute(sql + (" WHERE kind = ?" if kind else ""),
                            [kind] if kind else []).fetchall()
    return [{"kind": k, "customer_id": c, "payload": json.loads(p), "critical": cr}
            for k, c, p, cr in rows]


def seed_store(kiosk):
    with kiosk.transaction() as db:
        db.execute("INSERT INTO stores (id, name, created) VALUES ('store-1', 'S', '2026')")
        for sku, name in (("22423", "REGENCY CAKESTAND 3 TIER"), ("85123A", "WHITE HEART")):
            db.execute("INSERT INTO products (sku, name, price) VALUES (?, ?, 1.5)", [sku, name])


def add_purchase(kiosk, customer_id, invoice, sku, ts="2011-12-09T12:50:00"):
    with kiosk.transaction() as db:
        return db.execute(
            "INSERT INTO purchases (invoice, customer_id, sku, quantity, price, ts, store_id) "
            "VALUES (?, ?, ?, 2, 1.5, ?, 'store-1')", [invoice, customer_id, sku, ts]
        ).lastrowid


def import_member(kiosk, customer_id=IMPORTED, first_name=NAME):
    with kiosk.transaction() as db:
        db.execute("INSERT INTO customers (id, loyalty_ref, first_name, created, origin) "
                   "VALUES (?, ?, ?, '2026-01-01', 'import')",
                   [customer_id, "TILL-" + customer_id, first_name])
    return customer_id


def test_purposes_are_the_three_agreed_in_plain_words():
    assert list(PURPOSES) == ["personalisation", "staff_profile", "hq_offers"]
    for purpose in PURPOSES.values():
        assert purpose.title and len(purpose.description.split()) >= 8


def test_enrol_creates_customer_card_and_every_consent(kiosk):
    enrolment = kiosk.privacy.enrol(" Ada ", {"personalisation": True}, source="kiosk")
    row = kiosk.db.execute("SELECT first_name, origin FROM customers WHERE id = ?",
                           [enrolment.customer_id]).fetchone()
    assert row == ("Ada", "enrolment")
    assert kiosk.identity.verify(enrolment.code).customer_id == enrolment.customer_id
    assert kiosk.identity.verify(enrolment.short_code).status == "ok"
    assert kiosk.privacy.consents(enrolment.customer_id) == {
        "personalisation": True, "staff_profile": False, "hq_offers": False}
    assert not kiosk.privacy.consent_needed(enrolment.customer_id)
    kinds = [e["kind"] for e in outbox(kiosk)]
    assert kinds.count("consent_changed") == 3 and "enrolled" in kinds
    assert all(e["critical"] for e in outbox(kiosk, "consent_changed"))
    assert kiosk.identity.identify(enrolment.code).first_name == "Ada"


def test_enrol_without_a_name_or_consent(kiosk):
    enrolment = kiosk.privacy.enrol()
    assert kiosk.privacy.what_we_know(enrolment.customer_id)["customer"]["first_name"] is None
    assert not any(kiosk.privacy.consents(enrolment.customer_id).values())
    assert not kiosk.privacy.consented(enrolment.customer_id, "personalisation")


@pytest.mark.parametrize("bad", [{"marketing": True}])
def test_enrol_refuses_unknown_purposes_and_bad_names(kiosk, bad):
    with pytest.raises(ValueError, match="unknown purpose"):
        kiosk.privacy.enrol("Ada", bad)
    with pytest.raises(ValueError, match="at most"):
        kiosk.privacy.enrol("A" * 41)
    with pytest.raises(ValueError, match="control"):
        kiosk.privacy.enrol("Ada\x00")
    assert kiosk.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0


def test_withdrawing_is_as_easy_as_giving_and_the_log_is_append_only(kiosk):
    customer_id = kiosk.privacy.enrol("Ada", {"staff_profile": True}).customer_id
    kiosk.privacy.set_consent(customer_id, "staff_profile", False)
    assert not kiosk.privacy.consented(customer_id, "staff_profile")
    kiosk.privacy.set_consent(customer_id, "staff_profile", True, source="staff")
    assert kiosk.privacy.consented(customer_id, "staff_profile")
    history = kiosk.privacy.what_we_know(customer_id)["consents"]["staff_profile"]["history"]
    assert [(h["granted"], h["source"]) for h in history] == [
        (True, "kiosk"), (False, "kiosk"), (True, "staff")]
    with pytest.raises(Exception, match="append-only"):
        kiosk.db.execute("UPDATE consents SET granted = 0")
    with pytest.raises(Exception, match="append-only"):
        kiosk.db.execute("DELETE FROM consents")


def test_pause_personalisation(kiosk):
    customer_id = kiosk.privacy.enrol("Ada", {"personalisation": True}).customer_id
    kiosk.privacy.pause_personalisation(customer_id, True)
    assert not kiosk.privacy.consented(customer_id, "personalisation")
    assert kiosk.privacy.consents(customer_id)["personalisation"] is True
    assert kiosk.privacy.what_we_know(customer_id)["personalisation_paused"]
    kiosk.privacy.pause_personalisation(customer_id, False)
    assert kiosk.privacy.consented(customer_id, "personalisation")


def test_imported_member_needs_consent(kiosk):
    customer_id = import_member(kiosk)
    assert kiosk.privacy.consent_needed(customer_id)
    assert not kiosk.privacy.consented(customer_id, "personalisation")
    assert kiosk.privacy.what_we_know(customer_id)["consent_needed"]
    kiosk.privacy.set_consents(customer_id, {"personalisation": False})
    assert not kiosk.privacy.consent_needed(customer_id), "a no is an answer too"


def test_what_we_know_preferences_and_purchases(kiosk):
    seed_store(kiosk)
    customer_id = import_member(kiosk)
    kept = add_purchase(kiosk, customer_id, "536365", "85123A")
    dropped = add_purchase(kiosk, customer_id, "536366", "22423", ts="2011-12-10T09:00:00")
    kiosk.privacy.set_preference(customer_id, "theme", "garden", source="shopper")
    kiosk.privacy.set_preference(customer_id, "colour", "red", source="staff")
    kiosk.privacy.set_preference(customer_id, "theme", "kitchen", source="inferred")
    kiosk.privacy.exclude_purchase(customer_id, dropped)
    known = kiosk.privacy.what_we_know(customer_id)
    assert [(p["key"], p["value"], p["source"]) for p in known["preferences"]] == [
        ("colour", "red", "staff"), ("theme", "garden", "shopper"),
        ("theme", "kitchen", "inferred")]
    assert {p["id"]: p["excluded"] for p in known["purchases"]} == {kept: False, dropped: True}
    assert {p["name"] for p in known["purchases"]} == {"WHITE HEART", "REGENCY CAKESTAND 3 TIER"}
    assert known["cards"] == [] and known["customer"]["origin"] == "import"
    assert kiosk.privacy.remove_preference(customer_id, "theme", "kitchen") == 1
    assert kiosk.privacy.remove_preference(customer_id, "colour", None, "staff") == 1
    assert outbox(kiosk, "preference_changed")[-1]["payload"] == {
        "key": "colour", "action": "remove", "source": "staff"}
    assert [p["value"] for p in kiosk.privacy.what_we_know(customer_id)["preferences"]] == [
        "garden"]
    kiosk.privacy.exclude_purchase(customer_id, dropped, excluded=False)
    assert not any(p["excluded"] for p in kiosk.privacy.what_we_know(customer_id)["purchases"])


def test_data_api_refuses_what_is_not_theirs(kiosk):
    seed_store(kiosk)
    one, other = import_member(kiosk, "111"), import_member(kiosk, "222")
    purchase = add_purchase(kiosk, other, "1", "22423")
    with pytest.raises(LookupError):
        kiosk.privacy.exclude_purchase(one, purchase)
    with pytest.raises(UnknownCustomer):
        kiosk.privacy.what_we_know("nobody")
    with pytest.raises(ValueError, match="source"):
        kiosk.privacy.set_preference(one, "theme", "x", source="robot")
    with pytest.raises(ValueError, match="origin"):
        kiosk.privacy.erase(one, origin="someone")


def database_bytes(path):
    data = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            data += part.read_bytes()
    return data


def test_erasure_leaves_nothing_in_the_database_file(config, tmp_path):
    private, public = sealing.generate_keypair()
    config = config.with_overrides(hq_public_key=public)
    pm = make_plugin_manager(entrypoints=False, extra=[NotesPlugin()])
    kiosk = Kiosk(config, pm=pm)
    path = tmp_path / "kiosk.db"
    seed_store(kiosk)
    imported = import_member(kiosk)
    enrolled = kiosk.privacy.enrol("Quentaviola", {"personalisation": True,
                                                   "staff_profile": True})
    bystander = import_member(kiosk, "55555", "Bystander")
    ids = [imported, "TILL-" + imported, enrolled.customer_id, NAME, "Quentaviola"]
    for customer_id in (imported, enrolled.customer_id):
        kiosk.privacy.set_consent(customer_id, "hq_offers", True)
        kiosk.privacy.set_preference(customer_id, "theme", "garden")
        kiosk.privacy.set_preference(customer_id, "theme", "garden", source="staff")
        kiosk.privacy.pause_personalisation(customer_id, True)
        purchase = add_purchase(kiosk, customer_id, "C" + customer_id[-3:] + "1", "22423")
        add_purchase(kiosk, customer_id, "C" + customer_id[-3:] + "1", "85123A")
        kiosk.privacy.exclude_purchase(customer_id, purchase)
        kiosk.identity.issue_card(customer_id)
        kiosk.identity.reissue(customer_id)
        with kiosk.transaction() as db:
            for table in ("impressions", "feedback"):
                columns = {"impressions": "recommender, reason, shown",
                           "feedback": "kind, at"}[table]
                values = {"impressions": "'popular', 'popular_here', '2026'",
                          "feedback": "'save', '2026'"}[table]
                db.execute(f"INSERT INTO {table} (customer_id, session_id, sku, {columns}) "
                           f"VALUES (?, 's1', '22423', {values})", [customer_id])
            db.execute("INSERT INTO staff_picks (customer_id, sku, staff_name, note, created) "
                       "VALUES (?, '22423', 'Sam', 'for you', '2026')", [customer_id])
            db.execute("INSERT INTO test_plugin_notes (customer_id, note) VALUES (?, 'x')",
                       [customer_id])
            kiosk.record_event("help_requested", {"customer": customer_id})
    with kiosk.transaction() as db:  # a renamed shopper: the old name must go too
        db.execute("UPDATE customers SET first_name = ? WHERE id = ?", ["Zebedina2", imported])
    ids.append("Zebedina2")
    kiosk.identity.identify(enrolled.code)
    bystander_purchase = add_purchase(kiosk, bystander, "999001", "22423")
    before = database_bytes(path)
    assert all(text.encode() in before for text in ids[:3])
    purchases_before = kiosk.db.execute("SELECT count(*) FROM purchases").fetchone()[0]

    reports = [kiosk.privacy.erase(imported, origin="staff"),
               kiosk.privacy.erase(enrolled.customer_id)]
    assert all(r["found"] and r["wal_checkpointed"] and r["sealed_for_hq"] for r in reports)
    assert reports[0]["deleted"]["staff_picks"] == 1
    assert reports[0]["deleted"]["test_plugin_notes"] == 1

    after = database_bytes(path)
    for text in ids:
        assert text.encode() not in after, f"{text!r} is still in the database file"
        assert text.encode("utf-16-le") not in after
    # popularity survives, anonymised; the bystander is untouched
    db = kiosk.db
    assert db.execute("SELECT count(*) FROM purchases").fetchone()[0] == purchases_before
    assert db.execute("SELECT count(*) FROM purchases WHERE customer_id IS NULL "
                      "AND invoice LIKE 'anon-%' AND ts = '2011-12-09T00:00:00'").fetchone()[0] == 4
    assert db.execute("SELECT customer_id FROM purchases WHERE id = ?",
                      [bystander_purchase]).fetchone() == (bystander,)
    assert kiosk.privacy.consent_needed(bystander) and b"Bystander" in after
    # head office gets the id sealed, and only head office can open it
    requests = outbox(kiosk, "erasure_requested")
    assert [r["critical"] for r in requests] == [1, 1]
    assert all(r["customer_id"] is None for r in requests)
    opened = [json.loads(sealing.open_sealed(private, r["payload"]["sealed_subject"]))
              for r in requests]
    assert opened == [{"customer_id": imported, "action": "erase"},
                      {"customer_id": enrolled.customer_id, "action": "erase"}]
    assert not any(r["with_proof"] for r in reports), "no card was scanned: no proof"
    assert kiosk.identity.verify(enrolled.code).status == "unknown"
    assert kiosk.privacy.was_erased(imported) and not kiosk.privacy.was_erased(bystander)
    kiosk.close()
    for text in ids:
        assert text.encode() not in database_bytes(path)


def test_erasure_without_a_head_office_key_queues_a_null_subject(kiosk):
    customer_id = kiosk.privacy.enrol("Ada").customer_id
    report = kiosk.privacy.erase(customer_id)
    assert not report["sealed_for_hq"]
    (request,) = outbox(kiosk, "erasure_requested")
    assert request["payload"] == {"origin": "shopper", "sealed_subject": None}


def test_erasure_from_head_office_is_not_sent_back(kiosk):
    customer_id = import_member(kiosk)
    assert kiosk.privacy.erase(customer_id, origin="hq")["found"]
    assert outbox(kiosk, "erasure_requested") == []
    assert not kiosk.privacy.erase(customer_id, origin="hq")["found"], "idempotent"


def test_no_personal_data_in_logs(kiosk, caplog):
    caplog.set_level(logging.DEBUG)
    seed_store(kiosk)
    imported = import_member(kiosk)
    card = kiosk.identity.issue_card(imported)
    kiosk.identity.identify(card.code)  # consent needed
    enrolled = kiosk.privacy.enrol("Quentaviola", {"personalisation": True})
    kiosk.identity.identify(enrolled.short_code)
    kiosk.privacy.set_preference(enrolled.customer_id, "theme", "garden")
    kiosk.identity.reissue(enrolled.customer_id)
    for bad in (enrolled.code, "garbage", enrolled.code[:-1] + "0", card.short_code[:-1] + "Z"):
        kiosk.identity.identify(bad)
    kiosk.privacy.erase(enrolled.customer_id)
    kiosk.privacy.erase(imported, origin="hq")
    text = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    assert "erasure carried out" in text and "scan refused" in text
    for personal in (imported, enrolled.customer_id, NAME, "Quentaviola", "TILL-" + imported,
                     enrolled.code, enrolled.short_code, card.code):
        assert personal not in text


def test_erasure_scrubs_copies_left_by_a_connection_without_secure_delete(kiosk, tmp_path):
    import sqlite3

    customer_id = kiosk.privacy.enrol("Adalheid", {"personalisation": True}).customer_id
    kiosk.privacy.set_preference(customer_id, "theme", "garden")
    # another thread's connection, without secure_delete, deleted a row: the
    # old bytes stay in the page's free space
    other = sqlite3.connect(kiosk.store.path)
    other.execute("PRAGMA secure_delete = OFF")
    other.execute("DELETE FROM preferences")
    other.commit()
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    other.close()
    report = kiosk.privacy.erase(customer_id)
    assert report["vacuumed"] and not report["residue"] and report["wal_checkpointed"]
    assert customer_id.encode() not in database_bytes(tmp_path / "kiosk.db")
    assert b"Adalheid" not in database_bytes(tmp_path / "kiosk.db")


def test_erasure_needs_no_vacuum_when_secure_delete_did_its_job(kiosk):
    customer_id = kiosk.privacy.enrol("Ada", {"personalisation": True}).customer_id
    kiosk.privacy.set_preference(customer_id, "theme", "garden")
    report = kiosk.privacy.erase(customer_id)
    assert not report["vacuumed"] and not report["residue"]


def test_privacy_commands(tmp_path):
    from click.testing import CliRunner

    from kiosk.cli import cli
    from kiosk.config import Config

    database = tmp_path / "cli.db"
    kiosk = Kiosk(Config(database=str(database)), entrypoints=False)
    customer_id = kiosk.privacy.enrol("Ada", {"staff_profile": True}).customer_id
    kiosk.close()
    runner = CliRunner()
    listed = runner.invoke(cli, ["privacy", "purposes", "--json"])
    assert set(json.loads(listed.output)) == set(PURPOSES)
    shown = runner.invoke(cli, ["privacy", "show", customer_id, "--db", str(database)])
    assert shown.exit_code == 0 and "Consent staff_profile: yes" in shown.output
    missing = runner.invoke(cli, ["privacy", "show", "nobody", "--db", str(database)])
    assert missing.exit_code == 1 and "No customer" in missing.output
    refused = runner.invoke(cli, ["privacy", "erase", customer_id, "--db", str(database)],
                            input="n\n")
    assert refused.exit_code == 1
    erased = runner.invoke(cli, ["privacy", "erase", customer_id, "--yes", "--json",
                                 "--db", str(database)])
    assert erased.exit_code == 0 and json.loads(erased.output)["found"]
    assert customer_id.encode() not in database_bytes(database)
