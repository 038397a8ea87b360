"""Store health benchmark: what watching for damage and checking a store cost. Prints JSON.

- the cost per statement of the store's ``WatchedConnection`` (damage is
  reported even when a caller swallows the error) against a plain
  ``sqlite3.Connection``, on small indexed lookups (the worst case: the
  statement itself is cheapest);
- ``quick_check`` (run by the kiosk window at start and by ``kiosk store
  info``), ``integrity_check`` and ``foreign_key_check`` (``kiosk store
  check``) on a store holding the full UCI Online Retail file, imported
  into a temporary folder (``--db FILE`` uses an existing store instead).
- the erasure's search for traces in a separate process (issue 9, item 1).

    .venv/bin/python benchmarks/store_health_bench.py [--db FILE] [--data FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "online_retail.csv.gz"
STATEMENTS = 200_000


def per_statement_us(path: Path, factory: type[sqlite3.Connection]) -> float:
    conn = sqlite3.connect(path, factory=factory)
    try:
        rows = conn.execute("SELECT count(*) FROM products").fetchone()[0] or 1
        skus = [row[0] for row in conn.execute("SELECT sku FROM products LIMIT 1000")]
        started = time.perf_counter()
        for i in range(STATEMENTS):
            conn.execute("SELECT name FROM products WHERE sku = ?",
                         [skus[i % len(skus)] if skus else str(i % rows)]).fetchone()
        return (time.perf_counter() - started) / STATEMENTS * 1e6
    finally:
        conn.close()


def timed(path: Path, pragma: str) -> dict[str, object]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        started = time.perf_counter()
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        return {"seconds": round(time.perf_counter() - started, 3),
                "answer": [str(r[0]) for r in rows[:3]] if rows else []}
    finally:
        conn.close()


def measure(path: Path) -> dict[str, object]:
    from kiosk.privacy.erasure import find_traces
    from kiosk.store.health import WatchedConnection

    plain = min(per_statement_us(path, sqlite3.Connection) for _ in range(3))
    watched = min(per_statement_us(path, WatchedConnection) for _ in range(3))
    started = time.perf_counter()
    found = find_traces(path, [b"no such customer id 7b1f"])
    search = time.perf_counter() - started
    return {
        "database_mb": round(path.stat().st_size / 2**20, 1),
        "statement_us": {"plain": round(plain, 2), "watched": round(watched, 2),
                         "overhead_us": round(watched - plain, 2),
                         "overhead_percent": round((watched / plain - 1) * 100, 1)},
        "quick_check": timed(path, "quick_check"),
        "integrity_check": timed(path, "integrity_check"),
        "foreign_key_check": timed(path, "foreign_key_check"),
        "erasure_trace_search": {"seconds": round(search, 3), "found_in": found},
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing kiosk store (read only)")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if args.db:
        print(json.dumps({"benchmark": "store_health", "db": str(args.db),
                          **measure(args.db)}, indent=2))
        return 0
    if not args.data.exists():
        print(json.dumps({"benchmark": "store_health",
                          "error": f"data file not found: {args.data}"}))
        return 0

    from kiosk.app import Kiosk
    from kiosk.config import Config
    from kiosk.importer import import_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        kiosk = Kiosk(Config(database=str(path)), entrypoints=False)
        try:
            import_file(kiosk, args.data)
        finally:
            kiosk.close()
        print(json.dumps({"benchmark": "store_health", "data": str(args.data),
                          **measure(path)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
