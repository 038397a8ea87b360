"""On-screen keypad for the short code printed under the QR (``XXXX-XXXX-XXXX-C``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.identity import base32
from kiosk.identity.token import SHORT_LENGTH, format_short

TOUCH = 56  # px, over the 44 px minimum target
COLUMNS = 8


class KeypadWidget(QWidget):
    """The 32 symbols of the code, delete, clear and OK; emits ``code_entered``."""

    code_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("keypad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.symbols = ""
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.display = QLabel(self)
        self.display.setObjectName("keypad_display")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumHeight(TOUCH)
        layout.addWidget(self.prompt)
        layout.addWidget(self.display)
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
        self.retranslate()
        self._refresh()

    def _button(self, text: str) -> QPushButton:
        widget = QPushButton(text, self)
        widget.setMinimumSize(TOUCH, TOUCH)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return widget

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Keypad for the code printed on your card"))
        self.prompt.setText(self.tr("No camera handy? Type the code printed under the QR code."))
        for symbol, key in self.keys.items():
            key.setAccessibleName(self.tr("Type %1").replace("%1", symbol))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the last character"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the code"))
        self.ok_button.setText(self.tr("OK"))
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
            self._refresh()

    def delete(self) -> None:
        self.symbols = self.symbols[:-1]
        self._refresh()

    def clear(self) -> None:
        self.symbols = ""
        self._refresh()

    def submit(self) -> None:
        if len(self.symbols) != SHORT_LENGTH:
            return
        code, self.symbols = self.symbols, ""
        self._refresh()
        self.code_entered.emit(code)

    def _refresh(self) -> None:
        shown = format_short(self.symbols) if self.symbols else "____-____-____-_"
        self.display.setText(shown)
        self.display.setAccessibleName(
            self.tr("Code typed so far: %1").replace("%1", " ".join(self.symbols) or "-"))
        self.ok_button.setEnabled(len(self.symbols) == SHORT_LENGTH)
        self.delete_button.setEnabled(bool(self.symbols))

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
