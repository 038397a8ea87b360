"""A product card: the standard one, or a plugin's own (kiosk_render_card) that falls back."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.look import product_pixmap
from kiosk.ui.screens.common import button, label, set_text
from kiosk.ui.texts import display_name, format_price, stock_line, why_this

translate = QCoreApplication.translate

log = logging.getLogger(__name__)

IMAGE_SIZE = 120


class CardFrame(QFrame):
    """A card: a body (standard or a plugin's) and the three actions under it."""

    save_clicked = Signal(str)
    not_for_me_clicked = Signal(str)
    more_like_this_clicked = Signal(str)

    def __init__(self, pick: Any, body: QWidget | None, parent: QWidget | None = None, *,
                 saved: bool = False):
        super().__init__(parent)
        self.pick = pick
        self.sku = str(pick.sku)
        self.saved = saved
        self.plugin_body = body is not None
        self.setProperty("role", "card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(8)
        if body is None:
            self._build_standard(layout)
        else:
            body.setParent(self)
            layout.addWidget(body)
        self.actions = QGridLayout()
        self.actions.setSpacing(6)
        self.save_button = button(self, "card-action", "save")
        self.not_for_me_button = button(self, "card-action", "not_for_me")
        self.more_button = button(self, "card-action", "more_like_this")
        self.two_rows: bool | None = None
        self._arrange(False)
        layout.addStretch(1)
        layout.addLayout(self.actions)
        self.save_button.clicked.connect(lambda: self.save_clicked.emit(self.sku))
        self.not_for_me_button.clicked.connect(lambda: self.not_for_me_clicked.emit(self.sku))
        self.more_button.clicked.connect(lambda: self.more_like_this_clicked.emit(self.sku))
        # the button used keeps the focus (a keyboard or switch user goes on from there):
        # drag-to-scroll replays a tap's press itself, and Qt then gives no focus
        for kept in (self.save_button, self.more_button):
            kept.clicked.connect(lambda _=False, b=kept: b.setFocus(
                Qt.FocusReason.MouseFocusReason))
        self.retranslate()

    def _build_standard(self, layout: QVBoxLayout) -> None:
        pick = self.pick
        # the name across the whole card: beside the picture it took four lines or more
        # in large text, and a word-wrapped label nested that deep is not always given
        # the height its lines need
        self.name_label = label(self, "card-name")
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.name_label)
        top = QHBoxLayout()
        self.image = QLabel(self)
        self.image.setPixmap(product_pixmap(getattr(pick, "image", None), display_name(pick.name),
                                            getattr(pick, "theme", None), IMAGE_SIZE,
                                            tuple(getattr(pick, "colours", ()) or ())))
        self.image.setFixedSize(IMAGE_SIZE, IMAGE_SIZE)
        top.addWidget(self.image, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        self.price_label = label(self, "card-price")
        self.stock_label = label(self, "card-stock")
        for widget in (self.price_label, self.stock_label):
            text.addWidget(widget)
        text.addStretch(1)
        top.addLayout(text, 1)
        layout.addLayout(top)
        self.why_label = label(self, "card-why")
        layout.addWidget(self.why_label)

    def _arrange(self, two_rows: bool) -> None:
        """The three actions in a row, or on two rows when the card is too narrow."""
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        buttons = (self.save_button, self.not_for_me_button, self.more_button)
        for widget in buttons:
            self.actions.removeWidget(widget)
        if two_rows:
            self.actions.addWidget(self.save_button, 0, 0)
            self.actions.addWidget(self.not_for_me_button, 0, 1)
            self.actions.addWidget(self.more_button, 1, 0, 1, 2)
        else:
            for column, widget in enumerate(buttons):
                self.actions.addWidget(widget, 0, column)

    def resizeEvent(self, event) -> None:
        buttons = (self.save_button, self.not_for_me_button, self.more_button)
        needed = sum(b.sizeHint().width() for b in buttons) + 2 * self.actions.spacing()
        margins = self.layout().contentsMargins()
        self._arrange(needed > event.size().width() - margins.left() - margins.right())
        super().resizeEvent(event)

    def set_pick(self, pick: Any, *, saved: bool = False) -> None:
        """Show another pick in this (standard) card: cards are reused, not rebuilt."""
        assert not self.plugin_body
        self.pick = pick
        self.sku = str(pick.sku)
        self.saved = saved
        self.image.setPixmap(product_pixmap(getattr(pick, "image", None), display_name(pick.name),
                                            getattr(pick, "theme", None), IMAGE_SIZE,
                                            tuple(getattr(pick, "colours", ()) or ())))
        self.retranslate()

    def blank(self) -> None:
        """Forget the pick (a pooled card keeps nothing of the last shopper)."""
        assert not self.plugin_body
        self.pick, self.sku, self.saved = None, "", False
        self.image.clear()
        for widget in (self.name_label, self.price_label, self.stock_label, self.why_label,
                       self.image, self.save_button, self.not_for_me_button, self.more_button):
            widget.setAccessibleName("")
        for widget in (self.name_label, self.price_label, self.stock_label, self.why_label):
            widget.clear()
        self.setAccessibleName("")

    def set_saved(self, saved: bool) -> None:
        self.saved = saved
        self.retranslate()

    def retranslate(self) -> None:
        pick = self.pick
        if pick is None:
            return
        name = display_name(pick.name)
        if not self.plugin_body:
            self.name_label.setText(display_name(pick.name))
            self.price_label.setText(format_price(getattr(pick, "price", None)))
            in_stock = (getattr(pick, "stock_quantity", None) or 0) > 0
            self.stock_label.setProperty("stock", "in" if in_stock else "out")
            self.stock_label.setText(stock_line(getattr(pick, "stock_quantity", None),
                                                getattr(pick, "location", None)))
            self.why_label.setText(translate("Card", "Why this? %1").replace(
                "%1", why_this(getattr(pick, "reason", None))))
            self.image.setAccessibleName(
                translate("Card", "Picture of %1").replace("%1", name))
        saved = translate("Card", "Saved") if self.saved else translate("Card", "Save")
        set_text(self.save_button, saved, translate("Card", "Save %1").replace("%1", name))
        self.save_button.setEnabled(not self.saved)
        set_text(self.not_for_me_button, translate("Card", "Not for me"),
                 translate("Card", "Not for me: %1").replace("%1", name))
        set_text(self.more_button, translate("Card", "More like this"),
                 translate("Card", "More like %1").replace("%1", name))
        self.setAccessibleName(name)


def plugin_card_body(kiosk: Any, pick: Any, parent: QWidget) -> QWidget | None:
    """A plugin's own widget for ``pick``, or None: none offered, or the plugin failed.

    Asks through ``kiosk.plugin_card`` (``kiosk_render_card``): a plugin that
    raises is logged and the next one is asked; an answer that is not a
    QWidget gives the standard card.
    """
    answer = kiosk.plugin_card(pick, parent)
    if answer is None:
        return None
    plugin, widget = answer
    if not isinstance(widget, QWidget):
        log.warning("plugin %r returned a card that is not a QWidget; standard card shown",
                    plugin)
        return None
    return widget
