"""Auto-lock: the tablet locks itself after a while without a touch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
    QEvent.Type.Wheel, QEvent.Type.TabletPress,
}


class IdleLock(QObject):
    """Watches the application's input while someone is signed in; ``timed_out`` after
    ``seconds`` without a touch or a key (the staff app then locks)."""

    timed_out = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.seconds = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.timed_out)

    @property
    def armed(self) -> bool:
        return self.timer.isActive()

    def arm(self, seconds: float) -> None:
        self.seconds = seconds
        self.timer.start(int(seconds * 1000))

    def disarm(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.timer.isActive() and event.type() in _ACTIVITY:
            self.timer.start(int(self.seconds * 1000))
        return False
