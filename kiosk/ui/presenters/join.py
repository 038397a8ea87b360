"""Join: enrol with the consent choices; the new code is shown as a QR code and a short code."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.identity.service import NoLoyaltyScheme
from kiosk.ui.presenters.session import SessionPresenter

translate = QCoreApplication.translate


class JoinPresenter(QObject):
    enrolled = Signal(str, str)    # code, short_code
    failed = Signal(str)

    def __init__(self, session: SessionPresenter, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.code: str | None = None
        session.session_reset.connect(self._forget)

    def _forget(self) -> None:
        self.code = None

    @property
    def available(self) -> bool:
        """False when no loyalty scheme issues cards here: the kiosk serves guests only."""
        return self.session.kiosk.identity.can_issue_cards()

    def enrol(self, first_name: str, consents: dict[str, bool]) -> None:
        name = first_name.strip() or None
        if name is not None and len(name) > 40:
            self.failed.emit(translate(
                "JoinPresenter", "Please use a shorter first name (40 letters at most)."))
            return
        kiosk = self.session.kiosk

        def done(enrolment: Any) -> None:
            self.code = enrolment.code
            self.enrolled.emit(enrolment.code, enrolment.short_code)

        self.session.worker.run(
            lambda: kiosk.privacy.enrol(first_name=name, consents=dict(consents),
                                        source="kiosk"),
            success=done,
            failure=self._failed)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, NoLoyaltyScheme):
            self.failed.emit(translate(
                "JoinPresenter", "Signing up is not available at this kiosk. You can "
                "still look around as a guest."))
            return
        self.failed.emit(translate(
            "JoinPresenter", "We could not sign you up just now. Please ask a member "
            "of staff."))

    def start_shopping(self) -> None:
        if self.code:
            self.session.identify(self.code)
