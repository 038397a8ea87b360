"""Starting the kiosk: QApplication, look, language, the window, background sync.

``run_kiosk`` is what ``kiosk run`` calls. Nothing a shopper sees can be a
traceback: unexpected errors are logged and shown as a friendly banner. A
database too damaged to open gets ``run_out_of_order``: the out-of-order
screen alone, so the kiosk still tells shoppers to ask staff.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.store.health import Damage
from kiosk.ui.i18n import Translations, ensure_compiled
from kiosk.ui.look import install_search_paths, stylesheet
from kiosk.ui.screens.out_of_order import OutOfOrderScreen
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Personal Shopper Kiosk")
    app.setOrganizationName("Personal Shopper Kiosk")
    return app  # type: ignore[return-value]


def apply_look(app: QApplication, theme: str, large_text: bool) -> None:
    app.setStyleSheet(stylesheet(theme, large_text=large_text))


def install_excepthook(window: Any) -> None:
    """Log any uncaught error (type and traceback, never data) and show a friendly note."""

    def hook(kind, value, tb) -> None:
        log.error("unexpected error: %s\n%s", kind.__name__,
                  "".join(traceback.format_tb(tb)))
        with contextlib.suppress(Exception):  # a broken window: the log has it
            window.show_error()

    sys.excepthook = hook


def create_window(kiosk: Any, *, windowed: bool = True, language: str | None = None,
                  idle_seconds: int | None = None, warning_seconds: int = 30) -> KioskWindow:
    """Everything but the event loop: tests and screenshots use this."""
    app = application()
    install_search_paths()
    ensure_compiled()
    apply_look(app, kiosk.config.theme, kiosk.config.large_text)
    translations = Translations(app, language or kiosk.config.language)
    window = KioskWindow(kiosk, translations, kiosk_mode=not windowed,
                         idle_seconds=idle_seconds, warning_seconds=warning_seconds)
    return window


class OutOfOrderWindow(QWidget):
    """Only the out-of-order screen: for a kiosk whose database could not be opened.

    In kiosk mode it cannot be closed from the screen (no database, so no
    staff PIN to check): staff stop the kiosk's service or process.
    """

    def __init__(self, damage: Damage, translations: Translations, *, kiosk_mode: bool):
        super().__init__()
        self.kiosk_mode = kiosk_mode
        self.translations = translations
        self.setObjectName("kiosk_window")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.screen_ = OutOfOrderScreen(self, staff_button=False)
        self.screen_.show_damage(damage)
        self.screen_.set_language(translations.language)
        self.screen_.language_chosen.connect(self.set_language)
        layout.addWidget(self.screen_)
        self.retranslate()

    def set_language(self, code: str) -> None:
        self.translations.set_language(code)
        self.screen_.set_language(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.kiosk_mode and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("KioskWindow", "Personal Shopper"))


def create_out_of_order_window(damage: Damage, *, windowed: bool = True,
                               language: str = "en", theme: str = "default",
                               large_text: bool = False) -> OutOfOrderWindow:
    app = application()
    install_search_paths()
    ensure_compiled()
    apply_look(app, theme, large_text)
    return OutOfOrderWindow(damage, Translations(app, language), kiosk_mode=not windowed)


def _show(app: QApplication, window: QWidget, windowed: bool) -> None:
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint |
                              Qt.WindowType.WindowStaysOnTopHint)
        # Without a window manager (a bare X server at a kiosk) full screen is
        # only a hint: cover the screen ourselves too.
        window.setGeometry(app.primaryScreen().geometry())
        window.showFullScreen()
        window.raise_()
        window.activateWindow()  # a scanner types into the focused window


def run_out_of_order(damage: Damage, config: Any, *, windowed: bool = False) -> int:
    """The kiosk could not open its database: show staff why, until stopped."""
    log.error("the kiosk is out of order: %s", damage.summary())
    app = application()
    window = create_out_of_order_window(damage, windowed=windowed, language=config.language,
                                        theme=config.theme, large_text=config.large_text)
    _show(app, window, windowed)
    return app.exec()


def run_kiosk(kiosk: Any, *, windowed: bool = False) -> int:
    """``kiosk run``: the shopper's kiosk, full screen (kiosk mode) unless ``windowed``."""
    return _run(kiosk, create_window(kiosk, windowed=windowed), windowed)


def _run(kiosk: Any, window: Any, windowed: bool) -> int:
    """Show ``window`` with background sync and the camera until the app ends; close up."""
    app = application()
    install_excepthook(window)
    if kiosk.config.hq_url:
        try:
            kiosk.sync.start()
        except Exception:
            log.exception("background sync could not start; this device works offline")
    if window.camera is not None:
        window.camera.start_camera()
    _show(app, window, windowed)
    code = app.exec()
    if kiosk.config.hq_url:
        try:
            kiosk.sync.stop()
        except Exception:
            log.exception("background sync did not stop cleanly")
    kiosk.close()
    return code


def create_staff_window(kiosk: Any, *, language: str | None = None,
                        idle_seconds: int | None = None) -> Any:
    """The staff tablet app's window, without the event loop (tests, screenshots)."""
    from kiosk.ui.staff.window import StaffWindow

    app = application()
    install_search_paths()
    ensure_compiled()
    apply_look(app, kiosk.config.theme, kiosk.config.large_text)
    translations = Translations(app, language or kiosk.config.language)
    return StaffWindow(kiosk, translations, idle_seconds=idle_seconds)


def run_staff(kiosk: Any, *, windowed: bool = False) -> int:
    """``kiosk run --staff``: the tablet app, full screen unless ``windowed``."""
    return _run(kiosk, create_staff_window(kiosk), windowed)
