"""An on-screen keyboard for the shopper's text fields (a kiosk has no keyboard).

Letters in the kiosk's language's own layout (AZERTY in French, QWERTY in
English), a row of accented letters (always shown in French, behind the "àé"
key in English), Shift (one letter; twice: caps lock), space, backspace and
Done. Keys insert their text into the field (``QLineEdit.insert``) rather than
sending key events: a fast typist would otherwise look like a barcode scanner
to the scanner's keystroke filter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.screens.common import button, set_text

#: the letter rows of each language's usual keyboard
LAYOUTS = {
    "en": ("qwertyuiop", "asdfghjkl'", "zxcvbnm-"),
    "fr": ("azertyuiop", "qsdfghjklm", "wxcvbn'-"),
}
ACCENTS = "éèêàçùôîïëâ"
KEY = 56  # px: a key's height, well over the 44 px touch minimum
KEY_WIDTH = 48  # px: at least this wide; eleven accents fit a portrait 768 px screen


def kiosk_language() -> str:
    """The kiosk's current language (``Translations`` sets the default locale)."""
    return QLocale().name()[:2]


class OnScreenKeyboard(QWidget):
    """Types into ``target`` (a QLineEdit); ``done`` when the shopper taps Done."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None, language: str | None = None):
        super().__init__(parent)
        self.setObjectName("on_screen_keyboard")
        self.target: QLineEdit | None = None
        self.language = ""
        self.shift = False
        self.caps = False
        self.show_accents = False
        self.letter_keys: dict[str, QPushButton] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 8)
        outer.setSpacing(6)
        self.accent_row = QWidget(self)
        accent_layout = QHBoxLayout(self.accent_row)
        accent_layout.setContentsMargins(0, 0, 0, 0)
        accent_layout.setSpacing(6)
        accent_layout.addStretch(1)
        for letter in ACCENTS:
            accent_layout.addWidget(self._letter_key(self.accent_row, letter))
        accent_layout.addStretch(1)
        outer.addWidget(self.accent_row)
        self.letters = QWidget(self)
        self.letters_layout = QGridLayout(self.letters)
        self.letters_layout.setContentsMargins(0, 0, 0, 0)
        self.letters_layout.setSpacing(6)
        outer.addWidget(self.letters)
        controls = QHBoxLayout()
        controls.setSpacing(6)
        self.shift_key = self._key(self, "key_shift")
        self.shift_key.setCheckable(True)
        self.accents_key = self._key(self, "key_accents")
        self.accents_key.setCheckable(True)
        self.space_key = self._key(self, "key_space")
        self.space_key.setMinimumWidth(KEY_WIDTH * 4)
        self.backspace_key = self._key(self, "key_backspace")
        self.done_key = button(self, "primary", "key_done")
        self.done_key.setMinimumSize(KEY_WIDTH * 2, KEY)
        self.done_key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for widget in (self.shift_key, self.accents_key):
            controls.addWidget(widget)
        controls.addWidget(self.space_key, 1)
        controls.addWidget(self.backspace_key)
        controls.addWidget(self.done_key)
        outer.addLayout(controls)
        self.shift_key.clicked.connect(self._shift_tapped)
        self.accents_key.toggled.connect(self._accents_toggled)
        self.space_key.clicked.connect(lambda: self._type(" "))
        self.backspace_key.clicked.connect(self._backspace)
        self.done_key.clicked.connect(self._done)
        self.set_language(language or kiosk_language())
        self.retranslate()

    # -- building ----------------------------------------------------------------

    def _key(self, parent: QWidget, name: str) -> QPushButton:
        key = button(parent, "keyboard-key", name)
        key.setMinimumSize(KEY_WIDTH, KEY)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus and cursor
        return key

    def _letter_key(self, parent: QWidget, letter: str) -> QPushButton:
        key = self._key(parent, f"key_{letter}")
        key.setProperty("letter", letter)
        key.clicked.connect(lambda _=False, k=key: self._type(k.text()))
        self.letter_keys[letter] = key
        return key

    def set_language(self, language: str) -> None:
        """The letter rows of ``language``; French shows its accents at once."""
        language = language if language in LAYOUTS else "en"
        if language == self.language:
            return
        self.language = language
        for letter in {k for row in LAYOUTS["en"] + LAYOUTS["fr"] for k in row}:
            key = self.letter_keys.pop(letter, None)
            if key is not None:
                self.letters_layout.removeWidget(key)
                key.deleteLater()
        for row, letters in enumerate(LAYOUTS[language]):
            for column, letter in enumerate(letters):
                self.letters_layout.addWidget(self._letter_key(self.letters, letter), row,
                                              column)
        self.accents_key.setChecked(language == "fr")
        self._accents_toggled(language == "fr")
        self._show_case()

    # -- typing ------------------------------------------------------------------

    def attach(self, target: QLineEdit) -> None:
        """Type into ``target``; tapping it shows the keyboard again after Done."""
        self.target = target
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in (QEvent.Type.FocusIn,
                                                       QEvent.Type.MouseButtonPress):
            self.show()
        return super().eventFilter(watched, event)

    def _type(self, text: str) -> None:
        if self.target is None:
            return
        self.target.insert(text)
        self.target.setFocus()
        if self.shift and not self.caps:
            self.shift = False
            self._show_case()

    def _backspace(self) -> None:
        if self.target is not None:
            self.target.backspace()

    def _done(self) -> None:
        self.hide()
        self.done.emit()

    def _shift_tapped(self) -> None:
        """Once: the next letter is a capital. Again: caps lock. Again: off."""
        if self.caps:
            self.caps = self.shift = False
        elif self.shift:
            self.caps = True
        else:
            self.shift = True
        self._show_case()

    def _accents_toggled(self, on: bool) -> None:
        self.show_accents = on
        self.accent_row.setVisible(on)

    def _show_case(self) -> None:
        upper = self.shift or self.caps
        self.shift_key.setChecked(upper)
        for letter, key in self.letter_keys.items():
            key.setText(letter.upper() if upper else letter)
            key.setAccessibleName(key.text())
        self.retranslate()

    def reset(self) -> None:
        self.shift = self.caps = False
        self._show_case()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_language(kiosk_language())
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self.caps:
            set_text(self.shift_key, self.tr("CAPS"), self.tr("Capital letters (on)"))
        else:
            set_text(self.shift_key, "⇧", self.tr("Capital letter"))
        set_text(self.accents_key, "àé", self.tr("Accented letters"))
        set_text(self.space_key, self.tr("space"), self.tr("Space"))
        set_text(self.backspace_key, "⌫", self.tr("Delete the last letter"))
        set_text(self.done_key, self.tr("Done"))
