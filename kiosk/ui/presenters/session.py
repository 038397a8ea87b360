"""The shopper's session: who is here, their picks, their saved list; reset drops it all."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.help import HelpDesk, HelpStatus
from kiosk.ui.presenters.shelves import Picks, ShelfView, assemble, shelf_specs
from kiosk.ui.texts import display_name, format_price, location_text
from kiosk.ui.workers import Worker

translate = QCoreApplication.translate

log = logging.getLogger(__name__)


def scan_message(status: str, *, can_join: bool = True, wait: int | None = None) -> str:
    """What the shopper reads when a code does not open their picks; ``can_join`` is False
    where no loyalty scheme issues cards (Join is hidden, so it is not offered); ``wait``:
    the seconds the kiosk really refuses scans for (``rate_limited``)."""
    if status == "rate_limited" and wait:  # issue 13 (helper C): the real wait, not "a minute"
        return translate("Session", "Too many tries. Please wait %n second(s), then try "
                         "again.", "", wait)
    unknown = translate(
        "Session", "We don't know this code. Check it, or join to get your own.") \
        if can_join else translate(
            "Session", "We don't know this code. Please check it, or ask a member of staff.")
    messages = {
        "unknown": unknown,
        "revoked": translate(
            "Session", "This card has been replaced. Please ask a member of staff."),
        # the same words as an unknown code: a short code with a real card number and a
        # wrong tag must not tell a guesser that the number exists (docs/security.md)
        "forged": unknown,
        "malformed": translate(
            "Session", "That doesn't look like one of our codes. Please try again."),
        "rate_limited": translate(
            "Session", "Too many tries. Please wait a minute and scan again."),
    }
    return messages.get(status, translate(
        "Session", "Something went wrong reading your code. Please try again or ask a "
        "member of staff."))


def help_message(status: HelpStatus) -> str:
    """What a shopper who asked for help reads: only what is true (docs/help.md)."""
    if status.state == "coming" and status.staff_name:
        return translate("Session", "%1 is coming.").replace("%1", status.staff_name)
    if status.state == "waiting":
        return translate("Session", "We've asked our staff; please wait here.")
    return translate("Session", "No one is free right now; please ask at the till.")


# how long "Not for me" can be undone; it is recorded after that (or when the session ends)
UNDO_SECONDS = 6
SIMILAR = "more_like_this"   # where a pick of "more like this" was


@dataclass
class PendingNotForMe:
    """A "Not for me" waiting for its undo time, with all it takes to record or undo it."""

    sku: str
    pick: Any
    place: tuple[str, int] | None     # shelf key and position, to put the pick back
    saved: bool
    customer_id: str | None
    session_id: str
    timer: QTimer

    def drop(self) -> None:
        """Its timer is not needed any more."""
        self.timer.stop()
        self.timer.deleteLater()


#: how often the kiosk asks head office whether someone took the request (ms)
HELP_CHECK_EVERY_MS = 2000


def unreachable_message() -> str:
    """What a shopper reads when their card is not known here and head office is out of
    reach: they see the store's picks meanwhile."""
    return translate("Session", "We can't reach your profile right now. Here are this "
                     "store's picks.")


class SessionPresenter(QObject):
    """One shopper at a time. Every service call runs on the worker thread."""

    busy = Signal(bool)
    scan_failed = Signal(str)             # a friendly message
    scan_wait = Signal(int)               # seconds the kiosk refuses scans (rate limit)
    consent_needed = Signal()             # the shopper has not said yes or no yet
    started = Signal()                    # a personal or guest session began
    picks_ready = Signal(object)          # Picks
    picks_failed = Signal(str)
    pick_removed = Signal(str)            # sku
    saved_changed = Signal()
    help_requested = Signal()
    help_status = Signal(str)             # what the shopper reads about their request
    popular_ready = Signal(list)          # popular picks (Pick) for the attract loop
    undo_offered = Signal(str, str)       # sku, product name: "Not for me" can be undone
    undo_closed = Signal(str)             # sku: the undo is no longer offered
    similar_ready = Signal(str, list)     # anchor sku, picks like it (more like this)
    session_reset = Signal()
    notice = Signal(str)                  # a short friendly message

    def __init__(self, kiosk: Any, worker: Worker | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.kiosk = kiosk
        self.worker = worker or Worker(self)
        self.specs = shelf_specs(kiosk)
        self.help_desk = HelpDesk(kiosk)
        self.help_check_every_ms = HELP_CHECK_EVERY_MS
        self.undo_seconds = UNDO_SECONDS
        self.pending: dict[str, PendingNotForMe] = {}
        self._clear()

    # -- state ----------------------------------------------------------------

    def _clear(self) -> None:
        self._settle_pending(record=True)   # a new scan: the last shopper meant it
        if getattr(self, "customer_id", None) is not None:
            self.kiosk.privacy.gone()
        self.customer_id: str | None = None
        self.first_name: str | None = None
        self.guest = False
        self.session_id = str(uuid.uuid4())
        self.picks = Picks()
        self.saved: list[Any] = []
        self.dismissed: set[str] = set()
        self.similar: list[Any] = []          # "more like this" picks, shown apart
        self.similar_anchor: str | None = None
        self._pending_code_customer: str | None = None
        self._pending_code: str | None = None
        # The card scanned for this session: head office's proof that the shopper
        # was here for an erasure or a withdrawal. Gone with the session.
        self.card_code: str | None = None

    @property
    def active(self) -> bool:
        return self.customer_id is not None or self.guest

    def greeting(self) -> str:
        if self.first_name:
            return translate("Session", "Hi %1").replace("%1", self.first_name)
        if self.guest:
            return translate("Session", "Welcome! Have a look around")
        return translate("Session", "Picks for you")

    # -- starting a session ------------------------------------------------------

    def identify(self, code: str) -> None:
        """A scanned or typed loyalty code."""
        code = code.strip()
        if not code:
            return
        self.busy.emit(True)
        self.worker.run(lambda: self.kiosk.identity.identify(code),
                        success=lambda result: self._identified(result, code),
                        failure=self._identify_error)

    def _identify_error(self, error: Exception) -> None:
        self.busy.emit(False)
        self.scan_failed.emit(scan_message("error"))

    def _identified(self, result: Any, code: str | None = None) -> None:
        status = getattr(result, "status", "error")
        if status == "consent_needed":
            self.busy.emit(False)
            self._pending_code_customer = result.customer_id
            self._pending_code = code
            self.consent_needed.emit()
            return
        if status == "unreachable":
            # a card this kiosk does not hold, and head office is out of reach: the
            # store's picks, never an offer to join (the shopper has a card)
            self.busy.emit(False)
            self.browse_as_guest()
            self.notice.emit(unreachable_message())
            return
        if status != "ok" or not getattr(result, "customer_id", None):
            self.busy.emit(False)
            wait = getattr(result, "retry_after", None)
            if wait:
                self.scan_wait.emit(int(wait))
            self.scan_failed.emit(scan_message(
                status, can_join=self.kiosk.identity.can_issue_cards(), wait=wait))
            return
        self._start(result.customer_id, getattr(result, "first_name", None), code)

    def _start(self, customer_id: str, first_name: str | None,
               card_code: str | None = None) -> None:
        if self.active:
            self._clear()
        self.customer_id = customer_id
        self.card_code = card_code
        if card_code:
            self.kiosk.privacy.present(customer_id, card_code)
        self.first_name = (first_name or "").strip().split(" ")[0] or None
        self.started.emit()
        self.load_picks()

    def give_consent(self, consents: dict[str, bool]) -> None:
        """Answers to the consent question after a scan (consent_needed)."""
        customer_id, code = self._pending_code_customer, self._pending_code
        if customer_id is None:
            return
        self.busy.emit(True)

        def op() -> Any:
            for purpose, granted in consents.items():
                self.kiosk.privacy.set_consent(customer_id, purpose, granted, "kiosk",
                                               card_code=code)
            known = self.kiosk.privacy.what_we_know(customer_id)
            return (known.get("customer") or {}).get("first_name")

        self.worker.run(op, success=lambda name: self._start(customer_id, name, code),
                        failure=self._identify_error)

    def browse_as_guest(self) -> None:
        self._clear()
        self.guest = True
        self.started.emit()
        self.load_picks()

    def refresh_picks(self) -> None:
        """The shopper changed what we may use (consent, pause): their picks again, now."""
        if self.active:
            self.similar, self.similar_anchor = [], None
            self.load_picks()

    def load_picks(self) -> None:
        customer_id, session_id = self.customer_id, self.session_id
        hidden = frozenset(self.dismissed)
        self.busy.emit(True)

        def op() -> Picks:
            return assemble(self.kiosk, self.specs, customer_id, session_id, hidden=hidden)

        def record(shown: list[Any]) -> None:
            try:
                self.kiosk.recommendations.record_impressions(customer_id, session_id, shown)
            except Exception:
                log.exception("impressions not recorded")

        def done(picks: Picks) -> None:
            self.busy.emit(False)
            if session_id != self.session_id:
                return  # the shopper left meanwhile
            self.picks = picks
            if picks.fallback:
                self.notice.emit(translate(
                    "Session", "Your personal picks are not ready yet, so here is what is "
                    "popular in this store."))
            self.picks_ready.emit(picks)
            shown = picks.all_picks()
            if shown:  # written after the picks are on their way to the screen
                self.worker.run(lambda: record(shown), success=lambda _: None)

        def failed(error: Exception) -> None:
            self.busy.emit(False)
            self.picks_failed.emit(translate(
                "Session", "Our suggestions are taking a short break. Please ask a member "
                "of staff."))

        self.worker.run(op, success=done, failure=failed)

    def load_popular(self) -> None:
        """What is popular here (picks: name, price, stock, where), for the attract loop."""
        session_id = "attract"

        def op() -> list[Any]:
            shelves = self.kiosk.recommendations.shelves(None, session_id=session_id, k=12)
            return [p for s in shelves for p in s.picks][:12]

        self.worker.run(op, success=self.popular_ready.emit, failure=lambda e: None)

    # -- feedback -------------------------------------------------------------

    def _feedback(self, sku: str, kind: str) -> None:
        customer_id, session_id = self.customer_id, self.session_id
        self.worker.run(
            lambda: self.kiosk.recommendations.record_feedback(customer_id, session_id, sku,
                                                               kind),
            success=lambda _: None)

    def find(self, sku: str) -> Any:
        for pick in self.picks.all_picks() + self.similar:
            if pick.sku == sku:
                return pick
        return None

    def not_for_me(self, sku: str) -> None:
        """Gone at once from the screen; recorded (for good) when the undo time is over."""
        pick = self.find(sku)
        place = next(((shelf.key, shelf.picks.index(pick)) for shelf in self.picks.shelves
                      if pick in shelf.picks), None)
        if place is None and pick in self.similar:
            place = (SIMILAR, self.similar.index(pick))
        pending = PendingNotForMe(sku, pick, place, self.is_saved(sku),
                                  self.customer_id, self.session_id, QTimer(self))
        pending.timer.setSingleShot(True)
        pending.timer.timeout.connect(lambda: self._commit_not_for_me(sku))
        previous = self.pending.pop(sku, None)
        if previous is not None:
            previous.drop()
        self.pending[sku] = pending
        self.dismissed.add(sku)
        for shelf in self.picks.shelves:
            shelf.picks = [p for p in shelf.picks if p.sku != sku]
        self.picks.shelves = [s for s in self.picks.shelves if s.picks]
        self.saved = [p for p in self.saved if p.sku != sku]
        self.similar = [p for p in self.similar if p.sku != sku]
        self.pick_removed.emit(sku)
        self.saved_changed.emit()
        pending.timer.start(int(self.undo_seconds * 1000))
        name = display_name(getattr(pick, "name", "") or "") if pick is not None else ""
        self.undo_offered.emit(sku, name)

    def undo_not_for_me(self, sku: str) -> None:
        """The shopper changed their mind within the undo time: the pick comes back where
        it was, and nothing is recorded."""
        pending = self.pending.pop(sku, None)
        if pending is None:
            return
        pending.drop()
        self.dismissed.discard(sku)
        if pending.pick is not None and pending.place is not None:
            key, index = pending.place
            if key == SIMILAR:
                self.similar.insert(min(index, len(self.similar)), pending.pick)
                self.similar_ready.emit(self.similar_anchor or "", list(self.similar))
                self.undo_closed.emit(sku)
                return
            shelf = next((s for s in self.picks.shelves if s.key == key), None)
            if shelf is None:
                shelf = self._shelf_back(key)
            shelf.picks.insert(min(index, len(shelf.picks)), pending.pick)
            if pending.saved:
                self.saved.append(pending.pick)
            self.picks_ready.emit(self.picks)
            self.saved_changed.emit()
        self.undo_closed.emit(sku)

    def _shelf_back(self, key: str) -> ShelfView:
        """A shelf emptied by "Not for me", put back in its place among the others."""
        order = [spec.key for _, spec in self.specs]
        shelf = ShelfView(key, next((spec.title for _, spec in self.specs if spec.key == key),
                                    key.replace("_", " ").capitalize()), [])
        rank = order.index(key) if key in order else len(order)
        at = sum(1 for s in self.picks.shelves
                 if (order.index(s.key) if s.key in order else len(order)) <= rank)
        self.picks.shelves.insert(at, shelf)
        return shelf

    def _commit_not_for_me(self, sku: str) -> None:
        pending = self.pending.pop(sku, None)
        if pending is None:
            return
        pending.drop()
        if pending.session_id == self.session_id:
            self.undo_closed.emit(sku)
        customer_id, session_id = pending.customer_id, pending.session_id
        self.worker.run(
            lambda: self.kiosk.recommendations.record_feedback(customer_id, session_id, sku,
                                                               "not_for_me"),
            success=lambda _: None)

    def _settle_pending(self, *, record: bool) -> None:
        """At the end of a session: record what is waiting for its undo time, or (the
        shopper erased everything) drop it."""
        for sku in list(self.pending):
            if record:
                self._commit_not_for_me(sku)
            else:
                self.pending.pop(sku).drop()

    def save(self, sku: str) -> None:
        pick = self.find(sku)
        if pick is None or any(p.sku == sku for p in self.saved):
            return
        self.saved.append(pick)
        self.saved_changed.emit()
        self._feedback(sku, "save")

    def unsave(self, sku: str) -> None:
        self.saved = [p for p in self.saved if p.sku != sku]
        self.saved_changed.emit()

    def is_saved(self, sku: str) -> bool:
        return any(p.sku == sku for p in self.saved)

    def more_like_this(self, sku: str) -> None:
        customer_id, session_id = self.customer_id, self.session_id
        hidden = set(self.dismissed) | {p.sku for p in self.picks.all_picks()} | {sku}
        self.busy.emit(True)  # the service records the request itself

        def op() -> list[Any]:
            found = self.kiosk.recommendations.more_like_this(customer_id, sku, session_id)
            picks = list(getattr(found, "picks", found) or [])
            return [p for p in picks if p.sku not in hidden][:4]

        def done(picks: list[Any]) -> None:
            self.busy.emit(False)
            if session_id != self.session_id:
                return
            if not picks:
                self.notice.emit(translate("Session",
                                           "We have nothing quite like it right now."))
                return
            # shown apart from the shelves, so no card on them moves
            self.similar, self.similar_anchor = picks, sku
            self.similar_ready.emit(sku, picks)

        self.worker.run(op, success=done, failure=lambda e: self.busy.emit(False))

    def request_help(self, screen: str = "") -> None:
        """Ask for help; ``help_status`` then says what is true until it is final."""
        customer_id, first_name, session_id = self.customer_id, self.first_name, self.session_id
        looked = (self.saved + [p for p in self.picks.all_picks() if p not in self.saved])[:5]
        looking_at = [{"sku": p.sku, "name": display_name(getattr(p, "name", "") or "")}
                      for p in looked]

        def op() -> HelpStatus:
            return self.help_desk.ask(customer_id, first_name=first_name,
                                      looking_at=looking_at, screen=screen)

        def done(status: HelpStatus) -> None:
            self.help_requested.emit()
            self._help_answered(status, session_id)

        self.worker.run(op, success=done, failure=lambda e: self.notice.emit(
            translate("Session", "Please wave to a member of staff; the call did not go "
                      "through.")))

    def _help_answered(self, status: HelpStatus, session_id: str) -> None:
        if session_id != self.session_id:
            return  # the shopper left: nobody to tell
        self.help_status.emit(help_message(status))
        if not status.final:
            QTimer.singleShot(self.help_check_every_ms,
                              lambda: self._check_help(status.request_id, session_id))

    def _check_help(self, request_id: str, session_id: str) -> None:
        if session_id != self.session_id:
            return
        self.worker.run(lambda: self.help_desk.check(request_id),
                        success=lambda status: self._help_answered(status, session_id),
                        failure=lambda e: log.warning("help request not checked"))

    def saved_list_text(self) -> str:
        """The saved list as plain text, for the phone that scans the QR code."""
        store = self.kiosk.config.store_name
        lines = [translate("Session", "My list from %1").replace("%1", store)]
        for pick in self.saved:
            line = f"- {display_name(pick.name)}"
            price = getattr(pick, "price", None)
            if price is not None:
                line += f" {format_price(price)}"
            location = getattr(pick, "location", None)
            if location and (getattr(pick, "stock_quantity", 0) or 0) > 0:
                line += f" ({location_text(location)})"
            lines.append(line)
        return "\n".join(lines)

    # -- the end ------------------------------------------------------------------

    def forget(self) -> None:
        """Drop the shopper from memory without recording anything (the kiosk is out
        of order: its database must not be written any more)."""
        self._settle_pending(record=False)
        self._clear()
        self.session_reset.emit()

    def reset(self, reason: str = "done") -> None:
        """Back to nobody: drop the shopper's data from memory."""
        self._settle_pending(record=reason != "erased")
        if self.active:
            customer_id, session_id = self.customer_id, self.session_id
            self.worker.run(lambda: self.kiosk.record_event(
                "session_ended", {"reason": reason, "session_id": session_id},
                customer_id=customer_id), success=lambda _: None)
        self._clear()
        self.session_reset.emit()
