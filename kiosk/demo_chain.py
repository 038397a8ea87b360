"""The demo chain: head office and a kiosk in each of two stores, from the bundled sample.

``build_chain(root)`` makes, in ``root`` (safe to run again: the second time
nothing changes):

- head office: ``hq.db`` and its key file ``hq.db.key``; the sample's till
  transactions split by invoice over two stores (``tills/STORE.csv.gz``) and
  imported with ``kiosk hq import``'s importer; the catalogue (themes, colours),
  each store's simulated stock and a training run of the recommenders,
  published to the change feed;
- ``hq-analytics.db``: head office's working copy of every store's till data
  (a kiosk database), from which it publishes the catalogue, the stock and the
  models, as an operator does with ``kiosk hq publish-catalogue`` and
  ``publish-model``;
- ``store-1/`` and ``store-2/``: each a kiosk (``kiosk.toml``, ``kiosk.db``,
  its key file) with a token from ``add-kiosk``, bootstrapped from head office;
- three demo shoppers, the sample's richest customers, enrolled at store 1
  with their consents and a card each (``cards/NAME.png``), synced so that
  every device of the chain knows their card and profile.

Head office runs for the build as ``kiosk hq serve`` on a free port; the
kiosks' configs name ``chain_port``, where ``open_chain`` serves it while both
kiosks' windows are open.
"""

from __future__ import annotations

import base64
import csv
import gzip
import hashlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from kiosk import demo
from kiosk.app import Kiosk
from kiosk.config import Config, load_config
from kiosk.events import utcnow
from kiosk.store import catalogue, customers, purchases
from kiosk.store import recommend as model_store
from kiosk.store import sync as sync_store
from kiosk.store.files import create_private_file, make_private_dir, tighten

STORES = (("store-1", "Harbour Street"), ("store-2", "Riverside"))
CHAIN_NAME = "Demo Chain"
DEFAULT_PORT = 8700
HQ_START_TIMEOUT = 60.0
#: the demo's kiosks sync every few seconds, so the walk-through shows changes quickly
SYNC_SETTINGS = {"interval": 3.0, "max_wait": 1.0, "backoff_base": 0.5, "backoff_cap": 5.0}

Say = Callable[[str], None]


class ChainError(RuntimeError):
    """The demo chain cannot be built or opened; the message says why and what to do."""


@dataclass(frozen=True)
class ChainPaths:
    """Where each part of the demo chain lives under ``root``."""

    root: Path

    @property
    def hq_database(self) -> Path:
        return self.root / "hq.db"

    @property
    def hq_key_file(self) -> Path:
        return self.root / "hq.db.key"

    @property
    def analytics(self) -> Path:
        return self.root / "hq-analytics.db"

    @property
    def tills(self) -> Path:
        return self.root / "tills"

    @property
    def cards(self) -> Path:
        return self.root / "cards"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def store_dir(self, store_id: str) -> Path:
        return self.root / store_id

    def config(self, store_id: str) -> Path:
        return self.store_dir(store_id) / "kiosk.toml"

    def kiosk_database(self, store_id: str) -> Path:
        return self.store_dir(store_id) / "kiosk.db"


def kiosk_name(store_id: str) -> str:
    """The device name of the demo kiosk in ``store_id`` at head office."""
    return f"kiosk-{store_id.removeprefix('store-')}"


# -- ports and processes --------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def child_environment() -> dict[str, str]:
    """The environment of the chain's processes: without the caller's ``KIOSK_*`` settings,
    which would otherwise override the demo's configs (a ``KIOSK_DATABASE``, say)."""
    return {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}


def start_head_office(paths: ChainPaths, port: int, *,
                      timeout: float = HQ_START_TIMEOUT) -> subprocess.Popen:
    """``kiosk hq serve`` on 127.0.0.1:``port`` over the chain's database, once it answers.

    Its output goes to ``logs/hq.log``. Started in a session of its own, so a
    Ctrl-C in the terminal reaches the demo, which stops it in order.
    """
    if not port_is_free(port):
        raise ChainError(f"port {port} on 127.0.0.1 is in use: run again with --port PORT "
                         "(a free one)")
    make_private_dir(paths.logs)
    with open(paths.logs / "hq.log", "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.hq", "serve", "--database", str(paths.hq_database),
             "--key-file", str(paths.hq_key_file), "--host", "127.0.0.1", "--port", str(port)],
            cwd=paths.root, env=child_environment(), stdout=log, stderr=log,
            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ChainError(f"head office stopped at start (exit {process.returncode}); "
                             f"see {paths.logs / 'hq.log'}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    stop_process(process)
    raise ChainError(f"head office did not answer on {url} within {timeout:.0f} s; "
                     f"see {paths.logs / 'hq.log'}")


def stop_process(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it has not ended within ``timeout`` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)


@contextmanager
def head_office_running(paths: ChainPaths, port: int) -> Iterator[str]:
    """Head office served for the duration of the block; yields its URL."""
    process = start_head_office(paths, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(process)


# -- head office: tills, catalogue, models, devices ----------------------------------

def store_of_invoice(invoice: str) -> str:
    """Which demo store an invoice was rung up in: the same every time, about half each."""
    digest = hashlib.sha256(f"kiosk-demo-chain:{invoice}".encode()).digest()
    return STORES[digest[0] % len(STORES)][0]


def split_sample(paths: ChainPaths) -> dict[str, Path]:
    """Write each store's till file (the sample's rows of its invoices); store -> path.

    A file is written only when its content changed, with a fixed gzip time,
    so building again leaves it as it was.
    """
    with gzip.open(demo.sample_path(), "rt", encoding="utf-8", newline="") as sample:
        reader = csv.reader(sample)
        header = next(reader)
        rows: dict[str, list[list[str]]] = {store_id: [] for store_id, _ in STORES}
        for row in reader:
            rows[store_of_invoice(row[0])].append(row)
    make_private_dir(paths.tills)
    files = {}
    for store_id, store_rows in rows.items():
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(store_rows)
        raw = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
            packed.write(text.getvalue().encode("utf-8"))
        target = paths.tills / f"{store_id}.csv.gz"
        if not target.exists() or target.read_bytes() != raw.getvalue():
            create_private_file(target)
            target.write_bytes(raw.getvalue())
        files[store_id] = target
    return files


def store_stock(sku: str, theme: str | None, store_id: str) -> tuple[int, str]:
    """A store's simulated stock and location: store 1's as the one-kiosk demo's, the
    others' their own (the same products, other levels and bays)."""
    return demo.simulated_stock(sku if store_id == STORES[0][0] else f"{store_id}:{sku}", theme)


def build_analytics(paths: ChainPaths) -> dict[str, Any]:
    """Head office's working copy: every till's lines, the catalogue enriched, each store's
    simulated stock, the recommenders trained on all of it."""
    from kiosk.importer import import_file

    config = Config(database=str(paths.analytics), store_id="head-office",
                    store_name=f"{CHAIN_NAME} head office", kiosk_id="analytics")
    with Kiosk(config) as kiosk:
        report = import_file(kiosk, demo.sample_path())
        for store_id, store_name in STORES:
            if not catalogue.has_stock(kiosk.db, store_id):
                now = utcnow()
                rows = [(store_id, sku, *store_stock(sku, theme, store_id), now)
                        for sku, theme in catalogue.active_products(kiosk.db)]
                with kiosk.db.atomic():
                    catalogue.ensure_store(kiosk.db, store_id, store_name)
                    catalogue.set_simulated_stock(kiosk.db, rows)
        kiosk.recommendations.engine()  # trains once; later builds load that run
        best = purchases.best_customers(kiosk.db, len(demo.DEMO_FIRST_NAMES))
    return {"products": report.products, "customers": report.customers,
            "invoices": report.invoices, "best_customers": best}


def _open_analytics_read_only(paths: ChainPaths) -> Any:
    import sqlite3

    from sqlite_utils import Database

    return Database(sqlite3.connect(f"file:{paths.analytics}?mode=ro", uri=True))


def catalogue_changes(paths: ChainPaths, store_ids: Sequence[str]) -> list[Any]:
    """The product changes of the analytics copy, and the stock changes of ``store_ids``
    (what ``kiosk hq publish-catalogue`` publishes)."""
    source = _open_analytics_read_only(paths)
    try:
        return catalogue.changes_for_head_office(source, store_ids)
    finally:
        source.close()


def model_change(paths: ChainPaths) -> Any:
    """The analytics copy's latest training run as a ``model`` change (``publish-model``)."""
    from kiosk.hq.storage import ChangeIn

    source = _open_analytics_read_only(paths)
    try:
        version = model_store.newest_version(source)
        rows = model_store.run_rows(source, version)
    finally:
        source.close()
    run = [{"name": n, "window_start": s, "window_end": e, "parameters": json.loads(p),
            "metrics": json.loads(m), "trained": t,
            "blob": None if b is None else base64.b64encode(b).decode("ascii")}
           for n, s, e, p, m, t, b in rows]
    return ChangeIn("model", {"name": "recommenders", "version": str(version), "run": run})


def _published(storage: Any, kind: str, store_id: str | None = None) -> int:
    """How many changes of ``kind`` (for ``store_id``) head office's feed holds."""
    if store_id is None:
        sql, params = "SELECT count(*) FROM changes WHERE kind = ?", [kind]
    else:
        sql, params = ("SELECT count(*) FROM changes WHERE kind = ? AND store_id = ?",
                       [kind, store_id])
    return int(storage.query(sql, params)[0][0])


def publish_to_feed(storage: Any, paths: ChainPaths) -> dict[str, int]:
    """Publish what the feed lacks: the catalogue, each store's stock, the models."""
    published = {"products": 0, "stock": 0, "models": 0}
    need_products = _published(storage, "product") == 0
    stores = [store_id for store_id, _ in STORES if _published(storage, "stock", store_id) == 0]
    if need_products or stores:
        changes = [change for change in catalogue_changes(paths, stores)
                   if need_products or change.kind == "stock"]
        storage.publish(changes)
        published["products"] = sum(1 for change in changes if change.kind == "product")
        published["stock"] = sum(1 for change in changes if change.kind == "stock")
    if _published(storage, "model") == 0:
        storage.publish([model_change(paths)])
        published["models"] = 1
    return published


def import_tills(storage: Any, files: dict[str, Path]) -> dict[str, dict[str, int]]:
    """``kiosk hq import`` of each store's till file; importing again adds nothing."""
    from kiosk.hq import tills

    done = {}
    for store_id, path in files.items():
        details = tills.import_till_file(storage, path, store_id).details
        done[store_id] = {"lines_new": details["lines_new"],
                          "lines_known": details["lines_known"]}
    return done


def device_token(storage: Any, paths: ChainPaths, store_id: str) -> tuple[str, str]:
    """(device name, token) of the store's kiosk: the token in its config while head office
    still accepts it, else a new device from ``add-kiosk``."""
    config = paths.config(store_id)
    if config.exists():
        settings = tomllib.loads(config.read_text(encoding="utf-8"))
        known = storage.authenticate(settings.get("hq_token", ""))
        if known is not None and known.store_id == store_id:
            return known.name, settings["hq_token"]
    from kiosk.hq.storage import StorageError

    name = kiosk_name(store_id)
    for attempt in range(1, 100):  # the name is taken by a device whose token was lost
        candidate = name if attempt == 1 else f"{name}-{attempt}"
        try:
            return candidate, storage.add_kiosk(candidate, store_id=store_id, role="kiosk")
        except StorageError:
            continue
    raise ChainError(f"could not add a kiosk for {store_id} at head office")


def chain_port(paths: ChainPaths) -> int | None:
    """The port the kiosks' configs expect head office on (None before the first build)."""
    config = paths.config(STORES[0][0])
    if not config.exists():
        return None
    url = tomllib.loads(config.read_text(encoding="utf-8")).get("hq_url", "")
    try:
        return int(url.rsplit(":", 1)[1].strip("/"))
    except (IndexError, ValueError):
        return None


def _toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string (ASCII, escaped) is a TOML basic string


def write_config(paths: ChainPaths, store_id: str, store_name: str, name: str, token: str,
                 port: int) -> Path:
    """The store's ``kiosk.toml`` (0600: it holds the token), rewritten only if it changed."""
    lines = [
        f"# The {CHAIN_NAME}'s kiosk in {store_id}, written by `kiosk demo --chain`.",
        f"store_id = {_toml_string(store_id)}",
        f"store_name = {_toml_string(store_name)}",
        f"kiosk_id = {_toml_string(name)}",
        f"database = {_toml_string(str(paths.kiosk_database(store_id)))}",
        f"hq_url = {_toml_string(f'http://127.0.0.1:{port}')}",
        f"hq_token = {_toml_string(token)}",
        "",
        "[plugins.sync]",
        *(f"{key} = {value}" for key, value in SYNC_SETTINGS.items()),
    ]
    text = "\n".join(lines) + "\n"
    config = paths.config(store_id)
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        create_private_file(config)
        tighten(config)
        config.write_text(text, encoding="utf-8")
    return config


# -- the devices -------------------------------------------------------------------

@contextmanager
def open_device(paths: ChainPaths, store_id: str, hq_url: str) -> Iterator[Kiosk]:
    """The store's kiosk, in this process, syncing with head office at ``hq_url``."""
    config = load_config(paths.config(store_id), environ={"KIOSK_HQ_URL": hq_url})
    with Kiosk(config) as kiosk:
        yield kiosk


def bootstrap_device(kiosk: Kiosk) -> int:
    """Load a new device from head office in bulk; 0 for one that has downloaded before."""
    from kiosk.sync.bootstrap import bootstrap
    from kiosk.sync.download import CURSOR

    if sync_store.cursor(kiosk.db, CURSOR) != 0:
        return 0
    return int(bootstrap(kiosk, kiosk.sync.transport())["applied"])


def sync_device(kiosk: Kiosk) -> dict[str, Any]:
    result = kiosk.sync.run_once()
    if not result["ok"]:
        raise ChainError(f"{kiosk.config.kiosk_id} could not sync with head office: "
                         f"{result['error']}")
    return result


def enrol_demo_shoppers(kiosk: Kiosk, customer_ids: Sequence[str],
                        paths: ChainPaths) -> list[dict[str, Any]]:
    """The richest sample customers, each with a fictional first name, consent and a card.

    They were till customers only: here they join at the kiosk, the card they get
    proving each edit of their record to head office. One who has a card keeps it.
    Card images go to ``cards/`` (0600: a card image is a loyalty code).
    """
    from kiosk.identity.card_image import render_card, save_card

    make_private_dir(paths.cards)
    shoppers = []
    for customer_id, first_name in zip(customer_ids, demo.DEMO_FIRST_NAMES, strict=False):
        card = kiosk.identity.current_card(customer_id)
        if card is None:
            with kiosk.transaction() as db:
                if not customers.exists(db, customer_id):
                    customers.add_enrolled(db, customer_id, None)
                    kiosk.record_event("enrolled", {"source": "demo"}, customer_id=customer_id)
            card = kiosk.identity.issue_card(customer_id)
            kiosk.privacy.set_first_name(customer_id, first_name, source="demo",
                                         card_code=card.code)
            kiosk.privacy.set_consents(customer_id, demo.DEMO_CONSENTS, source="demo",
                                       card_code=card.code)
        target = paths.cards / f"{card_file_name(first_name)}.png"
        if not create_private_file(target):
            tighten(target)
        save_card(render_card(card.code, card.short_code, title="Demo loyalty card",
                              store_name=f"{CHAIN_NAME}: every store"), target)
        shoppers.append({"first_name": first_name, "customer_id": customer_id,
                         "code": card.code, "short_code": card.short_code,
                         "card": str(target)})
    return shoppers


def card_file_name(first_name: str) -> str:
    """"Chloé" -> "chloe": the card image's name, in ASCII."""
    return unicodedata.normalize("NFKD", first_name).encode("ascii", "ignore").decode().lower()


# -- the build -----------------------------------------------------------------------

def _quiet(message: str) -> None:
    del message


def build_chain(root: str | os.PathLike[str], *, port: int | None = None,
                say: Say = _quiet) -> dict[str, Any]:
    """Build (or bring up to date) the demo chain in ``root``; returns a summary.

    ``port``: where the kiosks expect head office when the chain is open (default:
    the port of an earlier build, else 8700 if free, else a free one).
    ``say`` gets a line per step.
    """
    from kiosk.hq.storage import open_storage

    paths = ChainPaths(Path(root).resolve())
    make_private_dir(paths.root)
    port = port or chain_port(paths) or (DEFAULT_PORT if port_is_free(DEFAULT_PORT)
                                         else free_port())
    say("Head office's copy of the tills: the bundled sample, catalogue, stock, models")
    analytics = build_analytics(paths)
    files = split_sample(paths)
    storage = open_storage(str(paths.hq_database), key_file=paths.hq_key_file)
    try:
        say("Head office: publishing the catalogue, each store's stock and the models")
        published = publish_to_feed(storage, paths)
        say("Head office: importing each store's till (kiosk hq import)")
        imported = import_tills(storage, files)
        devices = {store_id: device_token(storage, paths, store_id) for store_id, _ in STORES}
    finally:
        storage.close()
    configs = {store_id: write_config(paths, store_id, name, devices[store_id][0],
                                      devices[store_id][1], port)
               for store_id, name in STORES}

    stores: dict[str, dict[str, Any]] = {}
    with head_office_running(paths, free_port()) as build_url:
        for store_id, store_name in STORES:
            say(f"{store_name} ({store_id}): bootstrapping {devices[store_id][0]} "
                "from head office")
            with open_device(paths, store_id, build_url) as kiosk:
                applied = bootstrap_device(kiosk)
                sync_device(kiosk)
                staff = demo.add_demo_staff(kiosk)
            stores[store_id] = {"name": store_name, "device": devices[store_id][0],
                                "config": str(configs[store_id]),
                                "database": str(paths.kiosk_database(store_id)),
                                "bootstrapped": applied}
        first = STORES[0][0]
        say(f"{STORES[0][1]} ({first}): enrolling the demo shoppers; syncing both stores")
        with open_device(paths, first, build_url) as kiosk:
            shoppers = enrol_demo_shoppers(kiosk, analytics["best_customers"], paths)
        for _ in range(2):  # store 1 sends, store 2 receives; then both settle
            for store_id, _name in STORES:
                with open_device(paths, store_id, build_url) as kiosk:
                    sync_device(kiosk)
    return {
        "root": str(paths.root),
        "head_office": {"database": str(paths.hq_database), "key_file": str(paths.hq_key_file),
                        "url": f"http://127.0.0.1:{port}", "analytics": str(paths.analytics),
                        "imported": imported, "published": published},
        "stores": stores,
        "shoppers": shoppers,
        "staff": staff,
    }


# -- open: head office and both kiosks' windows ----------------------------------------

def walk_through(summary: dict[str, Any], *, opening: bool = True) -> list[str]:
    """What to try in the chain, with the demo shoppers' codes (``opening``: and where
    head office and the windows are, and how to stop them)."""
    (first, one), (second, two) = list(summary["stores"].items())[:2]
    chloe = next((s for s in summary["shoppers"] if s["first_name"] == "Chloé"),
                 summary["shoppers"][-1])
    lines = [
        f"Head office: {summary['head_office']['url']}/report",
        f"Windows: {one['name']} ({first}) and {two['name']} ({second}); "
        "each syncs with head office every few seconds.",
    ] if opening else []
    lines += [
        "Demo shoppers (enrolled at store 1; their cards work in every store):",
        *(f"  {s['first_name']:<6} {s['short_code']}  card: {s['card']}"
          for s in summary["shoppers"]),
        "Try:",
        f"  1. At {two['name']}, type {chloe['first_name']}'s code {chloe['short_code']} "
        "on the keypad: she is recognised, with her picks.",
        f"  2. Still at {two['name']}: My data, add a preference. After a sync (a few "
        f"seconds) scan her code at {one['name']}: My data shows it.",
        f"  3. At {two['name']}: My data, erase. After a sync she is gone at {one['name']} "
        "(her code is unknown) and at head office:",
        f"     kiosk hq customer show {chloe['customer_id']} "
        f"--database {summary['head_office']['database']}",
    ]
    if summary.get("staff", {}).get("pin"):
        lines.append(f"Staff PIN (demo only): {summary['staff']['pin']}")
    if opening:
        lines.append("Close both windows or press Ctrl-C to stop the chain.")
    return lines


def rewrite_port(paths: ChainPaths, port: int) -> None:
    """Point both kiosks' configs at head office on ``port``."""
    for store_id, store_name in STORES:
        settings = tomllib.loads(paths.config(store_id).read_text(encoding="utf-8"))
        write_config(paths, store_id, store_name, settings["kiosk_id"], settings["hq_token"],
                     port)


def open_chain(root: str | os.PathLike[str], *, port: int | None = None,
               say: Say = _quiet) -> int:
    """Serve head office and open both kiosks' windows until they close, Ctrl-C or SIGTERM.

    Returns 0 when stopped, 1 if head office stopped by itself.
    """
    paths = ChainPaths(Path(root).resolve())
    configured = chain_port(paths)
    if configured is None:
        raise ChainError(f"no demo chain in {paths.root}: build it first (kiosk demo --chain "
                         f"{root})")
    if port and port != configured:
        rewrite_port(paths, port)
    port = port or configured
    hq = start_head_office(paths, port)
    windows: list[subprocess.Popen] = []
    stopping: list[int] = []

    def stop(signum: int, frame: Any) -> None:
        stopping.append(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for store_id, _ in STORES:
            with open(paths.logs / f"{store_id}.log", "ab") as log:
                windows.append(subprocess.Popen(
                    [sys.executable, "-m", "kiosk", "--config", str(paths.config(store_id)),
                     "run", "--windowed"],
                    cwd=paths.root, env=child_environment(), stdout=log, stderr=log,
                    start_new_session=True))
        say(f"Head office and both kiosks are running (logs in {paths.logs}).")
        while not stopping and any(w.poll() is None for w in windows):
            if hq.poll() is not None:
                say(f"head office stopped (exit {hq.returncode}); see {paths.logs / 'hq.log'}")
                return 1
            time.sleep(0.2)
        return 0
    finally:
        for window in windows:
            stop_process(window)
        stop_process(hq)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        say("The demo chain has stopped.")
