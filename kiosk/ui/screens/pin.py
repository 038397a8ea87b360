"""Staff PIN, to leave kiosk mode."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.presenters.staff_gate import StaffGatePresenter
from kiosk.ui.screens.common import TOUCH, Screen, button, label, set_text


class PinScreen(Screen):
    name = "pin"
    back = Signal()

    def __init__(self, gate: StaffGatePresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.gate = gate
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.title = label(self, "headline")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setMinimumHeight(TOUCH)
        self.pin.setMaximumWidth(360)
        self.pin.setObjectName("pin")
        self.message = label(self, "error")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.title)
        outer.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.message)
        pad = QGridLayout()
        pad.setSpacing(10)
        self.digits = []
        for i, digit in enumerate("123456789"):
            digit_button = button(self, "key", f"digit_{digit}")
            set_text(digit_button, digit)
            digit_button.clicked.connect(lambda _=False, d=digit: self.pin.insert(d))
            pad.addWidget(digit_button, i // 3, i % 3)
            self.digits.append(digit_button)
        zero = self.zero_button = button(self, "key", "digit_0")
        set_text(zero, "0")
        zero.clicked.connect(lambda: self.pin.insert("0"))
        pad.addWidget(zero, 3, 1)
        self.erase_button = button(self, "key", "backspace")
        self.erase_button.clicked.connect(self.pin.backspace)
        pad.addWidget(self.erase_button, 3, 0)
        self.ok_button = button(self, "primary", "pin_ok")
        self.ok_button.clicked.connect(self.submit)
        pad.addWidget(self.ok_button, 3, 2)
        holder = QWidget(self)
        holder.setObjectName("pin_pad")
        holder.setLayout(pad)
        # as wide as its keys need (the QSS sizes them, larger text too): a fixed 360 px
        # squeezed three 124 px keys into it, overlapping, the right column clipped
        holder.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        outer.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        self.back_button = button(self, "secondary", "back")
        self.back_button.clicked.connect(self.back)
        outer.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.pin.returnPressed.connect(self.submit)
        gate.refused.connect(self._refused)
        self.retranslate()

    def submit(self) -> None:
        pin, _ = self.pin.text(), self.pin.clear()
        if pin:
            self.gate.check(pin)

    def _refused(self, message: str) -> None:
        self.message.setText(message)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff PIN"))
        self.pin.setAccessibleName(self.tr("Staff PIN"))
        set_text(self.erase_button, "⌫", self.tr("Delete a digit"))
        set_text(self.ok_button, self.tr("OK"))
        set_text(self.back_button, self.tr("Cancel"))

    def clear(self) -> None:
        self.pin.clear()
        self.message.setText("")

    def showEvent(self, event) -> None:
        self.clear()
        super().showEvent(event)
