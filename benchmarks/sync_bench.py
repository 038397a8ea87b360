"""Sync benchmark: outbox append, upload to head office, 50 kiosks at once.

Prints one JSON object. Targets:

- outbox append >= 5,000 durable events/s: ``kiosk.events.append`` into a
  real kiosk database (WAL, synchronous=NORMAL, the kiosk's setting), with
  batched commits (``per_commit`` events per transaction);
- upload to a local head office >= 20,000 events/s: one kiosk's
  ``kiosk.sync.run_once()`` end to end (read the outbox, JSON, gzip, HTTP,
  head office stores, the kiosk marks sent) against ``kiosk hq serve`` in a
  subprocess on 127.0.0.1 (SQLite storage);
- 50 simulated kiosks uploading at once >= 20,000 events/s, into SQLite and
  into PostgreSQL: 50 client threads, each with its own token and
  connection, send their gzip batches concurrently; the figure is events
  stored per second of wall time, checked against head office's count.

PostgreSQL is started with ``initdb``/``pg_ctl`` in a temporary folder
(skipped, and said so, if it is not installed).

    .venv/bin/python benchmarks/sync_bench.py [--quick]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
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
from kiosk.sync.simulate import simulate  # noqa: E402

APPEND_TARGET = 5_000
UPLOAD_TARGET = 20_000
CONCURRENT_TARGET = 20_000


def seeded_kiosk(folder: Path, name: str, **overrides) -> Kiosk:
    config = Config(database=str(folder / f"{name}.db"), kiosk_id=name, **overrides)
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


def bench_append(folder: Path, n: int, per_commit: int = 500) -> dict:
    kiosk = seeded_kiosk(folder, "append")
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
    finally:
        kiosk.close()
    rate = n / elapsed
    return {"events": n, "per_commit": per_commit, "journal_mode": journal,
            "synchronous": {1: "NORMAL", 2: "FULL", 0: "OFF"}.get(sync, sync),
            "events_per_s": round(rate), "target": APPEND_TARGET, "ok": rate >= APPEND_TARGET}


def bench_upload(folder: Path, n: int, workers: int) -> dict:
    database = str(folder / "hq-upload.db")
    storage = open_storage(database)
    token = storage.add_kiosk("uploader", store_id="store-1")
    storage.close()
    hq = HQProcess(database, workers=workers).start()
    try:
        kiosk = seeded_kiosk(folder, "uploader", hq_url=hq.url, hq_token=token)
        try:
            simulate(kiosk, n, seed=1)
            kiosk.sync.batch_size = 2000
            kiosk.sync.batch_bytes = 4_000_000
            start = time.perf_counter()
            result = kiosk.sync.run_once()
            elapsed = time.perf_counter() - start
        finally:
            kiosk.close()
        stored = httpx.get(hq.url + "/v1/stats").json()["kiosks"]["uploader"]["events"]
    finally:
        hq.stop()
    rate = n / elapsed
    return {"events": n, "batch_size": 2000, "stored": stored, "ok_sync": result["ok"],
            "seconds": round(elapsed, 2), "events_per_s": round(rate), "target": UPLOAD_TARGET,
            "ok": rate >= UPLOAD_TARGET and stored == n}


def make_bodies(kiosk_name: str, n: int, batch: int) -> list[bytes]:
    now = datetime.now(UTC).isoformat()
    bodies = []
    seq = 0
    for start in range(0, n, batch):
        evs = []
        for _ in range(min(batch, n - start)):
            seq += 1
            evs.append({"uuid": str(uuid.uuid4()), "seq": seq, "kind": "impression",
                        "customer_id": f"C{seq % 50}", "ts": now, "schema_version": 1,
                        "payload": {"session_id": f"s{seq // 10}", "sku": f"SKU{seq % 200}",
                                    "recommender": "goes_with", "reason": "goes_with",
                                    "position": seq % 10}})
        body = {"batch_id": uuid.uuid4().hex, "kiosk_id": kiosk_name, "events": evs}
        bodies.append(gzip.compress(json.dumps(body).encode(), compresslevel=5))
    return bodies


def bench_concurrent(database: str, kiosks: int, per_kiosk: int, batch: int,
                     workers: int) -> dict:
    storage = open_storage(database)
    tokens = [storage.add_kiosk(f"kiosk-{i:02d}", store_id=f"store-{i % 10}")
              for i in range(kiosks)]
    storage.close()
    bodies = [make_bodies(f"kiosk-{i:02d}", per_kiosk, batch) for i in range(kiosks)]
    hq = HQProcess(database, workers=workers).start()
    errors: list[str] = []
    barrier = threading.Barrier(kiosks + 1)

    def kiosk_thread(token: str, batches: list[bytes]) -> None:
        headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "gzip",
                   "Content-Type": "application/json"}
        with httpx.Client(base_url=hq.url, headers=headers, timeout=120) as client:
            barrier.wait()
            for body in batches:
                response = client.post("/v1/events", content=body)
                if response.status_code != 200:
                    errors.append(f"{response.status_code}: {response.text[:100]}")

    threads = [threading.Thread(target=kiosk_thread, args=(t, b))
               for t, b in zip(tokens, bodies, strict=True)]
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
    rate = stored / elapsed
    return {"kiosks": kiosks, "events": total, "batch_size": batch, "hq_workers": workers,
            "stored": stored,
            "errors": len(errors), "seconds": round(elapsed, 2), "events_per_s": round(rate),
            "target": CONCURRENT_TARGET,
            "ok": rate >= CONCURRENT_TARGET and stored == total and not errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs (a smoke test)")
    parser.add_argument("--workers", type=int, default=2,
                        help="head office worker processes for the 50-kiosk runs (default 2)")
    args = parser.parse_args()
    scale = 0.2 if args.quick else 1.0
    result: dict = {"benchmark": "sync"}
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        folder = Path(tmp)
        result["outbox_append"] = bench_append(folder, int(50_000 * scale))
        result["upload_one_kiosk"] = bench_upload(folder, int(100_000 * scale), 1)
        per_kiosk = int(2_000 * scale)
        result["concurrent_50_sqlite"] = bench_concurrent(
            str(folder / "hq-50.db"), 50, per_kiosk, 500, args.workers)
        bin_dir = find_bin_dir()
        if bin_dir is None:
            result["concurrent_50_postgresql"] = {"skipped": "PostgreSQL is not installed"}
        else:
            server = PostgresServer(bin_dir, folder / "pg")
            server.start()
            try:
                result["concurrent_50_postgresql"] = bench_concurrent(
                    server.create_database(), 50, per_kiosk, 500, args.workers)
            finally:
                server.stop()
    result["ok"] = all(v.get("ok", True) for v in result.values() if isinstance(v, dict))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
