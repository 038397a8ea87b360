"""The customer page: history (timeline and spend per month), preferences with their source,
notes, saved and not-for-me lists, what the kiosk showed lately and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.screens.common import TOUCH, Screen, button, label, set_text
from kiosk.ui.staff.presenters.customer import CustomerPresenter
from kiosk.ui.staff.screens.chart import SpendChart
from kiosk.ui.staff.screens.widgets import (
    FlowLayout,
    ItemRow,
    Reflow,
    clear_layout,
    empty_line,
    scrolling,
    section_title,
)
from kiosk.ui.staff.texts import (
    COLOURS,
    PREFERENCE_KEYS,
    THEMES,
    action_name,
    day,
    money,
    preference_key_name,
    preference_value,
    reason_text,
    source_name,
    stock_text,
)
from kiosk.ui.texts import display_name, shelf_title

TABS = ("visits", "saved", "shown")
#: purchases listed when a page opens; "Show all" lists the rest
VISITS_AT_FIRST = 12
#: items of a visit named on its row (the rest are counted)
ITEMS_NAMED = 3


def client_since(since: Any, first_visit: Any) -> str | None:
    """The earlier of the record's start and the first purchase: a store that imported its
    till history knows its clients from their first purchase, not from the import."""
    known = [str(value)[:10] for value in (since, first_visit) if value]
    return min(known) if known else None


class CustomerScreen(Screen):
    name = "customer"
    back = Signal()
    curate = Signal()

    def __init__(self, presenter: CustomerPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.page: dict[str, Any] = {}
        self.editing_note: Any = None
        self.manager = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 10, 24, 10)
        outer.setSpacing(8)
        # the name and the actions side by side, or the actions under the name in portrait
        header = Reflow(self, spacing=8)
        who, actions = QHBoxLayout(), QHBoxLayout()
        header.column(3).addLayout(who)
        header.column(2).addLayout(actions)
        self.back_button = button(self, "secondary", "back")
        self.back_button.clicked.connect(self.back)
        who.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.title = label(self, "greeting", wrap=False)
        self.subtitle = label(self, "hint")
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        who.addLayout(names, 1)
        actions.addStretch(1)
        self.mine_button = button(self, "secondary", "my_client")
        self.mine_button.setCheckable(True)
        self.mine_button.clicked.connect(presenter.assign_to_me)
        actions.addWidget(self.mine_button)
        self.curate_button = button(self, "primary", "curate")
        self.curate_button.clicked.connect(self.curate)
        actions.addWidget(self.curate_button)
        outer.addWidget(header)
        self.paused = label(self, "paused")
        self.paused.setObjectName("paused_banner")
        self.paused.hide()
        outer.addWidget(self.paused)
        self.message = label(self, "status")
        self.message.hide()
        outer.addWidget(self.message)
        area, body, body_layout = scrolling(self)
        area.setObjectName("customer_page")
        outer.addWidget(area, 1)
        self.columns = Reflow(body)
        body_layout.addWidget(self.columns)
        body_layout.addStretch(1)
        left, right = self.columns.column(5), self.columns.column(4)
        self._build_left(body, left)
        self._build_right(body, right)
        presenter.loaded.connect(self.show_page)
        presenter.audit_loaded.connect(self.show_audit)
        presenter.contacted.connect(self.say)
        self.retranslate()

    # -- building --------------------------------------------------------------------

    def _build_left(self, body: QWidget, column: QVBoxLayout) -> None:
        self.stats = label(body, "body")
        self.stats.setObjectName("stats")
        column.addWidget(self.stats)
        self.chart_title = section_title(body)
        column.addWidget(self.chart_title)
        self.chart = SpendChart(body)
        column.addWidget(self.chart)
        self.prefs_title = section_title(body)
        column.addWidget(self.prefs_title)
        self.prefs_list = QVBoxLayout()
        column.addLayout(self.prefs_list)
        add = QHBoxLayout()
        self.pref_key = QComboBox(body)
        self.pref_key.setObjectName("preference_key")
        self.pref_key.setMinimumHeight(TOUCH)
        self.pref_key.currentIndexChanged.connect(self._key_changed)
        self.pref_value = QComboBox(body)
        self.pref_value.setObjectName("preference_value")
        self.pref_value.setMinimumHeight(TOUCH)
        self.pref_value.setEditable(True)
        self.pref_value.setMinimumWidth(180)
        self.pref_add = button(body, "secondary", "add_preference")
        self.pref_add.clicked.connect(self._add_preference)
        add.addWidget(self.pref_key)
        add.addWidget(self.pref_value, 1)
        add.addWidget(self.pref_add)
        column.addLayout(add)
        self.notes_title = section_title(body)
        column.addWidget(self.notes_title)
        note_row = QHBoxLayout()
        self.note_field = QLineEdit(body)
        self.note_field.setObjectName("note_text")
        self.note_field.setMinimumHeight(TOUCH)
        self.note_field.setMaxLength(500)
        self.note_field.returnPressed.connect(self._save_note)
        self.note_save = button(body, "secondary", "save_note")
        self.note_save.clicked.connect(self._save_note)
        self.note_cancel = button(body, "quiet-dark", "cancel_note")
        self.note_cancel.clicked.connect(self._cancel_note)
        self.note_cancel.hide()
        note_row.addWidget(self.note_field, 1)
        note_row.addWidget(self.note_save)
        note_row.addWidget(self.note_cancel)
        column.addLayout(note_row)
        self.notes_list = QVBoxLayout()
        column.addLayout(self.notes_list)
        self.contact_title = section_title(body)
        column.addWidget(self.contact_title)
        contact_row = QHBoxLayout()
        self.contact_field = QLineEdit(body)
        self.contact_field.setObjectName("contact_text")
        self.contact_field.setMinimumHeight(TOUCH)
        self.contact_send = button(body, "secondary", "contact")
        self.contact_send.clicked.connect(self._contact)
        contact_row.addWidget(self.contact_field, 1)
        contact_row.addWidget(self.contact_send)
        column.addLayout(contact_row)
        self.audit_button = button(body, "secondary", "audit")
        self.audit_button.clicked.connect(self.presenter.load_audit)
        column.addWidget(self.audit_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.audit_list = QVBoxLayout()
        column.addLayout(self.audit_list)

    def _build_right(self, body: QWidget, column: QVBoxLayout) -> None:
        # the tabs wrap rather than clip when their titles are long (French) or the column narrow
        tabs_holder = QWidget(body)
        tabs = FlowLayout(tabs_holder, spacing=8)
        self.tab_buttons = {}
        for key in TABS:
            tab = button(tabs_holder, "chip", f"tab_{key}")
            tab.setCheckable(True)
            tab.clicked.connect(lambda _=False, k=key: self.show_tab(k))
            self.tab_buttons[key] = tab
            tabs.addWidget(tab)
        column.addWidget(tabs_holder)
        self.tabs = QStackedWidget(body)
        self.tab_layouts = {}
        for key in TABS:
            pane = QWidget(self.tabs)
            layout = QVBoxLayout(pane)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(6)
            self.tab_layouts[key] = layout
            self.tabs.addWidget(pane)
        column.addWidget(self.tabs)
        self.show_tab("visits")

    def show_tab(self, key: str) -> None:
        for other, tab in self.tab_buttons.items():
            tab.setChecked(other == key)
        self.tabs.setCurrentIndex(TABS.index(key))

    # -- showing ---------------------------------------------------------------------

    def set_manager(self, manager: bool) -> None:
        self.manager = manager
        self.audit_button.setVisible(manager)

    def show_page(self, page: dict[str, Any]) -> None:
        first_visit = not self.page or (self.page.get("customer") or {}).get("id") != (
            page.get("customer") or {}).get("id")
        self.page = page
        if first_visit:
            self.message.hide()
            clear_layout(self.audit_list)
            self._cancel_note()
        self._fill()

    def _fill(self) -> None:
        page = self.page
        customer = page.get("customer") or {}
        name = customer.get("first_name") or self.tr("This client")
        self.title.setText(name)
        self.title.setAccessibleName(name)
        parts = []
        since = client_since(customer.get("since"), (page.get("stats") or {}).get("first_visit"))
        if since:
            parts.append(self.tr("Client since %1").replace("%1", day(since)))
        advisor = customer.get("advisor")
        parts.append(self.tr("Advisor: %1").replace("%1", advisor) if advisor
                     else self.tr("No advisor yet"))
        self.subtitle.setText(" · ".join(parts))
        self.subtitle.setAccessibleName(self.subtitle.text())
        mine = bool(advisor) and advisor == self.presenter.desk.name
        self.mine_button.setChecked(mine)
        set_text(self.mine_button, self.tr("My client ✓") if mine else self.tr("Make my client"),
                 self.tr("My client") if mine else self.tr("Make my client"))
        self.paused.setVisible(bool(page.get("paused")))
        self.stats.setText(self._stats(page.get("stats") or {}))
        self.stats.setAccessibleName(self.stats.text())
        self.chart.set_months(page.get("spend_by_month") or [])
        self._preferences(page.get("preferences") or [])
        self._notes(page.get("notes") or [])
        self._timeline(page.get("timeline") or [])
        self._saved(page.get("saved") or [], page.get("not_for_me") or [])
        self._shown(page.get("shown") or [])
        self._tab_titles()

    def _stats(self, stats: dict[str, Any]) -> str:
        lines = [self.tr("%n visit(s), %1 spent", "", int(stats.get("visits") or 0)).replace(
            "%1", money(stats.get("spend") or 0))]
        if stats.get("first_visit"):
            lines.append(self.tr("First visit %1, last visit %2")
                         .replace("%1", day(stats["first_visit"]))
                         .replace("%2", day(stats.get("last_visit"))))
        interval = stats.get("usual_interval_days")
        if interval:
            lines.append(self.tr("Usually comes back every %n day(s)", "", int(interval)))
        stores = stats.get("stores") or []
        if stores:
            lines.append(self.tr("Stores: %1").replace("%1", ", ".join(map(str, stores))))
        return "\n".join(lines)

    def _preferences(self, preferences: list[dict[str, Any]]) -> None:
        clear_layout(self.prefs_list)
        if not preferences:
            self.prefs_list.addWidget(empty_line(self, self.tr("No preferences yet.")))
        for pref in preferences:
            key, value = str(pref.get("key", "")), str(pref.get("value", ""))
            detail = " · ".join((preference_key_name(key),
                                 source_name(str(pref.get("source", ""))),
                                 day(pref.get("updated"))))
            row = ItemRow(self, preference_value(key, value).capitalize(), detail,
                          name="preference_row")
            row.action(self.tr("Remove"),
                       lambda k=key, v=value: self.presenter.remove_preference(k, v),
                       name="remove_preference",
                       accessible=self.tr("Remove %1").replace(
                           "%1", preference_value(key, value)))
            self.prefs_list.addWidget(row)

    def _notes(self, notes: list[dict[str, Any]]) -> None:
        clear_layout(self.notes_list)
        if not notes:
            self.notes_list.addWidget(empty_line(self, self.tr("No notes yet.")))
        for note in notes:
            detail = self.tr("by %1, %2").replace("%1", str(note.get("by", ""))).replace(
                "%2", day(note.get("at")))
            row = ItemRow(self, str(note.get("text", "")), detail, name="note_row")
            row.action(self.tr("Edit"), lambda n=note: self._edit_note(n), name="edit_note")
            row.action(self.tr("Remove"), lambda n=note: self.presenter.remove_note(n.get("id")),
                       name="remove_note", accessible=self.tr("Remove this note"))
            self.notes_list.addWidget(row)

    def _timeline(self, visits: list[dict[str, Any]], *, every: bool = False) -> None:
        """The latest visits first; the rest on "Show all" (a long history as widgets took
        seconds to lay out and paint, and staff rarely need more than the last few)."""
        layout = self.tab_layouts["visits"]
        clear_layout(layout)
        if not visits:
            layout.addWidget(empty_line(self, self.tr("No purchases yet.")))
        shown = visits if every else visits[:VISITS_AT_FIRST]
        for visit in shown:
            items = visit.get("items") or []
            named = [f"{item.get('quantity', 1)} × "
                     f"{display_name(str(item.get('name') or item.get('sku', '')))}"
                     for item in items[:ITEMS_NAMED]]
            if len(items) > ITEMS_NAMED:
                named.append(self.tr("and %n more", "", len(items) - ITEMS_NAMED))
            title = " · ".join(part for part in (day(visit.get("date")),
                                                 money(visit.get("total")),
                                                 str(visit.get("store") or "")) if part)
            layout.addWidget(ItemRow(self, title, ", ".join(named), name="visit_row"))
        if len(shown) < len(visits):
            more = button(self, "secondary", "all_visits")
            set_text(more, self.tr("Show all %n purchases", "", len(visits)))
            more.clicked.connect(lambda _=False: self._timeline(visits, every=True))
            layout.addWidget(more, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _saved(self, saved: list[dict[str, Any]], not_for_me: list[dict[str, Any]]) -> None:
        layout = self.tab_layouts["saved"]
        clear_layout(layout)
        self.saved_title = section_title(self)
        self.saved_title.setText(self.tr("Saved"))
        layout.addWidget(self.saved_title)
        if not saved:
            layout.addWidget(empty_line(self, self.tr("Nothing saved.")))
        for item in saved:
            layout.addWidget(ItemRow(self, display_name(str(item.get("name") or item["sku"])),
                                     stock_text(item.get("stock"), item.get("location")),
                                     name="saved_row"))
        self.not_for_me_title = section_title(self)
        self.not_for_me_title.setText(self.tr("Not for me"))
        layout.addWidget(self.not_for_me_title)
        if not not_for_me:
            layout.addWidget(empty_line(self, self.tr("Nothing turned down.")))
        for item in not_for_me:
            layout.addWidget(ItemRow(self, display_name(str(item.get("name") or item["sku"])),
                                     name="not_for_me_row"))
        layout.addStretch(1)

    def _shown(self, shown: list[dict[str, Any]]) -> None:
        layout = self.tab_layouts["shown"]
        clear_layout(layout)
        if not shown:
            layout.addWidget(empty_line(self, self.tr("The kiosk has not shown them anything "
                                                      "lately.")))
        for item in shown:
            # "shelf" may name a recommender (an internal key): only a shelf's title is shown
            shelf = shelf_title(str(item.get("shelf") or ""), "")
            detail = " · ".join(part for part in (day(item.get("at")), shelf,
                                                  reason_text(item.get("reason"))) if part)
            layout.addWidget(ItemRow(self, display_name(str(item.get("name") or item["sku"])),
                                     detail, name="shown_row"))
        layout.addStretch(1)

    def _tab_titles(self) -> None:
        page = self.page
        counts = {"visits": len(page.get("timeline") or []),
                  "saved": len(page.get("saved") or []),
                  "shown": len(page.get("shown") or [])}
        titles = {"visits": self.tr("Purchases (%1)"), "saved": self.tr("Saved (%1)"),
                  "shown": self.tr("Shown lately (%1)")}
        for key, tab in self.tab_buttons.items():
            set_text(tab, titles[key].replace("%1", str(counts[key])))

    def show_audit(self, rows: list[dict[str, Any]]) -> None:
        clear_layout(self.audit_list)
        if not rows:
            self.audit_list.addWidget(empty_line(self, self.tr("Nobody yet.")))
        for row in rows:
            detail = " · ".join((day(row.get("at")), str(row.get("device") or "")))
            title = f"{row.get('staff', '')} {action_name(str(row.get('action', '')))}"
            self.audit_list.addWidget(ItemRow(self, title, detail, name="audit_row"))

    def say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.message.show()

    # -- edits ---------------------------------------------------------------------------

    def _key_changed(self, index: int) -> None:
        key = PREFERENCE_KEYS[index] if 0 <= index < len(PREFERENCE_KEYS) else "size"
        values = {"theme": THEMES, "colour": COLOURS,
                  "budget": ("5", "10", "20", "50")}.get(key, ())
        self.pref_value.clear()
        for value in values:
            self.pref_value.addItem(preference_value(key, value), value)
        self.pref_value.setCurrentIndex(-1 if not values else 0)
        self.pref_value.setEditText("" if not values else self.pref_value.currentText())

    def _add_preference(self) -> None:
        index = self.pref_key.currentIndex()
        key = PREFERENCE_KEYS[index] if 0 <= index < len(PREFERENCE_KEYS) else "size"
        text = self.pref_value.currentText().strip()
        chosen = self.pref_value.currentIndex()
        value = (self.pref_value.itemData(chosen) if chosen >= 0
                 and self.pref_value.itemText(chosen) == text else text)
        if value:
            self.presenter.set_preference(key, str(value))

    def _edit_note(self, note: dict[str, Any]) -> None:
        self.editing_note = note.get("id")
        self.note_field.setText(str(note.get("text", "")))
        self.note_field.setFocus()
        self.note_cancel.show()
        self._note_buttons()

    def _save_note(self) -> None:
        text = self.note_field.text().strip()
        if not text:
            return
        if self.editing_note is not None:
            self.presenter.edit_note(self.editing_note, text)
        else:
            self.presenter.add_note(text)
        self._cancel_note()

    def _cancel_note(self) -> None:
        self.editing_note = None
        self.note_field.clear()
        self.note_cancel.hide()
        self._note_buttons()

    def _note_buttons(self) -> None:
        set_text(self.note_save, self.tr("Save note") if self.editing_note is not None
                 else self.tr("Add note"))

    def _contact(self) -> None:
        text, _ = self.contact_field.text(), self.contact_field.clear()
        self.presenter.contact(text)

    # -- language and forgetting -----------------------------------------------------------

    def retranslate(self) -> None:
        set_text(self.back_button, self.tr("Clients"), self.tr("Back to the client book"))
        set_text(self.curate_button, self.tr("Curate picks"))
        self.paused.setText(self.tr("Personal picks paused: they will see picks again when "
                                    "they resume."))
        self.paused.setAccessibleName(self.paused.text())
        self.chart_title.setText(self.tr("Spend per month"))
        self.prefs_title.setText(self.tr("Sizes and preferences"))
        self.notes_title.setText(self.tr("Notes (the shopper can read them in My data)"))
        self.note_field.setPlaceholderText(self.tr("Write a note"))
        self.note_field.setAccessibleName(self.tr("Note text"))
        set_text(self.note_cancel, self.tr("Cancel"), self.tr("Cancel editing the note"))
        self._note_buttons()
        self.contact_title.setText(self.tr("Contact"))
        self.contact_field.setPlaceholderText(self.tr("A message for the client"))
        self.contact_field.setAccessibleName(self.tr("Message for the client"))
        set_text(self.contact_send, self.tr("Send"), self.tr("Send the message"))
        set_text(self.audit_button, self.tr("Who opened this profile"))
        key = self.pref_key.currentIndex()
        self.pref_key.blockSignals(True)
        self.pref_key.clear()
        for pref_key in PREFERENCE_KEYS:
            self.pref_key.addItem(preference_key_name(pref_key), pref_key)
        self.pref_key.setCurrentIndex(max(key, 0))
        self.pref_key.blockSignals(False)
        self._key_changed(self.pref_key.currentIndex())
        self.pref_key.setAccessibleName(self.tr("Kind of preference"))
        self.pref_value.setAccessibleName(self.tr("Preference value"))
        self.pref_value.lineEdit().setAccessibleName(self.tr("Preference value"))
        set_text(self.pref_add, self.tr("Add"), self.tr("Add the preference"))
        if self.page:
            self._fill()
        else:
            self._tab_titles()

    def clear(self) -> None:
        self.page = {}
        self.title.setText("")
        self.subtitle.setText("")
        self.stats.setText("")
        self.stats.setAccessibleName("")
        self.message.hide()
        self.paused.hide()
        self.chart.clear()
        self._cancel_note()
        self.contact_field.clear()
        for layout in (self.prefs_list, self.notes_list, self.audit_list,
                       *self.tab_layouts.values()):
            clear_layout(layout)
        self.show_tab("visits")
        self._tab_titles()
