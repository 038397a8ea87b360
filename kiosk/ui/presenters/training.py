"""Training the recommendation models: load the stored ones, or train them in the background.

Training runs on its own worker thread, not the one every scan uses, so a
shopper who scans meanwhile is not queued behind it; until the models exist
the service answers with the store's non-personal picks (see
``RecommendationService.train_in_background``). Progress reaches the GUI
thread through a queued signal; the worker thread never touches a widget.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.ui.workers import Worker

log = logging.getLogger(__name__)


class TrainingStopped(Exception):
    """The window closed while the models were training."""


class TrainingPresenter(QObject):
    """``start()`` once; then ``progress`` while training, ``ready`` or ``failed``."""

    progress = Signal(float, str)       # fraction 0..1, the trainer's (English) message
    ready = Signal(bool)                # True when they were trained just now
    failed = Signal(str)                # the error's type name (never personal data)
    _progressed = Signal(float, str)    # emitted on the training thread

    def __init__(self, kiosk: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.kiosk = kiosk
        self.worker = Worker(self)      # not the scans' worker: a training takes a while
        self.busy = False
        self.fraction: float | None = None
        self._stop = threading.Event()
        self._last_percent = -1
        self._progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        # From now on a scan never trains on its own thread: it gets the store's picks
        # until start() has loaded or trained the models.
        kiosk.recommendations.train_in_background()

    def start(self) -> None:
        if self.busy:
            return
        self.busy = True
        self._stop.clear()
        self._last_percent = -1
        service = self.kiosk.recommendations

        def op() -> bool:
            if service.load() or not service.has_purchases():
                return False  # an empty store trains after its first import, at next start
            self._report(0.0, "reading the store")
            service.train(progress=self._report)
            return True

        self.worker.run(op, success=self._done, failure=self._failed)

    def _report(self, fraction: float, message: str) -> None:
        """Called by the trainer on the worker thread: only emits a signal."""
        if self._stop.is_set():
            raise TrainingStopped()
        percent = int(max(0.0, min(1.0, fraction)) * 100)
        # the trainer's steps may each count from 0 again: the line only goes forward
        if percent > self._last_percent:
            self._last_percent = percent
            self._progressed.emit(percent / 100, message)

    def _on_progress(self, fraction: float, message: str) -> None:
        if not self.busy:
            return  # a late report after the end
        self.fraction = fraction
        self.progress.emit(fraction, message)

    def _done(self, trained: bool) -> None:
        self.busy = False
        self.fraction = None
        if trained:
            log.info("recommendation models trained")
        self.ready.emit(trained)

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.fraction = None
        if isinstance(error, TrainingStopped):
            log.info("model training stopped: the kiosk is closing")
        else:
            log.warning("model training failed (%s); the store's picks are shown until "
                        "`kiosk train` succeeds", type(error).__name__)
        self.failed.emit(type(error).__name__)

    def stop(self, msecs: int = 5000) -> bool:
        """Ask a running training to stop at its next step, and wait up to ``msecs``."""
        self._stop.set()
        return self.worker.wait(msecs)
