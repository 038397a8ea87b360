"""Work off the GUI thread, with a success and a failure callback (like anki's QueryOp).

All kiosk work of one window runs on one worker thread, in order, so a
"not for me" is written before the next scan reads the shelves. Work that
fails because the database is damaged is announced on ``damaged`` first (the
window then goes out of order), before its failure callback runs.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from kiosk.store.health import is_damage

log = logging.getLogger(__name__)


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, op: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self.op = op
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.op()
        except Exception as error:  # reported to the failure callback, never raised in Qt
            error.formatted = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.failed.emit(error)
        else:
            self.relay.succeeded.emit(result)


class Worker(QObject):
    """Runs callables on one background thread; callbacks come back on the GUI thread."""

    damaged = Signal(object)  # the error, when work failed on a damaged database

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def run(self, op: Callable[[], Any], *, success: Callable[[Any], None],
            failure: Callable[[Exception], None] | None = None) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def done(result: Any) -> None:
            self._relays.discard(relay)
            success(result)

        def failed(error: Exception) -> None:
            self._relays.discard(relay)
            log.error("background work failed: %s\n%s", type(error).__name__,
                      getattr(error, "formatted", ""))
            if is_damage(error):
                self.damaged.emit(error)
            if failure is not None:
                failure(error)

        relay.succeeded.connect(done)
        relay.failed.connect(failed)
        self.pool.start(_Job(op, relay))

    def busy(self) -> bool:
        return bool(self._relays)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for queued work (tests, shutdown); callbacks run on the next event loop turn."""
        return self.pool.waitForDone(msecs)
