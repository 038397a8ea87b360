"""Choose the blend weights on an internal validation split of the training period.

The last part of the training window (10% of it, 14 to 60 days) plays the
test: recommenders are fitted on the rest, and weights are picked by
coordinate ascent on NDCG@10 for the validation customers. Nothing after the
training window is ever looked at.
"""

from __future__ import annotations

import copy
import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.recommend.engine import (
    DEFAULT_NEW_WEIGHTS,
    DEFAULT_WEIGHTS,
    PLUGIN_WEIGHT,
    Progress,
    Weights,
)
from kiosk.recommend.metrics import ndcg_at_k
from kiosk.recommend.snapshot import Snapshot

log = logging.getLogger(__name__)

GRID = (0.0, 0.01, 0.03, 0.1, 0.3, 1.0)
CANDIDATES = 50  # what Engine.rank asks each recommender for at k=10
K = 10
_DISCOUNT = 1.0 / np.log2(np.arange(K) + 2)
_IDEAL = np.cumsum(_DISCOUNT)


@dataclass
class _Table:
    """Every validation customer's candidates side by side (padded), for fast scoring."""

    scores: np.ndarray  # users × recommenders × candidates, each scaled to its best = 1
    valid: np.ndarray  # users × candidates: a real candidate, not padding
    relevant: np.ndarray  # users × candidates
    bought: np.ndarray  # users × candidates
    n_relevant: np.ndarray  # users
    n_relevant_new: np.ndarray  # users


def validation_days(snapshot: Snapshot) -> float:
    span = float(snapshot.end) - snapshot.start
    return float(min(60.0, max(14.0, span * 0.1)))


def tune_weights(snapshot: Snapshot, recommenders: Sequence[Any], *,
                 progress: Progress | None = None, max_customers: int = 800,
                 seed: int = 0) -> tuple[Weights, dict[str, Any]]:
    """Weights for the blend (all items, new items) and the validation figures."""
    report = progress or (lambda fraction, message: None)
    split = float(snapshot.end) - validation_days(snapshot)
    train = snapshot.before(split)
    targets = snapshot.after(split)
    customers = train.customers_with_history(targets)
    if len(customers) < 20:
        return Weights(), {"validation": "too few customers; default weights"}
    if len(customers) > max_customers:
        picked = np.random.default_rng(seed).choice(len(customers), max_customers, replace=False)
        customers = [customers[i] for i in sorted(picked.tolist())]
    fitted = []
    trainable = [r for r in recommenders if getattr(r, "trainable", True)]
    for i, rec in enumerate(trainable):
        report(i / max(len(trainable), 1), f"validation: fitting {rec.name}")
        clone = copy.deepcopy(rec)
        try:
            clone.fit(train)
        except Exception:
            log.exception("recommender %r failed to fit for validation; left out", rec.name)
            continue
        fitted.append(clone)
    contexts = {customer: train.context(customer) for customer in customers}
    chosen_params = _choose_params(fitted, contexts, targets, recommenders)
    names = [r.name for r in fitted]
    rows = []
    for n, customer in enumerate(customers):
        if n % 100 == 0:
            report(n / len(customers), "validation: scoring customers")
        context = contexts[customer]
        lists = {}
        for rec in fitted:
            try:
                lists[rec.name] = rec.recommend(context, CANDIDATES)
            except Exception:
                lists[rec.name] = []
        rows.append((lists, targets[customer], set(context.history_skus)))
    table = _table(rows, names)
    fixed = frozenset(r.name for r in fitted if not getattr(r, "tunable", True))
    weights_all, ndcg_all, solo_all = _ascend(table, names, DEFAULT_WEIGHTS, new=False,
                                              fixed=fixed)
    weights_new, ndcg_new, solo_new = _ascend(table, names, DEFAULT_NEW_WEIGHTS, new=True,
                                              fixed=fixed)
    weights = Weights(all={**DEFAULT_WEIGHTS, **weights_all},
                      new={**DEFAULT_NEW_WEIGHTS, **weights_new})
    return weights, {
        "validation_days": round(float(snapshot.end) - split, 1),
        "validation_customers": len(rows),
        "chosen_parameters": chosen_params,
        "ndcg_at_10_all": round(ndcg_all, 4), "ndcg_at_10_new": round(ndcg_new, 4),
        "solo_ndcg_at_10_all": {k: round(v, 4) for k, v in solo_all.items()},
        "solo_ndcg_at_10_new": {k: round(v, 4) for k, v in solo_new.items()},
    }


def _choose_params(fitted: list[Any], contexts: dict[str, Any], targets: dict[str, set[str]],
                   originals: Sequence[Any]) -> dict[str, dict[str, Any]]:
    """For recommenders with a ``param_grid`` (cheap ones), keep the best setting.

    Each combination is scored alone by NDCG@10 on the validation customers;
    the winner is set on both the validation copy and the recommender itself.
    """
    chosen: dict[str, dict[str, Any]] = {}
    by_name = {r.name: r for r in originals}
    for rec in fitted:
        grid = getattr(rec, "param_grid", None)
        if not grid:
            continue
        keys = sorted(grid)
        best, best_score = None, -1.0
        for values in itertools.product(*(grid[key] for key in keys)):
            trial = dict(zip(keys, values, strict=True))
            for key, value in trial.items():
                setattr(rec, key, value)
            total = 0.0
            for customer, context in contexts.items():
                ranked = [c.sku for c in rec.recommend(context, K)]
                total += ndcg_at_k(ranked, targets[customer], K)
            if total > best_score + 1e-9:
                best, best_score = trial, total
        assert best is not None
        for key, value in best.items():
            setattr(rec, key, value)
            setattr(by_name[rec.name], key, value)
        chosen[rec.name] = best
    return chosen


def _table(rows: list[tuple[dict[str, list[Any]], set[str], set[str]]],
           names: list[str]) -> _Table:
    width = max([1] + [len({c.sku for items in lists.values() for c in items})
                       for lists, _, _ in rows])
    shape = (len(rows), width)
    table = _Table(scores=np.zeros((len(rows), len(names), width), dtype=np.float32),
                   valid=np.zeros(shape, dtype=bool), relevant=np.zeros(shape, dtype=bool),
                   bought=np.zeros(shape, dtype=bool),
                   n_relevant=np.zeros(len(rows)), n_relevant_new=np.zeros(len(rows)))
    for u, (lists, relevant, bought) in enumerate(rows):
        skus = sorted({c.sku for items in lists.values() for c in items})
        column = {sku: j for j, sku in enumerate(skus)}
        table.valid[u, :len(skus)] = True
        table.relevant[u, :len(skus)] = [sku in relevant for sku in skus]
        table.bought[u, :len(skus)] = [sku in bought for sku in skus]
        table.n_relevant[u] = len(relevant)
        table.n_relevant_new[u] = len(relevant - bought)
        for r, name in enumerate(names):
            items = [c for c in lists.get(name, []) if c.score > 0]
            if items:
                top = max(c.score for c in items)
                for c in items:
                    table.scores[u, r, column[c.sku]] = c.score / top
    return table


def _score(table: _Table, w: np.ndarray, *, new: bool) -> float:
    """Mean NDCG@K of the blend with weights ``w`` over the validation customers."""
    n_relevant = table.n_relevant_new if new else table.n_relevant
    counted = n_relevant > 0
    if not counted.any():
        return 0.0
    s = np.tensordot(w.astype(np.float32), table.scores, axes=(0, 1))
    hidden = ~table.valid | (table.bought if new else False) | (s <= 0)
    s = np.where(hidden, -np.inf, s)
    k = min(K, s.shape[1])
    top = np.argpartition(-s, k - 1, axis=1)[:, :k]
    top_scores = np.take_along_axis(s, top, axis=1)
    top = np.take_along_axis(top, np.argsort(-top_scores, axis=1, kind="stable"), axis=1)
    hits = np.take_along_axis(table.relevant & ~hidden, top, axis=1)
    dcg = (hits * _DISCOUNT[:k]).sum(axis=1)
    ideal = _IDEAL[np.clip(n_relevant, 1, K).astype(int) - 1]
    return float((dcg / ideal)[counted].mean())


def _ascend(table: _Table, names: list[str], start: dict[str, float], *,
            new: bool, fixed: frozenset[str] = frozenset()
            ) -> tuple[dict[str, float], float, dict[str, float]]:
    """Coordinate ascent over GRID, the best single recommender fixed at weight 1.

    Recommenders in ``fixed`` (``tunable = False``) keep their starting weight.
    """
    if not names:
        return {}, 0.0, {}
    solo = {}
    for r, name in enumerate(names):
        w = np.zeros(len(names))
        w[r] = 1.0
        solo[name] = _score(table, w, new=new)
    anchor = max([n for n in names if n not in fixed] or names, key=lambda n: (solo[n], n))
    w = np.asarray([start.get(n, PLUGIN_WEIGHT) for n in names], dtype=float)
    w[names.index(anchor)] = 1.0
    best = _score(table, w, new=new)
    for _ in range(2):
        improved = False
        for r, name in enumerate(names):
            if name == anchor or name in fixed:
                continue
            for value in GRID:
                if value == w[r]:
                    continue
                trial = w.copy()
                trial[r] = value
                score = _score(table, trial, new=new)
                if score > best + 1e-6:
                    best, w, improved = score, trial, True
        if not improved:
            break
    return {n: float(x) for n, x in zip(names, w, strict=True)}, best, solo
