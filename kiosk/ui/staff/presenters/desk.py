"""The member of staff signed in on this tablet, and every call to their session.

Every call to the staff session (``kiosk.clienteling``) runs on the worker
thread through ``DeskPresenter.call``. Locking (the Lock button, or
``idle_seconds`` without a touch) drops the session at once: results that
arrive afterwards are thrown away unseen, and every presenter forgets the
customers it held (``locked``).

Consent is watched here: every ``CONSENT_POLL_MS`` the presenter asks the
session which of the customers on screen may still be shown
(``session.allowed``) and announces the others on ``withdrawn``; a call refused
with ``NoStaffConsent`` is announced the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.clienteling import NoStaffConsent, StaffDesk
from kiosk.ui.presenters.staff_gate import pin_refused
from kiosk.ui.staff.presenters.lock import IdleLock
from kiosk.ui.workers import Worker

translate = QCoreApplication.translate

log = logging.getLogger(__name__)

#: how often the screens' customers are checked against their consent (ms)
CONSENT_POLL_MS = 2000


def failure_message(error: Exception) -> str:
    """A friendly line for a failed call (the log has the error type)."""
    if isinstance(error, PermissionError):
        return translate("Desk", "You are not allowed to do that.")
    if isinstance(error, ValueError):
        return translate("Desk", "That was not accepted: %1").replace("%1", str(error))
    if isinstance(error, LookupError):
        return translate("Desk", "Not found. It may have been removed.")
    return translate("Desk", "Sorry, something went wrong. Please try again.")


class DeskPresenter(QObject):
    signed_in = Signal(str)       # the staff member's name
    locked = Signal()             # nobody signed in; every customer's data is to be dropped
    refused = Signal(str)         # why the PIN did not open the tablet
    withdrawn = Signal(object)    # frozenset of customer ids staff may no longer see
    failed = Signal(str)          # a friendly line for a failed call

    def __init__(self, kiosk: Any, worker: Worker, *, idle_seconds: float | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.kiosk = kiosk
        self.worker = worker
        self.idle_seconds = idle_seconds
        self.session: Any = None
        self.role = ""
        self.epoch = 0                # bumped by every sign-in and lock
        self._desk: Any = None
        self.watchers: list[Callable[[], Iterable[str]]] = []
        self.idle = IdleLock(self)
        self.idle.timed_out.connect(self._idle)
        self.consent_poll = QTimer(self)
        self.consent_poll.setInterval(CONSENT_POLL_MS)
        self.consent_poll.timeout.connect(self.check_consent)
        self._checking = False

    # -- signing in and out ----------------------------------------------------------

    @property
    def name(self) -> str:
        return self.session.name if self.session is not None else ""

    def sign_in(self, pin: str) -> None:
        def op() -> Any:
            if self._desk is None:
                self._desk = StaffDesk(self.kiosk)
            return self._desk.sign_in(pin)

        self.worker.run(op, success=self._answer, failure=lambda error: self.refused.emit(
            translate("Desk", "Sorry, the PIN could not be checked. Please try again.")))

    def _answer(self, result: Any) -> None:
        if result.ok and result.session is not None:
            if self.session is not None:
                self.lock()
            self.epoch += 1
            self.session = result.session
            self.role = getattr(result.session, "role", "associate")
            self.idle.arm(self.idle_seconds or result.session.idle_seconds)
            self.consent_poll.start()
            log.info("staff signed in on this tablet")
            self.signed_in.emit(result.session.name)
        else:
            self.refused.emit(pin_refused(result.locked_seconds))

    def lock(self) -> None:
        """Lock now: drop the session, sign out (audited) and tell every presenter."""
        session, self.session = self.session, None
        if session is None:
            return
        self.epoch += 1
        self.role = ""
        self.idle.disarm()
        self.consent_poll.stop()
        self._checking = False
        self.worker.run(session.sign_out, success=lambda _: None,
                        failure=lambda _: None)   # logged by the worker
        log.info("the tablet locked")
        self.locked.emit()

    def _idle(self) -> None:
        log.info("no touch for a while: locking")
        self.lock()

    # -- calls -----------------------------------------------------------------------

    def call(self, op: Callable[[Any], Any], success: Callable[[Any], None], *,
             customer: str | None = None,
             failed: Callable[[Exception], bool | None] | None = None,
             quiet: bool = False) -> bool:
        """Run ``op(session)`` on the worker; ``success(result)`` on the GUI thread unless
        the tablet locked meanwhile. A failure calls ``failed`` and, unless ``quiet`` or
        ``failed`` returned True (handled), shows a friendly line; ``NoStaffConsent``
        about ``customer`` is announced on ``withdrawn``. False when nobody is signed in."""
        session = self.session
        if session is None:
            return False
        epoch = self.epoch

        def done(result: Any) -> None:
            if epoch == self.epoch:
                success(result)

        def refused(error: Exception) -> None:
            if epoch != self.epoch:
                return
            handled = failed(error) if failed is not None else False
            if isinstance(error, NoStaffConsent) and customer is not None:
                self.withdrawn.emit(frozenset([customer]))
            elif not (quiet or handled):
                self.failed.emit(failure_message(error))

        self.worker.run(lambda: op(session), success=done, failure=refused)
        return True

    # -- consent -----------------------------------------------------------------------

    def watch(self, shown: Callable[[], Iterable[str]]) -> None:
        """``shown()`` gives the customer ids a presenter holds; they are checked every
        ``CONSENT_POLL_MS``."""
        self.watchers.append(shown)

    def check_consent(self) -> None:
        if self._checking or self.session is None:
            return
        ids = frozenset(cid for shown in self.watchers for cid in shown())
        if not ids:
            return
        self._checking = True

        def answer(allowed: Any) -> None:
            self._checking = False
            gone = ids - set(allowed)
            if gone:
                log.info("%d customer(s) withdrew their consent: dropped from the screens",
                         len(gone))
                self.withdrawn.emit(frozenset(gone))

        def failed(_: Exception) -> None:
            self._checking = False

        if not self.call(lambda s: s.allowed(sorted(ids)), answer, failed=failed, quiet=True):
            self._checking = False

