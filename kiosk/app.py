"""The composition root: ``Kiosk`` ties config, store, plugins and services.

No Qt here. The UI, the CLI and the tests all build a ``Kiosk`` and call
its services; each service lives in the module its name suggests and is
created on first use.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk import events
from kiosk.config import Config
from kiosk.plugins import (
    call_each,
    call_first,
    collect,
    collect_settings,
    make_plugin_manager,
)
from kiosk.store import Store

if TYPE_CHECKING:
    from kiosk.identity.service import IdentityService
    from kiosk.privacy.service import PrivacyService
    from kiosk.recommend.service import RecommendationService
    from kiosk.sync.service import SyncService

log = logging.getLogger(__name__)


class Kiosk:
    """One kiosk: its configuration, its store, its plugins and its services.

    Raises ``ConfigError`` (naming the key and what is allowed) before the
    database is opened if a core setting or a declared ``[plugins.*]``
    setting is not valid.
    """

    def __init__(self, config: Config, *, pm: pluggy.PluginManager | None = None,
                 database: str | Path | None = None, entrypoints: bool = True):
        self.config = config
        self.pm = pm or make_plugin_manager(
            entrypoints=entrypoints,
            plugins_dir=config.plugins_dir or None,
            disabled=config.disabled_plugins,
        )
        # Every setting is checked before anything runs: a bad value must not
        # get as far as the outbox (a negative budget once emptied it).
        config.check(collect_settings(self.pm))
        # A plugin whose tables cannot be made stops the start (PluginError naming
        # it): without them the kiosk would fail later, in front of a shopper.
        migrations = [m for _, m in collect(self.pm, "kiosk_register_migrations", Migrations,
                                            "name", what="migration set", required=True)]
        # Everything the kiosk opens joins this stack; close() unwinds it, last opened first.
        self._resources = contextlib.ExitStack()
        self.store = Store(database or config.database, migrations)
        self._resources.callback(self.store.close)
        self._events_local = threading.local()  # each thread has its own transaction
        call_each(self.pm, "kiosk_configure", kiosk=self)

    @property
    def db(self) -> Database:
        """The calling thread's connection."""
        return self.store.db

    def on_close(self, close: Callable[[], Any]) -> None:
        """Have ``close`` called when the kiosk closes (before the store it may need).

        Services call this when they open something: a thread, a pool, a client.
        """
        self._resources.callback(close)

    def close(self) -> None:
        """Close everything the kiosk opened, newest first; closing twice is harmless."""
        self._resources.close()

    def service_if_started(self, name: str) -> Any | None:
        """The service ``name`` (e.g. ``"sync"``) if something created it already, else None:
        for a hook that must not start a service only to notify it."""
        if name not in {"identity", "privacy", "recommendations", "sync"}:
            raise ValueError(f"no service named {name!r}")
        return self.__dict__.get(name)  # where cached_property keeps a created service

    def __enter__(self) -> Kiosk:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def plugin_card(self, item: Any, parent: Any) -> tuple[str, Any] | None:
        """A plugin's own card for ``item`` (``kiosk_render_card``): ``(plugin, widget)``.

        None when no plugin offers one. The widget is whatever the plugin built;
        the UI checks it is a QWidget (the core never imports Qt).
        """
        return call_first(self.pm, "kiosk_render_card", kiosk=self, item=item, parent=parent)

    # -- events -------------------------------------------------------------

    @property
    def _pending_events(self) -> list[dict[str, Any]] | None:
        return getattr(self._events_local, "pending", None)

    @_pending_events.setter
    def _pending_events(self, value: list[dict[str, Any]] | None) -> None:
        self._events_local.pending = value

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction; events recorded inside are announced after commit."""
        outer = self._pending_events is None
        if outer:
            self._pending_events = []
        try:
            with self.db.atomic():
                yield self.db
        except BaseException:
            if outer:
                self._pending_events = None
            raise
        if outer:
            recorded, self._pending_events = self._pending_events, None
            for event in recorded:
                call_each(self.pm, "kiosk_event_did_record", kiosk=self, event=dict(event))

    def record_event(self, kind: str, payload: dict[str, Any] | None = None, *,
                     customer_id: str | None = None) -> dict[str, Any]:
        """Append an event to the outbox, in the current transaction if there is one."""
        with self.transaction() as db:
            event = events.append(db, kiosk_id=self.config.kiosk_id, kind=kind,
                                  payload=payload or {}, customer_id=customer_id)
            assert self._pending_events is not None
            self._pending_events.append(event)
        return event

    # -- services, created on first use -----------------------------------

    @cached_property
    def identity(self) -> IdentityService:
        from kiosk.identity.service import IdentityService

        return IdentityService(self)

    @cached_property
    def privacy(self) -> PrivacyService:
        from kiosk.privacy.service import PrivacyService

        return PrivacyService(self)

    @cached_property
    def recommendations(self) -> RecommendationService:
        from kiosk.recommend.service import RecommendationService

        return RecommendationService(self)

    @cached_property
    def sync(self) -> SyncService:
        from kiosk.sync.service import SyncService

        return SyncService(self)
