"""``import_file``: clean a transactions file and write it into the kiosk's store.

Everything goes in inside one ``db.atomic()``, in large ``executemany``
batches. Every write is an upsert keyed by what identifies the row (store id,
product code, customer id, invoice + code + price), and an unchanged row is
not rewritten, so importing the same file twice changes nothing. A product
already in the store keeps its name and price unless the file has more rows
behind its own choice (``kiosk.importer.products``).

Customers are created with the file's customer id as their id, origin
``import`` and no first name. No consent is recorded for them: the till
never asked them, so nothing personal is shown until they give consent at
the kiosk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from kiosk.events import utcnow
from kiosk.importer.pipeline import CleanData, load_clean
from kiosk.importer.products import ProductUpdates, plan_products
from kiosk.importer.report import ImportReport
from kiosk.store import catalogue, customers, purchases

if TYPE_CHECKING:
    from kiosk.app import Kiosk

BATCH = 50_000
# progress is reported in thousandths: reading and cleaning, then writing
PROGRESS_TOTAL = 1000
READ_SHARE = 850

Progress = Callable[[int, int], None]


def _batches(rows: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def write_clean(db: Database, data: CleanData, *, store_id: str, store_name: str,
                progress: Progress | None = None) -> ProductUpdates:
    """Write cleaned data into ``db`` (a migrated kiosk database) in one transaction.

    Returns what changed, or was kept, in the names and prices of products
    the store already had.
    """
    now = utcnow()
    new_customers = [(cid, now) for cid in sorted(data.customers)]
    lines = [(line.invoice, line.customer_id, line.sku, line.quantity, line.unit_price,
              line.ts.isoformat(), store_id) for line in data.lines]
    # in the order of the (invoice, sku, price) index: far fewer page splits
    lines.sort(key=lambda row: (row[0], row[2], row[4]))
    total = max(len(lines), 1)
    # Every parent row (store, products, customers) is written first in the
    # same transaction, so SQLite's per-row foreign key lookups, which cost
    # two thirds of the write time, are skipped for this bulk write only.
    # (The pragma is a no-op inside a caller's transaction: checks then stay on.)
    fk_on = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            catalogue.ensure_store(db, store_id, store_name)
            plan = plan_products(db, data, now)
            catalogue.upsert_imported_products(db, plan.products)
            if plan.evidence:
                catalogue.upsert_evidence(db, plan.evidence)
            customers.add_imported(db, new_customers)
            existing = purchases.count(db)
            # Loading many rows into a small table: building the secondary
            # indexes once at the end is cheaper than updating them row by row.
            # Same transaction, so a failure leaves them as they were.
            rebuild = purchases.secondary_indexes(db) if len(lines) > 2 * existing else []
            for name, _ in rebuild:
                purchases.drop_index(db, name)
            done = 0
            for batch in _batches(lines):
                purchases.upsert_imported(db, batch)
                done += len(batch)
                if progress is not None:
                    progress(READ_SHARE + (PROGRESS_TOTAL - READ_SHARE) * done // total,
                             PROGRESS_TOTAL)
            purchases.create_indexes(db, rebuild)
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if fk_on else 'OFF'}")
    return plan.updates


def drop_erased(kiosk: Kiosk, data: CleanData) -> None:
    """Leave out the lines of customers erased here: an import must not bring them back.

    Their purchases already stay in the store, anonymised, from before the erasure.
    """
    drop_customers(data, {c for c in data.customers if kiosk.privacy.was_erased(c)})


def drop_customers(data: CleanData, erased: set[str]) -> None:
    """Leave out the lines of ``erased`` customers, counted as ``erased_customer``."""
    if not erased:
        return
    kept = [line for line in data.lines if line.customer_id not in erased]
    rows = sum(line.rows for line in data.lines if line.customer_id in erased)
    data.lines = kept
    data.report.rows_kept -= rows
    data.report.skipped["erased_customer"] += rows
    skus = {line.sku for line in kept}
    data.products = {sku: name for sku, name in data.products.items() if sku in skus}
    data.prices = {sku: price for sku, price in data.prices.items() if sku in skus}
    data.name_rows = {sku: n for sku, n in data.name_rows.items() if sku in skus}
    data.price_rows = {sku: n for sku, n in data.price_rows.items() if sku in skus}


def import_file(kiosk: Kiosk, path: str | os.PathLike[str],
                progress: Progress | None = None, *, enrich: bool = True) -> ImportReport:
    """Import a UCI or neutral transactions file into the kiosk's store.

    ``progress(done, total)`` is called as the import advances. Malformed rows
    are skipped and listed in the report; an unknown layout raises
    ``UnknownLayoutError`` before anything is written. With ``enrich`` the
    catalogue (themes, colours) is enriched afterwards.
    """
    started = time.perf_counter()

    def reading(done: int, total: int) -> None:
        if progress is not None:
            progress(READ_SHARE * done // max(total, 1), PROGRESS_TOTAL)

    data = load_clean(path, progress=reading)
    drop_erased(kiosk, data)
    store_id = kiosk.config.store_id
    updates = write_clean(kiosk.db, data, store_id=store_id,
                          store_name=kiosk.config.store_name, progress=progress)
    catalogue: dict[str, Any] = {}
    if enrich:
        from kiosk.catalogue import enrich as enrich_catalogue

        enriched = enrich_catalogue(kiosk).to_dict()
        # what the catalogue holds, not what this run rewrote: a re-import prints the same
        catalogue = {k: v for k, v in enriched.items() if k not in ("changed", "seconds")}
    if progress is not None:
        progress(PROGRESS_TOTAL, PROGRESS_TOTAL)
    return build_report(path, data, store_id, started, catalogue=catalogue,
                        product_updates=updates.to_dict())


def build_report(path: str | os.PathLike[str], data: CleanData, store_id: str, started: float,
                 *, catalogue: dict[str, Any], product_updates: dict[str, Any]) -> ImportReport:
    """The summary of importing ``data`` (``started``: ``time.perf_counter()`` at the start)."""
    report = data.report
    return ImportReport(
        path=str(path),
        layout=report.layout,
        rows_read=report.rows_read,
        rows_kept=report.rows_kept,
        skipped=dict(report.skipped),
        customers=len(data.customers),
        products=len(data.products),
        invoices=len(data.invoices),
        purchase_lines=len(data.lines),
        anonymous_lines=sum(1 for line in data.lines if line.customer_id is None),
        store_id=store_id,
        seconds=round(time.perf_counter() - started, 2),
        problems=[str(p) for p in report.problems],
        details={
            "anonymous_rows": report.anonymous_rows,
            "descriptions_filled": report.descriptions_filled,
            "text_repaired": report.text_repaired,
            "products_with_variants": report.products_with_variants,
            "units_returned": report.units_returned,
            "units_unmatched": report.units_unmatched,
        },
        catalogue=catalogue,
        product_updates=product_updates,
    )
