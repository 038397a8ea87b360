"""The short-code keypad (issue 13): typos kept and named lightly, no layout shift, the format
hint stays, scanner bursts never leak into it, an honest rate-limit countdown."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_ui_support import settle

from kiosk.identity import base32
from kiosk.ui.scanning import KeypadWidget, ScannerInputFilter

pytest_plugins = ["test_ui_support"]

LONG = "PSK04003G9HJ5D0GEG00VZM3AKTR2MTSWGYJVQZQSY3"


def with_wrong_symbol(short_code: str, index: int) -> str:
    """The code with one symbol changed: its check symbol no longer matches."""
    symbols = short_code.replace("-", "")
    other = next(c for c in base32.ALPHABET if c != symbols[index])
    return symbols[:index] + other + symbols[index + 1:]


class Clock:
    def __init__(self) -> None:
        self.now = 5_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(qtbot, kiosk_window):
    kiosk_window.resize(1080, 1920)
    settle(qtbot, kiosk_window)
    return kiosk_window


def type_on(keypad: KeypadWidget, symbols: str) -> None:
    for symbol in symbols:
        keypad.keys[symbol].click()


def geometry_of(window) -> list[tuple[int, int]]:
    keypad = window.attract.keypad
    widgets = [keypad.keys["0"], keypad.ok_button, window.attract.browse_button,
               window.attract.join_button]
    return [(w.mapTo(window, w.rect().topLeft()).y(), w.height()) for w in widgets]


def test_a_typo_keeps_the_code_and_says_check_it_lightly(qtbot, window, store_db):
    shopper = store_db[1]
    keypad = window.attract.keypad
    wrong = with_wrong_symbol(shopper.short_code, 5)
    before = geometry_of(window)
    type_on(keypad, wrong)
    keypad.ok_button.click()
    settle(qtbot, window)
    assert window.current() == "attract"
    assert keypad.symbols == wrong, "the 13 characters typed are kept"
    assert keypad.error_line.text().startswith("Check the code and try again")
    assert "staff" not in keypad.error_line.text()
    assert not window.attract.message.isVisible() or "staff" not in \
        window.attract.message.text()
    assert geometry_of(window) == before, "nothing moved when the error appeared"
    # one Delete-and-retype fixes it: no need to type all 13 again
    keypad.delete_button.click()
    keypad.delete_button.click()
    keypad.delete_button.click()
    keypad.delete_button.click()
    keypad.delete_button.click()
    keypad.delete_button.click()
    keypad.delete_button.click()
    keypad.delete_button.click()
    assert keypad.error_line.text() == ""
    type_on(keypad, shopper.short_code.replace("-", "")[5:])
    keypad.ok_button.click()
    settle(qtbot, window)
    assert window.current() == "picks"
    # a typo is not held against the kiosk: nothing counted towards the rate limit
    failures = window.kiosk.db.execute("SELECT count(*) FROM identity_scan_failures")
    assert failures.fetchone()[0] == 0


def test_an_unknown_code_keeps_what_was_typed(qtbot, window):
    keypad = window.attract.keypad
    body = "ZZZZZZZZZZZZ"
    unknown = body + base32.ALPHABET[base32.check_value(body) % 32]
    if base32.check_value(body) >= 32:
        pytest.skip("needs a printable check symbol")
    type_on(keypad, unknown)
    keypad.ok_button.click()
    settle(qtbot, window)
    assert window.current() == "attract" and window.attract.message.text()
    assert keypad.symbols == unknown


def with_check(body: str) -> str | None:
    """``body`` (12 symbols) with its check symbol, if that symbol is printable."""
    check = base32.check_value(body)
    return body + base32.ALPHABET[check] if check < 32 else None


def test_a_real_card_number_with_a_wrong_tag_reads_like_an_unknown_code(qtbot, window,
                                                                        store_db):
    """A guesser must not learn that a card number exists (docs/security.md)."""
    shopper = store_db[1]
    card_number = shopper.short_code.replace("-", "")[:8]
    forged = next(code for tag in ("2222", "3333", "4444", "5555", "6666", "7777")
                  if (code := with_check(card_number + tag)) and
                  code != shopper.short_code.replace("-", ""))
    unknown = next(code for number in ("ZZZZZZZZ", "YYYYYYYY", "XXXXXXXX", "WWWWWWWW")
                   if (code := with_check(number + "2222")))
    assert window.kiosk.identity.verify(forged).status == "forged"  # no rate limit counted
    assert window.kiosk.identity.verify(unknown).status == "unknown"
    said = []
    for code in (forged, unknown):
        window.session.identify(code)
        settle(qtbot, window)
        said.append(window.attract.message.text())
    assert said[0] and said[0] == said[1]


def test_the_format_hint_stays_after_the_first_key(qtbot):
    keypad = KeypadWidget()
    qtbot.addWidget(keypad)
    assert keypad.display.text() == "____-____-____-_"
    type_on(keypad, "8")
    assert keypad.display.text() == "8___-____-____-_"
    type_on(keypad, "37HB")
    assert keypad.display.text() == "837H-B___-____-_"
    assert "XXXX-XXXX-XXXX-X" in keypad.prompt.text()


def test_the_error_line_keeps_its_height_when_empty(qtbot):
    keypad = KeypadWidget()
    qtbot.addWidget(keypad)
    keypad.show()
    qtbot.waitExposed(keypad)
    empty = keypad.error_line.height()
    assert empty >= 2 * keypad.error_line.fontMetrics().lineSpacing()
    type_on(keypad, with_wrong_symbol("837HBBKCCFZ4Q", 0))
    keypad.ok_button.click()
    QApplication.processEvents()
    assert keypad.error_line.text() and keypad.error_line.height() == empty


@pytest.fixture
def focused_keypad(qtbot, qapp):
    """A keypad with the keyboard focus and the real scanner filter (real clock)."""
    keypad = KeypadWidget()
    qtbot.addWidget(keypad)
    keypad.show()
    qtbot.waitExposed(keypad)
    keypad.activateWindow()
    keypad.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is keypad)
    wedge = ScannerInputFilter()
    qapp.installEventFilter(wedge)
    yield keypad, wedge
    qapp.removeEventFilter(wedge)


def test_a_scan_that_stalls_mid_code_never_leaks_into_the_keypad(qtbot, focused_keypad):
    """The kiosk busy for 150 ms after the 7th key: the old filter's timer fired first and
    gave "PSK0400" to the keypad (shown as "PSK0-400")."""
    keypad, wedge = focused_keypad
    with qtbot.waitSignal(wedge.code_scanned, timeout=3000) as signal:
        for index, char in enumerate(LONG):
            QTest.keyClick(keypad, char)
            QApplication.processEvents()
            if index == 6:
                time.sleep(0.15)  # the GUI thread busy; the keys wait in the queue
                QApplication.processEvents()  # the overdue timer runs first
            time.sleep(0.004)
        QTest.keyClick(keypad, Qt.Key.Key_Return)
    assert signal.args == [LONG]
    assert keypad.symbols == "" and keypad.display.text() == "____-____-____-_"


def test_a_scanner_burst_without_enter_never_reaches_the_keypad(qtbot, focused_keypad):
    keypad, wedge = focused_keypad
    for char in LONG[:12]:
        QTest.keyClick(keypad, char)
        time.sleep(0.004)
    qtbot.waitUntil(lambda: wedge.dropped == 12, timeout=3000)
    qtbot.wait(200)
    assert keypad.symbols == ""


def test_a_person_typing_at_human_speed_reaches_the_keypad(qtbot, focused_keypad):
    keypad, wedge = focused_keypad
    with qtbot.assertNotEmitted(wedge.code_scanned, wait=50):
        QTest.keyClicks(keypad, "837HBBKC", delay=90)
        qtbot.waitUntil(lambda: keypad.symbols == "837HBBKC", timeout=2000)
    assert keypad.display.text() == "837H-BBKC-____-_"


def test_rate_limited_keypad_counts_down_the_real_wait(qtbot, window):
    clock = Clock()
    window.kiosk.identity.clock = clock
    for i in range(5):  # three free failures, then 1 s, then 2 s
        clock.now += window.kiosk.identity.limiter.wait_seconds(window.kiosk.db, clock.now)
        assert window.kiosk.identity.identify(f"NOT-A-CODE-{i}").status == "malformed"
    enforced = window.kiosk.identity.limiter.wait_seconds(window.kiosk.db, clock.now)
    assert enforced == 2
    keypad = window.attract.keypad
    type_on(keypad, "837HBBKCCFZ4Q")
    keypad.ok_button.click()
    qtbot.waitUntil(lambda: keypad.wait_left == enforced, timeout=3000)
    assert keypad.error_line.text() == "Please wait 2 seconds, then try again."
    assert window.attract.message.text() == "Too many tries. Please wait 2 seconds, then " \
        "try again."
    # the message goes when the wait is over, not 8 s later
    timer = window.attract.message_timer
    assert timer.isActive() and timer.interval() == enforced * 1000
    assert not keypad.ok_button.isEnabled() and keypad.ok_button.text() == "Wait 2 s"
    keypad.wait_timer.timeout.emit()
    assert keypad.error_line.text() == "Please wait 1 second, then try again."
    keypad.wait_timer.timeout.emit()
    assert keypad.wait_left == 0 and keypad.ok_button.isEnabled()
    assert keypad.error_line.text() == ""
    assert keypad.symbols == "837HBBKCCFZ4Q"
    qtbot.waitUntil(lambda: not window.attract.message.isVisible(), timeout=4000)
    assert window.attract.hint.isVisible()   # back in the place the message took


def test_the_typed_code_is_forgotten_when_the_screen_moves_on(qtbot, window):
    keypad = window.attract.keypad
    type_on(keypad, "837HB")
    window.attract.browse_button.click()
    settle(qtbot, window)
    assert window.current() == "picks"
    assert keypad.symbols == ""
