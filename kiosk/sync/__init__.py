"""Offline-first sync: the outbox's bookkeeping, upload, download and the service.

``kiosk.sync`` (the ``SyncService``) is what the app, the UI and the CLI use;
the modules here are its parts:

- ``migrations``: the "kiosk.sync" tables (batches in flight, quarantine,
  cursors, counters, state);
- ``outbox``: reading pending events, marking them sent, the disk budget;
- ``transport``: the transport protocol and its errors (retryable / rejected);
- ``http``: the default transport over HTTP (httpx);
- ``upload`` / ``download`` / ``apply``: one sync's two directions;
- ``sealing``: sealed boxes for head office (erasure requests);
- ``simulate``: realistic shopper traffic for demos, tests and benchmarks.
"""
