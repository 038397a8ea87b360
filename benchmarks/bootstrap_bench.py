"""Bootstrap of a new device for a store of 100,000 customers: time and peak memory (JSON).

Head office (a real ``kiosk hq serve`` process, SQLite unless ``--database``)
gets a synthetic chain published in bulk through its own feed
(``Storage._add_changes``, so every change gets its compaction key as in
production): the catalogue and this store's stock (each updated once more, so
compaction has something to drop), and per customer a profile, a card (when
this build has the ``card`` kind) and a purchase history of ``--lines`` lines;
10 % of the profiles are published twice (older shape: both kept). Then
``kiosk sync bootstrap --json`` runs as a subprocess on an empty device, and
the device is checked against what was published.

    .venv/bin/python benchmarks/bootstrap_bench.py [--customers 100000] [--lines 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from kiosk.hq.storage import ChangeIn, open_storage
from kiosk.sync.apply import APPLIERS

TARGET_SECONDS = 60
STORE = "store-1"
CHUNK = 20_000


def catalogue(products: int) -> list[ChangeIn]:
    changes = [ChangeIn("product", {"sku": f"SKU{i:05d}", "name": f"Product {i}",
                                    "price": round(1 + i % 50 * 0.5, 2)})
               for i in range(products)]
    changes += [ChangeIn("stock", {"sku": f"SKU{i:05d}", "quantity": i % 20,
                                   "location": f"Aisle {i % 12}"}, STORE)
                for i in range(products)]
    changes += [ChangeIn("product", {"sku": f"SKU{i:05d}", "price": 9.99})
                for i in range(0, products, 10)]  # a price change: merged
    changes += [ChangeIn("stock", {"sku": f"SKU{i:05d}", "quantity": 3}, STORE)
                for i in range(0, products, 10)]  # superseded stock
    return changes


def customer(index: int, lines: int, products: int, rng: random.Random,
             cards: bool) -> list[ChangeIn]:
    customer_id = f"C{index:07d}"
    changes = [ChangeIn("profile", {"first_name": f"Name{index % 997}",
                                    "consents": {"personalisation": True},
                                    "preferences": [{"key": "theme", "value": "garden"}]},
                        None, customer_id)]
    if cards:
        changes.append(ChangeIn("card", {"card_id": f"card-{index}",
                                         "long_digest": f"{index:064x}",
                                         "short_digest": f"{index:064x}"[::-1],
                                         "status": "active", "store_id": STORE},
                                None, customer_id))
    history = [{"line_id": f"{index:016x}{n:016x}", "invoice": f"I{index}-{n // 3}",
                "sku": f"SKU{(index * 7 + n * 13) % products:05d}", "quantity": 1 + n % 3,
                "price": 2.5, "at": f"2024-0{1 + n % 9}-1{n % 10}T10:00:00",
                "store_id": STORE} for n in range(lines)]
    changes.append(ChangeIn("purchases", {"lines": history}, STORE, customer_id))
    if index % 10 == 0:
        changes.append(ChangeIn("profile", {"preferences": [{"key": "colour",
                                                              "value": "blue"}]},
                                None, customer_id))
    return changes


def publish(storage, changes: list[ChangeIn]) -> None:
    for start in range(0, len(changes), CHUNK):
        with storage._tx(write=True) as cur:
            storage._add_changes(cur, changes[start:start + CHUNK])


def build(database: str, customers: int, lines: int, products: int, cards: bool) -> dict:
    rng = random.Random(7)
    storage = open_storage(database)
    try:
        token = storage.add_kiosk("new-kiosk", store_id=STORE)
        started = time.perf_counter()
        publish(storage, catalogue(products))
        batch: list[ChangeIn] = []
        for index in range(customers):
            batch += customer(index, lines, products, rng, cards)
            if len(batch) >= CHUNK:
                publish(storage, batch)
                batch = []
        publish(storage, batch)
        publish(storage, [ChangeIn("purchases", {"lines": [{
            "line_id": "other-store-line", "invoice": "X1", "sku": "SKU00001", "quantity": 1,
            "price": 1.0, "at": "2024-01-01T10:00:00", "store_id": "store-2"}]},
            "store-2", "C0000001")])  # another store's: not for this device
        (feed,) = storage.query("SELECT count(*) FROM changes")[0]
        seconds = time.perf_counter() - started
    finally:
        storage.close()
    return {"token": token, "feed_changes": int(feed), "publish_seconds": round(seconds, 1)}


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("head office exited")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("head office did not start")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=5, help="purchase lines per customer")
    parser.add_argument("--products", type=int, default=4000)
    parser.add_argument("--database", help="head office's database (default: SQLite in a "
                                           "temporary folder); postgresql://... for PostgreSQL")
    args = parser.parse_args()
    cards = "card" in APPLIERS
    with tempfile.TemporaryDirectory() as folder:
        database = args.database or str(Path(folder) / "hq.db")
        built = build(database, args.customers, args.lines, args.products, cards)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        hq = subprocess.Popen([sys.executable, "-m", "kiosk.hq", "serve", "--database", database,
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        try:
            wait_until_serving(url, hq)
            device = Path(folder) / "device.db"
            env = {**os.environ, "KIOSK_HQ_URL": url, "KIOSK_HQ_TOKEN": built["token"],
                   "KIOSK_STORE_ID": STORE}
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "kiosk", "sync", "bootstrap",
                                      "--json", "--db", str(device)], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            out, err = child.communicate()
            seconds = time.perf_counter() - started
            device_rss = _child_peak_rss_mb()  # before head office is waited for
            hq_rss = peak_rss_mb(hq.pid)
        finally:
            hq.terminate()
            hq.wait(10)
        if child.returncode != 0:
            print(json.dumps({"benchmark": "bootstrap", "error": err.decode()[-2000:]}))
            sys.exit(1)
        result = json.loads(out)
        db = sqlite3.connect(device)
        try:
            held = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                    for table in ("customers", "purchases", "products", "stock")}
        finally:
            db.close()
        print(json.dumps({
            "benchmark": "bootstrap",
            "customers": args.customers,
            "lines_per_customer": args.lines,
            "cards": cards,
            "hq_backend": "postgresql" if database.startswith("postgres") else "sqlite",
            "feed_changes": built["feed_changes"],
            "served_changes": result["bootstrap_total"],
            "applied": result["applied"],
            "quarantined": result["quarantined"],
            "seconds": round(seconds, 1),
            "target_seconds": TARGET_SECONDS,
            "changes_per_second": round(result["bootstrap_total"] / seconds),
            "device_peak_rss_mb": device_rss,
            "hq_peak_rss_mb": hq_rss,
            "device_db_mb": round(device.stat().st_size / 1e6, 1),
            "device_holds": held,
            "publish_seconds": built["publish_seconds"],
            "load_average_1m": round(os.getloadavg()[0], 1),
        }, indent=2))


def _child_peak_rss_mb() -> float:
    """The largest peak resident memory of the children waited for: the bootstrap alone
    when read before head office's process is waited for."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


if __name__ == "__main__":
    main()
