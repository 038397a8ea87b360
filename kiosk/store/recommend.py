"""The recommenders' tables: trained models (``model_artefacts``) and staff picks
(``staff_picks``).

Each training run is a version; every fitted recommender's state is a row of
that version (pickled by ``kiosk.recommend.artefacts``), and a blend row holds
the blend weights and validation figures. Artefacts hold item-level aggregates
only, never a customer id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.store.times import utcnow

recommend_migrations = Migrations("kiosk.recommend")


@recommend_migrations(name="0001_artefacts_staff_picks")
def artefacts_and_staff_picks(db: Database) -> None:
    db.execute(
        """CREATE TABLE model_artefacts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            window_start TEXT,
            window_end TEXT,
            parameters TEXT NOT NULL DEFAULT '{}',
            metrics TEXT NOT NULL DEFAULT '{}',
            trained TEXT NOT NULL,
            blob BLOB,
            UNIQUE (name, version)
        )"""
    )
    db.execute(
        """CREATE TABLE staff_picks (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            sku TEXT NOT NULL,
            staff_name TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            UNIQUE (customer_id, sku)
        )"""
    )
    db.execute("CREATE INDEX staff_picks_customer ON staff_picks(customer_id, created)")


# -- model artefacts --------------------------------------------------------------

def newest_version(db: Database) -> int | None:
    """The newest run's version (None before the first)."""
    return db.execute("SELECT max(version) FROM model_artefacts").fetchone()[0]


def next_version(db: Database) -> int:
    return (newest_version(db) or 0) + 1


def add_artefact(db: Database, *, name: str, version: int, window_start: str | None,
                 window_end: str | None, parameters: str, metrics: str, trained: str,
                 blob: bytes | None) -> None:
    """One row of a run (``parameters`` and ``metrics`` are JSON texts)."""
    db.execute(
        "INSERT INTO model_artefacts (name, version, window_start, window_end, "
        "parameters, metrics, trained, blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [name, version, window_start, window_end, parameters, metrics, trained, blob])


def keep_versions(db: Database, newest: int, keep: int) -> None:
    """Delete the runs older than the ``keep`` newest (``newest`` being the last)."""
    db.execute("DELETE FROM model_artefacts WHERE version <= ?", [newest - keep])


def latest_version(db: Database, name: str) -> int | None:
    """The newest version that has a row ``name`` (the blend's: a complete run)."""
    row = db.execute("SELECT max(version) FROM model_artefacts WHERE name = ?",
                     [name]).fetchone()
    return row[0] if row and row[0] is not None else None


def parameters(db: Database, name: str, version: int) -> str | None:
    """The parameters (JSON) of row ``name`` of a run, or None."""
    row = db.execute("SELECT parameters FROM model_artefacts WHERE name = ? AND version = ?",
                     [name, version]).fetchone()
    return None if row is None else row[0]


def blobs(db: Database, version: int, *, besides: str) -> dict[str, bytes | None]:
    """name -> stored state of every row of a run but ``besides``."""
    return {name: blob for name, blob in db.execute(
        "SELECT name, blob FROM model_artefacts WHERE version = ? AND name != ?",
        [version, besides])}


def run_rows(db: Database, version: int) -> list[tuple[Any, ...]]:
    """(name, window_start, window_end, parameters, metrics, trained, blob) of every row of
    a run, by name: what head office publishes (``kiosk hq publish-model``)."""
    return db.execute(
        "SELECT name, window_start, window_end, parameters, metrics, trained, blob "
        "FROM model_artefacts WHERE version = ? ORDER BY name", [version]).fetchall()


def runs(db: Database) -> Iterator[tuple[Any, ...]]:
    """(name, version, window_start, window_end, parameters, metrics, trained, blob size)
    of every row, newest run first."""
    return db.execute(
        "SELECT name, version, window_start, window_end, parameters, metrics, trained, "
        "length(blob) FROM model_artefacts ORDER BY version DESC, name")


# -- staff picks ---------------------------------------------------------------------

def add_staff_pick(db: Database, customer_id: str, sku: str, staff_name: str,
                   note: str) -> None:
    """A staff member's pick for a customer (a second pick of the sku replaces the first)."""
    db.execute(
        "INSERT INTO staff_picks (customer_id, sku, staff_name, note, created) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_id, sku) DO UPDATE SET "
        "staff_name = excluded.staff_name, note = excluded.note, "
        "created = excluded.created",
        [customer_id, sku, staff_name, note, utcnow()])


def staff_picks(db: Database, customer_id: str, limit: int) -> list[tuple[str, str, str]]:
    """(sku, staff_name, note) of the customer's newest picks."""
    return db.execute(
        "SELECT sku, staff_name, note FROM staff_picks WHERE customer_id = ? "
        "ORDER BY created DESC, id DESC LIMIT ?", [customer_id, limit]).fetchall()


def remove_staff_pick(db: Database, customer_id: str, sku: str) -> None:
    """Withdraw a staff pick (the record's ``staff_pick:SKU`` became null)."""
    db.execute("DELETE FROM staff_picks WHERE customer_id = ? AND sku = ?", [customer_id, sku])


def staff_pick_of(db: Database, customer_id: str, sku: str) -> tuple[str, str] | None:
    """(staff_name, note) of the customer's pick of ``sku``, or None."""
    return db.execute("SELECT staff_name, note FROM staff_picks WHERE customer_id = ? "
                      "AND sku = ?", [customer_id, sku]).fetchone()
