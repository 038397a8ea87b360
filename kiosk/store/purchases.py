"""Purchases: one row per invoice line after netting returns (``purchases``).

Anonymous sales have no customer and feed only store-level popularity; an
erased customer's purchases stay, anonymised, for the same reason.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

_UPSERT_IMPORTED = """
INSERT INTO purchases (invoice, customer_id, sku, quantity, price, ts, store_id)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (invoice, sku, price) DO UPDATE SET
    customer_id = excluded.customer_id, quantity = excluded.quantity, ts = excluded.ts,
    store_id = excluded.store_id
WHERE customer_id IS NOT excluded.customer_id OR quantity != excluded.quantity
   OR ts != excluded.ts OR store_id != excluded.store_id
"""


def create_core_tables(db: Database) -> None:
    """This table's part of the core migration ``kiosk/0002_schema`` (shipped: never edit)."""
    # One row per invoice line after netting returns; anonymous sales have no
    # customer and feed only store-level popularity.
    db.execute(
        """CREATE TABLE purchases (
            id INTEGER PRIMARY KEY,
            invoice TEXT NOT NULL,
            customer_id TEXT REFERENCES customers(id) ON DELETE CASCADE,
            sku TEXT NOT NULL REFERENCES products(sku),
            quantity INTEGER NOT NULL,
            price REAL NOT NULL,
            ts TEXT NOT NULL,
            store_id TEXT NOT NULL,
            excluded INTEGER NOT NULL DEFAULT 0,  -- "don't use this purchase"
            UNIQUE (invoice, sku, price)
        )"""
    )
    db.execute("CREATE INDEX purchases_customer ON purchases(customer_id, ts)")
    db.execute("CREATE INDEX purchases_ts ON purchases(ts)")
    db.execute("CREATE INDEX purchases_sku ON purchases(sku)")


purchases_migrations = Migrations("kiosk.purchases")


@purchases_migrations(name="0001_line_ids")
def line_id_column(db: Database) -> None:
    # Head office's id of a line from the tills (kiosk.hq.tills): a history
    # received twice adds nothing. NULL for the kiosk's own import.
    db.execute("ALTER TABLE purchases ADD COLUMN line_id TEXT")
    db.execute("CREATE UNIQUE INDEX purchases_line_id ON purchases(line_id) "
               "WHERE line_id IS NOT NULL")


_ADD_FROM_HQ = """
INSERT OR IGNORE INTO purchases (line_id, invoice, customer_id, sku, quantity, price, ts,
                                 store_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""


# -- what the store sold ----------------------------------------------------

def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM purchases").fetchone()[0]


def count_invoices(db: Database) -> int:
    return db.execute("SELECT count(DISTINCT invoice) FROM purchases").fetchone()[0]


def any_purchases(db: Database) -> bool:
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM purchases)").fetchone()[0])


def for_training(db: Database) -> Iterator[tuple[str, str | None, str, str]]:
    """(invoice, customer_id, sku, ts) of every line a customer did not exclude, oldest
    first (a cursor: the store may hold millions)."""
    return db.execute("SELECT invoice, customer_id, sku, ts FROM purchases "
                      "WHERE excluded = 0 ORDER BY ts, id")


def lines_by_price(db: Database, skus: list[str]) -> dict[str, dict[float, int]]:
    """sku -> {unit price: purchase lines at it}, for ``skus``."""
    result: dict[str, dict[float, int]] = {}
    if not skus:
        return result
    for sku, price, lines in db.execute(
            "SELECT sku, price, count(*) FROM purchases "
            "WHERE sku IN (SELECT value FROM json_each(?)) GROUP BY sku, price",
            [json.dumps(skus)]):
        result.setdefault(sku, {})[price] = lines
    return result


def best_customers(db: Database, limit: int) -> list[str]:
    """The customers with the most invoices (ties by id)."""
    return [r[0] for r in db.execute(
        "SELECT customer_id FROM purchases WHERE customer_id IS NOT NULL "
        "GROUP BY customer_id ORDER BY count(DISTINCT invoice) DESC, customer_id LIMIT ?",
        [limit]).fetchall()]


# -- one customer's purchases --------------------------------------------------

def of_customer(db: Database, customer_id: str) -> list[tuple[Any, ...]]:
    """(id, invoice, sku, quantity, price, ts, excluded), newest first."""
    return db.execute("SELECT id, invoice, sku, quantity, price, ts, excluded FROM purchases "
                      "WHERE customer_id = ? ORDER BY ts DESC, id", [customer_id]).fetchall()


def history(db: Database, customer_id: str) -> list[tuple[str, str]]:
    """(sku, ts) of the lines the customer did not exclude, oldest first."""
    return db.execute("SELECT sku, ts FROM purchases WHERE customer_id = ? AND excluded = 0 "
                      "ORDER BY ts", [customer_id]).fetchall()


def set_excluded(db: Database, customer_id: str, purchase_id: int, excluded: bool) -> bool:
    """Mark one of the customer's purchases "don't use" (or use again); False if not theirs."""
    return db.execute("UPDATE purchases SET excluded = ? WHERE id = ? AND customer_id = ?",
                      [int(bool(excluded)), purchase_id, customer_id]).rowcount == 1


def _day(ts: str) -> str:
    try:
        moment = datetime.fromisoformat(ts)
    except ValueError:
        return ts[:10] if len(ts) >= 10 else ts
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).isoformat(
        sep=ts[10] if len(ts) > 10 else "T")


def anonymise(db: Database, customer_id: str) -> int:
    """Keep the customer's purchases for the store's popularity, linked to nobody.

    No customer id, a fresh random invoice number per invoice (the till's number
    would link back to the person), no head-office line id (a digest of that
    number), the time cut to the day, the "excluded" flag cleared. Returns how many lines.
    """
    rows = db.execute(
        "SELECT id, invoice, ts FROM purchases WHERE customer_id = ?", [customer_id]
    ).fetchall()
    fresh: dict[str, str] = {}
    for purchase_id, invoice, ts in rows:
        new_invoice = fresh.setdefault(invoice, "anon-" + secrets.token_hex(8))
        db.execute(
            "UPDATE purchases SET customer_id = NULL, invoice = ?, ts = ?, excluded = 0, "
            "line_id = NULL WHERE id = ?",
            [new_invoice, _day(ts), purchase_id],
        )
    return len(rows)


# -- the importer's bulk write -------------------------------------------------

def upsert_imported(db: Database, rows: Iterable[tuple[Any, ...]]) -> None:
    """(invoice, customer_id, sku, quantity, price, ts, store_id) rows; an unchanged line
    is not rewritten."""
    db.conn.executemany(_UPSERT_IMPORTED, rows)


def secondary_indexes(db: Database) -> list[tuple[str, str]]:
    """Name and SQL of the indexes that are not constraints (UNIQUE stays)."""
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'purchases' "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name").fetchall()
    return [(name, sql) for name, sql in rows]


def drop_index(db: Database, name: str) -> None:
    """Drop one of ``secondary_indexes`` (a bulk load builds it again once, at the end)."""
    db.execute(f"DROP INDEX [{name}]")


def create_indexes(db: Database, indexes: Iterable[tuple[str, str]]) -> None:
    """Build again the ``secondary_indexes`` a bulk load dropped."""
    for _, sql in indexes:
        db.execute(sql)


# -- histories from head office --------------------------------------------------

def add_from_hq(db: Database, customer_id: str, lines: Iterable[dict[str, Any]],
                store_id: str) -> int:
    """A customer's purchase lines from head office; a line already here (by its
    ``line_id``, or its invoice, code and price) is left alone. Returns lines added.

    ``store_id`` is this store's: the invoice numbers of another store's lines
    are kept as ``STORE:INVOICE``, since stores number their invoices each on
    their own and a line here is one invoice, code and price.
    The customer and the products must exist (``customers``, ``catalogue``).
    """
    before = db.conn.total_changes
    db.conn.executemany(_ADD_FROM_HQ, [
        (line["line_id"], _invoice(line, store_id), customer_id, line["sku"],
         int(line["quantity"]), float(line["price"]), line["at"], line["store_id"])
        for line in lines])
    return db.conn.total_changes - before


def _invoice(line: dict[str, Any], store_id: str) -> str:
    invoice = line["invoice"]
    return invoice if line["store_id"] == store_id else f"{line['store_id']}:{invoice}"


def line_ids(db: Database, customer_id: str) -> set[str]:
    """The head-office line ids of the customer's purchases here."""
    return {r[0] for r in db.execute("SELECT line_id FROM purchases WHERE customer_id = ? "
                                     "AND line_id IS NOT NULL", [customer_id]).fetchall()}


# -- for the staff client book (kiosk.store.clients, kiosk.clienteling) --------------

def visit_stats(db: Database, ids: list[str] | None
                ) -> dict[str, tuple[int, float, str, str]]:
    """customer -> (days with a purchase, spend, first day, last day), of ``ids`` or all."""
    where, params = "customer_id IS NOT NULL", []
    if ids is not None:
        where = "customer_id IN (SELECT value FROM json_each(?))"
        params = [json.dumps(ids)]
    return {r[0]: (r[1], round(r[2] or 0.0, 2), r[3], r[4]) for r in db.execute(
        "SELECT customer_id, count(DISTINCT substr(ts, 1, 10)), sum(quantity * price), "
        f"min(substr(ts, 1, 10)), max(substr(ts, 1, 10)) FROM purchases WHERE {where} "
        "GROUP BY customer_id", params)}


def last_day(db: Database) -> str | None:
    """The day of the store's latest purchase (ISO), or None without purchases."""
    row = db.execute("SELECT max(ts) FROM purchases").fetchone()
    return None if row is None or row[0] is None else row[0][:10]


def lines_of(db: Database, customer_id: str) -> list[tuple[str, str, str, int, float, str]]:
    """(ts, store, invoice, sku, quantity, price) of every line, newest first."""
    return db.execute("SELECT ts, store_id, invoice, sku, quantity, price FROM purchases "
                      "WHERE customer_id = ? ORDER BY ts DESC, invoice, id",
                      [customer_id]).fetchall()


def last_bought(db: Database, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(customer, sku) -> the latest time they bought it, for the pairs they did buy."""
    wanted = {(str(c), str(s)) for c, s in pairs}
    found: dict[tuple[str, str], str] = {}
    customers = sorted({c for c, _ in wanted})
    for start in range(0, len(customers), 500):
        for customer_id, sku, ts in db.execute(
                "SELECT customer_id, sku, max(ts) FROM purchases WHERE customer_id IN "
                "(SELECT value FROM json_each(?)) GROUP BY customer_id, sku",
                [json.dumps(customers[start:start + 500])]):
            if (customer_id, sku) in wanted:
                found[(customer_id, sku)] = ts
    return found
