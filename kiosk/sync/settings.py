"""The sync's settings: ``[plugins.sync]`` of the config file (declared by plugins/sync_http.py).

Each range keeps a kiosk from losing or withholding events by mistake:

- ``batch_size`` 1..10,000: head office takes at most 10,000 events a batch
  (``kiosk.wire.MAX_EVENTS``) and rejects a larger one, which the kiosk
  would quarantine; 0 would send nothing while reporting success.
- ``batch_bytes`` 10 kB..8 MB: half of head office's default 16 MB limit on an
  inflated body (``kiosk.hq.limits``), leaving room for the JSON around the
  payloads (about 200 bytes an event). A batch head office still refuses as
  too large (413, its operator set a lower cap) is quarantined like any
  refused batch: ``kiosk sync status`` shows it, ``kiosk sync release`` sends
  it again once the cap was raised or ``batch_bytes`` lowered.
- ``outbox_budget_mb`` 16..1,000,000: over its budget the outbox drops its
  oldest analytics events, so a budget of a few MB or less would throw away
  a short outage's events (a negative one emptied the outbox).
- ``interval`` 0.01 s..1 day and ``max_wait`` 0..1 hour: 0 would spin the
  loop at full speed, more would leave events at the kiosk for too long.
- ``keep_sent`` 0..10,000,000 sent events kept for support.
- ``backoff_base`` 0.01 s..10 minutes, ``backoff_cap`` 0.1 s..1 day and at
  least ``backoff_base``.
- ``histories`` "store" or "chain": which purchase histories head office sends
  (the lines bought in this store, plus a customer's whole history fetched when
  their card is scanned; or every store's lines). Anything else would be
  guessed at, so it is refused.
- ``profiles`` "chain" or "store": which shoppers' profiles the device keeps
  from head office's feed (and its bootstrap). "chain": every member's, so a
  card works with its profile offline in every store. "store": only those
  whose record names this store (a card registered or a visit here), a
  profile sent to this store, and those already held here; a shopper of
  another store is fetched when their card is scanned (the on-scan look-up,
  online only) and kept from then on; offline, that shopper gets the store's
  picks and "We can't reach your profile right now". Cards are kept either
  way (digests only), so a revoked card is refused offline everywhere.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from kiosk.wire import MAX_EVENTS as MAX_BATCH_EVENTS  # head office's limit


class SyncSettings(msgspec.Struct, kw_only=True, frozen=True):
    batch_size: Annotated[int, msgspec.Meta(ge=1, le=MAX_BATCH_EVENTS)] = 2000
    batch_bytes: Annotated[int, msgspec.Meta(ge=10_000, le=8_000_000)] = 2_000_000
    interval: Annotated[float, msgspec.Meta(ge=0.01, le=86_400)] = 10.0
    max_wait: Annotated[float, msgspec.Meta(ge=0, le=3600)] = 5.0
    outbox_budget_mb: Annotated[float, msgspec.Meta(ge=16, le=1_000_000)] = 256.0
    keep_sent: Annotated[int, msgspec.Meta(ge=0, le=10_000_000)] = 1000
    backoff_base: Annotated[float, msgspec.Meta(ge=0.01, le=600)] = 1.0
    backoff_cap: Annotated[float, msgspec.Meta(ge=0.1, le=86_400)] = 300.0
    histories: Literal["store", "chain"] = "store"
    profiles: Literal["chain", "store"] = "chain"

    def __post_init__(self) -> None:
        if self.backoff_cap < self.backoff_base:
            raise ValueError(f"backoff_cap must be at least backoff_base "
                             f"({self.backoff_base:g}), got {self.backoff_cap:g}")
