"""The catalogue: ``stores``, ``products``, ``stock`` and the importer's evidence for
product names and prices (``import_product_evidence``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.store.times import utcnow

# Named when the importer owned its table; the name is recorded in every kiosk
# database, so it stays.
importer_migrations = Migrations("kiosk.importer")


def create_core_tables(db: Database) -> None:
    """These tables' part of the core migration ``kiosk/0002_schema`` (shipped: never edit)."""
    db.execute(
        """CREATE TABLE stores (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE products (
            sku TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            price REAL,
            theme TEXT,
            colours TEXT NOT NULL DEFAULT '[]',  -- JSON list of colour names
            image TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            updated TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE stock (
            store_id TEXT NOT NULL REFERENCES stores(id),
            sku TEXT NOT NULL REFERENCES products(sku),
            quantity INTEGER NOT NULL,
            location TEXT,
            simulated INTEGER NOT NULL DEFAULT 0,
            updated TEXT,
            PRIMARY KEY (store_id, sku)
        )"""
    )


@importer_migrations(name="0001_product_evidence")
def product_evidence(db: Database) -> None:
    # How many rows of the imported files a product's name and price were
    # chosen from, so that a later file with fewer cannot overwrite them
    # (kiosk.importer.products). No personal data.
    db.execute(
        """CREATE TABLE import_product_evidence (
            sku TEXT PRIMARY KEY,
            name TEXT NOT NULL,           -- the name the rows below chose
            name_rows INTEGER NOT NULL,   -- real sales under that name
            price REAL,                   -- the price the rows below chose
            price_rows INTEGER NOT NULL,  -- kept rows at that price
            updated TEXT NOT NULL
        )"""
    )


# -- stores -----------------------------------------------------------------

def ensure_store(db: Database, store_id: str, name: str) -> None:
    """Add the store unless it is there (its name is then left as it is)."""
    db.execute("INSERT INTO stores (id, name, created) VALUES (?, ?, ?) "
               "ON CONFLICT (id) DO NOTHING", [store_id, name, utcnow()])


def count_stores(db: Database) -> int:
    return db.execute("SELECT count(*) FROM stores").fetchone()[0]


# -- products ---------------------------------------------------------------

# The columns a change from head office may set (kiosk.sync.apply).
PRODUCT_COLUMNS = ("name", "description", "price", "theme", "colours", "image", "active",
                   "updated")

_UPSERT_IMPORTED = """
INSERT INTO products (sku, name, description, price, updated)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (sku) DO UPDATE SET
    name = excluded.name, description = excluded.description, price = excluded.price,
    active = 1, updated = excluded.updated
WHERE name IS NOT excluded.name OR description IS NOT excluded.description
   OR price IS NOT excluded.price OR active != 1
"""


def has_product(db: Database, sku: str) -> bool:
    return db.execute("SELECT 1 FROM products WHERE sku = ?", [sku]).fetchone() is not None


def count_products(db: Database) -> int:
    return db.execute("SELECT count(*) FROM products").fetchone()[0]


def upsert_product(db: Database, sku: str, values: dict[str, Any]) -> None:
    """Set some columns of a product (``PRODUCT_COLUMNS``); a new one is named by its sku
    unless ``values`` names it."""
    unknown = set(values) - set(PRODUCT_COLUMNS)
    if unknown:
        raise ValueError(f"products have no column {', '.join(sorted(unknown))}")
    row = {"sku": sku, **values}
    if has_product(db, sku):
        sets = ", ".join(f"[{k}] = :{k}" for k in values)
        if sets:
            db.execute(f"UPDATE products SET {sets} WHERE sku = :sku", row)
        return
    row.setdefault("name", sku)
    columns = ", ".join(f"[{k}]" for k in row)
    db.execute(f"INSERT INTO products ({columns}) VALUES "
               f"({', '.join(':' + k for k in row)})", row)


def ensure_product(db: Database, sku: str) -> None:
    """A product named by its sku, unless the catalogue has it."""
    if not has_product(db, sku):
        db.execute("INSERT INTO products (sku, name, updated) VALUES (?, ?, ?)",
                   [sku, sku, utcnow()])


def upsert_imported_products(db: Database, rows: Iterable[tuple[Any, ...]]) -> None:
    """(sku, name, description, price, updated) rows from an import; an unchanged
    product is not rewritten, a product the import names is active again."""
    db.conn.executemany(_UPSERT_IMPORTED, rows)


def active_products(db: Database) -> list[tuple[str, str | None]]:
    """(sku, theme) of every active product, by sku."""
    return db.execute(
        "SELECT sku, theme FROM products WHERE active = 1 ORDER BY sku").fetchall()


def names_and_looks(db: Database) -> list[tuple[str, str, str | None, str]]:
    """(sku, name, theme, colours) of every product, by sku: what enrichment reads."""
    return db.execute("SELECT sku, name, theme, colours FROM products ORDER BY sku").fetchall()


def set_looks(db: Database, updates: Iterable[tuple[str | None, str, str]]) -> None:
    """(theme, colours JSON, sku) for each product to change."""
    db.conn.executemany("UPDATE products SET theme = ?, colours = ? WHERE sku = ?", updates)


def shown_fields(db: Database) -> Iterator[tuple[Any, ...]]:
    """(sku, name, price, image, theme, colours) of every product: what a pick shows."""
    return db.execute("SELECT sku, name, price, image, theme, colours FROM products")


def for_training(db: Database) -> Iterator[tuple[Any, ...]]:
    """(sku, name, price, theme, colours, active) of every product, by sku."""
    return db.execute(
        "SELECT sku, name, price, theme, colours, active FROM products ORDER BY sku")


def for_publishing(db: Database) -> Iterator[tuple[Any, ...]]:
    """(sku, name, description, price, theme, colours, image, active) of every product,
    by sku: what head office publishes from a kiosk database (``kiosk hq publish-catalogue``)."""
    return db.execute("SELECT sku, name, description, price, theme, colours, image, active "
                      "FROM products ORDER BY sku")


def changes_for_head_office(db: Database, store_ids: Iterable[str | None]) -> list[Any]:
    """Every product, and the stock of each of ``store_ids`` (None: every store), as the
    ``product`` and ``stock`` changes head office publishes (``kiosk hq publish-catalogue``)."""
    from kiosk.wire import ChangeIn

    changes = [
        ChangeIn("product", {"sku": sku, "name": name, "description": description,
                             "price": price, "theme": theme,
                             "colours": json.loads(colours or "[]"), "image": image,
                             "active": bool(active)})
        for sku, name, description, price, theme, colours, image, active in for_publishing(db)
    ]
    for store_id in store_ids:
        changes += [ChangeIn("stock", {"sku": sku, "quantity": quantity, "location": location},
                             store)
                    for store, sku, quantity, location in stock_rows(db, store_id)]
    return changes


def names(db: Database, skus: Iterable[str]) -> dict[str, str]:
    """sku -> name, for the skus that are in the catalogue."""
    return dict(db.execute("SELECT sku, name FROM products "
                           "WHERE sku IN (SELECT value FROM json_each(?))",
                           [json.dumps(sorted(set(skus)))]).fetchall())


# -- stock ------------------------------------------------------------------

_SIMULATED_STOCK = """
INSERT INTO stock (store_id, sku, quantity, location, simulated, updated)
VALUES (?, ?, ?, ?, 1, ?)
ON CONFLICT (store_id, sku) DO UPDATE SET
    quantity = excluded.quantity, location = excluded.location,
    simulated = 1, updated = excluded.updated
WHERE simulated = 1 AND (quantity != excluded.quantity
                         OR location IS NOT excluded.location)
"""


def set_stock(db: Database, store_id: str, sku: str, quantity: int,
              location: str | None) -> None:
    """Real stock of one product (a known location is kept when ``location`` is None)."""
    db.execute(
        "INSERT INTO stock (store_id, sku, quantity, location, simulated, updated) "
        "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT(store_id, sku) DO UPDATE SET "
        "quantity = excluded.quantity, location = coalesce(excluded.location, location), "
        "simulated = 0, updated = excluded.updated",
        [store_id, sku, quantity, location, utcnow()],
    )


def set_simulated_stock(db: Database, rows: Iterable[tuple[Any, ...]]) -> None:
    """(store_id, sku, quantity, location, updated) rows; real stock is never overwritten."""
    db.conn.executemany(_SIMULATED_STOCK, rows)


def has_stock(db: Database, store_id: str) -> bool:
    """True if the store has any stock data (none: stock is unknown, not zero)."""
    return db.execute("SELECT 1 FROM stock WHERE store_id = ? LIMIT 1",
                      [store_id]).fetchone() is not None


def on_hand(db: Database, store_id: str) -> dict[str, tuple[int, str | None]]:
    """sku -> (quantity, location) of what the store has in stock."""
    return {sku: (quantity, location) for sku, quantity, location in db.execute(
        "SELECT sku, quantity, location FROM stock WHERE store_id = ? AND quantity > 0",
        [store_id])}


def stock_rows(db: Database, store_id: str | None = None
               ) -> Iterator[tuple[str, str, int, str | None]]:
    """(store_id, sku, quantity, location) of one store's stock, or of every store's."""
    if store_id is None:
        return db.execute("SELECT store_id, sku, quantity, location FROM stock")
    return db.execute("SELECT store_id, sku, quantity, location FROM stock WHERE store_id = ?",
                      [store_id])


def count_stock(db: Database) -> int:
    return db.execute("SELECT count(*) FROM stock").fetchone()[0]


# -- the importer's evidence ------------------------------------------------

_UPSERT_EVIDENCE = """
INSERT INTO import_product_evidence (sku, name, name_rows, price, price_rows, updated)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (sku) DO UPDATE SET
    name = excluded.name, name_rows = excluded.name_rows, price = excluded.price,
    price_rows = excluded.price_rows, updated = excluded.updated
WHERE name IS NOT excluded.name OR name_rows != excluded.name_rows
   OR price IS NOT excluded.price OR price_rows != excluded.price_rows
"""


def upsert_evidence(db: Database, rows: Iterable[tuple[Any, ...]]) -> None:
    """(sku, name, name_rows, price, price_rows, updated) rows."""
    db.conn.executemany(_UPSERT_EVIDENCE, rows)


def with_evidence(db: Database) -> list[tuple[Any, ...]]:
    """(sku, name, price, evidence's name, name_rows, evidence's price, price_rows) of
    every product (the evidence's columns None where there is none)."""
    return db.execute(
        "SELECT p.sku, p.name, p.price, e.name, e.name_rows, e.price, e.price_rows "
        "FROM products p LEFT JOIN import_product_evidence e ON e.sku = p.sku").fetchall()


# -- for staff curating picks (kiosk.clienteling) ------------------------------------

_BROWSE = """
SELECT p.sku, p.name, p.price, s.quantity, s.location, p.theme, p.colours
FROM products p LEFT JOIN stock s ON s.sku = p.sku AND s.store_id = ?
WHERE p.active = 1 {where}
ORDER BY (s.quantity > 0) DESC, p.name, p.sku LIMIT ?
"""


def browse(db: Database, store_id: str, text: str, *, in_stock: bool, limit: int
           ) -> list[tuple[Any, ...]]:
    """(sku, name, price, quantity, location, theme, colours JSON) of active products whose
    name holds ``text`` (any case) or whose sku starts with it; in stock here first."""
    where, params = [], [store_id]  # type: ignore[var-annotated]
    if text:
        where.append("(p.name LIKE ? ESCAPE '\\' OR p.sku LIKE ? ESCAPE '\\')")
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [f"%{escaped}%", f"{escaped}%"]
    if in_stock:
        where.append("s.quantity > 0")
    clause = "".join(f" AND {w}" for w in where)
    return db.execute(_BROWSE.format(where=clause), [*params, limit]).fetchall()


def products_here(db: Database, store_id: str, skus: Iterable[str]
                  ) -> dict[str, tuple[str, int | None, str | None]]:
    """sku -> (name, quantity here or None, location) of the skus in the catalogue."""
    return {r[0]: (r[1], r[2], r[3]) for r in db.execute(
        "SELECT p.sku, p.name, s.quantity, s.location FROM products p LEFT JOIN stock s "
        "ON s.sku = p.sku AND s.store_id = ? WHERE p.sku IN (SELECT value FROM json_each(?))",
        [store_id, json.dumps(sorted(set(skus)))])}
