"""A damaged database puts the kiosk out of order: staff see why, shoppers are not looped.

Every database here is a real copy of the demo store, damaged while no
connection is open (whole pages of a table overwritten), then opened by the
kiosk and its real window, offscreen.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_ui_support import open_kiosk, settle, wedge_scan, widget_texts

from kiosk.store.health import Damage
from kiosk.ui.app import create_out_of_order_window, create_window
from kiosk.ui.presenters.health import HealthPresenter

pytest_plugins = ["test_ui_support"]

SHOPPER_SCREENS = {"attract", "picks", "saved", "my_data", "join", "help", "plugin"}


def damage_table(path: Path, table: str) -> int:
    """Overwrite every page of ``table`` with garbage; the file must be closed."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in db.execute(
            "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", [table])]
    finally:
        db.close()
    assert pages, f"{table} has no pages"
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    with open(path, "r+b") as raw:  # no connection is open: safe
        for page in pages:
            raw.seek((page - 1) * page_size)
            raw.write(b"\xa5" * page_size)
    return len(pages)


def show(qtbot, window) -> None:
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    qtbot.waitExposed(window)


def assert_out_of_order(window, database: Path) -> None:
    assert window.current() == "out_of_order"
    screen = window.out_of_order
    assert screen.headline.text() == "This kiosk is out of order."
    assert screen.hint.text() == "Please ask a member of staff."
    assert "database disk image is malformed" in screen.detail.text() or \
        "quick_check" in screen.detail.text()
    assert f"kiosk store check --db {database}" in screen.todo.text()
    assert not window.banner.isVisible()
    texts = widget_texts(window)
    assert not any("went wrong" in t or "Traceback" in t for t in texts)


@pytest.fixture
def damaged(store_db):
    """A copy of the demo store with one table's pages damaged, and its kiosk (lazy)."""
    database, shopper = store_db
    opened = []

    def make(table: str):
        damage_table(database, table)
        kiosk = open_kiosk(database)
        opened.append(kiosk)
        return kiosk

    yield make, database, shopper
    for kiosk in opened:
        kiosk.close()


def test_damage_found_at_start_puts_the_kiosk_out_of_order(qtbot, damaged, caplog):
    make, database, shopper = damaged
    kiosk = make("purchases")   # nothing reads purchases at start but the check
    caplog.set_level(logging.INFO)
    window = create_window(kiosk, windowed=True, language="en")
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.current() == "out_of_order", timeout=10000)
    assert_out_of_order(window, database)
    assert window.out_of_order.staff_button.isVisible()

    # a shopper scanning, browsing, waiting for the idle reset: still out of order
    wedge_scan(qtbot, window, shopper.code)
    window.attract.browse_button.click()
    window.session.reset("idle")
    window.show_screen("picks")
    window.show_error()          # what the excepthook would show for an unexpected error
    settle(qtbot, window)
    assert_out_of_order(window, database)
    assert not window.session.active

    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("is damaged" in m and "kiosk store check --db" in m for m in errors), errors
    assert not any(shopper.customer_id in r.getMessage() or shopper.code in r.getMessage()
                   for r in caplog.records)
    window.unlocked = True


@pytest.mark.parametrize(("table", "attract_works"), [
    ("identity_cards", True),   # read by a scan only; the card scheme catches the error
    ("stock", False),           # read by the attract loop already (the worker's job fails)
])
def test_damage_met_by_a_service_call_puts_the_kiosk_out_of_order(qtbot, damaged, monkeypatch,
                                                                   table, attract_works):
    """Without the start-up check, the first service call that meets the damage does it,
    even when the service catches the error and carries on."""
    make, database, shopper = damaged
    kiosk = make(table)
    monkeypatch.setattr(HealthPresenter, "check", lambda self, worker: None)
    window = create_window(kiosk, windowed=True, language="en")
    show(qtbot, window)
    settle(qtbot, window)
    assert (window.current() == "attract") is attract_works
    wedge_scan(qtbot, window, shopper.code)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.current() == "out_of_order", timeout=10000)
    assert_out_of_order(window, database)
    assert "database disk image is malformed" in window.out_of_order.detail.text()
    assert window.current() not in SHOPPER_SCREENS
    window.unlocked = True


def test_staff_can_leave_an_out_of_order_kiosk_with_their_pin(qtbot, damaged):
    from kiosk.staff import StaffAccounts

    make, _, _ = damaged
    kiosk = make("purchases")
    StaffAccounts(kiosk.db).add("Sam", "4821")
    window = create_window(kiosk, windowed=False, language="en")
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.current() == "out_of_order", timeout=10000)
    assert not window.close()                 # kiosk mode: refused
    window.out_of_order.staff_button.click()
    assert window.current() == "pin"
    window.pin.back_button.click()
    assert window.current() == "out_of_order"  # Cancel goes back to out of order
    window.out_of_order.staff_button.click()
    window.pin.pin.setText("4821")
    with qtbot.waitSignal(window.gate.unlocked, timeout=10000):
        window.pin.ok_button.click()
    assert not window.isVisible()


def test_out_of_order_screen_is_translated_and_touchable(qtbot, damaged):
    from PySide6.QtWidgets import QAbstractButton

    make, database, _ = damaged
    kiosk = make("purchases")
    window = create_window(kiosk, windowed=True, language="en")
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.current() == "out_of_order", timeout=10000)
    for size in ((768, 1024), (1920, 1080)):
        window.resize(*size)
        qtbot.wait(20)
        for button in window.out_of_order.findChildren(QAbstractButton):
            if button.isVisible():
                assert button.height() >= 44 and button.width() >= 44, button.objectName()
                assert button.accessibleName(), button.objectName()
    for widget in (window.out_of_order.headline, window.out_of_order.detail):
        assert widget.accessibleName() == widget.text()
    window.out_of_order.language_buttons["fr"].click()
    try:
        qtbot.waitUntil(
            lambda: window.out_of_order.headline.text() == "Cette borne est hors service.")
        assert window.out_of_order.language_buttons["fr"].isChecked()
        assert window.out_of_order.hint.text() == (
            "Veuillez vous adresser à un membre du personnel.")
        assert f"kiosk store check --db {database}" in window.out_of_order.todo.text()
        assert window.current() == "out_of_order"
    finally:
        window.set_language("en")
    window.unlocked = True


def test_standalone_out_of_order_window_for_a_database_that_cannot_open(qtbot, tmp_path):
    damage = Damage(str(tmp_path / "kiosk.db"), "not_a_database",
                    "SQLITE_NOTADB: file is not a database")
    window = create_out_of_order_window(damage, windowed=False, language="en")
    show(qtbot, window)
    screen = window.screen_
    assert screen.headline.text() == "This kiosk is out of order."
    assert "file is not a database" in screen.detail.text()
    assert not screen.staff_button.isVisible()   # no database: no PIN to check
    assert not window.close()                     # kiosk mode
    window.kiosk_mode = False
    window.close()


def test_kiosk_run_on_a_file_that_is_not_a_database_shows_out_of_order(tmp_path):
    """`kiosk run` in a real process: no traceback, the out-of-order screen, a log line."""
    database = tmp_path / "kiosk.db"
    database.write_bytes(os.urandom(64 * 1024))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_CONFIG": ""}
    log = tmp_path / "run.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "kiosk", "-v", "run", "--windowed",
                                    "--db", str(database)], env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 60
        while "the kiosk is out of order" not in log.read_text(errors="replace"):
            assert process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.1)
        time.sleep(0.5)
        assert process.poll() is None, "the out-of-order window should stay up"
    finally:
        process.terminate()
        process.wait(10)
    text = log.read_text(errors="replace")
    assert "Traceback" not in text
    assert "file is not a database" in text and "kiosk store check --db" in text


def test_kiosk_run_without_its_key_file_is_out_of_order_and_names_it(store_db, tmp_path):
    """A database whose key file is missing cannot verify any card: staff are told which."""
    from kiosk.store.files import key_file_for

    database, _ = store_db
    key_file_for(database).unlink()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_CONFIG": ""}
    log = tmp_path / "run.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "kiosk", "-v", "run", "--windowed",
                                    "--db", str(database)], env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 60
        while "the kiosk is out of order" not in log.read_text(errors="replace"):
            assert process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(10)
    text = log.read_text(errors="replace")
    assert "Traceback" not in text
    assert f"the key file {key_file_for(database)} is missing" in text
    assert not key_file_for(database).exists(), "no new key file is made"
