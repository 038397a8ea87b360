"""The head-office storage interface and the SQL both backends share.

A backend provides connections and transactions (``_tx``), its column types
and two primitives that differ between SQLite and PostgreSQL (inserting
events while learning which were new, and serialising writers). Everything
else, the rules, is here once.

Rules:

- an event is stored once, keyed by its UUID; a copy is counted in the
  kiosk's ``duplicates_ignored``;
- each kiosk's events are stored in the order of its ``seq``; one that
  arrives after a later one is stored and counted in ``out_of_order``;
- an "erasure_requested" event's ``sealed_subject`` is opened with head
  office's private key (kept in a key file, ``keys``), the erasure carried
  out and broadcast, and the subject not stored; head office keeps and
  broadcasts only a keyed digest of an erased id, never the id;
- a change is checked by the rules of its kind (``kiosk.hq.changes``) before
  it enters the feed; a retracted change stays, but is no longer served;
- a withdrawn consent is broadcast once (not again when kiosks echo it);
- the change feed's ids are committed in increasing order, so a kiosk's
  cursor never skips a change.
"""

from __future__ import annotations

import abc
import contextlib
import hashlib
import json
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.hq import record, registry, shown
from kiosk.hq.batch import Event, decode_events
from kiosk.hq.bootstrap import compaction_key, visible_to
from kiosk.hq.changes import check_changes, erased_id_digest
from kiosk.hq.storage import keys, legacy, migrations
from kiosk.hq.storage.dialect import Dialect
from kiosk.hq.storage.migrations import runner
from kiosk.hq.storage.subjects import open_subject, parse_subject, without_opened_subject
from kiosk.wire import ChangeIn

log = logging.getLogger(__name__)

ROLES = ("kiosk", "tablet", "operator")
#: roles of the chain's devices: each syncs, issues and verifies cards like a kiosk
DEVICE_ROLES = ("kiosk", "tablet")


class StorageError(RuntimeError):
    """Head office's storage refused an operation."""


class UnknownKioskError(StorageError):
    pass


class UnknownChangeError(StorageError):
    """No change has that id."""


@dataclass(frozen=True)
class AuthRecord:
    name: str
    store_id: str
    role: str


@dataclass
class IngestResult:
    accepted: int = 0
    duplicates: int = 0
    out_of_order: int = 0
    erasures: int = 0
    discarded: int = 0  # events of customers erased before they arrived
    last_seq: int = 0


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def hash_token(token: str) -> str:
    """Tokens are 256 random bits, so one SHA-256 is enough to store them safely."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Storage(abc.ABC):
    """Head office's data. Thread-safe: the web server calls it from many threads."""

    backend = "abstract"
    #: how this backend's SQL differs (placeholders, column types, the catalogue)
    dialect: Dialect

    # -- backend primitives ---------------------------------------------

    @abc.abstractmethod
    def _tx(self, *, write: bool) -> contextlib.AbstractContextManager[Any]:
        """A transaction; yields a cursor-like object with ``execute(sql, params)``."""

    @abc.abstractmethod
    def _insert_events(self, cur: Any, rows: list[tuple]) -> list[tuple[str, int]]:
        """Insert event rows, skipping UUIDs already stored; return (uuid, seq) of new ones."""

    @abc.abstractmethod
    def _lock_kiosk(self, cur: Any, name: str) -> tuple | None:
        """Lock one kiosk's row for this transaction; return (last_seq,) or None."""

    @abc.abstractmethod
    def _lock_changes(self, cur: Any) -> None:
        """Serialise writers of the change feed until the transaction ends."""

    @abc.abstractmethod
    def close(self) -> None: ...

    #: A query of (session_id, sku, recommender), one row per product shown,
    #: whether an impression event lists a shelf of picks ("items") or is one
    #: pick: JSON is taken apart when the report asks, not on every upload.
    impressions_sql = ""

    def _run(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        """Execute shared SQL (``?`` placeholders, see ``kiosk.hq.storage.dialect``)."""
        return self.dialect.run(cur, sql, params)

    # -- schema and keys ---------------------------------------------------

    #: the key file (``kiosk.hq.storage.keys``); set by the backend
    key_file: Path | None = None
    #: whether erased rows stay in the table files until ``scrub()`` (PostgreSQL)
    deferred_scrub = False

    #: the migrations this setup applied (empty when the database was up to date)
    migrated: tuple[str, ...] = ()

    @abc.abstractmethod
    def _setup_lock(self, cur: Any) -> None:
        """Serialise head offices setting up the same database, until the transaction ends."""

    def setup(self) -> None:
        """Apply pending migrations; load head office's keys (made on first start).

        ``StorageError`` if the database was migrated by a newer head office,
        or is not head office's. A database made before versioned migrations
        is adopted (``kiosk.hq.storage.legacy``). One transaction, under the
        setup lock: head offices starting at once apply each migration once.
        """
        upgraded = False
        with self._tx(write=True) as cur:
            self._setup_lock(cur)
            try:
                state = runner.prepare(cur, self.dialect, migrations.MIGRATIONS)
                pending, done = state.pending, []
                if state.fresh and legacy.found(cur, self.dialect):
                    upgraded = legacy.adopt(self, cur)
                    runner.record(cur, self.dialect, pending[0].name)
                    done.append(pending.pop(0).name)
                done += runner.apply(cur, self.dialect, pending)
            except migrations.MigrationError as error:
                raise StorageError(str(error)) from None
            self.keys = self._load_keys(cur)
        self.migrated = tuple(done)
        if done:
            log.info("head office's database migrated: %s", ", ".join(done))
        self._private_key = self.keys.private_key
        self._card_digest_key = registry.digest_key(self.keys.private_key)
        self.public_key = self.keys.public_key
        if upgraded:
            log.warning("head office's database was upgraded: plain customer ids and the "
                        "private key were removed from it")
            self._scrub_upgrade()

    def migration_status(self) -> dict[str, Any]:
        """Which migrations the database has, applying none (``runner.describe``).

        Needs no ``setup()``: ``kiosk hq migrations`` reads a database before
        head office migrates it.
        """
        with self._tx(write=False) as cur:
            state = runner.read(cur, self.dialect, migrations.MIGRATIONS)
            unversioned = state.fresh and legacy.found(cur, self.dialect)
        return {"backend": self.backend, "database_exists": True,
                **runner.describe(state, migrations.MIGRATIONS, unversioned=unversioned)}

    def _load_keys(self, cur: Any) -> keys.HQKeys:
        """The key file's keys, checked against this database; see ``kiosk.hq.storage.keys``."""
        old_private = self._meta_in(cur, "private_key")  # head offices before the key file
        known_public = self._meta_in(cur, "public_key")
        known_erasure = self._meta_in(cur, "erasure_key_id")
        path = self.key_file
        if path is None:
            raise StorageError(f"a {self.backend} head office needs a key file: give "
                               "--key-file PATH or set KIOSK_HQ_KEY_FILE (the same file for "
                               "every head-office process of the chain)")
        try:
            found = keys.read(path)
            if found is None:
                if known_public is not None:
                    raise StorageError(
                        f"head office's key file {path} is missing; this database's keys were "
                        "made before, so restore that file from a backup. Refusing to start: "
                        "new keys would make kiosks seal erasure requests for a key nobody "
                        "has")
                found = keys.create(path, keys.generate(old_private))
        except keys.KeyFileError as error:
            raise StorageError(str(error)) from None
        if (known_public is not None and known_public != found.public_key) or (
                known_erasure is not None and known_erasure != found.erasure_key_id) or (
                old_private is not None and old_private != found.private_key):
            raise StorageError(f"the key file {path} belongs to another head office (its keys "
                               "are not this database's); give this database's key file")
        if old_private is not None:
            self._run(cur, "DELETE FROM hq_meta WHERE key = 'private_key'")
        self._set_meta(cur, "public_key", found.public_key)
        self._set_meta(cur, "erasure_key_id", found.erasure_key_id)
        return found

    def _meta_in(self, cur: Any, key: str) -> str | None:
        row = self._run(cur, "SELECT value FROM hq_meta WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]

    def _set_meta(self, cur: Any, key: str, value: str) -> None:
        if self._meta_in(cur, key) is None:
            self._run(cur, "INSERT INTO hq_meta (key, value) VALUES (?, ?)", [key, value])
        else:
            self._run(cur, "UPDATE hq_meta SET value = ? WHERE key = ?", [value, key])

    @property
    def erasure_key(self) -> str:
        """The HMAC key of erased ids (hex), for kiosks (``GET /v1/erasure-key``)."""
        return self.keys.erasure_key

    def digest(self, customer_id: str) -> str:
        """What head office keeps and broadcasts of an erased id."""
        return erased_id_digest(self.keys.erasure_key, customer_id)

    def _scrub_upgrade(self) -> None:
        """Rewrite the files after an upgrade removed plain ids (see ``scrub``)."""
        self.scrub()

    def _erased_since_scrub(self) -> list[str]:
        """Ids erased since the backend last made the files unreadable (``_after_erasure``
        takes them; one left by a transaction that rolled back only costs a search)."""
        if not hasattr(self, "_erased_ids"):
            self._erased_ids: list[str] = []
        return self._erased_ids

    def _take_erased(self) -> list[str]:
        taken, self._erased_ids = self._erased_since_scrub(), []
        return taken

    @abc.abstractmethod
    def _after_erasure(self) -> None:
        """Make the erased rows unreadable in the files, if the backend can at once."""

    @abc.abstractmethod
    def scrub(self) -> dict[str, Any]:
        """Rewrite the tables so no deleted row survives in the files."""

    # -- credentials ---------------------------------------------------------

    def add_kiosk(self, name: str, *, store_id: str, role: str = "kiosk") -> str:
        """Register a kiosk (or an operator) and return its new token (shown once)."""
        if role not in ROLES:
            raise StorageError(f"role must be one of {', '.join(ROLES)}")
        if not name.strip():
            raise StorageError("a kiosk needs a name")
        token = secrets.token_urlsafe(32)
        with self._tx(write=True) as cur:
            exists = self._run(cur, "SELECT 1 FROM kiosks WHERE name = ?", [name]).fetchone()
            if exists:
                raise StorageError(f"a kiosk named {name!r} already exists")
            self._run(cur,
                      "INSERT INTO kiosks (name, store_id, role, token_hash, created) "
                      "VALUES (?, ?, ?, ?, ?)",
                      [name, store_id, role, hash_token(token), now()])
        return token

    def remove_kiosk(self, name: str, *, by: str = "operator") -> dict[str, Any]:
        """Remove a device (or an operator) from the chain, at once and for good.

        Its token stops matching (its row stays: the cards it registered before
        still name it and stay valid), so it uploads, downloads and registers
        nothing more and is never given the chain key again. Audited in
        ``kiosk_removals``. ``StorageError`` if there is no such name or it was
        removed already.
        """
        with self._tx(write=True) as cur:
            row = self._run(cur, "SELECT store_id, role FROM kiosks WHERE name = ?",
                            [name]).fetchone()
            if row is None:
                raise StorageError(f"no kiosk named {name!r}")
            if self._run(cur, "SELECT 1 FROM kiosk_removals WHERE name = ?",
                         [name]).fetchone() is not None:
                raise StorageError(f"{name!r} was removed already")
            removed = now()
            # a value no token hashes to (a hash is 64 hex digits), unique per device
            self._run(cur, "UPDATE kiosks SET token_hash = ? WHERE name = ?",
                      [f"removed:{secrets.token_hex(16)}", name])
            self._run(cur, "INSERT INTO kiosk_removals (name, store_id, role, removed, "
                           "removed_by) VALUES (?, ?, ?, ?, ?)",
                      [name, row[0], row[1], removed, by])
        return {"name": name, "store_id": row[0], "role": row[1], "removed": removed,
                "removed_by": by}

    def removals(self) -> list[dict[str, Any]]:
        """The audit of removed devices, oldest first."""
        with self._tx(write=False) as cur:
            rows = self._run(cur, "SELECT name, store_id, role, removed, removed_by "
                                  "FROM kiosk_removals ORDER BY removed, name").fetchall()
        return [dict(zip(("name", "store_id", "role", "removed", "removed_by"), r,
                         strict=True)) for r in rows]

    def authenticate(self, token: str) -> AuthRecord | None:
        if not token:
            return None
        with self._tx(write=False) as cur:
            row = self._run(cur, "SELECT name, store_id, role FROM kiosks WHERE token_hash = ?",
                            [hash_token(token)]).fetchone()
        return AuthRecord(*row) if row else None

    # -- events ------------------------------------------------------------

    def ingest(self, kiosk: AuthRecord, events: Sequence[Event | dict[str, Any]], *,
               dropped: int = 0) -> IngestResult:
        """Store a batch from ``kiosk``: new events once, duplicates counted.

        ``events`` are checked ``Event``s (``kiosk.hq.batch.decode_batch``) or
        dicts, checked here (``InvalidBatch`` if one is not valid). One
        transaction: head office acknowledges the batch only after it committed.
        """
        result = IngestResult()
        if not all(isinstance(e, Event) for e in events):
            events = decode_events(list(events))
        ordered = sorted(events, key=_by_seq)
        received = now()
        rows = [_event_row(kiosk, event, received) for event in ordered]
        subjects = self._open_subjects(ordered, rows)
        for index, event in enumerate(ordered):
            if event.kind == "profile_edit":  # field names and stamps only, no values
                rows[index] = (*rows[index][:9], record.minimised(rows[index][9]),
                               *rows[index][10:])
        with self._tx(write=True) as cur:
            locked = self._lock_kiosk(cur, kiosk.name)
            if locked is None:
                raise UnknownKioskError(f"kiosk {kiosk.name!r} is not registered")
            last_seq = locked[0]
            erased = self._erased_among(cur, {row[5] for row in rows if row[5]})
            if erased:  # never take back data of someone already erased
                kept = [row for row in rows if row[5] not in erased]
                result.discarded = len(rows) - len(kept)
                rows = kept
            merged = record.aliases_among(self, cur, {row[5] for row in rows if row[5]})
            if merged:  # an id merged into another record: its events land there
                rows = [(*row[:5], merged.get(row[5], row[5]), *row[6:]) for row in rows]
            inserted = self._insert_events(cur, rows) if rows else []
            result.accepted = len(inserted)
            result.duplicates = len(rows) - len(inserted)
            result.out_of_order = sum(1 for _, seq in inserted if seq <= last_seq)
            new_last = max([last_seq, *(seq for _, seq in inserted)])
            result.last_seq = new_last
            self._run(cur,
                      "UPDATE kiosks SET last_seen = ?, last_seq = ?, events = events + ?, "
                      "duplicates_ignored = duplicates_ignored + ?, "
                      "out_of_order = out_of_order + ?, "
                      "dropped = CASE WHEN dropped > ? THEN dropped ELSE ? END WHERE name = ?",
                      [received, new_last, result.accepted, result.duplicates,
                       result.out_of_order, dropped, dropped, kiosk.name])
            new = {uuid for uuid, _ in inserted}
            for event in ordered:
                if event.kind in _REACT_TO and event.uuid in new:
                    result.erasures += self._react(cur, kiosk, event, subjects)
            # after the batch's consent answers: what the kiosk showed, for every device
            shown_events = [e for e in ordered if e.kind == "impression" and e.customer_id
                            and e.uuid in new and e.customer_id not in erased]
            if shown_events:
                shown.relay(self, cur, kiosk, shown_events)
        if result.erasures:
            self._after_erasure()
        return result

    def _open_subjects(self, ordered: list[Event],
                       rows: list[tuple]) -> dict[str, dict[str, Any] | None]:
        """Open the sealed subject of each erasure request and withdrawal proof, by uuid.

        None: unreadable. An opened subject is not stored: head office's own key
        would open it again, and it holds a customer id and a card code.
        """
        subjects: dict[str, dict[str, Any] | None] = {}
        for index, event in enumerate(ordered):
            field = _SEALED_FIELDS.get(event.kind)
            if field is None or (field == "proof" and '"proof"' not in event.payload):
                continue
            text = open_subject(event.payload_dict(), self.keys.private_key, field)
            subjects[event.uuid] = parse_subject(text)
            if text is not None:
                stripped = without_opened_subject(event.payload, self.keys.private_key, field)
                row = rows[index]
                rows[index] = (*row[:9], stripped, *row[10:])
        return subjects

    def _erased_among(self, cur: Any, customer_ids: set[str]) -> set[str]:
        """Which of ``customer_ids`` were erased (head office keeps only their digests)."""
        by_digest = {self.digest(customer_id): customer_id for customer_id in customer_ids}
        found: set[str] = set()
        digests = sorted(by_digest)
        for start in range(0, len(digests), 500):
            chunk = digests[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(by_digest[r[0]] for r in self._run(
                cur, f"SELECT digest FROM erasures WHERE digest IN ({marks})",
                chunk).fetchall())
        return found

    def _react(self, cur: Any, kiosk: AuthRecord, event: Event,
               subjects: dict[str, dict[str, Any] | None]) -> int:
        """Head office's side effects of a new event; returns erasures carried out."""
        kind = event.kind
        if kind == "erasure_requested":
            subject = subjects.get(event.uuid)
            if subject is None:
                log.warning("an erasure request from kiosk %s cannot be opened", kiosk.name)
                self._bump_meta(cur, "erasures_unreadable")
                return 0
            customer_id = subject["customer_id"]
            if not self._proven(cur, kiosk, subject, customer_id, "erase", "erasures_refused"):
                return 0
            return int(self._erase(cur, customer_id, origin=f"kiosk:{kiosk.name}"))
        if kind == "profile_edit" and event.customer_id:
            record.ingest_edit(self, cur, kiosk, event, subjects.get(event.uuid))
            return 0
        if kind == "staff_viewed" and event.customer_id:
            record.staff_viewed(self, cur, kiosk, event)
            return 0
        payload = event.payload_dict()
        if (kind == "consent_changed" and event.customer_id and "hlc" not in payload
                and payload.get("source") != "hq"):
            # a kiosk before the record (a newer kiosk's profile_edit carries its answers;
            # source "hq" is a kiosk's echo of head office's own answer: nothing to do)
            purpose, granted = payload.get("purpose"), payload.get("granted")
            if not (isinstance(purpose, str) and isinstance(granted, bool | int)) or granted:
                return 0  # a grant reaches the record only with proof (a profile_edit)
            # a withdrawal changes every store's data: only with proof of presence
            subject = subjects.get(event.uuid) or {}
            if not self._proven(cur, kiosk, subject, event.customer_id, "withdraw",
                                "withdrawals_refused", purpose=purpose):
                return 0
            record.legacy_withdrawal(self, cur, kiosk, event.customer_id, purpose, event.ts)
            self._record_consent(cur, event.customer_id, purpose, False, event.ts)
        return 0

    def _proven(self, cur: Any, kiosk: AuthRecord, subject: dict[str, Any], customer_id: str,
                action: str, counter: str, **details: Any) -> bool:
        """Whether ``subject`` proves the shopper asked at ``kiosk``; counted when not."""
        try:
            if (subject.get("action") != action or subject.get("customer_id") != customer_id
                    or any(subject.get(k) != v for k, v in details.items())):
                raise registry.Refused(f"no proof of presence for '{action}'")
            registry.check_presence(self, cur, kiosk, subject, customer_id)
        except registry.Refused as refusal:
            log.warning("a request from kiosk %s was refused: %s", kiosk.name, refusal)
            self._bump_meta(cur, counter)
            return False
        return True

    def _is_erased(self, cur: Any, customer_id: str) -> bool:
        return bool(self._erased_among(cur, {customer_id}))

    # -- the card registry -------------------------------------------------

    def register_cards(self, kiosk: AuthRecord, registrations: Sequence[Any]) -> list[
            dict[str, Any]]:
        """Apply a kiosk's signed card registrations; returns those refused, with why."""
        refused = []
        with self._tx(write=True) as cur:
            for index, registration in enumerate(registrations):
                try:
                    registry.register(self, cur, kiosk, registration)
                except registry.Refused as refusal:
                    refused.append({"index": index, "reason": str(refusal)})
            if refused:
                self._bump_meta(cur, "card_registrations_refused", len(refused))
                log.warning("%d card registration(s) from kiosk %s refused", len(refused),
                            kiosk.name)
        return refused

    def announce_device(self, kiosk: AuthRecord, device_key: str) -> None:
        """Pin ``device_key`` for ``kiosk`` on first use; ``registry.Refused`` if another
        key is pinned (the operator resets it for a rebuilt device)."""
        with self._tx(write=True) as cur:
            registry.pin_device_key(self, cur, kiosk, device_key)

    def sealed_chain_key(self, kiosk: AuthRecord) -> str:
        """The chain lookup key sealed for ``kiosk``'s pinned device key (``registry``)."""
        with self._tx(write=False) as cur:
            return registry.sealed_chain_key(self, cur, kiosk)

    def lookup_card(self, digest: str) -> dict[str, Any]:
        """A card by the digest of one of its codes (``registry.lookup``)."""
        with self._tx(write=False) as cur:
            return registry.lookup(self, cur, digest)

    def reset_device_key(self, name: str, device_key: str | None = None) -> None:
        """Forget (or set) the device key pinned for kiosk ``name`` (a rebuilt kiosk)."""
        with self._tx(write=True) as cur:
            if self._run(cur, "SELECT 1 FROM kiosks WHERE name = ?", [name]).fetchone() is None:
                raise StorageError(f"no kiosk named {name!r}")
            self._run(cur, "UPDATE kiosks SET device_key = NULL WHERE name = ?", [name])
            if device_key is not None:
                try:
                    registry.pin_device_key(self, cur, AuthRecord(name, "", "kiosk"), device_key)
                except registry.Refused as refusal:
                    raise StorageError(str(refusal)) from None

    def _bump_meta(self, cur: Any, key: str, by: int = 1) -> None:
        value = self._meta_in(cur, key)
        self._set_meta(cur, key, str(max(0, int(value or 0) + by)))

    def _record_consent(self, cur: Any, customer_id: str, purpose: str, granted: bool,
                        at: str) -> None:
        self._set_current_consent(cur, customer_id, purpose, granted, at)

    def _set_current_consent(self, cur: Any, customer_id: str, purpose: str, granted: bool,
                             at: str) -> bool:
        """Set the current answer (``consents``); a withdrawal is broadcast. True if it changed."""
        row = self._run(cur, "SELECT granted FROM consents WHERE customer_id = ? AND purpose = ?",
                        [customer_id, purpose]).fetchone()
        if self._erased_among(cur, {customer_id}):
            return False
        if row is None:
            self._run(cur, "INSERT INTO consents (customer_id, purpose, granted, at) "
                           "VALUES (?, ?, ?, ?)", [customer_id, purpose, int(granted), at])
        elif bool(row[0]) != granted:
            self._run(cur, "UPDATE consents SET granted = ?, at = ? "
                           "WHERE customer_id = ? AND purpose = ?",
                      [int(granted), at, customer_id, purpose])
        else:
            return False  # no change: an echo of a broadcast, or a repeat
        if not granted:
            self._add_changes(cur, [ChangeIn("consent_withdrawn", {"purpose": purpose},
                                             None, customer_id)])
        else:
            from kiosk.hq import tills  # the importer's modules: only when a consent comes

            if purpose in tills.HISTORY_PURPOSES:
                tills.publish_on_consent(self, cur, customer_id)
        return True

    # -- erasure -----------------------------------------------------------

    def erase(self, customer_id: str, *, origin: str = "operator") -> bool:
        """Erase a customer at head office and broadcast it; False if already erased.

        Only a keyed digest of the id is kept (``erasures``) and broadcast (the
        erasure change); then the backend makes the deleted rows unreadable in
        its files (SQLite at once; PostgreSQL on ``scrub``).
        """
        with self._tx(write=True) as cur:
            done = self._erase(cur, customer_id, origin=origin)
        if done:
            self._after_erasure()
        return done

    def _erase(self, cur: Any, customer_id: str, *, origin: str) -> bool:
        customer_id = record.resolve(self, cur, customer_id)  # a merged id: its record
        digest = self.digest(customer_id)
        if self._run(cur, "SELECT 1 FROM erasures WHERE digest = ?", [digest]).fetchone():
            return False
        self._erased_since_scrub().append(customer_id)
        for alias in record.erase_rows(self, cur, customer_id):  # the same person's other ids
            self._erased_since_scrub().append(alias)
            self._run(cur, "INSERT INTO erasures (digest, origin, at) VALUES (?, ?, ?)",
                      [self.digest(alias), origin, now()])
            self._add_changes(cur, [ChangeIn("erasure", {"digest": self.digest(alias)})])
        self._run(cur, "DELETE FROM events WHERE customer_id = ?", [customer_id])
        self._run(cur, "DELETE FROM consents WHERE customer_id = ?", [customer_id])
        self._run(cur, "DELETE FROM changes WHERE customer_id = ?", [customer_id])
        self._run(cur, "DELETE FROM hq_cards WHERE customer_id = ?", [customer_id])
        self._run(cur, "DELETE FROM hq_purchases WHERE customer_id = ?", [customer_id])
        self._run(cur, "INSERT INTO erasures (digest, origin, at) VALUES (?, ?, ?)",
                  [digest, origin, now()])
        self._add_changes(cur, [ChangeIn("erasure", {"digest": digest})])
        if self.deferred_scrub:
            self._bump_meta(cur, "erasures_to_scrub")
        return True

    def is_erased(self, customer_id: str) -> bool:
        with self._tx(write=False) as cur:
            return self._run(cur, "SELECT 1 FROM erasures WHERE digest = ?",
                             [self.digest(customer_id)]).fetchone() is not None

    # -- the customer record (kiosk.hq.record) --------------------------------

    def customer_changes(self, cur: Any, customer_id: str) -> list[ChangeIn]:
        """The changes that bring a device up to date on one customer (``kiosk.hq.snapshot``)."""
        from kiosk.hq import snapshot

        return snapshot.customer_changes(self, cur, customer_id)

    def merge_customers(self, keep: str, other: str, *, by: str) -> dict[str, Any]:
        """Fold OTHER's record into KEEP's (``kiosk.hq.record.merge_customers``); audited.

        ``StorageError`` (naming KEEP or OTHER, never the id) if it cannot be done.
        """
        try:
            with self._tx(write=True) as cur:
                self._lock_changes(cur)
                return record.merge_customers(self, cur, keep, other, by=by)
        except record.RecordError as error:
            raise StorageError(str(error)) from None

    def customer_record(self, customer_id: str, *, by: str) -> dict[str, Any]:
        """Everything head office holds about one shopper (an access request); audited."""
        try:
            with self._tx(write=True) as cur:
                return record.show(self, cur, customer_id, by=by)
        except record.RecordError as error:
            raise StorageError(str(error)) from None

    # -- the change feed ---------------------------------------------------

    def publish(self, changes: Sequence[ChangeIn]) -> list[int]:
        """Add changes for kiosks to download, each checked by the rules of its kind.

        ``InvalidChange`` (naming the field) if one breaks them; ``StorageError``
        if one names an erased customer. Erasures go through ``erase``.
        """
        check_changes(changes)
        with self._tx(write=True) as cur:
            named = {change.customer_id for change in changes if change.customer_id}
            if named and self._erased_among(cur, named):
                raise StorageError("a change names a customer who has been erased")
            return self._add_changes(cur, changes)

    def _add_changes(self, cur: Any, changes: Sequence[ChangeIn]) -> list[int]:
        self._lock_changes(cur)
        ids = []
        created = now()
        for change in changes:
            row = self._run(cur,
                            "INSERT INTO changes (kind, store_id, customer_id, data, created, "
                            "key) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                            [change.kind, change.store_id, change.customer_id,
                             json.dumps(change.data, separators=(",", ":")), created,
                             compaction_key(change)]).fetchone()
            ids.append(row[0])
        return ids

    def changes_for(self, kiosk: AuthRecord, since: int, limit: int, *,
                    histories: str = "store") -> dict[str, Any]:
        """Changes after ``since`` for ``kiosk``'s store (and for every store).

        A retracted change is left out; the ids of the others still only grow,
        so the cursor (the last id served) never skips a change. ``histories``
        "chain" adds the purchase histories of every store (``kiosk.hq.tills``).
        """
        with self._tx(write=False) as cur:
            rows = self._run(cur,
                             "SELECT id, kind, store_id, customer_id, data FROM changes c "
                             f"WHERE id > ? AND {visible_to(histories)} "
                             "AND NOT EXISTS (SELECT 1 FROM retractions r "
                             "WHERE r.change_id = c.id) "
                             "ORDER BY id LIMIT ?", [since, kiosk.store_id, limit + 1]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        changes = [{"id": r[0], "kind": r[1], "store_id": r[2], "customer_id": r[3],
                    "data": json.loads(r[4])} for r in rows]
        return {"changes": changes, "cursor": rows[-1][0] if rows else since, "more": more}

    def retract(self, change_id: int, *, by: str) -> dict[str, Any]:
        """Stop serving a published change; the retraction (who, when) is kept.

        ``UnknownChangeError`` if there is no such change; an erasure cannot be
        retracted (``StorageError``). Kiosks that already downloaded it keep
        what they did with it: publish a correcting change for those.
        """
        with self._tx(write=True) as cur:
            row = self._run(cur, "SELECT kind FROM changes WHERE id = ?", [change_id]).fetchone()
            if row is None:
                raise UnknownChangeError(f"there is no change #{change_id}")
            if row[0] == "erasure":
                raise StorageError("an erasure cannot be retracted: the person's data is gone")
            done = self._run(cur, "SELECT retracted_by, at FROM retractions "
                                  "WHERE change_id = ?", [change_id]).fetchone()
            if done is None:
                self._run(cur, "INSERT INTO retractions (change_id, kind, retracted_by, at) "
                               "VALUES (?, ?, ?, ?)", [change_id, row[0], by, now()])
            record = self._run(cur, "SELECT retracted_by, at FROM retractions "
                                    "WHERE change_id = ?", [change_id]).fetchone()
        return {"id": change_id, "kind": row[0], "retracted_by": record[0], "at": record[1],
                "already_retracted": done is not None}

    def retractions(self) -> list[dict[str, Any]]:
        """The audit of retracted changes, oldest first."""
        with self._tx(write=False) as cur:
            rows = self._run(cur, "SELECT change_id, kind, retracted_by, at FROM retractions "
                                  "ORDER BY at, change_id").fetchall()
        return [{"id": int(r[0]), "kind": r[1], "retracted_by": r[2], "at": r[3]} for r in rows]

    # -- reading -------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        with self._tx(write=False) as cur:
            rows = self._run(cur,
                             "SELECT name, store_id, role, events, duplicates_ignored, "
                             "out_of_order, dropped, last_seq, last_seen FROM kiosks "
                             "ORDER BY name").fetchall()
            stored = self._run(cur, "SELECT count(*) FROM events").fetchone()[0]
            erasures = self._run(cur, "SELECT count(*) FROM erasures").fetchone()[0]
            changes = self._run(cur, "SELECT count(*) FROM changes").fetchone()[0]
            retracted = self._run(cur, "SELECT count(*) FROM retractions").fetchone()[0]
            unreadable = self._meta_in(cur, "erasures_unreadable")
            refusals = {key: int(self._meta_in(cur, key) or 0) for key in (
                "erasures_refused", "withdrawals_refused", "card_registrations_refused",
                "profile_edits_refused", "profile_edits_invalid")}
            cards = self._run(cur, "SELECT count(*) FROM hq_cards").fetchone()[0]
            to_scrub = self._meta_in(cur, "erasures_to_scrub")
        kiosks = {
            r[0]: {"store_id": r[1], "events": int(r[3]), "duplicates_ignored": int(r[4]),
                   "out_of_order": int(r[5]), "dropped": int(r[6]), "last_seq": int(r[7]),
                   "last_seen": r[8]}
            for r in rows if r[2] in DEVICE_ROLES
        }
        return {
            "backend": self.backend,
            "kiosks": kiosks,
            "totals": {
                "events": int(stored),
                "duplicates_ignored": sum(k["duplicates_ignored"] for k in kiosks.values()),
                "dropped": sum(k["dropped"] for k in kiosks.values()),
                "erasures": int(erasures),
                "erasures_unreadable": int(unreadable or 0),
                "erasures_to_scrub": int(to_scrub or 0),
                "changes": int(changes),
                "changes_retracted": int(retracted),
                "cards_registered": int(cards),
                **refusals,
            },
        }

    def kiosk_sequence(self, kiosk_name: str) -> list[int]:
        """The ``seq`` of a kiosk's stored events, in the order they were stored."""
        with self._tx(write=False) as cur:
            rows = self._run(cur, "SELECT seq FROM events WHERE kiosk_id = ? ORDER BY id",
                             [kiosk_name]).fetchall()
        return [int(r[0]) for r in rows]

    def event_uuids(self) -> list[str]:
        with self._tx(write=False) as cur:
            return [r[0] for r in self._run(cur, "SELECT uuid FROM events").fetchall()]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """A read-only query (report page, tests)."""
        with self._tx(write=False) as cur:
            return [tuple(r) for r in self._run(cur, sql, params).fetchall()]


_REACT_TO = frozenset({"erasure_requested", "consent_changed", "profile_edit",
                       "staff_viewed"})
#: the payload field each kind seals for head office (kiosk.privacy.service.sealed_request)
_SEALED_FIELDS = {"erasure_requested": "sealed_subject", "consent_changed": "proof",
                  "profile_edit": "proof"}


def _by_seq(event: Event) -> int:
    return event.seq


def _event_row(kiosk: AuthRecord, event: Event, received: str) -> tuple:
    ts = event.ts
    return (
        event.uuid, kiosk.name, kiosk.store_id, event.seq, event.kind, event.customer_id,
        event.session_id, event.sku, event.recommender, event.payload, ts, ts[:10],
        event.schema_version, received,
    )


EVENT_COLUMNS = ("uuid", "kiosk_id", "store_id", "seq", "kind", "customer_id", "session_id",
                 "sku", "recommender", "payload", "ts", "day", "schema_version", "received")
