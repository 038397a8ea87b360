"""A migration made of steps, each in the store module of the tables it creates.

A shipped migration cannot be split (its name is recorded in every kiosk
database), but the statements it runs can live with the tables they create:
``in_steps`` runs the steps in order, and keeps them, so that
``kiosk.store.migrations.table_owners`` can tell which module creates which table.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

Step = Callable[[Database], None]


def in_steps(name: str, *steps: Step) -> Step:
    """One migration function ``name`` that runs ``steps`` in order."""

    def run(db: Database) -> None:
        for step in steps:
            step(db)

    run.__name__ = run.__qualname__ = name
    run.steps = steps  # type: ignore[attr-defined]
    return run
