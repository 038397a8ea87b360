"""Versioned model artefacts: each run's fitted recommenders, stored and restored.

Each training run gets a version number; every fitted recommender's state is
stored under it (pickled, with its data window, parameters and metrics), and
a ``_blend`` row holds the blend weights and validation figures, in
``model_artefacts`` (``kiosk.store.recommend``). Only the last
``KEEP_VERSIONS`` runs are kept. Artefacts hold item-level aggregates only
(similarities, counts, intervals), never a customer id, so an erasure does
not need to touch them.
"""

from __future__ import annotations

import json
import logging
import pickle
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from kiosk.events import utcnow
from kiosk.recommend.engine import Weights
from kiosk.store import recommend as store

log = logging.getLogger(__name__)

KEEP_VERSIONS = 3
BLEND = "_blend"

def save_run(db: Database, recommenders: Sequence[Any], *, weights: Weights,
             window: dict[str, str], parameters: dict[str, dict[str, Any]],
             metrics: dict[str, Any], seconds: dict[str, float]) -> int:
    """Store one training run; returns its version number."""
    trained = utcnow()
    with db.atomic():
        version = store.next_version(db)
        rows = []
        for rec in recommenders:
            if not getattr(rec, "trainable", True):
                continue
            try:
                blob = pickle.dumps(vars(rec), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                log.exception("recommender %r cannot be stored; it is retrained when the "
                              "kiosk restarts", rec.name)
                continue
            figures = {"fit_seconds": seconds.get(rec.name)}
            for target in ("all", "new"):
                solo = metrics.get(f"solo_ndcg_at_10_{target}", {})
                if rec.name in solo:
                    figures[f"validation_ndcg_at_10_{target}"] = solo[rec.name]
            rows.append((rec.name, parameters.get(rec.name, {}), figures, blob))
        rows.append((BLEND, weights.as_dict(), metrics, None))
        for name, params, figures, blob in rows:
            store.add_artefact(
                db, name=name, version=version, window_start=window.get("start"),
                window_end=window.get("end"),
                parameters=json.dumps(params, sort_keys=True, default=str),
                metrics=json.dumps(figures, sort_keys=True, default=str), trained=trained,
                blob=blob)
        store.keep_versions(db, version, KEEP_VERSIONS)
    return version


def install_run(db: Database, rows: list[dict[str, Any]]) -> int:
    """A run trained elsewhere (head office) as the newest version; returns it.

    ``rows`` are ``model_artefacts`` rows (``name``, ``blob`` as bytes or None, ...);
    one of them must be the blend's.
    """
    if not any(row.get("name") == BLEND for row in rows):
        raise ValueError("a training run needs its blend row")
    version = store.next_version(db)
    for row in rows:
        store.add_artefact(
            db, name=row["name"], version=version, window_start=row.get("window_start"),
            window_end=row.get("window_end"), parameters=json.dumps(row.get("parameters") or {}),
            metrics=json.dumps(row.get("metrics") or {}), trained=row.get("trained") or utcnow(),
            blob=row.get("blob"))
    store.keep_versions(db, version, KEEP_VERSIONS)
    return version


def latest_version(db: Database) -> int | None:
    return store.latest_version(db, BLEND)


def load_run(db: Database, recommenders: Sequence[Any], version: int | None = None
             ) -> tuple[list[Any], Weights, int] | None:
    """Restore the recommenders' fitted state from a run (the latest by default).

    A trainable recommender with no stored state (e.g. a plugin installed
    after the run) is left out until the next training.
    """
    version = latest_version(db) if version is None else version
    if version is None:
        return None
    blend = store.parameters(db, BLEND, version)
    if blend is None:
        return None
    states = store.blobs(db, version, besides=BLEND)
    ready = []
    for rec in recommenders:
        if not getattr(rec, "trainable", True):
            ready.append(rec)
            continue
        blob = states.get(rec.name)
        if blob is None:
            log.warning("no trained state for recommender %r; left out until the next "
                        "training", rec.name)
            continue
        try:
            vars(rec).update(pickle.loads(blob))
        except Exception:
            log.exception("stored state of recommender %r could not be read; left out",
                          rec.name)
            continue
        ready.append(rec)
    return ready, Weights.from_dict(json.loads(blend)), version


def runs(db: Database) -> list[dict[str, Any]]:
    """Every stored artefact without its blob, newest first (for ``kiosk train --json``)."""
    rows = store.runs(db)
    return [{"name": n, "version": v, "window": {"start": s, "end": e},
             "parameters": json.loads(p), "metrics": json.loads(m), "trained": t,
             "bytes": b or 0} for n, v, s, e, p, m, t, b in rows]
