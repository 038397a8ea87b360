"""Help: ask for a member of staff, then read the truth about who is coming (docs/help.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.presenters.session import SessionPresenter
from kiosk.ui.screens.common import Screen, button, label, set_text


class HelpScreen(Screen):
    name = "help"
    back = Signal()

    def __init__(self, session: SessionPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.asked = False
        self.status_text = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        self.title = label(self, "headline")
        self.text = label(self, "hint")
        self.ask_button = button(self, "primary", "ask_staff")
        self.back_button = button(self, "secondary", "back")
        for widget in (self.title, self.text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(widget)
        outer.addWidget(self.ask_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.ask_button.clicked.connect(lambda: session.request_help("help"))
        self.back_button.clicked.connect(self.back)
        session.help_requested.connect(self._asked)
        session.help_status.connect(self._status)
        session.session_reset.connect(self.clear)
        self.retranslate()

    def _asked(self) -> None:
        self.asked = True
        self.retranslate()

    def _status(self, message: str) -> None:
        self.status_text = message
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Need a hand?"))
        self.text.setText(self.status_text if self.asked and self.status_text else
                          self.tr("Asking our staff...") if self.asked else
                          self.tr("We'll ask a member of staff to come to this kiosk."))
        set_text(self.ask_button, self.tr("Ask for staff"))
        self.ask_button.setEnabled(not self.asked)
        set_text(self.back_button, self.tr("Back"))

    def showEvent(self, event) -> None:
        self.asked, self.status_text = False, ""
        self.retranslate()
        super().showEvent(event)

    def clear(self) -> None:
        self.asked, self.status_text = False, ""
        self.retranslate()
