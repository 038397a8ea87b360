"""The staff tablet app's window: the bar on top, the screens in a stack, locking.

Locked (at start, on Lock, after ``idle_seconds`` without a touch) it shows
only the sign-in screen, and every screen and presenter has dropped what it
held about customers.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.i18n import Translations
from kiosk.ui.presenters.training import TrainingPresenter
from kiosk.ui.screens.common import Screen, label, touch_drop_downs
from kiosk.ui.staff.presenters.advisor import AdvisorPresenter
from kiosk.ui.staff.presenters.book import BookPresenter
from kiosk.ui.staff.presenters.curate import CuratePresenter
from kiosk.ui.staff.presenters.customer import CustomerPresenter
from kiosk.ui.staff.presenters.desk import DeskPresenter
from kiosk.ui.staff.presenters.help import HelpPresenter
from kiosk.ui.staff.screens.advisor import AdvisorScreen
from kiosk.ui.staff.screens.book import BookScreen
from kiosk.ui.staff.screens.curate import CurateScreen
from kiosk.ui.staff.screens.customer import CustomerScreen
from kiosk.ui.staff.screens.help import HelpScreen
from kiosk.ui.staff.screens.nav import NavBar
from kiosk.ui.staff.screens.signin import SignInScreen
from kiosk.ui.workers import Worker

translate = QCoreApplication.translate

log = logging.getLogger(__name__)

#: screens reached from the bar, and the bar button lit for each screen
NAV_OF = {"book": "book", "customer": "book", "curate": "book", "advisor": "advisor",
          "help": "help"}


class StaffWindow(QWidget):
    """One tablet: the desk (who is signed in), presenters, screens."""

    def __init__(self, kiosk: Any, translations: Translations, *,
                 idle_seconds: float | None = None):
        super().__init__()
        self.kiosk = kiosk
        self.translations = translations
        self.setObjectName("staff_window")
        self.worker = Worker(self)
        self.desk = DeskPresenter(kiosk, self.worker, idle_seconds=idle_seconds, parent=self)
        self.book = BookPresenter(self.desk, self)
        self.customer = CustomerPresenter(self.desk, self)
        self.curation = CuratePresenter(self.desk, self.customer, self)
        self.advisor = AdvisorPresenter(self.desk, self)
        self.help = HelpPresenter(kiosk, self.desk, self)
        # the recommenders' picks (curate) need the models: loaded, or trained, on a
        # thread of their own, as at the kiosk (docs/ui.md, "Models")
        self.training = TrainingPresenter(kiosk, self)
        self.scanner = None
        self.camera = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = NavBar(self)
        layout.addWidget(self.nav)
        self.banner = label(self, "banner")
        self.banner.setObjectName("banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.sign_in = SignInScreen(self.desk, kiosk.config.store_name)
        self.book_screen = BookScreen(self.book)
        self.customer_screen = CustomerScreen(self.customer)
        self.curate_screen = CurateScreen(self.curation)
        self.advisor_screen = AdvisorScreen(self.advisor)
        self.help_screen = HelpScreen(self.help)
        self.screens: dict[str, Screen] = {}
        for screen in (self.sign_in, self.book_screen, self.customer_screen,
                       self.curate_screen, self.advisor_screen, self.help_screen):
            self.screens[screen.name] = screen
            self.stack.addWidget(screen)
        touch_drop_downs(self)   # drop-down items a finger can pick, as on the kiosk
        self.banner_timer = QTimer(self)
        self.banner_timer.setSingleShot(True)
        self.banner_timer.timeout.connect(self.banner.hide)
        self._scanning()
        self._connect()
        self.sign_in.set_language(translations.language)
        self.retranslate()
        self._locked()
        self.training.start()

    def _scanning(self) -> None:
        """A wedge scanner anywhere (outside text fields) and the camera open a client."""
        try:
            from kiosk.ui import scanning
        except ImportError:
            log.warning("scanning widgets not available; cards cannot be scanned")
            return
        self.scanner = scanning.ScannerInputFilter(self)
        self.scanner.code_scanned.connect(self._scanned)
        QApplication.instance().installEventFilter(self.scanner)
        self.camera = scanning.CameraScanner(self)   # started by run_staff, if there is one
        self.camera.code_scanned.connect(self._scanned)

    def _scanned(self, code: str) -> None:
        if self.desk.session is not None:
            self.book.scanned(code)

    def _connect(self) -> None:
        d = self.desk
        d.signed_in.connect(self._signed_in)
        d.locked.connect(self._locked)
        d.failed.connect(self.show_banner)
        QApplication.instance().installEventFilter(d.idle)
        self.nav.go.connect(self.go)
        self.nav.lock_clicked.connect(d.lock)
        self.sign_in.language_chosen.connect(self.set_language)
        self.book_screen.open_customer.connect(self.open_customer)
        self.book.open_customer.connect(self.open_customer)
        self.book.scan_failed.connect(self._scan_failed)
        self.advisor_screen.open_customer.connect(self.open_customer)
        self.advisor_screen.open_help.connect(lambda: self.go("help"))
        self.customer_screen.back.connect(lambda: self.go("book"))
        self.customer_screen.curate.connect(self.open_curate)
        self.curate_screen.back.connect(lambda: self.show_screen("customer"))
        self.customer.closed.connect(self._customer_closed)
        self.help.requests.connect(lambda requests: self.nav.set_waiting(len(requests)))
        self.training.ready.connect(self._models_ready)

    def _models_ready(self, trained: bool) -> None:
        if self.current() == "curate":
            self.curation.open()
    # -- navigation -----------------------------------------------------------------------

    def show_screen(self, name: str) -> None:
        if self.desk.session is None:
            name = "sign_in"
        self.stack.setCurrentWidget(self.screens[name])
        self.nav.setVisible(name != "sign_in")
        self.nav.set_current(NAV_OF.get(name, ""))

    def current(self) -> str:
        return self.stack.currentWidget().name

    def go(self, key: str) -> None:
        """A button of the bar: the client book, today's list or help requests."""
        if key == "book":
            self.customer.forget()
            self.book.search()
        elif key == "advisor":
            self.customer.forget()
            self.advisor.load()
        elif key == "help":
            self.help.refresh()
        self.show_screen(key)

    def open_customer(self, customer_id: str) -> None:
        self.customer_screen.clear()
        self.customer.open(customer_id)
        self.show_screen("customer")

    def open_curate(self) -> None:
        self.curate_screen.clear()
        self.curate_screen.open()
        self.show_screen("curate")

    def _customer_closed(self, message: str) -> None:
        """Consent withdrawn while the page was open: close it at once and say why."""
        self.customer_screen.clear()
        self.curate_screen.clear()
        if self.current() in ("customer", "curate"):
            self.show_screen("book")
        self.show_banner(message, seconds=12)

    def _scan_failed(self, message: str) -> None:
        if self.current() != "book":
            self.show_banner(message)

    # -- signing in and locking ---------------------------------------------------------------

    def _signed_in(self, name: str) -> None:
        self.nav.set_staff(name, self.desk.role == "manager")
        self.customer_screen.set_manager(self.desk.role == "manager")
        self.banner.hide()
        self.sign_in.clear()
        self.advisor.load()
        self.book.search()
        self.show_screen("advisor")

    def _locked(self) -> None:
        self.banner_timer.stop()
        self.banner.hide()
        if self.camera is not None:
            self.camera.forget()
        for screen in self.screens.values():
            screen.clear()
        self.nav.set_staff("", False)
        self.nav.set_waiting(0)
        self.show_screen("sign_in")

    def show_banner(self, message: str, seconds: int = 8) -> None:
        if self.desk.session is None:
            return
        self.banner.setText(message)
        self.banner.setAccessibleName(message)
        self.banner.show()
        self.banner_timer.start(seconds * 1000)

    def show_error(self) -> None:
        """The friendly face of an unexpected error (see kiosk.ui.app's excepthook)."""
        self.show_banner(translate("StaffWindow", "Sorry, something went wrong. Please try "
                                   "again."))

    def set_language(self, code: str) -> None:
        self.translations.set_language(code)
        self.sign_in.set_language(code)

    # -- closing ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.desk.lock()
        self.training.stop(5000)
        self.worker.wait(5000)
        self.help.close()
        if self.camera is not None:
            self.camera.stop_camera()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("StaffWindow", "Staff"))
