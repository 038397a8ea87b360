"""The identity service (``kiosk.identity``): cards, keys, verification, identify.

``identify`` is the one path every scan takes (keyboard wedge, camera,
keypad): it asks the ``kiosk_identify`` hook (the built-in loyalty-card
scheme answers last), applies consent and rate limiting, records a ``scan``
or ``scan_failed`` event, and never raises for a bad code. Enrolment asks the
``kiosk_issue_card`` hook for the new shopper's card. Without any loyalty
scheme (the plugin ``loyalty_card`` disabled, no other) every code is
unknown and enrolment is refused: the kiosk serves guests only.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.identity import base32, device, lookup, token
from kiosk.identity.ratelimit import ScanLimiter
from kiosk.identity.results import (
    CONSENT_NEEDED,
    FAILURES,
    FORGED,
    MALFORMED,
    OK,
    RATE_LIMITED,
    REVOKED,
    STATUSES,
    UNKNOWN,
    UNREACHABLE,
    Card,
    Identification,
    Verification,
    identification,
)
from kiosk.identity.settings import LoyaltyCardSettings
from kiosk.plugins import call_first
from kiosk.store import cards, customers
from kiosk.store.customers import UnknownCustomer

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

MAX_CODE_LENGTH = 256

_MALFORMED = Verification(MALFORMED)  # frozen: one shared instance
#: local answers after which the chain's cards are asked
_NOT_HERE = frozenset({UNKNOWN, FORGED})

__all__ = ["IdentityService", "NoLoyaltyScheme", "UnknownCustomer"]


class NoLoyaltyScheme(RuntimeError):
    """Enrolment needs a loyalty scheme to issue the card, and this kiosk has none."""


class IdentityService:
    def __init__(self, kiosk: Kiosk, *, clock: Callable[[], float] = time.time):
        self.kiosk = kiosk
        self.clock = clock
        settings = kiosk.config.plugin_settings("loyalty_card", LoyaltyCardSettings)
        self.limiter = ScanLimiter.from_settings(kiosk.config.kiosk_id, settings)
        # Signing keys by id, kept for the process. Never stale: a secret
        # never changes once written (migration 0002's triggers refuse UPDATE
        # and DELETE), and a key is kept only when read outside a transaction,
        # i.e. committed. An id not seen yet (rotated by another process) is
        # read from the database.
        self._keys: dict[int, token.SigningKey] = {}
        # The chain lookup key (head office's, sealed for this device): kept once
        # read outside a transaction; it never changes for a head office.
        self._chain: token.SigningKey | None = None
        self._device: device.DeviceKeys | None = None
        self.key_file = device.key_file_for(kiosk.store.path)
        self._require_key_file()
        if not kiosk.db.conn.in_transaction:
            self.wrap_plain_secrets()

    # -- the key file -------------------------------------------------------

    def _require_key_file(self) -> None:
        """Refuse a database whose wrapped secrets have lost their key file."""
        if cards.any_wrapped_key(self.kiosk.db) and not self.key_file.exists():
            raise device.KeyFileError(
                f"the key file {self.key_file} is missing: without it this database's "
                "cards cannot be verified or issued. Restore it from the backup taken "
                "with the database (never create a new one).")

    def device_keys(self) -> device.DeviceKeys:
        """The key file's keys, creating the file with the database's first secret."""
        if self._device is None:
            self._require_key_file()
            self._device = device.load_or_create(self.key_file)
        return self._device

    def _unwrapped(self, secret: bytes, wrapped: int) -> bytes:
        return self.device_keys().unwrap(secret) if wrapped else secret

    def wrap_plain_secrets(self) -> int:
        """Wrap secrets written before the key file existed; returns how many.

        The plain copies are overwritten (``secure_delete``) and the write-ahead
        log is emptied, so no plain secret stays in the files.
        """
        db = self.kiosk.db
        plain = cards.plain_keys(db)
        if not plain:
            return 0
        keys = self.device_keys()
        with self.kiosk.transaction() as tx:
            for key_id, secret in plain:
                cards.wrap_key(tx, key_id, keys.wrap(bytes(secret)))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info("%d loyalty signing secret(s) moved under the key file", len(plain))
        return len(plain)

    # -- keys ---------------------------------------------------------------

    def _secret(self, key_id: int) -> token.SigningKey | None:
        """The signing key ``key_id``, or None if this database has no such key."""
        key = self._keys.get(key_id)
        if key is None:
            db = self.kiosk.db
            row = cards.key(db, key_id)
            if row is None:
                return None
            key = token.SigningKey(self._unwrapped(bytes(row[0]), row[1]))
            if not db.conn.in_transaction:
                self._keys[key_id] = key
        return key

    def _signing_key(self, db: Database) -> tuple[int, bytes]:
        row = cards.signing_key(db)
        if row is not None:
            return row[0], self._unwrapped(bytes(row[1]), row[2])
        return self._new_key(db)

    def _new_key(self, db: Database) -> tuple[int, bytes]:
        secret = secrets.token_bytes(32)
        key_id = cards.add_key(db, self.device_keys().wrap(secret))
        # kept only after commit: a rolled-back key id may be reused with another secret
        return key_id, secret

    def rotate_key(self) -> int:
        """Start signing new cards with a fresh key; older keys still verify their cards."""
        with self.kiosk.transaction() as db:
            cards.retire_keys(db)
            key_id, _ = self._new_key(db)
        log.info("loyalty signing key rotated; new key id %d", key_id)
        return key_id

    def keys(self) -> list[dict[str, Any]]:
        """Key ids, dates and how many cards each signed (never the secrets)."""
        return [{"key_id": r[0], "created": r[1], "retired": r[2], "cards": r[3]}
                for r in cards.keys_with_counts(self.kiosk.db)]

    # -- cards --------------------------------------------------------------

    def issue_card(self, customer_id: str) -> Card:
        """A new card for an existing customer (earlier cards stay valid; see ``reissue``)."""
        with self.kiosk.transaction() as db:
            customers.require(db, customer_id)
            key_id, raw_secret = self._signing_key(db)
            secret = token.SigningKey(raw_secret)
            card_id = token.new_card_id()
            short_id = token.new_short_id(secret)
            while cards.short_id_taken(db, short_id):
                short_id = token.new_short_id(secret)
            cards.add_card(db, card_id.hex(), customer_id, key_id, short_id)
            self.kiosk.record_event("card_issued", {"key_id": key_id}, customer_id=customer_id)
        return self._card(customer_id, card_id.hex(), key_id, short_id, secret)

    def _card(self, customer_id: str, card_hex: str, key_id: int, short_id: str,
              secret: bytes | token.SigningKey) -> Card:
        return Card(
            customer_id=customer_id, card_id=card_hex, key_id=key_id,
            code=token.make_long(secret, key_id, bytes.fromhex(card_hex)),
            short_code=token.format_short(token.make_short(secret, short_id)),
        )

    def current_card(self, customer_id: str) -> Card | None:
        """The customer's newest card that is not revoked, or None (to print it again)."""
        row = cards.current_card(self.kiosk.db, customer_id)
        if row is None:
            return None
        secret = self._secret(row[1])
        if secret is None:
            return None
        return self._card(customer_id, row[0], row[1], row[2], secret)

    def cards_of(self, customer_id: str) -> list[dict[str, Any]]:
        """The customer's cards, newest first: issue and revocation dates, key id."""
        return [{"key_id": r[1], "issued": r[2], "revoked": r[3]}
                for r in cards.cards_of(self.kiosk.db, customer_id)]

    def revoke(self, customer_id: str, *, reason: str = "lost") -> int:
        """Refuse every card of the customer from now on; returns how many were revoked.

        The customer's cards issued by other devices of the chain are revoked
        here too, and head office is told (by card id, on the next sync), so
        every device refuses them after its own next sync.
        """
        with self.kiosk.transaction() as db:
            count = cards.revoke_all(db, customer_id, reason)
            count += cards.revoke_chain_cards(db, customer_id)
            if count:
                self.kiosk.record_event("card_revoked", {"cards": count, "reason": reason},
                                        customer_id=customer_id)
        return count

    def reissue(self, customer_id: str, *, reason: str = "lost") -> Card:
        """Revoke the customer's cards and issue a new one, in one transaction."""
        with self.kiosk.transaction():
            self.revoke(customer_id, reason=reason)
            return self.issue_card(customer_id)

    # -- enrolment: the loyalty scheme's card ------------------------------------

    def can_issue_cards(self) -> bool:
        """True if a loyalty scheme issues cards at enrolment (hook ``kiosk_issue_card``)."""
        return bool(self.kiosk.pm.hook.kiosk_issue_card.get_hookimpls())

    def require_loyalty_scheme(self) -> None:
        """Raise NoLoyaltyScheme unless a plugin issues cards (hook ``kiosk_issue_card``)."""
        if not self.can_issue_cards():
            raise NoLoyaltyScheme(
                "signing up needs a loyalty scheme to issue the card, and this kiosk has "
                "none: enable the plugin 'loyalty_card' (or another scheme); until then "
                "shoppers browse as guests")

    def issue_enrolment_card(self, customer_id: str) -> Any:
        """The new customer's card, from the loyalty scheme that issues them.

        Asks the ``kiosk_issue_card`` hook (the built-in scheme answers last, so a
        store's own scheme issues its cards instead). The answer has ``code`` (text)
        and ``short_code`` (text, or None if the scheme has no typed form). Call
        inside enrolment's transaction: a refusal undoes the enrolment.
        """
        self.require_loyalty_scheme()
        card = self.kiosk.pm.hook.kiosk_issue_card(kiosk=self.kiosk, customer_id=customer_id)
        if card is None:
            raise NoLoyaltyScheme("no loyalty scheme issued a card for the new shopper")
        if not isinstance(getattr(card, "code", None), str) or not card.code \
                or not isinstance(getattr(card, "short_code", None), str | None):
            raise TypeError("the loyalty scheme's card needs a 'code' (text) and a "
                            "'short_code' (text or None)")
        return card

    # -- head office's card registry -----------------------------------------

    def canonical_code(self, code: str) -> str | None:
        """``code`` as head office's registry keys it, or None if it is no code of ours.

        A long code as printed (upper case); a short code as its 13 symbols,
        folded the way a person types it (``base32.normalise``).
        """
        text = code.strip().upper() if isinstance(code, str) else ""
        if len(text) == token.LONG_LENGTH and text.startswith(token.PREFIX):
            return text
        symbols = base32.normalise(text)
        return symbols if len(symbols) == token.SHORT_LENGTH else None

    def pending_registrations(self, limit: int = 500) -> list[dict[str, Any]]:
        """Cards and revocations head office's registry has not acknowledged yet."""
        db = self.kiosk.db
        records: list[dict[str, Any]] = []
        for card_id, customer_id, key_id, short_id in cards.unregistered_cards(db, limit):
            records.append(self._issued_record(customer_id, card_id, key_id, short_id))
        for card_id, customer_id in cards.unregistered_revocations(db, limit):
            records.append({"kind": "revoked", "card_id": card_id, "customer_id": customer_id})
        return records

    def _issued_record(self, customer_id: str, card_id: str, key_id: int,
                       short_id: str) -> dict[str, Any]:
        secret = self._secret(key_id)
        if secret is None:
            raise device.KeyFileError("a card's signing key is missing from this database")
        card = self._card(customer_id, card_id, key_id, short_id, secret)
        return {"kind": "issued", "card_id": card_id, "customer_id": customer_id,
                "codes": [card.code, base32.normalise(card.short_code)]}

    def mark_registered(self, records: list[dict[str, Any]], outcome: str) -> None:
        """Note head office's answer (``outcome``: a time, or "refused: ...") for ``records``."""
        with self.kiosk.transaction() as db:
            cards.mark_registered(db, records, outcome)

    def signed_registration(self, record: dict[str, Any],
                            seal: Callable[[str], str]) -> dict[str, str]:
        """``record`` sealed for head office and signed with the device key.

        Only head office can read it (it holds the codes), and only this
        device could have made it (head office pins the device's key).
        """
        keys = self.device_keys()
        sealed = seal(json.dumps({**record, "kiosk_id": self.kiosk.config.kiosk_id},
                                 separators=(",", ":")))
        return {"sealed": sealed, "signature": keys.sign(sealed.encode("ascii")),
                "device_key": keys.public_key}

    def presence(self, customer_id: str, code: str | None,
                 seal: Callable[[str], str]) -> dict[str, Any] | None:
        """What proves to head office that the shopper was here, or None.

        ``code`` is the card the shopper scanned in this session; it proves
        their presence only if it is a valid card of ``customer_id``. A card
        head office has not registered yet travels with its signed registration.
        """
        if not code:
            return None
        verdict = self.verify(code)
        if verdict.status != OK or verdict.customer_id != customer_id:
            return None
        canonical = self.canonical_code(code)
        row = cards.card(self.kiosk.db, str(verdict.card_id))
        registration = None
        if row is not None and row[2] is None:
            record = self._issued_record(customer_id, str(verdict.card_id), row[0], row[1])
            registration = self.signed_registration(record, seal)
        return {"code": canonical, "registration": registration}

    # -- the chain's cards --------------------------------------------------------

    def _chain_key(self) -> token.SigningKey | None:
        wrapped = cards.chain_key(self.kiosk.db)
        if wrapped is None:
            return None
        key = token.SigningKey(self.device_keys().unwrap(wrapped))
        if not self.kiosk.db.conn.in_transaction:
            self._chain = key
        return key

    def has_chain_key(self) -> bool:
        return (self._chain or self._chain_key()) is not None

    def store_chain_key(self, sealed: str) -> None:
        """Keep the chain lookup key head office sealed for this device (wrapped at rest)."""
        keys = self.device_keys()
        raw = keys.open_sealed(sealed)
        if len(raw) != 32:
            raise device.KeyFileError("head office's chain key has the wrong length")
        with self.kiosk.transaction() as db:
            cards.put_chain_key(db, keys.wrap(raw))
        self._chain = None

    def chain_digest(self, code: str) -> str | None:
        """The keyed digest (hex) head office files ``code`` under; None if it is no code
        of ours or this device has no chain key yet."""
        canonical = self.canonical_code(code)
        key = self._chain or self._chain_key()
        if canonical is None or key is None:
            return None
        return key.digest(canonical.encode("ascii")).hex()

    def apply_chain_card(self, customer_id: str, data: dict[str, Any]) -> None:
        """Head office's current state of one card of the chain (a ``card`` change).

        When it is this device's own card and head office says revoked (revoked at
        another device), the card is revoked here too.
        """
        with self.kiosk.transaction() as db:
            cards.put_chain_card(db, str(data["card_id"]), customer_id,
                                 bytes.fromhex(data["long_digest"]),
                                 bytes.fromhex(data["short_digest"]), str(data["status"]),
                                 data.get("store_id"))
            if data["status"] == REVOKED:
                cards.revoke_local_card(db, str(data["card_id"]), "revoked elsewhere")

    # -- verification -------------------------------------------------------

    def verify(self, code: str) -> Verification:
        """The loyalty-card scheme's verdict on ``code`` (long or short form).

        Every call reads the card from the database in its own read
        transaction (one indexed look-up), so a revocation, an erasure or a
        new card committed by any connection or process is seen by the very
        next call: there is no card cache that could be stale.
        """
        text = code.strip() if isinstance(code, str) else ""
        if text.startswith("psk") and text.islower():
            # a keyboard-wedge scanner typing with Caps Lock on: all of it swapped
            text = text.upper()
        try:
            if len(text) == token.LONG_LENGTH and text.startswith(token.PREFIX):
                verdict = self._verify_long(token.parse_long(text))
                if verdict.status in _NOT_HERE:
                    return self._verify_chain(text, verdict, cards.chain_by_long)
                return verdict
            verdict = self._verify_short(token.parse_short(text))
        except token.Malformed:
            return _MALFORMED
        if verdict.status in _NOT_HERE:
            return self._verify_chain(base32.normalise(text), verdict, cards.chain_by_short)
        return verdict

    def _verify_chain(self, canonical: str, verdict: Verification,
                      find: Callable[[Any, bytes], tuple[str, str, str] | None]
                      ) -> Verification:
        """A code this device did not issue: a card of the chain, by its keyed digest?"""
        key = self._chain or self._chain_key()
        if key is None:
            return verdict
        row = find(self.kiosk.db.conn, key.digest(canonical.encode("ascii")))
        if row is None:
            return verdict
        return Verification(OK if row[2] == "active" else REVOKED, row[0], row[1],
                            verdict.key_id, verdict.form)

    def _verify_long(self, code: token.LongCode) -> Verification:
        secret = self._keys.get(code.key_id) or self._secret(code.key_id)
        if secret is None or not token.long_is_authentic(code, secret):
            return Verification(FORGED, key_id=code.key_id, form="long")
        card_hex = code.card_id.hex()
        row = cards.by_card_id(self.kiosk.db.conn, card_hex)
        if row is None:
            return Verification(UNKNOWN, card_id=card_hex, key_id=code.key_id, form="long")
        if row[1] != code.key_id:
            return Verification(FORGED, card_id=card_hex, key_id=code.key_id, form="long")
        return Verification(OK if row[2] is None else REVOKED, row[0], card_hex, code.key_id,
                            "long")

    def _verify_short(self, code: token.ShortCode) -> Verification:
        row = cards.by_short_id(self.kiosk.db.conn, code.short_id)
        if row is None:
            return Verification(UNKNOWN, form="short")
        secret = self._keys.get(row[1]) or self._secret(row[1])
        if secret is None or not token.short_is_authentic(code, secret):
            return Verification(FORGED, key_id=row[1], form="short")
        return Verification(OK if row[3] is None else REVOKED, row[0], row[2], row[1], "short")

    # -- identify: the one path of every scan ---------------------------------

    def identify_loyalty_card(self, code: str) -> Identification:
        """The built-in scheme's answer for the ``kiosk_identify`` hook."""
        verdict = self.verify(code)
        customer_id = verdict.customer_id if verdict.status == OK else None
        return identification(verdict.status, customer_id=customer_id)

    def identification_for(self, customer_id: str | None, status: str = OK) -> Identification:
        """The answer a third-party scheme returns for a customer it found (None: unknown)."""
        if customer_id is None:
            return identification(UNKNOWN)
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; statuses: {', '.join(STATUSES)}")
        return identification(status, customer_id=customer_id)

    def identify(self, code: str | bytes) -> Identification:
        """Who is this? Asks every identity scheme; never raises for a bad code."""
        now = self.clock()
        db = self.kiosk.db
        wait = self.limiter.wait_seconds(db, now)
        if wait:
            self.kiosk.record_event("scan_failed", {"status": RATE_LIMITED})
            return identification(RATE_LIMITED, retry_after=wait)
        text = _as_text(code)
        scheme, answer = (None, None)
        if text:
            scheme, answer = self._ask_schemes(text)
        # a code no scheme took (none is enabled: guests only) is unknown here
        result = identification(UNKNOWN) if text and answer is None \
            else _normalise(answer, scheme)
        if result.status in (OK, CONSENT_NEEDED):
            result = self._with_consent(result)
        if result.status in _NOT_HERE and text:
            fetched = lookup.fetch_card(self.kiosk, text)
            if fetched == UNREACHABLE:
                # not the shopper's fault, and it tells nothing about the code: not counted
                self.kiosk.record_event("scan_failed", {"status": UNREACHABLE,
                                                        "scheme": scheme})
                return identification(UNREACHABLE, scheme=scheme)
            if fetched is not None:
                scheme, answer = self._ask_schemes(text)
                result = _normalise(answer, scheme) if answer is not None \
                    else identification(UNKNOWN)
                if result.status in (OK, CONSENT_NEEDED):
                    result = self._with_consent(result)
        if result.status in FAILURES:
            with self.kiosk.transaction() as tx:
                self.kiosk.record_event("scan_failed", {"status": result.status,
                                                        "scheme": scheme})
                delay = self.limiter.record_failure(tx, now)
            log.info("scan refused: %s%s", result.status,
                     f" (next scan in {delay:g} s)" if delay else "")
            return identification(result.status, scheme=scheme)
        if result.customer_id is not None:
            self.kiosk.record_event("scan", {"status": result.status, "scheme": scheme},
                                    customer_id=result.customer_id)
        return result

    def _ask_schemes(self, text: str) -> tuple[str | None, Any]:
        # One broken scheme is skipped, not fatal; the code is personal: no traceback logged.
        answer = call_first(self.kiosk.pm, "kiosk_identify", private=True,
                            kiosk=self.kiosk, code=text)
        return answer if answer is not None else (None, None)

    def _with_consent(self, result: Identification) -> Identification:
        row = customers.get(self.kiosk.db, str(result.customer_id))
        if row is None:
            return identification(UNKNOWN, scheme=result.scheme)
        if self.kiosk.privacy.consent_needed(result.customer_id):
            return identification(CONSENT_NEEDED, customer_id=result.customer_id,
                                  scheme=result.scheme)
        return identification(OK, customer_id=result.customer_id, first_name=row[1],
                              scheme=result.scheme)


def _as_text(code: str | bytes) -> str:
    if isinstance(code, bytes | bytearray):
        try:
            code = bytes(code).decode("utf-8")
        except UnicodeDecodeError:
            return ""
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH:
        return ""
    return code.strip()


def _normalise(answer: Any, scheme: str | None) -> Identification:
    """A scheme may answer an Identification, a Verification, a dict or a customer id."""
    if isinstance(answer, Identification | Verification):
        status, customer_id = answer.status, answer.customer_id
    elif isinstance(answer, dict):
        status, customer_id = answer.get("status", OK), answer.get("customer_id")
    elif isinstance(answer, str) and answer:
        status, customer_id = OK, answer
    else:
        status, customer_id = MALFORMED, None
    if status not in STATUSES or (status in (OK, CONSENT_NEEDED) and not customer_id):
        status, customer_id = MALFORMED, None
    return identification(status, customer_id=customer_id, scheme=scheme)
