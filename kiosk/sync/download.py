"""Download: head office's change feed, applied on the kiosk, incrementally by cursor.

The cursor is stored in the same transaction as the changes it covers, so
a crash re-applies at most the change in hand (every applier is
idempotent). Erasures run in their own transaction (the privacy service
checkpoints the write-ahead log after one).

A device that never downloaded (cursor 0) from a head office with many
changes first bootstraps (``kiosk.sync.bootstrap``: the feed compacted for
its store, in bulk), then goes on from the bootstrap's cursor.

A change the kiosk can never apply (it breaks the rules of its kind,
``kiosk.hq.changes``, or its applier raises one of ``apply.UNAPPLIABLE``) is
**quarantined**: kept in ``sync_quarantined_changes`` with its id, kind and
the reason (field names, never values), logged, counted in ``kiosk sync
status``, and the cursor moves past it, so one bad change cannot stop a
kiosk. Any other failure (the database is locked, the disk is full, head
office's erasure key is not known yet) stops the download at that change,
which is retried on the next sync: a privacy change is never skipped.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk.hq.changes import problems
from kiosk.store import sync as sync_store
from kiosk.sync.apply import (
    APPLIERS,
    UNAPPLIABLE,
    ChangeError,
    ErasedIdMatcher,
    apply_erasure,
    hq_erasure_key,
    store_hq_erasure_key,
)
from kiosk.sync.transport import Transport, TransportError

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

CURSOR = "changes"
#: the newest quarantined changes ``kiosk sync status`` lists (all are counted)
LISTED = 50


def get_cursor(kiosk: Kiosk, name: str = CURSOR) -> int:
    return sync_store.cursor(kiosk.db, name)


def _set_cursor(kiosk: Kiosk, value: int, name: str = CURSOR) -> None:
    sync_store.set_cursor(kiosk.db, name, value)


def new_result() -> dict[str, int]:
    return {"applied": 0, "quarantined": 0}


def download(kiosk: Kiosk, transport: Transport, *, page_size: int = 500,
             result: dict[str, int] | None = None) -> dict[str, int]:
    """Fetch and apply every change after the stored cursor.

    ``result`` (``new_result()``) is filled as changes are applied, so a
    caller still knows what was done when a change stops the download.
    """
    result = new_result() if result is None else result
    from kiosk.sync import bootstrap  # it builds on this module

    if bootstrap.worthwhile(kiosk, transport):  # a new device: the compacted feed first
        bootstrap.bootstrap(kiosk, transport, result=result)
    matcher = _Erasures(kiosk, transport)
    cursor = get_cursor(kiosk)
    while True:
        page = transport.fetch_changes(cursor, page_size)
        changes = page.get("changes") or []
        pending: list[dict[str, Any]] = []
        for change in changes:
            if change.get("kind") == "erasure":
                _apply_group(kiosk, pending, result)
                pending = []
                _apply_erasure(kiosk, change, matcher, result)
            else:
                pending.append(change)
        _apply_group(kiosk, pending, result)
        cursor = max(cursor, int(page.get("cursor", cursor)))
        with kiosk.transaction():
            _set_cursor(kiosk, cursor)
        if not page.get("more") or not changes:
            return result


def _problem(change: dict[str, Any]) -> str | None:
    """Why ``change`` breaks the rules of its kind (None if it does not)."""
    found = problems(change.get("kind"), change.get("data"), store_id=change.get("store_id"),
                     customer_id=change.get("customer_id"), strict=False)
    return "; ".join(found[:3]) if found else None


def _apply_one(kiosk: Kiosk, change: dict[str, Any], result: dict[str, int]) -> None:
    """Apply one change in a savepoint, or quarantine it; a passing failure propagates."""
    kind = str(change.get("kind"))
    reason = _problem(change)
    if reason is None:
        try:
            with kiosk.transaction():
                APPLIERS[kind](kiosk, change)
        except UNAPPLIABLE as error:
            reason = _reason(error)
    if reason is not None:
        _quarantine(kiosk, change, reason, result)
        return
    result["applied"] += 1
    result[kind] = result.get(kind, 0) + 1


def _apply_group(kiosk: Kiosk, changes: list[dict[str, Any]], result: dict[str, int]) -> None:
    """Apply ``changes`` in one transaction; on a passing failure keep those before it."""
    if not changes:
        return
    failure: Exception | None = None
    with kiosk.transaction():
        done = None
        for change in changes:
            try:
                _apply_one(kiosk, change, result)
            except Exception as error:  # retried on the next sync, from this change
                failure = error
                break
            done = change
        if done is not None:
            _set_cursor(kiosk, int(done["id"]))
    if failure is not None:
        raise failure


def _apply_erasure(kiosk: Kiosk, change: dict[str, Any], matcher: _Erasures,
                   result: dict[str, int]) -> None:
    """An erasure, outside any transaction (the privacy service scrubs the file after it)."""
    reason = _problem(change)
    if reason is None:
        try:
            matcher.prepare(change)
            apply_erasure(kiosk, change, matcher)
        except UNAPPLIABLE as error:
            reason = _reason(error)
    with kiosk.transaction():
        if reason is not None:
            _quarantine(kiosk, change, reason, result)
        else:
            result["applied"] += 1
            result["erasure"] = result.get("erasure", 0) + 1
        _set_cursor(kiosk, int(change["id"]))


class _Erasures(ErasedIdMatcher):
    """The matcher of erased ids, fetching head office's erasure key the first time."""

    def __init__(self, kiosk: Kiosk, transport: Transport):
        super().__init__(kiosk)
        self.transport = transport

    def prepare(self, change: dict[str, Any]) -> None:
        if change.get("customer_id") or hq_erasure_key(self.kiosk.db) is not None:
            return
        fetch = getattr(self.transport, "erasure_key", None)
        if fetch is None:  # a plugin's transport that predates digests: the erasure waits
            raise TransportError("this sync transport cannot fetch head office's erasure key "
                                 "(erasure_key()); erasures wait until it can")
        key = fetch()
        with self.kiosk.transaction() as db:
            try:
                store_hq_erasure_key(db, key)
            except ChangeError as error:
                raise TransportError(str(error)) from None


def _reason(error: BaseException) -> str:
    """Why an applier failed, without personal data: our own messages, else the type."""
    if isinstance(error, ChangeError):
        return str(error)[:300]
    return f"could not be applied ({type(error).__name__})"


def _quarantine(kiosk: Kiosk, change: dict[str, Any], reason: str,
                result: dict[str, int]) -> None:
    kind = change.get("kind")
    kind = kind[:64] if isinstance(kind, str) else None
    sync_store.quarantine_change(kiosk.db, int(change["id"]), kind, reason)
    log.warning("change %s (%s) quarantined: %s", change["id"], kind, reason)
    result["quarantined"] += 1


def quarantined_changes(kiosk: Kiosk, limit: int = LISTED) -> tuple[int, list[dict[str, Any]]]:
    """How many changes were quarantined, and the newest ``limit`` of them."""
    return sync_store.quarantined_changes(kiosk.db, limit)
