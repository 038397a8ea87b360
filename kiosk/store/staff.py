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


ROLES = ("associate", "manager")


@staff_migrations(name="0002_roles_audit_views")
def _roles_audit_views(db: Database) -> None:
    db.execute("ALTER TABLE staff_accounts ADD COLUMN role TEXT NOT NULL DEFAULT 'associate'")
    db.execute(
        """CREATE TABLE staff_audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            staff TEXT NOT NULL,          -- the account's name
            action TEXT NOT NULL,         -- view, pick, pin, hide, note, consent, ...
            customer_id TEXT,
            device TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX staff_audit_customer ON staff_audit(customer_id, at)")
    # head office's "who looked at my profile" for each shopper, as the record says
    db.execute(
        """CREATE TABLE record_staff_views (
            customer_id TEXT NOT NULL,
            staff TEXT NOT NULL,
            store TEXT NOT NULL,
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX record_staff_views_customer ON record_staff_views(customer_id)")


def set_role(db: Database, name: str, role: str) -> None:
    db.execute("UPDATE staff_accounts SET role = ? WHERE name = ?", [role, name])


def role_of(db: Database, name: str) -> str | None:
    row = db.execute("SELECT role FROM staff_accounts WHERE name = ?", [name]).fetchone()
    return None if row is None else row[0]


def add_audit(db: Database, at: str, staff: str, action: str, customer_id: str | None,
              device: str) -> None:
    db.execute("INSERT INTO staff_audit (at, staff, action, customer_id, device) "
               "VALUES (?, ?, ?, ?, ?)", [at, staff, action, customer_id, device])


def audit_of(db: Database, customer_id: str) -> list[tuple[str, str, str, str]]:
    """(at, staff, action, device) of every audited act on the shopper here, oldest first."""
    return db.execute("SELECT at, staff, action, device FROM staff_audit "
                      "WHERE customer_id = ? ORDER BY id", [customer_id]).fetchall()


def replace_record_views(db: Database, customer_id: str,
                         views: list[tuple[str, str, str]]) -> None:
    """The record's staff views of the shopper: (staff, store, at) each."""
    db.execute("DELETE FROM record_staff_views WHERE customer_id = ?", [customer_id])
    db.conn.executemany("INSERT INTO record_staff_views (customer_id, staff, store, at) "
                   "VALUES (?, ?, ?, ?)", [(customer_id, *view) for view in views])


def record_views(db: Database, customer_id: str) -> list[tuple[str, str, str]]:
    """(staff, store, at) of each time staff looked at the shopper's profile, newest first."""
    return db.execute("SELECT staff, store, at FROM record_staff_views WHERE customer_id = ? "
                      "ORDER BY at DESC", [customer_id]).fetchall()


def names_and_roles(db: Database) -> list[tuple[str, str]]:
    """(name, role) of every account, by name."""
    return db.execute("SELECT name, role FROM staff_accounts ORDER BY name").fetchall()


def accounts_with_roles(db: Database) -> list[tuple[str, str, str, str]]:
    """(name, pin_hash, salt, role) of every account."""
    return db.execute("SELECT name, pin_hash, salt, role FROM staff_accounts").fetchall()


def audit_rows(db: Database, customer_id: str | None = None, limit: int = 1000
               ) -> list[tuple[str, str, str, str | None, str]]:
    """(at, staff, action, customer_id, device), newest first (of one shopper, or all)."""
    if customer_id is None:
        return db.execute("SELECT at, staff, action, customer_id, device FROM staff_audit "
                          "ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return db.execute("SELECT at, staff, action, customer_id, device FROM staff_audit "
                      "WHERE customer_id = ? ORDER BY id DESC LIMIT ?",
                      [customer_id, limit]).fetchall()
