"""The last word after "Erase everything about me": shown full screen for a few seconds
(with OK to end it sooner), when nothing of the shopper is left in memory."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.common import Screen, button, label, set_text

# how long the confirmation stays before the kiosk starts over
FAREWELL_SECONDS = 6


class FarewellScreen(Screen):
    name = "farewell"
    finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.seconds = FAREWELL_SECONDS
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addStretch(1)
        self.title = label(self, "headline")
        self.title.setObjectName("farewell_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label(self, "hint")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ok_button = button(self, "primary", "farewell_ok")
        outer.addWidget(self.title)
        outer.addWidget(self.text)
        outer.addSpacing(24)
        outer.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.finished)
        self.ok_button.clicked.connect(self._ok)
        self.retranslate()

    def start(self, seconds: float | None = None) -> None:
        """Show the confirmation; ``finished`` after ``seconds`` or when OK is pressed."""
        self.timer.start(int(1000 * (self.seconds if seconds is None else seconds)))

    def _ok(self) -> None:
        self.timer.stop()
        self.finished.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Done. We have erased everything about you."))
        self.title.setAccessibleName(self.title.text())
        self.text.setText(self.tr("Your code no longer works here. Thank you for shopping "
                                  "with us."))
        set_text(self.ok_button, self.tr("OK"))

    def clear(self) -> None:
        self.timer.stop()
