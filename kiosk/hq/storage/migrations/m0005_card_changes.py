"""0005_card_changes: a ``card`` change for every registered card that has none.

Head office publishes a ``card`` change (the card's current state, for every
device) on each registration and revocation since ``0002_chain_cards``. Cards
registered before it had none, so after an upgrade they verified only at the
device that issued them (and wherever the on-scan look-up fetched them). This
migration publishes each such card's current state once, as
``kiosk.hq.registry.card_changes`` would: ``{card_id, long_digest,
short_digest, status, store_id}`` for every device (``store_id`` NULL), keyed by
the card id (``changes.key``, which ``0004_till_purchases`` added), in the
order the cards were registered. A card that has a ``card`` change already is
left alone, so the migration adds nothing on a head office that registered all
its cards after ``0002``. Erased shoppers' cards are no longer in ``hq_cards``.

The feed's writers are serialised as ``Storage._add_changes`` does (on
PostgreSQL its advisory lock, so a head office of the previous version still
serving meanwhile never commits a change id below these); SQLite's writers
already wait for the setup's ``BEGIN IMMEDIATE``.

Shipped: never edit it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from kiosk.hq.storage.dialect import Dialect

NAME = "0005_card_changes"

_WITHOUT_CHANGE = """
SELECT c.card_id, c.customer_id, c.long_digest, c.short_digest, c.revoked, k.store_id
FROM hq_cards c LEFT JOIN kiosks k ON k.name = c.kiosk
WHERE NOT EXISTS (SELECT 1 FROM changes ch WHERE ch.kind = 'card' AND ch.key = c.card_id)
ORDER BY c.registered, c.card_id
"""


def card_data(row: tuple[Any, ...]) -> dict[str, Any]:
    """A ``card`` change's data for a row of ``_WITHOUT_CHANGE`` (as the registry writes it)."""
    card_id, _, long_digest, short_digest, revoked, store_id = row
    return {"card_id": card_id, "long_digest": long_digest, "short_digest": short_digest,
            "status": "active" if revoked is None else "revoked", "store_id": store_id}


def apply(cur: Any, dialect: Dialect) -> None:
    if dialect.name == "postgresql":
        from kiosk.hq.storage.postgres import _CHANGES_LOCK

        dialect.run(cur, "SELECT pg_advisory_xact_lock(?)", [_CHANGES_LOCK])
    rows = dialect.run(cur, _WITHOUT_CHANGE).fetchall()
    created = datetime.now(UTC).isoformat(timespec="microseconds")
    for row in rows:
        dialect.run(cur, "INSERT INTO changes (kind, store_id, customer_id, data, created, key) "
                         "VALUES ('card', NULL, ?, ?, ?, ?)",
                    [row[1], json.dumps(card_data(row), separators=(",", ":")), created,
                     row[0]])
