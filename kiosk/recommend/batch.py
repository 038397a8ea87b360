"""``kiosk recommend-batch``: recommendations for a list of customers from a CSV.

Trains on a transactions file (UCI or the neutral layout, cleaned by
``kiosk.importer.load_clean``) and writes ``customer_id,rank,sku,score,reason``.
Touches no kiosk database: there is no stock and no consent register here, so
every listed customer known in the file gets personal picks and an unknown id
gets the guest picks.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.recommend.engine import Progress
from kiosk.recommend.snapshot import from_clean
from kiosk.recommend.training import train
from kiosk.recommend.types import Context

HEADER = ("customer_id", "rank", "sku", "score", "reason")


def read_customer_ids(path: str | os.PathLike[str]) -> list[str]:
    """One id per line; blank lines skipped, repeats kept once, order kept."""
    seen: dict[str, None] = {}
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            value = line.strip()
            if value and value.lower() not in ("customer_id", "customerid"):
                seen.setdefault(value, None)
    return list(seen)


def recommend_batch(train_path: str | os.PathLike[str], customers_path: str | os.PathLike[str],
                    out_path: str | os.PathLike[str], recommenders: Sequence[Any], *,
                    k: int = 50, exclude_purchased: bool = False,
                    progress: Progress | None = None) -> dict[str, Any]:
    """Train on ``train_path`` and write the top ``k`` for every listed customer."""
    from kiosk.importer import load_clean

    report = progress or (lambda fraction, message: None)
    started = time.perf_counter()
    customer_ids = read_customer_ids(customers_path)
    report(0.0, "reading transactions")
    clean = load_clean(train_path)
    cleaning = {"rows_read": clean.report.rows_read, "rows_kept": clean.report.rows_kept,
                "skipped": {k: v for k, v in clean.report.skipped.items() if v}}
    snapshot = from_clean(clean)
    del clean
    if snapshot.n_items == 0:
        raise ValueError(f"no purchase lines left after cleaning ({cleaning['skipped']})")
    result = train(snapshot, recommenders, progress=lambda f, m: report(0.1 + 0.6 * f, m))
    engine = result.engine
    known = set(snapshot.customers_with_history(customer_ids))
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    partial = out.with_name(out.name + ".partial")
    with open(partial, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i, customer_id in enumerate(customer_ids):
            if i % 500 == 0:
                report(0.7 + 0.3 * i / max(len(customer_ids), 1), "recommending")
            context = (snapshot.context(customer_id) if customer_id in known
                       else Context(customer_id=None, now=float(snapshot.end), personal=False))
            picks = engine.rank(context, k, exclude_purchased=exclude_purchased)
            for rank, pick in enumerate(picks, start=1):
                writer.writerow((customer_id, rank, pick.sku, f"{pick.score:.6f}",
                                 pick.reason.code))
                rows += 1
    partial.replace(out)
    report(1.0, "done")
    return {"customers": len(customer_ids), "known": len(known),
            "guests": len(customer_ids) - len(known), "rows": rows, "k": k,
            "exclude_purchased": exclude_purchased, "out": str(out),
            "train_window": snapshot.window(), "failed": result.failed, "cleaning": cleaning,
            "seconds": round(time.perf_counter() - started, 2)}
