"""Head office's schema migrations, in the order they are applied.

To change head office's schema, add a module ``mNNNN_what_it_does.py`` here
with ``apply(cur, dialect)`` and append it to ``MIGRATIONS``; never edit or
reorder one that has shipped. See docs/hq.md, "Adding a head-office migration".
"""

from __future__ import annotations

from kiosk.hq.storage.migrations import (
    m0001_baseline,
    m0002_chain_cards,
    m0003_customer_record,
    m0004_till_purchases,
    m0005_card_changes,
    m0006_help_requests,
)
from kiosk.hq.storage.migrations.runner import Migration, MigrationError

__all__ = ["MIGRATIONS", "Migration", "MigrationError"]

MIGRATIONS: tuple[Migration, ...] = (
    Migration(m0001_baseline.NAME, m0001_baseline.apply),
    Migration(m0002_chain_cards.NAME, m0002_chain_cards.apply),
    Migration(m0003_customer_record.NAME, m0003_customer_record.apply),
    Migration(m0004_till_purchases.NAME, m0004_till_purchases.apply),
    Migration(m0005_card_changes.NAME, m0005_card_changes.apply),
    Migration(m0006_help_requests.NAME, m0006_help_requests.apply),
)
