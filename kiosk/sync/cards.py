"""Head office's card registry, fed from the kiosk: cards issued and revoked here.

Head office checks the proof of presence that erasures and withdrawals
carry (the shopper's card) against this registry. Each record is sealed for
head office (it holds the card's codes) and signed with the device key, so
only this kiosk can have made it; head office pins the device key on first
use (or when the operator gives it to ``kiosk hq add-kiosk --device-key``).
Records are sent before the outbox, so an erasure request never arrives
before the card that proves it.

The same step fetches, once, the chain lookup key: head office seals it for
this device's key (``POST /v1/device`` pins the key, ``GET /v1/chain-key``),
and the identity service keeps it wrapped under the key file. With it the
device recognises the chain's cards (``card`` changes) by their digests.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk.events import utcnow
from kiosk.sync import sealing

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.sync.transport import Transport

log = logging.getLogger(__name__)

PAGE = 500


def register_cards(kiosk: Kiosk, transport: Transport, seal: sealing.Seal) -> dict[str, int]:
    """Send every card and revocation head office has not registered (each sealed with
    ``seal``, ``SyncService.hq_sealer``); returns counts."""
    result = {"cards_registered": 0, "cards_refused": 0}
    fetch_chain_key(kiosk, transport)
    send = getattr(transport, "register_cards", None)
    if send is None:  # a plugin transport without a registry: proofs carry their cards
        return result
    identity = kiosk.identity
    while records := identity.pending_registrations(PAGE):
        body = {"registrations": [identity.signed_registration(r, seal) for r in records]}
        answer = send(body)
        refused = _refused(answer, len(records))
        accepted = [r for i, r in enumerate(records) if i not in refused]
        if accepted:
            identity.mark_registered(accepted, utcnow())
        for index, reason in refused.items():
            identity.mark_registered([records[index]], f"refused: {reason}"[:200])
        result["cards_registered"] += len(accepted)
        result["cards_refused"] += len(refused)
        if refused:
            log.warning("head office refused %d card registration(s)", len(refused))
    return result


def fetch_chain_key(kiosk: Kiosk, transport: Transport) -> bool:
    """Fetch and keep the chain lookup key if this device has none; True if it has one.

    A transport without the two calls (a plugin's) leaves the device verifying
    its own cards only.
    """
    identity = kiosk.identity
    if identity.has_chain_key():
        return True
    announce = getattr(transport, "announce_device", None)
    fetch = getattr(transport, "chain_key", None)
    if announce is None or fetch is None:
        return False
    announce(identity.device_keys().public_key)
    identity.store_chain_key(fetch())
    log.info("head office's chain lookup key received")
    return True


def _refused(answer: Any, count: int) -> dict[int, str]:
    """Which records head office refused, by index, with its reason."""
    refused: dict[int, str] = {}
    for item in (answer or {}).get("refused") or []:
        if isinstance(item, dict) and isinstance(item.get("index"), int) \
                and 0 <= item["index"] < count:
            refused[item["index"]] = str(item.get("reason", "refused"))
    return refused
