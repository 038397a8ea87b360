"""Experiments' statistics and assignment (issue 14, first part): hand-checked answers,
the split a salted hash gives, and the analysis validated on simulated shoppers through
the real command."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest

from kiosk.experiments.assign import ArmsError, assign, parse_arms
from kiosk.experiments.stats import (
    bootstrap_difference,
    cuped_difference,
    difference,
    minimum_detectable_effect,
    sample_ratio_mismatch,
    verdict,
)


def test_arms_are_read_and_bad_ones_refused_with_the_reason():
    arms = parse_arms("control:10, blend:90")
    assert [(a.name, a.weight) for a in arms] == [("control", 10), ("blend", 90)]
    for text, said in [("blend:100", "at least two arms"),
                       ("a:1,b:1", "named 'control'"),
                       ("control:10,blend:0", "above 0"),
                       ("control:10,blend:ten", "whole number"),
                       ("control:10,control:5", "named twice"),
                       ("control:10,Blend X:5", "NAME:WEIGHT")]:
        with pytest.raises(ArmsError, match=said):
            parse_arms(text)


def test_the_same_shopper_is_in_the_same_arm_and_the_split_follows_the_weights():
    arms = parse_arms("control:10,blend:90")
    ids = [f"customer-{i}" for i in range(20_000)]
    first = [assign("exp-1", unit, arms) for unit in ids]
    assert first == [assign("exp-1", unit, arms) for unit in ids]   # every kiosk, offline
    share = first.count("control") / len(ids)
    assert abs(share - 0.10) < 0.01        # 20,000 draws: the standard error is 0.002
    other = [assign("exp-2", unit, arms) for unit in ids]
    # another experiment's salt splits independently: about 10% of control is control again
    both = sum(a == b == "control" for a, b in zip(first, other, strict=True))
    assert abs(both / first.count("control") - 0.10) < 0.03


def test_difference_and_its_interval_by_hand():
    control, arm = [1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]
    found = difference(control, arm)
    # means 2.5 and 5; variances 5/3 and 20/3; error sqrt((5/3 + 20/3) / 4)
    error = math.sqrt((5 / 3 + 20 / 3) / 4)
    assert found.difference == pytest.approx(2.5)
    assert found.low == pytest.approx(2.5 - 1.959964 * error, rel=1e-5)
    assert found.high == pytest.approx(2.5 + 1.959964 * error, rel=1e-5)
    assert found.relative == pytest.approx(1.0)
    assert not found.significant   # four shoppers an arm: the interval still includes 0
    with pytest.raises(ValueError, match="at least two"):
        difference([1.0], arm)
    with pytest.raises(ValueError, match="finite"):
        difference([1.0, float("nan")], arm)


def test_bootstrap_agrees_with_the_delta_method_on_a_large_sample():
    rng = np.random.default_rng(1)
    control, arm = rng.normal(10, 3, 4000), rng.normal(10.5, 3, 4000)
    delta, boot = difference(control, arm), bootstrap_difference(control, arm, seed=2)
    assert boot.difference == pytest.approx(delta.difference)
    assert boot.low == pytest.approx(delta.low, abs=0.03)
    assert boot.high == pytest.approx(delta.high, abs=0.03)


def test_cuped_keeps_the_difference_and_narrows_the_interval():
    rng = np.random.default_rng(3)
    level = rng.lognormal(3, 0.8, 4000)
    before = level * rng.lognormal(0, 0.3, 4000)
    during = level * rng.lognormal(0, 0.3, 4000)
    arm = np.arange(4000) % 2 == 1
    during = np.where(arm, during + 2.0, during)
    plain = difference(during[~arm], during[arm])
    adjusted = cuped_difference(during[~arm], before[~arm], during[arm], before[arm])
    assert adjusted.high - adjusted.low < 0.6 * (plain.high - plain.low)
    assert adjusted.low <= 2.0 <= adjusted.high
    assert adjusted.control_mean == pytest.approx(plain.control_mean)   # raw means shown


def test_a_broken_split_is_caught_and_a_fair_one_is_not():
    weights = {"control": 50, "blend": 50}
    broken = sample_ratio_mismatch({"control": 4_500, "blend": 5_500}, weights)
    assert broken.mismatch and broken.p_value < 1e-10
    fair = sample_ratio_mismatch({"control": 5_030, "blend": 4_970}, weights)
    assert not fair.mismatch and fair.expected == {"blend": 5000.0, "control": 5000.0}
    assert not sample_ratio_mismatch({}, weights).mismatch
    with pytest.raises(ValueError, match="do not exist"):
        sample_ratio_mismatch({"other": 3}, weights)


def test_minimum_detectable_effect_by_hand():
    control, arm = [1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]
    error = math.sqrt((5 / 3 + 20 / 3) / 4)
    assert minimum_detectable_effect(control, arm) == pytest.approx(
        (1.959964 + 0.841621) * error, rel=1e-5)


def test_the_verdict_claims_no_more_than_the_interval():
    low, high = [1.0, 2.0, 3.0, 4.0] * 10, [11.0, 12.0, 13.0, 14.0] * 10
    up = difference(low, high)
    assert up.significant and verdict(up, "spend").startswith("This arm raised spend")
    down = difference(high, low)
    assert verdict(down, "spend").startswith("This arm lowered spend")
    unclear = difference([2.0, 4.0, 6.0, 8.0], [1.0, 2.0, 3.0, 4.0])   # four shoppers
    said = verdict(unclear, "spend")
    assert said.startswith("No clear difference") and "includes no difference" in said


def test_validate_on_simulated_shoppers_through_the_command():
    done = subprocess.run([sys.executable, "-m", "kiosk", "hq", "experiment", "validate",
                           "--runs", "200", "--effect", "0.05", "--json"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["runs"] == 200 and found["effect"] == 0.05
    assert found["aa_false_positive_rate"] <= 0.07
    assert found["ci_coverage"] >= 0.93
    assert 0 <= found["power"] <= 1
    assert set(found["methods"]) == {"delta", "cuped"}
