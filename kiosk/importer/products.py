"""What an import may change in the catalogue: a product's name and price, by weight of evidence.

A file names a product after the description it most often sold under and
prices it at the unit price it most often sold at (``kiosk.importer.rules``).
The store keeps how many rows each choice stood on (``import_product_evidence``).
A later file replaces a product's name or price only with more rows behind
its own choice, so a one-row file cannot rename the best seller or reprice
it, while a new season's full export can; a tie keeps what the store has.
Every change, and every change refused, is counted and the first
``MAX_LISTED`` are listed in the import's summary.

A product in the store without evidence for its current name or price (from
an import before this rule, from head office's catalogue, or renamed since)
weighs as many rows as it has purchase lines in the store (at its price, for
the price).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlite_utils import Database

from kiosk.importer.pipeline import CleanData

MAX_LISTED = 50
EVIDENCE_TABLE = "import_product_evidence"

_UPSERT_EVIDENCE = f"""
INSERT INTO {EVIDENCE_TABLE} (sku, name, name_rows, price, price_rows, updated)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (sku) DO UPDATE SET
    name = excluded.name, name_rows = excluded.name_rows, price = excluded.price,
    price_rows = excluded.price_rows, updated = excluded.updated
WHERE name IS NOT excluded.name OR name_rows != excluded.name_rows
   OR price IS NOT excluded.price OR price_rows != excluded.price_rows
"""


@dataclass
class ProductUpdates:
    """Names and prices of products already in the store: changed, or kept."""

    renamed: int = 0
    repriced: int = 0
    names_kept: int = 0  # the file chose another name with no more rows behind it
    prices_kept: int = 0
    listed: list[dict[str, Any]] = field(default_factory=list)  # the first MAX_LISTED

    def note(self, sku: str, what: str, store: Any, store_rows: int, file: Any,
             file_rows: int, changed: bool) -> None:
        counter = {("name", True): "renamed", ("price", True): "repriced",
                   ("name", False): "names_kept", ("price", False): "prices_kept"}
        key = counter[(what, changed)]
        setattr(self, key, getattr(self, key) + 1)
        if len(self.listed) < MAX_LISTED:
            self.listed.append({"sku": sku, "field": what, "changed": changed,
                                "store": store, "store_rows": store_rows,
                                "file": file, "file_rows": file_rows})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ProductPlan:
    products: list[tuple[Any, ...]]  # (sku, name, description, price, updated)
    evidence: list[tuple[Any, ...]]  # (sku, name, name_rows, price, price_rows, updated)
    updates: ProductUpdates


def plan_products(db: Database, data: CleanData, now: str) -> ProductPlan:
    """The products to write for ``data``, each name and price weighed against the store's."""
    has_evidence = EVIDENCE_TABLE in db.table_names()
    existing = _existing(db, has_evidence)
    fallback = _purchase_lines(db, [
        sku for sku, name in data.products.items() if sku in existing and (
            (existing[sku][2] is None and existing[sku][0] != name)
            or (existing[sku][3] is None and existing[sku][1] != data.prices[sku]))])
    updates = ProductUpdates()
    products, evidence = [], []
    for sku, file_name in data.products.items():
        file_price = data.prices[sku]
        name_rows = data.name_rows.get(sku, 0)
        price_rows = data.price_rows.get(sku, 0)
        name, price = file_name, file_price
        if sku in existing:
            store_name, store_price, store_name_rows, store_price_rows = existing[sku]
            lines, lines_at_price = fallback.get(sku, (0, 0))
            name, name_rows = _weigh(updates, sku, "name", store_name, store_name_rows,
                                     lines, file_name, name_rows)
            price, price_rows = _weigh(updates, sku, "price", store_price, store_price_rows,
                                       lines_at_price, file_price, price_rows)
        products.append((sku, name, name, price, now))
        if has_evidence:
            evidence.append((sku, name, name_rows, price, price_rows, now))
    return ProductPlan(products, evidence, updates)


def write_evidence(db: Database, plan: ProductPlan) -> None:
    if plan.evidence:
        db.conn.executemany(_UPSERT_EVIDENCE, plan.evidence)


def _weigh(updates: ProductUpdates, sku: str, what: str, store: Any, store_rows: int | None,
           store_lines: int, file: Any, file_rows: int) -> tuple[Any, int]:
    """The value to keep and the rows behind it; a change or a refusal is noted."""
    if store is None:
        return file, file_rows
    if store == file:
        return store, max(store_rows or 0, file_rows)
    weight = store_rows if store_rows is not None else store_lines
    changed = file_rows > weight
    updates.note(sku, what, store, weight, file, file_rows, changed)
    return (file, file_rows) if changed else (store, weight)


def _existing(db: Database, has_evidence: bool) -> dict[str, tuple[Any, ...]]:
    """sku -> (name, price, rows behind the name, rows behind the price); rows None if unknown."""
    if not has_evidence:
        return {sku: (name, price, None, None) for sku, name, price in
                db.execute("SELECT sku, name, price FROM products").fetchall()}
    rows = db.execute(
        f"SELECT p.sku, p.name, p.price, e.name, e.name_rows, e.price, e.price_rows "
        f"FROM products p LEFT JOIN {EVIDENCE_TABLE} e ON e.sku = p.sku").fetchall()
    # evidence counts only for the name and price it was about (head office or
    # staff may have changed them since)
    return {sku: (name, price,
                  name_rows if e_name is not None and e_name == name else None,
                  price_rows if e_price is not None and e_price == price else None)
            for sku, name, price, e_name, name_rows, e_price, price_rows in rows}


def _purchase_lines(db: Database, skus: list[str]) -> dict[str, tuple[int, int]]:
    """sku -> (purchase lines in the store, of them at the product's price)."""
    if not skus:
        return {}
    rows = db.execute(
        "SELECT pu.sku, count(*), sum(pu.price = p.price) FROM purchases pu "
        "JOIN products p ON p.sku = pu.sku "
        "WHERE pu.sku IN (SELECT value FROM json_each(?)) GROUP BY pu.sku",
        [json.dumps(skus)]).fetchall()
    return {sku: (int(lines), int(at_price or 0)) for sku, lines, at_price in rows}
