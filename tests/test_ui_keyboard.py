"""The on-screen keyboard: Join's first name typed by tapping keys, accents in French."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_ui_support import open_kiosk, settle

from kiosk.ui.app import create_window
from kiosk.ui.screens.keyboard import ACCENTS, OnScreenKeyboard

pytest_plugins = ["test_ui_support"]


@pytest.fixture
def kiosk(store_db):
    instance = open_kiosk(store_db[0])
    yield instance
    instance.close()


def open_join(qtbot, kiosk, language: str):
    window = create_window(kiosk, windowed=True, language=language)
    qtbot.addWidget(window)
    window.resize(1080, 1920)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    window.attract.join_button.click()
    assert window.current() == "join"
    return window


def tap(qtbot, keyboard: OnScreenKeyboard, name: str) -> None:
    key = keyboard.findChild(QPushButton, f"key_{name}")
    assert key is not None and key.isVisible(), f"no visible key {name!r}"
    qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def type_word(qtbot, keyboard: OnScreenKeyboard, word: str) -> None:
    for letter in word:
        if letter.isupper():
            tap(qtbot, keyboard, "shift")
        tap(qtbot, keyboard, "space" if letter == " " else letter.lower())


@pytest.mark.parametrize("name", ["Zoë", "Hélène", "Anne-Maël", "Çà Où"])
def test_typing_a_french_name_through_the_keyboard(qtbot, kiosk, name):
    window = open_join(qtbot, kiosk, "fr")
    try:
        keyboard = window.join_screen.keyboard
        assert keyboard.isVisible() and keyboard.accent_row.isVisible()
        type_word(qtbot, keyboard, name)
        assert window.join_screen.first_name.text() == name
    finally:
        window.unlocked = True
        window.worker.wait()


def test_keyboard_speaks_the_kiosk_language(qtbot, kiosk):
    window = open_join(qtbot, kiosk, "fr")
    try:
        keyboard = window.join_screen.keyboard
        row = [keyboard.letters_layout.itemAtPosition(0, c).widget().text() for c in range(6)]
        assert "".join(row) == "azerty"
        assert keyboard.done_key.text() == "Terminé"
        assert keyboard.space_key.text() == "espace"
        window.set_language("en")
        qtbot.waitUntil(lambda: keyboard.done_key.text() == "Done")
        row = [keyboard.letters_layout.itemAtPosition(0, c).widget().text() for c in range(6)]
        assert "".join(row) == "qwerty"
        assert not keyboard.accent_row.isVisible()  # behind the àé key in English
        tap(qtbot, keyboard, "accents")
        assert keyboard.accent_row.isVisible()
    finally:
        window.unlocked = True
        window.worker.wait()


def test_shift_caps_backspace_and_done(qtbot, kiosk):
    window = open_join(qtbot, kiosk, "en")
    try:
        keyboard = window.join_screen.keyboard
        field = window.join_screen.first_name
        type_word(qtbot, keyboard, "Sam")
        assert field.text() == "Sam"
        tap(qtbot, keyboard, "backspace")
        assert field.text() == "Sa"
        tap(qtbot, keyboard, "shift")
        tap(qtbot, keyboard, "shift")   # twice: caps lock
        tap(qtbot, keyboard, "m")
        tap(qtbot, keyboard, "y")
        assert field.text() == "SaMY"
        tap(qtbot, keyboard, "shift")   # caps off
        tap(qtbot, keyboard, "a")
        assert field.text() == "SaMYa"
        tap(qtbot, keyboard, "done")
        assert not keyboard.isVisible()
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        assert keyboard.isVisible()  # tapping the field brings it back
        # the name typed reaches the enrolment
        window.join_screen.boxes["personalisation"].setChecked(True)
        window.join_screen.submit()
        settle(qtbot, window)
        window.join_screen.start_button.click()
        settle(qtbot, window)
        assert window.session.first_name == "SaMYa"
    finally:
        window.unlocked = True
        window.worker.wait()


def test_keys_are_touch_sized(qtbot, kiosk):
    window = open_join(qtbot, kiosk, "fr")
    try:
        keyboard = window.join_screen.keyboard
        keys = [k for k in keyboard.findChildren(QPushButton) if k.isVisible()]
        assert len(keys) >= 26 + len(ACCENTS)
        small = [(k.objectName(), k.width(), k.height()) for k in keys
                 if k.width() < 44 or k.height() < 44]
        assert small == []
    finally:
        window.unlocked = True
        window.worker.wait()


def test_the_next_shopper_finds_an_empty_field_in_lower_case(qtbot, kiosk):
    window = open_join(qtbot, kiosk, "en")
    try:
        keyboard = window.join_screen.keyboard
        type_word(qtbot, keyboard, "Jo")
        tap(qtbot, keyboard, "shift")
        window.join_screen.back_button.click()
        settle(qtbot, window)
        window.attract.join_button.click()
        assert window.join_screen.first_name.text() == ""
        assert keyboard.letter_keys["a"].text() == "a"
    finally:
        window.unlocked = True
        window.worker.wait()
