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

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlite_utils import Database

from kiosk.importer.pipeline import CleanData
from kiosk.store import catalogue, purchases

MAX_LISTED = 50


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
    existing = _existing(db)
    fallback = _purchase_lines(db, existing, [
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
        evidence.append((sku, name, name_rows, price, price_rows, now))
    return ProductPlan(products, evidence, updates)


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


def _existing(db: Database) -> dict[str, tuple[Any, ...]]:
    """sku -> (name, price, rows behind the name, rows behind the price); rows None if unknown."""
    rows = catalogue.with_evidence(db)
    # evidence counts only for the name and price it was about (head office or
    # staff may have changed them since)
    return {sku: (name, price,
                  name_rows if e_name is not None and e_name == name else None,
                  price_rows if e_price is not None and e_price == price else None)
            for sku, name, price, e_name, name_rows, e_price, price_rows in rows}


def _purchase_lines(db: Database, existing: dict[str, tuple[Any, ...]],
                    skus: list[str]) -> dict[str, tuple[int, int]]:
    """sku -> (purchase lines in the store, of them at the product's price)."""
    return {sku: (sum(by_price.values()), by_price.get(existing[sku][1], 0))
            for sku, by_price in purchases.lines_by_price(db, skus).items()}
