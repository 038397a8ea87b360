"""The outbox: what append writes, what the sync reads, and the disk budget."""

from __future__ import annotations

import json
import uuid

import pytest

from kiosk import events
from kiosk.store import outbox
from kiosk.sync.transport import RejectedError
from kiosk.sync.upload import acknowledge, next_batch, quarantine, release_quarantine


def add(kiosk, kind="impression", n=1, customer_id=None, payload=None):
    with kiosk.transaction() as db:
        return [events.append(db, kiosk_id=kiosk.config.kiosk_id, kind=kind,
                              payload=payload or {"sku": "A", "pad": "x" * 100},
                              customer_id=customer_id) for _ in range(n)]


def test_append_writes_uuid_kiosk_seq_time_version_and_critical_flag(kiosk):
    first, second = add(kiosk, n=2)
    consent = add(kiosk, kind="consent_changed", customer_id="c1",
                  payload={"purpose": "personalisation", "granted": False})[0]
    assert second["seq"] == first["seq"] + 1 < consent["seq"]
    row = kiosk.db.execute(
        "SELECT uuid, kiosk_id, kind, critical, ts, schema_version, sent FROM outbox "
        "WHERE seq = ?", [consent["seq"]]).fetchone()
    assert uuid.UUID(row[0]) and row[1] == "kiosk-test" and row[2] == "consent_changed"
    assert row[3] == 1 and row[4].endswith("+00:00") and row[5] == events.SCHEMA_VERSION
    assert row[6] is None
    assert kiosk.db.execute("SELECT critical FROM outbox WHERE seq = ?",
                            [first["seq"]]).fetchone()[0] == 0


def test_append_is_part_of_the_callers_transaction(kiosk):
    with pytest.raises(RuntimeError), kiosk.transaction() as db:
        events.append(db, kiosk_id="k", kind="scan", payload={})
        raise RuntimeError("the state change failed")
    assert outbox.queue_depth(kiosk.db) == 0


def test_pending_is_in_seq_order_and_skips_sent_and_quarantined(kiosk):
    add(kiosk, n=10)
    batch = next_batch(kiosk.db, size=3)
    assert [e["seq"] for e in batch.events] == [1, 2, 3]
    quarantine(kiosk.db, batch, RejectedError("bad", status=422))
    with kiosk.db.atomic():
        outbox.mark_sent(kiosk.db, 4, 5)
    assert [e["seq"] for e in outbox.pending(kiosk.db, limit=100)] == [6, 7, 8, 9, 10]
    assert outbox.queue_depth(kiosk.db) == 5
    first = outbox.pending(kiosk.db, limit=100)[0]
    assert outbox.payload_of(first) == {"sku": "A", "pad": "x" * 100}


def test_pending_respects_a_byte_limit_but_always_returns_one(kiosk):
    add(kiosk, n=5)
    one = len(json.dumps({"pad": "x" * 100, "sku": "A"}, separators=(",", ":")))
    got = outbox.pending(kiosk.db, limit=5, max_bytes=2 * (one + outbox.ROW_OVERHEAD))
    assert len(got) == 2
    assert len(outbox.pending(kiosk.db, limit=5, max_bytes=1)) == 1


def sent_and_unsent(kiosk):
    rows = kiosk.db.execute("SELECT seq, sent IS NOT NULL FROM outbox ORDER BY seq").fetchall()
    return [seq for seq, sent in rows if sent], [seq for seq, sent in rows if not sent]


def test_acknowledging_a_batch_keeps_the_newest_sent_events_and_deletes_older_ones(kiosk):
    add(kiosk, n=12)
    first = next_batch(kiosk.db, size=5)
    acknowledge(kiosk.db, first, {"accepted": 5}, keep_sent=3)
    assert sent_and_unsent(kiosk) == ([3, 4, 5], list(range(6, 13)))
    second = next_batch(kiosk.db, size=5, after=5)
    acknowledge(kiosk.db, second, {"accepted": 5}, keep_sent=3)
    assert sent_and_unsent(kiosk) == ([8, 9, 10], [11, 12])
    third = next_batch(kiosk.db, size=5, after=10)
    acknowledge(kiosk.db, third, {"accepted": 2}, keep_sent=3)  # fewer than kept
    assert sent_and_unsent(kiosk) == ([10, 11, 12], [])
    add(kiosk, n=2)
    fourth = next_batch(kiosk.db, size=5, after=12)
    acknowledge(kiosk.db, fourth, {"accepted": 2}, keep_sent=0)
    assert sent_and_unsent(kiosk) == ([], []) and outbox.counter(kiosk.db, "uploaded") == 14
    assert kiosk.db.execute("SELECT count(*) FROM sync_batches").fetchone()[0] == 0


@pytest.mark.parametrize("keep_sent", [100, 0])
def test_quarantined_events_inside_a_later_batchs_range_stay_unsent(kiosk, keep_sent):
    add(kiosk, n=9)
    for size in (3, 3):  # two rejected batches: seq 1-3 and 4-6
        quarantine(kiosk.db, next_batch(kiosk.db, size=size), RejectedError("bad", status=422))
    first_id = kiosk.db.execute("SELECT min(id) FROM sync_quarantine").fetchone()[0]
    release_quarantine(kiosk.db, first_id)  # 1-3 queued again, 4-6 still set aside
    batch = next_batch(kiosk.db, size=10)
    assert [e["seq"] for e in batch.events] == [1, 2, 3, 7, 8, 9]
    acknowledge(kiosk.db, batch, {"accepted": 6}, keep_sent=keep_sent)
    sent = [1, 2, 3, 7, 8, 9] if keep_sent else []
    assert sent_and_unsent(kiosk) == (sent, [4, 5, 6])
    assert kiosk.sync.status()["quarantined"] == 3


def test_budget_drops_oldest_analytics_first_and_never_critical(kiosk):
    add(kiosk, kind="consent_changed", customer_id="c1", payload={"purpose": "p", "granted": True})
    add(kiosk, n=100)
    add(kiosk, kind="erasure_requested", payload={"sealed_subject": "x" * 50})
    add(kiosk, n=100)
    size = outbox.size_bytes(kiosk.db)
    per_row = size // 202
    result = outbox.enforce_budget(kiosk.db, size - 50 * per_row)
    assert result["dropped"] >= 50
    kinds = [r[0] for r in kiosk.db.execute("SELECT kind FROM outbox ORDER BY seq")]
    assert kinds.count("consent_changed") == 1 and kinds.count("erasure_requested") == 1
    remaining = [r[0] for r in kiosk.db.execute(
        "SELECT seq FROM outbox WHERE critical = 0 ORDER BY seq")]
    assert remaining[0] > result["dropped"]  # the oldest went first
    assert outbox.size_bytes(kiosk.db) <= size - 50 * per_row
    assert outbox.counter(kiosk.db, "dropped") == result["dropped"]
    # far too small a budget: every analytics event goes, critical ones stay
    result = outbox.enforce_budget(kiosk.db, 1)
    kinds = [r[0] for r in kiosk.db.execute("SELECT kind FROM outbox ORDER BY seq")]
    assert kinds == ["consent_changed", "erasure_requested"]
    assert outbox.counter(kiosk.db, "dropped") == 200


def test_budget_prunes_sent_events_before_dropping_unsent_ones(kiosk):
    add(kiosk, n=50)
    with kiosk.db.atomic():
        outbox.mark_sent(kiosk.db, 1, 40)
    size = outbox.size_bytes(kiosk.db)
    result = outbox.enforce_budget(kiosk.db, size // 2)
    assert result == {"pruned_sent": 40, "dropped": 0}
    assert outbox.queue_depth(kiosk.db) == 10


def test_budget_under_limit_changes_nothing(kiosk):
    add(kiosk, n=5)
    assert outbox.enforce_budget(kiosk.db, 10**9) == {"pruned_sent": 0, "dropped": 0}
    assert outbox.queue_depth(kiosk.db) == 5


def test_sync_status_reports_dropped_events(kiosk):
    add(kiosk, n=30)
    kiosk.sync.budget_bytes = 1
    result = kiosk.sync.run_once()
    assert result["dropped"] == 30 and not result["ok"]
    assert "no head office configured" in result["error"]
    status = kiosk.sync.status()
    assert status["dropped"] == 30 and status["queue_depth"] == 0
