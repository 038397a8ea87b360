"""Adopting a database made before versioned migrations (head offices up to commit 20e37cb).

Those head offices created their tables with ``CREATE TABLE IF NOT EXISTS``
and converted an older database in place on every start. Such a database has
head-office tables and no ``hq_migrations``. Adopting it, once, in the
transaction that migrates it:

- checks that each head-office table it has is head office's (its columns),
  so another application's database is refused rather than written to;
- adds what older head offices lacked: tables (``IF NOT EXISTS``, as the
  baseline migration creates them) and the ``kiosks.device_key`` column;
- converts, idempotently, what older head offices stored in the open:
  ``erasures`` held the erased ids themselves (now only their keyed digest),
  an erasure change named the erased id (now it carries the digest), and an
  ``erasure_requested`` event kept the sealed subject, which head office's
  own key opens (dropped once it was opened).

Then the caller records the baseline migration as applied. The private key's
move from ``hq_meta`` to the key file is ``Storage._load_keys``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kiosk.hq.storage import subjects
from kiosk.hq.storage.dialect import Dialect
from kiosk.hq.storage.migrations import m0001_baseline
from kiosk.hq.storage.migrations.runner import MigrationError

if TYPE_CHECKING:
    from kiosk.hq.storage.base import Storage

#: columns an older head office's table may lack: adoption adds or converts them
_MAY_LACK = {"kiosks": {"device_key"}, "erasures": {"digest"}}


def found(cur: Any, dialect: Dialect) -> bool:
    """Whether the database holds head-office tables (and, the caller knows, no migration)."""
    return bool(dialect.tables(cur) & m0001_baseline.COLUMNS.keys())


def adopt(storage: Storage, cur: Any) -> bool:
    """Bring the database to the baseline in place; True if data held in the open was converted.

    ``MigrationError`` if a table is not head office's. Loads head office's
    keys (``storage.keys``): the conversions need them.
    """
    dialect = storage.dialect
    _check_tables(cur, dialect)
    m0001_baseline.apply(cur, dialect)  # creates only the tables an older head office lacked
    if "device_key" not in dialect.columns(cur, "kiosks"):
        dialect.run(cur, "ALTER TABLE kiosks ADD COLUMN device_key TEXT")
    storage.keys = storage._load_keys(cur)
    changed = _erasures_to_digests(storage, cur)
    changed |= _erasure_changes_to_digests(storage, cur)
    changed |= _drop_opened_subjects(storage, cur)
    return changed


def _check_tables(cur: Any, dialect: Dialect) -> None:
    existing = dialect.tables(cur)
    for table, wanted in m0001_baseline.COLUMNS.items():
        if table not in existing:
            continue
        columns = dialect.columns(cur, table)
        missing = wanted - columns - _MAY_LACK.get(table, set())
        if table == "erasures" and "digest" not in columns and "customer_id" not in columns:
            missing |= {"digest"}
        if missing:
            raise MigrationError(
                f"the database has a table '{table}' that is not head office's (it lacks "
                f"the columns {', '.join(sorted(missing))}); refusing to use it: give head "
                "office a database of its own")


def _erasures_to_digests(storage: Storage, cur: Any) -> bool:
    dialect = storage.dialect
    if "customer_id" not in dialect.columns(cur, "erasures"):
        return False
    rows = dialect.run(cur, "SELECT customer_id, origin, at FROM erasures").fetchall()
    dialect.run(cur, "DROP TABLE erasures")
    dialect.run(cur, m0001_baseline.ERASURES)
    for customer_id, origin, at in rows:
        dialect.run(cur, "INSERT INTO erasures (digest, origin, at) VALUES (?, ?, ?) "
                         "ON CONFLICT (digest) DO NOTHING",
                    [storage.digest(customer_id), origin, at])
    return True


def _erasure_changes_to_digests(storage: Storage, cur: Any) -> bool:
    dialect = storage.dialect
    rows = dialect.run(cur, "SELECT id, customer_id FROM changes WHERE kind = 'erasure' "
                            "AND customer_id IS NOT NULL").fetchall()
    for change_id, customer_id in rows:
        dialect.run(cur, "UPDATE changes SET customer_id = NULL, data = ? WHERE id = ?",
                    [json.dumps({"digest": storage.digest(customer_id)}), change_id])
    return bool(rows)


def _drop_opened_subjects(storage: Storage, cur: Any) -> bool:
    dialect = storage.dialect
    rows = dialect.run(cur, "SELECT id, payload FROM events WHERE kind = 'erasure_requested' "
                            "AND payload LIKE '%sealed_subject%'").fetchall()
    changed = False
    for event_id, payload in rows:
        stripped = subjects.without_opened_subject(payload, storage.keys.private_key)
        if stripped is not None:
            dialect.run(cur, "UPDATE events SET payload = ? WHERE id = ?", [stripped, event_id])
            changed = True
    return changed
