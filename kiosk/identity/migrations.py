"""Tables of the loyalty-card scheme: migration set ``kiosk.identity``.

Registered by the built-in plugin ``plugins/loyalty_card.py``.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

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
