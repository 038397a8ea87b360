"""0004_till_purchases: the tills' purchase lines at head office, and a compaction key
on the change feed.

- ``hq_purchases``: one row per purchase line imported by ``kiosk hq import``
  (``kiosk.hq.tills``), keyed by a stable ``line_id`` (a digest of store,
  invoice, code and price), so importing a file again adds nothing;
  ``customer_id`` is NULL for an anonymous sale.
- ``changes.key``: what a change supersedes for a new device's bootstrap
  (``kiosk.hq.bootstrap``): a later change of the same kind and key replaces an
  earlier one (NULL: the change is always kept). Existing rows get theirs here.

Shipped: never edit it.
"""

from __future__ import annotations

from typing import Any

from kiosk.hq.storage.dialect import Dialect

NAME = "0004_till_purchases"

#: per kind: the data field that is its key, for the rows already in the feed
_KEY_FIELDS = {"product": "sku", "stock": "sku", "model": "name", "card": "card_id"}


def _json_text(dialect: Dialect, field: str) -> str:
    if dialect.name == "postgresql":
        return f"(data::jsonb ->> '{field}')"
    return f"json_extract(data, '$.{field}')"


def apply(cur: Any, dialect: Dialect) -> None:
    big = dialect.bigint
    dialect.run(cur, f"""CREATE TABLE IF NOT EXISTS hq_purchases (
        line_id TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        customer_id TEXT,
        invoice TEXT NOT NULL,
        sku TEXT NOT NULL,
        quantity {big} NOT NULL,
        price DOUBLE PRECISION NOT NULL,
        at TEXT NOT NULL,
        imported TEXT NOT NULL
    )""")
    dialect.run(cur, "CREATE INDEX IF NOT EXISTS hq_purchases_customer "
                     "ON hq_purchases(customer_id, store_id)")
    if "key" not in dialect.columns(cur, "changes"):
        dialect.run(cur, "ALTER TABLE changes ADD COLUMN key TEXT")
    for kind, field in _KEY_FIELDS.items():
        dialect.run(cur, f"UPDATE changes SET key = {_json_text(dialect, field)} "
                         "WHERE kind = ? AND key IS NULL", [kind])
    # a profile is keyed only in the full-record shape ("fields"): the older shape
    # adds consents and preferences, so every such change is kept
    fields = ("jsonb_exists(data::jsonb, 'fields')" if dialect.name == "postgresql"
              else "json_type(data, '$.fields') IS NOT NULL")
    dialect.run(cur, f"UPDATE changes SET key = customer_id WHERE kind = 'profile' "
                     f"AND key IS NULL AND {fields}")
    dialect.run(cur, "CREATE INDEX IF NOT EXISTS changes_key ON changes(kind, key, id)")
