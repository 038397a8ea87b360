"""Till purchases at head office: ``kiosk hq import PATH --store STORE``, and the histories
it publishes to devices.

The file is read, cleaned and netted by the kiosk's own importer
(``kiosk.importer.load_clean``: same layouts, quirks, skip reasons and
summary as ``kiosk import``). Its purchase lines go into ``hq_purchases``
in one transaction, each keyed by a stable ``line_id`` (a digest of store,
invoice, code and price, the importer's own line key), so importing a file
again adds nothing; PostgreSQL loads them with ``COPY``, SQLite with
``executemany``, both into a staging table first, which tells the lines new
to head office from those it had. A customer head office erased is left out
(``erased_customer``), as at a kiosk.

Histories to devices: for each customer whose current consent at head office
(``consents``) grants ``personalisation`` or ``staff_profile``, the new lines
become ``purchases`` changes, one per customer and store (at most
``MAX_LINES`` lines each), additive and idempotent by ``line_id``. A customer
who consents later gets their whole history published then
(``publish_on_consent``). Anonymous lines stay at head office.

Products: a code the change feed has never had a ``product`` for is
published with the file's name and price, so devices can name it in a
history; a product head office already publishes is never changed by an
import (the catalogue is ``kiosk hq publish-catalogue``'s).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from kiosk.hq.changes import MAX_ID, MAX_PRICE, MAX_PURCHASE_LINES, problems, text_problem
from kiosk.importer.pipeline import CleanData, PurchaseLine, load_clean
from kiosk.importer.products import ProductUpdates
from kiosk.importer.report import ImportReport
from kiosk.importer.writing import PROGRESS_TOTAL, READ_SHARE, build_report, drop_customers
from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from kiosk.hq.storage.base import Storage

#: consents that let head office send a customer's purchases to devices
HISTORY_PURPOSES = ("personalisation", "staff_profile")
#: lines in one ``purchases`` change (a long history is split)
MAX_LINES = MAX_PURCHASE_LINES
MAX_NAME = 200
COLUMNS = ("line_id", "store_id", "customer_id", "invoice", "sku", "quantity", "price", "at",
           "imported")
_STAGE_COLUMNS = ", ".join(COLUMNS)
_PUBLISH_CHUNK = 500

Progress = Callable[[int, int], None]


def line_id(store_id: str, invoice: str, sku: str, price: float) -> str:
    """The stable id of a purchase line: the same line of the same store always gets it."""
    key = json.dumps([store_id, invoice, sku, repr(float(price))], separators=(",", ":"))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def store_problem(store_id: str) -> str | None:
    """What is wrong with ``store_id`` as a store's id (None if nothing)."""
    problem = text_problem(store_id, MAX_ID)
    return f"--store: {problem}" if problem else None


def import_till_file(storage: Storage, path: str | os.PathLike[str], store_id: str, *,
                     progress: Progress | None = None) -> ImportReport:
    """Import a till's transactions file into head office for ``store_id``.

    ``UnknownLayoutError`` before anything is written for a file in neither
    layout; ``OSError``/``EOFError`` for an unreadable one. The report has
    the keys of ``kiosk import``'s; ``details`` adds head office's figures
    (``lines_new``, ``lines_known``, ``histories_published``, ...).
    """
    started = time.perf_counter()

    def reading(done: int, total: int) -> None:
        if progress is not None:
            progress(READ_SHARE * done // max(total, 1), PROGRESS_TOTAL)

    data = load_clean(path, progress=reading)
    now = _now()
    with storage._tx(write=True) as cur:
        drop_customers(data, storage._erased_among(cur, data.customers))
        rows = [_row(store_id, line, now) for line in data.lines]
        if progress is not None:
            progress(READ_SHARE + (PROGRESS_TOTAL - READ_SHARE) // 3, PROGRESS_TOTAL)
        new_ids = _insert(storage, cur, rows)
        if progress is not None:
            progress(READ_SHARE + 2 * (PROGRESS_TOTAL - READ_SHARE) // 3, PROGRESS_TOTAL)
        products = _publish_new_products(storage, cur, data)
        new_rows = [row for row in rows if row[0] in new_ids and row[2] is not None]
        allowed = consenting(storage, cur, {row[2] for row in new_rows})
        histories = [row for row in new_rows if row[2] in allowed]
        published = storage._add_changes(cur, history_changes(histories))
    if progress is not None:
        progress(PROGRESS_TOTAL, PROGRESS_TOTAL)
    report = build_report(path, data, store_id, started, catalogue={},
                          product_updates=ProductUpdates().to_dict())
    report.details.update({
        "lines_new": len(new_ids),
        "lines_known": len(rows) - len(new_ids),
        "products_published": products,
        "histories_published": len({row[2] for row in histories}),
        "history_lines_published": len(histories),
        "history_changes": len(published),
        "backend": storage.backend,
    })
    return report


def summary_lines(report: ImportReport) -> list[str]:
    """``kiosk import``'s summary, then what head office added and published."""
    from kiosk.importer.report import summary_lines as import_summary

    lines = import_summary(report)
    details = report.details
    extra = [
        f"  at head office {details['lines_new']:>10,} new purchase lines, "
        f"{details['lines_known']:,} already there (importing a file again adds nothing)",
        f"  histories      {details['histories_published']:>10,} customers' new lines sent to "
        f"devices ({details['history_lines_published']:,} lines; only customers consenting "
        f"to {' or '.join(HISTORY_PURPOSES)})",
        f"  new products   {details['products_published']:>10,} published to devices "
        "(products head office already had are left as they are)",
    ]
    at = _before_problems(lines)
    lines[at:at] = extra
    return lines


def _before_problems(lines: list[str]) -> int:
    """Where the problems listed at the end of a summary start (or its end)."""
    for index, line in enumerate(lines):
        if line.startswith("  ") and line.rstrip().endswith("rows could not be read:"):
            return index
    return len(lines)


def _now() -> str:
    from kiosk.hq.storage.base import now

    return now()


def _row(store_id: str, line: PurchaseLine, now: str) -> tuple[Any, ...]:
    return (line_id(store_id, line.invoice, line.sku, line.unit_price), store_id,
            line.customer_id, line.invoice, line.sku, line.quantity, line.unit_price,
            line.ts.isoformat(), now)


def _insert(storage: Storage, cur: Any, rows: list[tuple[Any, ...]]) -> set[str]:
    """Stage ``rows``, then add those head office lacks; returns the new lines' ids."""
    if not rows:
        return set()
    if storage.backend == "postgresql":
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming_purchases (line_id text, "
                    "store_id text, customer_id text, invoice text, sku text, quantity bigint, "
                    "price double precision, at text, imported text) ON COMMIT DROP")
        with cur.copy(f"COPY incoming_purchases ({_STAGE_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming_purchases (line_id TEXT, "
                    "store_id TEXT, customer_id TEXT, invoice TEXT, sku TEXT, quantity INTEGER, "
                    "price REAL, at TEXT, imported TEXT)")
        cur.execute("DELETE FROM incoming_purchases")
        cur.executemany(f"INSERT INTO incoming_purchases ({_STAGE_COLUMNS}) "
                        f"VALUES ({', '.join('?' for _ in COLUMNS)})", rows)
    found = storage._run(cur, f"INSERT INTO hq_purchases ({_STAGE_COLUMNS}) "
                              f"SELECT {_STAGE_COLUMNS} FROM incoming_purchases WHERE true "
                              "ON CONFLICT (line_id) DO NOTHING RETURNING line_id").fetchall()
    if storage.backend != "postgresql":
        cur.execute("DROP TABLE incoming_purchases")
    return {row[0] for row in found}


def consenting(storage: Storage, cur: Any, customer_ids: Iterable[str]) -> set[str]:
    """Which of ``customer_ids`` currently grant a history purpose at head office."""
    ids = sorted(customer_ids)
    found: set[str] = set()
    purposes = ", ".join("?" for _ in HISTORY_PURPOSES)
    for start in range(0, len(ids), _PUBLISH_CHUNK):
        chunk = ids[start:start + _PUBLISH_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found.update(r[0] for r in storage._run(
            cur, f"SELECT DISTINCT customer_id FROM consents WHERE granted = 1 "
                 f"AND purpose IN ({purposes}) AND customer_id IN ({marks})",
            [*HISTORY_PURPOSES, *chunk]).fetchall())
    return found


def history_changes(rows: Iterable[tuple[Any, ...]]) -> list[ChangeIn]:
    """``purchases`` changes for ``hq_purchases`` rows (``COLUMNS``): per customer and store."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for line, store, customer, invoice, sku, quantity, price, at, *_ in rows:
        grouped[(customer, store)].append({
            "line_id": line, "invoice": invoice, "sku": sku, "quantity": int(quantity),
            "price": float(price), "at": at, "store_id": store})
    changes = []
    for (customer, store), lines in sorted(grouped.items()):
        lines.sort(key=lambda item: (item["at"], item["line_id"]))
        for start in range(0, len(lines), MAX_LINES):
            changes.append(ChangeIn("purchases", {"lines": lines[start:start + MAX_LINES]},
                                    store, customer))
    return changes


def has_history(storage: Storage, cur: Any, customer_id: str) -> bool:
    """Whether the tills sent any line of ``customer_id`` (a customer head office knows)."""
    return storage._run(cur, "SELECT 1 FROM hq_purchases WHERE customer_id = ? LIMIT 1",
                        [customer_id]).fetchone() is not None


def stores_of(storage: Storage, cur: Any, customer_id: str) -> set[str]:
    """The stores whose tills sold to ``customer_id``."""
    return {r[0] for r in storage._run(
        cur, "SELECT DISTINCT store_id FROM hq_purchases WHERE customer_id = ?",
        [customer_id]).fetchall()}


def customer_rows(storage: Storage, cur: Any, customer_id: str) -> list[tuple[Any, ...]]:
    """The customer's ``hq_purchases`` rows (``COLUMNS``), every store."""
    return storage._run(cur, f"SELECT {_STAGE_COLUMNS} FROM hq_purchases WHERE customer_id = ? "
                             "ORDER BY at, line_id", [customer_id]).fetchall()


def history_of(storage: Storage, cur: Any, customer_id: str) -> list[ChangeIn]:
    """The customer's whole history as ``purchases`` changes, if their consent allows it.

    The purchases part of a customer's snapshot (``kiosk.hq.snapshot``).
    """
    if not consenting(storage, cur, [customer_id]):
        return []
    return history_changes(customer_rows(storage, cur, customer_id))


def publish_on_consent(storage: Storage, cur: Any, customer_id: str) -> int:
    """A customer just granted a history purpose: publish their history, unless the other
    purpose already let it go out. Returns how many changes were published."""
    granted = storage._run(
        cur, "SELECT count(*) FROM consents WHERE customer_id = ? AND granted = 1 "
             f"AND purpose IN ({', '.join('?' for _ in HISTORY_PURPOSES)})",
        [customer_id, *HISTORY_PURPOSES]).fetchone()[0]
    if int(granted) != 1:
        return 0
    return len(storage._add_changes(cur, history_changes(customer_rows(storage, cur,
                                                                      customer_id))))


def _publish_new_products(storage: Storage, cur: Any, data: CleanData) -> int:
    """Publish the file's products the feed has never had; returns how many."""
    known = {r[0] for r in storage._run(
        cur, "SELECT DISTINCT key FROM changes WHERE kind = 'product' AND key IS NOT NULL"
    ).fetchall()}
    changes = []
    for sku, name in data.products.items():
        if sku in known:
            continue
        price = data.prices.get(sku)
        product = {"sku": sku, "name": name[:MAX_NAME],
                   "price": price if price is not None and 0 <= price <= MAX_PRICE else None}
        if not problems("product", product):
            changes.append(ChangeIn("product", product))
    return len(storage._add_changes(cur, changes))
