"""The core's migration sets, in the order they apply, and which module owns each table.

Each module of ``kiosk.store`` holds the migrations of its own tables and every
statement on them. The core migration ``kiosk/0002_schema`` predates that and
created every core table at once; it is kept as it shipped, as steps that live
with their tables (``kiosk.store.steps``). Sets keep the names they shipped
with (``kiosk.identity``, ``kiosk.privacy``, ...): a kiosk database records
migrations by set and name, so a renamed one would run again.

Never edit a migration that has shipped: add a new one to the set of the
module that owns the table. Plugins bring their own sets through the hook
``kiosk_register_migrations`` (see docs/architecture.md).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.store import (
    cards,
    catalogue,
    clients,
    customers,
    feedback,
    meta,
    outbox,
    purchases,
    recommend,
    staff,
    sync,
)
from kiosk.store.steps import in_steps

core = Migrations("kiosk")


@core(name="0001_wal", transactional=False)
def wal(db: Database) -> None:
    db.enable_wal()


core(name="0002_schema")(in_steps(
    "schema",
    meta.create_core_tables,         # meta
    catalogue.create_core_tables,    # stores, products, stock
    customers.create_core_tables,    # customers, consents, preferences
    purchases.create_core_tables,    # purchases
    outbox.create_core_tables,       # outbox
    feedback.create_core_tables,     # impressions, feedback
))

#: every core set, applied in this order before the plugins' sets
CORE_SETS: tuple[Migrations, ...] = (
    core,
    customers.privacy_migrations,
    catalogue.importer_migrations,
    cards.identity_migrations,
    recommend.recommend_migrations,
    staff.staff_migrations,
    sync.sync_migrations,
    purchases.purchases_migrations,
    feedback.feedback_migrations,
    clients.clients_migrations,  # after every table its triggers watch
)


def table_owners() -> dict[str, str]:
    """Each core table and the module whose migrations create it, found by running them.

    Every migration (every step of one made of steps) runs on a new in-memory
    database; the tables it adds belong to the module it is written in.
    """
    db = Database(memory=True)
    owners: dict[str, str] = {}
    for migration_set in CORE_SETS:
        for migration in migration_set._migrations:
            for step in getattr(migration.fn, "steps", (migration.fn,)):
                before = set(db.table_names())
                step(db)
                for table in set(db.table_names()) - before:
                    if not table.startswith("sqlite_"):  # SQLite's own (sqlite_sequence)
                        owners[table] = step.__module__
    db.close()
    return owners
