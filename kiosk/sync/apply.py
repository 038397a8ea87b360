"""Applying head office's changes on the kiosk, one clearly named function per kind.

Each function takes the ``Kiosk`` and a change (``{"id", "kind", "store_id",
"customer_id", "data"}``). Privacy changes go through the privacy and
identity services, so the kiosk's own rules apply (an erasure also purges
that person's queued events); catalogue, stock and profiles are written to
the core tables; model artefacts are kept for the recommenders.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.events import utcnow

if TYPE_CHECKING:
    from kiosk.app import Kiosk

#: kinds that must never be skipped: a failure stops the download until it succeeds
PRIVACY_KINDS = frozenset({"erasure", "revocation", "consent_withdrawn"})


class ChangeError(ValueError):
    """A change from head office is not well-formed."""


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
    row = {"sku": sku, "updated": utcnow()}
    for key in ("name", "description", "theme", "image"):
        if key in data:
            row[key] = data[key]
    if "price" in data:
        row["price"] = None if data["price"] is None else float(data["price"])
    if "colours" in data:
        row["colours"] = json.dumps(list(data["colours"]))
    if "active" in data:
        row["active"] = int(bool(data["active"]))
    db = kiosk.db
    exists = db.execute("SELECT 1 FROM products WHERE sku = ?", [sku]).fetchone()
    if exists:
        sets = ", ".join(f"[{k}] = :{k}" for k in row if k != "sku")
        db.execute(f"UPDATE products SET {sets} WHERE sku = :sku", row)
    else:
        row.setdefault("name", sku)
        columns = ", ".join(f"[{k}]" for k in row)
        db.execute(f"INSERT INTO products ({columns}) VALUES "
                   f"({', '.join(':' + k for k in row)})", row)


def apply_stock(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """Stock and location of one product in this store."""
    data = change["data"]
    sku = _required(data, "sku")
    quantity = int(_required(data, "quantity", int))
    store_id = kiosk.config.store_id
    db = kiosk.db
    db.execute("INSERT OR IGNORE INTO stores (id, name, created) VALUES (?, ?, ?)",
               [store_id, kiosk.config.store_name, utcnow()])
    if not db.execute("SELECT 1 FROM products WHERE sku = ?", [sku]).fetchone():
        db.execute("INSERT INTO products (sku, name, updated) VALUES (?, ?, ?)",
                   [sku, sku, utcnow()])
    db.execute(
        "INSERT INTO stock (store_id, sku, quantity, location, simulated, updated) "
        "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT(store_id, sku) DO UPDATE SET "
        "quantity = excluded.quantity, location = coalesce(excluded.location, location), "
        "simulated = 0, updated = excluded.updated",
        [store_id, sku, quantity, data.get("location"), utcnow()],
    )


def apply_profile(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """The profile of a customer who consented to this store: customer, consents, preferences.

    Consents are appended with source "hq" (no event: head office knows).
    An id erased here is never brought back.
    """
    customer_id = _customer(change)
    data = change["data"]
    if kiosk.privacy.was_erased(customer_id):
        return
    db = kiosk.db
    now = utcnow()
    db.execute(
        "INSERT INTO customers (id, loyalty_ref, first_name, created, origin) "
        "VALUES (?, ?, ?, ?, 'hq') ON CONFLICT(id) DO UPDATE SET "
        "first_name = coalesce(excluded.first_name, first_name)",
        [customer_id, data.get("loyalty_ref"), data.get("first_name"), now],
    )
    current = kiosk.privacy.consents(customer_id)
    for purpose, granted in (data.get("consents") or {}).items():
        if current.get(purpose) is None or bool(current[purpose]) != bool(granted):
            db.execute(
                "INSERT INTO consents (customer_id, purpose, granted, at, source) "
                "VALUES (?, ?, ?, ?, 'hq')", [customer_id, purpose, int(bool(granted)), now],
            )
    for preference in data.get("preferences") or []:
        db.execute(
            "INSERT OR IGNORE INTO preferences (customer_id, key, value, source, updated) "
            "VALUES (?, ?, ?, ?, ?)",
            [customer_id, str(preference["key"]), str(preference["value"]),
             preference.get("source", "shopper"), now],
        )


def apply_revocation(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """The customer's cards were revoked elsewhere: refuse them here too."""
    reason = change["data"].get("reason", "revoked at head office")
    kiosk.identity.revoke(_customer(change), reason=str(reason))


def apply_consent_withdrawal(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """A consent withdrawn elsewhere; nothing to do for a customer unknown here."""
    customer_id = _customer(change)
    purpose = _required(change["data"], "purpose")
    if not kiosk.db.execute("SELECT 1 FROM customers WHERE id = ?", [customer_id]).fetchone():
        return
    if kiosk.privacy.consents(customer_id).get(purpose) is False:
        return
    kiosk.privacy.set_consent(customer_id, purpose, False, source="hq")


def apply_erasure(kiosk: Kiosk, change: dict[str, Any]) -> None:
    """Erased at head office: erase here, queued events included."""
    kiosk.privacy.erase(_customer(change), origin="hq")


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
    meta = {k: v for k, v in data.items() if k not in ("name", "version", "content")}
    kiosk.db.execute(
        "INSERT INTO sync_artefacts (name, version, content, meta, received) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, "
        "content = excluded.content, meta = excluded.meta, received = excluded.received",
        [name, version, content, json.dumps(meta), utcnow()],
    )


def _b64(text: Any) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError) as error:
        raise ChangeError("a model change's content is not base64") from error


def install_run(kiosk: Kiosk, rows: Any) -> int:
    """Store a training run from head office as the newest ``model_artefacts`` version."""
    from kiosk.recommend.artefacts import BLEND, KEEP_VERSIONS

    db = kiosk.db
    if "model_artefacts" not in db.table_names():
        raise ChangeError("this kiosk has no recommender store (plugin disabled?)")
    if not isinstance(rows, list) or not any(
            isinstance(r, dict) and r.get("name") == BLEND for r in rows):
        raise ChangeError("a training run needs its blend row")
    version = (db.execute("SELECT max(version) FROM model_artefacts").fetchone()[0] or 0) + 1
    for row in rows:
        blob = row.get("blob")
        db.execute(
            "INSERT INTO model_artefacts (name, version, window_start, window_end, "
            "parameters, metrics, trained, blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_required(row, "name"), version, row.get("window_start"), row.get("window_end"),
             json.dumps(row.get("parameters") or {}), json.dumps(row.get("metrics") or {}),
             row.get("trained") or utcnow(), None if blob is None else _b64(blob)],
        )
    db.execute("DELETE FROM model_artefacts WHERE version <= ?", [version - KEEP_VERSIONS])
    return version


APPLIERS: dict[str, Callable[[Kiosk, dict[str, Any]], None]] = {
    "product": apply_product,
    "stock": apply_stock,
    "profile": apply_profile,
    "revocation": apply_revocation,
    "consent_withdrawn": apply_consent_withdrawal,
    "erasure": apply_erasure,
    "model": apply_model,
}
