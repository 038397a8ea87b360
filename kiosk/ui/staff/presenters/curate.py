"""Curating one client's picks: the catalogue with stock and place, the recommenders'
picks with their reasons, and staff picks, pins and hides (record fields that reach
every kiosk of the chain)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.recommend.service import ModelsNotReady
from kiosk.ui.staff.presenters.book import DEBOUNCE_MS
from kiosk.ui.staff.presenters.customer import CustomerPresenter
from kiosk.ui.staff.presenters.desk import DeskPresenter

translate = QCoreApplication.translate


class CuratePresenter(QObject):
    catalogue_ready = Signal(list)   # [{"sku", "name", "price", "stock", "location", ...}]
    suggested_ready = Signal(list)   # [{"sku", "name", "shelf", "reason", "pinned", "hidden", ...}]
    done = Signal(str)               # a short confirmation
    suggested_failed = Signal(str)   # why the recommenders' picks cannot be shown now

    def __init__(self, desk: DeskPresenter, customer: CustomerPresenter,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.desk = desk
        self.customer = customer
        self.text = ""
        self.in_stock = False
        self.products: list[dict[str, Any]] = []
        self.suggestions: list[dict[str, Any]] = []
        self._asked = 0
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search)
        desk.locked.connect(self.forget)
        customer.closed.connect(lambda _: self.forget())

    @property
    def curation(self) -> dict[str, Any]:
        return self.customer.page.get("curation") or {"picks": [], "pinned": [], "hidden": []}

    def open(self) -> None:
        """Load the picks for the open client and the catalogue."""
        customer_id = self.customer.customer_id
        if customer_id is None:
            return
        def failed(error: Exception) -> bool:
            if isinstance(error, ModelsNotReady):
                self.suggested_failed.emit(translate(
                    "Curate", "The recommenders are still getting ready; their picks will "
                    "show here in a moment."))
                return True
            return False

        self.desk.call(lambda s: s.suggested(customer_id),
                       lambda found: self._suggested(customer_id, found),
                       customer=customer_id, failed=failed)
        self.search()

    def type(self, text: str) -> None:
        self.text = text
        self.debounce.start()

    def set_in_stock(self, only: bool) -> None:
        self.in_stock = only
        self.search()

    def search(self) -> None:
        self.debounce.stop()
        self._asked += 1
        asked, text, only = self._asked, self.text.strip(), self.in_stock

        def found(products: list[dict[str, Any]]) -> None:
            if asked == self._asked:
                self.products = list(products)
                self.catalogue_ready.emit(self.products)

        self.desk.call(lambda s: s.catalogue(text, in_stock=only), found)

    def _suggested(self, customer_id: str, found: list[dict[str, Any]]) -> None:
        if customer_id == self.customer.customer_id:
            self.suggestions = list(found)
            self.suggested_ready.emit(self.suggestions)

    # -- curating -------------------------------------------------------------------

    def pick(self, sku: str, note: str = "") -> None:
        self._write(lambda s, cid: s.pick(cid, sku, note=note.strip()),
                    translate("Curate", "Picked. They will see it at their next scan."))

    def unpick(self, sku: str) -> None:
        self._write(lambda s, cid: s.unpick(cid, sku), translate("Curate", "Pick removed."))

    def pin(self, sku: str, on: bool) -> None:
        self._write(lambda s, cid: s.pin(cid, sku, on=on),
                    translate("Curate", "Pinned first on its shelf.") if on
                    else translate("Curate", "Unpinned."))

    def hide(self, sku: str, on: bool) -> None:
        self._write(lambda s, cid: s.hide(cid, sku, on=on),
                    translate("Curate", "Hidden: they will not be shown it.") if on
                    else translate("Curate", "They can be shown it again."))

    def _write(self, write: Callable[[Any, str], Any], message: str) -> None:
        customer_id = self.customer.customer_id
        if customer_id is None:
            return

        def op(session: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
            write(session, customer_id)
            return (session.page(customer_id, audit=False),
                    session.suggested(customer_id))

        def written(result: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
            page, found = result
            self.customer.set_page(customer_id, page)
            self._suggested(customer_id, found)
            self.done.emit(message)

        self.desk.call(op, written, customer=customer_id)

    def forget(self) -> None:
        self.debounce.stop()
        self._asked += 1
        self.text, self.in_stock = "", False
        self.products, self.suggestions = [], []
        self.catalogue_ready.emit([])
        self.suggested_ready.emit([])
