"""My data: what the kiosk knows about the shopper and why; preferences, consents, erasure."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.privacy.purposes import PURPOSES
from kiosk.ui.presenters.session import SessionPresenter

__all__ = ["PURPOSES", "MyDataPresenter", "purpose_label"]

translate = QCoreApplication.translate

# consents that change which picks a shopper sees (staff picks need staff_profile)
PICKS_PURPOSES = ("personalisation", "staff_profile")


def purpose_label(purpose: str) -> str:
    labels = {
        "personalisation": translate(
            "Consents", "Use what I buy to suggest things for me"),
        "staff_profile": translate(
            "Consents", "Let staff see my picks to help me in the shop"),
        "hq_offers": translate(
            "Consents", "Send me offers from head office"),
    }
    return labels.get(purpose, purpose)


class MyDataPresenter(QObject):
    loaded = Signal(dict)      # kiosk.privacy.what_we_know(...)
    failed = Signal(str)
    erased = Signal()

    def __init__(self, session: SessionPresenter, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.kiosk = session.kiosk
        self.data: dict[str, Any] = {}
        session.session_reset.connect(self._forget)

    def _forget(self) -> None:
        self.data = {}

    def _customer(self) -> str | None:
        return self.session.customer_id

    def _run(self, op, *, reload: bool = True, picks_change: bool = False) -> None:
        """``op(customer_id)`` on the worker, then what we know again; ``picks_change``:
        the change decides what the picks may use, so they are fetched again at once."""
        customer_id = self._customer()
        if customer_id is None:
            return

        def work() -> dict[str, Any]:
            op(customer_id)
            return self.kiosk.privacy.what_we_know(customer_id) if reload else {}

        def done(data: dict[str, Any]) -> None:
            self._loaded(data)
            if picks_change and self._customer() == customer_id:
                self.session.refresh_picks()

        self.session.worker.run(work, success=done, failure=self._failed)

    def _loaded(self, data: dict[str, Any]) -> None:
        if self._customer() is None:
            return
        self.data = dict(data or {})
        self.loaded.emit(self.data)

    def _failed(self, error: Exception) -> None:
        self.failed.emit(translate(
            "MyDataPresenter", "That did not work. Nothing was changed. Please try again."))

    def load(self) -> None:
        self._run(lambda customer_id: None)

    def set_preference(self, key: str, value: str) -> None:
        self._run(lambda c: self.kiosk.privacy.set_preference(c, key, value, "shopper"))

    def remove_preference(self, key: str, value: str) -> None:
        self._run(lambda c: self.kiosk.privacy.remove_preference(c, key, value, "shopper"))

    def set_consent(self, purpose: str, granted: bool) -> None:
        code = self.session.card_code
        self._run(lambda c: self.kiosk.privacy.set_consent(c, purpose, granted, "kiosk",
                                                           card_code=code),
                  picks_change=purpose in PICKS_PURPOSES)

    def pause(self, paused: bool) -> None:
        self._run(lambda c: self.kiosk.privacy.pause_personalisation(c, paused),
                  picks_change=True)

    def erase(self) -> None:
        """Erase everything about the shopper (after the screen's confirmation)."""
        customer_id = self._customer()
        if customer_id is None:
            return

        def done(_: Any) -> None:
            self.erased.emit()
            self.session.reset("erased")

        code = self.session.card_code
        self.session.worker.run(
            lambda: self.kiosk.privacy.erase(customer_id, origin="shopper", card_code=code),
            success=done, failure=self._failed)
