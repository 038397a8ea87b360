"""The plugin's own card: a gift tag. Qt is imported only here, only by the UI."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("GiftsUnderFive", text)


class GiftTagCard(QFrame):
    def __init__(self, item: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("giftTagCard")
        self.setAccessibleName(tr("Gift idea: {name}").format(name=item.name))
        self.setStyleSheet(
            "#giftTagCard { border: 2px dashed #b8860b; border-radius: 12px; }"
        )
        layout = QVBoxLayout(self)
        tag = QLabel(tr("Gift idea"), self)
        tag.setAccessibleName(tr("Gift idea"))
        name = QLabel(item.name.capitalize(), self)
        name.setWordWrap(True)
        name.setAccessibleName(tr("Product name"))
        price = QLabel(f"£{item.price:.2f}", self)
        price.setAccessibleName(tr("Price"))
        where = QLabel(tr("In stock, {location}").format(location=item.location)
                       if item.location else tr("In stock"), self)
        where.setAccessibleName(tr("Where it is"))
        for label in (tag, name, price, where):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
