"""Apply head office's migrations in order, each once, and refuse a database that is newer.

``hq_migrations`` lists the migrations a database has (name, when applied).
The caller holds a transaction and the backend's setup lock (an advisory
lock on PostgreSQL, the writer lock and ``BEGIN IMMEDIATE`` on SQLite), so
head offices starting at once apply each migration once, and a migration
that fails leaves nothing of itself behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kiosk.hq.storage.dialect import Dialect

TABLE = "hq_migrations"
CREATE = ("CREATE TABLE IF NOT EXISTS hq_migrations (name TEXT PRIMARY KEY, "
          "applied TEXT NOT NULL)")


class MigrationError(RuntimeError):
    """The database cannot be migrated by this head office; the message says why."""


@dataclass(frozen=True)
class Migration:
    #: "NNNN_what_it_does": the number orders them; never renamed once shipped
    name: str
    #: does the work with the cursor of the caller's transaction
    apply: Callable[[Any, Dialect], None]


@dataclass
class State:
    """What a database has, measured against the migrations this head office knows."""

    applied: dict[str, str] = field(default_factory=dict)  # name: when
    pending: list[Migration] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # applied by a newer head office

    @property
    def fresh(self) -> bool:
        """No migration applied yet: a new database, or one made before versioning."""
        return not self.applied


def read(cur: Any, dialect: Dialect, migrations: Sequence[Migration]) -> State:
    """The database's state, without changing it."""
    applied: dict[str, str] = {}
    if TABLE in dialect.tables(cur):
        applied = {name: at for name, at in dialect.run(
            cur, "SELECT name, applied FROM hq_migrations ORDER BY name").fetchall()}
    known = {migration.name for migration in migrations}
    return State(applied=applied,
                 pending=[m for m in migrations if m.name not in applied],
                 unknown=[name for name in applied if name not in known])


def prepare(cur: Any, dialect: Dialect, migrations: Sequence[Migration]) -> State:
    """Create ``hq_migrations`` if missing; the state; ``MigrationError`` if it is newer."""
    dialect.run(cur, CREATE)
    state = read(cur, dialect, migrations)
    if state.unknown:
        raise MigrationError(refusal(state.unknown, migrations))
    return state


def apply(cur: Any, dialect: Dialect, pending: Sequence[Migration]) -> list[str]:
    """Apply ``pending`` in order, recording each; returns their names."""
    for migration in pending:
        migration.apply(cur, dialect)
        record(cur, dialect, migration.name)
    return [migration.name for migration in pending]


def record(cur: Any, dialect: Dialect, name: str) -> None:
    """Mark ``name`` applied (also what adopting a database made before migrations does)."""
    dialect.run(cur, "INSERT INTO hq_migrations (name, applied) VALUES (?, ?)",
                [name, datetime.now(UTC).isoformat(timespec="seconds")])


def refusal(unknown: Sequence[str], migrations: Sequence[Migration]) -> str:
    names = ", ".join(unknown)
    latest = migrations[-1].name if migrations else "none"
    return (f"head office's database was migrated by a newer head office: migration "
            f"{names} is unknown to this version (its latest is {latest}). Refusing to use "
            "it: run the newer head office, or restore the backup taken before the upgrade")


def describe(state: State, migrations: Sequence[Migration], *,
             unversioned: bool = False) -> dict[str, Any]:
    """``state`` for people and scripts (``kiosk hq migrations``).

    Each migration is ``applied``, ``pending``, ``adopt`` (the baseline of a
    database made before versioned migrations: adopted on the next start) or
    ``newer`` (applied by a newer head office: this one refuses the database).
    """
    rows = []
    for index, migration in enumerate(migrations):
        if migration.name in state.applied:
            status = "applied"
        else:
            status = "adopt" if unversioned and index == 0 else "pending"
        rows.append({"name": migration.name, "state": status,
                     "applied": state.applied.get(migration.name)})
    rows += [{"name": name, "state": "newer", "applied": state.applied[name]}
             for name in state.unknown]
    known = [m.name for m in migrations if m.name in state.applied]
    return {"migrations": rows, "version": known[-1] if known else None,
            "pending": [m.name for m in state.pending], "newer": list(state.unknown),
            "unversioned": unversioned}
