"""Starting the kiosk: QApplication, look, language, the window, background sync.

``run_kiosk`` is what ``kiosk run`` calls. Nothing a shopper sees can be a
traceback: unexpected errors are logged and shown as a friendly banner.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.ui.i18n import Translations, ensure_compiled
from kiosk.ui.look import install_search_paths, stylesheet
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Personal Shopper Kiosk")
    app.setOrganizationName("Personal Shopper Kiosk")
    return app  # type: ignore[return-value]


def apply_look(app: QApplication, theme: str, large_text: bool) -> None:
    app.setStyleSheet(stylesheet(theme, large_text=large_text))


def install_excepthook(window: KioskWindow) -> None:
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


def run_kiosk(kiosk: Any, *, windowed: bool = False) -> int:
    app = application()
    window = create_window(kiosk, windowed=windowed)
    install_excepthook(window)
    if kiosk.config.hq_url:
        try:
            kiosk.sync.start()
        except Exception:
            log.exception("background sync could not start; the kiosk works offline")
    if window.camera is not None:
        window.camera.start_camera()
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
    code = app.exec()
    if kiosk.config.hq_url:
        try:
            kiosk.sync.stop()
        except Exception:
            log.exception("background sync did not stop cleanly")
    kiosk.close()
    return code
