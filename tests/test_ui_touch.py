"""Drag to scroll: real touch events (a touch-screen device) on the kiosk's and the staff
app's scrolling areas move them, and the scrollbars are a touch target wide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)
from test_ui_support import open_kiosk, settle, wedge_scan

from kiosk.ui.app import apply_look, create_window
from kiosk.ui.touch import TOUCH_PROPERTY, enable_touch_scrolling

pytest_plugins = ["test_ui_support"]

_device = None


def touch_screen():
    """One touch-screen device for the whole run (Qt keeps every device registered)."""
    global _device
    if _device is None:
        _device = QTest.createTouchDevice()
    return _device


def touch_drag(qtbot, area: QAbstractScrollArea, distance: int) -> None:
    """A finger put on the area's viewport, dragged up by ``distance`` px, lifted."""
    viewport = area.viewport()
    x = viewport.width() // 2
    start = min(viewport.height() - 10, distance + 40)
    device = touch_screen()
    QTest.touchEvent(viewport, device).press(0, QPoint(x, start), viewport).commit()
    steps = 12
    for step in range(1, steps + 1):
        qtbot.wait(16)
        y = start - distance * step // steps
        QTest.touchEvent(viewport, device).move(0, QPoint(x, y), viewport).commit()
    QTest.touchEvent(viewport, device).release(0, QPoint(x, start - distance),
                                                viewport).commit()


def scrolled_by_touch(qtbot, area: QAbstractScrollArea) -> tuple[int, int]:
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0, "nothing to scroll: the test would prove nothing"
    before = bar.value()
    touch_drag(qtbot, area, min(300, area.viewport().height() - 60))
    qtbot.waitUntil(lambda: bar.value() > before + 100, timeout=3000)
    scroller = QScroller.scroller(area.viewport())
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=5000)
    return before, bar.value()


@pytest.fixture
def window(qtbot, kiosk_window):
    kiosk_window.resize(1080, 900)
    settle(qtbot, kiosk_window)
    return kiosk_window


def scan(qtbot, window, code: str) -> None:
    wedge_scan(qtbot, window, code)
    settle(qtbot, window)


def test_picks_scroll_by_dragging_a_finger(qtbot, window, store_db):
    scan(qtbot, window, store_db[1].code)
    assert window.current() == "picks"
    before, after = scrolled_by_touch(qtbot, window.picks.scroll)
    assert after > before


def touch_tap(qtbot, widget: QWidget) -> None:
    """A finger put on ``widget`` and lifted, where it is on the screen (through the
    window, as a touch screen's events come: drag-to-scroll sees them first)."""
    window = widget.window()
    point = widget.mapTo(window, widget.rect().center())
    device = touch_screen()
    QTest.touchEvent(window.windowHandle(), device).press(0, point).commit()
    qtbot.wait(60)
    QTest.touchEvent(window.windowHandle(), device).release(0, point).commit()


def test_a_tap_on_a_card_s_button_still_works(qtbot, window, store_db):
    """Drag to scroll must not eat taps: Save and More like this work by touch."""
    scan(qtbot, window, store_db[1].code)
    card = window.picks.cards()[0]
    touch_tap(qtbot, card.save_button)
    qtbot.waitUntil(lambda: window.session.is_saved(card.sku), timeout=3000)
    touch_tap(qtbot, card.more_button)
    qtbot.waitUntil(window.picks.similar_panel.isVisible, timeout=3000)
    assert window.focusWidget() is card.more_button


def test_my_data_scrolls_by_touch(qtbot, window, store_db):
    scan(qtbot, window, store_db[1].code)
    window.picks.my_data_button.click()
    settle(qtbot, window)
    qtbot.wait(50)
    area = window.my_data_screen.findChild(QScrollArea)
    scrolled_by_touch(qtbot, area)


def test_saved_list_scrolls_by_touch(qtbot, window, store_db):
    scan(qtbot, window, store_db[1].code)
    for card in window.picks.cards():
        card.save_button.click()
    window.picks.saved_button.click()
    settle(qtbot, window)
    window.saved.list.setMaximumHeight(300)  # twelve rows fit a whole screen
    qtbot.wait(50)
    scrolled_by_touch(qtbot, window.saved.list)


def test_every_scrolling_area_of_the_kiosk_scrolls_by_touch(window):
    areas = window.findChildren(QAbstractScrollArea)
    areas = [a for a in areas if "QComboBox" not in type(a.parent()).__name__
             and a.parent().metaObject().className() != "QComboBoxPrivateContainer"]
    assert len(areas) >= 3  # picks, saved list, My data at least
    missing = [a.objectName() or type(a).__name__ for a in areas if not a.property(
        TOUCH_PROPERTY)]
    assert missing == []


def test_a_plugin_screen_scrolls_by_touch(qtbot, store_db):
    """A plugin's screen with its own scroll area gets drag-to-scroll from the host."""
    from kiosk.hookspecs import hookimpl
    from kiosk.ui.spec import ScreenSpec

    def long_page(kiosk, parent):
        area = QScrollArea(parent)
        body = QWidget()
        layout = QVBoxLayout(body)
        for i in range(80):
            layout.addWidget(QLabel(f"line {i}"))
        area.setWidget(body)
        area.setObjectName("plugin_page")
        return area

    class LongPlugin:
        @hookimpl
        def kiosk_register_screens(self, kiosk):
            return [ScreenSpec(key="long", title="Long page", factory=long_page)]

    kiosk = open_kiosk(store_db[0], extra=(LongPlugin(),))
    try:
        window = create_window(kiosk, windowed=True, language="en")
        qtbot.addWidget(window)
        window.resize(1080, 900)
        window.show()
        qtbot.waitExposed(window)
        settle(qtbot, window)
        window.open_plugin_screen("long")
        qtbot.wait(50)
        area = window.plugin_host.findChild(QScrollArea, "plugin_page")
        assert area.property(TOUCH_PROPERTY)
        scrolled_by_touch(qtbot, area)
        window.unlocked = True
        window.worker.wait()
    finally:
        kiosk.close()


def test_staff_pages_scroll_by_touch(qtbot):
    from kiosk.ui.staff.screens.widgets import scrolling

    holder = QWidget()
    qtbot.addWidget(holder)
    area, body, layout = scrolling(holder)
    for i in range(60):
        layout.addWidget(QLabel(f"client {i}", body))
    area.resize(600, 400)
    holder.resize(600, 400)
    holder.show()
    qtbot.waitExposed(holder)
    assert area.property(TOUCH_PROPERTY) == "touch"
    scrolled_by_touch(qtbot, area)


def test_an_area_without_touch_scrolling_does_not_move(qtbot):
    """The control: the same drag on a plain scroll area leaves it where it was."""
    area = QScrollArea()
    qtbot.addWidget(area)
    body = QWidget()
    layout = QVBoxLayout(body)
    for i in range(80):
        layout.addWidget(QLabel(f"line {i}"))
    area.setWidget(body)
    area.resize(400, 400)
    area.show()
    qtbot.waitExposed(area)
    touch_drag(qtbot, area, 300)
    qtbot.wait(300)
    assert area.verticalScrollBar().value() == 0
    enable_touch_scrolling(area)
    scrolled_by_touch(qtbot, area)


@pytest.mark.parametrize(("theme", "large"), [("default", False), ("high-contrast", False),
                                              ("default", True)])
def test_scrollbars_are_a_touch_target_wide(qtbot, window, store_db, qapp, theme, large):
    apply_look(qapp, theme, large)
    try:
        scan(qtbot, window, store_db[1].code)
        bar = window.picks.scroll.verticalScrollBar()
        qtbot.waitUntil(bar.isVisible)
        assert bar.width() >= 44
    finally:
        apply_look(qapp, "default", False)
