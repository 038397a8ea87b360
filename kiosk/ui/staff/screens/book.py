"""The client book: search as you type, mine or the store's, filter chips, scan a card."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.screens.common import TOUCH, Screen, button, label, set_text
from kiosk.ui.staff.presenters.book import BookPresenter
from kiosk.ui.staff.screens.widgets import (
    FlowLayout,
    RowButton,
    empty_line,
    scrolling,
)
from kiosk.ui.staff.texts import day, filter_name, money

translate = QCoreApplication.translate

FILTERS = ("lapsing", "recently_seen", "saved_not_bought", "high_value")


class BookScreen(Screen):
    name = "book"
    open_customer = Signal(str)

    def __init__(self, presenter: BookPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.rows: list[Any] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        outer.setSpacing(10)
        self.title = label(self, "greeting", wrap=False)
        outer.addWidget(self.title)
        fields = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("client_search")
        self.search.setMinimumHeight(TOUCH)
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(presenter.type)
        fields.addWidget(self.search, 3)
        self.scan = QLineEdit(self)
        self.scan.setObjectName("card_scan")
        self.scan.setMinimumHeight(TOUCH)
        self.scan.returnPressed.connect(self._scan_entered)
        fields.addWidget(self.scan, 2)
        outer.addLayout(fields)
        self.chips_holder = QWidget(self)
        chips = FlowLayout(self.chips_holder, spacing=8)
        self.scope_buttons = {}
        for key in ("store", "mine"):
            scope = button(self.chips_holder, "chip", f"scope_{key}")
            scope.setCheckable(True)
            scope.clicked.connect(lambda _=False, k=key: self._scope(k))
            self.scope_buttons[key] = scope
            chips.addWidget(scope)
        self.filter_buttons = {}
        for key in FILTERS:
            chip = button(self.chips_holder, "chip", f"filter_{key}")
            chip.setCheckable(True)
            chip.clicked.connect(lambda on, k=key: self._filter(k, on))
            self.filter_buttons[key] = chip
            chips.addWidget(chip)
        outer.addWidget(self.chips_holder)
        self.message = label(self, "error")
        self.message.hide()
        outer.addWidget(self.message)
        self.count = label(self, "hint")
        outer.addWidget(self.count)
        self.row_buttons: list[RowButton] = []
        self.no_match: QLabel | None = None
        area, _, self.list_layout = scrolling(self)
        area.setObjectName("client_results")
        outer.addWidget(area, 1)
        presenter.results.connect(self.show_rows)
        presenter.scan_failed.connect(self._scan_failed)
        self.scope_buttons["store"].setChecked(True)
        self.retranslate()

    # -- input ---------------------------------------------------------------------

    def _scope(self, key: str) -> None:
        for other, scope in self.scope_buttons.items():
            scope.setChecked(other == key)
        self.presenter.set_scope(key == "mine")

    def _filter(self, key: str, on: bool) -> None:
        for other, chip in self.filter_buttons.items():
            chip.setChecked(on and other == key)
        self.presenter.set_filter(key if on else None)

    def _scan_entered(self) -> None:
        code, _ = self.scan.text(), self.scan.clear()
        self.message.hide()
        self.presenter.scanned(code)

    def _scan_failed(self, message: str) -> None:
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.message.show()

    # -- results -------------------------------------------------------------------

    def show_rows(self, rows: list[Any]) -> None:
        """The answer to a search. Rows are reused, not rebuilt, as staff type: building
        and laying out 50 new widgets per keystroke took longer than the search itself."""
        self.rows = list(rows)
        if self.no_match is None:
            self.no_match = empty_line(self, "")
            self.list_layout.addWidget(self.no_match)
            self.list_layout.addStretch(1)
        for index, row in enumerate(self.rows):
            if index == len(self.row_buttons):
                entry = RowButton(self, row.customer_id, "", "")
                entry.setObjectName("client_row")
                entry.chosen.connect(self.open_customer)
                self.list_layout.insertWidget(index, entry)
                self.row_buttons.append(entry)
            self.row_buttons[index].show_row(row.customer_id, client_title(row),
                                             client_detail(row))
            self.row_buttons[index].show()
        self._blank_rows(len(self.rows))
        self.no_match.setText(self.tr(
            "No client matches. Only clients who share their profile with staff are listed."))
        self.no_match.setVisible(not self.rows)
        self._count()

    def _blank_rows(self, keep: int) -> None:
        """Hide the rows past ``keep``, emptied: no client is left in a hidden widget."""
        for entry in self.row_buttons[keep:]:
            entry.hide()
            entry.show_row("", "", "")

    def _count(self) -> None:
        text = self.tr("%n client(s)", "", len(self.rows))
        self.count.setText(text)
        self.count.setAccessibleName(text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Client book"))
        self.search.setPlaceholderText(self.tr("Search by first name or short code"))
        self.search.setAccessibleName(self.tr("Search clients by first name or short code"))
        self.scan.setPlaceholderText(self.tr("Scan or type a card code"))
        self.scan.setAccessibleName(self.tr("Scan or type a card code, then Enter"))
        set_text(self.scope_buttons["store"], self.tr("This store"))
        set_text(self.scope_buttons["mine"], self.tr("My clients"))
        for key, chip in self.filter_buttons.items():
            set_text(chip, filter_name(key))
        if self.rows or self.list_layout.count():
            self.show_rows(self.rows)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # tap "Clients" and type: the search answers without a tap on the field first
        QTimer.singleShot(0, self.search.setFocus)

    def clear(self) -> None:
        self.rows = []
        self._blank_rows(0)
        if self.no_match is not None:
            self.no_match.hide()
        self.search.clear()
        self.scan.clear()
        self.message.hide()
        self.count.setText("")
        self.scope_buttons["store"].setChecked(True)
        self.scope_buttons["mine"].setChecked(False)
        for chip in self.filter_buttons.values():
            chip.setChecked(False)


def client_title(row: Any) -> str:
    """A client's row title: first name (never more), and their advisor if any."""
    name = row.first_name or translate("ClientRow", "(no first name)")
    if getattr(row, "advisor", None):
        return translate("ClientRow", "%1 · advisor %2").replace("%1", name).replace(
            "%2", row.advisor)
    return name


def client_detail(row: Any) -> str:
    return (translate("ClientRow", "Last visit %1 · %n visit(s) · %2 spent", "", row.visits)
            .replace("%1", day(row.last_visit)).replace("%2", money(row.spend)))
