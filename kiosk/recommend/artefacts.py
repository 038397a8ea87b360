"""Versioned model artefacts and staff picks: migration set ``kiosk.recommend``.

Each training run gets a version number; every fitted recommender's state is
stored under it (pickled, with its data window, parameters and metrics), and
a ``_blend`` row holds the blend weights and validation figures. Only the
last ``KEEP_VERSIONS`` runs are kept. Artefacts hold item-level aggregates
only (similarities, counts, intervals), never a customer id, so an erasure
does not need to touch them.
"""

from __future__ import annotations

import json
import logging
import pickle
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.events import utcnow
from kiosk.recommend.engine import Weights

log = logging.getLogger(__name__)

KEEP_VERSIONS = 3
BLEND = "_blend"

recommend_migrations = Migrations("kiosk.recommend")


@recommend_migrations(name="0001_artefacts_staff_picks")
def artefacts_and_staff_picks(db: Database) -> None:
    db.execute(
        """CREATE TABLE model_artefacts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            window_start TEXT,
            window_end TEXT,
            parameters TEXT NOT NULL DEFAULT '{}',
            metrics TEXT NOT NULL DEFAULT '{}',
            trained TEXT NOT NULL,
            blob BLOB,
            UNIQUE (name, version)
        )"""
    )
    db.execute(
        """CREATE TABLE staff_picks (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            sku TEXT NOT NULL,
            staff_name TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            UNIQUE (customer_id, sku)
        )"""
    )
    db.execute("CREATE INDEX staff_picks_customer ON staff_picks(customer_id, created)")


def save_run(db: Database, recommenders: Sequence[Any], *, weights: Weights,
             window: dict[str, str], parameters: dict[str, dict[str, Any]],
             metrics: dict[str, Any], seconds: dict[str, float]) -> int:
    """Store one training run; returns its version number."""
    trained = utcnow()
    with db.atomic():
        row = db.execute("SELECT max(version) FROM model_artefacts").fetchone()
        version = (row[0] or 0) + 1
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
            db.execute(
                "INSERT INTO model_artefacts (name, version, window_start, window_end, "
                "parameters, metrics, trained, blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [name, version, window.get("start"), window.get("end"),
                 json.dumps(params, sort_keys=True, default=str),
                 json.dumps(figures, sort_keys=True, default=str), trained, blob])
        db.execute("DELETE FROM model_artefacts WHERE version <= ?",
                   [version - KEEP_VERSIONS])
    return version


def latest_version(db: Database) -> int | None:
    row = db.execute("SELECT max(version) FROM model_artefacts WHERE name = ?",
                     [BLEND]).fetchone()
    return row[0] if row and row[0] is not None else None


def load_run(db: Database, recommenders: Sequence[Any], version: int | None = None
             ) -> tuple[list[Any], Weights, int] | None:
    """Restore the recommenders' fitted state from a run (the latest by default).

    A trainable recommender with no stored state (e.g. a plugin installed
    after the run) is left out until the next training.
    """
    version = latest_version(db) if version is None else version
    if version is None:
        return None
    blend = db.execute("SELECT parameters FROM model_artefacts WHERE name = ? AND version = ?",
                       [BLEND, version]).fetchone()
    if blend is None:
        return None
    states = {name: blob for name, blob in db.execute(
        "SELECT name, blob FROM model_artefacts WHERE version = ? AND name != ?",
        [version, BLEND])}
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
    return ready, Weights.from_dict(json.loads(blend[0])), version


def runs(db: Database) -> list[dict[str, Any]]:
    """Every stored artefact without its blob, newest first (for ``kiosk train --json``)."""
    rows = db.execute(
        "SELECT name, version, window_start, window_end, parameters, metrics, trained, "
        "length(blob) FROM model_artefacts ORDER BY version DESC, name")
    return [{"name": n, "version": v, "window": {"start": s, "end": e},
             "parameters": json.loads(p), "metrics": json.loads(m), "trained": t,
             "bytes": b or 0} for n, v, s, e, p, m, t, b in rows]
