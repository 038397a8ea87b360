"""The staff PIN pads (issue 13: "buttons overlap, right column clipped"): at every size, no
two pad buttons overlap, none is clipped by its parent or the window, each is >= 44 px."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.app import Kiosk
from kiosk.ui.app import create_staff_window, create_window

LOOKS = {"default": {}, "large-text": {"large_text": True},
         "high-contrast": {"theme": "high-contrast"}}


@pytest.fixture(params=list(LOOKS))
def looked(request, config):
    """A kiosk in each look (the QSS sizes its buttons)."""
    instance = Kiosk(replace(config, **LOOKS[request.param]), entrypoints=False)
    yield instance
    instance.close()

MIN_TARGET = 44


def on_window(widget, window) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def check_pad(window, buttons: list[QPushButton], size: tuple[int, int]) -> None:
    assert len(buttons) == 12
    window_rect = window.rect()
    rects = []
    for widget in buttons:
        assert widget.isVisible(), widget.objectName()
        where = f"{widget.objectName()} at {size}"
        assert widget.width() >= MIN_TARGET and widget.height() >= MIN_TARGET, where
        # wholly inside its parent, and the parent wholly inside the window
        assert widget.parentWidget().rect().contains(widget.geometry()), where
        rect = on_window(widget, window)
        assert window_rect.contains(rect), f"{where}: {rect} outside {window_rect}"
        # inside the screen size asked for, even where another screen made the window
        # wider (the window's minimum size is not the pad's)
        shown = window_rect.width()
        assert rect.right() - (shown - size[0]) // 2 < size[0] and rect.left() >= 0, where
        # and wide enough for its own text (not squeezed below its size hint)
        assert widget.width() >= widget.minimumSizeHint().width(), where
        rects.append((widget.objectName(), rect))
    for i, (name, rect) in enumerate(rects):
        for other, other_rect in rects[i + 1:]:
            assert not rect.intersects(other_rect), f"{name} overlaps {other} at {size}"


def show_at(qtbot, window, size: tuple[int, int]) -> None:
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    qtbot.wait(20)


KIOSK_SIZES = [(768, 1024), (1080, 1920), (1920, 1080)]
STAFF_SIZES = [(1280, 800), (800, 1280)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_kiosk_pin_pad_fits(qtbot, looked, language):
    window = create_window(looked, windowed=True, language=language)
    qtbot.addWidget(window)
    try:
        for size in KIOSK_SIZES:
            show_at(qtbot, window, size)
            window.show_screen("pin")
            QApplication.processEvents()
            pin = window.pin
            check_pad(window, [*pin.digits, pin.zero_button, pin.erase_button,
                               pin.ok_button], size)
    finally:
        window.set_language("en")  # the app's translator outlives the window
        window.unlocked = True
        window.worker.wait()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_staff_sign_in_pad_fits(qtbot, looked, language):
    window = create_staff_window(looked, language=language)
    qtbot.addWidget(window)
    try:
        for size in STAFF_SIZES:
            show_at(qtbot, window, size)
            assert window.current() == "sign_in"
            pad = window.sign_in
            check_pad(window, [*pad.digits.values(), pad.erase_button, pad.ok_button], size)
    finally:
        window.set_language("en")
        window.close()
        window.worker.wait()
        window.help.worker.wait()
