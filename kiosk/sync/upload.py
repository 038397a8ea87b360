"""Upload: the outbox to head office, batch by batch, in ``seq`` order.

A batch is recorded (``sync_batches``) before it is sent and forgotten in
the same transaction that marks its events sent, after head office's
acknowledgement. A crash anywhere therefore resends the same batch, and
head office, which keys events by UUID, ignores what it already has. Only
one batch is in flight at a time, so head office receives each kiosk's
events in order.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from kiosk.store import outbox
from kiosk.sync.transport import RejectedError, RetryableError, Transport


@dataclass(frozen=True)
class Batch:
    id: str
    first_seq: int
    last_seq: int
    events: list[dict[str, Any]]


def _recorded(db: Database, *, after: int = 0) -> Batch | None:
    """The first recorded batch after ``after`` that still has events to send."""
    while True:
        row = outbox.first_batch_after(db, after)
        if row is None:
            return None
        events = outbox.events_between(db, row[1], row[2])
        if events:
            return Batch(row[0], row[1], row[2], events)
        with db.atomic():  # every event of it was purged (erasure) or dropped
            outbox.forget_batch(db, row[0])


def _new_batch(events: list[dict[str, Any]]) -> Batch:
    return Batch(str(uuid.uuid4()), events[0]["seq"], events[-1]["seq"], events)


def _record(db: Database, events: list[dict[str, Any]] | Batch) -> Batch:
    batch = events if isinstance(events, Batch) else _new_batch(events)
    with db.atomic():
        outbox.record_batch(db, batch.id, batch.first_seq, batch.last_seq, len(batch.events))
    return batch


def _worth_sending(db: Database, events: list[dict[str, Any]], *, after: int, size: int,
                   full_only: bool) -> bool:
    if not events:
        return False
    if full_only and len(events) < size:
        # a partial batch waits for more events or for its time (unless it
        # was cut short by the byte limit)
        return len(outbox.pending(db, limit=size, after=after)) >= size
    return True


def next_batch(db: Database, *, size: int, max_bytes: int | None = None,
               full_only: bool = False, after: int = 0) -> Batch | None:
    """The batch a previous run left in flight, if any, else a new one (recorded)."""
    batch = _recorded(db, after=after)
    if batch is not None:
        return batch
    events = outbox.pending(db, limit=size, after=after, max_bytes=max_bytes)
    if not _worth_sending(db, events, after=after, size=size, full_only=full_only):
        return None
    return _record(db, events)


def batch_body(batch: Batch, *, kiosk_id: str, store_id: str, dropped: int) -> dict[str, Any]:
    return {
        "batch_id": batch.id, "kiosk_id": kiosk_id, "store_id": store_id,
        "dropped": dropped, "events": batch.events,
    }


def acknowledge(db: Database, batch: Batch, ack: dict[str, Any], *,
                keep_sent: int | None = None) -> None:
    """Mark a batch sent and forget it; with ``keep_sent``, prune older sent events too.

    Events of the batch beyond the newest ``keep_sent`` are deleted at once
    rather than marked sent and then pruned (the same result, half the writes).
    """
    with db.atomic():
        first = batch.first_seq
        if keep_sent is not None and len(batch.events) > keep_sent:
            first = batch.events[-keep_sent]["seq"] if keep_sent else batch.last_seq + 1
            outbox.delete_acknowledged(db, batch.first_seq, first - 1)
        if first <= batch.last_seq:
            outbox.mark_sent(db, first, batch.last_seq)
        outbox.forget_batch(db, batch.id)
        outbox.bump_counter(db, "uploaded", int(ack.get("accepted", 0)))
        outbox.bump_counter(db, "duplicates_acknowledged", int(ack.get("duplicates", 0)))
        if keep_sent is not None:
            outbox.prune_sent(db, keep=keep_sent, upto=batch.last_seq)


def quarantine(db: Database, batch: Batch, error: RejectedError) -> int:
    """Set a rejected batch aside with its reason; return the quarantine id."""
    with db.atomic():
        return outbox.quarantine_batch(
            db, batch.id, batch.first_seq, batch.last_seq,
            (event["seq"] for event in batch.events), status=error.status, reason=str(error))


def release_quarantine(db: Database, quarantine_id: int | None = None) -> int:
    """Put quarantined events back in the queue (after head office was fixed)."""
    with db.atomic():
        return outbox.release_quarantine(db, quarantine_id)


# Sent events are pruned (beyond ``keep_sent``) once this many were acknowledged:
# deleting outbox rows touches pages all over its random UUID index, so a few
# large deletions write far less than one per batch.
PRUNE_EVERY = 10_000


def _sender(transport: Transport) -> tuple[Callable[[dict[str, Any]], Any],
                                          Callable[[Any], dict[str, Any]]]:
    """(prepare, send): a transport that can encode a batch apart from sending it
    (``encode_batch`` and ``send_encoded``) has the next batch encoded while
    the one before travels."""
    encode = getattr(transport, "encode_batch", None)
    send_encoded = getattr(transport, "send_encoded", None)
    if callable(encode) and callable(send_encoded):
        return encode, send_encoded
    return (lambda body: body), transport.send_batch


def upload(db: Database, transport: Transport, *, kiosk_id: str, store_id: str,
           batch_size: int, batch_bytes: int | None = None, flush: bool = True,
           max_batches: int | None = None, keep_sent: int | None = None) -> dict[str, int]:
    """Send pending events until none are left (or only a partial batch, unless ``flush``).

    ``RetryableError`` propagates (the caller backs off); a rejected batch is
    quarantined and the upload goes on with the next one. While head office
    works on a batch, the kiosk records the previous acknowledgement (pruning
    sent events beyond the newest ``keep_sent`` now and then), reads the next batch and
    encodes it (a second thread sends), but a batch is only recorded and sent
    once the one before it was acknowledged: head office still gets them in
    order, one at a time. Sent events are pruned every ``PRUNE_EVERY`` events
    (the caller prunes the rest afterwards).
    """
    result = {"batches": 0, "uploaded": 0, "duplicates": 0, "quarantined": 0}
    batch = next_batch(db, size=batch_size, max_bytes=batch_bytes, full_only=not flush)
    if batch is None:
        return result
    prepare, send = _sender(transport)
    acknowledged: tuple[Batch, dict[str, Any]] | None = None
    unpruned = 0  # events acknowledged since sent events were last pruned

    def body(of: Batch) -> Any:
        return prepare(batch_body(of, kiosk_id=kiosk_id, store_id=store_id,
                                  dropped=outbox.counter(db, "dropped")))

    prepared = body(batch)
    with ThreadPoolExecutor(1, thread_name_prefix="kiosk-upload") as sender:
        while batch is not None:
            sending = sender.submit(send, prepared)
            if acknowledged is not None:  # the previous batch, while this one travels
                unpruned += len(acknowledged[0].events)
                prune = keep_sent is not None and unpruned >= PRUNE_EVERY
                acknowledge(db, *acknowledged, keep_sent=keep_sent if prune else None)
                unpruned = 0 if prune else unpruned
                acknowledged = None
            following: Batch | None = None
            events = outbox.pending(db, limit=batch_size, after=batch.last_seq,
                                    max_bytes=batch_bytes)
            if _worth_sending(db, events, after=batch.last_seq, size=batch_size,
                              full_only=not flush):
                following = _new_batch(events)  # recorded only once it is next
                prepared = body(following)
            try:
                ack = sending.result()
            except RejectedError as error:
                quarantine(db, batch, error)
                result["quarantined"] += len(batch.events)
            except RetryableError as error:
                with db.atomic():
                    outbox.batch_failed(db, batch.id, str(error))
                raise
            else:
                acknowledged = (batch, ack)
                result["batches"] += 1
                result["uploaded"] += int(ack.get("accepted", 0))
                result["duplicates"] += int(ack.get("duplicates", 0))
            previous, batch = batch, None
            if max_batches is not None and result["batches"] >= max_batches:
                break
            batch = _recorded(db, after=previous.last_seq)
            if batch is not None:  # left by an earlier run (not normally the case)
                prepared = body(batch)
            elif following is not None:
                batch = _record(db, following)
    if acknowledged is not None:  # the caller prunes what is left after the sync
        acknowledge(db, *acknowledged)
    return result
