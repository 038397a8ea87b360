"""My list, and "Take it with you": a QR code holding the list; print it if there is a printer."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.list_models import SavedListModel, SkuRole
from kiosk.ui.presenters.session import SessionPresenter
from kiosk.ui.qr import qr_image
from kiosk.ui.screens.common import Screen, button, label, page_with_header, set_text

log = logging.getLogger(__name__)
QR_SIZE = 300


def printer_available() -> bool:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:
        return False
    return not QPrinterInfo.defaultPrinter().isNull()


class SavedScreen(Screen):
    name = "saved"
    back = Signal()

    def __init__(self, session: SessionPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.qr_text = ""
        outer, self.title, self.back_button = page_with_header(self)
        body = QHBoxLayout()
        left = QVBoxLayout()
        # One row per saved item, each with its own Remove button: nothing to select
        # first, and no selection colours to hide the text.
        self.model = SavedListModel(self)
        self.list = QScrollArea(self)
        self.list.setWidgetResizable(True)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setObjectName("saved_list")
        holder = QWidget()
        self.rows_layout = QVBoxLayout(holder)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.addStretch(1)
        self.list.setWidget(holder)
        self.rows: list[SavedRow] = []
        self.empty = label(self, "status")
        left.addWidget(self.list, 1)
        left.addWidget(self.empty)
        right = QVBoxLayout()
        self.take_title = label(self, "shelf-title")
        self.qr = QLabel(self)
        self.qr.setObjectName("take_it_qr")
        self.qr.setFixedSize(QR_SIZE, QR_SIZE)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.take_hint = label(self, "hint")
        self.print_button = button(self, "secondary", "print")
        right.addWidget(self.take_title)
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.take_hint)
        right.addWidget(self.print_button)
        right.addStretch(1)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        outer.addLayout(body, 1)
        self.back_button.clicked.connect(self.back)
        self.print_button.clicked.connect(self.print_list)
        session.saved_changed.connect(self.refresh)
        session.session_reset.connect(self.clear)
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("My list"))
        set_text(self.back_button, self.tr("Back to my picks"))
        self._fill_rows()   # the rows' texts (prices, places) are in the language too
        self.take_title.setText(self.tr("Take it with you"))
        self.take_hint.setText(self.tr("Scan this with your phone's camera to keep your list."))
        set_text(self.print_button, self.tr("Print my list"))
        self.empty.setText(self.tr("Nothing saved yet. Tap Save on a pick to add it here.")
                           if not self.session.saved else "")
        self.list.setAccessibleName(self.tr("Saved items"))
        self.qr.setAccessibleName(self.tr("QR code of my list"))

    def refresh(self) -> None:
        self.model.set_picks(self.session.saved)
        has_items = bool(self.session.saved)
        self.qr_text = self.session.saved_list_text() if has_items else ""
        if has_items:
            from PySide6.QtGui import QPixmap

            self.qr.setPixmap(QPixmap.fromImage(qr_image(self.qr_text)).scaled(
                QR_SIZE, QR_SIZE, Qt.AspectRatioMode.KeepAspectRatio))
        else:
            self.qr.clear()
        self.print_button.setVisible(has_items and printer_available())
        self.retranslate()

    def _fill_rows(self) -> None:
        """A row per item of the model; rows are reused, spare ones hidden and emptied."""
        count = self.model.rowCount()
        while len(self.rows) < count:
            row = SavedRow(self.list.widget())
            row.remove.connect(self.session.unsave)
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
            self.rows.append(row)
        for i, row in enumerate(self.rows):
            if i < count:
                index = self.model.index(i)
                row.set_item(self.model.data(index, SkuRole), self.model.data(index))
                row.show()
            else:
                row.set_item("", "")
                row.hide()

    def print_list(self) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        painter = QPainter()
        if not painter.begin(printer):
            log.warning("printer not ready")
            return
        rect = painter.viewport()
        text_rect = rect.adjusted(0, 0, 0, -rect.height() // 2)
        painter.drawText(text_rect, Qt.TextFlag.TextWordWrap, self.qr_text)
        image = qr_image(self.qr_text)
        side = min(rect.width(), rect.height()) // 3
        painter.drawImage(rect.left(), rect.center().y(), image.scaled(side, side))
        painter.end()

    def clear(self) -> None:
        self.qr_text = ""
        self.qr.clear()
        self.model.set_picks([])
        self.retranslate()


class SavedRow(QFrame):
    """One saved item: its name, price and place in the store, and a Remove button."""

    remove = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.sku = ""
        self.name = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.text = label(self, "body")
        self.text.setObjectName("saved_row_text")
        self.remove_button: QPushButton = button(self, "secondary", "remove")
        layout.addWidget(self.text, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.remove_button.clicked.connect(lambda: self.remove.emit(self.sku))

    def set_item(self, sku: str, text: str) -> None:
        self.sku = sku or ""
        self.text.setText(text or "")
        self.name = (text or "").split(" · ")[0]
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setAccessibleName(self.text.text())
        set_text(self.remove_button, QCoreApplication.translate("SavedScreen", "Remove"),
                 QCoreApplication.translate("SavedScreen", "Remove %1 from my list")
                 .replace("%1", self.name))
