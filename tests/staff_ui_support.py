"""Driving the staff tablet window in tests: open it on a copy of the staff store, sign in
with a PIN on the pad, wait for the worker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from staffstore import ASSOCIATE, StaffStore, open_tablet

from kiosk.ui.app import create_staff_window


def settle(qtbot, window) -> None:
    """Let queued work (both workers) finish and its callbacks run."""
    for _ in range(100):
        for worker in (window.worker, window.help.worker):
            worker.wait(30000)
        qtbot.wait(5)
        if not (window.worker.busy() or window.help.worker.busy()):
            qtbot.wait(5)
            if not (window.worker.busy() or window.help.worker.busy()):
                return
    raise AssertionError("background work did not finish")


class Tablets:
    """Opens staff windows and closes them (and their stores) after the test."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.opened: list[tuple[Any, Any]] = []

    def open(self, store: StaffStore, *, language: str = "en", size=(1280, 800),
             idle_seconds: float | None = None, **values: Any):
        kiosk = open_tablet(store, **values)
        window = create_staff_window(kiosk, language=language, idle_seconds=idle_seconds)
        self.qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        self.qtbot.waitExposed(window)
        self.opened.append((window, kiosk))
        return window

    def close(self) -> None:
        for window, kiosk in self.opened:
            window.close()
            window.worker.wait()
            window.help.worker.wait()
            kiosk.close()


@pytest.fixture
def tablets(qtbot) -> Iterator[Tablets]:
    found = Tablets(qtbot)
    yield found
    found.close()


def type_pin(window, pin: str) -> None:
    for digit in pin:
        window.sign_in.digits[digit].click()
    window.sign_in.ok_button.click()


def sign_in(qtbot, window, account: tuple[str, str] = ASSOCIATE) -> None:
    with qtbot.waitSignal(window.desk.signed_in, timeout=20000):
        type_pin(window, account[1])
    settle(qtbot, window)


def client_rows(window) -> list[Any]:
    from kiosk.ui.staff.screens.widgets import RowButton

    return [w for w in window.book_screen.findChildren(RowButton) if w.isVisibleTo(window)
            and w.objectName() == "client_row"]
