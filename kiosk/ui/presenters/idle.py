"""Idle: after a quiet while the kiosk warns, with a chance to extend (WCAG 2.2.1), then resets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
    QEvent.Type.Wheel, QEvent.Type.TabletPress,
}


class IdleMonitor(QObject):
    """Watches the application's input; ``armed`` only while a shopper's session is open.

    ``warning(seconds)`` when the idle time has passed, ``tick(seconds)`` every
    second of the warning, ``timed_out`` when nobody answered, ``extended``
    when someone touched the screen or pressed "I'm still here".
    """

    warning = Signal(int)
    tick = Signal(int)
    timed_out = Signal()
    extended = Signal()

    def __init__(self, idle_seconds: int, warning_seconds: int = 30,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.idle_seconds = idle_seconds
        self.warning_seconds = warning_seconds
        self.armed = False
        self.warning_shown = False
        self.left = 0
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._warn)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)

    def arm(self) -> None:
        self.armed = True
        self.extend()

    def disarm(self) -> None:
        self.armed = False
        self.warning_shown = False
        self.idle_timer.stop()
        self.countdown.stop()

    def extend(self) -> None:
        """The shopper is still here: hide the warning and start the quiet time again."""
        was_warning = self.warning_shown
        self.warning_shown = False
        self.countdown.stop()
        if self.armed:
            self.idle_timer.start(self.idle_seconds * 1000)
        if was_warning:
            self.extended.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A touch during the warning is not taken as "still here": only the
        # button is, so a passer-by brushing the screen cannot keep a session open.
        if self.armed and not self.warning_shown and event.type() in _ACTIVITY:
            self.idle_timer.start(self.idle_seconds * 1000)
        return False

    def _warn(self) -> None:
        if not self.armed:
            return
        self.warning_shown = True
        self.left = self.warning_seconds
        self.warning.emit(self.left)
        self.countdown.start()

    def _tick(self) -> None:
        self.left -= 1
        if self.left > 0:
            self.tick.emit(self.left)
            return
        self.disarm()
        self.timed_out.emit()
