"""Help requests: who asked, where, what they were looking at, and Take."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.screens.common import Screen, button, label, set_text
from kiosk.ui.staff.presenters.help import HelpPresenter
from kiosk.ui.staff.screens.widgets import ItemRow, clear_layout, empty_line, scrolling
from kiosk.ui.texts import display_name


def asked_time(stamp: Any) -> str:
    """The time of day a request was made ("14:02"), from head office's UTC stamp."""
    from datetime import datetime

    from PySide6.QtCore import QDateTime, QLocale

    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return ""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)


class HelpScreen(Screen):
    name = "help"

    def __init__(self, presenter: HelpPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.requests: list[dict[str, Any]] = []
        self.take_buttons: dict[str, Any] = {}     # request id -> its Take button
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        outer.setSpacing(8)
        header = QHBoxLayout()
        self.title = label(self, "greeting", wrap=False)
        header.addWidget(self.title, 1)
        self.refresh_button = button(self, "secondary", "refresh_help")
        self.refresh_button.clicked.connect(presenter.refresh)
        header.addWidget(self.refresh_button)
        outer.addLayout(header)
        self.status = label(self, "status")
        self.status.setObjectName("help_status")
        outer.addWidget(self.status)
        area, _, self.list_layout = scrolling(self)
        outer.addWidget(area, 1)
        presenter.requests.connect(self.show_requests)
        presenter.status.connect(self.say)
        presenter.taken.connect(self.say)
        self.retranslate()

    def show_requests(self, requests: list[dict[str, Any]]) -> None:
        self.requests = list(requests)
        self.take_buttons = {}
        clear_layout(self.list_layout)
        if not self.requests:
            self.list_layout.addWidget(empty_line(self, self.tr("No one is waiting for help.")))
        for request in self.requests:
            who = request.get("first_name") or self.tr("A shopper")
            title = (self.tr("%1 at %2, asked at %3").replace("%1", who)
                     .replace("%2", str(request.get("kiosk") or ""))
                     .replace("%3", asked_time(request.get("asked"))))
            items = [display_name(str(i.get("name") or i.get("sku", "")))
                     for i in request.get("looking_at") or []]
            detail = (self.tr("Looking at: %1").replace("%1", ", ".join(items)) if items
                      else self.tr("What they were looking at is not shared."))
            row = ItemRow(self, title, detail, name="help_row")
            self.take_buttons[request["request_id"]] = row.action(
                self.tr("Take"), lambda r=request["request_id"]: self.presenter.take(r),
                role="primary", name="take", accessible=self.tr("Take: %1").replace("%1", title))
            self.list_layout.addWidget(row)
        self.list_layout.addStretch(1)

    def say(self, message: str) -> None:
        self.status.setText(message)
        self.status.setAccessibleName(message)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Help requests"))
        set_text(self.refresh_button, self.tr("Refresh"))
        self.show_requests(self.requests)

    def clear(self) -> None:
        self.requests = []
        self.take_buttons = {}
        clear_layout(self.list_layout)
        self.status.setText("")
