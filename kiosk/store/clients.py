"""The staff client book's index (``client_book``): one row per shopper staff may see.

Staff search the shoppers who agreed to ``staff_profile`` as they type, over
100,000 of them, in a few milliseconds: that needs one narrow table with the
first name folded for search (case and accents removed) and each shopper's
visits, spend, first and last visit, advisor and when they became a client
(``client_since``: their first yes to ``staff_profile``), indexed. It is derived data:
the truth stays in ``customers``, ``consents``, ``purchases`` and
``profile_fields``.

What makes it stale is any write to those tables, by any path (the kiosk's own
edits, head office's records and merges, till imports, sync, erasure, another
process on the same file). So it is not kept up to date by the code paths
(one forgotten path would show a withdrawn shopper) but by **triggers** on those
tables, which mark the shopper in ``client_book_stale`` in the same
transaction as the write; ``refresh`` recomputes the marked rows before every
read, so a read never sees the index older than the tables. Deleting a
customer (erasure, a merge) removes their rows here at once. A new or
upgraded database starts unbuilt (``client_book_state``): the first refresh
builds the whole book. Time-dependent facts (lapsing, recently seen) are not
stored: they are worked out at read time.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.store import customers, purchases

clients_migrations = Migrations("kiosk.clients")

#: the consent that puts a shopper in the book
PURPOSE = "staff_profile"
ADVISOR_FIELD = "advisor"

BookRow = tuple[str, str | None, str | None, int, float, str | None, str | None]

# A mark is added only if absent, never with INSERT OR IGNORE: an upsert's ON CONFLICT
# (head office's records, the till import) overrides the conflict clause of the
# statements of the triggers it fires, so OR IGNORE would fail on a second mark.
_TRIGGERS = (
    """CREATE TRIGGER client_book_customer_added AFTER INSERT ON customers
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT NEW.id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.id); END""",
    """CREATE TRIGGER client_book_customer_renamed AFTER UPDATE OF first_name ON customers
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT NEW.id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.id); END""",
    """CREATE TRIGGER client_book_customer_gone AFTER DELETE ON customers
       BEGIN
         DELETE FROM client_book WHERE customer_id = OLD.id;
         DELETE FROM client_book_stale WHERE customer_id = OLD.id;
       END""",
    """CREATE TRIGGER client_book_consent AFTER INSERT ON consents
       WHEN NEW.purpose = 'staff_profile'
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT NEW.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.customer_id);
       END""",
    """CREATE TRIGGER client_book_bought AFTER INSERT ON purchases
       WHEN NEW.customer_id IS NOT NULL
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT NEW.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.customer_id);
       END""",
    """CREATE TRIGGER client_book_purchase_changed
       AFTER UPDATE OF customer_id, quantity, price, ts ON purchases
       BEGIN
         INSERT INTO client_book_stale (customer_id) SELECT OLD.customer_id
           WHERE OLD.customer_id IS NOT NULL AND NOT EXISTS
             (SELECT 1 FROM client_book_stale WHERE customer_id = OLD.customer_id);
         INSERT INTO client_book_stale (customer_id) SELECT NEW.customer_id
           WHERE NEW.customer_id IS NOT NULL AND NOT EXISTS
             (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.customer_id);
       END""",
    """CREATE TRIGGER client_book_purchase_gone AFTER DELETE ON purchases
       WHEN OLD.customer_id IS NOT NULL
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT OLD.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = OLD.customer_id);
       END""",
    """CREATE TRIGGER client_book_advisor_set AFTER INSERT ON profile_fields
       WHEN NEW.field = 'advisor'
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT NEW.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.customer_id);
       END""",
    """CREATE TRIGGER client_book_advisor_changed AFTER UPDATE ON profile_fields
       WHEN NEW.field = 'advisor'
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT NEW.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.customer_id);
       END""",
)


@clients_migrations(name="0001_client_book")
def client_book_tables(db: Database) -> None:
    db.execute(
        """CREATE TABLE client_book (
            customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
            first_name TEXT,
            name_key TEXT NOT NULL DEFAULT '',   -- the first name folded (fold_name)
            visits INTEGER NOT NULL DEFAULT 0,   -- days with a purchase
            spend REAL NOT NULL DEFAULT 0,
            first_visit TEXT,                    -- ISO dates
            last_visit TEXT,
            advisor TEXT                         -- the record's advisor field
        )"""
    )
    db.execute("CREATE INDEX client_book_name ON client_book(name_key, last_visit)")
    db.execute("CREATE INDEX client_book_last ON client_book(last_visit, customer_id)")
    db.execute("CREATE INDEX client_book_advisor ON client_book(advisor, last_visit)")
    db.execute("CREATE INDEX client_book_spend ON client_book(spend)")
    db.execute("CREATE TABLE client_book_stale (customer_id TEXT PRIMARY KEY)")
    db.execute(
        """CREATE TABLE client_book_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            built INTEGER NOT NULL             -- 0: the next refresh builds every row
        )"""
    )
    db.execute("INSERT INTO client_book_state (id, built) VALUES (1, 0)")
    for trigger in _TRIGGERS:
        db.execute(trigger)


_CLIENT_SINCE_TRIGGERS = (
    """CREATE TRIGGER client_book_consent_field_set AFTER INSERT ON profile_fields
       WHEN NEW.field = 'consent:staff_profile'
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT NEW.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.customer_id);
       END""",
    """CREATE TRIGGER client_book_consent_field_changed AFTER UPDATE ON profile_fields
       WHEN NEW.field = 'consent:staff_profile'
       BEGIN INSERT INTO client_book_stale (customer_id) SELECT NEW.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM client_book_stale WHERE customer_id = NEW.customer_id);
       END""",
)


@clients_migrations(name="0002_client_since")
def client_since_column(db: Database) -> None:
    """``client_since``: when the shopper became a client (the advisor's "new clients");
    the record's stamp of their yes counts, so its changes mark the row too. Rebuilt."""
    db.execute("ALTER TABLE client_book ADD COLUMN client_since TEXT")
    db.execute("CREATE INDEX client_book_since ON client_book(client_since)")
    db.execute("CREATE INDEX client_book_first ON client_book(first_visit)")
    for trigger in _CLIENT_SINCE_TRIGGERS:
        db.execute(trigger)
    rebuild(db)


def fold_name(text: str | None) -> str:
    """``text`` as search compares it: no accents, case folded, spaces squeezed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


# -- keeping it fresh --------------------------------------------------------------

def needs_refresh(db: Database) -> bool:
    """True when a write marked a shopper, or the book was never built (a cheap read)."""
    row = db.execute("SELECT built FROM client_book_state WHERE id = 1").fetchone()
    if row is None or not row[0]:
        return True
    return db.execute("SELECT 1 FROM client_book_stale LIMIT 1").fetchone() is not None


def refresh(db: Database) -> int:
    """Recompute the marked rows (every row if unbuilt); returns how many were looked at.

    Call inside a write transaction. Its first statement writes, so the
    transaction holds the write lock before it reads what to recompute.
    """
    db.execute("UPDATE client_book_state SET built = built WHERE id = 1")
    built = db.execute("SELECT built FROM client_book_state WHERE id = 1").fetchone()[0]
    ids: list[str] | None = None
    if built:
        ids = [r[0] for r in db.execute("SELECT customer_id FROM client_book_stale")]
        if not ids:
            return 0
    facts = customers.book_facts(db, ids, PURPOSE, ADVISOR_FIELD)
    stats = purchases.visit_stats(db, ids)
    since = customers.became_client(db, ids, PURPOSE)
    rows = []
    for customer_id, first_name, consented, advisor in facts:
        if not consented:
            continue
        visits, spend, first, last = stats.get(customer_id, (0, 0.0, None, None))
        rows.append((customer_id, first_name, fold_name(first_name), visits, spend, first,
                     last, advisor, since.get(customer_id)))
    if ids is None:
        db.execute("DELETE FROM client_book")
        db.execute("DELETE FROM client_book_stale")
    else:
        chosen = json.dumps(ids)
        db.execute("DELETE FROM client_book WHERE customer_id IN "
                   "(SELECT value FROM json_each(?))", [chosen])
        db.execute("DELETE FROM client_book_stale WHERE customer_id IN "
                   "(SELECT value FROM json_each(?))", [chosen])
    db.conn.executemany(
        "INSERT INTO client_book (customer_id, first_name, name_key, visits, spend, "
        "first_visit, last_visit, advisor, client_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)
    db.execute("UPDATE client_book_state SET built = 1 WHERE id = 1")
    return len(facts) if ids is None else len(ids)


def rebuild(db: Database) -> None:
    """Mark the book unbuilt: the next refresh recomputes every row."""
    db.execute("UPDATE client_book_state SET built = 0 WHERE id = 1")


# -- reading it ----------------------------------------------------------------------

_COLUMNS = "customer_id, first_name, last_visit, visits, spend, advisor, first_visit"


def search(db: Database, *, name_prefix: str | None = None, ids: Iterable[str] | None = None,
           advisor: str | None = None, lapsing: tuple[str, float] | None = None,
           min_spend: float | None = None, limit: int = 50) -> list[BookRow]:
    """Rows of the book, newest last visit first (never-bought last).

    ``name_prefix``: folded (``fold_name``); ``ids``: only these shoppers;
    ``lapsing``: (reference ISO day, factor): at least two visits and more
    than factor × their usual interval since the last; ``min_spend``: spend at
    least this. Returns (id, first name, last visit, visits, spend, advisor,
    first visit).
    """
    where, params = [], []  # type: ignore[var-annotated]
    if name_prefix:
        where.append("name_key >= ? AND name_key < ?")
        params += [name_prefix, name_prefix + "\U0010ffff"]
    if ids is not None:
        where.append("customer_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(set(ids))))
    if advisor is not None:
        where.append("advisor = ?")
        params.append(advisor)
    if lapsing is not None:
        where.append("visits >= 2 AND julianday(?) - julianday(last_visit) > "
                     "? * (julianday(last_visit) - julianday(first_visit)) / (visits - 1)")
        params += list(lapsing)
    if min_spend is not None:
        where.append("spend >= ?")
        params.append(min_spend)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return db.execute(f"SELECT {_COLUMNS} FROM client_book {clause} "
                      "ORDER BY last_visit DESC, customer_id DESC LIMIT ?",
                      [*params, limit]).fetchall()


def row_of(db: Database, customer_id: str) -> BookRow | None:
    return db.execute(f"SELECT {_COLUMNS} FROM client_book WHERE customer_id = ?",
                      [customer_id]).fetchone()


def high_value_threshold(db: Database, share: float) -> float | None:
    """The spend that puts a client in the top ``share`` of clients who spent anything."""
    spenders = db.execute("SELECT count(*) FROM client_book WHERE spend > 0").fetchone()[0]
    if not spenders:
        return None
    rank = max(1, round(spenders * share))
    row = db.execute("SELECT spend FROM client_book WHERE spend > 0 ORDER BY spend DESC "
                     "LIMIT 1 OFFSET ?", [rank - 1]).fetchone()
    return None if row is None else float(row[0])


def new_between(db: Database, first: str, last: str, limit: int) -> list[BookRow]:
    """New clients from ISO day ``first`` to ``last``: they became clients (``client_since``)
    or bought for the first time in those days; newest first (by the later of the two)."""
    end = (date.fromisoformat(last) + timedelta(days=1)).isoformat()
    inside_since = "(client_since >= ? AND client_since < ?)"
    inside_first = "(first_visit >= ? AND first_visit < ?)"
    return db.execute(
        f"SELECT {_COLUMNS} FROM client_book WHERE {inside_since} OR {inside_first} "
        f"ORDER BY max(CASE WHEN {inside_since} THEN substr(client_since, 1, 10) ELSE '' END, "
        f"CASE WHEN {inside_first} THEN first_visit ELSE '' END) DESC, customer_id LIMIT ?",
        [first, end] * 4 + [limit]).fetchall()


def rows_for(db: Database, ids: Iterable[str]) -> dict[str, BookRow]:
    return {r[0]: r for r in db.execute(
        f"SELECT {_COLUMNS} FROM client_book WHERE customer_id IN "
        "(SELECT value FROM json_each(?))", [json.dumps(sorted(set(ids)))])}


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM client_book").fetchone()[0]


def status(db: Database) -> dict[str, Any]:
    """For ``kiosk store info``-like reports and tests: rows, marked rows, built."""
    return {"rows": count(db),
            "stale": db.execute("SELECT count(*) FROM client_book_stale").fetchone()[0],
            "built": bool(db.execute("SELECT built FROM client_book_state").fetchone()[0])}
