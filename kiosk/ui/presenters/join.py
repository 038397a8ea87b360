"""Join: enrol with the consent choices; the new code is shown as a QR code and a short code."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.identity.service import NoLoyaltyScheme
from kiosk.ui.presenters.session import SessionPresenter

translate = QCoreApplication.translate


def what_you_get(consents: dict[str, bool]) -> str:
    """What a shopper gets with the answers they chose (Join, and the consent question):
    only what is true; with no consent at all, no promise of personal picks."""
    lines = [translate("JoinPresenter", "A code to scan next time, and a list of what you "
                       "like that you can take home.")]
    if consents.get("personalisation"):
        lines.append(translate("JoinPresenter", "Picks chosen for you from what you buy."))
    else:
        lines.append(translate("JoinPresenter", "We won't use what you buy: you see this "
                               "store's picks for everyone."))
    if consents.get("staff_profile"):
        lines.append(translate("JoinPresenter", "Our staff can see your picks to help you "
                               "in the shop."))
    if consents.get("hq_offers"):
        lines.append(translate("JoinPresenter", "Offers from our head office."))
    return "\n".join("• " + line for line in lines)


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
