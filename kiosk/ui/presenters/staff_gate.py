"""Leaving kiosk mode: a staff PIN, checked off the GUI thread (scrypt takes a moment)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.staff import PinCheck, StaffAccounts
from kiosk.ui.workers import Worker

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


class StaffGatePresenter(QObject):
    unlocked = Signal(str)     # staff name
    refused = Signal(str)      # a message

    def __init__(self, kiosk, worker: Worker, parent: QObject | None = None):
        super().__init__(parent)
        self.kiosk = kiosk
        self.worker = worker

    def check(self, pin: str) -> None:
        kiosk = self.kiosk

        def verify() -> PinCheck:
            accounts = StaffAccounts(kiosk.db)
            if not accounts.has_accounts():
                # a fresh demo store: nobody could ever leave; kiosk run warned about it
                log.warning("no staff accounts: kiosk mode left without a PIN")
                return PinCheck(True, name="")
            return accounts.verify(pin)

        self.worker.run(verify, success=self._answer,
                        failure=lambda e: self.refused.emit(
                            translate("Staff", "Please try again.")))

    def _answer(self, check: PinCheck) -> None:
        if check.ok:
            self.unlocked.emit(check.name or "")
        else:
            self.refused.emit(pin_refused(check.locked_seconds))


def pin_refused(locked_seconds: int) -> str:
    """Why a staff PIN was refused: wrong, or too many wrong ones (for how long)."""
    if locked_seconds:
        minutes = max(1, round(locked_seconds / 60))
        return translate("Staff", "Too many wrong PINs. Try again in %1 minute(s).").replace(
            "%1", str(minutes))
    return translate("Staff", "Wrong PIN.")
