"""Assemble the picks screen's shelves: the recommendation service plus plugin shelves.

Runs on the worker thread. A plugin shelf that raises is logged and left
out; if the recommendation service fails for a shopper, the store's
non-personal picks are shown instead (``fallback=True``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from kiosk.plugins import collect
from kiosk.recommend.service import ModelsNotReady
from kiosk.ui.spec import ShelfSpec

log = logging.getLogger(__name__)

MAX_CARDS = 12


@dataclass
class ShelfView:
    key: str
    title: str            # English; translated by the screen
    picks: list[Any]
    plugin: str = ""


@dataclass
class Picks:
    shelves: list[ShelfView] = field(default_factory=list)
    fallback: bool = False    # the personal picks failed; these are the store's
    # a known shopper whose purchases may not be used (no consent, or paused) gets the
    # store's picks: the screen says why (``personal`` False, ``paused`` True if paused)
    personal: bool = True
    paused: bool = False

    def all_picks(self) -> list[Any]:
        return [p for shelf in self.shelves for p in shelf.picks]


def shelf_specs(kiosk: Any) -> list[tuple[str, ShelfSpec]]:
    """Every registered shelf, in order, with its plugin's name.

    Two plugins registering one key raise ``DuplicateRegistration``.
    """
    found = collect(kiosk.pm, "kiosk_register_shelves", ShelfSpec, "key", what="shelf",
                    kiosk=kiosk)
    return sorted(found, key=lambda pair: (pair[1].order, pair[1].key))


def _service_shelves(kiosk: Any, customer_id: str | None, session_id: str) -> dict[str, list]:
    shelves = kiosk.recommendations.shelves(customer_id, session_id=session_id, k=MAX_CARDS)
    return {shelf.key: list(shelf.picks) for shelf in shelves}


def assemble(kiosk: Any, specs: list[tuple[str, ShelfSpec]], customer_id: str | None,
             session_id: str, *, hidden: set[str] | frozenset[str] = frozenset()) -> Picks:
    """The shelves for a shopper (``customer_id=None``: a guest), at most MAX_CARDS picks."""
    result = Picks()
    if customer_id is not None:
        result.paused = kiosk.privacy.is_paused(customer_id)
        result.personal = kiosk.privacy.consented(customer_id, "personalisation")
    try:
        from_service = _service_shelves(kiosk, customer_id, session_id)
    except ModelsNotReady:
        log.info("personal models still training; showing the store's picks meanwhile")
        from_service = {}
        result.fallback = True
    except Exception:
        log.exception("recommendations failed; showing the store's picks instead")
        from_service = {}
        result.fallback = True
    if result.fallback:
        try:
            from_service = _service_shelves(kiosk, None, session_id) if customer_id else {}
        except Exception:
            log.exception("store picks failed too")
            from_service = {}
    guest = customer_id is None or result.fallback or not result.personal
    candidates: list[ShelfView] = []
    known = set()
    for plugin, spec in specs:
        known.add(spec.key)
        if spec.personal and guest:
            continue
        if spec.items is None:
            picks = from_service.get(spec.key, [])
        else:
            try:
                picks = list(spec.items(kiosk, None if guest else customer_id, session_id))
            except Exception:
                log.exception("shelf %r of plugin %r failed; left out", spec.key, plugin)
                continue
        candidates.append(ShelfView(spec.key, spec.title, picks, plugin))
    for key, picks in from_service.items():  # service shelves no plugin describes
        if key not in known:
            candidates.append(ShelfView(key, key.replace("_", " ").capitalize(), picks))
    result.shelves = share_out(candidates, set(hidden))
    return result


def share_out(shelves: list[ShelfView], hidden: set[str]) -> list[ShelfView]:
    """At most MAX_CARDS picks, each shown once, shared out so every shelf with picks
    gets a fair few before any shelf gets more (shelves keep their order)."""
    seen = set(hidden)
    unique: list[list[Any]] = []
    for shelf in shelves:
        kept = []
        for pick in shelf.picks:
            sku = getattr(pick, "sku", None)
            if sku is not None and sku not in seen:
                seen.add(sku)
                kept.append(pick)
        unique.append(kept)
    taken = [0] * len(shelves)
    total = 0
    while total < MAX_CARDS:  # round robin, one pick per shelf per turn
        progressed = False
        for i, picks in enumerate(unique):
            if taken[i] < len(picks) and total < MAX_CARDS:
                taken[i] += 1
                total += 1
                progressed = True
        if not progressed:
            break
    out = []
    for shelf, picks, count in zip(shelves, unique, taken, strict=True):
        if count:
            out.append(ShelfView(shelf.key, shelf.title, picks[:count], shelf.plugin))
    return out
