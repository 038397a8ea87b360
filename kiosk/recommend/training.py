"""Fit every recommender, choose the blend weights, report progress."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kiosk.recommend.engine import Engine, Progress, Weights
from kiosk.recommend.isolation import Isolator
from kiosk.recommend.snapshot import Snapshot
from kiosk.recommend.tuning import tune_weights

log = logging.getLogger(__name__)


@dataclass
class TrainResult:
    engine: Engine
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    validation: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def train(snapshot: Snapshot, recommenders: Sequence[Any], *, progress: Progress | None = None,
          tune: bool = True, isolator: Isolator | None = None) -> TrainResult:
    """Fit ``recommenders`` on ``snapshot``; one that raises is logged and left out.

    ``progress(fraction, message)`` is called along the way (fraction 0..1).
    """
    report = progress or (lambda fraction, message: None)
    seconds: dict[str, float] = {}
    weights, validation = Weights(), {}
    if tune:
        started = time.perf_counter()
        weights, validation = tune_weights(
            snapshot, recommenders,
            progress=lambda f, m: report(0.5 * f, m))
        seconds["validation"] = round(time.perf_counter() - started, 3)
    fitted, parameters, failed = [], {}, []
    for i, rec in enumerate(recommenders):
        report(0.5 + 0.5 * i / max(len(recommenders), 1), f"fitting {rec.name}")
        started = time.perf_counter()
        try:
            if getattr(rec, "trainable", True):
                parameters[rec.name] = rec.fit(snapshot) or {}
        except Exception:
            log.exception("recommender %r failed to fit; left out", rec.name)
            failed.append(rec.name)
            continue
        seconds[rec.name] = round(time.perf_counter() - started, 3)
        fitted.append(rec)
    report(1.0, "done")
    return TrainResult(engine=Engine(fitted, weights, isolator=isolator), parameters=parameters,
                       failed=failed, validation=validation, seconds=seconds)
