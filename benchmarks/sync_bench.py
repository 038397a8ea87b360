"""Sync benchmark: outbox append, upload to head office, 50 kiosks at once.

Prints one JSON object. Each figure is the median of ``--runs`` runs (all
runs are listed too), with the load average before and after, since the
machine may be shared. Targets:

- outbox append >= 5,000 durable events/s: ``kiosk.events.append`` into a
  real kiosk database (WAL, synchronous=NORMAL, the kiosk's setting), with
  batched commits (``per_commit`` events per transaction);
- upload to a local head office >= 20,000 events/s: one kiosk's
  ``kiosk.sync.run_once()`` with the default settings, end to end (read the
  outbox, JSON, gzip, HTTP, head office validates and commits, the kiosk
  marks sent and prunes) against ``python -m kiosk.hq serve`` in a
  subprocess on 127.0.0.1 (SQLite storage). Only events head office
  acknowledged count;
- 50 simulated kiosks uploading at once >= 20,000 events/s, into SQLite and
  into PostgreSQL: 50 client threads, each with its own token and
  connection and one batch in flight, send their batches (made by the
  kiosk's own encoder from simulated shopper sessions, gzip as the kiosk
  sends them) concurrently; the figure is events acknowledged per second of
  wall time, checked against head office's own count.

PostgreSQL is started with ``initdb``/``pg_ctl`` in a temporary folder with
its durable defaults (fsync on, ``synchronous_commit = on``): an
acknowledged batch is on disk. Skipped, and said so, if it is not installed.

    .venv/bin/python benchmarks/sync_bench.py [--quick] [--runs 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from hqserver import HQProcess  # noqa: E402
from pgserver import PostgresServer, find_bin_dir  # noqa: E402

from kiosk import events  # noqa: E402
from kiosk.app import Kiosk  # noqa: E402
from kiosk.config import Config  # noqa: E402
from kiosk.hq.storage import open_storage  # noqa: E402
from kiosk.store import outbox  # noqa: E402
from kiosk.sync.http import HttpTransport  # noqa: E402
from kiosk.sync.service import DEFAULTS  # noqa: E402
from kiosk.sync.simulate import simulate  # noqa: E402

APPEND_TARGET = 5_000
UPLOAD_TARGET = 20_000
CONCURRENT_TARGET = 20_000


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def seeded_kiosk(folder: Path, name: str, kiosk_id: str | None = None, **overrides) -> Kiosk:
    config = Config(database=str(folder / f"{name}.db"), kiosk_id=kiosk_id or name, **overrides)
    kiosk = Kiosk(config, entrypoints=False)
    with kiosk.transaction() as db:
        for i in range(200):
            db.execute("INSERT OR IGNORE INTO products (sku, name, price) VALUES (?, ?, 1.0)",
                       [f"SKU{i}", f"Product {i}"])
        for i in range(50):
            db.execute("INSERT OR IGNORE INTO customers (id, created) VALUES (?, 'x')",
                       [f"C{i}"])
            db.execute("INSERT INTO consents (customer_id, purpose, granted, at, source) "
                       "VALUES (?, 'personalisation', 1, 'x', 'bench')", [f"C{i}"])
    return kiosk


def repeat(runs: int, once: Callable[[int], dict], target: int) -> dict:
    """``once(i)`` ``runs`` times; the median rate, every run, and the load around them."""
    before = load()
    results = [once(i) for i in range(runs)]
    rates = [r["events_per_s"] for r in results]
    median = round(statistics.median(rates))
    return {**{k: v for k, v in results[0].items() if k not in ("events_per_s", "seconds")},
            "events_per_s": median, "runs": rates,
            "seconds": [r["seconds"] for r in results],
            "load_before": before, "load_after": load(), "target": target,
            "ok": median >= target and all(r["complete"] for r in results)}


def bench_append(folder: Path, n: int, run: int, per_commit: int = 500) -> dict:
    kiosk = seeded_kiosk(folder, f"append-{run}")
    payload = {"session_id": uuid.uuid4().hex, "sku": "SKU1", "recommender": "buy_again",
               "reason": "buy_again", "position": 3}
    try:
        journal = kiosk.db.execute("PRAGMA journal_mode").fetchone()[0]
        sync = kiosk.db.execute("PRAGMA synchronous").fetchone()[0]
        start = time.perf_counter()
        for _ in range(n // per_commit):
            with kiosk.transaction() as db:
                for _ in range(per_commit):
                    events.append(db, kiosk_id="append", kind="impression", payload=payload,
                                  customer_id="C1")
        elapsed = time.perf_counter() - start
        written = outbox.queue_depth(kiosk.db)
    finally:
        kiosk.close()
    return {"events": n, "per_commit": per_commit, "journal_mode": journal,
            "synchronous": {1: "NORMAL", 2: "FULL", 0: "OFF"}.get(sync, sync),
            "seconds": round(elapsed, 2), "events_per_s": round(written / elapsed),
            "complete": written == n}


def bench_upload(folder: Path, n: int, run: int) -> dict:
    database = str(folder / f"hq-upload-{run}.db")
    storage = open_storage(database)
    token = storage.add_kiosk("uploader", store_id="store-1")
    storage.close()
    hq = HQProcess(database, workers=1).start()
    try:
        kiosk = seeded_kiosk(folder, f"uploader-{run}", hq_url=hq.url, hq_token=token,
                             kiosk_id="uploader")
        try:
            simulate(kiosk, n, seed=run)
            kiosk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            start = time.perf_counter()
            result = kiosk.sync.run_once()
            elapsed = time.perf_counter() - start
            settings = {"batch_size": kiosk.sync.batch_size,
                        "batch_bytes": kiosk.sync.batch_bytes}
            left = outbox.queue_depth(kiosk.db)
        finally:
            kiosk.close()
        stored = httpx.get(hq.url + "/v1/stats").json()["kiosks"]["uploader"]["events"]
    finally:
        hq.stop()
    acknowledged = result["uploaded"]
    return {"events": n, **settings, "hq_workers": 1, "acknowledged": acknowledged,
            "stored": stored, "left_in_outbox": left, "seconds": round(elapsed, 2),
            "events_per_s": round(acknowledged / elapsed),
            "complete": result["ok"] and acknowledged == stored == n and left == 0}


def kiosk_bodies(source: list[dict], kiosks: int, per_kiosk: int, batch: int) -> list[list[bytes]]:
    """Each kiosk's request bodies: simulated events with fresh UUIDs and its own ``seq``,
    encoded and compressed by the kiosk's transport."""
    transport = HttpTransport("http://127.0.0.1:9", "")
    bodies = []
    for k in range(kiosks):
        mine = [{**event, "uuid": str(uuid.uuid4()), "seq": seq}
                for seq, event in enumerate(source[k * per_kiosk:(k + 1) * per_kiosk], 1)]
        bodies.append([
            transport.encode_batch({"batch_id": uuid.uuid4().hex, "kiosk_id": f"kiosk-{k:02d}",
                                    "store_id": f"store-{k % 10}", "dropped": 0,
                                    "events": mine[start:start + batch]})
            for start in range(0, per_kiosk, batch)])
    transport.close()
    return bodies


def bench_concurrent(database: str, source: list[dict], kiosks: int, per_kiosk: int,
                     batch: int, workers: int) -> dict:
    storage = open_storage(database)
    tokens = [storage.add_kiosk(f"kiosk-{i:02d}", store_id=f"store-{i % 10}")
              for i in range(kiosks)]
    storage.close()
    bodies = kiosk_bodies(source, kiosks, per_kiosk, batch)
    hq = HQProcess(database, workers=workers).start()
    errors: list[str] = []
    acknowledged = [0] * kiosks
    barrier = threading.Barrier(kiosks + 1)

    def kiosk_thread(index: int, token: str, batches: list[bytes]) -> None:
        headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "gzip",
                   "Content-Type": "application/json"}
        with httpx.Client(base_url=hq.url, headers=headers, timeout=120) as client:
            client.get("/healthz")  # connected before the clock starts
            barrier.wait()
            for body in batches:  # one batch in flight per kiosk, as the sync does
                response = client.post("/v1/events", content=body)
                if response.status_code != 200:
                    errors.append(f"{response.status_code}: {response.text[:100]}")
                    continue
                acknowledged[index] += response.json()["accepted"]

    threads = [threading.Thread(target=kiosk_thread, args=(i, t, b))
               for i, (t, b) in enumerate(zip(tokens, bodies, strict=True))]
    try:
        for thread in threads:
            thread.start()
        barrier.wait()
        start = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        stats = httpx.get(hq.url + "/v1/stats").json()
    finally:
        hq.stop()
    total = kiosks * per_kiosk
    stored = stats["totals"]["events"]
    return {"kiosks": kiosks, "events": total, "batch_size": batch, "hq_workers": workers,
            "acknowledged": sum(acknowledged), "stored": stored, "errors": len(errors),
            "seconds": round(elapsed, 2), "events_per_s": round(sum(acknowledged) / elapsed),
            "complete": sum(acknowledged) == stored == total and not errors}


def simulated_events(folder: Path, n: int) -> list[dict]:
    kiosk = seeded_kiosk(folder, "source")
    try:
        simulate(kiosk, n, seed=7)
        return outbox.pending(kiosk.db, limit=n)
    finally:
        kiosk.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs (a smoke test)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median; default 3)")
    parser.add_argument("--workers", type=int, default=2,
                        help="head office worker processes for the 50-kiosk runs (default 2)")
    parser.add_argument("--concurrent-batch", type=int, default=500,
                        help="events per batch of the 50 kiosks (default 500)")
    args = parser.parse_args()
    scale = 0.2 if args.quick else 1.0
    runs = max(1, args.runs)
    result: dict = {"benchmark": "sync", "cpus": os.cpu_count(), "load_start": load(),
                    "kiosk_defaults": {k: DEFAULTS[k] for k in ("batch_size", "batch_bytes")},
                    "gzip_level": HttpTransport("http://127.0.0.1:9", "").compress_level}
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        folder = Path(tmp)
        result["outbox_append"] = repeat(
            runs, lambda i: bench_append(folder, int(50_000 * scale), i), APPEND_TARGET)
        result["upload_one_kiosk"] = repeat(
            runs, lambda i: bench_upload(folder, int(100_000 * scale), i), UPLOAD_TARGET)
        kiosks, per_kiosk = 50, int(2_000 * scale)
        source = simulated_events(folder, kiosks * per_kiosk)
        result["concurrent_50_sqlite"] = repeat(runs, lambda i: bench_concurrent(
            str(folder / f"hq-50-{i}.db"), source, kiosks, per_kiosk, args.concurrent_batch,
            args.workers), CONCURRENT_TARGET)
        result["concurrent_50_sqlite"]["durability"] = (
            "WAL, synchronous=NORMAL: survives head office being killed, not a power cut")
        bin_dir = find_bin_dir()
        if bin_dir is None:
            result["concurrent_50_postgresql"] = {"skipped": "PostgreSQL is not installed"}
        else:
            server = PostgresServer(bin_dir, folder / "pg", durable=True)
            server.start()
            # head office's keys: one key file for the chain (see docs/hq.md)
            os.environ["KIOSK_HQ_KEY_FILE"] = str(folder / "hq-pg.key")
            try:
                result["concurrent_50_postgresql"] = repeat(runs, lambda i: bench_concurrent(
                    server.create_database(), source, kiosks, per_kiosk,
                    args.concurrent_batch, args.workers), CONCURRENT_TARGET)
                result["concurrent_50_postgresql"]["durability"] = (
                    "fsync=on, synchronous_commit=on: an acknowledged batch is on disk")
            finally:
                server.stop()
    result["load_end"] = load()
    result["ok"] = all(v.get("ok", True) for v in result.values() if isinstance(v, dict))
    text = json.dumps(result, indent=2)
    # lists of numbers (runs, load averages) on one line
    print(re.sub(r"\[\s+([^\[\]{}\"]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]",
                 text))


if __name__ == "__main__":
    main()
