"""Every control a shopper can touch is at least 44×44 px, on every screen, portrait and
landscape, with and without large text; the drop-down's items too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from test_ui_support import open_kiosk, settle, wedge_scan

from kiosk.ui.app import apply_look, create_window
from kiosk.ui.look import stylesheet
from kiosk.ui.screens.common import touch_drop_downs

pytest_plugins = ["test_ui_support"]

MINIMUM = 44
SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


def hit_area(widget: QWidget) -> QRect:
    """What a finger can hit: the widget, or for a check box the box and its text."""
    if isinstance(widget, QCheckBox):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        return widget.style().subElementRect(QStyle.SubElement.SE_CheckBoxClickRect, option,
                                             widget)
    return widget.rect()


def too_small(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QComboBox | QLineEdit):
            continue
        if not widget.isVisibleTo(root) or not widget.isVisible():
            continue
        area = hit_area(widget)
        if area.width() < MINIMUM or area.height() < MINIMUM:
            found.append(f"{type(widget).__name__} {widget.objectName()!r} "
                         f"{widget.text() if hasattr(widget, 'text') else ''!r}: "
                         f"{area.width()}x{area.height()}")
        if isinstance(widget, QCheckBox):
            option = QStyleOptionButton()
            widget.initStyleOption(option)
            box = widget.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option,
                                                widget)
            if box.width() < MINIMUM or box.height() < MINIMUM:
                found.append(f"check box {widget.objectName()!r} indicator: "
                             f"{box.width()}x{box.height()}")
    return found


def drop_down_items(qtbot, combo: QComboBox) -> list[int]:
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    heights = [view.visualRect(combo.model().index(row, 0)).height()
               for row in range(combo.count())]
    combo.hidePopup()
    return heights


@pytest.fixture
def kiosk(store_db):
    instance = open_kiosk(store_db[0])
    yield instance
    instance.close()


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_control_is_big_enough_on_every_screen(qtbot, qapp, kiosk, store_db, size,
                                                     large):
    apply_look(qapp, "default", large)
    window = create_window(kiosk, windowed=True, language="en")
    qtbot.addWidget(window)
    window.resize(*SIZES[size])
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    problems: dict[str, list[str]] = {}

    def check(name: str) -> None:
        settle(qtbot, window)
        qtbot.wait(20)
        found = too_small(window)
        if found:
            problems[name] = found

    try:
        check("attract")
        window.attract.accessibility_button.click()
        check("accessibility panel")
        window.accessibility_panel.close_button.click()
        wedge_scan(qtbot, window, store_db[1].code)
        check("picks")
        for card in window.picks.cards()[:3]:
            card.save_button.click()
        window.picks.saved_button.click()
        check("saved")
        window.show_screen("picks")
        window.picks.my_data_button.click()
        check("my data")
        heights = drop_down_items(qtbot, window.my_data_screen.budget)
        if min(heights) < MINIMUM:
            problems["budget drop-down items"] = [str(h) for h in heights]
        window.show_screen("help")
        check("help")
        window.show_screen("picks")
        window.idle_overlay.show_countdown(30)
        check("idle warning")
        window.idle_overlay.hide()
        window.session.reset()
        settle(qtbot, window)
        window.attract.join_button.click()
        check("join")
        window.join_screen.back_button.click()
        window.show_screen("pin")
        check("staff PIN")
        window.show_screen("out_of_order")
        check("out of order")
        assert problems == {}
    finally:
        window.unlocked = True
        window.worker.wait()
        apply_look(qapp, "default", False)


def test_the_old_drop_down_items_were_too_small(qtbot, qapp):
    """The control: a plain drop-down's items are under 44 px, whatever the QSS says;
    ``touch_drop_downs`` makes them honour it."""
    qapp.setStyleSheet(stylesheet("default"))
    holder = QWidget()
    qtbot.addWidget(holder)
    combo = QComboBox(holder)
    combo.addItems(["Any price", "Up to £10", "Up to £20"])
    holder.show()
    assert min(drop_down_items(qtbot, combo)) < MINIMUM
    touch_drop_downs(holder)
    assert min(drop_down_items(qtbot, combo)) >= MINIMUM
