"""Out of order: the database is damaged; shoppers are sent to staff, staff get the detail.

Shown instead of every shopper screen until the kiosk is restarted (see
``HealthPresenter``). The *Staff* button leads to the PIN, to leave kiosk
mode; it is absent when the kiosk could not even open its database (there
are no staff accounts to check then).
"""

from __future__ import annotations

import shlex

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.store.health import Damage
from kiosk.ui.screens.common import Screen, label, set_text, staff_and_languages

translate = QCoreApplication.translate


class OutOfOrderScreen(Screen):
    name = "out_of_order"
    language_chosen = Signal(str)
    staff_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, *, staff_button: bool = True):
        super().__init__(parent)
        self.damage: Damage | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        top, self.staff_button, self.language_buttons = staff_and_languages(
            self, self.language_chosen)
        self.staff_button.setVisible(staff_button)
        self.staff_button.clicked.connect(self.staff_clicked)
        outer.addLayout(top)
        outer.addStretch(2)
        self.headline = label(self, "headline")
        self.hint = label(self, "hint")
        for widget in (self.headline, self.hint):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(widget)
        outer.addStretch(1)
        self.staff_panel = QFrame(self)
        self.staff_panel.setProperty("role", "dialog")
        panel = QVBoxLayout(self.staff_panel)
        panel.setContentsMargins(24, 16, 24, 16)
        self.staff_title = label(self.staff_panel, "shelf-title")
        self.detail = label(self.staff_panel, "status")
        self.todo = label(self.staff_panel, "status")
        self.detail.setObjectName("out_of_order_detail")
        self.todo.setObjectName("out_of_order_todo")
        for widget in (self.detail, self.todo):
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.staff_title, self.detail, self.todo):
            panel.addWidget(widget)
        outer.addWidget(self.staff_panel)
        outer.addStretch(1)
        self.retranslate()

    def show_damage(self, damage: Damage) -> None:
        self.damage = damage
        self.retranslate()

    def set_language(self, code: str) -> None:
        for other, language_button in self.language_buttons.items():
            language_button.setChecked(other == code)

    def retranslate(self) -> None:
        self.headline.setText(self.tr("This kiosk is out of order."))
        self.hint.setText(self.tr("Please ask a member of staff."))
        set_text(self.staff_button, self.tr("Staff"))
        self.staff_title.setText(self.tr("For staff"))
        damage = self.damage
        detail = damage.detail if damage else ""
        database = shlex.quote(damage.database) if damage else "FILE"
        self.detail.setText(self.tr(
            "The kiosk's database is damaged (%1). The kiosk stays out of order until it "
            "is restarted; nothing a shopper does can change that.").replace("%1", detail))
        self.todo.setText(self.tr(
            "Stop the kiosk, then run: kiosk store check --db %1\n"
            "It tells you how to restore a backup or rebuild the database from head "
            "office.").replace("%1", database))
        for widget in (self.headline, self.hint, self.staff_title, self.detail, self.todo):
            widget.setAccessibleName(widget.text())
