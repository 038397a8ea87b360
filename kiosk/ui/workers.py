"""Work off the GUI thread, with a success and a failure callback (like anki's QueryOp).

All kiosk work of one window runs on one worker thread, in order, so a
"not for me" is written before the next scan reads the shelves. Work that
fails because the database is damaged is announced on ``damaged`` first (the
window then goes out of order), before its failure callback runs.

The thread is a Python thread for the worker's whole life, not a ``QThreadPool``'s:
PySide runs each pool job with a fresh Python thread state, so ``threading.local``
(the store's connection for this thread) was empty at every job and each job opened a
SQLite connection that nothing closed (tests/test_ui_worker_thread.py).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent import futures
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.store.health import is_damage

log = logging.getLogger(__name__)


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


def _job(op: Callable[[], Any], relay: _Relay) -> None:
    try:
        result = op()
    except Exception as error:  # reported to the failure callback, never raised in Qt
        error.formatted = traceback.format_exc()  # type: ignore[attr-defined]
        relay.failed.emit(error)
    else:
        relay.succeeded.emit(result)


class Worker(QObject):
    """Runs callables on one background thread; callbacks come back on the GUI thread."""

    damaged = Signal(object)  # the error, when work failed on a damaged database

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="worker")
        self._relays: set[_Relay] = set()
        self._queued: set[futures.Future] = set()
        pool = self.pool
        self.destroyed.connect(lambda: pool.shutdown(wait=False))

    def run(self, op: Callable[[], Any], *, success: Callable[[Any], None],
            failure: Callable[[Exception], None] | None = None) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def done(result: Any) -> None:
            self._finished(relay)
            success(result)

        def failed(error: Exception) -> None:
            self._finished(relay)
            log.error("background work failed: %s\n%s", type(error).__name__,
                      getattr(error, "formatted", ""))
            if is_damage(error):
                self.damaged.emit(error)
            if failure is not None:
                failure(error)

        relay.succeeded.connect(done)
        relay.failed.connect(failed)
        queued = self.pool.submit(_job, op, relay)
        self._queued.add(queued)
        queued.add_done_callback(self._queued.discard)

    def _finished(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        # its connections hold these callbacks, which hold the relay: only Qt can end it
        relay.deleteLater()

    def busy(self) -> bool:
        return bool(self._relays)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for queued work (tests, shutdown); callbacks run on the next event loop turn."""
        _, left = futures.wait(list(self._queued), timeout=msecs / 1000)
        return not left
