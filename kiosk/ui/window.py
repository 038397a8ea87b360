"""The kiosk window: every screen in a stack, the idle warning on top, kiosk mode.

A damaged database puts the window out of order for good (``HealthPresenter``):
only the out-of-order screen and, from it, the staff PIN are shown after that.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.plugins import collect
from kiosk.ui.i18n import Translations
from kiosk.ui.presenters.accessibility import AccessibilityPresenter, spoken_text
from kiosk.ui.presenters.health import HealthPresenter
from kiosk.ui.presenters.idle import IdleMonitor
from kiosk.ui.presenters.join import JoinPresenter
from kiosk.ui.presenters.mydata import MyDataPresenter
from kiosk.ui.presenters.session import SessionPresenter
from kiosk.ui.presenters.staff_gate import StaffGatePresenter
from kiosk.ui.presenters.training import TrainingPresenter
from kiosk.ui.screens.accessibility import AccessibilityPanel
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.common import Screen, button, label, set_text, touch_drop_downs
from kiosk.ui.screens.farewell import FarewellScreen
from kiosk.ui.screens.help import HelpScreen
from kiosk.ui.screens.idle import IdleOverlay
from kiosk.ui.screens.join import JoinScreen
from kiosk.ui.screens.mydata import MyDataScreen
from kiosk.ui.screens.out_of_order import OutOfOrderScreen
from kiosk.ui.screens.picks import PicksScreen
from kiosk.ui.screens.pin import PinScreen
from kiosk.ui.screens.saved import SavedScreen
from kiosk.ui.spec import ScreenSpec
from kiosk.ui.touch import enable_touch_scrolling_within
from kiosk.ui.workers import Worker

translate = QCoreApplication.translate

log = logging.getLogger(__name__)


def screen_specs(kiosk: Any) -> list[ScreenSpec]:
    """Every registered screen, in order; two plugins registering one key raise
    ``DuplicateRegistration``."""
    found = collect(kiosk.pm, "kiosk_register_screens", ScreenSpec, "key", what="screen",
                    kiosk=kiosk)
    return sorted((spec for _, spec in found), key=lambda s: (s.order, s.key))


class PluginScreenHost(Screen):
    """Shows a plugin's screen with a Back button; a failing plugin gets a friendly note."""

    name = "plugin"
    back = Signal()

    def __init__(self, kiosk: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.kiosk = kiosk
        self.layout_ = QVBoxLayout(self)
        self.back_button = button(self, "secondary", "back")
        self.back_button.clicked.connect(self.back)
        self.layout_.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.content: QWidget | None = None
        self.retranslate()

    def open(self, spec: ScreenSpec) -> None:
        self.clear()
        try:
            widget = spec.factory(self.kiosk, self)
            if not isinstance(widget, QWidget):
                raise TypeError("a screen factory must return a QWidget")
        except Exception:
            log.exception("screen %r of a plugin failed", spec.key)
            widget = label(self, "status")
            widget.setText(self.tr("This part of the kiosk is not available right now."))
        self.content = widget
        self.layout_.insertWidget(0, widget, 1)
        enable_touch_scrolling_within(widget, mouse=True)

    def retranslate(self) -> None:
        set_text(self.back_button, self.tr("Back"))

    def clear(self) -> None:
        if self.content is not None:
            self.content.hide()
            self.content.deleteLater()
            self.content = None


class KioskWindow(QWidget):
    """One kiosk: presenters, screens, idle monitor, the staff gate."""

    def __init__(self, kiosk: Any, translations: Translations, *, kiosk_mode: bool = True,
                 idle_seconds: int | None = None, warning_seconds: int = 30):
        super().__init__()
        self.kiosk = kiosk
        self.translations = translations
        # the store's language (or the one the kiosk was started in): every shopper's
        # session ends with it
        self.default_language = translations.language
        self.kiosk_mode = kiosk_mode
        self.unlocked = False
        self.setObjectName("kiosk_window")
        self.worker = Worker(self)
        self.session = SessionPresenter(kiosk, self.worker, self)
        self.my_data = MyDataPresenter(self.session, self)
        self.join = JoinPresenter(self.session, self)
        self.gate = StaffGatePresenter(kiosk, self.worker, self)
        self.training = TrainingPresenter(kiosk, self)
        self.health = HealthPresenter(kiosk, (self.worker, self.training.worker), self)
        self.idle = IdleMonitor(idle_seconds or kiosk.config.idle_timeout, warning_seconds,
                                self)
        self.scanner = None
        self.camera = None
        keypad = self._scanning_widgets()
        self.plugin_screens = {spec.key: spec for spec in screen_specs(kiosk)}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = label(self, "banner")
        self.banner.setObjectName("banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.attract = AttractScreen(self.session, kiosk.config.store_name, keypad)
        self.picks = PicksScreen(self.session, list(self.plugin_screens.values()))
        self.saved = SavedScreen(self.session)
        self.my_data_screen = MyDataScreen(self.my_data)
        self.join_screen = JoinScreen(self.join)
        self.help = HelpScreen(self.session)
        self.pin = PinScreen(self.gate)
        self.plugin_host = PluginScreenHost(kiosk)
        self.out_of_order = OutOfOrderScreen()
        self.farewell = FarewellScreen()
        self.farewell_pending = False
        self.screens: dict[str, Screen] = {}
        for screen in (self.attract, self.picks, self.saved, self.my_data_screen,
                       self.join_screen, self.help, self.pin, self.plugin_host,
                       self.out_of_order, self.farewell):
            self.screens[screen.name] = screen
            self.stack.addWidget(screen)
        self.idle_overlay = IdleOverlay(self)
        self.idle_overlay.cover(self.stack)
        self._touch_and_accessibility()
        self.banner_timer = QTimer(self)
        self.banner_timer.setSingleShot(True)
        self.banner_timer.timeout.connect(self.banner.hide)
        self._connect()
        self.health.check(self.worker)  # before any scan: damage anywhere in the file
        # load (or, on a new store, train) the models now, on their own thread: a
        # scan meanwhile gets the store's picks at once (docs/ui.md, "Models")
        self.training.start()
        self.attract.set_language(translations.language)
        self.out_of_order.set_language(translations.language)
        self.retranslate()
        self.show_screen("attract")

    # -- touch and accessibility (issue 13) -------------------------------------------

    def _touch_and_accessibility(self) -> None:
        """Drag to scroll everywhere; the accessibility panel, reset for each shopper."""
        # the left button: touch screens that send mouse events scroll too, and Qt
        # turns a real touch into the same mouse events (docs in kiosk/ui/touch.py)
        enable_touch_scrolling_within(self.stack, mouse=True)
        touch_drop_downs(self.stack)
        from kiosk.ui.app import apply_look

        self.accessibility = AccessibilityPresenter(
            self.kiosk.config, lambda theme, large: apply_look(QApplication.instance(), theme,
                                                               large), self)
        self.accessibility_panel = AccessibilityPanel(self.accessibility, self,
                                                      self.spoken_text)
        self.attract.accessibility_clicked.connect(self.accessibility_panel.open)
        self.picks.accessibility_clicked.connect(self.accessibility_panel.open)
        self.session.session_reset.connect(self.accessibility.reset)
        self.session.session_reset.connect(self.accessibility_panel.clear)
        self.accessibility_panel.closed.connect(self._panel_closed)

    def _panel_closed(self) -> None:
        # on the attract screen a code typed on a keyboard must land on the keypad again
        if self.current() == "attract" and self.attract.keypad is not None:
            self.attract.keypad.setFocus()

    def spoken_text(self) -> str:
        """What "Read aloud" says on the current screen."""
        if self.current() == "picks":
            shelves = [(shelf.title.text(), [c.pick for c in shelf.grid.cards if c.pick])
                       for shelf in self.picks.shelves]
            return spoken_text(self.picks.status.text() if self.picks.status.isVisible()
                               else "", self.picks.greeting.text(), shelves)
        popular = [self.attract.popular_card.pick] if self.attract.popular_card.pick else []
        return spoken_text(self.attract.spoken_heading(), "",
                           [(self.attract.popular_card.title.text(), popular)])

    def _scanning_widgets(self) -> QWidget | None:
        """H3's scanning widgets; every code they read goes to kiosk.identity.identify."""
        try:
            from kiosk.ui import scanning
        except ImportError:
            log.warning("scanning widgets not available; codes cannot be scanned")
            return None
        self.scanner = scanning.ScannerInputFilter(self)
        self.scanner.code_scanned.connect(self._scanned)
        QApplication.instance().installEventFilter(self.scanner)
        self.camera = scanning.CameraScanner(self)   # started by run_kiosk, if there is one
        self.camera.code_scanned.connect(self._scanned)
        keypad = scanning.KeypadWidget()
        keypad.code_entered.connect(self._scanned)
        keypad.follow(self.session)  # counts down a rate-limit wait (issue 13, helper C)
        return keypad

    def _scanned(self, code: str) -> None:
        # a scan on the PIN screen or while a shopper types is not a new shopper
        if self.current() in ("pin", "join") or self.health.damage is not None:
            return
        self.session.identify(code)

    def _connect(self) -> None:
        s = self.session
        # The picks screen comes with the picks (usually within a few tens of ms);
        # only if they are slow does it come first, saying "Finding your picks".
        self.awaiting_picks = False
        self.picks_timer = QTimer(self)
        self.picks_timer.setSingleShot(True)
        self.picks_timer.setInterval(250)
        self.picks_timer.timeout.connect(lambda: self.show_screen("picks"))
        s.started.connect(self._awaiting_picks)
        for signal in (s.picks_ready, s.picks_failed):
            signal.connect(self._picks_arrived)
        s.session_reset.connect(self._after_reset)
        s.consent_needed.connect(self._ask_consent)
        s.notice.connect(self.show_banner)
        self.attract.language_chosen.connect(self.set_language)
        self.attract.join_clicked.connect(self._open_join)
        self.attract.join_button.setVisible(self.join.available)  # no scheme: guests only
        self.attract.staff_clicked.connect(lambda: self.show_screen("pin"))
        self.picks.open_saved.connect(lambda: self.show_screen("saved"))
        self.picks.open_my_data.connect(lambda: self.show_screen("my_data"))
        self.picks.open_help.connect(lambda: self.show_screen("help"))
        self.picks.open_plugin_screen.connect(self.open_plugin_screen)
        self.picks.done.connect(lambda: s.reset("done"))
        for screen in (self.saved, self.my_data_screen, self.plugin_host):
            screen.back.connect(lambda: self.show_screen("picks"))
        self.help.back.connect(lambda: self.show_screen("picks" if s.active else "attract"))
        self.join_screen.back.connect(lambda: s.reset("join_cancelled") if s.active
                                      else self.show_screen("attract"))
        self.pin.back.connect(lambda: self.show_screen("attract"))  # or out of order
        self.health.out_of_order.connect(self._out_of_order)
        self.out_of_order.language_chosen.connect(self.set_language)
        self.out_of_order.staff_clicked.connect(lambda: self.show_screen("pin"))
        self.gate.unlocked.connect(self._unlocked)
        self.training.progress.connect(lambda fraction, _: self.attract.show_training(fraction))
        self.training.ready.connect(self._models_ready)
        self.training.failed.connect(lambda _: self.attract.training_done())
        # the erasure's confirmation comes after the reset, so nothing of the shopper
        # is in memory or on screen while it is read
        self.my_data.erased.connect(self._erased)
        self.farewell.finished.connect(self._farewell_over)
        self.idle.warning.connect(self._idle_warning)
        self.idle.tick.connect(self.idle_overlay.show_countdown)
        self.idle.extended.connect(self.idle_overlay.hide)
        self.idle.timed_out.connect(lambda: s.reset("idle"))
        self.idle_overlay.stay.connect(self.idle.extend)
        self.idle_overlay.leave.connect(lambda: s.reset("done"))
        QApplication.instance().installEventFilter(self.idle)

    # -- navigation ----------------------------------------------------------------

    def show_screen(self, name: str) -> None:
        if self.health.damage is not None and name != "pin":
            name = "out_of_order"  # for good: only staff may step out, with their PIN
        screen = self.screens[name]
        self.stack.setCurrentWidget(screen)
        if name in ("attract", "out_of_order", "farewell"):
            self.idle.disarm()
        elif not self.idle.armed:
            self.idle.arm()

    def _awaiting_picks(self) -> None:
        self.awaiting_picks = True
        self.picks_timer.start()

    def _picks_arrived(self, *_: object) -> None:
        self.picks_timer.stop()
        if self.awaiting_picks and self.session.active:
            self.show_screen("picks")
        self.awaiting_picks = False

    def _models_ready(self, trained: bool) -> None:
        self.attract.training_done()
        if trained and self.current() == "attract":
            self.session.load_popular()  # the loop now shows what the models know

    def current(self) -> str:
        return self.stack.currentWidget().name

    def _open_join(self) -> None:
        self.join_screen.set_mode("join")
        self.show_screen("join")

    def _ask_consent(self) -> None:
        self.join_screen.set_mode("consent")
        self.show_screen("join")

    def open_plugin_screen(self, key: str) -> None:
        spec = self.plugin_screens.get(key)
        if spec is not None:
            self.plugin_host.open(spec)
            self.show_screen("plugin")

    def _after_reset(self) -> None:
        self.picks_timer.stop()
        self.awaiting_picks = False
        self.idle_overlay.hide()
        if self.camera is not None:
            self.camera.forget()
        self.banner.hide()
        for screen in self.screens.values():
            screen.clear()
        self.restore_defaults()
        if self.farewell_pending and self.health.damage is None:
            self.farewell_pending = False
            self.show_screen("farewell")
            self.farewell.start()
            return
        self.farewell_pending = False
        self.show_screen("attract")

    def restore_defaults(self) -> None:
        """The next shopper starts with the store's own settings (language)."""
        if self.translations.language != self.default_language:
            self.set_language(self.default_language)

    def _erased(self) -> None:
        self.farewell_pending = True   # shown by _after_reset, once the shopper is gone

    def _farewell_over(self) -> None:
        if self.current() == "farewell":
            self.show_screen("attract")

    def _idle_warning(self, seconds: int) -> None:
        self.banner.hide()    # the overlay hides the screens themselves (IdleOverlay.cover)
        self.idle_overlay.show_countdown(seconds)

    def set_language(self, code: str) -> None:
        self.translations.set_language(code)
        self.attract.set_language(code)
        self.out_of_order.set_language(code)

    def _out_of_order(self, damage: Any) -> None:
        """The database is damaged: forget the shopper, and stay out of order."""
        log.error("the kiosk is out of order until it is restarted (damaged database)")
        self.out_of_order.show_damage(damage)
        self.banner_timer.stop()
        self.session.forget()   # drops the shopper, resets every screen; records nothing
        self.show_screen("out_of_order")

    def show_banner(self, message: str, seconds: int = 8) -> None:
        if self.health.damage is not None:
            return  # nothing may cover or contradict the out-of-order screen
        self.banner.setText(message)
        self.banner.setAccessibleName(message)
        self.banner.show()
        self.banner_timer.start(seconds * 1000)

    def show_error(self) -> None:
        """The friendly face of an unexpected error (see kiosk.ui.app's excepthook)."""
        self.show_banner(translate(
            "KioskWindow", "Sorry, something went wrong. Please try again, or ask a member "
            "of staff."))

    # -- kiosk mode ------------------------------------------------------------------

    def _unlocked(self, staff_name: str) -> None:
        self.unlocked = True
        log.info("kiosk mode left by staff")
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode and not self.unlocked:
            event.ignore()
            return
        self.idle.disarm()
        self.training.stop(5000)
        self.worker.wait(5000)
        self.health.close()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.kiosk_mode and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        if self.idle_overlay.isVisible():
            self.idle_overlay.setGeometry(self.rect())
        if self.accessibility_panel.isVisible():
            self.accessibility_panel.setGeometry(self.rect())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("KioskWindow", "Personal Shopper"))
