"""Today's list: lapsing clients, new clients this week, saved items back in stock, help."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.common import Screen, button, label, set_text
from kiosk.ui.staff.presenters.advisor import AdvisorPresenter
from kiosk.ui.staff.screens.book import client_title
from kiosk.ui.staff.screens.widgets import (
    Reflow,
    RowButton,
    clear_layout,
    empty_line,
    scrolling,
    section_title,
)
from kiosk.ui.staff.texts import day, stock_text
from kiosk.ui.texts import display_name, format_date


class AdvisorScreen(Screen):
    name = "advisor"
    open_customer = Signal(str)
    open_help = Signal()

    def __init__(self, presenter: AdvisorPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.today: dict[str, Any] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        outer.setSpacing(8)
        self.title = label(self, "greeting")
        outer.addWidget(self.title)
        self.reference = label(self, "hint")
        outer.addWidget(self.reference)
        area, body, body_layout = scrolling(self)
        outer.addWidget(area, 1)
        columns = Reflow(body)
        body_layout.addWidget(columns)
        body_layout.addStretch(1)
        left, right = columns.column(1), columns.column(1)
        self.titles: dict[str, Any] = {}
        self.lists: dict[str, QVBoxLayout] = {}
        for key, column in (("lapsing", left), ("new_this_week", left),
                            ("back_in_stock", right), ("help", right)):
            self.titles[key] = section_title(body)
            column.addWidget(self.titles[key])
            self.lists[key] = QVBoxLayout()
            column.addLayout(self.lists[key])
        self.help_button = button(body, "secondary", "open_help")
        self.help_button.clicked.connect(self.open_help)
        right.addWidget(self.help_button)
        presenter.ready.connect(self.show_today)
        self.retranslate()

    def show_today(self, today: dict[str, Any]) -> None:
        self.today = dict(today)
        for layout in self.lists.values():
            clear_layout(layout)
        self._reference()
        if not today:
            return
        for entry in today.get("lapsing") or []:
            client = entry["client"]
            self._client("lapsing", client, self.tr(
                "%n day(s) past their usual visit", "", int(entry.get("days_over") or 0))
                + " · " + self.tr("last visit %1").replace("%1", day(client.last_visit)))
        for client in today.get("new_this_week") or []:
            self._client("new_this_week", client, self.tr("last visit %1").replace(
                "%1", day(client.last_visit)))
        for entry in today.get("back_in_stock") or []:
            self._client("back_in_stock", entry["client"], " · ".join((
                display_name(str(entry.get("name") or entry.get("sku", ""))),
                stock_text(entry.get("stock"), entry.get("location")))))
        nobody = {"lapsing": self.tr("No one today."),
                  "new_this_week": self.tr("No new clients this week."),
                  "back_in_stock": self.tr("Nothing back in stock for your clients today.")}
        for key, text in nobody.items():
            if not today.get(key):
                self.lists[key].addWidget(empty_line(self, text))
        waiting = today.get("help")
        if waiting is None:
            text = self.tr("Head office is not set up or out of reach: help requests cannot "
                           "be shown.")
        else:
            text = self.tr("%n shopper(s) waiting for help.", "", len(waiting))
        self.lists["help"].addWidget(empty_line(self, text))

    def _client(self, key: str, client: Any, detail: str) -> None:
        row = RowButton(self, client.customer_id, client_title(client), detail)
        row.setObjectName(f"{key}_row")
        row.chosen.connect(self.open_customer)
        self.lists[key].addWidget(row)

    def _reference(self) -> None:
        when = self.today.get("today")
        self.title.setText(self.tr("Today, %1").replace("%1", format_date(when)) if when
                           else self.tr("Today"))
        self.title.setAccessibleName(self.title.text())
        from datetime import date

        shown = bool(when) and str(when)[:10] != date.today().isoformat()
        self.reference.setVisible(shown)
        self.reference.setText(self.tr(
            "This store's history ends earlier, so the list is worked out for the day after "
            "its last sale.") if shown else "")

    def retranslate(self) -> None:
        titles = {"lapsing": self.tr("Lapsing: past their usual interval"),
                  "new_this_week": self.tr("New clients this week"),
                  "back_in_stock": self.tr("Saved, and back in stock"),
                  "help": self.tr("Help waiting")}
        for key, title in titles.items():
            self.titles[key].setText(title)
        set_text(self.help_button, self.tr("Open help requests"))
        self.show_today(self.today)

    def clear(self) -> None:
        self.today = {}
        for layout in self.lists.values():
            clear_layout(layout)
        self._reference()
