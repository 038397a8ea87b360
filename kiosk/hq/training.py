"""Training the recommenders at head office on every store's till purchases: ``kiosk hq train``.

Head office holds every store's purchase lines (``hq_purchases``, from ``kiosk
hq import``) and the catalogue it publishes (``product`` changes). This module
puts them in a temporary kiosk store (``kiosk.store``: the kiosk's own tables
and rules), trains the recommenders there with the kiosk's training code
(``kiosk.recommend``: the same snapshot, fitting, blending and artefacts as
``kiosk train``), and publishes the run as a ``model`` change, which devices
install as their newest model on their next sync (``kiosk.sync.apply``).

What each line may be used for, by head office's current record:

- a customer whose consent grants ``personalisation`` (and who has not paused
  it) is trained on as a person: their lines are their history;
- anyone else's lines (no consent, a withdrawal, a pause, an anonymous sale)
  only as anonymous sales, as a kiosk keeps an erased customer's: no customer,
  a fresh invoice number per invoice, the time cut to the day. They feed the
  store-level picks (popular, trending) and never a personal history;
- a line the customer asked not to use (``exclude:INVOICE:SKU``) is left out;
- an erased customer's lines are gone from head office (and checked again here).

The recommenders come from the plugins installed at head office (the built-in
ones and entry points), fitted with ``kiosk`` set to None, as ``kiosk
recommend-batch`` does. A run holds item-level aggregates only (similarities,
counts, intervals), never a customer id. The temporary store is deleted after.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.chain import PAUSED, FieldState, Version
from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kiosk.hq.storage.base import Storage

#: the model change's name (``kiosk hq publish-model`` publishes under it too)
MODEL_NAME = "recommenders"
#: the consent that lets a customer's lines be their history
PERSONAL_PURPOSE = "personalisation"
_CHUNK = 500

Progress = Callable[[float, str], None]


class NothingToLearn(RuntimeError):
    """Head office holds no purchase lines to train on."""


@dataclass
class TrainingData:
    """Head office's lines as the temporary store gets them, and what was done to them."""

    #: (invoice, customer_id or None, sku, quantity, price, ts, store_id)
    lines: list[tuple[Any, ...]] = field(default_factory=list)
    #: sku -> product fields from the published catalogue
    products: dict[str, dict[str, Any]] = field(default_factory=dict)
    personal: set[str] = field(default_factory=set)  # customers trained on as people
    anonymised_lines: int = 0
    excluded_lines: int = 0
    erased_lines: int = 0
    stores: set[str] = field(default_factory=set)


def read_training_data(storage: Storage) -> TrainingData:
    """Every store's purchase lines and the published catalogue, by the rules above."""
    data = TrainingData()
    with storage._tx(write=False) as cur:
        rows = storage._run(cur, "SELECT store_id, customer_id, invoice, sku, quantity, price, "
                                 "at FROM hq_purchases ORDER BY at, line_id").fetchall()
        customers = {row[1] for row in rows if row[1]}
        erased = storage._erased_among(cur, customers)
        consenting = _consenting(storage, cur, customers - erased)
        paused, excluded = _restrictions(storage, cur, consenting)
        data.products = _catalogue(storage, cur)
    personal = consenting - paused
    fresh: dict[tuple[str, str], str] = {}
    for store, customer, invoice, sku, quantity, price, at in rows:
        if customer in erased:
            data.erased_lines += 1
            continue
        if customer and ((invoice, sku) in excluded.get(customer, ())
                         or (f"{store}:{invoice}", sku) in excluded.get(customer, ())):
            data.excluded_lines += 1
            continue
        data.stores.add(store)
        if customer in personal:
            data.personal.add(customer)
            data.lines.append((f"{store}:{invoice}", customer, sku, int(quantity),
                               float(price), at, store))
            continue
        anonymous = fresh.setdefault((store, invoice), "anon-" + secrets.token_hex(8))
        data.lines.append((anonymous, None, sku, int(quantity), float(price), _day(at), store))
        data.anonymised_lines += 1
    return data


def _consenting(storage: Storage, cur: Any, customer_ids: Iterable[str]) -> set[str]:
    """Which of ``customer_ids`` currently grant personalisation at head office."""
    ids = sorted(customer_ids)
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update(r[0] for r in storage._run(
            cur, f"SELECT customer_id FROM consents WHERE granted = 1 AND purpose = ? "
                 f"AND customer_id IN ({', '.join('?' for _ in chunk)})",
            [PERSONAL_PURPOSE, *chunk]).fetchall())
    return found


def _restrictions(storage: Storage, cur: Any, customer_ids: set[str]
                  ) -> tuple[set[str], dict[str, set[tuple[str, str]]]]:
    """Of ``customer_ids``: who paused personalisation, and each one's excluded lines."""
    paused: set[str] = set()
    excluded: dict[str, set[tuple[str, str]]] = {}
    rows = storage._run(cur, "SELECT customer_id, field, value, hlc, base, restricted_at "
                             "FROM customer_fields WHERE field = ? OR field LIKE 'exclude:%'",
                        [PAUSED]).fetchall()
    for customer, name, value, hlc, base, restricted_at in rows:
        if customer not in customer_ids:
            continue
        if FieldState(Version(json.loads(value), hlc, base), restricted_at).value(name) is not True:
            continue
        if name == PAUSED:
            paused.add(customer)
        else:  # exclude:INVOICE:SKU (an invoice of another store is STORE:INVOICE)
            invoice, _, sku = name.removeprefix("exclude:").rpartition(":")
            excluded.setdefault(customer, set()).add((invoice, sku))
    return paused, excluded


def _catalogue(storage: Storage, cur: Any) -> dict[str, dict[str, Any]]:
    """The published catalogue: each product's fields, merged in the feed's order."""
    products: dict[str, dict[str, Any]] = {}
    for (text,) in storage._run(cur, "SELECT data FROM changes c WHERE kind = 'product' "
                                     "AND NOT EXISTS (SELECT 1 FROM retractions r "
                                     "WHERE r.change_id = c.id) ORDER BY id").fetchall():
        product = json.loads(text)
        products.setdefault(str(product.pop("sku")), {}).update(product)
    return products


def _day(ts: str) -> str:
    try:
        moment = datetime.fromisoformat(ts)
    except ValueError:
        return ts[:10]
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).isoformat()


def fill_store(db: Database, data: TrainingData) -> None:
    """Write ``data`` into a new kiosk store (products, customers, purchases)."""
    from kiosk.store import catalogue, customers, purchases

    now = datetime.now(UTC).isoformat()
    with db.atomic():
        for sku, product in data.products.items():
            values = {k: v for k, v in product.items()
                      if k in ("name", "description", "price", "theme", "image")}
            if "colours" in product:
                values["colours"] = json.dumps(list(product["colours"] or []))
            if "active" in product:
                values["active"] = int(bool(product["active"]))
            catalogue.upsert_product(db, sku, {**values, "updated": now})
        for sku in {line[2] for line in data.lines} - set(data.products):
            catalogue.ensure_product(db, sku)
        for customer in sorted(data.personal):
            customers.upsert_from_hq(db, customer, None, None, now)
        purchases.upsert_imported(db, data.lines)


def train_and_publish(storage: Storage, *, store_id: str | None = None,
                      progress: Progress | None = None, pm: Any = None) -> dict[str, Any]:
    """Train on every store's lines and publish the run (``store_id``: for its devices only).

    Returns a summary (no customer id). ``NothingToLearn`` if head office has
    no purchase lines; ``InvalidChange`` if the run breaks the model rules.
    """
    from kiosk.plugins import make_plugin_manager
    from kiosk.recommend import artefacts
    from kiosk.recommend.registry import collect_recommenders
    from kiosk.recommend.snapshot import from_store
    from kiosk.recommend.training import train
    from kiosk.store import open_database
    from kiosk.store import recommend as recommend_store

    report = progress or (lambda fraction, message: None)
    report(0.0, "reading head office's purchases")
    data = read_training_data(storage)
    if not data.lines:
        raise NothingToLearn("head office has no till purchases to learn from; import a "
                             "till's file first (kiosk hq import PATH --store STORE)")
    trained = datetime.now(UTC)
    version = "hq-" + trained.strftime("%Y%m%dT%H%M%S%fZ")
    with tempfile.TemporaryDirectory(prefix="kiosk-hq-train-") as folder:
        db = open_database(Path(folder) / "training.db")
        try:
            fill_store(db, data)
            report(0.05, "fitting the recommenders")
            snapshot = from_store(db)
            recommenders = collect_recommenders(pm or make_plugin_manager(), None)
            result = train(snapshot, recommenders,
                           progress=lambda f, m: report(0.05 + 0.9 * f, m))
            fitted = list(result.engine.recommenders.values())
            metrics = {**result.validation, "hq_version": version,
                       "stores": sorted(data.stores)}
            local = artefacts.save_run(db, fitted, weights=result.engine.weights,
                                       window=snapshot.window(), parameters=result.parameters,
                                       metrics=metrics, seconds=result.seconds)
            run = published_run(recommend_store.run_rows(db, local))
        finally:
            db.close()
    report(0.97, "publishing")
    (change_id,) = storage.publish([model_change(run, version, store_id)])
    report(1.0, "done")
    return {"version": version, "change_id": change_id, "store_id": store_id,
            "window": snapshot.window(), "stores": sorted(data.stores),
            "purchases": len(data.lines), "customers": len(data.personal),
            "anonymised_lines": data.anonymised_lines, "excluded_lines": data.excluded_lines,
            "products": snapshot.n_items, "recommenders": sorted(result.engine.recommenders),
            "failed": result.failed, "validation": result.validation,
            "artefacts": len(run),
            "base64_bytes": sum(len(row["blob"] or "") for row in run)}


def published_run(rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """``model_artefacts`` rows (``kiosk.store.recommend.run_rows``) as a model change's
    ``run``: blobs in base64."""
    import base64

    return [{"name": n, "window_start": s, "window_end": e, "parameters": json.loads(p),
             "metrics": json.loads(m), "trained": t,
             "blob": None if b is None else base64.b64encode(b).decode("ascii")}
            for n, s, e, p, m, t, b in rows]


def model_change(run: list[dict[str, Any]], version: str,
                 store_id: str | None = None) -> ChangeIn:
    """The ``model`` change of a training run, for every device or one store's."""
    return ChangeIn("model", {"name": MODEL_NAME, "version": version, "run": run}, store_id)


def store_known(storage: Storage, store_id: str) -> bool:
    """Whether head office has a device or purchase lines of ``store_id``."""
    with storage._tx(write=False) as cur:
        return storage._run(cur, "SELECT 1 FROM kiosks WHERE store_id = ? AND role <> "
                                 "'operator' UNION SELECT 1 FROM hq_purchases "
                                 "WHERE store_id = ?", [store_id, store_id]).fetchone() is not None
