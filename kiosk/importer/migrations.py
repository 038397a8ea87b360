"""Tables of the importer: migration set ``kiosk.importer``.

Registered by the built-in plugin ``plugins/importer.py``.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

importer_migrations = Migrations("kiosk.importer")


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
