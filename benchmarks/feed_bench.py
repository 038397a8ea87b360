"""Change-feed throughput to 50 devices at once, against a real head-office process (JSON).

Head office (``kiosk hq serve``, SQLite unless ``--database``) holds a feed of
``--changes`` changes for one store (catalogue, stock, profiles, purchase
histories). ``--devices`` downloaders, each with its own kiosk token, page
through ``GET /v1/changes`` at the same time (asyncio, one HTTP connection each,
pages of 500, as ``kiosk sync`` asks) until each has the whole feed. Prints the
changes served per second over all devices and the time until all are up to
date. The downloaders decode the pages (msgspec) but apply nothing: this
measures head office's side.

    .venv/bin/python benchmarks/feed_bench.py [--changes 50000] [--devices 50] [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import msgspec

from kiosk.hq.storage import ChangeIn, open_storage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap_bench import free_port, peak_rss_mb, publish, wait_until_serving

STORE = "store-1"
PAGE = 500


def feed(count: int) -> list[ChangeIn]:
    changes: list[ChangeIn] = []
    index = 0
    while len(changes) < count:
        kind = index % 4
        if kind == 0:
            changes.append(ChangeIn("product", {"sku": f"SKU{index}", "name": f"Product {index}",
                                                "price": 2.5}))
        elif kind == 1:
            changes.append(ChangeIn("stock", {"sku": f"SKU{index - 1}", "quantity": 4}, STORE))
        elif kind == 2:
            changes.append(ChangeIn("profile", {"first_name": "Ann", "consents": {
                "personalisation": True}}, None, f"C{index}"))
        else:
            changes.append(ChangeIn("purchases", {"lines": [{
                "line_id": f"{index}-{n}", "invoice": f"I{index}", "sku": f"SKU{n}",
                "quantity": 1, "price": 2.5, "at": "2024-01-01T10:00:00", "store_id": STORE}
                for n in range(5)]}, STORE, f"C{index - 1}"))
        index += 1
    return changes


async def device(url: str, token: str) -> tuple[int, float]:
    """Download the whole feed; (changes received, seconds)."""
    decode = msgspec.json.Decoder().decode
    received, cursor = 0, 0
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=120,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
        while True:
            answer = await client.get("/v1/changes", params={"since": cursor, "limit": PAGE})
            answer.raise_for_status()
            page = decode(answer.content)
            received += len(page["changes"])
            cursor = page["cursor"]
            if not page["more"]:
                return received, time.perf_counter() - started


async def all_devices(url: str, tokens: list[str]) -> list[tuple[int, float]]:
    return await asyncio.gather(*(device(url, token) for token in tokens))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=50_000)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="head office's processes")
    parser.add_argument("--database", help="default: SQLite in a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = args.database or str(Path(folder) / "hq.db")
        storage = open_storage(database)
        try:
            tokens = [storage.add_kiosk(f"device-{n}", store_id=STORE)
                      for n in range(args.devices)]
            publish(storage, feed(args.changes))
        finally:
            storage.close()
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        hq = subprocess.Popen([sys.executable, "-m", "kiosk.hq", "serve", "--database", database,
                               "--port", str(port), "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_serving(url, hq)
            started = time.perf_counter()
            done = asyncio.run(all_devices(url, tokens))
            seconds = time.perf_counter() - started
            hq_rss = peak_rss_mb(hq.pid)
        finally:
            hq.terminate()
            hq.wait(10)
    served = sum(count for count, _ in done)
    assert all(count == args.changes for count, _ in done), "a device missed changes"
    print(json.dumps({
        "benchmark": "feed",
        "devices": args.devices,
        "feed_changes": args.changes,
        "page_size": PAGE,
        "hq_workers": args.workers,
        "hq_backend": "postgresql" if database.startswith("postgres") else "sqlite",
        "seconds_until_all_up_to_date": round(seconds, 1),
        "fastest_device_seconds": round(min(s for _, s in done), 1),
        "changes_served": served,
        "changes_per_second": round(served / seconds),
        "hq_peak_rss_mb": hq_rss,
        "load_average_1m": round(os.getloadavg()[0], 1),
    }, indent=2))


if __name__ == "__main__":
    main()
