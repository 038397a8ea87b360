"""On-screen keypad for the short code printed under the QR (``XXXX-XXXX-XXXX-C``).

What a shopper typed is kept when a code is refused, so one wrong symbol is
fixed with Delete, not by typing all 13 again. The 13th symbol is a check
(mod 37, ``kiosk.identity.base32``): it catches every single wrong or swapped
symbol, here, before any look-up (so a typo costs nothing against the scan
rate limit), but cannot say which symbol is wrong, so the keypad says only
that one is. The error line keeps its height when empty: nothing moves when
a message appears. While the kiosk refuses scans (``rate_limited``) the
keypad counts down the real wait on its OK button and error line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.identity import base32
from kiosk.identity.token import SHORT_LENGTH, Malformed, format_short, parse_short

TOUCH = 56  # px, over the 44 px minimum target
COLUMNS = 8
PLACEHOLDER = "_"
# a typed code nobody touches for this long is cleared (the next shopper must not see it)
FORGET_AFTER_MS = 60_000
ERROR_LINES = 2


class ReservedLine(QLabel):
    """A label as tall as ``lines`` lines of its font, empty or not: nothing moves."""

    def __init__(self, parent: QWidget, lines: int):
        super().__init__(parent)
        self.lines = lines
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.reserve()

    def reserve(self) -> None:
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.lines + 8)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.Polish):
            self.reserve()
        return super().event(event)


class KeypadWidget(QWidget):
    """The 32 symbols of the code, delete, clear and OK; emits ``code_entered``."""

    code_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("keypad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.symbols = ""
        self.error = ""
        self.wait_left = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)   # the screen around it has its own
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.display = QLabel(self)
        self.display.setObjectName("keypad_display")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumHeight(TOUCH)
        self.error_line = ReservedLine(self, ERROR_LINES)
        self.error_line.setObjectName("keypad_error")
        self.error_line.setProperty("role", "error")
        self.error_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)
        layout.addWidget(self.display)
        layout.addWidget(self.error_line)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for index, symbol in enumerate(base32.ALPHABET):
            key = self._button(symbol)
            key.setObjectName(f"key_{symbol}")
            key.clicked.connect(lambda _=False, s=symbol: self.press(s))
            grid.addWidget(key, index // COLUMNS, index % COLUMNS)
            self.keys[symbol] = key
        layout.addLayout(grid)
        actions = QHBoxLayout()
        self.delete_button = self._button("")
        self.delete_button.clicked.connect(self.delete)
        self.clear_button = self._button("")
        self.clear_button.clicked.connect(self.clear)
        self.ok_button = self._button("")
        self.ok_button.setObjectName("keypad_ok")
        self.ok_button.setProperty("role", "primary")
        self.ok_button.clicked.connect(self.submit)
        for widget in (self.delete_button, self.clear_button, self.ok_button):
            actions.addWidget(widget)
        layout.addLayout(actions)
        self.forget_timer = QTimer(self)
        self.forget_timer.setSingleShot(True)
        self.forget_timer.setInterval(FORGET_AFTER_MS)
        self.forget_timer.timeout.connect(self.clear)
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self._tick)
        self.retranslate()
        self._refresh()

    def _button(self, text: str) -> QPushButton:
        widget = QPushButton(text, self)
        widget.setMinimumSize(TOUCH, TOUCH)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return widget

    def follow(self, session: Any) -> None:
        """Count down the wait when the kiosk refuses scans (``session.scan_wait``)."""
        session.scan_wait.connect(self.wait_for)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Keypad for the code printed on your card"))
        self.prompt.setText(self.tr(
            "No camera handy? Type the 13 characters printed under the QR code, like "
            "this: XXXX-XXXX-XXXX-X"))
        for symbol, key in self.keys.items():
            key.setAccessibleName(self.tr("Type %1").replace("%1", symbol))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the last character"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the code"))
        self.ok_button.setAccessibleName(self.tr("Use this code"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- editing ----------------------------------------------------------------

    def press(self, symbol: str) -> None:
        folded = base32.normalise(symbol)
        if len(folded) == 1 and base32.is_canonical(folded) and len(self.symbols) < SHORT_LENGTH:
            self.symbols += folded
            self._edited()

    def delete(self) -> None:
        self.symbols = self.symbols[:-1]
        self._edited()

    def clear(self) -> None:
        self.symbols = ""
        self._edited()

    def submit(self) -> None:
        """Check the code here (its check symbol), then hand it on; the typing is kept."""
        if len(self.symbols) != SHORT_LENGTH or self.wait_left:
            return
        try:
            parse_short(self.symbols)
        except Malformed:
            self.error = self.tr("Check the code and try again: one of the characters "
                                 "does not match the card.")
            self._refresh()
            return
        self.error = ""
        self._refresh()
        self.code_entered.emit(self.symbols)

    def wait_for(self, seconds: int) -> None:
        """The kiosk takes no scan for ``seconds``: say so, counting down, and hold OK."""
        self.wait_left = max(0, int(seconds))
        if self.wait_left:
            self.wait_timer.start()
        self._refresh()

    def _tick(self) -> None:
        self.wait_left = max(0, self.wait_left - 1)
        if not self.wait_left:
            self.wait_timer.stop()
        self._refresh()

    def _edited(self) -> None:
        self.error = ""
        if self.symbols:
            self.forget_timer.start()
        else:
            self.forget_timer.stop()
        self._refresh()

    def _refresh(self) -> None:
        shown = self.symbols + PLACEHOLDER * (SHORT_LENGTH - len(self.symbols))
        self.display.setText(format_short(shown))
        self.display.setAccessibleName(
            self.tr("Code typed so far: %1").replace("%1", " ".join(self.symbols) or "-"))
        if self.wait_left:
            message = self.tr("Please wait %n second(s), then try again.", "",
                              self.wait_left)
            self.ok_button.setText(self.tr("Wait %n s", "", self.wait_left))
        else:
            message = self.error
            self.ok_button.setText(self.tr("OK"))
        self.error_line.setText(message)
        self.error_line.setAccessibleName(message)
        self.ok_button.setEnabled(len(self.symbols) == SHORT_LENGTH and not self.wait_left)
        self.delete_button.setEnabled(bool(self.symbols))

    def hideEvent(self, event: QHideEvent) -> None:
        """Gone from the screen (a session began): the code goes with it."""
        self.symbols, self.error = "", ""
        self.forget_timer.stop()
        self._refresh()
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A physical keyboard works too (typed slowly: the scanner filter lets it through)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif event.key() == Qt.Key.Key_Backspace:
            self.delete()
        elif event.text():
            self.press(event.text())
        else:
            super().keyPressEvent(event)
