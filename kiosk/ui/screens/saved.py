"""My list, and "Take it with you": a QR code holding the list; print it if there is a printer."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QVBoxLayout, QWidget

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
        self.model = SavedListModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setObjectName("saved_list")
        self.empty = label(self, "status")
        self.remove_button = button(self, "secondary", "remove")
        left.addWidget(self.list, 1)
        left.addWidget(self.empty)
        left.addWidget(self.remove_button)
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
        self.remove_button.clicked.connect(self._remove_selected)
        self.print_button.clicked.connect(self.print_list)
        session.saved_changed.connect(self.refresh)
        session.session_reset.connect(self.clear)
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("My list"))
        set_text(self.back_button, self.tr("Back to my picks"))
        set_text(self.remove_button, self.tr("Remove from my list"))
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
        self.remove_button.setEnabled(has_items)
        self.retranslate()

    def _remove_selected(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.session.unsave(self.model.data(index, SkuRole))

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
