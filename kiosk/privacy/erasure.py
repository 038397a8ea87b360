"""Erasure: remove everything of one person from the kiosk database.

The rows go in one transaction (``kiosk.store.erasure.delete_person``).
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
the files are then searched for the id and, if it is still there, rebuilt
with ``VACUUM`` (slow on a big store, but erasures are rare).

The search runs in a separate, short-lived process (``kiosk.traces``, which
says why: this process must never open the live database file itself).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from pathlib import Path

from sqlite_utils import Database

from kiosk.store import customers, meta
from kiosk.traces import SUFFIXES, TraceSearchFailed, find_traces

__all__ = ["SUFFIXES", "TraceSearchFailed", "find_traces"]

log = logging.getLogger(__name__)


def erasure_digest(db: Database, customer_id: str) -> str:
    """A keyed hash of the id: lets an import recognise an erased customer, nothing more."""
    key = meta.get(db, meta.ERASURE_KEY)
    if key is None:
        key = secrets.token_hex(32)
        meta.put(db, meta.ERASURE_KEY, key)
    return hmac.new(bytes.fromhex(key), customer_id.encode("utf-8"), hashlib.sha256).hexdigest()


def remember_erasure(db: Database, customer_id: str, origin: str) -> None:
    customers.remember_erasure(db, erasure_digest(db, customer_id), origin)


def checkpoint(db: Database) -> bool:
    """Move the WAL into the database file and empty it; True if it fully completed."""
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def _traces(path: Path, needles: list[bytes]) -> list[str] | None:
    """``find_traces``, or None (logged) when the search itself failed."""
    try:
        return find_traces(path, needles)
    except TraceSearchFailed as error:
        log.warning("erasure: the database files could not be searched for traces (%s)",
                    error)
        return None


def scrub_file(db: Database, path: Path, customer_id: str) -> dict[str, bool | None]:
    """Checkpoint; VACUUM if the id still lingers in free space. Outside any transaction.

    ``residue`` is True if the id's bytes are still in the database, its WAL
    or its shared-memory file afterwards, None if they could not be searched.
    """
    needles = [customer_id.encode("utf-8")]
    complete = checkpoint(db)
    vacuumed = False
    found = _traces(path, needles)
    if found is None or found:  # an unknown answer is treated as a trace: VACUUM
        db.execute("VACUUM")
        vacuumed = True
        complete = checkpoint(db)
        found = _traces(path, needles)
    if found:
        log.warning("erasure: traces remain in the database file(s) %s after VACUUM",
                    ", ".join(repr(path.name + s) for s in found))
    return {"wal_checkpointed": complete, "vacuumed": vacuumed,
            "residue": None if found is None else bool(found)}
