"""Attract: the store's name, "Scan your loyalty code", a calm loop of what is popular here.

The loop shows one popular product at a time as a large card (picture, name,
price, where it is): beside the welcome in landscape, under it in portrait.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.look import product_pixmap
from kiosk.ui.presenters.session import SessionPresenter
from kiosk.ui.screens.accessibility import (
    accessibility_button,
    retranslate_accessibility_button,
)
from kiosk.ui.screens.common import Screen, button, label, set_text, staff_and_languages
from kiosk.ui.texts import display_name, format_price, stock_line

log = logging.getLogger(__name__)

LOOP_MS = 5000
#: how long a message about a scan stays (a "please wait" one: no longer than the wait)
MESSAGE_SECONDS = 8


class PopularCard(QFrame):
    """One popular product, large: its picture, name, price and where it is."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setObjectName("popular_card")
        self.pick: Any = None
        self.image_size = 320
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 28, 28, 28)
        layout.setSpacing(12)
        self.title = label(self, "loop-title")
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the picture takes the room the screen has; it never makes the screen taller
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(96, 96)
        self.name_label = label(self, "loop")
        self.price_label = label(self, "loop-price")
        self.stock_label = label(self, "loop-where")
        layout.addWidget(self.title)
        layout.addWidget(self.image, 1)
        for widget in (self.title, self.name_label, self.price_label, self.stock_label):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.name_label, self.price_label, self.stock_label):
            layout.addWidget(widget)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        size = max(96, min(480, self.image.width(), self.image.height()))
        if size != self.image_size:
            self.image_size = size
            self._picture()

    def show_pick(self, pick: Any) -> None:
        self.pick = pick
        self._picture()
        self.retranslate()

    def _picture(self) -> None:
        pick = self.pick
        if pick is None:
            self.image.clear()
            return
        self.image.setPixmap(product_pixmap(getattr(pick, "image", None),
                                            display_name(pick.name),
                                            getattr(pick, "theme", None), self.image_size))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Popular here"))
        pick = self.pick
        if pick is None:
            for widget in (self.name_label, self.price_label, self.stock_label):
                widget.clear()
            return
        name = display_name(pick.name)
        self.name_label.setText(name)
        self.price_label.setText(format_price(getattr(pick, "price", None)))
        self.stock_label.setText(stock_line(getattr(pick, "stock_quantity", None),
                                            getattr(pick, "location", None)))
        self.image.setAccessibleName(self.tr("Picture of %1").replace("%1", name))
        self.setAccessibleName(self.tr("Popular here: %1").replace("%1", name))


class AttractScreen(Screen):
    name = "attract"
    language_chosen = Signal(str)
    join_clicked = Signal()
    staff_clicked = Signal()
    accessibility_clicked = Signal()

    def __init__(self, session: SessionPresenter, store_name: str,
                 keypad: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.store_name = store_name
        self.popular: list[Any] = []
        self.loop_index = 0
        self.training_percent: int | None = None
        page = QVBoxLayout(self)
        page.setContentsMargins(32, 16, 32, 16)
        top, self.staff_button, self.language_buttons = staff_and_languages(
            self, self.language_chosen)
        self.accessibility_button = accessibility_button(self)
        top.insertWidget(2, self.accessibility_button)
        page.addLayout(top)
        self.top = top
        # the welcome and the popular card: side by side in landscape, stacked in portrait
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.columns.setSpacing(32)
        page.addLayout(self.columns, 1)
        self.welcome = welcome = QWidget(self)
        self.columns.addWidget(welcome, 1)
        outer = QVBoxLayout(welcome)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(1)
        self.store_label = label(self, "store-name")
        self.headline = label(self, "headline")
        self.hint = label(self, "hint")
        self.message = label(self, "error")
        self.message.hide()
        for widget in (self.store_label, self.headline, self.hint, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(widget)
        self.keypad = keypad
        if keypad is not None:
            keypad.setParent(self)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(keypad)
            row.addStretch(1)
            outer.addLayout(row)
        # side by side; one above the other where the two do not fit (large text, French)
        self.actions = actions = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        actions.addStretch(1)
        self.browse_button = button(self, "primary", "just_browsing")
        self.join_button = button(self, "secondary", "join")
        actions.addWidget(self.browse_button)
        actions.addWidget(self.join_button)
        actions.addStretch(1)
        outer.addLayout(actions)
        # "Getting personal picks ready… 40%" while a new store's models are trained
        self.training_label = label(self, "status")
        self.training_label.setObjectName("training_status")
        self.training_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_label.hide()
        outer.addWidget(self.training_label)
        outer.addStretch(1)
        self.popular_card = PopularCard(self)
        # only where it fits: it never makes the screen taller than the window
        self.popular_card.setSizePolicy(QSizePolicy.Policy.Preferred,
                                        QSizePolicy.Policy.Ignored)
        self.card_fits = True
        self.popular_card.hide()
        self.columns.addWidget(self.popular_card, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(LOOP_MS)
        self.timer.timeout.connect(self._next_popular)
        self.browse_button.clicked.connect(session.browse_as_guest)
        self.join_button.clicked.connect(self.join_clicked)
        self.staff_button.clicked.connect(self.staff_clicked)
        self.accessibility_button.clicked.connect(self.accessibility_clicked)
        session.popular_ready.connect(self._popular_ready)
        # one timer: a message shown while another is up gets its full time; a "please
        # wait" message goes when the wait is over, not later
        self.message_timer = QTimer(self)
        self.message_timer.setSingleShot(True)
        self.message_timer.timeout.connect(self._hide_message)
        self.message_seconds: int | None = None
        session.scan_wait.connect(self._scan_wait)
        session.scan_failed.connect(self.show_message)
        session.busy.connect(self._busy)
        self.retranslate()

    def set_language(self, code: str) -> None:
        for other, language_button in self.language_buttons.items():
            language_button.setChecked(other == code)

    def retranslate(self) -> None:
        self.store_label.setText(self.store_name)
        self.headline.setText(self.tr("Scan your loyalty code"))
        self.hint.setText(self.tr("Hold your code under the scanner, or type the short "
                                  "code below."))
        set_text(self.browse_button, self.tr("Just browsing"))
        set_text(self.join_button, self.tr("Join: get your own code"))
        set_text(self.staff_button, self.tr("Staff"))
        self.popular_card.retranslate()
        for widget in (self.store_label, self.headline, self.hint):
            widget.setAccessibleName(widget.text())
        self._show_training()
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Every button of the top row and of the actions fully shown at this width, in
        this language and text size: "Aa" alone, the two actions one above the other."""
        available = self.width() - 64
        retranslate_accessibility_button(self.accessibility_button)
        self.top.invalidate()
        if self.top.sizeHint().width() > available:
            retranslate_accessibility_button(self.accessibility_button, compact=True)
        needed = (self.browse_button.sizeHint().width() + self.join_button.sizeHint().width()
                  + self.actions.spacing() + 16)
        direction = (QBoxLayout.Direction.TopToBottom if needed > available
                     else QBoxLayout.Direction.LeftToRight)
        if self.actions.direction() != direction:
            self.actions.setDirection(direction)

    def show_training(self, fraction: float) -> None:
        """The models are being trained: a discreet line with how far it has got."""
        self.training_percent = int(max(0.0, min(1.0, fraction)) * 100)
        self._show_training()

    def training_done(self) -> None:
        self.training_percent = None
        self._show_training()

    def _show_training(self) -> None:
        if self.training_percent is None:
            self.training_label.hide()
            self.training_label.setText("")
            self.training_label.setAccessibleName("")
            return
        text = self.tr("Getting personal picks ready… %1%").replace(
            "%1", str(self.training_percent))
        self.training_label.setText(text)
        self.training_label.setAccessibleName(text)
        self.training_label.show()

    def _scan_wait(self, seconds: int) -> None:
        self.message_seconds = max(1, int(seconds))   # for the message that comes next

    def show_message(self, message: str) -> None:
        seconds = min(MESSAGE_SECONDS, self.message_seconds or MESSAGE_SECONDS)
        self.message_seconds = None
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.hint.hide()   # the message takes the hint's place: nothing below moves
        self.message.show()
        self.message_timer.start(seconds * 1000)

    def _hide_message(self) -> None:
        self.message.hide()
        self.hint.show()

    def _busy(self, busy: bool) -> None:
        if busy and self.isVisible():
            self._hide_message()

    def _popular_ready(self, picks: list[Any]) -> None:
        self.popular = list(picks)
        self.loop_index = 0
        self._next_popular()

    def _next_popular(self) -> None:
        if not self.popular:
            self.popular_card.show_pick(None)
            self.popular_card.hide()
            return
        self.popular_card.show_pick(self.popular[self.loop_index % len(self.popular)])
        self.loop_index += 1
        self.popular_card.setVisible(self.card_fits)

    def spoken_heading(self) -> str:
        """What "Read aloud" says first on this screen."""
        return "\n".join(t for t in (self.store_label.text(), self.headline.text(),
                                     self.hint.text()) if t)

    def resizeEvent(self, event) -> None:
        size = event.size()
        landscape = size.width() > size.height()
        direction = (QBoxLayout.Direction.LeftToRight if landscape
                     else QBoxLayout.Direction.TopToBottom)
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        margins = self.layout().contentsMargins()
        room = (size.height() - margins.top() - margins.bottom() - 80
                - (0 if landscape else self.welcome.minimumSizeHint().height()))
        self.card_fits = room >= self.popular_card.minimumSizeHint().height()
        self.popular_card.setVisible(self.card_fits and self.popular_card.pick is not None)
        super().resizeEvent(event)
        self._fit_rows()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)   # a language change retranslates, and fits the rows
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_rows()   # larger text

    def showEvent(self, event) -> None:
        self.session.load_popular()
        self.timer.start()
        super().showEvent(event)
        if self.keypad is not None:  # a code typed on a keyboard lands on the keypad
            self.keypad.setFocus()

    def hideEvent(self, event) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def clear(self) -> None:
        self.message_timer.stop()
        self.message_seconds = None
        self._hide_message()
        self.message.setText("")
