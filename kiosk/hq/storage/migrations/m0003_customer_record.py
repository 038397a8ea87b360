"""0003_customer_record: head office holds the shopper's record (``kiosk.hq.record``).

- ``customers``: one row per shopper head office knows (first name, when and
  where the record started);
- ``customer_fields``: each field of the record (``kiosk.chain``) with the
  version that wrote it: value (JSON), stamp, base, the latest restriction's
  stamp, the device and who (shopper, staff, hq) wrote the latest version;
  staff notes are ``note:ID`` fields;
- ``consent_log``: every change of a consent's answer, append-only (the
  ``consents`` table keeps the current answers, in step with the fields);
- ``customer_audit``: merges and what staff and operators did (who, when);
- ``customer_aliases``: ids merged into another record, so a late event of
  a merged id lands in the record it became.

Shipped once released: never edit it, add a migration.
"""

from __future__ import annotations

from typing import Any

from kiosk.hq.storage.dialect import Dialect

NAME = "0003_customer_record"


def statements(serial: str) -> list[str]:
    return [
        """CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            first_name TEXT,
            created TEXT NOT NULL,
            origin TEXT NOT NULL
        )""",
        """CREATE TABLE customer_fields (
            customer_id TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            hlc TEXT NOT NULL,
            base TEXT NOT NULL DEFAULT '',
            restricted_at TEXT NOT NULL DEFAULT '',
            device TEXT NOT NULL,
            edited_by TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (customer_id, field)
        )""",
        f"""CREATE TABLE consent_log (
            id {serial},
            customer_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            granted INTEGER NOT NULL,
            at TEXT NOT NULL,
            device TEXT NOT NULL
        )""",
        "CREATE INDEX consent_log_customer ON consent_log(customer_id, id)",
        f"""CREATE TABLE customer_audit (
            id {serial},
            customer_id TEXT NOT NULL,
            action TEXT NOT NULL,
            done_by TEXT NOT NULL,
            at TEXT NOT NULL,
            details TEXT NOT NULL
        )""",
        "CREATE INDEX customer_audit_customer ON customer_audit(customer_id, id)",
        """CREATE TABLE customer_aliases (
            alias TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX customer_aliases_customer ON customer_aliases(customer_id)",
    ]


def apply(cur: Any, dialect: Dialect) -> None:
    for statement in statements(dialect.serial_pk):
        dialect.run(cur, statement)
