"""Sign-in: each member of staff types their own PIN on a large pad."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.i18n import LANGUAGES
from kiosk.ui.screens.common import TOUCH, Screen, button, label, set_text
from kiosk.ui.staff.presenters.desk import DeskPresenter


class SignInScreen(Screen):
    name = "sign_in"
    language_chosen = Signal(str)

    def __init__(self, desk: DeskPresenter, store_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addStretch(1)
        self.language_buttons = {}
        for code, own_name in LANGUAGES.items():
            choice = button(self, "language", f"language_{code}")
            set_text(choice, own_name)
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            self.language_buttons[code] = choice
            top.addWidget(choice)
        outer.addLayout(top)
        outer.addStretch(1)
        self.store = label(self, "store-name")
        self.store.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.store.setText(store_name)
        self.store.setAccessibleName(store_name)
        self.title = label(self, "headline")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setMinimumHeight(TOUCH)
        self.pin.setMaximumWidth(460)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = label(self, "error")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.store, self.title):
            outer.addWidget(widget)
        outer.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.message)
        pad = QGridLayout()
        pad.setSpacing(10)
        self.digits = {}
        for i, digit in enumerate("1234567890"):
            key = button(self, "key", f"digit_{digit}")
            set_text(key, digit)
            key.setMinimumHeight(72)
            key.clicked.connect(lambda _=False, d=digit: self._press(d))
            self.digits[digit] = key
            pad.addWidget(key, *(divmod(i, 3) if digit != "0" else (3, 1)))
        self.erase_button = button(self, "key", "backspace")
        self.erase_button.setMinimumHeight(72)
        self.erase_button.clicked.connect(self.pin.backspace)
        pad.addWidget(self.erase_button, 3, 0)
        self.ok_button = button(self, "primary", "sign_in")
        self.ok_button.setMinimumHeight(72)
        self.ok_button.clicked.connect(self.submit)
        pad.addWidget(self.ok_button, 3, 2)
        holder = QWidget(self)
        holder.setObjectName("sign_in_pad")
        holder.setLayout(pad)
        # at least 460 px, wider when its keys need it (larger text, French): a fixed
        # width squeezed the keys until they overlapped
        holder.setMinimumWidth(460)
        holder.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        outer.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.pin.returnPressed.connect(self.submit)
        desk.refused.connect(self._refused)
        self.retranslate()

    def _press(self, digit: str) -> None:
        self.pin.insert(digit)
        self.message.setText("")

    def submit(self) -> None:
        pin, _ = self.pin.text(), self.pin.clear()
        if pin:
            self.message.setText(self.tr("Checking…"))
            self.desk.sign_in(pin)

    def _refused(self, message: str) -> None:
        self.message.setText(message)
        self.message.setAccessibleName(message)

    def set_language(self, code: str) -> None:
        for other, choice in self.language_buttons.items():
            choice.setChecked(other == code)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff sign-in: type your PIN"))
        self.title.setAccessibleName(self.title.text())
        self.pin.setAccessibleName(self.tr("Your staff PIN"))
        self.pin.setPlaceholderText(self.tr("PIN"))
        set_text(self.erase_button, "⌫", self.tr("Delete a digit"))
        set_text(self.ok_button, self.tr("Sign in"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # a keyboard (or a tablet's own) types the PIN straight away, no tap first
        QTimer.singleShot(0, self.pin.setFocus)

    def clear(self) -> None:
        self.pin.clear()
        self.message.setText("")
