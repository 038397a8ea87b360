"""A new device's first download: head office's feed compacted for its store, in bulk.

``bootstrap(kiosk, transport)`` reads ``GET /v1/bootstrap`` (``kiosk.hq.bootstrap``:
the latest change per key, every change that adds or withdraws, then the
cursor) and applies it through the normal appliers (``kiosk.sync.apply``, a
change that cannot be applied is quarantined as in the normal download), in
transactions of ``TRANSACTION`` changes. ``kiosk sync bootstrap`` runs it with
a progress bar; the normal sync runs it by itself when the device has never
downloaded (cursor 0) and head office has more than ``MIN_CHANGES`` changes.

Killed at any point, the device can go on: the download cursor stays 0 until
the last change is applied, and each transaction records the last change it
applied (``bootstrap`` cursor) with the bootstrap's own cursor
(``bootstrap_upto``), so the next run resumes after it, over the same range of
the feed. The appliers are idempotent, so a change applied twice changes
nothing. Only when the end line has come (a cut stream has none) does the
download cursor move to the bootstrap's cursor, in one transaction.

Erasures go one at a time, outside the bulk transactions, as in the normal
download (the privacy service scrubs the file after erasing someone).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

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
from kiosk.sync.download import CURSOR, _apply_one, _problem, _quarantine, _reason
from kiosk.sync.transport import RetryableError, Transport, TransportError

if TYPE_CHECKING:
    from kiosk.app import Kiosk

#: the last change applied by a bootstrap under way, and that bootstrap's cursor (0: none)
AFTER = "bootstrap"
UPTO = "bootstrap_upto"
#: changes applied in one transaction
TRANSACTION = 5000
#: a device that never downloaded bootstraps when head office has more changes than this
MIN_CHANGES = 1000

Progress = Callable[[int, int], None]


class BootstrapRefused(RuntimeError):
    """This device should not bootstrap (it has downloaded before); the message says why."""


def under_way(kiosk: Kiosk) -> bool:
    """Whether a bootstrap was started and has not finished (it resumes)."""
    return sync_store.cursor(kiosk.db, UPTO) > 0


def worthwhile(kiosk: Kiosk, transport: Transport) -> bool:
    """Whether the sync should bootstrap: never downloaded, and head office has much to send."""
    if getattr(transport, "bootstrap", None) is None:
        return False
    if sync_store.cursor(kiosk.db, CURSOR) != 0:
        return False
    if under_way(kiosk):
        return True
    return bool(transport.fetch_changes(0, MIN_CHANGES).get("more"))


def bootstrap(kiosk: Kiosk, transport: Transport, *, progress: Progress | None = None,
              result: dict[str, Any] | None = None) -> dict[str, Any]:
    """Bootstrap (or resume bootstrapping) this device; returns what was applied.

    ``progress(done, total)`` after each transaction. ``BootstrapRefused`` if
    the device has downloaded before; ``TransportError`` (retryable) if the
    stream is cut, after keeping what was applied.
    """
    fetch = getattr(transport, "bootstrap", None)
    if fetch is None:
        raise TransportError("this sync transport cannot bootstrap (no bootstrap())")
    db = kiosk.db
    cursor = sync_store.cursor(db, CURSOR)
    upto = sync_store.cursor(db, UPTO)
    if cursor != 0 and upto == 0:
        raise BootstrapRefused(f"this device has downloaded changes already (cursor {cursor}); "
                               "a bootstrap is for a new device: `kiosk sync --once` catches up")
    after = sync_store.cursor(db, AFTER) if upto else 0
    started = time.perf_counter()
    result = result if result is not None else {}
    result.setdefault("applied", 0)
    result.setdefault("quarantined", 0)
    lines = fetch(after, upto or None)
    header = _header(lines)
    total, upto = int(header["total"]), int(header["cursor"])
    result.update({"bootstrap_total": total, "bootstrap_cursor": upto, "resumed_after": after})
    with kiosk.transaction():
        sync_store.set_cursor(db, UPTO, upto)
        sync_store.set_cursor(db, AFTER, after)
    applier = _Applier(kiosk, transport, result, progress, total)
    end = applier.run(lines)
    if end is None:
        raise RetryableError("head office's bootstrap stream was cut; what came is kept and "
                             "the next run resumes after it")
    with kiosk.transaction():
        sync_store.set_cursor(db, CURSOR, upto)
        sync_store.set_cursor(db, UPTO, 0)
        sync_store.set_cursor(db, AFTER, 0)
    result["bootstrap_seconds"] = round(time.perf_counter() - started, 2)
    return result


def _header(lines: Iterator[dict[str, Any]]) -> dict[str, Any]:
    first = next(lines, None)
    header = first.get("bootstrap") if isinstance(first, dict) else None
    if not isinstance(header, dict) or not all(
            isinstance(header.get(k), int) for k in ("total", "cursor")):
        raise RetryableError("head office's bootstrap stream has no header line")
    return header


class _Applier:
    """Applies a bootstrap stream in large transactions, erasures one at a time."""

    def __init__(self, kiosk: Kiosk, transport: Transport, result: dict[str, Any],
                 progress: Progress | None, total: int):
        self.kiosk, self.transport, self.result = kiosk, transport, result
        self.progress, self.total = progress, total
        self.done = 0
        self.matcher: ErasedIdMatcher | None = None

    def run(self, lines: Iterator[dict[str, Any]]) -> dict[str, Any] | None:
        """Apply every change line; the end line (None if the stream was cut)."""
        pending: list[dict[str, Any]] = []
        try:
            for line in lines:
                if "end" in line:
                    self._group(pending)
                    return line["end"]
                if line.get("kind") == "erasure":
                    self._group(pending)
                    pending = []
                    self._erasure(line)
                    continue
                pending.append(line)
                if len(pending) >= TRANSACTION:
                    self._group(pending)
                    pending = []
        except TransportError:
            self._group(pending)  # what came before the cut is kept
            raise
        self._group(pending)
        return None

    def _group(self, changes: list[dict[str, Any]]) -> None:
        """Apply ``changes`` in one transaction, recording the last one's id with them.

        All at once first; if one of them cannot be applied, the transaction is
        rolled back and the group applied again change by change, each in a
        savepoint, as the normal download does, so that one is set aside alone.
        """
        if not changes:
            return
        counts: dict[str, int] = {"applied": 0, "quarantined": 0}
        try:
            with self.kiosk.transaction() as db:
                for change in changes:
                    self._apply_fast(change, counts)
                sync_store.set_cursor(db, AFTER, int(changes[-1]["id"]))
        except UNAPPLIABLE:
            counts = {"applied": 0, "quarantined": 0}
            with self.kiosk.transaction() as db:
                for change in changes:
                    _apply_one(self.kiosk, change, counts)
                sync_store.set_cursor(db, AFTER, int(changes[-1]["id"]))
        for key, value in counts.items():
            self.result[key] = self.result.get(key, 0) + value
        self._advance(len(changes))

    def _apply_fast(self, change: dict[str, Any], counts: dict[str, int]) -> None:
        """One change, without a savepoint of its own (``_group`` retries without this)."""
        kind = str(change.get("kind"))
        reason = _problem(change)
        if reason is not None:
            _quarantine(self.kiosk, change, reason, counts)
            return
        APPLIERS[kind](self.kiosk, change)
        counts["applied"] += 1
        counts[kind] = counts.get(kind, 0) + 1

    def _erasure(self, change: dict[str, Any]) -> None:
        reason = _problem(change)
        if reason is None:
            try:
                self._prepare_erasures(change)
                apply_erasure(self.kiosk, change, self.matcher)
            except UNAPPLIABLE as error:
                reason = _reason(error)
        with self.kiosk.transaction() as db:
            if reason is not None:
                _quarantine(self.kiosk, change, reason, self.result)
            else:
                self.result["applied"] += 1
                self.result["erasure"] = self.result.get("erasure", 0) + 1
            sync_store.set_cursor(db, AFTER, int(change["id"]))
        self._advance(1)

    def _prepare_erasures(self, change: dict[str, Any]) -> None:
        if self.matcher is None:
            if not change.get("customer_id") and hq_erasure_key(self.kiosk.db) is None:
                key = self.transport.erasure_key()
                with self.kiosk.transaction() as db:
                    try:
                        store_hq_erasure_key(db, key)
                    except ChangeError as error:  # head office's fault: retried, never skipped
                        raise TransportError(str(error)) from None
            self.matcher = ErasedIdMatcher(self.kiosk)

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)
