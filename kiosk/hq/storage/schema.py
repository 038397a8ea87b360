"""Head office's tables, and the in-place upgrade of a database made by an older head office.

``statements`` creates what is missing (``IF NOT EXISTS``); ``upgrade`` then
converts, idempotently, what older head offices stored in the open:

- ``erasures`` held the erased ids themselves: now only their keyed digest;
- an erasure change named the erased id: now it carries the digest;
- an ``erasure_requested`` event kept the sealed subject, which head office's
  own key opens: the subject is dropped once it was opened.

The private key's move from ``hq_meta`` to the key file is ``Storage._load_keys``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kiosk.sync import sealing

if TYPE_CHECKING:
    from kiosk.hq.storage.base import Storage

ERASURES = """CREATE TABLE IF NOT EXISTS erasures (
                digest TEXT PRIMARY KEY,
                origin TEXT NOT NULL,
                at TEXT NOT NULL
            )"""


def statements(serial: str, big: str) -> list[str]:
    """The ``CREATE ... IF NOT EXISTS`` statements, for a backend's column types."""
    return [
        "CREATE TABLE IF NOT EXISTS hq_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE IF NOT EXISTS kiosks (
            name TEXT PRIMARY KEY,
            store_id TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'kiosk',
            token_hash TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            last_seen TEXT,
            last_seq {big} NOT NULL DEFAULT 0,
            events {big} NOT NULL DEFAULT 0,
            duplicates_ignored {big} NOT NULL DEFAULT 0,
            out_of_order {big} NOT NULL DEFAULT 0,
            dropped {big} NOT NULL DEFAULT 0,
            device_key TEXT  -- pinned Ed25519 key that signs its card registrations
        )""",
        f"""CREATE TABLE IF NOT EXISTS events (
            id {serial},
            uuid TEXT NOT NULL UNIQUE,
            kiosk_id TEXT NOT NULL,
            store_id TEXT NOT NULL,
            seq {big} NOT NULL,
            kind TEXT NOT NULL,
            customer_id TEXT,
            session_id TEXT,
            sku TEXT,
            recommender TEXT,
            payload TEXT NOT NULL,
            ts TEXT NOT NULL,
            day TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            received TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS events_customer ON events(customer_id)",
        "CREATE INDEX IF NOT EXISTS events_store_day ON events(store_id, day)",
        f"""CREATE TABLE IF NOT EXISTS changes (
            id {serial},
            kind TEXT NOT NULL,
            store_id TEXT,
            customer_id TEXT,
            data TEXT NOT NULL,
            created TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS changes_customer ON changes(customer_id)",
        # A retracted change stays (the audit) but is no longer served.
        f"""CREATE TABLE IF NOT EXISTS retractions (
            change_id {big} PRIMARY KEY,
            kind TEXT NOT NULL,
            retracted_by TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS consents (
            customer_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            granted INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (customer_id, purpose)
        )""",
        ERASURES,
        # The card registry (kiosk.hq.registry): keyed digests of each card's
        # two codes, never the codes; checked by proofs of presence.
        """CREATE TABLE IF NOT EXISTS hq_cards (
            card_id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            kiosk TEXT NOT NULL,
            long_digest TEXT NOT NULL UNIQUE,
            short_digest TEXT NOT NULL UNIQUE,
            registered TEXT NOT NULL,
            revoked TEXT
        )""",
        "CREATE INDEX IF NOT EXISTS hq_cards_customer ON hq_cards(customer_id)",
    ]


def upgrade(storage: Storage, cur: Any) -> bool:
    """Convert what an older head office stored in the open; True if anything changed."""
    _add_device_key_column(storage, cur)
    changed = _erasures_to_digests(storage, cur)
    changed |= _erasure_changes_to_digests(storage, cur)
    changed |= _drop_opened_subjects(storage, cur)
    return changed


def _add_device_key_column(storage: Storage, cur: Any) -> None:
    if "device_key" not in storage._columns(cur, "kiosks"):
        storage._run(cur, "ALTER TABLE kiosks ADD COLUMN device_key TEXT")


def _erasures_to_digests(storage: Storage, cur: Any) -> bool:
    if "customer_id" not in storage._columns(cur, "erasures"):
        return False
    rows = storage._run(cur, "SELECT customer_id, origin, at FROM erasures").fetchall()
    storage._run(cur, "DROP TABLE erasures")
    storage._run(cur, ERASURES)
    for customer_id, origin, at in rows:
        storage._run(cur, "INSERT INTO erasures (digest, origin, at) VALUES (?, ?, ?) "
                          "ON CONFLICT (digest) DO NOTHING",
                     [storage.digest(customer_id), origin, at])
    return True


def _erasure_changes_to_digests(storage: Storage, cur: Any) -> bool:
    rows = storage._run(cur, "SELECT id, customer_id FROM changes WHERE kind = 'erasure' "
                             "AND customer_id IS NOT NULL").fetchall()
    for change_id, customer_id in rows:
        storage._run(cur, "UPDATE changes SET customer_id = NULL, data = ? WHERE id = ?",
                     [json.dumps({"digest": storage.digest(customer_id)}), change_id])
    return bool(rows)


def _drop_opened_subjects(storage: Storage, cur: Any) -> bool:
    rows = storage._run(cur, "SELECT id, payload FROM events WHERE kind = 'erasure_requested' "
                             "AND payload LIKE ?", ["%sealed_subject%"]).fetchall()
    changed = False
    for event_id, payload in rows:
        stripped = without_opened_subject(payload, storage.keys.private_key)
        if stripped is not None:
            storage._run(cur, "UPDATE events SET payload = ? WHERE id = ?", [stripped, event_id])
            changed = True
    return changed


def open_subject(payload: dict[str, Any] | Any, private_key: str,
                 field: str = "sealed_subject") -> str | None:
    """The text sealed in a request's payload ``field``; None if it cannot be read."""
    sealed = payload.get(field) if isinstance(payload, dict) else None
    if not isinstance(sealed, str):
        return None
    try:
        return sealing.open_sealed(private_key, sealed)
    except sealing.SealingError:
        return None


def without_opened_subject(payload_json: str, private_key: str,
                           field: str = "sealed_subject") -> str | None:
    """The payload without its sealed ``field``, if head office can open it (else None).

    Head office's key opens the subject (a customer id, a card code), so
    keeping it would keep them. One head office cannot open is kept: the
    right key may be restored later.
    """
    try:
        payload = json.loads(payload_json)
    except ValueError:
        return None
    if open_subject(payload, private_key, field) is None:
        return None
    payload.pop(field)
    return json.dumps(payload, separators=(",", ":"))


def parse_subject(text: str | None) -> dict[str, Any] | None:
    """An opened request subject as a dict (an older kiosk sealed the bare id)."""
    if text is None:
        return None
    try:
        subject = json.loads(text)
    except ValueError:
        subject = None
    if not isinstance(subject, dict):
        return {"customer_id": text}
    if not isinstance(subject.get("customer_id"), str) or not subject["customer_id"]:
        return None
    return subject
