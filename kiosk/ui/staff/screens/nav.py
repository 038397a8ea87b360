"""The bar across the top while someone is signed in: where to go, who is here, Lock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kiosk.ui.screens.common import button, label, set_text


class NavBar(QFrame):
    go = Signal(str)          # "book" | "advisor" | "help"
    lock_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staff_nav")
        self.setProperty("role", "nav")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.setSpacing(8)
        self.buttons = {}
        for key in ("book", "advisor", "help"):
            choice = button(self, "nav", f"nav_{key}")
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, k=key: self.go.emit(k))
            self.buttons[key] = choice
            row.addWidget(choice)
        self.who = label(self, "nav-who", wrap=True)   # gives way to the buttons when narrow
        self.who.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.who.setMinimumWidth(60)
        row.addWidget(self.who, 1)
        self.lock_button = button(self, "primary", "lock")
        self.lock_button.clicked.connect(self.lock_clicked)
        row.addWidget(self.lock_button)
        self.staff_name = ""
        self.manager = False
        self.waiting = 0
        self.retranslate()

    def set_current(self, key: str) -> None:
        for other, choice in self.buttons.items():
            choice.setChecked(other == key)

    def set_staff(self, name: str, manager: bool) -> None:
        self.staff_name, self.manager = name, manager
        self.retranslate()

    def set_waiting(self, count: int) -> None:
        self.waiting = count
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        set_text(self.buttons["book"], self.tr("Clients"))
        set_text(self.buttons["advisor"], self.tr("Today"))
        help_text = (self.tr("Help (%1)").replace("%1", str(self.waiting)) if self.waiting
                     else self.tr("Help"))
        set_text(self.buttons["help"], help_text)
        self.buttons["help"].setProperty("waiting", bool(self.waiting))
        self.buttons["help"].style().polish(self.buttons["help"])
        who = (self.tr("%1, manager").replace("%1", self.staff_name) if self.manager
               else self.staff_name)
        self.who.setText(who)
        self.who.setAccessibleName(self.tr("Signed in: %1").replace("%1", who))
        set_text(self.lock_button, self.tr("Lock"))
