"""Head office's card registry and the proofs of presence checked against it.

An erasure, or a consent withdrawal that head office passes on to every
store, changes a shopper's data everywhere, so a kiosk token alone must not
be enough to ask for one: the request has to prove the shopper was at the
kiosk, with the card they scanned there. Kiosks register their cards here
(``POST /v1/cards``, ``kiosk.sync.cards``), each registration sealed for
head office (it holds the codes) and signed with the device key head office
pinned for that kiosk, so a stolen token cannot register cards of its own.

Codes are never stored: only a keyed digest of each (long and short form),
keyed by a key derived from head office's private key.

Rules, in the order they are checked:

- the device key: pinned on its first registration (or given by the
  operator with ``kiosk hq add-kiosk --device-key``); another key is refused;
- the signature of the sealed record by that key, and the record's shape;
- a card of an erased shopper is refused;
- trust on first use per shopper and store: a shopper's first card may be
  registered by any device; further cards only by a device of a store whose
  devices registered one of theirs before (a stolen device cannot take over
  the shoppers of other stores);
- a revocation may come from any device with a valid signature: it can only
  make proofs fail (and cards be refused).

Every registration and revocation publishes the card's current state to
every device (a ``card`` change: its id, shopper, the two digests, active or
revoked, the issuing store). The digests are keyed by the chain lookup key
(``digest_key``), which head office gives each device sealed for its pinned
device key (``sealed_chain_key``), so a device recognises any card of the
chain by computing the digest of the code it scanned, and a card is never
sent or kept in clear anywhere but on the card itself.

A device removed by the operator (``Storage.remove_kiosk``) has no token
any more: it registers and revokes nothing from then on, and can no longer
be given the chain key; the cards it registered before stay valid.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from kiosk.identity.device import KeyFileError, seal_for_device, verify_signature
from kiosk.sync import sealing
from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from kiosk.hq.storage.base import AuthRecord, Storage

MAX_REGISTRATIONS = 500
MAX_CODE_LENGTH = 64


class Refused(ValueError):
    """A registration or a proof that head office does not accept; the message says why."""


def digest_key(private_key_b64: str) -> bytes:
    """The key of the code digests, derived from head office's private key."""
    return hmac.new(sealing._unb64(private_key_b64, 32), b"psk card registry v1",
                    hashlib.sha256).digest()


def code_digest(key: bytes, code: str) -> str:
    return hmac.new(key, code.encode("utf-8"), hashlib.sha256).hexdigest()


def pin_device_key(storage: Storage, cur: Any, kiosk: AuthRecord, device_key: str) -> None:
    """Pin ``device_key`` for ``kiosk`` if none is pinned; Refused if another one is."""
    if not isinstance(device_key, str) or not sealing.valid_public_key(device_key):
        raise Refused("device_key must be a base64 Ed25519 public key")
    row = storage._run(cur, "SELECT device_key FROM kiosks WHERE name = ?",
                       [kiosk.name]).fetchone()
    if row is None:
        raise Refused("this kiosk is not registered")
    if storage._run(cur, "SELECT 1 FROM kiosk_removals WHERE name = ?",
                    [kiosk.name]).fetchone() is not None:
        raise Refused("this device was removed from the chain")
    if row[0] is None:
        storage._run(cur, "UPDATE kiosks SET device_key = ? WHERE name = ? "
                          "AND device_key IS NULL", [device_key, kiosk.name])
    elif row[0] != device_key:
        raise Refused("this is not the device key head office holds for this kiosk; "
                      "if the kiosk was rebuilt, the operator resets it "
                      "(kiosk hq reset-device-key NAME)")


def register(storage: Storage, cur: Any, kiosk: AuthRecord, registration: Any) -> None:
    """Apply one signed registration from ``kiosk``; Refused with the reason otherwise."""
    if not isinstance(registration, dict):
        raise Refused("a registration must be an object")
    sealed, signature = registration.get("sealed"), registration.get("signature")
    device_key = registration.get("device_key")
    if not all(isinstance(v, str) for v in (sealed, signature, device_key)):
        raise Refused("a registration needs sealed, signature and device_key")
    pin_device_key(storage, cur, kiosk, device_key)
    if not verify_signature(device_key, sealed.encode("ascii", "replace"), signature):
        raise Refused("the signature does not match the device key")
    try:
        record = json.loads(sealing.open_sealed(storage._private_key, sealed))
    except (sealing.SealingError, ValueError):
        raise Refused("the registration cannot be opened with head office's key") from None
    if not isinstance(record, dict):
        raise Refused("a registration must seal an object")
    kind, card_id, customer_id = (record.get(k) for k in ("kind", "card_id", "customer_id"))
    if not (isinstance(card_id, str) and 0 < len(card_id) <= 64
            and isinstance(customer_id, str) and 0 < len(customer_id) <= 128):
        raise Refused("a registration needs a card_id and a customer_id")
    if storage._is_erased(cur, customer_id):
        raise Refused("the shopper has been erased")
    if kind == "issued":
        _issue(storage, cur, kiosk, card_id, customer_id, record.get("codes"))
    elif kind == "revoked":
        done = storage._run(cur, "UPDATE hq_cards SET revoked = ? WHERE card_id = ? "
                                 "AND customer_id = ? AND revoked IS NULL",
                            [storage_now(), card_id, customer_id]).rowcount
        if done:
            storage._add_changes(cur, card_changes(storage, cur, card_id=card_id))
    else:
        raise Refused("kind must be issued or revoked")


def _issue(storage: Storage, cur: Any, kiosk: AuthRecord, card_id: str, customer_id: str,
           codes: Any) -> None:
    if not (isinstance(codes, list) and len(codes) == 2
            and all(isinstance(c, str) and 0 < len(c) <= MAX_CODE_LENGTH for c in codes)):
        raise Refused("an issued card needs its two codes")
    existing = storage._run(cur, "SELECT customer_id FROM hq_cards WHERE card_id = ?",
                            [card_id]).fetchone()
    if existing is not None:
        if existing[0] != customer_id:
            raise Refused("this card id is registered to someone else")
        return  # sent again: already registered
    stores = {r[0] for r in storage._run(
        cur, "SELECT DISTINCT k.store_id FROM hq_cards c JOIN kiosks k ON k.name = c.kiosk "
             "WHERE c.customer_id = ?", [customer_id]).fetchall()}
    if stores and kiosk.store_id not in stores:
        raise Refused("this shopper's cards were registered in another store")
    key = storage._card_digest_key
    storage._run(cur, "INSERT INTO hq_cards (card_id, customer_id, kiosk, long_digest, "
                      "short_digest, registered) VALUES (?, ?, ?, ?, ?, ?)",
                 [card_id, customer_id, kiosk.name, code_digest(key, codes[0]),
                  code_digest(key, codes[1]), storage_now()])
    storage._add_changes(cur, card_changes(storage, cur, card_id=card_id))


_CARD_COLUMNS = ("SELECT c.card_id, c.customer_id, c.long_digest, c.short_digest, c.revoked, "
                 "k.store_id FROM hq_cards c LEFT JOIN kiosks k ON k.name = c.kiosk ")


def card_changes(storage: Storage, cur: Any, *, card_id: str | None = None,
                 customer_id: str | None = None) -> list[ChangeIn]:
    """The ``card`` changes (current state) of one card, or of every card of a shopper."""
    if card_id is not None:
        rows = storage._run(cur, _CARD_COLUMNS + "WHERE c.card_id = ?", [card_id]).fetchall()
    else:
        rows = storage._run(cur, _CARD_COLUMNS + "WHERE c.customer_id = ? ORDER BY c.registered",
                            [customer_id]).fetchall()
    return [ChangeIn("card", {"card_id": r[0], "long_digest": r[2], "short_digest": r[3],
                              "status": "active" if r[4] is None else "revoked",
                              "store_id": r[5]}, None, r[1]) for r in rows]


def sealed_chain_key(storage: Storage, cur: Any, kiosk: AuthRecord) -> str:
    """The chain lookup key sealed for ``kiosk``'s pinned device key; Refused if none."""
    row = storage._run(cur, "SELECT device_key FROM kiosks WHERE name = ?",
                       [kiosk.name]).fetchone()
    if row is None or row[0] is None:
        raise Refused("head office holds no device key for this device yet: send it first "
                      "(POST /v1/device)")
    try:
        return seal_for_device(row[0], storage._card_digest_key)
    except KeyFileError:
        raise Refused("the device key head office holds is not valid") from None


def lookup(storage: Storage, cur: Any, digest: Any) -> dict[str, Any]:
    """A card by the digest of one of its codes: status, shopper, and for a valid card
    the changes that bring a device up to date on that shopper (``snapshot``)."""
    from kiosk.hq import snapshot

    if not isinstance(digest, str) or len(digest) != 64:
        raise Refused("digest must be 64 lower-case hexadecimal digits")
    row = storage._run(cur, "SELECT card_id, customer_id, revoked FROM hq_cards "
                            "WHERE long_digest = ? OR short_digest = ?",
                       [digest, digest]).fetchone()
    if row is None:
        return {"status": "unknown", "customer_id": None, "changes": []}
    if row[2] is not None:  # a revoked card opens nothing: only its own state
        return {"status": "revoked", "customer_id": None,
                "changes": card_changes(storage, cur, card_id=row[0])}
    return {"status": "ok", "customer_id": row[1],
            "changes": snapshot.customer_changes(storage, cur, row[1])}


def check_presence(storage: Storage, cur: Any, kiosk: AuthRecord, subject: dict[str, Any],
                   customer_id: str) -> None:
    """Refused unless ``subject`` proves ``customer_id`` was at the kiosk (their card)."""
    code = subject.get("code")
    if not isinstance(code, str) or not 0 < len(code) <= MAX_CODE_LENGTH:
        raise Refused("no card as proof of presence")
    if subject.get("registration") is not None:
        register(storage, cur, kiosk, subject["registration"])
    digest = code_digest(storage._card_digest_key, code)
    row = storage._run(cur, "SELECT customer_id, revoked FROM hq_cards "
                            "WHERE long_digest = ? OR short_digest = ?",
                       [digest, digest]).fetchone()
    if row is None:
        raise Refused("the card is not in head office's registry")
    if row[0] != customer_id and _person(storage, cur, row[0]) != _person(storage, cur,
                                                                          customer_id):
        raise Refused("the card belongs to someone else")
    if row[1] is not None:
        raise Refused("the card has been revoked")


class LookupLimiter:
    """At most ``limit`` card look-ups per device within ``window`` seconds (per process).

    A look-up answers whether a digest is a card, so a device guessing codes
    through head office is slowed as a kiosk's failed scans are; a busy
    store's real look-ups (cards from other stores, a few a minute) stay far below.
    """

    def __init__(self, limit: int = 120, window: float = 60.0):
        self.limit, self.window = limit, window
        self._times: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, device: str) -> float:
        """0 and the look-up counted, or the seconds until ``device`` may look up again."""
        now = time.monotonic()
        with self._lock:
            times = self._times.setdefault(device, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return times[0] + self.window - now
            times.append(now)
            return 0.0


def _person(storage: Storage, cur: Any, customer_id: str) -> str:
    """The record an id stands for now (a merged-away id: the record it became)."""
    from kiosk.hq import record  # the record checks proofs here: imported when needed

    return record.resolve(storage, cur, customer_id)


def storage_now() -> str:
    from kiosk.hq.storage.base import now

    return now()
