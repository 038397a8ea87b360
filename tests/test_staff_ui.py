"""The staff tablet app on a real store built from the full data: sign-in, lock (button and
inactivity), the client book (search as you type, scope, filters, a scanned card)."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("staffstore", "staff_ui_support")

from staff_ui_support import client_rows, settle, sign_in, type_pin  # noqa: E402
from staffstore import ASSOCIATE, MANAGER  # noqa: E402

pytest_plugins = ["staffstore", "staff_ui_support"]


def test_a_wrong_pin_is_refused_and_the_right_one_signs_in(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    assert window.current() == "sign_in" and not window.nav.isVisible()
    with qtbot.waitSignal(window.desk.refused, timeout=20000) as refused:
        type_pin(window, "000000")
    assert refused.args == ["Wrong PIN."]
    assert window.sign_in.message.text() == "Wrong PIN."
    sign_in(qtbot, window, MANAGER)
    assert window.current() == "advisor" and window.nav.isVisible()
    assert window.nav.who.text() == "Morgan, manager"
    assert window.sign_in.pin.text() == ""


def test_lock_drops_every_customer_from_widgets_and_memory(qtbot, staff_store, tablets):
    from PySide6.QtWidgets import QLabel, QPushButton

    window = tablets.open(staff_store)
    sign_in(qtbot, window)
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    rows = client_rows(window)
    assert len(rows) == 50
    first = rows[0].key
    name = staff_store.names[first]
    rows[0].click()
    settle(qtbot, window)
    assert window.current() == "customer" and window.customer_screen.title.text() == name
    window.nav.lock_button.click()
    settle(qtbot, window)
    assert window.current() == "sign_in" and window.desk.session is None
    assert window.customer.customer_id is None and window.customer.page == {}
    assert window.book.rows == [] and window.advisor.today == {}
    assert window.help.pending == []
    texts = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QPushButton)]
    assert not any(name in text for text in texts if text)
    assert not client_rows(window)
    # the session is over for good: the audit says so
    db = window.kiosk.db
    actions = [r[0] for r in db.execute("SELECT action FROM staff_audit WHERE staff = ? "
                                        "ORDER BY rowid", [ASSOCIATE[0]])]
    assert actions[-1] == "sign_out" and "view" in actions


def test_the_tablet_locks_itself_after_inactivity(qtbot, staff_store, tablets):
    from PySide6.QtCore import Qt

    window = tablets.open(staff_store, idle_seconds=1.5)
    sign_in(qtbot, window)
    window.go("book")
    settle(qtbot, window)
    assert client_rows(window)
    for _ in range(3):     # touches 0.9 s apart: 2.7 s in all, never 1.5 s without one
        qtbot.mouseClick(window.book_screen.search, Qt.MouseButton.LeftButton)
        qtbot.wait(900)
        assert window.desk.session is not None
    with qtbot.waitSignal(window.desk.locked, timeout=3000):
        pass
    assert window.current() == "sign_in" and not client_rows(window)


def test_search_as_you_type_scope_and_filters(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    sign_in(qtbot, window)
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    book = window.book_screen
    everyone = {row.key for row in client_rows(window)}
    assert everyone <= set(staff_store.consenting)
    with qtbot.waitSignal(window.book.results, timeout=5000) as found:
        for letters in ("a", "an", "ann"):
            book.search.setText(letters)
            book.search.textEdited.emit(letters)   # as typed: debounced, one search
    rows = found.args[0]
    assert rows and all(row.first_name == "Anna" for row in rows)
    settle(qtbot, window)
    assert {r.key for r in client_rows(window)} == {r.customer_id for r in rows}
    assert not set(staff_store.refusing) & {r.customer_id for r in rows}
    # filters: the chip is lit alone, and every row matches it
    book.filter_buttons["high_value"].click()
    settle(qtbot, window)
    assert book.filter_buttons["high_value"].isChecked()
    assert all("high_value" in row.flags for row in window.book.rows)
    book.filter_buttons["lapsing"].click()
    settle(qtbot, window)
    assert not book.filter_buttons["high_value"].isChecked()
    assert all("lapsing" in row.flags for row in window.book.rows)
    book.filter_buttons["lapsing"].click()
    # my clients: none assigned to Sam yet
    book.scope_buttons["mine"].click()
    settle(qtbot, window)
    assert window.book.rows == [] and not client_rows(window)
    assert window.book_screen.count.text() == "0 clients"


@pytest.mark.parametrize("how", ["field", "wedge"])
def test_a_scanned_card_opens_that_client(qtbot, staff_store, tablets, how):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = tablets.open(staff_store)
    customer_id = staff_store.consenting[3]
    card = window.kiosk.identity.issue_card(customer_id)
    sign_in(qtbot, window)
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    if how == "field":
        window.book_screen.scan.setText(card.short_code)
        window.book_screen.scan.returnPressed.emit()
    else:
        window.nav.buttons["book"].setFocus()
        QTest.keyClicks(window.nav.buttons["book"], card.code)
        QTest.keyClick(window.nav.buttons["book"], Qt.Key.Key_Return)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.current() == "customer", timeout=5000)
    assert window.customer.customer_id == customer_id


def test_a_card_of_someone_who_refused_opens_nothing(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    card = window.kiosk.identity.issue_card(staff_store.refusing[0])
    sign_in(qtbot, window)
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    window.book_screen.scan.setText(card.short_code)
    window.book_screen.scan.returnPressed.emit()
    settle(qtbot, window)
    assert window.current() == "book" and window.customer.customer_id is None
    assert window.book_screen.message.text() == (
        "This customer does not share their profile with staff.")


def test_mode_is_kiosk_or_staff(tmp_path):
    from kiosk.config import ConfigError, load_config

    (tmp_path / "staff.toml").write_text('mode = "staff"\n')
    assert load_config(tmp_path / "staff.toml").mode == "staff"
    (tmp_path / "bad.toml").write_text('mode = "tablet"\n')
    with pytest.raises(ConfigError, match="'mode' must be one of kiosk, staff, got 'tablet'"):
        load_config(tmp_path / "bad.toml")
