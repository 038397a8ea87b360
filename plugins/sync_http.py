"""Built-in plugin: sync to head office over HTTP, and the sync and head-office commands.

- ``kiosk_register_settings``: ``[plugins.sync]`` (``kiosk.sync.settings``);
- ``kiosk_sync_transport``: the default transport (httpx) when ``hq_url`` is
  set; a plugin returning another transport wins (this one is ``trylast``);
- ``kiosk_event_did_record``: wakes a running sync once a batch is full;
- ``kiosk_register_commands``: ``kiosk sync``, ``kiosk hq``.

The outbox and the sync's tables are core (``kiosk.store.outbox``,
``kiosk.store.sync``): disabling this plugin leaves a kiosk that records its
events but does not sync them (``kiosk.sync.run_once`` says no head office is
configured).
"""

from __future__ import annotations

from typing import Any

from kiosk import hookimpl


@hookimpl
def kiosk_register_settings() -> list[Any]:
    from kiosk.settings import SettingsSection
    from kiosk.sync.settings import SyncSettings

    return [SettingsSection("sync", SyncSettings, "batching, outbox budget and retries")]


@hookimpl(trylast=True)
def kiosk_sync_transport(kiosk: Any) -> Any:
    if not kiosk.config.hq_url:
        return None
    from kiosk.sync.http import HttpTransport
    from kiosk.sync.settings import SyncSettings

    histories = kiosk.config.plugin_settings("sync", SyncSettings).histories
    return HttpTransport(kiosk.config.hq_url, kiosk.config.hq_token, histories=histories)


@hookimpl
def kiosk_event_did_record(kiosk: Any, event: dict[str, Any]) -> None:
    service = kiosk.service_if_started("sync")
    if service is not None:
        service.notify_event()


@hookimpl
def kiosk_register_commands(cli: Any) -> None:
    from kiosk.hq.cli import hq
    from kiosk.sync.cli import sync_command

    cli.add_command(sync_command)
    cli.add_command(hq)
