"""The client book: search as you type (debounced), my clients or the store's, filters,
and a scanned card or typed short code opening that client."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.ui.staff.presenters.desk import DeskPresenter, failure_message

translate = QCoreApplication.translate

#: quiet time after the last keystroke before the book searches (ms)
DEBOUNCE_MS = 150


class BookPresenter(QObject):
    results = Signal(list)        # ClientRow objects, in the core's order
    open_customer = Signal(str)   # a scanned card or short code found this client
    scan_failed = Signal(str)     # a friendly line

    def __init__(self, desk: DeskPresenter, parent: QObject | None = None):
        super().__init__(parent)
        self.desk = desk
        self.text = ""
        self.mine = False
        self.filter: str | None = None
        self.rows: list[Any] = []
        self._asked = 0               # the latest search; older answers are ignored
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search)
        desk.locked.connect(self.forget)
        desk.withdrawn.connect(self._withdrawn)
        desk.watch(lambda: [row.customer_id for row in self.rows])

    def type(self, text: str) -> None:
        """A keystroke in the search field: search once typing pauses."""
        self.text = text
        self.debounce.start()

    def set_scope(self, mine: bool) -> None:
        self.mine = mine
        self.search()

    def set_filter(self, key: str | None) -> None:
        self.filter = key
        self.search()

    def search(self) -> None:
        self.debounce.stop()
        self._asked += 1
        asked, text, mine, chosen = self._asked, self.text.strip(), self.mine, self.filter

        def found(rows: list[Any]) -> None:
            if asked == self._asked:
                self.rows = list(rows)
                self.results.emit(self.rows)

        self.desk.call(lambda s: s.search(text, mine=mine, filter=chosen), found)

    def scanned(self, code: str) -> None:
        """A card scanned (wedge scanner or camera) or a short code typed and entered."""
        code = code.strip()
        if not code:
            return

        def failed(error: Exception) -> None:
            if isinstance(error, PermissionError):
                self.scan_failed.emit(translate(
                    "Book", "This customer does not share their profile with staff."))
            elif isinstance(error, LookupError):
                self.scan_failed.emit(translate("Book", "No customer has that card."))
            else:
                self.scan_failed.emit(failure_message(error))

        self.desk.call(lambda s: s.find_card(code), self.open_customer.emit, failed=failed,
                       quiet=True)

    def _withdrawn(self, ids: frozenset[str]) -> None:
        kept = [row for row in self.rows if row.customer_id not in ids]
        if len(kept) != len(self.rows):
            self.rows = kept
            self.results.emit(self.rows)

    def forget(self) -> None:
        self.debounce.stop()
        self._asked += 1
        self.text, self.mine, self.filter = "", False, None
        self.rows = []
        self.results.emit([])
