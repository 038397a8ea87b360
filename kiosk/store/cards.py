"""Loyalty cards: signing keys (``identity_keys``), cards (``identity_cards``), their
revocations (``identity_revocations``), the scan rate limit
(``identity_scan_failures``, ``identity_cooldowns``), and the chain's cards
(``identity_chain_cards``, by keyed digest) with the chain lookup key
(``identity_chain_key``, wrapped) that head office gives each device."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.store.times import utcnow

# Named when the loyalty-card plugin owned these tables; the name is recorded in
# every kiosk database, so it stays.
identity_migrations = Migrations("kiosk.identity")


@identity_migrations(name="0001_cards_keys")
def cards_and_keys(db: Database) -> None:
    # Signing secrets: old keys stay to verify the cards they signed; only the
    # newest key that is not retired signs new cards.
    db.execute(
        """CREATE TABLE identity_keys (
            key_id INTEGER PRIMARY KEY CHECK (key_id BETWEEN 1 AND 65535),
            secret BLOB NOT NULL,
            created TEXT NOT NULL,
            retired TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE identity_cards (
            card_id TEXT PRIMARY KEY,          -- 96 random bits, hex
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            key_id INTEGER NOT NULL REFERENCES identity_keys(key_id),
            short_id TEXT NOT NULL UNIQUE,     -- 40 random bits, base32
            issued TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX identity_cards_customer ON identity_cards(customer_id)")
    db.execute(
        """CREATE TABLE identity_revocations (
            card_id TEXT PRIMARY KEY REFERENCES identity_cards(card_id) ON DELETE CASCADE,
            revoked TEXT NOT NULL,
            reason TEXT NOT NULL
        )"""
    )
    # Failed scans per kiosk (times only, nothing about the code or the
    # shopper) and the cool-down they trigger; kept here so a restart does
    # not reset the limit.
    db.execute(
        """CREATE TABLE identity_scan_failures (
            id INTEGER PRIMARY KEY,
            kiosk_id TEXT NOT NULL,
            at REAL NOT NULL
        )"""
    )
    db.execute("CREATE INDEX identity_scan_failures_kiosk ON identity_scan_failures(kiosk_id, at)")
    db.execute(
        """CREATE TABLE identity_cooldowns (
            kiosk_id TEXT PRIMARY KEY,
            until REAL NOT NULL
        )"""
    )


@identity_migrations(name="0002_keys_never_change")
def keys_never_change(db: Database) -> None:
    # The service keeps signing keys in memory for the life of the process;
    # that is only safe because a key, once written, never changes or goes.
    # Retiring a key (setting ``retired``) is the one update allowed.
    db.execute(
        """CREATE TRIGGER identity_keys_immutable BEFORE UPDATE OF key_id, secret
        ON identity_keys BEGIN
            SELECT RAISE(ABORT, 'a signing key never changes: rotate instead');
        END"""
    )
    db.execute(
        """CREATE TRIGGER identity_keys_kept BEFORE DELETE ON identity_keys BEGIN
            SELECT RAISE(ABORT, 'a signing key is never deleted: rotate instead');
        END"""
    )


@identity_migrations(name="0003_wrapped_secrets_registration")
def wrapped_secrets_and_registration(db: Database) -> None:
    # Secrets are stored wrapped under the key file's wrapping key
    # (kiosk.identity.device); rows written before this migration are plain
    # until the identity service wraps them, the one change a secret may see.
    db.execute("ALTER TABLE identity_keys ADD COLUMN wrapped INTEGER NOT NULL DEFAULT 0")
    db.execute("DROP TRIGGER identity_keys_immutable")
    db.execute(
        """CREATE TRIGGER identity_keys_immutable BEFORE UPDATE OF key_id, secret, wrapped
        ON identity_keys WHEN NOT (OLD.wrapped = 0 AND NEW.wrapped = 1
                                   AND NEW.key_id = OLD.key_id)
        BEGIN
            SELECT RAISE(ABORT, 'a signing key never changes: rotate instead');
        END"""
    )
    # When head office's card registry learnt of the card or its revocation
    # (NULL: not yet; kiosk.sync.cards sends them).
    db.execute("ALTER TABLE identity_cards ADD COLUMN registered TEXT")
    db.execute("ALTER TABLE identity_revocations ADD COLUMN registered TEXT")
    db.execute("CREATE INDEX identity_cards_unregistered ON identity_cards(registered) "
               "WHERE registered IS NULL")


@identity_migrations(name="0004_chain_cards")
def chain_cards(db: Database) -> None:
    # Every card of the chain, as head office's ``card`` changes describe it: the
    # keyed digests of its two codes (under the chain lookup key), never the codes.
    # No foreign key to customers: a device holds the cards of shoppers whose
    # profiles it does not keep (fetched on scan).
    db.execute(
        """CREATE TABLE identity_chain_cards (
            card_id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            long_digest BLOB NOT NULL,
            short_digest BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
            store_id TEXT,
            revocation_pending INTEGER NOT NULL DEFAULT 0  -- revoked here, not sent yet
        )"""
    )
    db.execute("CREATE INDEX identity_chain_cards_long ON identity_chain_cards(long_digest)")
    db.execute("CREATE INDEX identity_chain_cards_short ON identity_chain_cards(short_digest)")
    db.execute("CREATE INDEX identity_chain_cards_customer ON identity_chain_cards(customer_id)")
    db.execute("CREATE INDEX identity_chain_cards_pending ON identity_chain_cards"
               "(revocation_pending) WHERE revocation_pending = 1")
    # The chain lookup key, wrapped under the key file's wrapping key (as the
    # signing secrets are); one row.
    db.execute(
        """CREATE TABLE identity_chain_key (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            wrapped BLOB NOT NULL,
            received TEXT NOT NULL
        )"""
    )


# -- signing keys ----------------------------------------------------------------

MAX_KEY_ID = 65535


def any_wrapped_key(db: Database) -> bool:
    return db.execute("SELECT 1 FROM identity_keys WHERE wrapped = 1 LIMIT 1").fetchone() \
        is not None


def plain_keys(db: Database) -> list[tuple[int, bytes]]:
    """(key_id, secret) of the keys written before the key file existed."""
    return db.execute("SELECT key_id, secret FROM identity_keys WHERE wrapped = 0").fetchall()


def wrap_key(db: Database, key_id: int, wrapped_secret: bytes) -> None:
    """Replace a plain secret by its wrapped form (the one change a key may see)."""
    db.execute("UPDATE identity_keys SET secret = ?, wrapped = 1 WHERE key_id = ? "
               "AND wrapped = 0", [wrapped_secret, key_id])


def key(db: Database, key_id: int) -> tuple[bytes, int] | None:
    """(secret, wrapped) of one key, or None."""
    return db.execute("SELECT secret, wrapped FROM identity_keys WHERE key_id = ?",
                      [key_id]).fetchone()


def signing_key(db: Database) -> tuple[int, bytes, int] | None:
    """(key_id, secret, wrapped) of the newest key that is not retired, or None."""
    return db.execute(
        "SELECT key_id, secret, wrapped FROM identity_keys WHERE retired IS NULL "
        "ORDER BY key_id DESC LIMIT 1"
    ).fetchone()


def add_key(db: Database, wrapped_secret: bytes) -> int:
    """A new key with the next id; returns the id."""
    highest = db.execute("SELECT max(key_id) FROM identity_keys").fetchone()[0] or 0
    if highest >= MAX_KEY_ID:
        raise RuntimeError(f"no key ids left ({MAX_KEY_ID} used)")
    db.execute(
        "INSERT INTO identity_keys (key_id, secret, wrapped, created) VALUES (?, ?, 1, ?)",
        [highest + 1, wrapped_secret, utcnow()],
    )
    return highest + 1


def retire_keys(db: Database) -> None:
    """Retire every key in use: they still verify, they sign no more cards."""
    db.execute("UPDATE identity_keys SET retired = ? WHERE retired IS NULL", [utcnow()])


def keys_with_counts(db: Database) -> list[tuple[int, str, str | None, int]]:
    """(key_id, created, retired, cards it signed), by key id."""
    return db.execute(
        "SELECT k.key_id, k.created, k.retired, count(c.card_id) FROM identity_keys k "
        "LEFT JOIN identity_cards c ON c.key_id = k.key_id GROUP BY k.key_id "
        "ORDER BY k.key_id"
    ).fetchall()


# -- cards -------------------------------------------------------------------------

# Constant texts on the raw connection: sqlite3's statement cache keeps them
# prepared, and sqlite-utils' execute wrapper would cost ~2 µs a call.
_CARD_BY_ID = (
    "SELECT c.customer_id, c.key_id, r.card_id FROM identity_cards c "
    "LEFT JOIN identity_revocations r ON r.card_id = c.card_id WHERE c.card_id = ?"
)
_CARD_BY_SHORT_ID = (
    "SELECT c.customer_id, c.key_id, c.card_id, r.card_id FROM identity_cards c "
    "LEFT JOIN identity_revocations r ON r.card_id = c.card_id WHERE c.short_id = ?"
)


def by_card_id(conn: sqlite3.Connection, card_id: str) -> tuple[str, int, str | None] | None:
    """(customer_id, key_id, card_id if revoked) of a card, or None. ``conn`` is the raw
    connection (``db.conn``): this runs on every scan."""
    return conn.execute(_CARD_BY_ID, (card_id,)).fetchone()


def by_short_id(conn: sqlite3.Connection, short_id: str
                ) -> tuple[str, int, str, str | None] | None:
    """(customer_id, key_id, card_id, card_id if revoked) of a card, or None."""
    return conn.execute(_CARD_BY_SHORT_ID, (short_id,)).fetchone()


def short_id_taken(db: Database, short_id: str) -> bool:
    return db.execute("SELECT 1 FROM identity_cards WHERE short_id = ?",
                      [short_id]).fetchone() is not None


def add_card(db: Database, card_id: str, customer_id: str, key_id: int, short_id: str) -> None:
    db.execute(
        "INSERT INTO identity_cards (card_id, customer_id, key_id, short_id, issued) "
        "VALUES (?, ?, ?, ?, ?)", [card_id, customer_id, key_id, short_id, utcnow()],
    )


def current_card(db: Database, customer_id: str) -> tuple[str, int, str] | None:
    """(card_id, key_id, short_id) of the customer's newest card not revoked, or None."""
    return db.execute(
        "SELECT c.card_id, c.key_id, c.short_id FROM identity_cards c "
        "WHERE c.customer_id = ? AND c.card_id NOT IN "
        "(SELECT card_id FROM identity_revocations) ORDER BY c.issued DESC LIMIT 1",
        [customer_id],
    ).fetchone()


def cards_of(db: Database, customer_id: str) -> list[tuple[str, int, str, str | None]]:
    """(card_id, key_id, issued, revoked) of the customer's cards, newest first."""
    return db.execute(
        "SELECT c.card_id, c.key_id, c.issued, r.revoked FROM identity_cards c "
        "LEFT JOIN identity_revocations r ON r.card_id = c.card_id "
        "WHERE c.customer_id = ? ORDER BY c.issued DESC",
        [customer_id],
    ).fetchall()


def card(db: Database, card_id: str) -> tuple[int, str, str | None] | None:
    """(key_id, short_id, registered) of a card, or None."""
    return db.execute("SELECT key_id, short_id, registered FROM identity_cards "
                      "WHERE card_id = ?", [card_id]).fetchone()


def revoke_all(db: Database, customer_id: str, reason: str) -> int:
    """Revoke every card of the customer not revoked yet; returns how many."""
    return db.execute(
        "INSERT INTO identity_revocations (card_id, revoked, reason) "
        "SELECT card_id, ?, ? FROM identity_cards WHERE customer_id = ? "
        "AND card_id NOT IN (SELECT card_id FROM identity_revocations)",
        [utcnow(), reason, customer_id],
    ).rowcount


# -- head office's card registry ----------------------------------------------------

def unregistered_cards(db: Database, limit: int) -> list[tuple[str, str, int, str]]:
    """(card_id, customer_id, key_id, short_id) of cards head office has not registered."""
    return db.execute(
        "SELECT card_id, customer_id, key_id, short_id FROM identity_cards "
        "WHERE registered IS NULL ORDER BY issued LIMIT ?", [limit]).fetchall()


def unregistered_revocations(db: Database, limit: int) -> list[tuple[str, str]]:
    """(card_id, customer_id) of revocations head office has not registered: of this
    device's cards, then of other devices' cards revoked here."""
    rows = db.execute(
        "SELECT r.card_id, c.customer_id FROM identity_revocations r "
        "JOIN identity_cards c ON c.card_id = r.card_id "
        "WHERE r.registered IS NULL ORDER BY r.revoked LIMIT ?", [limit]).fetchall()
    if len(rows) < limit:
        rows += db.execute(
            "SELECT card_id, customer_id FROM identity_chain_cards "
            "WHERE revocation_pending = 1 LIMIT ?", [limit - len(rows)]).fetchall()
    return rows


def mark_registered(db: Database, records: Iterable[dict[str, Any]], outcome: str) -> None:
    """Head office's answer (a time, or "refused: ...") for issued and revoked records."""
    for record in records:
        if record["kind"] == "issued":
            db.execute("UPDATE identity_cards SET registered = ? WHERE card_id = ?",
                       [outcome, record["card_id"]])
        else:
            db.execute("UPDATE identity_revocations SET registered = ? WHERE card_id = ?",
                       [outcome, record["card_id"]])
            db.execute("UPDATE identity_chain_cards SET revocation_pending = 0 "
                       "WHERE card_id = ?", [record["card_id"]])


# -- the chain's cards ------------------------------------------------------------------

_CHAIN_BY_LONG = ("SELECT customer_id, card_id, status FROM identity_chain_cards "
                  "WHERE long_digest = ?")
_CHAIN_BY_SHORT = ("SELECT customer_id, card_id, status FROM identity_chain_cards "
                   "WHERE short_digest = ?")


def chain_by_long(conn: sqlite3.Connection, digest: bytes) -> tuple[str, str, str] | None:
    """(customer_id, card_id, status) of the chain card with this long-code digest."""
    return conn.execute(_CHAIN_BY_LONG, (digest,)).fetchone()


def chain_by_short(conn: sqlite3.Connection, digest: bytes) -> tuple[str, str, str] | None:
    """(customer_id, card_id, status) of the chain card with this short-code digest."""
    return conn.execute(_CHAIN_BY_SHORT, (digest,)).fetchone()


def put_chain_card(db: Database, card_id: str, customer_id: str, long_digest: bytes,
                   short_digest: bytes, status: str, store_id: str | None) -> None:
    """Add a chain card or update it to head office's current state.

    A card is never un-revoked: a revocation made here and not sent yet, or
    one already received, outlasts an older ``active`` state still in the feed.
    """
    db.execute(
        "INSERT INTO identity_chain_cards (card_id, customer_id, long_digest, short_digest, "
        "status, store_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (card_id) DO UPDATE SET "
        "customer_id = excluded.customer_id, long_digest = excluded.long_digest, "
        "short_digest = excluded.short_digest, store_id = excluded.store_id, "
        "status = CASE WHEN identity_chain_cards.status = 'revoked' THEN 'revoked' "
        "ELSE excluded.status END",
        [card_id, customer_id, long_digest, short_digest, status, store_id])


def revoke_chain_cards(db: Database, customer_id: str) -> int:
    """Revoke here every active chain card of the customer that another device issued
    (this device's own go through ``revoke_all``); head office is told on the next sync."""
    return db.execute(
        "UPDATE identity_chain_cards SET status = 'revoked', revocation_pending = 1 "
        "WHERE customer_id = ? AND status = 'active' "
        "AND card_id NOT IN (SELECT card_id FROM identity_cards)", [customer_id]).rowcount


def revoke_local_card(db: Database, card_id: str, reason: str) -> bool:
    """Revoke this device's card ``card_id`` because head office says it was revoked
    elsewhere (already registered there); False if it is no card of ours or revoked."""
    return db.execute(
        "INSERT INTO identity_revocations (card_id, revoked, reason, registered) "
        "SELECT card_id, ?, ?, ? FROM identity_cards WHERE card_id = ? "
        "AND card_id NOT IN (SELECT card_id FROM identity_revocations)",
        [utcnow(), reason, utcnow(), card_id]).rowcount > 0


def chain_card_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM identity_chain_cards").fetchone()[0]


def chain_key(db: Database) -> bytes | None:
    """The chain lookup key, wrapped, or None before head office gave it."""
    row = db.execute("SELECT wrapped FROM identity_chain_key WHERE id = 1").fetchone()
    return bytes(row[0]) if row else None


def put_chain_key(db: Database, wrapped: bytes) -> None:
    db.execute("INSERT INTO identity_chain_key (id, wrapped, received) VALUES (1, ?, ?) "
               "ON CONFLICT (id) DO UPDATE SET wrapped = excluded.wrapped, "
               "received = excluded.received", [wrapped, utcnow()])


# -- the scan rate limit --------------------------------------------------------------

def cooldown_until(db: Database, kiosk_id: str) -> float | None:
    row = db.execute("SELECT until FROM identity_cooldowns WHERE kiosk_id = ?",
                     [kiosk_id]).fetchone()
    return row[0] if row else None


def count_failure(db: Database, kiosk_id: str, now: float, window: float) -> int:
    """Record a failed scan, forget those older than ``window``; returns how many are left."""
    db.execute("DELETE FROM identity_scan_failures WHERE kiosk_id = ? AND at <= ?",
               [kiosk_id, now - window])
    db.execute("INSERT INTO identity_scan_failures (kiosk_id, at) VALUES (?, ?)",
               [kiosk_id, now])
    return db.execute("SELECT count(*) FROM identity_scan_failures WHERE kiosk_id = ?",
                      [kiosk_id]).fetchone()[0]


def refuse_scans_until(db: Database, kiosk_id: str, until: float) -> None:
    """Refuse scans until ``until``; the failures are kept (the next delay grows)."""
    db.execute(
        "INSERT INTO identity_cooldowns (kiosk_id, until) VALUES (?, ?) "
        "ON CONFLICT (kiosk_id) DO UPDATE SET until = excluded.until",
        [kiosk_id, until],
    )
