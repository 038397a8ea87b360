"""Erasure: remove everything of one person from the kiosk database.

Purchases are also the store's popularity data, so they are anonymised
rather than deleted: no customer id, a fresh random invoice number per
invoice (the till's number would link back to the person), the time cut to
the day, the "excluded" flag cleared. Every other row that names the person
is deleted: the customer, consents, preferences, impressions, feedback,
cards (and their revocations), pauses, queued and sent outbox events, and the
rows of any plugin table with a ``customer_id`` column (staff picks, ...).

With ``PRAGMA secure_delete`` on, SQLite overwrites deleted cells with zeros;
a ``wal_checkpoint(TRUNCATE)`` then moves the pages into the database file
and empties the write-ahead log. A connection that updated a row earlier
without secure_delete may have left the old copy in a page's free space, so
the file is then searched for the id and, if it is still there, rebuilt with
``VACUUM`` (slow on a big store, but erasures are rare).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from kiosk.events import utcnow

# Tables handled explicitly below rather than by the generic sweep.
_SPECIAL = {"customers", "consents", "purchases", "outbox"}


def erasure_digest(db: Database, customer_id: str) -> str:
    """A keyed hash of the id: lets an import recognise an erased customer, nothing more."""
    row = db.execute("SELECT value FROM meta WHERE key = 'privacy_erasure_key'").fetchone()
    if row is None:
        key = secrets.token_hex(32)
        db.execute("INSERT INTO meta (key, value) VALUES ('privacy_erasure_key', ?)", [key])
    else:
        key = row[0]
    return hmac.new(bytes.fromhex(key), customer_id.encode("utf-8"), hashlib.sha256).hexdigest()


def _day(ts: str) -> str:
    try:
        moment = datetime.fromisoformat(ts)
    except ValueError:
        return ts[:10] if len(ts) >= 10 else ts
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).isoformat(
        sep=ts[10] if len(ts) > 10 else "T")


def anonymise_purchases(db: Database, customer_id: str) -> int:
    rows = db.execute(
        "SELECT id, invoice, ts FROM purchases WHERE customer_id = ?", [customer_id]
    ).fetchall()
    fresh: dict[str, str] = {}
    for purchase_id, invoice, ts in rows:
        new_invoice = fresh.setdefault(invoice, "anon-" + secrets.token_hex(8))
        db.execute(
            "UPDATE purchases SET customer_id = NULL, invoice = ?, ts = ?, excluded = 0 "
            "WHERE id = ?",
            [new_invoice, _day(ts), purchase_id],
        )
    return len(rows)


def tables_with_customer_id(db: Database) -> list[str]:
    return sorted(
        table.name for table in db.tables
        if table.name not in _SPECIAL and "customer_id" in table.columns_dict
    )


def delete_person(db: Database, customer_id: str) -> dict[str, Any]:
    """Delete or anonymise every row of ``customer_id``; call inside a transaction."""
    counts: dict[str, int] = {"purchases_anonymised": anonymise_purchases(db, customer_id)}
    quoted = json.dumps(customer_id)
    counts["outbox"] = db.execute(
        "DELETE FROM outbox WHERE customer_id = ? OR instr(payload, ?) > 0",
        [customer_id, quoted],
    ).rowcount
    for table in tables_with_customer_id(db):
        deleted = db.execute(
            f"DELETE FROM [{table}] WHERE customer_id = ?", [customer_id]
        ).rowcount
        if deleted:
            counts[table] = deleted
    counts["customers"] = db.execute(
        "DELETE FROM customers WHERE id = ?", [customer_id]
    ).rowcount
    # consents may only be deleted once their customer is gone (trigger)
    counts["consents"] = db.execute(
        "DELETE FROM consents WHERE customer_id = ?", [customer_id]
    ).rowcount
    return counts


def remember_erasure(db: Database, customer_id: str, origin: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO privacy_erasures (digest, at, origin) VALUES (?, ?, ?)",
        [erasure_digest(db, customer_id), utcnow(), origin],
    )


def checkpoint(db: Database) -> bool:
    """Move the WAL into the database file and empty it; True if it fully completed."""
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def file_contains(path: Path, needles: list[bytes], *, chunk: int = 1 << 22) -> bool:
    """True if any of ``needles`` occurs in the database file or its WAL."""
    overlap = max(len(n) for n in needles) - 1
    for part in (path, path.with_name(path.name + "-wal")):
        if not part.exists():
            continue
        with part.open("rb") as handle:
            tail = b""
            while block := handle.read(chunk):
                window = tail + block
                if any(n in window for n in needles):
                    return True
                tail = window[-overlap:] if overlap else b""
    return False


def scrub_file(db: Database, path: Path, customer_id: str) -> dict[str, bool]:
    """Checkpoint; VACUUM if the id still lingers in free space. Outside any transaction."""
    needles = [customer_id.encode("utf-8")]
    complete = checkpoint(db)
    vacuumed = False
    if file_contains(path, needles):
        db.execute("VACUUM")
        vacuumed = True
        complete = checkpoint(db)
    return {"wal_checkpointed": complete, "vacuumed": vacuumed,
            "residue": file_contains(path, needles)}
