"""The customer page on a real store built from the full data: history, chart, preferences,
notes, my client; the consent gates (no consent, withdrawn while open, paused)."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("staffstore", "staff_ui_support")

from staff_ui_support import client_rows, settle, sign_in  # noqa: E402
from staffstore import ASSOCIATE, MANAGER, open_tablet  # noqa: E402

pytest_plugins = ["staffstore", "staff_ui_support"]

WITHDRAWN = "This customer no longer shares their profile with staff."


def rows_named(screen, name: str) -> list:
    from kiosk.ui.staff.screens.widgets import ItemRow

    return [row for row in screen.findChildren(ItemRow, name) if not row.isHidden()]


def open_customer(qtbot, window, customer_id: str) -> None:
    window.open_customer(customer_id)
    settle(qtbot, window)


@pytest.fixture
def signed_in(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    sign_in(qtbot, window)
    return window


def test_the_page_shows_history_chart_and_lists(qtbot, staff_store, signed_in):
    window = signed_in
    customer_id = staff_store.consenting[0]
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    row = next(r for r in client_rows(window) if r.key == customer_id)
    row.click()
    settle(qtbot, window)
    screen = window.customer_screen
    page = window.customer.page
    assert window.current() == "customer"
    assert screen.title.text() == staff_store.names[customer_id]
    stats = page["stats"]
    assert stats["visits"] > 20 and f"{stats['visits']} visits, " in screen.stats.text()
    months = page["spend_by_month"]
    assert screen.chart.months == [{"month": m["month"], "spend": float(m["spend"])}
                                   for m in months]
    assert "Spend per month" in screen.chart.accessibleName()
    assert "most in" in screen.chart.accessibleDescription()
    # the latest purchases first, the rest behind "Show all" (a long history painted slowly)
    from PySide6.QtWidgets import QPushButton

    from kiosk.ui.staff.screens.customer import VISITS_AT_FIRST

    assert len(page["timeline"]) > VISITS_AT_FIRST
    assert len(rows_named(screen, "visit_row")) == VISITS_AT_FIRST
    (show_all,) = screen.findChildren(QPushButton, "all_visits")
    assert show_all.text() == f"Show all {len(page['timeline'])} purchases"
    show_all.click()
    settle(qtbot, window)
    assert len(rows_named(screen, "visit_row")) == len(page["timeline"])
    assert screen.tab_buttons["visits"].text() == f"Purchases ({len(page['timeline'])})"
    screen.tab_buttons["shown"].click()
    assert screen.tabs.currentIndex() == 2
    assert not screen.paused.isVisible()
    # only a first name, never anything else about who they are
    assert set(page["customer"]) >= {"id", "first_name"}


def test_preferences_as_staff_add_and_remove(qtbot, staff_store, signed_in):
    window = signed_in
    customer_id = staff_store.consenting[1]
    open_customer(qtbot, window, customer_id)
    screen = window.customer_screen
    screen.pref_key.setCurrentIndex(0)                        # theme
    screen.pref_value.setCurrentIndex(screen.pref_value.findData("garden"))
    screen.pref_add.click()
    settle(qtbot, window)
    garden = [r for r in rows_named(screen, "preference_row") if r.title.text() == "Garden"]
    assert garden and "from staff" in garden[0].detail.text()
    stored = window.kiosk.db.execute(
        "SELECT source FROM preferences WHERE customer_id = ? AND key = 'theme' AND "
        "value = 'garden'", [customer_id]).fetchall()
    assert stored == [("staff",)]
    remove = next(b for b in garden[0].findChildren(type(screen.pref_add))
                  if b.objectName() == "remove_preference")
    remove.click()
    settle(qtbot, window)
    assert not [r for r in rows_named(screen, "preference_row") if r.title.text() == "Garden"]


def test_notes_add_edit_remove(qtbot, staff_store, signed_in):
    window = signed_in
    open_customer(qtbot, window, staff_store.consenting[2])
    screen = window.customer_screen
    screen.note_field.setText("Likes blue candles for her mother")
    screen.note_save.click()
    settle(qtbot, window)
    (note,) = [r for r in rows_named(screen, "note_row")
               if r.title.text() == "Likes blue candles for her mother"]
    assert note.detail.text().startswith(f"by {ASSOCIATE[0]}, ")
    edit = next(b for b in note.findChildren(type(screen.pref_add))
                if b.objectName() == "edit_note")
    edit.click()
    assert screen.note_field.text() == "Likes blue candles for her mother"
    assert screen.note_save.text() == "Save note"
    screen.note_field.setText("Likes blue and white candles")
    screen.note_save.click()
    settle(qtbot, window)
    titles = [r.title.text() for r in rows_named(screen, "note_row")]
    assert "Likes blue and white candles" in titles
    assert "Likes blue candles for her mother" not in titles
    (note,) = [r for r in rows_named(screen, "note_row")
               if r.title.text() == "Likes blue and white candles"]
    next(b for b in note.findChildren(type(screen.pref_add))
         if b.objectName() == "remove_note").click()
    settle(qtbot, window)
    assert not rows_named(screen, "note_row")
    # one open, three audited writes; the page read again after each write is no new view
    from kiosk.store.staff import audit_of

    actions = [action for _, _, action, _ in audit_of(window.kiosk.db, staff_store.consenting[2])]
    assert actions == ["view", "note", "note", "note"]


def test_make_my_client_then_find_them_under_my_clients(qtbot, staff_store, signed_in):
    window = signed_in
    customer_id = staff_store.consenting[5]
    open_customer(qtbot, window, customer_id)
    screen = window.customer_screen
    screen.mine_button.click()
    settle(qtbot, window)
    assert screen.subtitle.text().endswith("Advisor: Sam")
    assert screen.mine_button.isChecked()
    window.nav.buttons["book"].click()
    window.book_screen.scope_buttons["mine"].click()
    settle(qtbot, window)
    assert [r.key for r in client_rows(window)] == [customer_id]


def test_no_consent_no_page(qtbot, staff_store, signed_in):
    window = signed_in
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    open_customer(qtbot, window, staff_store.refusing[0])
    assert window.current() == "book"
    assert window.banner.isVisible() and window.banner.text() == WITHDRAWN
    assert window.customer.page == {} and window.customer_screen.title.text() == ""


def test_withdrawn_while_the_page_is_open(qtbot, staff_store, signed_in):
    window = signed_in
    customer_id = staff_store.consenting[0]
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    assert customer_id in {r.key for r in client_rows(window)}
    open_customer(qtbot, window, customer_id)
    name = window.customer_screen.title.text()
    assert name
    elsewhere = open_tablet(staff_store)     # another device's answer, synced in
    try:
        elsewhere.privacy.set_consent(customer_id, "staff_profile", False, "kiosk")
    finally:
        elsewhere.close()
    qtbot.waitUntil(lambda: window.current() == "book", timeout=6000)
    assert window.banner.text() == WITHDRAWN
    assert window.customer.customer_id is None and window.customer.page == {}
    assert window.customer_screen.title.text() == ""
    assert not rows_named(window.customer_screen, "visit_row")
    settle(qtbot, window)
    assert customer_id not in {r.key for r in client_rows(window)}
    assert customer_id not in {r.customer_id for r in window.book.rows}


def test_paused_personalisation_is_said_on_the_page(qtbot, staff_store, signed_in):
    window = signed_in
    customer_id = staff_store.consenting[4]
    window.kiosk.privacy.pause_personalisation(customer_id, True)
    open_customer(qtbot, window, customer_id)
    screen = window.customer_screen
    assert screen.paused.isVisible()
    assert screen.paused.text() == ("Personal picks paused: they will see picks again when "
                                    "they resume.")
    assert screen.title.text() == staff_store.names[customer_id]   # still visible to staff


def test_a_manager_sees_who_opened_the_profile(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    sign_in(qtbot, window, MANAGER)
    customer_id = staff_store.consenting[6]
    open_customer(qtbot, window, customer_id)
    screen = window.customer_screen
    assert screen.audit_button.isVisibleTo(window)
    screen.audit_button.click()
    settle(qtbot, window)
    titles = [r.title.text() for r in rows_named(screen, "audit_row")]
    assert "Morgan opened the profile" in titles


def test_an_associate_has_no_audit_button(qtbot, staff_store, signed_in):
    open_customer(qtbot, signed_in, staff_store.consenting[6])
    assert not signed_in.customer_screen.audit_button.isVisibleTo(signed_in)
