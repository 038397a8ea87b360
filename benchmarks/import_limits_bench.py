"""Import limits benchmark: a file with one huge quoted field and one huge line. Prints JSON.

Writes a UCI-layout file whose second row has a quoted description of
``--field-mb`` MB over many lines (as a broken export might), then a row
that is one ``--line-mb`` MB line with no line break, with ordinary rows
around them, and reads it with ``load_clean``. Each huge row must come out
as one ``field_too_long`` row, the ordinary rows must all be kept, and
memory must stay flat (a record is never held beyond 65,536 characters).

    .venv/bin/python benchmarks/import_limits_bench.py [--field-mb 1024] [--line-mb 256]
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

HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
ROW = "{n},22423,REGENCY CAKESTAND 3 TIER,1,2011-01-01 10:00:00,12.75,17850,United Kingdom\n"
FILLER = "the same line of a field that never seems to end, again and again\n"


def write_file(path: Path, field_mb: int, line_mb: int) -> None:
    chunk = FILLER * (1_000_000 // len(FILLER))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER + ROW.format(n=1))
        handle.write('2,22423,"A HUGE FIELD\n')
        for _ in range(field_mb):
            handle.write(chunk)
        handle.write('END",1,2011-01-01 10:00:00,12.75,17850,UK\n')
        handle.write(ROW.format(n=3))
        handle.write("4,22423,")
        block = "Z" * 1_000_000
        for _ in range(line_mb):
            handle.write(block)
        handle.write(",1,2011-01-01 10:00:00,12.75,17850,UK\n")
        handle.write(ROW.format(n=5))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--field-mb", type=int, default=1024)
    parser.add_argument("--line-mb", type=int, default=256)
    args = parser.parse_args()

    from kiosk.importer import load_clean

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.csv"
        write_file(path, args.field_mb, args.line_mb)
        size_mb = path.stat().st_size / 1e6
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started, cpu = time.perf_counter(), time.process_time()
        data = load_clean(path)
        seconds = time.perf_counter() - started
    report = data.report
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "benchmark": "import_limits",
        "file_mb": round(size_mb, 1),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(peak, 1),
        "rss_growth_mb": round(peak - rss_before, 1),
        "rows_read": report.rows_read,
        "rows_kept": report.rows_kept,
        "skipped": {k: v for k, v in report.skipped.items() if v},
        "problems": [str(p) for p in report.problems],
        "ok": (report.rows_read == 5 and report.rows_kept == 3
               and report.skipped["field_too_long"] == 2 and report.skipped["duplicate"] == 0),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
