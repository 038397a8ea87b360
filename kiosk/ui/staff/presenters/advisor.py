"""Today's list: whom to look after today (lapsing, new this week, saved items back in
stock, help waiting)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.ui.staff.presenters.desk import DeskPresenter

LISTS = ("lapsing", "new_this_week", "back_in_stock")


def _client(entry: Any) -> Any:
    return entry["client"] if isinstance(entry, dict) else entry


class AdvisorPresenter(QObject):
    ready = Signal(dict)        # session.advisor()

    def __init__(self, desk: DeskPresenter, parent: QObject | None = None):
        super().__init__(parent)
        self.desk = desk
        self.today: dict[str, Any] = {}
        desk.locked.connect(self.forget)
        desk.withdrawn.connect(self._withdrawn)
        desk.watch(self.customer_ids)

    def load(self) -> None:
        self.desk.call(lambda s: s.advisor(), self._loaded)

    def _loaded(self, today: dict[str, Any]) -> None:
        self.today = dict(today)
        self.ready.emit(self.today)

    def customer_ids(self) -> list[str]:
        return [_client(entry).customer_id for key in LISTS
                for entry in self.today.get(key) or []]

    def _withdrawn(self, ids: frozenset[str]) -> None:
        if not self.today:
            return
        changed = False
        for key in LISTS:
            entries = self.today.get(key) or []
            kept = [e for e in entries if _client(e).customer_id not in ids]
            changed |= len(kept) != len(entries)
            self.today[key] = kept
        if changed:
            self.ready.emit(self.today)

    def forget(self) -> None:
        self.today = {}
        self.ready.emit({})
