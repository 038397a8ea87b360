"""Attract: the store's name, "Scan your loyalty code", a calm loop of what is popular here."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.presenters.session import SessionPresenter
from kiosk.ui.screens.common import Screen, button, label, set_text, staff_and_languages

log = logging.getLogger(__name__)

LOOP_MS = 4000


class AttractScreen(Screen):
    name = "attract"
    language_chosen = Signal(str)
    join_clicked = Signal()
    staff_clicked = Signal()

    def __init__(self, session: SessionPresenter, store_name: str,
                 keypad: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.store_name = store_name
        self.popular: list[str] = []
        self.loop_index = 0
        self.training_percent: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        top, self.staff_button, self.language_buttons = staff_and_languages(
            self, self.language_chosen)
        outer.addLayout(top)
        outer.addStretch(1)
        self.store_label = label(self, "store-name")
        self.headline = label(self, "headline")
        self.hint = label(self, "hint")
        self.message = label(self, "error")
        self.message.hide()
        for widget in (self.store_label, self.headline, self.hint, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(widget)
        self.keypad = keypad
        if keypad is not None:
            keypad.setParent(self)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(keypad)
            row.addStretch(1)
            outer.addLayout(row)
        outer.addSpacing(16)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.browse_button = button(self, "primary", "just_browsing")
        self.join_button = button(self, "secondary", "join")
        actions.addWidget(self.browse_button)
        actions.addWidget(self.join_button)
        actions.addStretch(1)
        outer.addLayout(actions)
        outer.addStretch(1)
        self.loop_title = label(self, "loop-title")
        self.loop_label = label(self, "loop")
        # "Getting personal picks ready… 40%" while a new store's models are trained
        self.training_label = label(self, "status")
        self.training_label.setObjectName("training_status")
        self.training_label.hide()
        for widget in (self.loop_title, self.loop_label, self.training_label):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(widget)
        self.timer = QTimer(self)
        self.timer.setInterval(LOOP_MS)
        self.timer.timeout.connect(self._next_popular)
        self.browse_button.clicked.connect(session.browse_as_guest)
        self.join_button.clicked.connect(self.join_clicked)
        self.staff_button.clicked.connect(self.staff_clicked)
        session.popular_ready.connect(self._popular_ready)
        session.scan_failed.connect(self.show_message)
        session.busy.connect(self._busy)
        self.retranslate()

    def set_language(self, code: str) -> None:
        for other, language_button in self.language_buttons.items():
            language_button.setChecked(other == code)

    def retranslate(self) -> None:
        self.store_label.setText(self.store_name)
        self.headline.setText(self.tr("Scan your loyalty code"))
        self.hint.setText(self.tr("Hold your code under the scanner, or type the short "
                                  "code below."))
        set_text(self.browse_button, self.tr("Just browsing"))
        set_text(self.join_button, self.tr("Join: get your own picks"))
        set_text(self.staff_button, self.tr("Staff"))
        self.loop_title.setText(self.tr("Popular here") if self.popular else "")
        for widget in (self.store_label, self.headline, self.hint, self.loop_title):
            widget.setAccessibleName(widget.text())
        self._show_training()

    def show_training(self, fraction: float) -> None:
        """The models are being trained: a discreet line with how far it has got."""
        self.training_percent = int(max(0.0, min(1.0, fraction)) * 100)
        self._show_training()

    def training_done(self) -> None:
        self.training_percent = None
        self._show_training()

    def _show_training(self) -> None:
        if self.training_percent is None:
            self.training_label.hide()
            self.training_label.setText("")
            self.training_label.setAccessibleName("")
            return
        text = self.tr("Getting personal picks ready… %1%").replace(
            "%1", str(self.training_percent))
        self.training_label.setText(text)
        self.training_label.setAccessibleName(text)
        self.training_label.show()

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.message.show()
        QTimer.singleShot(8000, self.message.hide)

    def _busy(self, busy: bool) -> None:
        if busy and self.isVisible():
            self.message.hide()

    def _popular_ready(self, names: list[str]) -> None:
        self.popular = names
        self.loop_index = 0
        self._next_popular()
        self.retranslate()

    def _next_popular(self) -> None:
        if not self.popular:
            self.loop_label.setText("")
            return
        self.loop_label.setText(self.popular[self.loop_index % len(self.popular)])
        self.loop_index += 1

    def showEvent(self, event) -> None:
        self.session.load_popular()
        self.timer.start()
        super().showEvent(event)
        if self.keypad is not None:  # a code typed on a keyboard lands on the keypad
            self.keypad.setFocus()

    def hideEvent(self, event) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def clear(self) -> None:
        self.message.hide()
        self.message.setText("")
