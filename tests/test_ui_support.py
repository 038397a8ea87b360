"""Shared set-up for the UI tests: the real demo store (a sample of the real data), a
trained recommender, a known shopper "Anna" with a real loyalty card, and helpers
that drive the kiosk window like a shopper would."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import build_once

from kiosk.app import Kiosk
from kiosk.config import Config

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Shopper:
    customer_id: str
    code: str
    short_code: str
    first_name: str = "Anna"


def build_store(kiosk: Kiosk, folder: Path) -> None:
    """The demo store (H1's kiosk.demo), trained."""
    from kiosk.demo import build_demo_store

    build_demo_store(kiosk)
    kiosk.recommendations.train()


def make_shopper(kiosk: Kiosk) -> Shopper:
    """The store's most loyal customer, now called Anna, with consent and a fresh card."""
    db = kiosk.db
    customer_id = db.execute(
        "SELECT customer_id FROM purchases WHERE customer_id IS NOT NULL "
        "GROUP BY customer_id ORDER BY count(DISTINCT invoice) DESC, customer_id LIMIT 1"
    ).fetchone()[0]
    with kiosk.transaction():
        db.execute("UPDATE customers SET first_name = 'Anna' WHERE id = ?", [customer_id])
    kiosk.privacy.set_consents(customer_id, {"personalisation": True, "staff_profile": False,
                                             "hq_offers": False}, "kiosk")
    card = kiosk.identity.issue_card(customer_id)
    return Shopper(customer_id, card.code, card.short_code)


def build_template(folder: Path) -> dict[str, str]:
    """The trained store in ``folder / "template.db"``, closed; its shopper's fields."""
    config = Config(database=str(folder / "template.db"), store_id="store-1",
                    store_name="Harbour Street Gifts", kiosk_id="kiosk-ui")
    kiosk = Kiosk(config, entrypoints=False)
    try:
        build_store(kiosk, folder)
        shopper = make_shopper(kiosk)
        kiosk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        kiosk.close()
    return asdict(shopper)


@pytest.fixture(scope="session")
def store_template(tmp_path_factory) -> tuple[Path, Shopper]:
    """Built once per test run (``build_once``: one build for every xdist worker), copied
    for each test (SQLite backup API)."""
    folder, shopper = build_once(tmp_path_factory, "ui_store", build_template)
    return folder / "template.db", Shopper(**shopper)


def copy_db(source: Path, target: Path) -> None:
    """A copy of the store with its key file (``kiosk.store.files.copy_database``)."""
    from kiosk.store.files import copy_database

    copy_database(source, target)


@pytest.fixture
def store_db(store_template, tmp_path) -> tuple[Path, Shopper]:
    template, shopper = store_template
    target = tmp_path / "kiosk.db"
    copy_db(template, target)
    return target, shopper


def open_kiosk(db: Path, *, extra: tuple[Any, ...] = (), **settings: Any) -> Kiosk:
    from kiosk.plugins import make_plugin_manager

    config = Config(database=str(db), store_id="store-1", store_name="Harbour Street Gifts",
                    kiosk_id="kiosk-ui", **settings)
    pm = make_plugin_manager(entrypoints=False, extra=extra)
    return Kiosk(config, pm=pm)


# -- a kiosk and its window ---------------------------------------------------------


@pytest.fixture
def demo_kiosk(store_db) -> Any:
    """A kiosk on this test's copy of the demo store, closed afterwards."""
    instance = open_kiosk(store_db[0])
    yield instance
    instance.close()


def open_window(qtbot, kiosk: Kiosk, size: tuple[int, int] = (1280, 900), **options: Any):
    """The kiosk's window, shown at ``size`` in English (``options``: create_window's)."""
    from kiosk.ui.app import create_window

    window = create_window(kiosk, windowed=True, language="en", **options)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


def close_window(window, qapp) -> None:
    """Work finished, and English and the store's look back for the next test."""
    from kiosk.ui.app import apply_look

    window.set_language("en")
    window.unlocked = True
    window.worker.wait()
    apply_look(qapp, window.kiosk.config.theme, window.kiosk.config.large_text)


@pytest.fixture
def kiosk_window(qtbot, qapp, demo_kiosk):
    """The demo kiosk's window at 1280x900 in English (a test may resize it)."""
    window = open_window(qtbot, demo_kiosk)
    yield window
    close_window(window, qapp)


# -- driving the window ---------------------------------------------------------


def settle(qtbot, window) -> None:
    """Let queued work finish and its callbacks run."""
    for _ in range(50):
        window.worker.wait(30000)
        qtbot.wait(5)
        if not window.worker.busy():
            window.worker.wait(30000)
            qtbot.wait(5)
            if not window.worker.busy():
                return
    raise AssertionError("background work did not finish")


def wedge_scan(qtbot, window, code: str) -> None:
    """A keyboard-wedge scanner: the code's characters in a fast burst, then Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    target = window.focusWidget() or window
    QTest.keyClicks(target, code)
    QTest.keyClick(target, Qt.Key.Key_Return)


def widget_texts(root) -> list[str]:
    """Every text a shopper or a screen reader could get from the widget tree."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

    texts = [root.windowTitle(), root.accessibleName()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.accessibleName(), widget.toolTip(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
    return [t for t in texts if t]


def test_store_template_has_a_real_store(store_template):
    """The fixture itself: real products, stock, a shopper with a card."""
    import sqlite3

    template, shopper = store_template
    db = sqlite3.connect(template)
    try:
        products = db.execute("SELECT count(*) FROM products").fetchone()[0]
        stocked = db.execute("SELECT count(*) FROM stock WHERE quantity > 0").fetchone()[0]
        name = db.execute("SELECT first_name FROM customers WHERE id = ?",
                          [shopper.customer_id]).fetchone()[0]
    finally:
        db.close()
    assert products > 100 and stocked > 50
    assert name == "Anna" and shopper.code
