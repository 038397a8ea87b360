# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""The sync: upload, download, quarantine, backoff, erasure and the service, end to end
against a real head office on 127.0.0.1 (SQLite and PostgreSQL backends)."""

from __future__ import annotations

import base64
import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from click.testing import CliRunner
from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)
from pgserver import free_port

from kiosk import events, hookimpl
from kiosk.app import Kiosk
from kiosk.cli import cli
from kiosk.hq.storage import ChangeIn
from kiosk.plugins import make_plugin_manager
from kiosk.store import outbox
from kiosk.sync import sealing
from kiosk.sync import upload as upload_module
from kiosk.sync.http import HttpTransport
from kiosk.sync.simulate import simulate
from kiosk.sync.transport import AuthError, RejectedError, RetryableError
from kiosk.sync.upload import next_batch


def seed(kiosk, customers=("c1", "c2", "c3")):
    """A few products and consenting customers, written with SQL as an import would."""
    with kiosk.transaction() as db:
        db.execute("INSERT OR IGNORE INTO stores (id, name, created) VALUES ('store-1', 'S', 'x')")
        for sku, name in [("A", "Mug"), ("B", "Bag"), ("C", "Lamp"), ("D", "Card"), ("E", "Pen")]:
            db.execute("INSERT INTO products (sku, name, price) VALUES (?, ?, 2.5)", [sku, name])
        for customer in customers:
            db.execute("INSERT INTO customers (id, first_name, created) VALUES (?, 'Ann', 'x')",
                       [customer])
            db.execute("INSERT INTO consents (customer_id, purpose, granted, at, source) "
                       "VALUES (?, 'personalisation', 1, 'x', 'kiosk')", [customer])


def connect(config, hq, name="kiosk-test", store="store-1", **settings):
    token = hq.storage.add_kiosk(name, store_id=store)
    cfg = config.with_overrides(hq_url=hq.url, hq_token=token, kiosk_id=name, store_id=store)
    if settings:
        cfg = type(cfg)(**{**cfg.__dict__, "plugins": {"sync": settings}})
    return Kiosk(cfg, entrypoints=False)


def plant(storage, *changes):
    """Put changes in the feed without head office's checks, as an older head office did."""
    with storage._tx(write=True) as cur:
        return storage._add_changes(cur, changes)


@pytest.fixture
def synced(config, live_hq):
    kiosk = connect(config, live_hq, batch_size=500)
    seed(kiosk)
    yield kiosk, live_hq
    kiosk.close()


def test_run_once_sends_everything_in_order_and_marks_it_sent(synced):
    kiosk, hq = synced
    simulate(kiosk, 1234, seed=1)
    result = kiosk.sync.run_once()
    assert result["ok"], result
    assert (result["uploaded"], result["batches"], result["queue_depth"]) == (1234, 3, 0)
    assert hq.storage.kiosk_sequence("kiosk-test") == list(range(1, 1235))
    assert kiosk.db.execute("SELECT count(*) FROM outbox WHERE sent IS NULL").fetchone()[0] == 0
    status = kiosk.sync.status()
    assert status["last_success"] and status["queue_depth"] == 0 and status["uploaded"] == 1234
    assert status["hq_public_key_known"]  # fetched and stored on the first sync
    stored = kiosk.db.execute("SELECT value FROM meta WHERE key = 'hq_public_key'").fetchone()
    assert stored[0] == hq.storage.public_key
    again = kiosk.sync.run_once()
    assert again["ok"] and again["uploaded"] == 0


def test_sent_events_are_pruned_while_uploading_keeping_the_newest(synced, monkeypatch):
    kiosk, hq = synced
    simulate(kiosk, 600, seed=4)
    monkeypatch.setattr(upload_module, "PRUNE_EVERY", 200)
    result = upload_module.upload(kiosk.db, kiosk.sync.transport(), kiosk_id="kiosk-test",
                                  store_id="store-1", batch_size=50, keep_sent=30)
    assert result["uploaded"] == 600 and hq.storage.stats()["kiosks"]["kiosk-test"]["events"] == 600
    sent = [r[0] for r in kiosk.db.execute("SELECT seq FROM outbox ORDER BY seq")]
    # pruned during the upload (not only by run_once afterwards): the newest 30 of the
    # last pruning stay, with what was acknowledged since; nothing unsent is left
    assert 30 <= len(sent) < 600 and sent == list(range(601 - len(sent), 601))
    assert outbox.queue_depth(kiosk.db) == 0
    kiosk.sync.keep_sent = 30
    assert kiosk.sync.run_once()["ok"]  # which prunes the rest
    assert kiosk.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 30


def test_a_crash_after_head_office_stored_a_batch_sends_it_again_without_duplicates(synced):
    kiosk, hq = synced
    simulate(kiosk, 700, seed=2)
    batch = next_batch(kiosk.db, size=500)  # recorded in flight ...
    transport = kiosk.sync.transport()
    transport.send_batch({"batch_id": batch.id, "kiosk_id": "kiosk-test", "dropped": 0,
                          "events": batch.events})  # ... delivered, then the kiosk "dies"
    assert outbox.queue_depth(kiosk.db) == 700  # nothing is marked sent without an ack
    result = kiosk.sync.run_once()
    assert result["ok"] and result["duplicates"] == 500 and result["uploaded"] == 200
    stats = hq.storage.stats()["kiosks"]["kiosk-test"]
    assert stats["events"] == 700 and stats["duplicates_ignored"] == 500
    assert hq.storage.kiosk_sequence("kiosk-test") == list(range(1, 701))


def test_a_rejected_batch_is_quarantined_with_its_reason_and_not_retried(synced):
    kiosk, _ = synced
    simulate(kiosk, 10, seed=3)
    kiosk.db.execute(  # an event head office will refuse (its time is not a time)
        "INSERT INTO outbox (uuid, kiosk_id, kind, payload, ts, schema_version) "
        "VALUES ('3b0cbbde-1111-4111-8111-111111111111', 'kiosk-test', 'scan', '{}', "
        "'yesterday', 1)")
    kiosk.db.conn.commit()
    simulate(kiosk, 10, seed=4)
    kiosk.sync.batch_size = 5
    result = kiosk.sync.run_once()
    assert result["ok"] and result["quarantined"] == 5 and result["uploaded"] == 16
    status = kiosk.sync.status()
    assert status["quarantined"] == 5 and status["queue_depth"] == 0
    (entry,) = status["quarantine"]
    assert entry["status"] == 422 and "ts" in entry["reason"]
    assert kiosk.sync.run_once()["quarantined"] == 0  # not retried on its own
    text = CliRunner().invoke(cli, ["sync", "status", "--db", str(kiosk.store.path)]).output
    assert "Quarantined:      5 event(s) in 1 batch(es)" in text and "HTTP 422" in text
    assert kiosk.sync.release_quarantine() == 5
    kiosk.sync.batch_size = 500
    assert kiosk.sync.run_once()["quarantined"] == 5  # still refused, set aside again


class Scripted(BaseHTTPRequestHandler):
    """Answers each request with the next (status, headers, body) of ``script``."""

    script: ClassVar[list[tuple[int, dict, bytes]]] = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, headers, body = self.script.pop(0)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


def test_http_responses_are_classified_retryable_or_rejected():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    Scripted.script = [
        (500, {}, b'{"detail": "boom"}'),
        (503, {}, b"down"),
        (429, {"Retry-After": "7"}, b"{}"),
        (401, {}, b'{"detail": "no"}'),
        (422, {}, b'{"detail": "invalid request: events.0.ts"}'),
        (404, {}, b"{}"),
        (200, {}, b'{"accepted": 1, "duplicates": 0}'),
    ]
    transport = HttpTransport(url, "t")
    batch = {"batch_id": "b", "events": []}
    try:
        for expected in (RetryableError, RetryableError):
            with pytest.raises(expected):
                transport.send_batch(batch)
        with pytest.raises(RetryableError) as busy:
            transport.send_batch(batch)
        assert busy.value.retry_after == 7 and busy.value.status == 429
        with pytest.raises(AuthError):
            transport.send_batch(batch)
        with pytest.raises(RejectedError, match=r"events\.0\.ts"):
            transport.send_batch(batch)
        with pytest.raises(RejectedError):
            transport.send_batch(batch)
        assert transport.send_batch(batch)["accepted"] == 1
    finally:
        server.shutdown()
        transport.close()
    refused = HttpTransport(f"http://127.0.0.1:{free_port()}", "t")
    with pytest.raises(RetryableError, match="network"):
        refused.send_batch(batch)


def test_head_office_down_keeps_events_queued_and_backs_off_with_jitter(config):
    cfg = config.with_overrides(hq_url=f"http://127.0.0.1:{free_port()}", hq_token="t")
    kiosk = Kiosk(cfg, entrypoints=False)
    try:
        seed(kiosk)
        simulate(kiosk, 50)
        delays = []
        for _ in range(4):
            result = kiosk.sync.run_once()
            assert not result["ok"] and "network" in result["error"]
            delays.append(kiosk.sync.next_delay(result))
        assert kiosk.sync.failures() == 4 and outbox.queue_depth(kiosk.db) == 50
        assert all(0 <= d <= kiosk.sync.backoff.ceiling(4) for d in delays)
        assert kiosk.sync.backoff.ceiling(4) == 8 and kiosk.sync.backoff.ceiling(40) == 300
        assert kiosk.sync.status()["last_error"].startswith("network")
        assert len({round(kiosk.sync.backoff.delay(10), 6) for _ in range(20)}) > 15  # jitter
    finally:
        kiosk.close()


def test_download_applies_catalogue_stock_profiles_and_models_by_cursor(synced):
    kiosk, hq = synced
    artefact = b"\x00model bytes\xff"
    hq.storage.publish([
        ChangeIn("product", {"sku": "Z1", "name": "Teapot", "price": 12.5, "theme": "kitchen",
                             "colours": ["blue"]}),
        ChangeIn("product", {"sku": "A", "price": 3.75}),
        ChangeIn("stock", {"sku": "Z1", "quantity": 4, "location": "Aisle 3"}, "store-1"),
        ChangeIn("stock", {"sku": "Z1", "quantity": 99}, "store-elsewhere"),
        ChangeIn("profile", {"first_name": "Bo", "consents": {"personalisation": True},
                             "preferences": [{"key": "colour", "value": "blue"}]},
                 "store-1", "c42"),
        ChangeIn("model", {"name": "goes_with", "version": "3",
                           "content": base64.b64encode(artefact).decode()}),
    ])
    plant(hq.storage, ChangeIn("product", {"no_sku": True}))  # malformed: quarantined
    result = kiosk.sync.run_once()
    assert result["ok"] and result["changes_applied"] == 5
    assert result["changes_quarantined"] == 1
    db = kiosk.db
    assert db.execute("SELECT name, price, theme, colours FROM products WHERE sku = 'Z1'"
                      ).fetchone() == ("Teapot", 12.5, "kitchen", '["blue"]')
    assert db.execute("SELECT price, name FROM products WHERE sku = 'A'").fetchone() == (
        3.75, "Mug")
    assert db.execute("SELECT quantity, location FROM stock WHERE sku = 'Z1'").fetchall() == [
        (4, "Aisle 3")]
    assert kiosk.privacy.consented("c42", "personalisation")
    assert db.execute("SELECT value FROM preferences WHERE customer_id = 'c42'"
                      ).fetchall() == [("blue",)]
    assert kiosk.sync.artefact("goes_with") == ("3", artefact, {})
    cursor = kiosk.sync.status()["download_cursor"]
    assert cursor == 7
    hq.storage.publish([ChangeIn("stock", {"sku": "Z1", "quantity": 1}, "store-1")])
    assert kiosk.sync.run_once()["changes_applied"] == 1  # only what is new
    assert db.execute("SELECT quantity FROM stock WHERE sku = 'Z1'").fetchone() == (1,)


def test_a_training_run_published_at_head_office_becomes_the_kiosks_newest_model(
        synced, config):
    import pickle

    from kiosk.recommend import artefacts

    kiosk, hq = synced
    trained = Kiosk(config.with_overrides(database=str(config.database) + ".trained"),
                    entrypoints=False)
    try:  # a run as `kiosk train` stores it (item-level state only)
        for name, params, blob in [("goes_with", {}, pickle.dumps({"pairs": {"A": ["B"]}})),
                                   (artefacts.BLEND, {"goes_with": 1.0}, None)]:
            trained.db.execute(
                "INSERT INTO model_artefacts (name, version, parameters, metrics, trained, "
                "blob) VALUES (?, 4, ?, '{}', 'x', ?)", [name, json.dumps(params), blob])
        trained.db.conn.commit()
        path = str(trained.store.path)
    finally:
        trained.close()
    database = str(hq.storage.path) if hq.storage.backend == "sqlite" else hq.storage.url
    out = CliRunner().invoke(cli, ["hq", "publish-model", path, "--database", database])
    assert out.exit_code == 0 and "training run 4 published (2 artefacts)" in out.output
    assert kiosk.sync.run_once()["changes_applied"] == 1
    (run,) = {r["version"] for r in artefacts.runs(kiosk.db)}
    blob = kiosk.db.execute("SELECT blob FROM model_artefacts WHERE name = 'goes_with' "
                            "AND version = ?", [run]).fetchone()[0]
    assert pickle.loads(blob) == {"pairs": {"A": ["B"]}}
    assert artefacts.latest_version(kiosk.db) == run


def test_a_shopper_erased_at_head_office_is_gone_from_an_offline_kiosk_after_one_sync(synced):
    kiosk, hq = synced
    simulate(kiosk, 300, seed=5)
    kiosk.sync.run_once()
    # the kiosk goes offline and keeps recording events for c1 ...
    kiosk.record_event("save", {"sku": "A", "session_id": "s"}, customer_id="c1")
    kiosk.record_event("scan", {"session_id": "s2"}, customer_id="c1")
    kiosk.record_event("scan", {"session_id": "s3"}, customer_id="c2")
    assert kiosk.db.execute("SELECT count(*) FROM outbox WHERE customer_id = 'c1' "
                            "AND sent IS NULL").fetchone()[0] == 2
    # ... while head office erases c1
    assert hq.storage.erase("c1")
    assert hq.storage.query("SELECT count(*) FROM events WHERE customer_id = 'c1'") == [(0,)]
    result = kiosk.sync.run_once()  # back online: one sync
    assert result["ok"] and result["changes_applied"] == 1
    db = kiosk.db
    assert db.execute("SELECT count(*) FROM customers WHERE id = 'c1'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM outbox WHERE customer_id = 'c1'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM consents WHERE customer_id = 'c1'").fetchone()[0] == 0
    assert hq.storage.query("SELECT count(*) FROM events WHERE customer_id = 'c1'") == [(0,)]
    assert hq.storage.query("SELECT count(*) FROM events WHERE customer_id = 'c2'")[0][0] > 0
    assert kiosk.privacy.was_erased("c1")
    # the kiosk's own erasure request (not an echo) was not sent for an hq erasure
    assert hq.storage.stats()["totals"]["erasures"] == 1


def test_an_erasure_at_the_kiosk_reaches_head_office_sealed(synced):
    kiosk, hq = synced
    simulate(kiosk, 200, seed=6)
    kiosk.sync.run_once()  # head office now has c2's events, the kiosk its public key
    assert hq.storage.query("SELECT count(*) FROM events WHERE customer_id = 'c2'")[0][0] > 0
    card = kiosk.identity.issue_card("c2")  # scanned by the shopper who asks
    kiosk.privacy.erase("c2", origin="shopper", card_code=card.code)
    (payload,) = kiosk.db.execute(
        "SELECT payload FROM outbox WHERE kind = 'erasure_requested'").fetchone()
    assert '"c2"' not in payload and card.code not in payload  # only head office can read
    assert kiosk.sync.run_once()["ok"]
    assert hq.storage.is_erased("c2")
    stored = hq.storage.query("SELECT payload FROM events WHERE kind = 'erasure_requested'")
    assert "sealed_subject" not in stored[0][0], "the opened subject (id, card) is not kept"
    assert hq.storage.query("SELECT count(*) FROM events WHERE customer_id = 'c2'") == [(0,)]


def test_consent_withdrawals_and_revocations_made_elsewhere_are_applied(synced, config):
    kiosk, hq = synced
    card = kiosk.identity.issue_card("c3")
    other = connect(config.with_overrides(database=str(config.database) + ".other"), hq,
                    name="kiosk-other")
    try:
        seed(other)
        assert other.sync.run_once()["ok"]  # head office's key: withdrawals can be proven
        scanned = other.identity.issue_card("c3").short_code
        other.privacy.set_consent("c3", "personalisation", False, source="kiosk",
                                  card_code=scanned)
        assert other.sync.run_once()["ok"]
    finally:
        other.close()
    hq.storage.publish([ChangeIn("revocation", {"reason": "lost"}, None, "c3")])
    result = kiosk.sync.run_once()
    # the card c3 got at the other kiosk (a card change), the withdrawal (broadcast),
    # the record it started at head office, the revocation
    assert result["ok"] and result["changes_applied"] == 4
    assert not kiosk.privacy.consented("c3", "personalisation")
    assert kiosk.identity.verify(card.code).status == "revoked"
    # the kiosk's echo of the withdrawal does not come back as a new change (only card
    # changes do: its own card registered, then both cards of c3 revoked)
    assert kiosk.sync.run_once()["changes_applied"] == 3
    assert hq.storage.query("SELECT count(*) FROM changes WHERE kind = 'consent_withdrawn'"
                            ) == [(1,)]
    # the kiosk's echo of head office's withdrawal is not a refused request
    assert hq.storage.stats()["totals"]["withdrawals_refused"] == 0


def test_a_privacy_change_that_cannot_be_applied_stops_the_download_until_it_can(
        synced, monkeypatch):
    kiosk, hq = synced
    hq.storage.publish([ChangeIn("product", {"sku": "P1", "name": "Pen"})])
    hq.storage.erase("c1")
    hq.storage.publish([ChangeIn("product", {"sku": "P2", "name": "Pad"})])
    original = kiosk.privacy.erase

    def broken(customer_id, *, origin):
        raise RuntimeError(f"disk full while erasing {customer_id}")

    monkeypatch.setattr(kiosk.privacy, "erase", broken)
    result = kiosk.sync.run_once()
    assert not result["ok"] and "RuntimeError" in result["error"]
    assert "c1" not in result["error"] and "c1" not in kiosk.sync.status()["last_error"]
    assert kiosk.sync.status()["download_cursor"] == 1  # stopped before the erasure
    assert kiosk.db.execute("SELECT count(*) FROM customers WHERE id = 'c1'").fetchone()[0] == 1
    monkeypatch.setattr(kiosk.privacy, "erase", original)
    result = kiosk.sync.run_once()
    assert result["ok"] and result["changes_applied"] == 2
    assert kiosk.db.execute("SELECT count(*) FROM customers WHERE id = 'c1'").fetchone()[0] == 0
    assert kiosk.db.execute("SELECT count(*) FROM products WHERE sku = 'P2'").fetchone()[0] == 1


def test_seal_for_hq_needs_a_key_and_only_head_office_can_open(config, tmp_path):
    kiosk = Kiosk(config, entrypoints=False)
    try:
        subject = "customer-17850"  # a "-" never occurs in base64: no match by chance
        assert kiosk.sync.seal_for_hq(subject) is None
        private, public = sealing.generate_keypair()
        kiosk.db.execute("INSERT INTO meta (key, value) VALUES ('hq_public_key', ?)", [public])
        sealed = kiosk.sync.seal_for_hq(subject)
        assert sealed and subject not in sealed
        assert sealing.open_sealed(private, sealed) == subject
        with pytest.raises(sealing.SealingError):
            sealing.open_sealed(sealing.generate_keypair()[0], sealed)
    finally:
        kiosk.close()


def test_the_background_thread_syncs_until_stopped(synced):
    kiosk, hq = synced
    kiosk.sync.max_wait = kiosk.sync.interval = 0.05
    kiosk.sync.start()
    try:
        assert kiosk.sync.status()["running"]
        simulate(kiosk, 600)
        assert kiosk.sync.wait_until_idle(20)
    finally:
        kiosk.sync.stop()
    assert not kiosk.sync.status()["running"]
    assert hq.storage.stats()["kiosks"]["kiosk-test"]["events"] == 600


def test_a_partial_batch_is_sent_even_if_the_clock_was_set_back(synced):
    """Events stamped after 'now' (the clock went back) must not wait forever."""
    kiosk, hq = synced
    before = hq.storage.stats()["kiosks"].get("kiosk-test", {}).get("events", 0)
    future = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    with kiosk.transaction() as db:
        for _ in range(3):
            events.append(db, kiosk_id="kiosk-test", kind="scan", payload={}, at=future)
    result = kiosk.sync.run_once(flush=False)  # the background loop's way: partial waits
    assert result["ok"] and result["uploaded"] == 3
    assert kiosk.sync.status()["queue_depth"] == 0
    assert hq.storage.stats()["kiosks"]["kiosk-test"]["events"] == before + 3


def test_simulated_events_never_lie_in_the_future(config):
    kiosk = Kiosk(config, entrypoints=False)
    try:
        seed(kiosk)
        for chunk in range(5):  # small chunks spread over a week drifted past now
            simulate(kiosk, 250, seed=chunk)
        latest = kiosk.db.execute("SELECT max(ts) FROM outbox").fetchone()[0]
        assert datetime.fromisoformat(latest) <= datetime.now(UTC)
    finally:
        kiosk.close()


def test_closing_the_kiosk_stops_its_background_sync(config):
    kiosk = Kiosk(config.with_overrides(hq_url=f"http://127.0.0.1:{free_port()}"),
                  entrypoints=False)
    kiosk.sync.start()
    thread = kiosk.sync._thread
    kiosk.close()
    assert thread is not None and not thread.is_alive()


def test_cli_sync_once_and_status_json(synced, monkeypatch):
    kiosk, hq = synced
    simulate(kiosk, 20)
    env = {"KIOSK_HQ_URL": hq.url, "KIOSK_HQ_TOKEN": kiosk.config.hq_token,
           "KIOSK_KIOSK_ID": "kiosk-test"}
    runner = CliRunner()
    db = str(kiosk.store.path)
    result = runner.invoke(cli, ["sync", "--once", "--json", "--db", db], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["uploaded"] == 20
    status = json.loads(runner.invoke(cli, ["sync", "status", "--json", "--db", db],
                                      env=env).output)
    assert status["queue_depth"] == 0 and status["last_success"]
    failed = runner.invoke(cli, ["sync", "--once", "--db", db],
                           env={**env, "KIOSK_HQ_TOKEN": "wrong"})
    assert failed.exit_code == 1


def test_simulate_writes_sessions_from_real_products_and_consenting_customers(config):
    kiosk = Kiosk(config, entrypoints=False)
    try:
        seed(kiosk, customers=("c1", "c2"))
        kiosk.db.execute("INSERT INTO customers (id, created) VALUES ('never-asked', 'x')")
        result = simulate(kiosk, 5000, seed=9)
        assert result["events"] == 5000 == outbox.queue_depth(kiosk.db)
        assert {"scan", "impression", "save", "not_for_me", "session_ended"} <= set(
            result["by_kind"])
        customers = {r[0] for r in kiosk.db.execute("SELECT DISTINCT customer_id FROM outbox")}
        assert customers == {None, "c1", "c2"}
        shown = [json.loads(r[0]) for r in kiosk.db.execute(
            "SELECT payload FROM outbox WHERE kind = 'impression'")]
        assert {item["sku"] for p in shown for item in p["items"]} == {"A", "B", "C", "D", "E"}
        assert all(p["session_id"] and {"sku", "recommender", "reason"} <= set(item)
                   for p in shown for item in p["items"])
        feedback = json.loads(kiosk.db.execute(
            "SELECT payload FROM outbox WHERE kind = 'save' LIMIT 1").fetchone()[0])
        assert set(feedback) == {"session_id", "sku", "kind"}  # as the service records it
        guests = kiosk.db.execute("SELECT count(*) FROM outbox WHERE kind = 'impression' "
                                  "AND customer_id IS NULL AND payload LIKE '%buy_again%'")
        assert guests.fetchone()[0] == 0  # guests only get non-personal picks
    finally:
        kiosk.close()
    out = CliRunner().invoke(cli, ["simulate", "--events", "10", "--db", config.database])
    assert out.exit_code == 0 and "10 events" in out.output
    empty = CliRunner().invoke(cli, ["simulate", "--events", "10", "--db",
                                     str(config.database) + ".empty"])
    assert empty.exit_code != 0 and "kiosk import" in empty.output


# -- hooks ------------------------------------------------------------------

def test_hook_kiosk_sync_transport(config):
    """A plugin's transport replaces the HTTP one (the built-in is trylast)."""
    delivered = []

    class Carrier:
        def send_batch(self, batch):
            delivered.extend(e["uuid"] for e in batch["events"])
            return {"accepted": len(batch["events"]), "duplicates": 0}

        def fetch_changes(self, cursor, limit):
            return {"changes": [{"id": 1, "kind": "product", "store_id": None,
                                 "customer_id": None, "data": {"sku": "Q", "name": "Quill"}}],
                    "cursor": 1, "more": False} if cursor == 0 else {
                "changes": [], "cursor": cursor, "more": False}

        def public_key(self):
            return sealing.generate_keypair()[1]

        def close(self):
            pass

    class Plugin:
        name = "carrier-pigeon"

        @hookimpl
        def kiosk_sync_transport(self, kiosk):
            return Carrier()

    cfg = config.with_overrides(hq_url="http://127.0.0.1:9", hq_token="t")
    kiosk = Kiosk(cfg, pm=make_plugin_manager(entrypoints=False, extra=[Plugin()]))
    try:
        seed(kiosk)
        simulate(kiosk, 30)
        result = kiosk.sync.run_once()
        assert result["ok"] and result["uploaded"] == 30 and len(delivered) == 30
        assert kiosk.db.execute("SELECT name FROM products WHERE sku = 'Q'").fetchone() == (
            "Quill",)
    finally:
        kiosk.close()
    plain = Kiosk(config.with_overrides(database=str(config.database) + ".2"),
                  entrypoints=False)
    try:
        assert plain.pm.hook.kiosk_sync_transport(kiosk=plain) is None  # no hq_url
        assert "no head office configured" in plain.sync.run_once()["error"]
    finally:
        plain.close()


def test_hook_kiosk_event_did_record(config):
    """Plugins hear of each event after commit (never of a rolled-back one)."""
    heard = []

    class Listener:
        name = "listener"

        @hookimpl
        def kiosk_event_did_record(self, kiosk, event):
            heard.append((event["kind"], event["seq"]))
            event["kind"] = "changed"  # a copy: changes nothing

    kiosk = Kiosk(config, pm=make_plugin_manager(entrypoints=False, extra=[Listener()]))
    try:
        kiosk.record_event("scan", {"session_id": "s"})
        with pytest.raises(RuntimeError), kiosk.transaction():
            kiosk.record_event("save", {"sku": "A"})
            raise RuntimeError("rolled back")
        assert heard == [("scan", 1)]
        assert kiosk.db.execute("SELECT kind FROM outbox").fetchall() == [("scan",)]
        # the built-in sync plugin wakes the background sync once a batch is full
        kiosk.sync.batch_size = 3
        for _ in range(3):
            kiosk.record_event("scan", {})
        assert kiosk.sync._wake.is_set()
    finally:
        kiosk.close()
    assert events.SCHEMA_VERSION == 1
