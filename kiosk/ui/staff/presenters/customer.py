"""The customer page: one call for everything staff may see, then edits as staff.

A withdrawal of the shopper's consent (seen by the consent poll or by any call
refused with ``NoStaffConsent``) closes the page at once and forgets it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.ui.staff.presenters.desk import DeskPresenter

translate = QCoreApplication.translate


def withdrawn_message() -> str:
    return translate("Customer", "This customer no longer shares their profile with staff.")


class CustomerPresenter(QObject):
    loaded = Signal(dict)       # the page (``session.page``)
    closed = Signal(str)        # the page closed at once: why
    audit_loaded = Signal(list)
    contacted = Signal(str)     # what the member of staff reads after "Contact"

    def __init__(self, desk: DeskPresenter, parent: QObject | None = None):
        super().__init__(parent)
        self.desk = desk
        self.customer_id: str | None = None
        self.page: dict[str, Any] = {}
        desk.locked.connect(self.forget)
        desk.withdrawn.connect(self._withdrawn)
        desk.watch(lambda: [self.customer_id] if self.customer_id else [])

    def open(self, customer_id: str) -> None:
        self.forget()
        self.customer_id = customer_id
        self.reload()

    def reload(self) -> None:
        """Open the page (an audited view)."""
        self._run(lambda s, cid: None, audit=True)

    def _run(self, write: Callable[[Any, str], Any], *, audit: bool = False) -> None:
        """``write(session, customer_id)``, then the page again, on the worker.

        The write is audited by the session itself; the page read after it is
        not counted as another view, so the audit trail keeps real opens."""
        customer_id = self.customer_id
        if customer_id is None:
            return

        def op(session: Any) -> dict[str, Any]:
            write(session, customer_id)
            return session.page(customer_id, audit=audit)

        self.desk.call(op, lambda page: self.set_page(customer_id, page),
                       customer=customer_id)

    def set_page(self, customer_id: str, page: dict[str, Any]) -> None:
        if customer_id != self.customer_id:
            return    # another customer was opened meanwhile
        self.page = dict(page)
        self.loaded.emit(self.page)

    @property
    def first_name(self) -> str:
        customer = self.page.get("customer") or {}
        return customer.get("first_name") or translate("Customer", "This client")

    # -- edits (as staff) --------------------------------------------------------------

    def set_preference(self, key: str, value: str) -> None:
        self._run(lambda s, cid: s.set_preference(cid, key, value))

    def remove_preference(self, key: str, value: str) -> None:
        self._run(lambda s, cid: s.remove_preference(cid, key, value))

    def add_note(self, text: str) -> None:
        if text.strip():
            self._run(lambda s, cid: s.add_note(cid, text.strip()))

    def edit_note(self, note_id: Any, text: str) -> None:
        if text.strip():
            self._run(lambda s, cid: s.edit_note(cid, note_id, text.strip()))

    def remove_note(self, note_id: Any) -> None:
        self._run(lambda s, cid: s.remove_note(cid, note_id))

    def assign_to_me(self, mine: bool) -> None:
        name = self.desk.name
        self._run(lambda s, cid: s.assign(cid, name if mine else None))

    def contact(self, message: str) -> None:
        customer_id = self.customer_id
        if customer_id is None or not message.strip():
            return

        def sent(channels: list[str]) -> None:
            if channels:
                self.contacted.emit(translate("Customer", "Sent by %1.").replace(
                    "%1", ", ".join(channels)))
            else:
                self.contacted.emit(translate(
                    "Customer", "No channel is set up: tell them at their next visit."))

        self.desk.call(lambda s: s.contact(customer_id, message.strip()), sent,
                       customer=customer_id)

    def load_audit(self) -> None:
        customer_id = self.customer_id
        if customer_id is not None:
            self.desk.call(lambda s: s.audit(customer_id), self.audit_loaded.emit,
                           customer=customer_id)

    # -- forgetting ----------------------------------------------------------------------

    def _withdrawn(self, ids: frozenset[str]) -> None:
        if self.customer_id is not None and self.customer_id in ids:
            self.forget()
            self.closed.emit(withdrawn_message())

    def forget(self) -> None:
        self.customer_id = None
        self.page = {}
