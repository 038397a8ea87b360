"""The accessibility panel: larger text, high contrast, read aloud; over any screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.presenters.accessibility import AccessibilityPresenter
from kiosk.ui.screens.common import Screen, button, label, set_text

translate = QCoreApplication.translate


def accessibility_button(parent: QWidget) -> QPushButton:
    """The button that opens the panel (on the attract and picks screens)."""
    widget = button(parent, "secondary", "accessibility")
    widget.setProperty("accessibility", True)
    return widget


def retranslate_accessibility_button(widget: QPushButton, *, compact: bool = False) -> None:
    """"Aa Easier to read"; ``compact``: "Aa" alone (a header with many buttons)."""
    words = translate("AccessibilityPanel", "Easier to read")
    set_text(widget, "Aa" if compact else f"Aa  {words}",
             translate("AccessibilityPanel",
                       "Accessibility: larger text, high contrast, read aloud"))
    widget.setToolTip(words)


class AccessibilityPanel(Screen):
    """Drawn over the window; every choice applies at once and lasts for this shopper."""

    name = "accessibility"
    closed = Signal()

    def __init__(self, presenter: AccessibilityPresenter, parent: QWidget,
                 speech_text: Callable[[], str] = lambda: ""):
        super().__init__(parent)
        self.presenter = presenter
        self.speech_text = speech_text
        self.setObjectName("accessibility_overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.panel = QFrame(self)
        self.panel.setProperty("role", "dialog")
        self.panel.setMaximumWidth(680)
        layout = QVBoxLayout(self.panel)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(16)
        self.title = label(self.panel, "headline")
        self.large_text_button = button(self.panel, "chip", "large_text")
        self.contrast_button = button(self.panel, "chip", "high_contrast")
        for toggle in (self.large_text_button, self.contrast_button):
            toggle.setCheckable(True)
        self.read_button = button(self.panel, "secondary", "read_aloud")
        self.close_button = button(self.panel, "primary", "close_accessibility")
        for widget in (self.title, self.large_text_button, self.contrast_button,
                       self.read_button, self.close_button):
            layout.addWidget(widget)
        outer.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.large_text_button.toggled.connect(presenter.set_large_text)
        self.contrast_button.toggled.connect(presenter.set_high_contrast)
        self.read_button.clicked.connect(self.read_aloud)
        self.close_button.clicked.connect(self.close_panel)
        presenter.changed.connect(self._sync)
        self.speech_checked = False
        self.hide()
        self.retranslate()

    def open(self) -> None:
        if not self.speech_checked:  # loads Qt's speech module: on first use, not at start-up
            self.speech_checked = True
            self.read_button.setVisible(self.presenter.can_speak())
        self._sync()
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.close_button.setFocus()

    def close_panel(self) -> None:
        self.hide()
        self.closed.emit()   # the window gives the focus back (the keypad, on attract)

    def read_aloud(self) -> None:
        self.presenter.speak(self.speech_text())

    def _sync(self) -> None:
        for toggle, on in ((self.large_text_button, self.presenter.large_text),
                           (self.contrast_button, self.presenter.high_contrast)):
            toggle.blockSignals(True)
            toggle.setChecked(on)
            toggle.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Easier to read"))
        set_text(self.large_text_button, self.tr("Larger text"))
        set_text(self.contrast_button, self.tr("High contrast"))
        set_text(self.read_button, self.tr("Read this screen aloud"))
        set_text(self.close_button, self.tr("Close"))

    def clear(self) -> None:
        self.hide()
