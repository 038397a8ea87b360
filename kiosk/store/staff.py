"""Staff accounts (``staff_accounts``: hashed PINs) and the PIN lockout (``staff_lockout``)."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

staff_migrations = Migrations("kiosk.staff")


@staff_migrations(name="0001_staff")
def _staff_tables(db: Database) -> None:
    db.execute(
        """CREATE TABLE staff_accounts (
            name TEXT PRIMARY KEY,
            pin_hash TEXT NOT NULL,       -- hex scrypt digest
            salt TEXT NOT NULL,           -- hex
            created TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE staff_lockout (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            failures INTEGER NOT NULL,
            locked_until TEXT
        )"""
    )


def save_account(db: Database, name: str, pin_hash: str, salt: str, created: str) -> None:
    """Add the account, or give it the new PIN."""
    db.execute(
        "INSERT INTO staff_accounts (name, pin_hash, salt, created) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET pin_hash = excluded.pin_hash, "
        "salt = excluded.salt",
        [name, pin_hash, salt, created],
    )


def remove_account(db: Database, name: str) -> bool:
    return db.execute("DELETE FROM staff_accounts WHERE name = ?", [name]).rowcount > 0


def names(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM staff_accounts ORDER BY name")]


def has_accounts(db: Database) -> bool:
    return db.execute("SELECT 1 FROM staff_accounts LIMIT 1").fetchone() is not None


def accounts(db: Database) -> list[tuple[str, str, str]]:
    """(name, pin_hash, salt) of every account."""
    return db.execute("SELECT name, pin_hash, salt FROM staff_accounts").fetchall()


def lockout(db: Database) -> tuple[int, str | None] | None:
    """(failures in a row, locked until), or None before the first wrong PIN."""
    return db.execute("SELECT failures, locked_until FROM staff_lockout WHERE id = 1"
                      ).fetchone()


def save_lockout(db: Database, failures: int, locked_until: str | None) -> None:
    db.execute(
        "INSERT INTO staff_lockout (id, failures, locked_until) VALUES (1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET failures = excluded.failures, "
        "locked_until = excluded.locked_until",
        [failures, locked_until],
    )
