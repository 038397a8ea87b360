"""Fetching a card this device does not hold from head office, while the shopper waits.

A code that is well formed but unknown here (issued at another device since
this one last synced, or a shopper whose profile this device does not keep)
is looked up at head office by its keyed digest (``POST /v1/cards/lookup``):
sending the digest proves the device read the code, and never sends the
code itself. Head office answers the card's status and, for a valid card,
the changes that bring this device up to date on that shopper
(``Storage.customer_changes``: their cards, profile, purchases); they are
applied with the sync's own appliers and kept, as if downloaded.

The shopper is waiting, so the whole exchange has a short timeout
(``TIMEOUT``); head office unreachable, slow or refusing this device answers
``UNREACHABLE`` and the kiosk shows the store's picks instead.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk.identity.results import UNREACHABLE

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

#: seconds a shopper waits for head office at most
TIMEOUT = 1.5
#: what head office may answer
ANSWERS = frozenset({"ok", "revoked", "unknown"})


def fetch_card(kiosk: Kiosk, code: str, *, timeout: float = TIMEOUT) -> str | None:
    """Ask head office about ``code``; apply and keep what it sends.

    Returns head office's answer (``ok``, ``revoked``, ``unknown``),
    ``UNREACHABLE``, or None when there is nobody to ask (no head office
    configured, a transport that cannot look cards up, not a code of ours).
    """
    from kiosk.sync.service import SyncNotConfigured
    from kiosk.sync.transport import TransportError

    if kiosk.identity.canonical_code(code) is None:
        return None
    try:
        transport = kiosk.sync.transport()
    except SyncNotConfigured:
        return None
    lookup = getattr(transport, "lookup_card", None)
    if lookup is None:
        return None
    try:
        digest = _digest(kiosk, transport, code)
        if digest is None:
            return None
        answer = lookup(digest, timeout=timeout)
    except TransportError as error:
        log.info("card look-up at head office failed: %s", type(error).__name__)
        return UNREACHABLE
    status = answer.get("status") if isinstance(answer, dict) else None
    if status not in ANSWERS:
        log.warning("head office answered a card look-up with no valid status")
        return UNREACHABLE
    apply_changes(kiosk, answer.get("changes") or [])
    return str(status)


def _digest(kiosk: Kiosk, transport: Any, code: str) -> str | None:
    digest = kiosk.identity.chain_digest(code)
    if digest is None:  # never synced: fetch the chain key first
        from kiosk.sync.cards import fetch_chain_key

        if fetch_chain_key(kiosk, transport):
            digest = kiosk.identity.chain_digest(code)
    return digest


def apply_changes(kiosk: Kiosk, changes: list[Any]) -> int:
    """Apply head office's changes about one shopper, as the download would; returns
    how many. One that breaks the rules of its kind is skipped (and logged)."""
    from kiosk.hq.changes import problems
    from kiosk.sync.apply import APPLIERS, UNAPPLIABLE

    applied = 0
    with kiosk.transaction():
        for change in changes:
            if not isinstance(change, dict):
                continue
            kind = change.get("kind")
            found = problems(kind, change.get("data"), store_id=change.get("store_id"),
                             customer_id=change.get("customer_id"), strict=False)
            if found or kind not in APPLIERS:
                log.warning("a change in a card look-up was skipped: %s",
                            "; ".join(found[:3]) or "unknown kind")
                continue
            try:
                with kiosk.transaction():
                    APPLIERS[kind](kiosk, change)
            except UNAPPLIABLE as error:
                log.warning("a change in a card look-up was skipped (%s)",
                            type(error).__name__)
                continue
            applied += 1
    return applied
