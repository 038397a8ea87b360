"""Help requests on the tablet: heartbeat while signed in, the waiting list, Take.

Network calls to head office run on a worker of their own, so a slow or
unreachable head office never delays the client book. While someone is
signed in the tablet says so every ``HEARTBEAT_EVERY`` seconds
(``TabletHelp.signed_in``) and says ``signed_out`` when the tablet locks, so
kiosks only promise help when someone is here (docs/help.md).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.help import HelpRefused, TabletHelp
from kiosk.help.tablet import HEARTBEAT_EVERY
from kiosk.ui.staff.presenters.desk import DeskPresenter
from kiosk.ui.workers import Worker

translate = QCoreApplication.translate

log = logging.getLogger(__name__)

#: how often the waiting list is refreshed while someone is signed in (ms)
HELP_POLL_MS = 5000


class HelpPresenter(QObject):
    requests = Signal(list)      # the waiting requests (dicts from head office), oldest first
    status = Signal(str)         # a friendly line about head office ("" when all is well)
    taken = Signal(str)          # what the member of staff reads after taking one

    def __init__(self, kiosk: Any, desk: DeskPresenter, parent: QObject | None = None, *,
                 heartbeat_ms: int = int(HEARTBEAT_EVERY * 1000),
                 poll_ms: int = HELP_POLL_MS):
        super().__init__(parent)
        self.kiosk = kiosk
        self.desk = desk
        self.available = bool(kiosk.config.hq_url)
        self.worker = Worker(self)
        self.help = TabletHelp(kiosk)
        self.staff_name: str | None = None
        self.pending: list[dict[str, Any]] = []
        self.epoch = 0
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(heartbeat_ms)
        self.heartbeat.timeout.connect(self.beat)
        self.poll = QTimer(self)
        self.poll.setInterval(poll_ms)
        self.poll.timeout.connect(self.refresh)
        self._refreshing = False
        desk.signed_in.connect(self._signed_in)
        desk.locked.connect(self._locked)

    def _signed_in(self, name: str) -> None:
        self.staff_name = name
        self.epoch += 1
        if not self.available:
            self.status.emit(translate(
                "StaffHelp", "Help requests need head office, and this tablet has none set "
                "up. Shoppers who ask are sent to the till."))
            return
        self.beat()
        self.refresh()
        self.heartbeat.start()
        self.poll.start()

    def _locked(self) -> None:
        self.heartbeat.stop()
        self.poll.stop()
        self.epoch += 1
        self._refreshing = False
        self.pending = []
        self.requests.emit([])
        if self.staff_name is not None and self.available:
            self.worker.run(self.help.signed_out, success=lambda _: None,
                            failure=lambda _: None)    # logged by the worker
        self.staff_name = None

    def beat(self) -> None:
        name = self.staff_name
        if name is None or not self.available:
            return
        self.worker.run(lambda: self.help.signed_in(name), success=lambda _: None,
                        failure=self._unreachable)

    def refresh(self) -> None:
        if self.staff_name is None or not self.available or self._refreshing:
            return
        self._refreshing = True
        epoch = self.epoch

        def listed(found: list[dict[str, Any]]) -> None:
            self._refreshing = False
            if epoch != self.epoch:
                return
            self.pending = list(found)
            self.status.emit("")
            self.requests.emit(self.pending)

        def failed(error: Exception) -> None:
            self._refreshing = False
            if epoch == self.epoch:
                self._unreachable(error)

        self.worker.run(lambda: self.help.pending(0), success=listed, failure=failed)

    def take(self, request_id: str) -> None:
        name, epoch = self.staff_name, self.epoch
        if name is None:
            return

        def done(_: Any) -> None:
            if epoch != self.epoch:
                return
            asked = next((r for r in self.pending if r.get("request_id") == request_id), {})
            who = asked.get("first_name") or translate("StaffHelp", "a shopper")
            where = asked.get("kiosk") or ""
            self.taken.emit(translate("StaffHelp", "You took it: %1 is waiting at %2.")
                            .replace("%1", who).replace("%2", where))
            self.refresh()

        def failed(error: Exception) -> None:
            if epoch != self.epoch:
                return
            if isinstance(error, HelpRefused):
                self.status.emit(translate("StaffHelp", "Someone else took it first."))
            else:
                self._unreachable(error)
            self.refresh()

        self.worker.run(lambda: self.help.take(request_id, name), success=done, failure=failed)

    def _unreachable(self, error: Exception) -> None:
        self.status.emit(translate(
            "StaffHelp", "Head office is out of reach, so help requests cannot be shown. "
            "Shoppers who ask are sent to the till."))

    def close(self, msecs: int = 5000) -> None:
        self.heartbeat.stop()
        self.poll.stop()
        self.worker.wait(msecs)
