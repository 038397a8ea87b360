"""What shoppers were shown and how they reacted: ``impressions`` and ``feedback``.

A shopper without personalisation consent is recorded by session only (no
customer id): the frequency cap and "not for me" then last one session.

Impressions are also relayed by head office to every device of the chain
(``shown`` changes, ``kiosk.hq.shown``): such a row names the event it came
from (``relayed``); the device that showed the picks has them already (rows
of that session with no ``relayed``) and adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.store.times import utcnow

feedback_migrations = Migrations("kiosk.feedback")


def create_core_tables(db: Database) -> None:
    """These tables' part of the core migration ``kiosk/0002_schema`` (shipped: never edit)."""
    db.execute(
        """CREATE TABLE impressions (
            id INTEGER PRIMARY KEY,
            customer_id TEXT REFERENCES customers(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            recommender TEXT NOT NULL,
            reason TEXT NOT NULL,
            shown TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX impressions_customer ON impressions(customer_id, sku, shown)")
    db.execute(
        """CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            customer_id TEXT REFERENCES customers(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('not_for_me', 'save', 'more_like_this', 'open')),
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX feedback_customer ON feedback(customer_id, kind, sku)")


@feedback_migrations(name="0001_relayed_impressions")
def relayed_impressions(db: Database) -> None:
    """``relayed``: the id of head office's relayed event (NULL: shown at this device)."""
    db.execute("ALTER TABLE impressions ADD COLUMN relayed TEXT")
    db.execute("CREATE INDEX impressions_relayed ON impressions(relayed) "
               "WHERE relayed IS NOT NULL")
    db.execute("CREATE INDEX impressions_session ON impressions(session_id)")


def _who(customer_id: str | None, session_id: str) -> tuple[str, list[Any]]:
    """The customer's rows and this session's, or this session's only."""
    if customer_id is not None:
        return "(customer_id = ? OR session_id = ?)", [customer_id, session_id]
    return "session_id = ?", [session_id]


def add_impressions(db: Database, customer_id: str | None, session_id: str,
                    items: Iterable[dict[str, str]], shown: str) -> None:
    """One row per item shown (``sku``, ``recommender``, ``reason``)."""
    db.conn.executemany(
        "INSERT INTO impressions (customer_id, session_id, sku, recommender, reason, shown) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [[customer_id, session_id, i["sku"], i["recommender"], i["reason"], shown]
         for i in items])


def add_relayed(db: Database, customer_id: str, session_id: str, event: str,
                items: Iterable[dict[str, str]], shown: str) -> int:
    """What a kiosk of the chain showed the shopper (event ``event``), once; returns rows
    written: none when this event was applied before or the session was this device's."""
    known = db.execute(
        "SELECT 1 FROM impressions WHERE relayed = ? UNION ALL SELECT 1 FROM impressions "
        "WHERE session_id = ? AND relayed IS NULL LIMIT 1", [event, session_id]).fetchone()
    if known is not None:
        return 0
    rows = [[customer_id, session_id, i["sku"], i["recommender"], i["reason"], shown, event]
            for i in items]
    db.conn.executemany(
        "INSERT INTO impressions (customer_id, session_id, sku, recommender, reason, shown, "
        "relayed) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def add_feedback(db: Database, customer_id: str | None, session_id: str, sku: str,
                 kind: str) -> None:
    db.execute("INSERT INTO feedback (customer_id, session_id, sku, kind, at) "
               "VALUES (?, ?, ?, ?, ?)", [customer_id, session_id, sku, kind, utcnow()])


def not_for_me(db: Database, customer_id: str | None, session_id: str) -> set[str]:
    """The skus the shopper (or, as a guest, this session) said are not for them."""
    where, params = _who(customer_id, session_id)
    return {r[0] for r in db.execute(
        f"SELECT DISTINCT sku FROM feedback WHERE kind = 'not_for_me' AND {where}", params)}


def shown_often(db: Database, customer_id: str | None, session_id: str, *, since: str,
                shows: int) -> set[str]:
    """The skus shown at least ``shows`` times since ``since``."""
    where, params = _who(customer_id, session_id)
    return {r[0] for r in db.execute(
        f"SELECT sku FROM impressions WHERE {where} AND shown >= ? GROUP BY sku "
        "HAVING count(*) >= ?", [*params, since, shows])}


def reacted_to(db: Database, customer_id: str | None, session_id: str, *, since: str,
               kinds: Iterable[str]) -> set[str]:
    """The skus the shopper reacted to with one of ``kinds`` since ``since``."""
    where, params = _who(customer_id, session_id)
    kinds = list(kinds)
    marks = ", ".join("?" for _ in kinds)
    return {r[0] for r in db.execute(
        f"SELECT DISTINCT sku FROM feedback WHERE kind IN ({marks}) AND {where} "
        "AND at >= ?", [*kinds, *params, since])}


def has_reaction(db: Database, customer_id: str, sku: str, kind: str) -> bool:
    """Whether the customer's feedback holds ``kind`` (not_for_me, save) for ``sku``."""
    return db.execute("SELECT 1 FROM feedback WHERE customer_id = ? AND sku = ? AND kind = ? "
                      "LIMIT 1", [customer_id, sku, kind]).fetchone() is not None


def set_reaction(db: Database, customer_id: str, sku: str, kind: str, present: bool,
                 session_id: str) -> None:
    """Make the customer's ``kind`` for ``sku`` present (one row) or absent (none), as
    their record at head office says."""
    if not present:
        db.execute("DELETE FROM feedback WHERE customer_id = ? AND sku = ? AND kind = ?",
                   [customer_id, sku, kind])
    elif not has_reaction(db, customer_id, sku, kind):
        add_feedback(db, customer_id, session_id, sku, kind)


# -- for the staff client book (kiosk.clienteling) ------------------------------------

def seen_since(db: Database, since: str, ids: Iterable[str] | None = None) -> set[str]:
    """The shoppers a kiosk showed picks to since ``since`` (of ``ids``, or all)."""
    if ids is None:
        return {r[0] for r in db.execute(
            "SELECT DISTINCT customer_id FROM impressions WHERE customer_id IS NOT NULL "
            "AND shown >= ?", [since])}
    return {r[0] for r in db.execute(
        "SELECT DISTINCT customer_id FROM impressions WHERE customer_id IN "
        "(SELECT value FROM json_each(?)) AND shown >= ?",
        [json.dumps(sorted(set(ids))), since])}


def saves(db: Database, ids: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(customer, sku, when) of each item shoppers saved (of ``ids``, or all)."""
    if ids is None:
        return db.execute("SELECT customer_id, sku, min(at) FROM feedback WHERE kind = 'save' "
                          "AND customer_id IS NOT NULL GROUP BY customer_id, sku").fetchall()
    return db.execute("SELECT customer_id, sku, min(at) FROM feedback WHERE kind = 'save' "
                      "AND customer_id IN (SELECT value FROM json_each(?)) "
                      "GROUP BY customer_id, sku", [json.dumps(sorted(set(ids)))]).fetchall()


def reacted(db: Database, customer_id: str, kind: str) -> list[tuple[str, str]]:
    """(sku, first time) of the shopper's ``kind`` reactions, newest first."""
    return db.execute("SELECT sku, min(at) AS first FROM feedback WHERE customer_id = ? "
                      "AND kind = ? GROUP BY sku ORDER BY first DESC, sku",
                      [customer_id, kind]).fetchall()


def shown_to(db: Database, customer_id: str, limit: int
             ) -> list[tuple[str, str, str, str]]:
    """(shown, sku, recommender, reason JSON) of what kiosks showed the shopper, newest first."""
    return db.execute("SELECT shown, sku, recommender, reason FROM impressions "
                      "WHERE customer_id = ? ORDER BY shown DESC, id DESC LIMIT ?",
                      [customer_id, limit]).fetchall()
