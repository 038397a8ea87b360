"""Recommender benchmark on UCI Online Retail, cutoff 2011-11-01. Prints one JSON object.

Train on the purchases before the cutoff (cleaned by kiosk.importer.load_clean);
test customers bought on both sides; relevant items are the distinct skus each
bought after it. Reports NDCG/Recall/HitRate@10 for all items and for items
new to the customer, the time to fit every built-in model (validation tuning
included), the p95 time of one shopper's blended shelves from the trained
models (isolation threads and diversity on), and peak memory.

    .venv/bin/python benchmarks/recommend_bench.py [--data FILE] [--cutoff DATE]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

import numpy as np

from kiosk.importer import load_clean
from kiosk.plugins import make_plugin_manager
from kiosk.recommend.blender import Filters
from kiosk.recommend.evaluation import evaluate
from kiosk.recommend.isolation import Isolator
from kiosk.recommend.registry import collect_recommenders
from kiosk.recommend.snapshot import from_clean
from kiosk.recommend.training import train
from kiosk.recommend.types import SHELF_OF_REASON, day_number

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "online_retail.csv.gz"
TARGETS = {"ndcg_at_10_all": 0.343, "ndcg_at_10_new": 0.104, "fit_seconds": 30.0,
           "shelves_p95_ms": 20.0, "peak_memory_mib": 1024.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--cutoff", default="2011-11-01")
    parser.add_argument("--latency-customers", type=int, default=300)
    args = parser.parse_args()

    started = time.perf_counter()
    clean = load_clean(args.data)
    snapshot = from_clean(clean)
    del clean  # the recommenders need only the arrays
    gc.collect()
    load_seconds = time.perf_counter() - started
    cutoff = day_number(datetime.fromisoformat(args.cutoff))
    pm = make_plugin_manager(entrypoints=False)

    report = evaluate(snapshot, cutoff, collect_recommenders(pm, None), k=10)

    # Fit again, alone, for the fit time and to serve shelves from trained models.
    train_snapshot = snapshot.before(cutoff)
    started = time.perf_counter()
    trained = train(train_snapshot, collect_recommenders(pm, None),
                    isolator=Isolator(budget_seconds=0.15))
    fit_seconds = time.perf_counter() - started
    engine = trained.engine
    customers = train_snapshot.customers_with_history(snapshot.after(cutoff))
    rng = np.random.default_rng(0)
    sample = [customers[i] for i in rng.choice(len(customers), min(args.latency_customers,
                                                                   len(customers)),
                                               replace=False)]
    filters = Filters(in_stock=None, diversity=True, names=dict(zip(
        train_snapshot.skus, train_snapshot.names, strict=True)))
    timings = []
    for customer in sample:
        context = train_snapshot.context(customer)
        t0 = time.perf_counter()
        picks = engine.shelf_picks(context, 12, filters=filters)
        shelves: dict[str, list] = {}
        for pick in picks:
            shelves.setdefault(SHELF_OF_REASON.get(pick.reason.code, "popular"), []).append(pick)
        timings.append((time.perf_counter() - t0) * 1000)
    engine.isolator.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    figures = {
        "ndcg_at_10_all": report["blend"]["all"]["ndcg@10"],
        "ndcg_at_10_new": report["blend"]["new"]["ndcg@10"],
        "fit_seconds": round(fit_seconds, 2),
        "shelves_p95_ms": round(float(np.percentile(timings, 95)), 2),
        "peak_memory_mib": round(peak_mib, 1),
    }
    met = {key: (figures[key] >= target if key.startswith("ndcg") else figures[key] <= target)
           for key, target in TARGETS.items()}
    print(json.dumps({
        "dataset": Path(args.data).name,
        "cutoff": args.cutoff,
        **figures,
        "targets": TARGETS,
        "met": met,
        "shelves_p50_ms": round(float(np.percentile(timings, 50)), 2),
        "load_clean_seconds": round(load_seconds, 2),
        "fit_seconds_by_part": trained.seconds,
        "evaluation": report,
    }, indent=2, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
