"""Customers and what they said: ``customers``, ``consents``, ``preferences`` and the
privacy tables (``privacy_pauses``, ``privacy_erasures``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.chain import unstamp
from kiosk.store.times import utcnow

# Named when the privacy service owned its tables; the name is recorded in every
# kiosk database, so it stays.
privacy_migrations = Migrations("kiosk.privacy")


class UnknownCustomer(LookupError):
    """No customer with that id in this kiosk's database."""


def create_core_tables(db: Database) -> None:
    """These tables' part of the core migration ``kiosk/0002_schema`` (shipped: never edit)."""
    db.execute(
        """CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            loyalty_ref TEXT UNIQUE,      -- the till or loyalty system's reference
            first_name TEXT,
            created TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'import',  -- import | enrolment | hq
            erased TEXT                   -- set while an erasure is being carried out
        )"""
    )
    # Consents are an append-only log: rows are never updated, and only
    # deleted once their customer is gone (erasure).
    db.execute(
        """CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
            at TEXT NOT NULL,
            source TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX consents_customer ON consents(customer_id, purpose, id)")
    db.execute(
        """CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
           BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
           WHEN EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
           BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END"""
    )
    db.execute(
        """CREATE TABLE preferences (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            key TEXT NOT NULL,            -- theme | colour | budget | size | ...
            value TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('shopper', 'staff', 'inferred')),
            updated TEXT NOT NULL,
            UNIQUE (customer_id, key, value)
        )"""
    )


@privacy_migrations(name="0001_pauses_erasures")
def pauses_and_erasures(db: Database) -> None:
    db.execute(
        """CREATE TABLE privacy_pauses (
            customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
            paused TEXT NOT NULL
        )"""
    )
    # Erased customers, as a keyed hash of their id only, so that a later
    # import from the till does not bring them back (see docs/privacy.md).
    db.execute(
        """CREATE TABLE privacy_erasures (
            digest TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            origin TEXT NOT NULL
        )"""
    )


# -- customers --------------------------------------------------------------

_INSERT_IMPORTED = """
INSERT INTO customers (id, created, origin) VALUES (?, ?, 'import')
ON CONFLICT (id) DO NOTHING
"""


def get(db: Database, customer_id: str) -> tuple[str, str | None, str, str] | None:
    """(id, first_name, origin, created), or None."""
    return db.execute("SELECT id, first_name, origin, created FROM customers WHERE id = ?",
                      [customer_id]).fetchone()


def require(db: Database, customer_id: str) -> tuple[str, str | None, str, str]:
    """``get``, or UnknownCustomer (which names nobody)."""
    row = get(db, customer_id)
    if row is None:
        raise UnknownCustomer("no customer with that id")
    return row


def exists(db: Database, customer_id: str) -> bool:
    return db.execute("SELECT 1 FROM customers WHERE id = ?",
                      [customer_id]).fetchone() is not None


def add_enrolled(db: Database, customer_id: str, first_name: str | None) -> None:
    db.execute("INSERT INTO customers (id, first_name, created, origin) "
               "VALUES (?, ?, ?, 'enrolment')", [customer_id, first_name, utcnow()])


def add_imported(db: Database, rows: Iterable[tuple[str, str]]) -> None:
    """(id, created) rows from a till import; customers already here are left alone."""
    db.conn.executemany(_INSERT_IMPORTED, rows)


def upsert_from_hq(db: Database, customer_id: str, loyalty_ref: str | None,
                   first_name: str | None, now: str) -> None:
    """A customer from head office's profile; a known one only gets a first name it lacks."""
    db.execute(
        "INSERT INTO customers (id, loyalty_ref, first_name, created, origin) "
        "VALUES (?, ?, ?, ?, 'hq') ON CONFLICT(id) DO UPDATE SET "
        "first_name = coalesce(excluded.first_name, first_name)",
        [customer_id, loyalty_ref, first_name, now],
    )


def set_first_name(db: Database, customer_id: str, first_name: str | None) -> None:
    db.execute("UPDATE customers SET first_name = ? WHERE id = ?", [first_name, customer_id])


def named(db: Database) -> set[str]:
    """The ids of the customers who gave a first name."""
    return {r[0] for r in db.execute("SELECT id FROM customers WHERE first_name IS NOT NULL")}


def delete(db: Database, customer_id: str) -> int:
    return db.execute("DELETE FROM customers WHERE id = ?", [customer_id]).rowcount


def all_ids(db: Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT id FROM customers")}


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM customers").fetchone()[0]


# -- consents (an append-only log) ------------------------------------------

def consent_log(db: Database, customer_id: str) -> list[tuple[str, int, str, str]]:
    """(purpose, granted, at, source) of every answer, oldest first."""
    return db.execute("SELECT purpose, granted, at, source FROM consents "
                      "WHERE customer_id = ? ORDER BY id", [customer_id]).fetchall()


def answers(db: Database, customer_id: str) -> list[tuple[str, int]]:
    """(purpose, granted) of every answer, oldest first: the last of each purpose counts."""
    return db.execute("SELECT purpose, granted FROM consents WHERE customer_id = ? "
                      "ORDER BY id", [customer_id]).fetchall()


def latest_answer(db: Database, customer_id: str, purpose: str) -> bool | None:
    """The last answer for ``purpose`` (None: never asked)."""
    row = db.execute("SELECT granted FROM consents WHERE customer_id = ? AND purpose = ? "
                     "ORDER BY id DESC LIMIT 1", [customer_id, purpose]).fetchone()
    return None if row is None else bool(row[0])


def was_asked(db: Database, customer_id: str) -> bool:
    """True once the customer answered anything (a till import never asked them)."""
    return db.execute("SELECT 1 FROM consents WHERE customer_id = ? LIMIT 1",
                      [customer_id]).fetchone() is not None


def add_answer(db: Database, customer_id: str, purpose: str, granted: bool, at: str,
               source: str) -> None:
    db.execute("INSERT INTO consents (customer_id, purpose, granted, at, source) "
               "VALUES (?, ?, ?, ?, ?)", [customer_id, purpose, int(bool(granted)), at, source])


def delete_answers(db: Database, customer_id: str) -> int:
    """Only once the customer is gone (a trigger refuses it before)."""
    return db.execute("DELETE FROM consents WHERE customer_id = ?", [customer_id]).rowcount


def consenting(db: Database, purpose: str) -> list[str]:
    """The customers whose last answer for ``purpose`` is yes, by id."""
    rows = db.execute(
        "SELECT c.customer_id FROM consents c JOIN customers u ON u.id = c.customer_id "
        "WHERE c.purpose = ? AND c.granted = 1 AND c.id = ("
        "SELECT max(id) FROM consents WHERE customer_id = c.customer_id "
        "AND purpose = ?) ORDER BY c.customer_id", [purpose, purpose]).fetchall()
    return [r[0] for r in rows]


# -- preferences -------------------------------------------------------------

def preferences_of(db: Database, customer_id: str) -> list[tuple[str, str, str, str]]:
    """(key, value, source, updated), by key and value."""
    return db.execute("SELECT key, value, source, updated FROM preferences "
                      "WHERE customer_id = ? ORDER BY key, value", [customer_id]).fetchall()


def preference_values(db: Database, customer_id: str | None = None
                      ) -> Iterator[tuple[str, str, str]]:
    """(customer_id, key, value) of one customer, or of everyone, in that order."""
    if customer_id is None:
        return db.execute("SELECT customer_id, key, value FROM preferences "
                          "ORDER BY customer_id, key, value")
    return db.execute("SELECT customer_id, key, value FROM preferences WHERE customer_id = ? "
                      "ORDER BY customer_id, key, value", [customer_id])


def set_preference(db: Database, customer_id: str, key: str, value: str, source: str) -> None:
    """Add the preference, or refresh its source and time."""
    db.execute(
        "INSERT INTO preferences (customer_id, key, value, source, updated) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_id, key, value) "
        "DO UPDATE SET source = excluded.source, updated = excluded.updated",
        [customer_id, key, value, source, utcnow()],
    )


def add_preference(db: Database, customer_id: str, key: str, value: str, source: str,
                   now: str) -> None:
    """Add the preference unless the customer has it already (kept as it is)."""
    db.execute(
        "INSERT OR IGNORE INTO preferences (customer_id, key, value, source, updated) "
        "VALUES (?, ?, ?, ?, ?)", [customer_id, key, value, source, now])


def remove_preferences(db: Database, customer_id: str, key: str,
                       value: str | None = None) -> int:
    """Remove one value of ``key``, or all of them; returns how many."""
    if value is None:
        return db.execute("DELETE FROM preferences WHERE customer_id = ? AND key = ?",
                          [customer_id, key]).rowcount
    return db.execute(
        "DELETE FROM preferences WHERE customer_id = ? AND key = ? AND value = ?",
        [customer_id, key, value]).rowcount


# -- paused personalisation, erased ids ---------------------------------------

def is_paused(db: Database, customer_id: str) -> bool:
    return db.execute("SELECT 1 FROM privacy_pauses WHERE customer_id = ?",
                      [customer_id]).fetchone() is not None


def pause(db: Database, customer_id: str) -> None:
    db.execute("INSERT OR IGNORE INTO privacy_pauses (customer_id, paused) VALUES (?, ?)",
               [customer_id, utcnow()])


def unpause(db: Database, customer_id: str) -> None:
    db.execute("DELETE FROM privacy_pauses WHERE customer_id = ?", [customer_id])


def remember_erasure(db: Database, digest: str, origin: str) -> None:
    """Keep the keyed digest of an erased id (once)."""
    db.execute("INSERT OR IGNORE INTO privacy_erasures (digest, at, origin) VALUES (?, ?, ?)",
               [digest, utcnow(), origin])


def any_erased(db: Database, digests: list[str]) -> bool:
    marks = ", ".join("?" for _ in digests)
    return db.execute(f"SELECT 1 FROM privacy_erasures WHERE digest IN ({marks})",
                      digests).fetchone() is not None



# -- the record's fields (kiosk.chain) ---------------------------------------------

@privacy_migrations(name="0002_profile_fields")
def profile_fields_table(db: Database) -> None:
    # Each field of a shopper's record with the version that wrote it, so an
    # edit from head office merges by kiosk.chain's rule (``value`` is JSON).
    db.execute(
        """CREATE TABLE profile_fields (
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            value TEXT,
            hlc TEXT NOT NULL,
            base TEXT NOT NULL DEFAULT '',
            restricted_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (customer_id, field)
        )"""
    )


FieldRow = tuple[str | None, str, str, str]


def field_states(db: Database, customer_id: str,
                 fields: Iterable[str] | None = None) -> dict[str, FieldRow]:
    """field -> (value JSON, hlc, base, restricted_at): all of a customer's, or ``fields``."""
    rows = db.execute("SELECT field, value, hlc, base, restricted_at FROM profile_fields "
                      "WHERE customer_id = ?", [customer_id]).fetchall()
    wanted = None if fields is None else set(fields)
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows if wanted is None or r[0] in wanted}


def put_field_state(db: Database, customer_id: str, field: str, value_json: str | None,
                    hlc: str, base: str, restricted_at: str) -> None:
    db.execute(
        "INSERT INTO profile_fields (customer_id, field, value, hlc, base, restricted_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id, field) DO UPDATE SET "
        "value = excluded.value, hlc = excluded.hlc, base = excluded.base, "
        "restricted_at = excluded.restricted_at",
        [customer_id, field, value_json, hlc, base, restricted_at])


def delete_field_states(db: Database, customer_id: str) -> int:
    return db.execute("DELETE FROM profile_fields WHERE customer_id = ?",
                      [customer_id]).rowcount


def copy_customer(db: Database, source_id: str, target_id: str) -> None:
    """Make ``target_id`` from ``source_id``'s row if it does not exist (a merge)."""
    db.execute("INSERT INTO customers (id, first_name, created, origin) "
               "SELECT ?, first_name, created, 'hq' FROM customers WHERE id = ? "
               "ON CONFLICT (id) DO NOTHING", [target_id, source_id])


def take_loyalty_ref(db: Database, source_id: str, target_id: str) -> None:
    """Give ``source_id``'s till reference to ``target_id`` if it has none (a merge)."""
    row = db.execute("SELECT loyalty_ref FROM customers WHERE id = ?", [source_id]).fetchone()
    if row is None or row[0] is None:
        return
    db.execute("UPDATE customers SET loyalty_ref = NULL WHERE id = ?", [source_id])
    db.execute("UPDATE customers SET loyalty_ref = coalesce(loyalty_ref, ?) WHERE id = ?",
               [row[0], target_id])


def move_rows(db: Database, source_id: str, target_id: str, tables: Iterable[str]) -> int:
    """Give ``source_id``'s rows of ``tables`` (by ``customer_id``) to ``target_id``; a row
    the target already has (a unique key) is dropped. Returns rows moved."""
    moved = 0
    for table in tables:
        moved += db.execute(f"UPDATE OR IGNORE [{table}] SET customer_id = ? "
                            "WHERE customer_id = ?", [target_id, source_id]).rowcount
        db.execute(f"DELETE FROM [{table}] WHERE customer_id = ?", [source_id])
    return moved


# -- for the staff client book (kiosk.store.clients, kiosk.clienteling) --------------

def book_facts(db: Database, ids: list[str] | None, purpose: str, advisor_field: str
               ) -> list[tuple[str, str | None, bool | None, str | None]]:
    """(id, first name, latest ``purpose`` answer, advisor) of ``ids`` (None: everyone)."""
    where, params = "", [purpose, advisor_field]
    if ids is not None:
        where = "WHERE u.id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(ids))
    rows = db.execute(
        "SELECT u.id, u.first_name, (SELECT granted FROM consents WHERE customer_id = u.id "
        "AND purpose = ? ORDER BY id DESC LIMIT 1), (SELECT json_extract(value, '$') "
        f"FROM profile_fields WHERE customer_id = u.id AND field = ?) FROM customers u {where}",
        params).fetchall()
    return [(r[0], r[1], None if r[2] is None else bool(r[2]),
             r[3] if isinstance(r[3], str) else None) for r in rows]


def became_client(db: Database, ids: list[str] | None, purpose: str) -> dict[str, str]:
    """id -> when the shopper first said yes to ``purpose`` (ISO, UTC), of ``ids`` (None:
    everyone): the earlier of the first yes in this device's own log (an answer given here)
    and the stamp of the record's yes (an answer given at any device, received from head
    office). The log's ``hq`` rows are left out: they hold when an answer arrived here."""
    where, params = "", [purpose]
    if ids is not None:
        where = "AND customer_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(ids))
    found = {r[0]: r[1] for r in db.execute(
        "SELECT customer_id, min(at) FROM consents WHERE purpose = ? AND granted = 1 "
        f"AND source <> 'hq' {where} GROUP BY customer_id", params)}
    field_params: list[Any] = [f"consent:{purpose}", *params[1:]]
    for customer_id, hlc in db.execute(
            "SELECT customer_id, hlc FROM profile_fields WHERE field = ? AND value = 'true' "
            f"{where}", field_params):
        try:
            millis = unstamp(hlc)[0]
        except ValueError:
            continue
        given = datetime.fromtimestamp(millis / 1000, UTC).isoformat(timespec="microseconds")
        if customer_id not in found or given < found[customer_id]:
            found[customer_id] = given
    return found


def consenting_among(db: Database, ids: Iterable[str], purpose: str) -> set[str]:
    """Which of ``ids`` exist and answered yes last for ``purpose`` (one query)."""
    return {r[0] for r in db.execute(
        "SELECT u.id FROM customers u WHERE u.id IN (SELECT value FROM json_each(?)) "
        "AND (SELECT granted FROM consents WHERE customer_id = u.id AND purpose = ? "
        "ORDER BY id DESC LIMIT 1) = 1", [json.dumps(sorted(set(ids))), purpose])}


def field_values(db: Database, customer_id: str, prefix: str) -> dict[str, Any]:
    """field -> latest value (decoded) of the shopper's record fields starting ``prefix``."""
    return {r[0]: None if r[1] is None else json.loads(r[1]) for r in db.execute(
        "SELECT field, value FROM profile_fields WHERE customer_id = ? "
        "AND substr(field, 1, ?) = ?", [customer_id, len(prefix), prefix])}


def first_name_of(db: Database, customer_id: str) -> str | None:
    row = db.execute("SELECT first_name FROM customers WHERE id = ?", [customer_id]).fetchone()
    return None if row is None else row[0]


def curation(db: Database, customer_id: str) -> tuple[set[str], set[str]]:
    """(pinned skus, hidden skus) of the shopper's record (``pin:SKU``/``hide:SKU`` true)."""
    pinned: set[str] = set()
    hidden: set[str] = set()
    for (field,) in db.execute(
            "SELECT field FROM profile_fields WHERE customer_id = ? AND value = 'true' "
            "AND (substr(field, 1, 4) = 'pin:' OR substr(field, 1, 5) = 'hide:')",
            [customer_id]):
        kind, _, sku = field.partition(":")
        (pinned if kind == "pin" else hidden).add(sku)
    return pinned, hidden
