"""Applying head office's changes on the kiosk, one clearly named function per kind.

Each function takes the ``Kiosk`` and a change (``{"id", "kind", "store_id",
"customer_id", "data"}``), already checked by the rules of its kind
(``kiosk.hq.changes``). Privacy changes go through the privacy and
identity services, so the kiosk's own rules apply (an erasure also purges
that person's queued events); catalogue, stock and profiles are written to
the core tables; model artefacts are kept for the recommenders.

An erasure names nobody: it carries the keyed digest of the erased id
(``kiosk.hq.changes.erased_id_digest``), under head office's erasure key,
which the kiosk keeps in ``meta``. The kiosk erases whoever of its own ids
has that digest, and keeps the digest in ``privacy_erasures`` so that the
id is refused if it arrives later (``PrivacyService.was_erased``).
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.events import utcnow
from kiosk.hq.changes import erased_id_digest
from kiosk.store import catalogue, customers, feedback, meta, purchases
from kiosk.store import sync as sync_store
from kiosk.store.erasure import every_customer_id

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kiosk.app import Kiosk

#: kinds whose failure to apply for a passing reason is retried, never skipped
PRIVACY_KINDS = frozenset({"erasure", "revocation", "consent_withdrawn"})
_KEY = re.compile(r"[0-9a-f]{64}", re.ASCII).fullmatch


class ChangeError(ValueError):
    """A change from head office is not well-formed."""


class ErasureKeyUnknown(RuntimeError):
    """Head office's erasure key is not known yet: the erasure waits (it is not skipped)."""


#: an applier raising one of these will never succeed with this change: it is set aside
UNAPPLIABLE: tuple[type[BaseException], ...] = (
    ChangeError, LookupError, TypeError, ValueError, sqlite3.IntegrityError,
    sqlite3.InterfaceError)


def _required(data: dict[str, Any], key: str, kind: type = str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is str and not value):
        raise ChangeError(f"a change is missing '{key}'")
    return value


def _customer(change: dict[str, Any]) -> str:
    customer_id = change.get("customer_id")
    if not isinstance(customer_id, str) or not customer_id:
        raise ChangeError(f"a {change.get('kind')} change names no customer")
    return customer_id


def apply_product(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """A catalogue entry or a price: upsert into ``products``."""
    data = change["data"]
    sku = _required(data, "sku")
    values: dict[str, Any] = {"updated": utcnow()}
    for key in ("name", "description", "theme", "image"):
        if key in data:
            values[key] = data[key]
    if "price" in data:
        values["price"] = None if data["price"] is None else float(data["price"])
    if "colours" in data:
        values["colours"] = json.dumps(list(data["colours"]))
    if "active" in data:
        values["active"] = int(bool(data["active"]))
    catalogue.upsert_product(kiosk.db, sku, values)


def apply_stock(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """Stock and location of one product in this store."""
    data = change["data"]
    sku = _required(data, "sku")
    quantity = int(_required(data, "quantity", int | float))  # checked whole by the rules
    store_id = kiosk.config.store_id
    db = kiosk.db
    catalogue.ensure_store(db, store_id, kiosk.config.store_name)
    catalogue.ensure_product(db, sku)
    catalogue.set_stock(db, store_id, sku, quantity, data.get("location"))


def apply_profile(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """A customer's profile: head office's full record (``fields``), merged field by field
    (``kiosk.privacy.profile``), or the older shape (consents, preferences).

    Consents are appended with source "hq" (no event: head office knows).
    An id erased here is never brought back.
    """
    customer_id = _customer(change)
    data = change["data"]
    if kiosk.privacy.was_erased(customer_id) or not profile_kept_here(kiosk, change):
        return
    if "fields" in data:
        kiosk.privacy.profile.apply_record(customer_id, data)
        if not (data.get("consents") or data.get("preferences")):
            return
    db = kiosk.db
    now = utcnow()
    customers.upsert_from_hq(db, customer_id, data.get("loyalty_ref"), data.get("first_name"),
                             now)
    current = kiosk.privacy.consents(customer_id)
    for purpose, granted in (data.get("consents") or {}).items():
        if current.get(purpose) is None or bool(current[purpose]) != bool(granted):
            customers.add_answer(db, customer_id, purpose, bool(granted), now, "hq")
    for preference in data.get("preferences") or []:
        customers.add_preference(db, customer_id, str(preference["key"]),
                                 str(preference["value"]), preference.get("source", "shopper"),
                                 now)


def profile_kept_here(kiosk: Kiosk, change: dict[str, Any]) -> bool:
    """Whether this device keeps the profile ``change`` (``[plugins.sync] profiles``).

    "chain": every profile. "store": a profile of head office's feed (a change
    with an ``id``, downloaded or bootstrapped) only if the shopper is held here
    already, their record names this store (``stores``) or it was sent to this
    store; a shopper's snapshot fetched on scan (no ``id``) is always kept.
    """
    if _profiles_policy(kiosk.config) == "chain":
        return True
    store_id = kiosk.config.store_id
    stores = change["data"].get("stores")
    return ("id" not in change or change.get("store_id") == store_id
            or (isinstance(stores, list) and store_id in stores)
            or customers.exists(kiosk.db, _customer(change)))


#: the last config's ``profiles`` policy: reading the settings costs ~0.4 ms, a bootstrap
#: applies 100,000 profiles
_last_policy: tuple[Any, str] | None = None


def _profiles_policy(config: Any) -> str:
    global _last_policy
    last = _last_policy
    if last is None or last[0] is not config:
        from kiosk.sync.settings import SyncSettings

        last = _last_policy = (config, config.plugin_settings("sync", SyncSettings).profiles)
    return last[1]


def apply_customer_merged(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """Head office merged this customer into another (``into``): their rows move there."""
    other = _customer(change)
    keep = _required(change["data"], "into")
    if kiosk.privacy.was_erased(keep):
        return
    kiosk.privacy.profile.move_customer(other, keep)


def apply_purchases(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """A customer's purchase lines from the tills (``kiosk hq import``): each added once,
    by its ``line_id``, so a history received twice adds nothing. An id erased here is
    never brought back."""
    customer_id = _customer(change)
    lines = _required(change["data"], "lines", list)
    if kiosk.privacy.was_erased(customer_id):
        return
    db = kiosk.db
    customers.upsert_from_hq(db, customer_id, None, None, utcnow())
    for sku in {line["sku"] for line in lines}:
        catalogue.ensure_product(db, sku)
    purchases.add_from_hq(db, customer_id, lines, kiosk.config.store_id)


def apply_shown(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """What a kiosk of the chain showed a shopper (``kiosk.hq.shown``): into ``impressions``,
    once per event, and never twice on the kiosk that showed it. Only for a shopper held here
    (another store's, with ``profiles = "store"``, is skipped); never brings back an erased
    id."""
    customer_id = _customer(change)
    data = change["data"]
    event, session_id = _required(data, "event"), _required(data, "session_id")
    at, items = _required(data, "at"), _required(data, "items", list)
    if kiosk.privacy.was_erased(customer_id) or not customers.exists(kiosk.db, customer_id):
        return
    feedback.add_relayed(kiosk.db, customer_id, session_id, event, items, at)


def apply_revocation(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """The customer's cards were revoked elsewhere: refuse them here too."""
    reason = change["data"].get("reason", "revoked at head office")
    kiosk.identity.revoke(_customer(change), reason=str(reason))


def apply_card(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """A card of the chain, in its current state (registered or revoked anywhere)."""
    customer_id = _customer(change)
    if kiosk.privacy.was_erased(customer_id):
        return
    kiosk.identity.apply_chain_card(customer_id, change["data"])


def apply_consent_withdrawal(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """A consent withdrawn elsewhere; nothing to do for a customer unknown here."""
    customer_id = _customer(change)
    purpose = _required(change["data"], "purpose")
    if not customers.exists(kiosk.db, customer_id):
        return
    if kiosk.privacy.consents(customer_id).get(purpose) is False:
        return
    kiosk.privacy.set_consent(customer_id, purpose, False, source="hq")


def apply_erasure(kiosk: Kiosk, change: dict[str, Any],
                  matcher: ErasedIdMatcher | None = None) -> int:
    """Erased at head office: erase whoever the digest names here, queued events included.

    The digest is kept even if nobody here has it, so that the id is refused
    when it arrives later (a profile, an import). Returns how many were erased.
    An erasure from a head office before digests names the id itself.
    """
    if change.get("customer_id"):
        kiosk.privacy.erase(_customer(change), origin="hq")
        return 1
    digest = _required(change["data"], "digest")
    matcher = matcher or ErasedIdMatcher(kiosk)
    erased = 0
    for customer_id in matcher.take(digest):
        kiosk.privacy.erase(customer_id, origin="hq")
        erased += 1
    with kiosk.transaction() as db:
        customers.remember_erasure(db, digest, "hq")
    return erased


def hq_erasure_key(db: Database) -> str | None:
    """Head office's erasure key as the kiosk stored it (None before the first erasure)."""
    return meta.get(db, meta.HQ_ERASURE_KEY)


def store_hq_erasure_key(db: Database, key: Any) -> None:
    """Keep head office's erasure key (``GET /v1/erasure-key``) in ``meta``."""
    if not isinstance(key, str) or _KEY(key) is None:
        raise ChangeError("head office sent an erasure key that is not 64 hex digits")
    meta.put(db, meta.HQ_ERASURE_KEY, key)


class ErasedIdMatcher:
    """The kiosk's customer ids by their digest under head office's erasure key.

    Built once per download, on the first erasure: every id in ``customers``
    and in any table with a ``customer_id`` column (the outbox included).
    """

    def __init__(self, kiosk: Kiosk):
        self.kiosk = kiosk
        self._by_digest: dict[str, list[str]] | None = None

    def take(self, digest: str) -> list[str]:
        """The ids here with ``digest`` (removed: they are about to be erased)."""
        if self._by_digest is None:
            key = hq_erasure_key(self.kiosk.db)
            if key is None:
                raise ErasureKeyUnknown("head office's erasure key is not known yet")
            self._by_digest = {}
            for customer_id in every_customer_id(self.kiosk.db):
                self._by_digest.setdefault(erased_id_digest(key, customer_id), []).append(
                    customer_id)
        return self._by_digest.pop(digest, [])


def apply_model(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """A trained model from head office.

    A recommenders' training run (``data["run"]``: the rows of head office's
    ``model_artefacts``, blobs in base64) becomes the newest local version,
    which the recommendation service loads; any other artefact (base64
    ``content``) is kept for whoever reads ``kiosk.sync.artefact(name)``.
    """
    data = change["data"]
    name, version = _required(data, "name"), str(_required(data, "version"))
    if "run" in data:
        install_run(kiosk, data["run"])
        return
    content = _b64(_required(data, "content"))
    details = {k: v for k, v in data.items() if k not in ("name", "version", "content")}
    sync_store.keep_artefact(kiosk.db, name, version, content, details)


def _b64(text: Any) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError) as error:
        raise ChangeError("a model change's content is not base64") from error


def install_run(kiosk: Kiosk, rows: Any) -> int:
    """Store a training run from head office as the newest ``model_artefacts`` version."""
    from kiosk.recommend import artefacts

    if not isinstance(rows, list) or not any(
            isinstance(r, dict) and r.get("name") == artefacts.BLEND for r in rows):
        raise ChangeError("a training run needs its blend row")
    decoded = []
    for row in rows:
        blob = row.get("blob")
        decoded.append({**row, "name": _required(row, "name"),
                        "blob": None if blob is None else _b64(blob)})
    return artefacts.install_run(kiosk.db, decoded)


APPLIERS: dict[str, Callable[[Kiosk, dict[str, Any]], object]] = {
    "product": apply_product,
    "stock": apply_stock,
    "profile": apply_profile,
    "revocation": apply_revocation,
    "consent_withdrawn": apply_consent_withdrawal,
    "erasure": apply_erasure,
    "model": apply_model,
    "customer_merged": apply_customer_merged,
    "purchases": apply_purchases,
    "card": apply_card,
    "shown": apply_shown,
}
