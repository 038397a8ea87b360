"""Curate and today's list on a real store built from the full data: the recommenders'
picks with reasons, catalogue with stock and place, pick with a note (audited), pin, hide
and show again; the advisor's lists open the client."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("staffstore", "staff_ui_support")

from staff_ui_support import settle, sign_in  # noqa: E402
from staffstore import ASSOCIATE  # noqa: E402
from test_staff_ui_customer import rows_named  # noqa: E402

pytest_plugins = ["staffstore", "staff_ui_support"]

NOTE = "For your daughter's party"


def action(row, name: str):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in row.findChildren(QPushButton) if b.objectName() == name)


@pytest.fixture
def curating(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    sign_in(qtbot, window)
    customer_id = staff_store.consenting[0]
    window.open_customer(customer_id)
    settle(qtbot, window)
    window.customer_screen.curate_button.click()
    settle(qtbot, window)
    assert window.current() == "curate"
    return window, customer_id


def test_pick_with_a_note_is_shown_and_audited(qtbot, curating):
    window, customer_id = curating
    screen = window.curate_screen
    assert screen.title.text().startswith("Picks for ")
    products = rows_named(screen, "catalogue_row")
    assert len(products) == 50
    product = window.curation.products[0]
    screen.note.setText(NOTE)
    action(products[0], "pick").click()
    settle(qtbot, window)
    (pick,) = rows_named(screen, "staff_pick_row")
    assert pick.detail.text() == f"Picked by {ASSOCIATE[0]}: “{NOTE}”"
    assert screen.message.text() == "Picked. They will see it at their next scan."
    assert screen.note.text() == ""
    audit = window.kiosk.db.execute(
        "SELECT staff, action, customer_id, device FROM staff_audit WHERE action = 'pick'"
    ).fetchall()
    assert audit == [(ASSOCIATE[0], "pick", customer_id, "tablet-1")]
    assert window.customer.page["curation"]["picks"][0]["sku"] == product["sku"]
    action(pick, "unpick").click()
    settle(qtbot, window)
    assert not rows_named(screen, "staff_pick_row")


def test_recommenders_picks_pin_hide_and_show_again(qtbot, curating):
    window, _ = curating
    screen = window.curate_screen
    suggested = rows_named(screen, "suggested_row")
    assert len(suggested) >= 3
    assert all(row.detail.text() for row in suggested)          # shelf, reason, stock
    first, second = window.curation.suggestions[0]["sku"], window.curation.suggestions[1]["sku"]
    action(suggested[0], "pin").click()
    settle(qtbot, window)
    pinned = next(s for s in window.curation.suggestions if s["sku"] == first)
    assert pinned["pinned"] and first in window.customer.page["curation"]["pinned"]
    row = next(r for r in rows_named(screen, "suggested_row")
               if action(r, "pin").text() == "Unpin")
    assert "pinned" in row.detail.text()
    second_row = next(r for r, s in zip(rows_named(screen, "suggested_row"),
                                        window.curation.suggestions, strict=False)
                      if s["sku"] == second)
    action(second_row, "hide").click()
    settle(qtbot, window)
    hidden = next(s for s in window.curation.suggestions if s["sku"] == second)
    assert hidden["hidden"] and second in window.customer.page["curation"]["hidden"]
    again = next(r for r in rows_named(screen, "suggested_row")
                 if action(r, "hide").text() == "Show again")
    assert "hidden from them" in again.detail.text()
    action(again, "hide").click()
    settle(qtbot, window)
    assert second not in window.customer.page["curation"]["hidden"]


def test_catalogue_search_and_in_stock(qtbot, curating):
    window, _ = curating
    screen = window.curate_screen
    with qtbot.waitSignal(window.curation.catalogue_ready, timeout=5000):
        screen.search.setText("candle")
        screen.search.textEdited.emit("candle")
    settle(qtbot, window)
    names = [r.title.text() for r in rows_named(screen, "catalogue_row")]
    assert names and all("candle" in name.lower() for name in names)
    screen.in_stock.click()
    settle(qtbot, window)
    details = [r.detail.text() for r in rows_named(screen, "catalogue_row")]
    assert details and not any("out of stock" in d for d in details)
    assert all(" in stock, Aisle " in d for d in details)


def test_todays_list_opens_a_client(qtbot, staff_store, tablets):
    from kiosk.ui.staff.screens.widgets import RowButton

    window = tablets.open(staff_store)
    sign_in(qtbot, window)
    assert window.current() == "advisor"
    today = window.advisor.today
    assert today["today"] and window.advisor_screen.title.text().startswith("Today, ")
    # the full data ends in December 2011: the list is for the day after its last sale
    assert window.advisor_screen.reference.isVisibleTo(window)
    shown = [b for b in window.advisor_screen.findChildren(RowButton) if not b.isHidden()]
    entries = len(today["lapsing"]) + len(today["new_this_week"]) + len(today["back_in_stock"])
    assert entries and len(shown) == entries
    assert all(b.key in staff_store.consenting for b in shown)
    shown[0].click()
    settle(qtbot, window)
    assert window.current() == "customer" and window.customer.customer_id == shown[0].key


def test_empty_lists_say_what_is_empty(qtbot, staff_store, tablets):
    from PySide6.QtWidgets import QLabel

    window = tablets.open(staff_store)
    sign_in(qtbot, window)
    screen = window.advisor_screen
    screen.show_today({"lapsing": [], "new_this_week": [], "back_in_stock": [], "help": []})

    def texts(key):
        layout = screen.lists[key]
        return [layout.itemAt(i).widget().text() for i in range(layout.count())
                if isinstance(layout.itemAt(i).widget(), QLabel)]

    assert texts("lapsing") == ["No one today."]
    assert texts("new_this_week") == ["No new clients this week."]
    assert texts("back_in_stock") == ["Nothing back in stock for your clients today."]
