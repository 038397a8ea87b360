"""Keyboard-wedge scanners: a fast burst of keystrokes ending in Enter.

Installed on the QApplication, the filter watches key presses while no text
field has the focus. A scanner types a whole code within a few milliseconds
per key; a person needs well over 50 ms between keys. Keys are held back
while a burst may be under way: if it ends in Enter quickly enough and is
long enough, the code is emitted and the keys are swallowed; otherwise the
held keys are delivered to where they were going, in order, so a person at a
keyboard loses nothing.

Four keys in a row, each within ``max_gap`` of the last, are no person's:
from then on the burst is a scanner's. It may then pause for up to
``stall_ms`` (a Bluetooth scanner's buffer, or the kiosk busy painting while
the keys wait in the queue) and go on; and if it ends without a code, its
keys are dropped, never typed into the keypad (they once showed there as
"PSK0-400", the first keys of a long code, when the kiosk stalled mid-scan).

The clock is injectable so tests can send synthetic key events with exact
timing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# A scanner presses Shift for every capital letter, like a person would; these
# keys carry no text and neither start nor break a burst.
MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_CapsLock, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                 Qt.Key.Key_AltGr, Qt.Key.Key_Meta)
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)
MAX_CODE_LENGTH = 256
# this many keys in a row, each within ``max_gap``: a scanner, never a person
SURE_SCANNER_KEYS = 4


def text_field_focused() -> bool:
    """True when the focused widget takes typed text (then scanners type into it)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
        return not getattr(widget, "isReadOnly", lambda: False)()
    return isinstance(widget, QComboBox) and widget.isEditable()


class ScannerInputFilter(QObject):
    """Recognises scanner bursts anywhere in the application; emits ``code_scanned``."""

    code_scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, max_gap_ms: float = 50,
                 min_length: int = 8, stall_ms: float = 300,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.max_gap = max_gap_ms / 1000
        self.stall = max(stall_ms, max_gap_ms) / 1000
        self.min_length = min_length
        self.clock = clock
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._last = 0.0
        self._replaying = False
        self.dropped = 0  # keys of scanner bursts that ended without a code
        # A burst that stops without Enter was a person (give the keys back), or a
        # scanner that stalled for good (drop them).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release)
        self._person_interval = int(max_gap_ms * 2)
        self._stall_interval = int(self.stall * 1000) + int(max_gap_ms)

    @property
    def pending(self) -> str:
        return "".join(event.text() for _, event in self._held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._replaying:
            return False
        if text_field_focused():
            self.release()
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in MODIFIER_KEYS:
            return False
        now = self.clock()
        gap = self.stall if self.sure_scanner else self.max_gap
        quick = bool(self._held) and now - self._last < gap
        if event.key() in ENTER_KEYS:
            if quick and len(self._held) >= self.min_length:
                code = self.pending
                self._forget()
                self.code_scanned.emit(code)
                return True
            self.release()
            return False
        text = event.text()
        if (not text or not text.isprintable() or event.modifiers() & _COMMAND_MODIFIERS
                or event.isAutoRepeat()):
            self.release()
            return False
        if (self._held and not quick) or len(self._held) >= MAX_CODE_LENGTH:
            self.release()
        self._held.append((_receiver(watched), _copy(event)))
        self._last = now
        self._timer.start(self._stall_interval if self.sure_scanner else
                          self._person_interval)
        return True

    @property
    def sure_scanner(self) -> bool:
        """The held keys came too fast for a person (every one within ``max_gap``)."""
        return len(self._held) >= SURE_SCANNER_KEYS

    def release(self) -> None:
        """Deliver the held keys to their widgets if a person typed them; drop a scanner's."""
        held = self._held
        sure = self.sure_scanner
        self._forget()
        if sure:
            self.dropped += len(held)
            return
        self._replaying = True
        try:
            for receiver, event in held:
                if shiboken6.isValid(receiver):
                    QApplication.sendEvent(receiver, event)
        finally:
            self._replaying = False

    def _forget(self) -> None:
        self._held = []
        self._timer.stop()


def _receiver(watched: QObject) -> QObject:
    if isinstance(watched, QWidget):
        return watched
    # a key seen at the window level goes on to the focused widget
    return QApplication.focusWidget() or QApplication.activeWindow() or watched


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                     event.isAutoRepeat(), event.count())
