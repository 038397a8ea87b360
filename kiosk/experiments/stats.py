"""The difference an arm makes, with an honest interval.

- ``difference``: mean of the arm minus mean of control, with a 95% interval by the delta
  method (Welch: each arm's own variance; a normal interval, which the sizes of a store
  experiment, hundreds of shoppers an arm, make accurate; ``simulate`` checks it);
- ``bootstrap_difference``: the same by resampling shoppers (percentile interval), for
  small or very skewed arms;
- ``cuped``: the outcome less its part explained by the shopper's spend before the
  experiment (Deng et al., 2013): the same expected difference, a narrower interval when
  the pre-period predicts the outcome;
- ``sample_ratio_mismatch``: a chi-square test of the arms' sizes against their weights
  (a mismatch means the assignment or the logging is broken: the results cannot be read);
- ``minimum_detectable_effect``: the smallest true difference the current sizes would
  find 80% of the time at the 5% level;
- ``verdict``: a sentence that never claims more than the interval shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

LEVEL = 0.95
#: an SRM p-value below this means the split is broken, not unlucky
SRM_ALPHA = 0.001


@dataclass(frozen=True)
class Estimate:
    """An arm against control: the difference of means and its interval."""

    difference: float
    low: float
    high: float
    control_mean: float
    arm_mean: float
    control_n: int
    arm_n: int
    method: str

    @property
    def significant(self) -> bool:
        """The interval leaves out no difference at all."""
        return self.low > 0 or self.high < 0

    @property
    def relative(self) -> float | None:
        """The difference as a share of control's mean (None when control's mean is 0)."""
        return self.difference / self.control_mean if self.control_mean else None

    def as_dict(self) -> dict[str, float | int | str | bool | None]:
        return {"difference": self.difference, "low": self.low, "high": self.high,
                "control_mean": self.control_mean, "arm_mean": self.arm_mean,
                "control_n": self.control_n, "arm_n": self.arm_n, "method": self.method,
                "relative": self.relative, "significant": self.significant}


def _values(values: Sequence[float]) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or len(array) < 2:
        raise ValueError("each arm needs at least two units to estimate a difference")
    if not np.all(np.isfinite(array)):
        raise ValueError("an outcome is not a finite number")
    return array


def _z(level: float) -> float:
    if not 0 < level < 1:
        raise ValueError(f"the level must be between 0 and 1, got {level}")
    return float(scipy_stats.norm.ppf(0.5 + level / 2))


def difference(control: Sequence[float], arm: Sequence[float], *,
               level: float = LEVEL) -> Estimate:
    """Mean of ``arm`` minus mean of ``control``, with the delta-method (Welch) interval."""
    c, a = _values(control), _values(arm)
    diff = float(a.mean() - c.mean())
    error = math.sqrt(c.var(ddof=1) / len(c) + a.var(ddof=1) / len(a))
    half = _z(level) * error
    return Estimate(diff, diff - half, diff + half, float(c.mean()), float(a.mean()),
                    len(c), len(a), "delta")


def bootstrap_difference(control: Sequence[float], arm: Sequence[float], *,
                         level: float = LEVEL, resamples: int = 2000,
                         seed: int = 0) -> Estimate:
    """The same difference with a percentile bootstrap interval (shoppers resampled
    within each arm)."""
    c, a = _values(control), _values(arm)
    _z(level)
    rng = np.random.default_rng(seed)
    means_c = c[rng.integers(0, len(c), size=(resamples, len(c)))].mean(axis=1)
    means_a = a[rng.integers(0, len(a), size=(resamples, len(a)))].mean(axis=1)
    low, high = np.quantile(means_a - means_c, [0.5 - level / 2, 0.5 + level / 2])
    return Estimate(float(a.mean() - c.mean()), float(low), float(high), float(c.mean()),
                    float(a.mean()), len(c), len(a), "bootstrap")


def cuped(outcomes: Sequence[float], before: Sequence[float]) -> np.ndarray:
    """Outcomes adjusted by the pre-period covariate (one theta for every arm together,
    so the expected difference between arms is unchanged)."""
    y, x = _values(outcomes), _values(before)
    if len(x) != len(y):
        raise ValueError("each unit needs its outcome and its pre-period value")
    variance = x.var(ddof=1)
    if variance == 0:
        return y.copy()
    theta = float(np.cov(y, x, ddof=1)[0, 1] / variance)
    return y - theta * (x - x.mean())


def cuped_difference(control: Sequence[float], control_before: Sequence[float],
                     arm: Sequence[float], arm_before: Sequence[float], *,
                     level: float = LEVEL) -> Estimate:
    """``difference`` on CUPED-adjusted outcomes (theta from both arms pooled)."""
    c, a = _values(control), _values(arm)
    adjusted = cuped(np.concatenate([c, a]),
                     np.concatenate([_values(control_before), _values(arm_before)]))
    estimate = difference(adjusted[:len(c)], adjusted[len(c):], level=level)
    return Estimate(estimate.difference, estimate.low, estimate.high, float(c.mean()),
                    float(a.mean()), len(c), len(a), "cuped")


@dataclass(frozen=True)
class RatioCheck:
    chi_square: float
    p_value: float
    expected: dict[str, float]

    @property
    def mismatch(self) -> bool:
        return self.p_value < SRM_ALPHA


def sample_ratio_mismatch(counts: Mapping[str, int], weights: Mapping[str, int]) -> RatioCheck:
    """Chi-square of the arms' unit counts against the split their weights promise."""
    if set(counts) - set(weights):
        raise ValueError(f"units counted in arms that do not exist: "
                         f"{', '.join(sorted(set(counts) - set(weights)))}")
    names = sorted(weights)
    total_weight = sum(weights[name] for name in names)
    total = sum(int(counts.get(name, 0)) for name in names)
    expected = {name: total * weights[name] / total_weight for name in names}
    if total == 0:
        return RatioCheck(0.0, 1.0, expected)
    observed = [int(counts.get(name, 0)) for name in names]
    chi, p_value = scipy_stats.chisquare(observed, [expected[name] for name in names])
    return RatioCheck(float(chi), float(p_value), expected)


def minimum_detectable_effect(control: Sequence[float], arm: Sequence[float], *,
                              alpha: float = 0.05, power: float = 0.8) -> float:
    """The smallest true difference found with ``power`` at level ``alpha`` (two-sided)."""
    c, a = _values(control), _values(arm)
    error = math.sqrt(c.var(ddof=1) / len(c) + a.var(ddof=1) / len(a))
    return float((scipy_stats.norm.ppf(1 - alpha / 2) + scipy_stats.norm.ppf(power)) * error)


def verdict(estimate: Estimate, what: str = "the outcome") -> str:
    """A plain sentence about an arm against control that the interval backs."""
    span = f"between {estimate.low:+.3g} and {estimate.high:+.3g}"
    if estimate.low > 0:
        return (f"This arm raised {what}: the true difference is likely {span} "
                f"(95% interval).")
    if estimate.high < 0:
        return (f"This arm lowered {what}: the true difference is likely {span} "
                f"(95% interval).")
    return (f"No clear difference in {what} yet: the true difference is likely {span}, "
            "which includes no difference at all. More shoppers would narrow it.")
