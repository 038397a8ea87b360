"""The statistics checked on simulated shoppers, with the real assignment and analysis.

The simulated world (docs/experiments.md, "How the statistics are checked"): each
shopper has a spending level drawn from a log-normal distribution (skewed, as till data
is); what they spend before the experiment and during it are that level times independent
log-normal noise of mean 1, so the pre-period predicts the outcome as it does in a store
(correlation about 0.6). Shoppers are split by ``assign`` (the experiment's own salt per
run, control:50,treatment:50). In an A/A run both arms get the same treatment; in an
effect run the treatment arm spends ``effect`` more (relative), so the true difference is
``effect`` times the population's mean spend, known exactly.

- ``aa_false_positive_rate``: A/A runs whose 95% interval leaves out 0 (should be ~0.05);
- ``ci_coverage``: effect runs whose interval contains the true difference (~0.95);
- ``power``: effect runs whose interval leaves out 0.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from kiosk.experiments.assign import assign, parse_arms
from kiosk.experiments.stats import Estimate, cuped_difference, difference

SPEND_MU, SPEND_SIGMA, NOISE_SIGMA = 3.0, 0.8, 0.5
ARMS = parse_arms("control:50,treatment:50")
METHODS = ("delta", "cuped")
#: the method the report uses when shoppers' pre-period spend is known
REPORT_METHOD = "cuped"


def mean_spend() -> float:
    """The population's expected spend in the simulated world."""
    return math.exp(SPEND_MU + SPEND_SIGMA ** 2 / 2)


def _noise(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.lognormal(-NOISE_SIGMA ** 2 / 2, NOISE_SIGMA, size)   # mean 1


def one_run(run: int, *, shoppers: int, effect: float,
            rng: np.random.Generator) -> dict[str, Estimate]:
    """One simulated experiment; each method's estimate of treatment against control."""
    level = rng.lognormal(SPEND_MU, SPEND_SIGMA, shoppers)
    before = level * _noise(rng, shoppers)
    during = level * _noise(rng, shoppers)
    in_arm = np.array([assign(f"simulation-{run}", f"shopper-{i}", ARMS) == "treatment"
                       for i in range(shoppers)])
    during = np.where(in_arm, during * (1 + effect), during)
    control, arm = ~in_arm, in_arm
    return {
        "delta": difference(during[control], during[arm]),
        "cuped": cuped_difference(during[control], before[control], during[arm], before[arm]),
    }


def validate(runs: int = 200, effect: float = 0.05, *, shoppers: int = 2000,
             seed: int = 0) -> dict[str, Any]:
    """A/A false positives, interval coverage and power over ``runs`` simulated
    experiments of ``shoppers`` each (half in each arm)."""
    if runs < 1 or shoppers < 20:
        raise ValueError("validate needs at least 1 run and 20 shoppers")
    rng = np.random.default_rng(seed)
    truth = effect * mean_spend()
    counts = {method: {"aa": 0, "covered": 0, "found": 0} for method in METHODS}
    for run in range(runs):
        aa = one_run(2 * run, shoppers=shoppers, effect=0.0, rng=rng)
        real = one_run(2 * run + 1, shoppers=shoppers, effect=effect, rng=rng)
        for method in METHODS:
            counts[method]["aa"] += aa[method].significant
            counts[method]["covered"] += real[method].low <= truth <= real[method].high
            counts[method]["found"] += real[method].significant
    rates = {method: {"aa_false_positive_rate": c["aa"] / runs,
                      "ci_coverage": c["covered"] / runs, "power": c["found"] / runs}
             for method, c in counts.items()}
    return {"runs": runs, "effect": effect, "shoppers": shoppers, "seed": seed,
            "method": REPORT_METHOD, **rates[REPORT_METHOD], "methods": rates,
            "true_difference": truth}
