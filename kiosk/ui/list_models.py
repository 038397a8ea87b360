"""Qt item models (``QAbstractListModel``) behind list views, checked with pytest-qt's
qtmodeltester. Not the recommendation models: those are trained by
``kiosk.ui.presenters.training``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from kiosk.ui.texts import display_name, format_price, stock_line

SkuRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class SavedListModel(QAbstractListModel):
    """The shopper's saved picks: name, price and where to find them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._picks: list[Any] = []

    def set_picks(self, picks: list[Any]) -> None:
        self.beginResetModel()
        self._picks = list(picks)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._picks)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._picks):
            return None
        pick = self._picks[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [display_name(pick.name), format_price(getattr(pick, "price", None)),
                     stock_line(getattr(pick, "stock_quantity", None),
                                getattr(pick, "location", None))]
            return " · ".join(p for p in parts if p)
        if role == SkuRole:
            return pick.sku
        return None
