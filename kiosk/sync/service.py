"""The sync service: ``kiosk.sync``.

``run_once()`` does one sync (public key, upload, download) and returns
what happened; ``start()``/``stop()`` run it in a background thread (the
UI calls these; nothing here touches Qt); ``status()`` is what staff see.
Settings come from the config's ``[plugins.sync]`` table, checked at start
against ``kiosk.sync.settings.SyncSettings`` (why each range: see there):

================  ========  ===============  ========================================
key               default   allowed          meaning
================  ========  ===============  ========================================
batch_size        2000      1..10000         events per batch (about 140 kB gzipped)
batch_bytes       2000000   10000..8000000   payload bytes per batch (at least one
                                             event)
interval          10        0.01..86400      seconds between syncs when all is well
max_wait          5         0..3600          a partial batch is sent once its oldest
                                             event is this old (seconds)
outbox_budget_mb  256       16..1000000      the outbox's disk budget
keep_sent         1000      0..10000000      sent events kept in the outbox (for
                                             support)
backoff_base      1         0.01..600        first retry within this many seconds
backoff_cap       300       0.1..86400       never wait longer than this between
                                             retries (>= backoff_base)
histories         store     store, chain     purchase histories received: this
                                             store's lines (and a scanned customer's
                                             whole history), or every store's
================  ========  ===============  ========================================
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import msgspec

from kiosk.events import utcnow
from kiosk.store import meta, outbox
from kiosk.store import sync as sync_store
from kiosk.sync import sealing
from kiosk.sync.backoff import Backoff
from kiosk.sync.cards import register_cards
from kiosk.sync.download import download, get_cursor, new_result, quarantined_changes
from kiosk.sync.settings import SyncSettings
from kiosk.sync.transport import AuthError, RetryableError, Transport, TransportError
from kiosk.sync.upload import release_quarantine, upload

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

DEFAULTS: dict[str, float] = msgspec.structs.asdict(SyncSettings())


# The sync reads and deletes across the outbox's random UUID index: with
# SQLite's default 2 MB page cache that thrashes once a few thousand events
# wait. The page cache of the connection the sync runs on is raised to this
# (KiB; memory is only taken as pages are read).
SYNC_CACHE_KIB = 32_768


class SyncNotConfigured(RuntimeError):
    """No transport: no head-office URL and no plugin providing one."""


class SyncService:
    def __init__(self, kiosk: Kiosk):
        self.kiosk = kiosk
        settings = kiosk.config.plugin_settings("sync", SyncSettings)
        self.batch_size = settings.batch_size
        self.batch_bytes = settings.batch_bytes
        self.interval = settings.interval
        self.max_wait = settings.max_wait
        self.budget_bytes = int(settings.outbox_budget_mb * 1_000_000)
        self.keep_sent = settings.keep_sent
        self.backoff = Backoff(base=settings.backoff_base, cap=settings.backoff_cap)
        self._transport: Transport | None = None
        self._run_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._recorded = 0
        kiosk.on_close(self.close)

    # -- transport -----------------------------------------------------------

    def transport(self) -> Transport:
        if self._transport is None:
            transport = self.kiosk.pm.hook.kiosk_sync_transport(kiosk=self.kiosk)
            if transport is None and self.kiosk.config.hq_url:
                raise SyncNotConfigured(
                    "hq_url is set, but no plugin carries the sync to head office: "
                    "is the plugin 'sync_http' in disabled_plugins?")
            if transport is None:
                raise SyncNotConfigured(
                    "no head office configured: set hq_url and hq_token "
                    "(kiosk hq add-kiosk prints a token)")
            self._transport = transport
        return self._transport

    # -- state -----------------------------------------------------------------

    def _state(self) -> dict[str, str]:
        return sync_store.state(self.kiosk.db)

    def _set_state(self, **values: Any) -> None:
        with self.kiosk.db.atomic():
            sync_store.set_state(self.kiosk.db, values)

    def failures(self) -> int:
        return int(self._state().get("failures", 0))

    # -- sealing -----------------------------------------------------------

    def hq_public_key(self) -> str | None:
        """Head office's public key: from the config, else as stored by the first sync."""
        if self.kiosk.config.hq_public_key:
            return self.kiosk.config.hq_public_key
        return meta.get(self.kiosk.db, meta.HQ_PUBLIC_KEY)

    def hq_sealer(self) -> sealing.Seal | None:
        """Seals text so that only head office can read it; None while its key is not known.

        The one way the kiosk seals for head office (erasure and withdrawal
        requests, card registrations): the key is ``hq_public_key``'s.
        """
        key = self.hq_public_key()
        return sealing.sealer(key) if key else None

    def seal_for_hq(self, text: str) -> str | None:
        """``text`` sealed so that only head office can read it; None if no key is known yet."""
        seal = self.hq_sealer()
        return seal(text) if seal else None

    def _fetch_hq_sealer(self, transport: Transport) -> sealing.Seal:
        """``hq_sealer``, once head office's public key is fetched and stored if not known."""
        seal = self.hq_sealer()
        if seal is not None:
            return seal
        key = transport.public_key()
        if not sealing.valid_public_key(key):
            raise TransportError("head office sent a public key that is not valid")
        with self.kiosk.db.atomic():
            meta.put(self.kiosk.db, meta.HQ_PUBLIC_KEY, key)
        return sealing.sealer(key)

    # -- one sync ----------------------------------------------------------

    def _upload_due(self) -> bool:
        """A partial batch waits until its oldest event is ``max_wait`` old."""
        oldest = outbox.oldest_pending_ts(self.kiosk.db)
        if oldest is None:
            return False
        try:
            age = (datetime.now(UTC) - datetime.fromisoformat(oldest)).total_seconds()
        except ValueError:
            return True
        # An event "from the future" means the clock was set back since it was
        # written: waiting for it to come of age could take forever.
        return age >= self.max_wait or age < 0

    def run_once(self, *, flush: bool = True) -> dict[str, Any]:
        """One sync: budget, public key, download, upload. Never raises for network trouble.

        With ``flush=False`` (the background loop) a partial batch is only sent
        once its oldest event is ``max_wait`` seconds old.
        """
        with self._run_lock:
            return self._run_once(flush=flush)

    def _run_once(self, *, flush: bool) -> dict[str, Any]:
        db = self.kiosk.db
        pages = db.execute("PRAGMA cache_size").fetchone()[0]
        page_kib = db.execute("PRAGMA page_size").fetchone()[0] // 1024
        if (-pages if pages < 0 else pages * page_kib) < SYNC_CACHE_KIB:
            db.execute(f"PRAGMA cache_size = -{SYNC_CACHE_KIB}")
        result: dict[str, Any] = {"ok": False, "error": None, "batches": 0, "uploaded": 0,
                                  "duplicates": 0, "quarantined": 0, "changes_applied": 0,
                                  "changes_quarantined": 0, "upload_ok": False}
        budget = outbox.enforce_budget(db, self.budget_bytes)
        result["dropped"] = budget["dropped"]
        if budget["dropped"]:
            log.warning("outbox over its budget: %d analytics events dropped", budget["dropped"])
        self._set_state(last_attempt=utcnow())
        try:
            transport = self.transport()
            seal = self._fetch_hq_sealer(transport)
        except Exception as error:
            return self._failed(result, error)
        # Download first: an erasure made elsewhere purges that person's queued
        # events before they could be sent. A change that cannot be applied yet
        # must not stop uploads, though: it is retried on the next sync, and head
        # office discards events of customers it erased.
        got = new_result()
        failure: tuple[Exception, bool] | None = None  # (error, in the download)
        try:
            download(self.kiosk, transport, result=got)
        except Exception as error:
            failure = (error, True)
        result["changes_applied"], result["changes_quarantined"] = (
            got["applied"], got["quarantined"])
        if failure is None or not isinstance(failure[0], RetryableError):
            try:
                # Cards before events: an erasure request's card is registered first.
                result.update(register_cards(self.kiosk, transport, seal))
                sent = upload(db, transport, kiosk_id=self.kiosk.config.kiosk_id,
                              store_id=self.kiosk.config.store_id,
                              batch_size=self.batch_size, batch_bytes=self.batch_bytes,
                              keep_sent=self.keep_sent, flush=flush or self._upload_due())
            except Exception as error:
                failure = failure or (error, False)
            else:
                result.update({k: sent[k] for k in ("batches", "uploaded", "duplicates",
                                                    "quarantined")})
                result["upload_ok"] = True
                with db.atomic():
                    outbox.prune_sent(db, keep=self.keep_sent)
        if failure is not None:
            return self._failed(result, *failure)
        result["ok"] = True
        self._set_state(failures=0, last_success=utcnow(), last_error=None)
        result["queue_depth"] = outbox.queue_depth(db)
        return result

    def _failed(self, result: dict[str, Any], error: Exception,
                in_download: bool = False) -> dict[str, Any]:
        """Record a failed sync; an unexpected error is named by its type only."""
        failures = self.failures() + 1
        if isinstance(error, TransportError | SyncNotConfigured):
            result["error"] = str(error)
            result["retry_after"] = getattr(error, "retry_after", None)
            result["auth_failed"] = isinstance(error, AuthError)
            log.warning("sync failed (%d in a row): %s", failures, error)
        else:
            # Only the type: the message may name a customer.
            what = "a change could not be applied yet" if in_download else "internal error"
            result["error"] = f"{what} ({type(error).__name__}); retried on next sync"
            log.error("sync failed (%d in a row): %s", failures, result["error"])
        self._set_state(failures=failures, last_error=result["error"][:500],
                        last_error_at=utcnow())
        result["queue_depth"] = outbox.queue_depth(self.kiosk.db)
        return result

    def next_delay(self, result: dict[str, Any]) -> float:
        """How long the loop waits after ``result``: the interval, or a backoff.

        A sync whose upload went through (only a change waits) keeps the interval.
        """
        if result.get("ok") or result.get("upload_ok"):
            if result.get("batches") and result["queue_depth"] >= self.batch_size:
                return 0.0  # more full batches are waiting
            return min(self.interval, self.max_wait)
        return self.backoff.delay(self.failures(), retry_after=result.get("retry_after"))

    # -- in the background -------------------------------------------------

    def run_forever(self, on_result: Any = None) -> None:
        """Sync until ``stop()`` (the CLI's ``kiosk sync``; the thread of ``start``)."""
        while not self._stop.is_set():
            try:
                result = self.run_once(flush=False)
            except Exception:  # a bug must not kill the loop; it is logged and retried
                log.exception("sync failed unexpectedly")
                result = {"ok": False, "error": "internal error"}
                self._set_state(failures=self.failures() + 1)
            if on_result is not None:
                on_result(result)
            delay = self.next_delay(result)
            if delay:
                self._wake.wait(delay)
                self._wake.clear()

    def start(self) -> None:
        """Sync in a background thread (idempotent)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run_in_background, name="kiosk-sync",
                                        daemon=True)
        self._thread.start()

    def _run_in_background(self) -> None:
        try:
            self.run_forever()
        finally:
            self.kiosk.store.release()  # this thread's connection; nobody else can close it

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the background thread, waiting for a sync in progress to finish."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def close(self) -> None:
        """Stop the background sync and close the transport (the kiosk calls this)."""
        self.stop()
        transport, self._transport = self._transport, None
        if transport is not None:
            transport.close()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def notify_event(self) -> None:
        """An event was recorded: wake the loop once a full batch is waiting."""
        self._recorded += 1
        if self._recorded >= self.batch_size:
            self._recorded = 0
            self._wake.set()

    # -- for staff and operators ---------------------------------------------

    def status(self) -> dict[str, Any]:
        db = self.kiosk.db
        state = self._state()
        quarantine = outbox.quarantines(db)
        quarantined = outbox.quarantined_unsent(db)
        changes_quarantined, changes_quarantine = quarantined_changes(self.kiosk)
        return {
            "last_success": state.get("last_success"),
            "last_attempt": state.get("last_attempt"),
            "last_error": state.get("last_error"),
            "failures": int(state.get("failures", 0)),
            "queue_depth": outbox.queue_depth(db),
            "oldest_pending": outbox.oldest_pending_ts(db),
            "in_flight": outbox.batches_in_flight(db),
            "quarantined": quarantined,
            "quarantine": quarantine,
            "changes_quarantined": changes_quarantined,
            "changes_quarantine": changes_quarantine,
            "dropped": outbox.counter(db, "dropped"),
            "uploaded": outbox.counter(db, "uploaded"),
            "outbox_bytes": outbox.size_bytes(db),
            "outbox_budget_bytes": self.budget_bytes,
            "download_cursor": get_cursor(self.kiosk),
            "hq_url": self.kiosk.config.hq_url or None,
            "hq_public_key_known": self.hq_public_key() is not None,
            "running": self.running,
            **self._card_registry_status(),
        }

    def _card_registry_status(self) -> dict[str, Any]:
        """The device key head office pins, and cards it has not registered yet."""
        from kiosk.identity import device

        keys = device.load(device.key_file_for(self.kiosk.store.path))
        return {"device_key": keys.public_key if keys else None,
                "cards_unregistered": len(self.kiosk.identity.pending_registrations())}

    def release_quarantine(self, quarantine_id: int | None = None) -> int:
        """Queue quarantined events again (after head office was fixed); returns how many."""
        with self._run_lock:
            return release_quarantine(self.kiosk.db, quarantine_id)

    def artefact(self, name: str) -> tuple[str, bytes, dict[str, Any]] | None:
        """A downloaded model artefact: ``(version, content, meta)``, or None."""
        return sync_store.artefact(self.kiosk.db, name)

    def wait_until_idle(self, timeout: float) -> bool:
        """Block until the queue is empty (tests, shutdown); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if outbox.queue_depth(self.kiosk.db) == 0:
                return True
            time.sleep(0.05)
        return False
