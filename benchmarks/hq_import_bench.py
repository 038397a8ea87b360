"""``kiosk hq import`` of the full Online Retail file on each backend: time and peak RSS (JSON).

Each import runs as its own ``kiosk hq import --json`` process (so its peak
resident memory is its own), into a new SQLite file and into a new database on
a private PostgreSQL server (``tests/pgserver.py``, durable settings), then
once more to show that the second import adds nothing. Exits 0 with an
"error" field if the data file is not there; PostgreSQL is skipped (said so)
when it is not installed.

    .venv/bin/python benchmarks/hq_import_bench.py [--data FILE] [--backend sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "online_retail.csv.gz"


def run_import(database: str, data: Path, env: dict[str, str]) -> dict:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "kiosk", "hq", "import", str(data),
                                  "--store", "store-1", "--database", database, "--json"],
                                 env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            return {"error": err.read().decode()[-1000:]}
        report = json.loads(out.read())
    return {"seconds": round(seconds, 1), "import_seconds": report["seconds"],
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "rows_read": report["rows_read"], "purchase_lines": report["purchase_lines"],
            "lines_new": report["details"]["lines_new"],
            "lines_known": report["details"]["lines_known"],
            "products_published": report["details"]["products_published"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), action="append")
    args = parser.parse_args()
    data = Path(args.data)
    if not data.exists():
        print(json.dumps({"benchmark": "hq_import", "error": f"data file not found: {data}"}))
        return
    backends = args.backend or ["sqlite", "postgresql"]
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "KIOSK_HQ_KEY_FILE": str(Path(folder) / "hq.key")}
        for backend in backends:
            if backend == "sqlite":
                database = str(Path(folder) / "hq.db")
                results[backend] = {"first": run_import(database, data, env),
                                    "again": run_import(database, data, env)}
                continue
            sys.path.insert(0, str(REPO / "tests"))
            from pgserver import PostgresServer, find_bin_dir

            bin_dir = find_bin_dir()
            if bin_dir is None:
                results[backend] = {"error": "PostgreSQL is not installed"}
                continue
            server = PostgresServer(bin_dir, Path(tempfile.mkdtemp(prefix="kiosk-pg-")),
                                    durable=True)
            server.start()
            try:
                database = server.create_database()
                env = {**env, "KIOSK_HQ_KEY_FILE": str(Path(folder) / "hq-pg.key")}
                results[backend] = {"first": run_import(database, data, env),
                                    "again": run_import(database, data, env)}
            finally:
                server.stop()
    print(json.dumps({"benchmark": "hq_import", "data": str(data), "results": results,
                      "load_average_1m": round(os.getloadavg()[0], 1)}, indent=2))


if __name__ == "__main__":
    main()
