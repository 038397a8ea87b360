"""My data: what we know and why; preferences; consents; pause; erase me (with confirmation)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.presenters.mydata import PURPOSES, MyDataPresenter, purpose_label
from kiosk.ui.screens.common import (
    TOUCH,
    CheckRow,
    Screen,
    button,
    label,
    page_with_header,
    set_text,
)
from kiosk.ui.texts import (
    budget_text,
    capitalised,
    colour_name,
    display_name,
    format_date,
    preference_value,
    theme_name,
)

translate = QCoreApplication.translate

PREFERENCE_THEMES = ("christmas", "kitchen", "bags", "candles_lights", "stationery", "garden",
                     "home_decor", "party", "toys_games", "jewellery_accessories")
COLOURS = ("red", "pink", "blue", "green", "white", "black", "gold", "silver")
BUDGETS = ("", "5", "10", "20", "50")
PREFERENCE_ORDER = ("theme", "colour", "budget")  # as the screen lists them


class ChipGrid(QWidget):
    """Toggle chips in as many columns as fit."""

    def __init__(self, parent: QWidget, chip_width: int):
        super().__init__(parent)
        self.chip_width = chip_width
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.chips: list[QWidget] = []
        self.columns = 0

    def set_chips(self, chips: list[QWidget]) -> None:
        self.chips = chips
        self._relayout(self.width() or 1000)

    def _relayout(self, width: int) -> None:
        columns = max(2, min(len(self.chips), width // self.chip_width))
        if columns == self.columns:
            return
        self.columns = columns
        for chip in self.chips:
            self.grid.removeWidget(chip)
        for i, chip in enumerate(self.chips):
            self.grid.addWidget(chip, i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        self._relayout(event.size().width())
        super().resizeEvent(event)


class MyDataScreen(Screen):
    name = "my_data"
    back = Signal()

    def __init__(self, presenter: MyDataPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.data: dict[str, Any] = {}
        self._updating = False
        outer, self.title, self.back_button = page_with_header(self)
        self.message = label(self, "error")
        outer.addWidget(self.message)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        centre = QHBoxLayout(holder)
        body = QWidget(holder)
        body.setMaximumWidth(1100)
        centre.addWidget(body)
        self.body_layout = QVBoxLayout(body)
        scroll.setWidget(holder)
        outer.addWidget(scroll, 1)
        add = self.body_layout.addWidget

        self.known_title = label(body, "shelf-title")
        self.known = label(body, "body")
        self.known.setObjectName("what_we_know")
        self.known.setTextFormat(Qt.TextFormat.PlainText)
        add(self.known_title)
        add(self.known)

        self.prefs_title = label(body, "shelf-title")
        add(self.prefs_title)
        self.themes_label = label(body, "hint")
        add(self.themes_label)
        self.theme_buttons = self._chips(body, "theme", PREFERENCE_THEMES, width=200)
        self.colours_label = label(body, "hint")
        add(self.colours_label)
        self.colour_buttons = self._chips(body, "colour", COLOURS, width=130)
        self.budget_label = label(body, "hint")
        add(self.budget_label)
        self.budget = QComboBox(body)
        self.budget.setMinimumHeight(TOUCH)
        self.budget.setObjectName("budget")
        self.budget.currentIndexChanged.connect(self._budget_changed)
        add(self.budget)

        self.consents_title = label(body, "shelf-title")
        add(self.consents_title)
        self.consent_boxes: dict[str, QCheckBox] = {}
        self.consent_rows: dict[str, CheckRow] = {}
        for purpose in PURPOSES:
            row = CheckRow(body, f"consent_{purpose}")
            row.box.toggled.connect(lambda on, p=purpose: self._consent(p, on))
            self.consent_rows[purpose] = row
            self.consent_boxes[purpose] = row.box
            add(row)
        self.pause_row = CheckRow(body, "pause")
        self.pause_box = self.pause_row.box
        self.pause_box.toggled.connect(self._pause)
        add(self.pause_row)

        self.erase_title = label(body, "shelf-title")
        self.erase_button = button(body, "danger", "erase")
        self.confirm = QFrame(body)
        self.confirm.setProperty("role", "dialog")
        confirm_layout = QVBoxLayout(self.confirm)
        self.confirm_text = label(self.confirm, "body")
        self.confirm_yes = button(self.confirm, "danger", "erase_confirm")
        self.confirm_no = button(self.confirm, "secondary", "erase_cancel")
        for widget in (self.confirm_text, self.confirm_yes, self.confirm_no):
            confirm_layout.addWidget(widget)
        self.confirm.hide()
        for widget in (self.erase_title, self.erase_button, self.confirm):
            add(widget)
        self.body_layout.addStretch(1)

        self.back_button.clicked.connect(self.back)
        self.erase_button.clicked.connect(self.ask_erase)
        self.confirm_no.clicked.connect(self.confirm.hide)
        self.confirm_yes.clicked.connect(self._erase)
        presenter.loaded.connect(self.show_data)
        presenter.failed.connect(self.message.setText)
        presenter.session.session_reset.connect(self.clear)
        self.retranslate()

    # -- presenter → screen --------------------------------------------------

    def show_data(self, data: dict[str, Any]) -> None:
        self.data = data
        self._updating = True
        try:
            prefs = preferences_of(data)
            for theme, toggle in self.theme_buttons.items():
                toggle.setChecked(theme in prefs.get("theme", set()))
            for colour, toggle in self.colour_buttons.items():
                toggle.setChecked(colour in prefs.get("colour", set()))
            budget = next(iter(prefs.get("budget", {""})))
            self.budget.setCurrentIndex(BUDGETS.index(budget) if budget in BUDGETS else 0)
            consents = consents_of(data)
            for purpose, box in self.consent_boxes.items():
                box.setChecked(bool(consents.get(purpose)))
            self.pause_box.setChecked(bool(data.get("paused") or
                                           data.get("personalisation_paused")))
        finally:
            self._updating = False
        self.message.setText("")
        self.retranslate()

    # -- screen → presenter ----------------------------------------------------

    def _chips(self, body: QWidget, key: str, values: Iterable[str], *,
               width: int) -> dict[str, QPushButton]:
        """A grid of toggles, one per value of a preference (theme, colour)."""
        grid = ChipGrid(body, width)
        toggles: dict[str, QPushButton] = {}
        for value in values:
            toggle = button(grid, "chip", f"{key}_{value}")
            toggle.setCheckable(True)
            toggle.toggled.connect(lambda on, v=value: self._toggle(key, v, on))
            toggles[value] = toggle
        grid.set_chips(list(toggles.values()))
        self.body_layout.addWidget(grid)
        return toggles

    def _toggle(self, key: str, value: str, on: bool) -> None:
        if self._updating:
            return
        if on:
            self.presenter.set_preference(key, value)
        else:
            self.presenter.remove_preference(key, value)

    def _budget_changed(self, index: int) -> None:
        if self._updating or index < 0:
            return
        old = preferences_of(self.data).get("budget", set())
        for value in old:
            self.presenter.remove_preference("budget", value)
        if BUDGETS[index]:
            self.presenter.set_preference("budget", BUDGETS[index])

    def _consent(self, purpose: str, on: bool) -> None:
        if not self._updating:
            self.presenter.set_consent(purpose, on)

    def _pause(self, on: bool) -> None:
        if not self._updating:
            self.presenter.pause(on)

    def ask_erase(self) -> None:
        self.confirm.show()
        self.confirm_no.setFocus()

    def _erase(self) -> None:
        self.confirm.hide()
        self.presenter.erase()

    # -- texts ------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("My data"))
        set_text(self.back_button, self.tr("Back to my picks"))
        self.known_title.setText(self.tr("What we know, and why"))
        self.known.setText(describe(self.data) if self.data else "")
        self.known.setAccessibleName(self.known_title.text())
        self.prefs_title.setText(self.tr("What I like"))
        self.themes_label.setText(self.tr("Themes"))
        for theme, toggle in self.theme_buttons.items():
            set_text(toggle, capitalised(theme_name(theme)))
        self.colours_label.setText(self.tr("Colours"))
        for colour, toggle in self.colour_buttons.items():
            set_text(toggle, capitalised(colour_name(colour)))
        self.budget_label.setText(self.tr("My budget for one item"))
        self._updating, was = True, self._updating
        current = self.budget.currentIndex()
        self.budget.clear()
        self.budget.addItems([self.tr("Any price")] + [
            capitalised(budget_text(b)) for b in BUDGETS[1:]])
        self.budget.setCurrentIndex(max(current, 0))
        self._updating = was
        self.budget.setAccessibleName(self.budget_label.text())
        self.consents_title.setText(self.tr("What you allow"))
        for purpose, row in self.consent_rows.items():
            row.setText(purpose_label(purpose))
        self.pause_row.setText(self.tr("Pause my personal picks for now"))
        self.erase_title.setText(self.tr("Forget me"))
        set_text(self.erase_button, self.tr("Erase everything about me"))
        self.confirm_text.setText(self.tr("This deletes your purchases, likes and list from "
                                          "this store for good, and asks head office to do "
                                          "the same. Your code will stop working."))
        set_text(self.confirm_yes, self.tr("Yes, erase everything"))
        set_text(self.confirm_no, self.tr("No, keep my data"))

    def showEvent(self, event) -> None:
        self.presenter.load()
        super().showEvent(event)

    def clear(self) -> None:
        self.data = {}
        self.confirm.hide()
        self.message.setText("")
        self.show_data({})


def preferences_of(data: dict[str, Any]) -> dict[str, set[str]]:
    """{key: {values}} from what_we_know's preferences (a list of rows or a mapping)."""
    found: dict[str, set[str]] = {}
    prefs = data.get("preferences") or []
    if isinstance(prefs, dict):
        for key, values in prefs.items():
            values = values if isinstance(values, list | tuple | set) else [values]
            found.setdefault(key, set()).update(
                str(v.get("value") if isinstance(v, dict) else v) for v in values)
    else:
        for row in prefs:
            found.setdefault(str(row.get("key")), set()).add(str(row.get("value")))
    return found


def consents_of(data: dict[str, Any]) -> dict[str, bool]:
    consents = data.get("consents") or {}
    if isinstance(consents, list):
        return {str(row.get("purpose")): bool(row.get("granted")) for row in consents}
    return {k: bool(v.get("granted") if isinstance(v, dict) else v) for k, v in consents.items()}


# staff views listed by name (the latest first); the count says how many in all
SHOWN_VIEWS = 5


def staff_lines(data: dict[str, Any]) -> list[str]:
    """Staff notes about the shopper and every time staff looked at their profile."""
    lines = []
    for note in (data.get("notes") or {}).values():
        if isinstance(note, dict) and note.get("text"):
            lines.append(translate("MyDataScreen", "A note from our staff (%1): %2")
                         .replace("%1", str(note.get("author") or "")).replace(
                             "%2", str(note["text"])))
    views = [v for v in data.get("staff_views") or [] if isinstance(v, dict)]
    if not views:
        lines.append(translate("MyDataScreen", "No member of staff has looked at your profile."))
        return lines
    latest = sorted(views, key=lambda v: str(v.get("at")), reverse=True)[:SHOWN_VIEWS]
    seen = "; ".join(f"{v.get('staff')} ({v.get('store')}, {format_date(v.get('at'))})"
                     for v in latest)
    lines.append(translate("MyDataScreen", "Staff looked at your profile %1 time(s), lately: %2")
                 .replace("%1", str(len(views))).replace("%2", seen))
    return lines


def describe(data: dict[str, Any]) -> str:
    """What we know, in plain words, from ``kiosk.privacy.what_we_know``."""
    lines = []
    first_name = (data.get("customer") or {}).get("first_name")
    if first_name:
        lines.append(translate("MyDataScreen", "Your first name: %1").replace(
            "%1", str(first_name)))
    purchases = data.get("purchases")
    if isinstance(purchases, dict):
        count = purchases.get("count", purchases.get("lines", 0))
    else:
        count = len(purchases or [])
    lines.append(translate("MyDataScreen", "Purchases we use for your picks: %1").replace(
        "%1", str(count)))
    if isinstance(purchases, list) and purchases:
        recent = []
        for row in purchases:
            name = display_name(str(row.get("name") or row.get("sku") or ""))
            if name and name not in recent:
                recent.append(name)
            if len(recent) == 3:
                break
        lines.append(translate("MyDataScreen", "Most recently: %1").replace(
            "%1", ", ".join(recent)))
    prefs = preferences_of(data)
    if prefs:
        keys = [k for k in PREFERENCE_ORDER if k in prefs] + sorted(
            k for k in prefs if k not in PREFERENCE_ORDER)
        liked = ", ".join(preference_value(k, v) for k in keys for v in sorted(prefs[k]))
        lines.append(translate("MyDataScreen", "What you told us you like: %1").replace(
            "%1", liked))
    counted = {"feedback": translate("MyDataScreen", "Your reactions to picks: %1"),
               "saved": translate("MyDataScreen", "Saved items: %1"),
               "not_for_me": translate("MyDataScreen", "Items you said are not for you: %1")}
    for key, text in counted.items():
        value = data.get(key)
        if isinstance(value, list | dict) and value:
            lines.append(text.replace("%1", str(len(value))))
    lines.extend(staff_lines(data))
    why = data.get("why")
    if isinstance(why, str) and why:
        lines.append(why)
    else:
        lines.append(translate(
            "MyDataScreen", "We use these only to suggest things you may like, in any of our "
            "stores: your profile is kept by our head office. You can change or erase them "
            "here at any time."))
    return "\n".join(lines)
