"""The idle warning: drawn over every screen, with "I'm still here" (WCAG 2.2.1).

While it shows, the screens under it are hidden, not dimmed (``cover``): a passer-by
reads nothing of the shopper (name, reasons, My data) during the countdown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.screens.common import Screen, button, label, set_text


class IdleOverlay(Screen):
    name = "idle"
    stay = Signal()
    leave = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("idle_overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.seconds = 0
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.panel = QFrame(self)
        self.panel.setProperty("role", "dialog")
        self.panel.setMaximumWidth(640)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(32, 32, 32, 32)
        panel_layout.setSpacing(16)
        self.title = label(self.panel, "headline")
        self.text = label(self.panel, "hint")
        self.stay_button = button(self.panel, "primary", "still_here")
        self.leave_button = button(self.panel, "secondary", "end_session")
        for widget in (self.title, self.text, self.stay_button, self.leave_button):
            panel_layout.addWidget(widget)
        outer.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.stay_button.clicked.connect(self.stay)
        self.leave_button.clicked.connect(self.leave)
        self.covered: list[QWidget] = []
        self.hide()

    def cover(self, *widgets: QWidget) -> None:
        """Hide ``widgets`` whenever the warning shows; show them again when it goes."""
        self.covered = list(widgets)

    def showEvent(self, event) -> None:
        for widget in self.covered:
            widget.hide()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        if not event.spontaneous():   # not merely the window being minimised
            for widget in self.covered:
                widget.show()
        super().hideEvent(event)

    def show_countdown(self, seconds: int) -> None:
        self.seconds = seconds
        self.retranslate()
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.stay_button.setFocus()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Are you still there?"))
        self.text.setText(self.tr("To keep your details private, this kiosk will start "
                                  "over in %1 seconds.").replace("%1", str(self.seconds)))
        set_text(self.stay_button, self.tr("I'm still here"))
        set_text(self.leave_button, self.tr("Start over now"))
