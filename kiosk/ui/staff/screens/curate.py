"""Curate a client's picks: the recommenders' picks with reasons (pin, hide, pick), the
catalogue with stock and place in this store, and the current staff picks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.screens.common import TOUCH, Screen, button, label, set_text
from kiosk.ui.staff.presenters.curate import CuratePresenter
from kiosk.ui.staff.screens.widgets import (
    ItemRow,
    Reflow,
    clear_layout,
    empty_line,
    scrolling,
    section_title,
)
from kiosk.ui.staff.texts import money, reason_text, stock_text
from kiosk.ui.texts import display_name, shelf_title


class CurateScreen(Screen):
    name = "curate"
    back = Signal()

    def __init__(self, presenter: CuratePresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.products: list[dict[str, Any]] = []
        self.suggestions: list[dict[str, Any]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 10, 24, 10)
        outer.setSpacing(8)
        header = QHBoxLayout()
        self.back_button = button(self, "secondary", "back")
        self.back_button.clicked.connect(self.back)
        header.addWidget(self.back_button)
        self.title = label(self, "greeting", wrap=True)
        header.addWidget(self.title, 1)
        outer.addLayout(header)
        note_row = QHBoxLayout()
        self.note = QLineEdit(self)
        self.note.setObjectName("pick_note")
        self.note.setMinimumHeight(TOUCH)
        self.note.setMaxLength(200)
        note_row.addWidget(self.note, 1)
        outer.addLayout(note_row)
        self.message = label(self, "status")
        self.message.setObjectName("curate_message")
        self.message.hide()
        outer.addWidget(self.message)
        area, body, body_layout = scrolling(self)
        outer.addWidget(area, 1)
        self.columns = Reflow(body)
        body_layout.addWidget(self.columns)
        body_layout.addStretch(1)
        left, right = self.columns.column(1), self.columns.column(1)
        self.picks_title = section_title(body)
        left.addWidget(self.picks_title)
        self.picks_list = QVBoxLayout()
        left.addLayout(self.picks_list)
        self.suggested_title = section_title(body)
        left.addWidget(self.suggested_title)
        self.suggested_list = QVBoxLayout()
        left.addLayout(self.suggested_list)
        self.catalogue_title = section_title(body)
        right.addWidget(self.catalogue_title)
        search_row = QHBoxLayout()
        self.search = QLineEdit(body)
        self.search.setObjectName("catalogue_search")
        self.search.setMinimumHeight(TOUCH)
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(presenter.type)
        self.in_stock = button(body, "chip", "in_stock_only")
        self.in_stock.setCheckable(True)
        self.in_stock.clicked.connect(presenter.set_in_stock)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.in_stock)
        right.addLayout(search_row)
        self.catalogue_list = QVBoxLayout()
        right.addLayout(self.catalogue_list)
        presenter.catalogue_ready.connect(self.show_catalogue)
        presenter.suggested_ready.connect(self.show_suggested)
        presenter.customer.loaded.connect(lambda _: self.show_picks())
        presenter.done.connect(self.say)
        presenter.suggested_failed.connect(self._not_ready)
        self.retranslate()

    # -- showing -------------------------------------------------------------------------

    def _note_text(self) -> str:
        text, _ = self.note.text(), self.note.clear()
        return text

    def show_picks(self) -> None:
        clear_layout(self.picks_list)
        picks = self.presenter.curation.get("picks") or []
        if not picks:
            self.picks_list.addWidget(empty_line(self, self.tr("No staff picks yet.")))
        for pick in picks:
            name = display_name(str(pick.get("name") or pick["sku"]))
            note = pick.get("note") or ""
            detail = (self.tr("Picked by %1: “%2”").replace("%1", str(pick.get("by", "")))
                      .replace("%2", note) if note
                      else self.tr("Picked by %1").replace("%1", str(pick.get("by", ""))))
            row = ItemRow(self, name, detail, name="staff_pick_row")
            row.action(self.tr("Remove"), lambda s=pick["sku"]: self.presenter.unpick(s),
                       name="unpick", accessible=self.tr("Remove the pick %1").replace(
                           "%1", name))
            self.picks_list.addWidget(row)

    def show_suggested(self, suggestions: list[dict[str, Any]]) -> None:
        self.suggestions = list(suggestions)
        clear_layout(self.suggested_list)
        if not self.suggestions and self.presenter.customer.customer_id is not None:
            self.suggested_list.addWidget(empty_line(self, self.tr(
                "The recommenders have nothing for this client yet.")))
        for item in self.suggestions:
            sku = item["sku"]
            name = display_name(str(item.get("name") or sku))
            shelf = str(item.get("shelf") or "")
            flags = []
            if item.get("pinned"):
                flags.append(self.tr("pinned"))
            if item.get("hidden"):
                flags.append(self.tr("hidden from them"))
            detail = " · ".join([shelf_title(shelf, shelf), reason_text(item.get("reason")),
                                 stock_text(item.get("stock"), item.get("location")), *flags])
            row = ItemRow(self, name, detail, name="suggested_row")
            row.setProperty("hidden", bool(item.get("hidden")))
            row.action(self.tr("Pick"), lambda s=sku: self.presenter.pick(s, self._note_text()),
                       name="pick", accessible=self.tr("Pick %1").replace("%1", name))
            pinned = bool(item.get("pinned"))
            row.action(self.tr("Unpin") if pinned else self.tr("Pin"),
                       lambda s=sku, p=pinned: self.presenter.pin(s, not p), name="pin",
                       accessible=(self.tr("Unpin %1") if pinned else self.tr("Pin %1"))
                       .replace("%1", name))
            hidden = bool(item.get("hidden"))
            row.action(self.tr("Show again") if hidden else self.tr("Hide"),
                       lambda s=sku, h=hidden: self.presenter.hide(s, not h), name="hide",
                       accessible=(self.tr("Show %1 again") if hidden else self.tr("Hide %1"))
                       .replace("%1", name))
            self.suggested_list.addWidget(row)

    def _not_ready(self, message: str) -> None:
        clear_layout(self.suggested_list)
        self.suggested_list.addWidget(empty_line(self, message))

    def show_catalogue(self, products: list[dict[str, Any]]) -> None:
        self.products = list(products)
        clear_layout(self.catalogue_list)
        if not self.products and self.presenter.customer.customer_id is not None:
            self.catalogue_list.addWidget(empty_line(self, self.tr("No product matches.")))
        for product in self.products:
            sku = product["sku"]
            name = display_name(str(product.get("name") or sku))
            detail = " · ".join(part for part in (
                money(product.get("price")),
                stock_text(product.get("stock"), product.get("location"))) if part)
            row = ItemRow(self, name, detail, name="catalogue_row")
            row.action(self.tr("Pick"), lambda s=sku: self.presenter.pick(s, self._note_text()),
                       name="pick", accessible=self.tr("Pick %1").replace("%1", name))
            self.catalogue_list.addWidget(row)

    def say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.message.setVisible(bool(message))

    def open(self) -> None:
        self.say("")
        self.show_picks()
        self.presenter.open()
        self._title()

    def _title(self) -> None:
        self.title.setText(self.tr("Picks for %1").replace(
            "%1", self.presenter.customer.first_name) if self.presenter.customer.customer_id
            else "")
        self.title.setAccessibleName(self.title.text())

    def retranslate(self) -> None:
        set_text(self.back_button, self.tr("Back"), self.tr("Back to the customer page"))
        self._title()
        self.note.setPlaceholderText(self.tr("A note with the next pick, e.g. "
                                             "“For your daughter's party” (optional)"))
        self.note.setAccessibleName(self.tr("Note with the next pick"))
        self.picks_title.setText(self.tr("Staff picks now"))
        self.suggested_title.setText(self.tr("What the recommenders would show, and why"))
        self.catalogue_title.setText(self.tr("Catalogue"))
        self.search.setPlaceholderText(self.tr("Search the catalogue"))
        self.search.setAccessibleName(self.tr("Search the catalogue"))
        set_text(self.in_stock, self.tr("In stock here"))
        if self.presenter.customer.customer_id is not None:
            self.show_picks()
            self.show_suggested(self.suggestions)
            self.show_catalogue(self.products)

    def clear(self) -> None:
        self.products, self.suggestions = [], []
        for layout in (self.picks_list, self.suggested_list, self.catalogue_list):
            clear_layout(layout)
        self.note.clear()
        self.search.clear()
        self.in_stock.setChecked(False)
        self.say("")
        self.title.setText("")
