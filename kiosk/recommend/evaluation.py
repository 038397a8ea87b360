"""Offline evaluation: a time split of purchases, every recommender, the blend, baselines.

Train on the lines before the cutoff; test customers are those who bought on
both sides; relevant items are the distinct skus each bought on or after it.
Two targets: all those items, and only the items new to that customer (then
the recommendations leave out what they bought before). Metrics at k:
NDCG (binary relevance), Recall, HitRate, plus catalogue coverage.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from kiosk.recommend.blender import Filters, blend
from kiosk.recommend.engine import Progress
from kiosk.recommend.metrics import hit_rate_at_k, ndcg_at_k, recall_at_k
from kiosk.recommend.scoring import top_indices
from kiosk.recommend.snapshot import Snapshot
from kiosk.recommend.training import train
from kiosk.recommend.types import Context

Ranker = Callable[[Context, int, bool], list[str]]


class _Scores:
    def __init__(self) -> None:
        self.sums = {"all": np.zeros(3), "new": np.zeros(3)}
        self.counts = {"all": 0, "new": 0}
        self.shown: set[str] = set()

    def add(self, target: str, ranked: Sequence[str], relevant: set[str], k: int) -> None:
        if not relevant:
            return
        self.sums[target] += (ndcg_at_k(ranked, relevant, k), recall_at_k(ranked, relevant, k),
                              hit_rate_at_k(ranked, relevant, k))
        self.counts[target] += 1
        if target == "all":
            self.shown.update(ranked[:k])

    def result(self, k: int, n_items: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for target in ("all", "new"):
            mean = self.sums[target] / max(self.counts[target], 1)
            out[target] = {f"ndcg@{k}": round(float(mean[0]), 4),
                           f"recall@{k}": round(float(mean[1]), 4),
                           f"hit_rate@{k}": round(float(mean[2]), 4),
                           "customers": self.counts[target]}
        out["coverage"] = round(len(self.shown) / max(n_items, 1), 4)
        return out


def _baselines(train_snapshot: Snapshot) -> dict[str, Ranker]:
    """Popularity (baskets before the cutoff) and buy-again (times bought, then popularity)."""
    baskets = np.asarray(train_snapshot.baskets.sum(axis=0)).ravel()
    everyone = np.unique(np.stack([train_snapshot.line_invoice,
                                   train_snapshot.line_item.astype(np.int64)]), axis=1)[1]
    popularity = np.bincount(everyone, minlength=train_snapshot.n_items).astype(float)
    tiebreak = popularity / (popularity.max() + 1.0)
    skus = train_snapshot.skus
    index = train_snapshot.sku_index

    def popular(context: Context, k: int, new: bool) -> list[str]:
        scores = popularity.copy()
        if new:
            scores[[index[s] for s in set(context.history_skus) if s in index]] = 0
        return [skus[i] for i in top_indices(scores, k).tolist()]

    def buy_again(context: Context, k: int, new: bool) -> list[str]:
        if new:
            return popular(context, k, new)
        user = train_snapshot.customer_index[context.customer_id]
        row = train_snapshot.baskets[user]
        scores = np.zeros(len(skus))
        scores[row.indices] = row.data + tiebreak[row.indices]
        ranked = [skus[i] for i in top_indices(scores, k).tolist()]
        return (ranked + [s for s in popular(context, 2 * k, False) if s not in ranked])[:k]

    del baskets
    return {"popularity": popular, "buy_again": buy_again}


def evaluate(snapshot: Snapshot, cutoff: float, recommenders: Sequence[Any], *, k: int = 10,
             progress: Progress | None = None, tune: bool = True) -> dict[str, Any]:
    """Metrics for every recommender, the blend and the baselines (see module doc)."""
    report = progress or (lambda fraction, message: None)
    train_snapshot = snapshot.before(cutoff)
    targets = snapshot.after(cutoff)
    customers = train_snapshot.customers_with_history(targets)
    started = time.perf_counter()
    result = train(train_snapshot, recommenders, tune=tune,
                   progress=lambda f, m: report(0.5 * f, m))
    fit_seconds = time.perf_counter() - started
    engine = result.engine
    names = list(engine.recommenders)
    scores = {name: _Scores() for name in [*names, "blend"]}
    baselines = _baselines(train_snapshot)
    base_scores = {name: _Scores() for name in baselines}
    n = max(3 * k, 50)
    for i, customer in enumerate(customers):
        if i % 200 == 0:
            report(0.5 + 0.5 * i / max(len(customers), 1), "evaluating")
        context = train_snapshot.context(customer)
        bought = set(context.history_skus)
        relevant = targets[customer]
        relevant_new = relevant - bought
        found = engine.candidates(context, n)
        for name in names:
            ranked = [c.sku for c in found.get(name, [])]
            scores[name].add("all", ranked[:k], relevant, k)
            scores[name].add("new", [s for s in ranked if s not in bought][:k], relevant_new, k)
        for target, exclude, rel in (("all", False, relevant), ("new", True, relevant_new)):
            weights = engine.weights.for_mode(personal=True, exclude_purchased=exclude,
                                              names=names)
            picks = blend(found, weights, k, Filters(
                personal=True, personal_recommenders=engine.personal_names,
                exclude=bought if exclude else (), diversity=False))
            scores["blend"].add(target, [c.sku for c in picks], rel, k)
        for name, ranker in baselines.items():
            base_scores[name].add("all", ranker(context, k, False), relevant, k)
            base_scores[name].add("new", ranker(context, k, True), relevant_new, k)
    report(1.0, "done")
    n_items = train_snapshot.n_items
    return {
        "k": k,
        "train_window": train_snapshot.window(),
        "test_customers": len(customers),
        "fit_seconds": round(fit_seconds, 2),
        "blend": scores["blend"].result(k, n_items),
        "recommenders": {name: scores[name].result(k, n_items) for name in names},
        "baselines": {name: s.result(k, n_items) for name, s in base_scores.items()},
        "weights": engine.weights.as_dict(),
        "validation": result.validation,
        "failed": result.failed,
    }
