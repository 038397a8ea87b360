"""Picks: "Hi Anna", then shelves by reason, 6 to 12 cards, in a grid that fits the screen."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.presenters.session import SessionPresenter
from kiosk.ui.presenters.shelves import Picks
from kiosk.ui.screens.accessibility import (
    accessibility_button,
    retranslate_accessibility_button,
)
from kiosk.ui.screens.card import CardFrame, plugin_card_body
from kiosk.ui.screens.common import Screen, button, label, set_text
from kiosk.ui.texts import display_name, shelf_title

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

CARD_WIDTH = 320   # 3 columns at 1080 px wide beside a 44 px scroll bar; 2 at 1024 and 768
# every shelf, portrait (1080×1920) or landscape (1920×1080), shows at most this many
# columns: the same grid on every kiosk of the store, and cards wide enough for large text
MAX_COLUMNS = 3
GREETING_MIN = 100   # px the greeting keeps beside the header's buttons (it wraps)
NAV_SPACING = 8


class CardGrid(QWidget):
    """Cards in as many columns as fit (1 on a phone-narrow window, up to MAX_COLUMNS).

    The grid keeps its standard cards and refills them for the next shopper:
    no widgets are built, reparented or shown again for a new scan, which is
    most of the time it takes to put the picks on screen.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(14)
        self.cards: list[CardFrame] = []
        self.spare: list[CardFrame] = []     # standard cards not in use, hidden
        self.placed: dict[int, tuple[int, int]] = {}
        self.columns = 0

    def fill(self, picks: list[Any], make: Any) -> None:
        """Show ``picks``: ``make(pick, reusable_card_or_None, grid)`` gives each card."""
        reusable = [c for c in self.cards if not c.plugin_body] + self.spare
        for card in self.cards:
            if card.plugin_body:
                self._drop(card)
        cards = []
        for pick in picks:
            card = make(pick, reusable[0] if reusable else None, self)
            if reusable and card is reusable[0]:
                reusable.pop(0)
            cards.append(card)
        for card in reusable:
            self._unplace(card)
            card.hide()
            card.blank()  # keeps nothing of the last shopper
        self.spare = reusable
        self.cards = cards
        self._place(self.width() or 1200, force=True)
        for card in cards:
            if card.isHidden():
                card.show()

    def take(self, sku: str) -> None:
        """Take the cards of ``sku`` off the grid (not for me)."""
        for card in [c for c in self.cards if c.sku == sku]:
            self.cards.remove(card)
            if card.plugin_body:
                self._drop(card)
            else:
                self._unplace(card)
                card.hide()
                self.spare.append(card)
        self._place(self.width(), force=True)

    def standard_cards(self) -> list[CardFrame]:
        return [c for c in self.cards + self.spare if not c.plugin_body]

    def _drop(self, card: CardFrame) -> None:
        self._unplace(card)
        card.hide()
        card.deleteLater()

    def _unplace(self, card: CardFrame) -> None:
        if self.placed.pop(id(card), None) is not None:
            self.grid.removeWidget(card)

    def _place(self, width: int, *, force: bool = False) -> None:
        columns = max(1, min(MAX_COLUMNS, width // CARD_WIDTH))
        if columns == self.columns and not force:
            return
        self.columns = columns
        for i, card in enumerate(self.cards):
            where = (i // columns, i % columns)
            if self.placed.get(id(card)) != where:
                self._unplace(card)
                self.grid.addWidget(card, *where)
                self.placed[id(card)] = where
        for c in range(MAX_COLUMNS):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event) -> None:
        self._place(event.size().width())
        super().resizeEvent(event)


class ShelfWidget(QWidget):
    def __init__(self, key: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.english_title = title
        self.plugin = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        self.title = label(self, "shelf-title")
        self.grid = CardGrid(self)
        layout.addWidget(self.title)
        layout.addWidget(self.grid)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(shelf_title(self.key, self.english_title))
        self.title.setAccessibleName(self.title.text())


class PicksScreen(Screen):
    name = "picks"
    open_saved = Signal()
    open_my_data = Signal()
    open_help = Signal()
    open_plugin_screen = Signal(str)
    done = Signal()
    accessibility_clicked = Signal()

    def __init__(self, session: SessionPresenter, screen_specs: list[Any] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.screen_specs = list(screen_specs)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        # One row where it fits: the greeting takes what is left (and wraps in its own
        # column), the buttons beside it. Where they do not fit beside it (large text on
        # a narrow screen), the greeting goes above them, and they take as many rows as
        # they need, every one whole (``_fit_header``). ``self.nav_buttons`` are the
        # header's buttons, in order: a new header button goes there.
        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.greeting = label(self, "greeting")
        self.greeting.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.greeting.setMinimumWidth(GREETING_MIN)
        self.nav = QVBoxLayout()      # rows of buttons (one, where they fit)
        self.nav.setSpacing(NAV_SPACING)
        self.saved_button = button(self, "secondary", "saved")
        self.my_data_button = button(self, "secondary", "my_data")
        self.help_button = button(self, "secondary", "help")
        self.plugin_buttons = []
        for spec in self.screen_specs:
            plugin_button = button(self, "secondary", f"plugin_{spec.key}")
            plugin_button.clicked.connect(lambda _=False, k=spec.key:
                                          self.open_plugin_screen.emit(k))
            self.plugin_buttons.append((spec, plugin_button))
        self.done_button = button(self, "primary", "done")
        self.accessibility_button = accessibility_button(self)  # larger text, contrast, voice
        self.accessibility_button.clicked.connect(self.accessibility_clicked)
        self.nav_buttons = [self.accessibility_button, self.saved_button,
                            self.my_data_button, self.help_button,
                            *[b for _, b in self.plugin_buttons], self.done_button]
        for widget in self.nav_buttons:
            widget.setProperty("header", True)   # narrower padding (assets/styles)
        self.nav_rows: list[list[QWidget]] = []
        self.header.addWidget(self.greeting, 1)
        self.header.addLayout(self.nav)
        outer.addLayout(self.header)
        self.status = label(self, "status")
        self.status.hide()
        outer.addWidget(self.status)
        self.note = label(self, "status")      # why these picks are not personal
        self.note.setObjectName("picks_note")
        self.note.hide()
        outer.addWidget(self.note)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.body.setObjectName("shelves")
        self.shelves_layout = QVBoxLayout(self.body)
        self.shelves_layout.setContentsMargins(0, 0, 0, 0)
        self.shelves_layout.addStretch(1)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self.shelves: list[ShelfWidget] = []          # shown, in order
        self.shelf_widgets: list[ShelfWidget] = []    # all, kept for reuse
        self.saved_button.clicked.connect(self.open_saved)
        self.my_data_button.clicked.connect(self.open_my_data)
        self.help_button.clicked.connect(self.open_help)
        self.done_button.clicked.connect(self.done)
        session.picks_ready.connect(self.show_picks)
        session.picks_failed.connect(self._failed)
        session.pick_removed.connect(self._removed)
        session.saved_changed.connect(self._saved_changed)
        session.started.connect(self._loading)
        session.session_reset.connect(self.clear)
        # drawn over the bottom of the shelves, so no card moves when they come and go
        self.similar_panel = SimilarPanel(self)
        self.similar_panel.closed.connect(self._close_similar)
        self.undo_bar = UndoBar(self)
        self.undo_bar.undo.connect(session.undo_not_for_me)
        session.similar_ready.connect(self._show_similar)
        session.undo_offered.connect(self.undo_bar.offer)
        session.undo_closed.connect(self.undo_bar.withdraw)
        self.retranslate()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_header()
        self._place_overlays()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_header()   # larger text

    def _fit_header(self) -> None:
        margins = self.layout().contentsMargins()
        available = self.width() - margins.left() - margins.right()
        shown = [b for b in self.nav_buttons if not b.isHidden()]
        widths = [b.sizeHint().width() for b in shown]
        one_row = sum(widths) + NAV_SPACING * max(len(shown) - 1, 0)
        beside = one_row + GREETING_MIN + self.header.spacing() <= available
        rows: list[list[QWidget]] = [[]]
        used = 0
        for widget, width in zip(shown, widths, strict=True):
            if rows[-1] and used + NAV_SPACING + width > available:
                rows.append([])
                used = 0
            used += width + (NAV_SPACING if rows[-1] else 0)
            rows[-1].append(widget)
        if beside:
            rows = [shown]
        direction = (QBoxLayout.Direction.LeftToRight if beside
                     else QBoxLayout.Direction.TopToBottom)
        if self.header.direction() != direction:
            self.header.setDirection(direction)
        if rows == self.nav_rows:
            return
        while self.nav.count():
            row_layout = self.nav.takeAt(0).layout()
            while row_layout is not None and row_layout.count():
                row_layout.takeAt(0)
            if row_layout is not None:
                row_layout.deleteLater()
        for widgets in rows:
            row_layout = QHBoxLayout()
            row_layout.setSpacing(NAV_SPACING)
            for widget in widgets:
                row_layout.addWidget(widget)
            if not beside:
                row_layout.addStretch(1)
            self.nav.addLayout(row_layout)
        self.nav_rows = rows

    def _place_overlays(self) -> None:
        """The similar items and the undo bar at the bottom, over the shelves."""
        margin = 24
        width = self.width() - 2 * margin
        bottom = self.height() - margin // 2
        if self.similar_panel.isVisible():
            height = min(self.similar_panel.height_for(width), self.height() // 2)
            self.similar_panel.setGeometry(margin, bottom - height, width, height)
            bottom -= height + 8
            # room to scroll the last row above the panel, only where the shelves
            # scroll already: a scroll bar appearing now would narrow (reflow) the grid
            if self.scroll.verticalScrollBar().maximum() > 0:
                self.shelves_layout.setContentsMargins(0, 0, 0, height + 8)
        else:
            self.shelves_layout.setContentsMargins(0, 0, 0, 0)
        if self.undo_bar.isVisible():
            height = self.undo_bar.sizeHint().height()
            self.undo_bar.setGeometry(margin, bottom - height, width, height)
        for overlay in (self.similar_panel, self.undo_bar):
            if overlay.isVisible():
                overlay.raise_()

    def _show_similar(self, anchor: str, picks: list[Any]) -> None:
        anchor_pick = self.session.find(anchor)
        name = display_name(anchor_pick.name) if anchor_pick is not None else ""
        self.similar_panel.show_picks(name, picks, self._make_card)
        self._place_overlays()

    def _close_similar(self) -> None:
        self.similar_panel.clear()
        self._place_overlays()

    def retranslate(self) -> None:
        self._retranslate_header()
        self.similar_panel.retranslate()
        self.undo_bar.retranslate()
        for shelf in self.shelves:
            shelf.retranslate()
            for card in shelf.grid.cards:
                card.retranslate()

    def _retranslate_header(self) -> None:
        self.greeting.setText(self.session.greeting() if self.session.active else "")
        self.note.setText(picks_note(self.session.picks) if self.session.active and
                          self.session.customer_id is not None else "")
        self.note.setVisible(bool(self.note.text()))
        self.greeting.setAccessibleName(self.greeting.text())
        set_text(self.saved_button, self.tr("My list (%1)").replace(
            "%1", str(len(self.session.saved))))
        set_text(self.my_data_button, self.tr("My data"))
        set_text(self.help_button, self.tr("Ask for help"))
        set_text(self.done_button, self.tr("I'm done"))
        retranslate_accessibility_button(self.accessibility_button, compact=True)
        for spec, plugin_button in self.plugin_buttons:
            set_text(plugin_button, self.tr(spec.title))
        self.my_data_button.setVisible(self.session.customer_id is not None)
        self._fit_header()
        if not self.session.picks.shelves and self.session.active and not self.status.text():
            self._status(self.tr("Finding your picks…"))

    def _status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _loading(self) -> None:
        self.scroll.hide()  # the cards are refilled, not rebuilt, when the picks come
        self.scroll.verticalScrollBar().setValue(0)   # from the top, not where the last was
        self.shelves = []
        self._status(self.tr("Finding your picks…"))
        self._retranslate_header()

    def _failed(self, message: str) -> None:
        self._clear_shelves()
        self._status(message)

    # Shelves and their cards are kept and refilled for the next shopper.

    def _make_card(self, pick: Any, reusable: CardFrame | None, grid: CardGrid) -> CardFrame:
        saved = self.session.is_saved(pick.sku)
        body = plugin_card_body(self.session.kiosk, pick, grid)
        if body is not None:
            try:
                return self._connect_card(CardFrame(pick, body, grid, saved=saved))
            except Exception:
                log.exception("a plugin card could not be framed; the standard card is shown")
                body.deleteLater()
        if reusable is not None:
            reusable.set_pick(pick, saved=saved)
            return reusable
        return self._connect_card(CardFrame(pick, None, grid, saved=saved))

    def _connect_card(self, card: CardFrame) -> CardFrame:
        card.save_clicked.connect(self.session.save)
        card.not_for_me_clicked.connect(self.session.not_for_me)
        card.more_like_this_clicked.connect(self.session.more_like_this)
        return card

    def show_picks(self, picks: Picks) -> None:
        while len(self.shelf_widgets) < len(picks.shelves):
            widget = ShelfWidget("", "", self.body)
            widget.hide()
            self.shelves_layout.insertWidget(self.shelves_layout.count() - 1, widget)
            self.shelf_widgets.append(widget)
        self.shelves = []
        for widget, shelf in zip(self.shelf_widgets, picks.shelves, strict=False):
            widget.key, widget.english_title, widget.plugin = shelf.key, shelf.title, shelf.plugin
            widget.retranslate()
            widget.grid.fill(list(shelf.picks), self._make_card)
            if widget.isHidden():
                widget.show()
            self.shelves.append(widget)
        for widget in self.shelf_widgets[len(picks.shelves):]:
            widget.grid.fill([], self._make_card)
            widget.hide()
        self._status("" if picks.shelves else
                     self.tr("Nothing to suggest right now. Have a look around!"))
        self._retranslate_header()  # the cards were just filled in
        if self.scroll.isHidden():
            self.scroll.show()

    def cards(self) -> list[CardFrame]:
        return [card for shelf in self.shelves for card in shelf.grid.cards]

    def _removed(self, sku: str) -> None:
        self.similar_panel.take(sku)
        self._place_overlays()
        for shelf in list(self.shelves):
            shelf.grid.take(sku)
            if not shelf.grid.cards:
                self.shelves.remove(shelf)
                shelf.hide()

    def _saved_changed(self) -> None:
        for card in self.cards() + self.similar_panel.grid.cards:
            card.set_saved(self.session.is_saved(card.sku))
        set_text(self.saved_button, self.tr("My list (%1)").replace(
            "%1", str(len(self.session.saved))))

    def _clear_shelves(self) -> None:
        for widget in self.shelf_widgets:
            widget.grid.fill([], self._make_card)
            widget.hide()
        self.shelves = []

    def clear(self) -> None:
        """Forget the shopper: every card blanked (kept, hidden with the list, for reuse)."""
        self.scroll.hide()
        self.scroll.verticalScrollBar().setValue(0)
        self.shelves = []
        for widget in self.shelf_widgets:
            if any(card.plugin_body for card in widget.grid.cards):
                widget.grid.fill([], self._make_card)
            for card in widget.grid.standard_cards():
                card.blank()
        self._status("")
        self.greeting.setText("")
        self.greeting.setAccessibleName("")
        self.similar_panel.clear()
        self.undo_bar.withdraw()
        self._place_overlays()
        self.retranslate()


def picks_note(picks: Picks) -> str:
    """What a known shopper reads when their picks are not personal, and what they get."""
    if picks.paused:
        return translate("PicksScreen", "Your personal picks are paused, so these are this "
                         "store's picks for everyone. Turn them back on in My data.")
    if not picks.personal:
        return translate("PicksScreen", "We don't use what you buy, as you asked, so these "
                         "are this store's picks for everyone. You can change this in My data.")
    return ""


class SimilarPanel(QFrame):
    """"More like this": one row of cards over the bottom of the shelves, with a Close
    button; the shelves' cards stay where they are, and so does the keyboard focus."""

    closed = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("similar_panel")
        self.setProperty("role", "dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.anchor_name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        top = QHBoxLayout()
        self.title = label(self, "shelf-title")
        self.close_button = button(self, "secondary", "close_similar")
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.grid = CardGrid(self)
        layout.addWidget(self.grid)
        self.close_button.clicked.connect(self.closed)
        self.hide()

    def show_picks(self, anchor_name: str, picks: list[Any], make: Any) -> None:
        self.anchor_name = anchor_name
        width = max(self.parentWidget().width() - 80, CARD_WIDTH)
        self.grid.fill(list(picks)[:max(1, min(MAX_COLUMNS, width // CARD_WIDTH))], make)
        self.retranslate()
        self.show()

    def height_for(self, width: int) -> int:
        """The panel's height at ``width``: its title row and its cards' tallest."""
        layout = self.layout()
        margins = layout.contentsMargins()
        cards = self.grid.cards
        inner = width - margins.left() - margins.right()
        if cards:
            spacing = self.grid.grid.spacing()
            card_width = (inner - spacing * (len(cards) - 1)) // len(cards)
            tallest = max(max(card.heightForWidth(card_width), card.minimumSizeHint().height())
                          for card in cards)
        else:
            tallest = 0
        top = max(self.title.sizeHint().height(), self.close_button.sizeHint().height())
        return margins.top() + top + layout.spacing() + tallest + margins.bottom()

    def take(self, sku: str) -> None:
        self.grid.take(sku)
        if not self.grid.cards:
            self.clear()

    def clear(self) -> None:
        self.grid.fill([], lambda pick, card, grid: card)
        for card in self.grid.standard_cards():
            card.blank()
        self.anchor_name = ""
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(translate("PicksScreen", "More like %1").replace(
            "%1", self.anchor_name) if self.anchor_name else
            translate("PicksScreen", "More like this"))
        self.title.setAccessibleName(self.title.text())
        set_text(self.close_button, translate("PicksScreen", "Close"),
                 translate("PicksScreen", "Close: more like this"))
        for card in self.grid.cards:
            card.retranslate()


class UndoBar(QFrame):
    """"Not for me" done: the item's name and an Undo button, for the session's undo time."""

    undo = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("undo_bar")
        self.setProperty("role", "dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.sku = ""
        self.name = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        self.text = label(self, "body")
        self.undo_button = button(self, "primary", "undo")
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_button)
        self.undo_button.clicked.connect(lambda: self.undo.emit(self.sku))
        self.hide()

    def offer(self, sku: str, name: str) -> None:
        self.sku, self.name = sku, name
        self.retranslate()
        self.show()
        parent = self.parentWidget()
        if isinstance(parent, PicksScreen):
            QTimer.singleShot(0, parent._place_overlays)
            parent._place_overlays()

    def withdraw(self, sku: str = "") -> None:
        if sku and sku != self.sku:
            return  # an older one: the bar offers the latest
        self.sku, self.name = "", ""
        self.text.clear()
        self.hide()

    def retranslate(self) -> None:
        self.text.setText(translate("PicksScreen", "Removed: %1").replace("%1", self.name)
                          if self.name else translate("PicksScreen", "Removed."))
        set_text(self.undo_button, translate("PicksScreen", "Undo"),
                 translate("PicksScreen", "Undo: bring %1 back").replace("%1", self.name))
