"""Removing one person from every table, and finding every id the tables hold.

Each area's own rows go through its module (purchases are anonymised, not
deleted: they are the store's popularity too); any other table with a
``customer_id`` column, a plugin's included, is swept by that column.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from kiosk.store import customers, outbox, purchases

# Tables handled by their module rather than by the sweep.
_OWN_RULES = {"customers", "consents", "purchases", "outbox"}


def tables_with_customer_id(db: Database) -> list[str]:
    return sorted(
        table.name for table in db.tables
        if table.name not in _OWN_RULES and "customer_id" in table.columns_dict
    )


def delete_person(db: Database, customer_id: str) -> dict[str, Any]:
    """Delete or anonymise every row of ``customer_id``; call inside a transaction."""
    counts: dict[str, int] = {"purchases_anonymised": purchases.anonymise(db, customer_id)}
    counts["outbox"] = outbox.purge_customer(db, customer_id)
    for table in tables_with_customer_id(db):
        deleted = db.execute(
            f"DELETE FROM [{table}] WHERE customer_id = ?", [customer_id]
        ).rowcount
        if deleted:
            counts[table] = deleted
    counts["customers"] = customers.delete(db, customer_id)
    # consents may only be deleted once their customer is gone (trigger)
    counts["consents"] = customers.delete_answers(db, customer_id)
    return counts


def every_customer_id(db: Database) -> set[str]:
    """Every id in ``customers`` and in any table with a ``customer_id`` column."""
    ids = customers.all_ids(db)
    for table in db.tables:
        if "customer_id" in table.columns_dict:
            ids.update(row[0] for row in db.execute(
                f"SELECT DISTINCT customer_id FROM [{table.name}] "
                "WHERE customer_id IS NOT NULL"))
    return {i for i in ids if isinstance(i, str)}
