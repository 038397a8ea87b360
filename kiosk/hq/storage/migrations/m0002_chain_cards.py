"""0002_chain_cards: identity across the chain.

- ``kiosk_removals``: the audit of devices removed from the chain (``kiosk hq
  remove-kiosk``): who, which store and role, when, by whom. A removed
  device's row stays in ``kiosks`` (the cards it registered before still
  name it) with a token that matches no token any more.
- ``hq_cards_kiosk``: the registry's cards by the device that registered
  them (the store a shopper's cards came from, the trust-on-first-use rule).

``card`` changes are published for cards registered from now on; cards
registered before this migration reach other devices through the on-scan
look-up (``POST /v1/cards/lookup``).
"""

from __future__ import annotations

from typing import Any

from kiosk.hq.storage.dialect import Dialect

NAME = "0002_chain_cards"


def apply(cur: Any, dialect: Dialect) -> None:
    dialect.run(cur, """CREATE TABLE IF NOT EXISTS kiosk_removals (
        name TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        role TEXT NOT NULL,
        removed TEXT NOT NULL,
        removed_by TEXT NOT NULL
    )""")
    dialect.run(cur, "CREATE INDEX IF NOT EXISTS hq_cards_kiosk ON hq_cards(kiosk)")
