"""UI benchmark on a store built from the full Online Retail data; prints one JSON object.

- scan_to_picks_ms: from the last keystroke of a keyboard-wedge scan to the picks
  screen painted with its cards (p50/p95 over many shoppers; target p95 <= 100 ms);
- cold_start_s: a fresh process, from launch to the attract screen painted
  (target <= 2 s);
- rss_mb: resident memory of the kiosk process after the scans (target <= 300 MB).

The store (``kiosk import`` of the full file, then training) is built once and
cached under ``--cache`` (default ~/.cache/kiosk-bench); ``--db FILE`` uses an
existing store instead.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "online_retail.csv.gz"
SHOPPERS = int(os.environ.get("UI_BENCH_SHOPPERS", "40"))


def build_store(path: Path) -> None:
    from kiosk.app import Kiosk
    from kiosk.config import Config
    from kiosk.demo import generate_stock
    from kiosk.importer import import_file

    kiosk = Kiosk(Config(database=str(path), store_name="Harbour Street Gifts"),
                  entrypoints=False)
    try:
        import_file(kiosk, DATA)  # also enriches the catalogue
        generate_stock(kiosk)     # the data has no stock: simulated, as in the demo store
        kiosk.recommendations.train()
        kiosk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        kiosk.close()


def cached_store(cache: Path) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"full-stocked-{int(DATA.stat().st_mtime)}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in cache.glob(partial.name + "*"):
            leftover.unlink()
        build_store(partial)
        from kiosk.store.files import key_file_for

        if key_file_for(partial).exists():  # made when the first card is; none if no card
            key_file_for(partial).rename(key_file_for(path))  # the key file goes with it
        partial.rename(path)
    return path


def copy_db(source: Path, target: Path) -> None:
    """A copy of the store with its key file (``kiosk.store.files.copy_database``)."""
    from kiosk.store.files import copy_database

    copy_database(source, target)


COLD_START = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.ui.app import create_window
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class Painted(QObject):
    done = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and Painted.done is None:
            Painted.done = time.time()
        return False

kiosk = Kiosk(Config(database=sys.argv[1], store_name="Harbour Street Gifts"))
window = create_window(kiosk, windowed=True)
watch = Painted()
window.attract.installEventFilter(watch)
window.resize(1920, 1080)
window.show()
app = QApplication.instance()
while Painted.done is None:
    app.processEvents()
print(Painted.done)
window.unlocked = True
"""


def cold_start(db: Path, runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.time()
        done = subprocess.run([sys.executable, "-c", COLD_START, str(db)], check=True,
                              capture_output=True, text=True, cwd=REPO)
        times.append(float(done.stdout.strip().splitlines()[-1]) - started)
    return times


def prepare_shoppers(db: Path) -> list[str]:
    from kiosk.app import Kiosk
    from kiosk.config import Config

    kiosk = Kiosk(Config(database=str(db)))
    try:
        ids = [r[0] for r in kiosk.db.execute(
            "SELECT customer_id FROM purchases WHERE customer_id IS NOT NULL "
            "GROUP BY customer_id ORDER BY count(*) DESC LIMIT ?", [SHOPPERS])]
        codes = []
        for customer_id in ids:
            if not kiosk.privacy.consented(customer_id, "personalisation"):
                kiosk.privacy.set_consents(customer_id, {"personalisation": True}, "kiosk")
            codes.append(kiosk.identity.issue_card(customer_id).code)
        return codes
    finally:
        kiosk.close()


def scan_latency(db: Path, codes: list[str]) -> tuple[list[float], str, float, list[float]]:
    import psutil
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.config import Config
    from kiosk.ui.app import create_window

    kiosk = Kiosk(Config(database=str(db), store_name="Harbour Street Gifts"))
    window = create_window(kiosk, windowed=True)
    window.resize(1920, 1080)
    window.show()
    app = QApplication.instance()

    class PaintedPicks(QObject):
        at: float | None = None

        def eventFilter(self, obj, event):
            if (event.type() == QEvent.Type.Paint and self.at is None
                    and window.current() == "picks" and window.picks.cards()):
                self.at = time.perf_counter()
                loop.quit()
            return False

    loop = QEventLoop()
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.setInterval(10000)
    timeout.timeout.connect(loop.quit)
    watch = PaintedPicks()
    window.picks.body.installEventFilter(watch)
    wedge = window.scanner is not None
    latencies = []
    for code in codes:
        window.session.reset()
        for _ in range(3):
            window.worker.wait()
            app.processEvents()
        watch.at = None
        if wedge:
            target = window.focusWidget() or window
            QTest.keyClicks(target, code)
            QTest.keyClick(target, Qt.Key.Key_Return)
        else:
            window.session.identify(code)
        last_key = time.perf_counter()
        if watch.at is None:  # wait like the kiosk's event loop does (no busy polling)
            timeout.start()
            loop.exec()
            timeout.stop()
        if watch.at is not None:
            latencies.append((watch.at - last_key) * 1000)
    rss = psutil.Process().memory_info().rss / 2**20
    # the services alone, for the same shoppers: identify + shelves, no Qt
    from kiosk.ui.presenters.shelves import assemble

    service = []
    for code in codes:
        started = time.perf_counter()
        found = kiosk.identity.identify(code)
        assemble(kiosk, window.session.specs, found.customer_id, "bench")
        service.append((time.perf_counter() - started) * 1000)
    window.unlocked = True
    window.close()
    kiosk.close()
    return latencies, "keyboard wedge" if wedge else "identify() (no scanning widgets)", rss, \
        service


def scan_in_child(db: Path, codes: list[str]) -> tuple[list[float], str, float, list[float]]:
    """Scans in a fresh process, so its memory is the kiosk's alone (not the builder's)."""
    codes_file = db.with_suffix(".codes.json")
    codes_file.write_text(json.dumps(codes))
    done = subprocess.run([sys.executable, __file__, "--scan-child", str(db), str(codes_file)],
                          check=True, capture_output=True, text=True, cwd=REPO)
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return answer["latencies"], answer["input"], answer["rss"], answer["service"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing full store (copied first)")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kiosk-bench")
    parser.add_argument("--scan-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scan_child:
        db, codes_file = args.scan_child
        latencies, scan_input, rss, service = scan_latency(db,
                                                           json.loads(codes_file.read_text()))
        print(json.dumps({"latencies": latencies, "input": scan_input, "rss": rss,
                          "service": service}))
        return
    built = time.perf_counter()
    source = args.db or cached_store(args.cache)
    build_s = time.perf_counter() - built
    work = Path(tempfile.mkdtemp(prefix="ui-bench-"))
    try:
        db = work / "kiosk.db"
        copy_db(source, db)
        codes = prepare_shoppers(db)
        starts = cold_start(db)
        latencies, scan_input, rss, service = scan_in_child(db, codes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    products = sqlite3.connect(source).execute("SELECT count(*) FROM products").fetchone()[0]
    p95 = percentile(latencies, 0.95) if latencies else None
    result = {
        "benchmark": "ui",
        "store": {"products": products, "source": str(DATA.name), "build_s": round(build_s, 1)},
        "scan_input": scan_input,
        "scans": len(latencies),
        "scan_to_picks_ms": {
            "p50": round(statistics.median(latencies), 1) if latencies else None,
            "p95": round(p95, 1) if p95 is not None else None,
            "max": round(max(latencies), 1) if latencies else None,
            "target_p95": 100,
        },
        "of_which_services_ms": {  # identify + recommendations without Qt, same shoppers
            "p50": round(statistics.median(service), 1),
            "p95": round(percentile(service, 0.95), 1),
        },
        "cold_start_s": {"runs": [round(t, 2) for t in starts],
                         "median": round(statistics.median(starts), 2), "target": 2.0},
        "rss_mb": {"value": round(rss, 1), "target": 300},
        "ok": bool(latencies) and p95 <= 100 and statistics.median(starts) <= 2.0
        and rss <= 300,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
