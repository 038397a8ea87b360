"""Experiments in the stores: every recommender tested against a holdout (docs/experiments.md).

Qt-free and storage-free, so a kiosk (offline) and head office run the same code:

- ``assign``: which arm a shopper (or a guest's session) is in, from a salted hash of
  the unit's id: the same arm on every kiosk of the chain, with no look-up;
- ``stats``: the difference between an arm and control with its 95% interval (Welch's
  delta method, or a bootstrap), CUPED, the sample-ratio-mismatch check, the minimum
  detectable effect, and a verdict in plain words that claims no more than the interval;
- ``simulate``: the statistics checked on simulated shoppers with the real assignment and
  analysis code (A/A false positives, interval coverage, power).
"""
