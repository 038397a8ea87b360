"""Import benchmark: the full UCI Online Retail file into a fresh store. Prints one JSON object.

Targets on the 2-core reference machine: the whole import (read, clean, net,
write, enrich the catalogue) in <= 30 s and <= 1 GiB peak resident memory.
Exits 0 with an "error" field if the data file is not there.

    .venv/bin/python benchmarks/import_bench.py [--data FILE] [--twice]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "online_retail.csv.gz"
TARGETS = {"seconds": 30.0, "peak_rss_mb": 1024.0}
COUNTS = ("rows_read", "rows_kept", "customers", "products", "invoices", "purchase_lines")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--twice", action="store_true",
                        help="Import a second time and check that nothing changed.")
    args = parser.parse_args()
    data = Path(args.data)
    if not data.exists():
        print(json.dumps({"benchmark": "import", "error": f"data file not found: {data}"}))
        return 0

    from kiosk.app import Kiosk
    from kiosk.config import Config
    from kiosk.importer import import_file

    with tempfile.TemporaryDirectory() as folder:
        config = Config(database=str(Path(folder) / "bench.db"))
        kiosk = Kiosk(config, entrypoints=False)
        started, cpu_started = time.perf_counter(), time.process_time()
        report = import_file(kiosk, data)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        result = {
            "benchmark": "import",
            "data": str(data),
            "seconds": round(seconds, 2),
            "rows_per_second": round(report.rows_read / seconds),
            # the machine is shared: CPU time and load show how much of the wall time was ours
            "cpu_seconds": round(cpu_seconds, 2),
            "load_average_1m": round(os.getloadavg()[0], 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            **{key: getattr(report, key) for key in COUNTS},
            "skipped": report.skipped,
            "theme_share": report.catalogue.get("theme_share"),
            "colour_share": report.catalogue.get("colour_share"),
            "database_mb": round(Path(config.database).stat().st_size / 2**20, 1),
            "targets": TARGETS,
        }
        if args.twice:
            started = time.perf_counter()
            again = import_file(kiosk, data)
            result["second_import_seconds"] = round(time.perf_counter() - started, 2)
            result["second_import_unchanged"] = all(
                getattr(again, key) == getattr(report, key) for key in COUNTS
            ) and again.skipped == report.skipped
            result["totals"] = kiosk.store.summary()
        kiosk.close()
    result["meets_targets"] = (result["seconds"] <= TARGETS["seconds"]
                               and result["peak_rss_mb"] <= TARGETS["peak_rss_mb"])
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
