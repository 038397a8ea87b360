"""The blender on its own: fusion, each filter in order, diversity, determinism."""

from __future__ import annotations

import random

from kiosk.recommend import Candidate, Reason
from kiosk.recommend.blender import Filters, blend, diversify, fuse, near_identical, variant_key

BUY = Reason("buy_again", {})
GOES = Reason("goes_with", {"trigger_sku": "t"})
POP = Reason("popular_here", {"days": 30})


def c(sku, score, reason=BUY, rec="buy_again"):
    return Candidate(sku, score, reason, rec)


CANDIDATES = {
    "buy_again": [c("A", 10.0), c("B", 5.0)],
    "goes_with": [c("B", 0.9, GOES, "goes_with"), c("C", 0.3, GOES, "goes_with")],
    "popular": [c("D", 100.0, POP, "popular"), c("A", 50.0, POP, "popular")],
}
WEIGHTS = {"buy_again": 1.0, "goes_with": 0.5, "popular": 0.1}
PERSONAL = {"buy_again", "goes_with"}


def test_fuse_scales_each_recommender_and_keeps_the_strongest_reason():
    merged = fuse(CANDIDATES, WEIGHTS)
    scores = {m.sku: round(m.score, 6) for m in merged}
    assert scores == {"A": 1.05, "B": 1.0, "C": round(0.5 * 0.3 / 0.9, 6), "D": 0.1}
    assert [m.sku for m in merged] == ["A", "B", "C", "D"]
    b = next(m for m in merged if m.sku == "B")
    # buy-again gives 5/10 = 0.5 and goes-with 0.5 * 0.9/0.9 = 0.5: a tie keeps the first
    assert b.reason == BUY and b.recommender == "buy_again"
    assert fuse(CANDIDATES, {"buy_again": 0.0, "goes_with": 1.0})[0].reason == GOES


def test_fuse_ignores_zero_negative_and_non_finite_scores():
    merged = fuse({"x": [c("A", 0.0), c("B", -1.0), c("C", float("nan")), c("D", 2.0)]},
                  {"x": 1.0})
    assert [m.sku for m in merged] == ["D"]


def run(**filters):
    return [x.sku for x in blend(CANDIDATES, WEIGHTS, 10, Filters(
        personal_recommenders=PERSONAL, diversity=False, **filters))]


def test_consent_leaves_guest_picks_only():
    assert run() == ["A", "B", "C", "D"]
    picks = blend(CANDIDATES, WEIGHTS, 10, Filters(personal=False,
                                                   personal_recommenders=PERSONAL))
    assert [(x.sku, x.reason.code) for x in picks] == [("D", "popular_here"),
                                                      ("A", "popular_here")]


def test_each_filter():
    assert run(not_for_me={"A"}) == ["B", "C", "D"]
    assert run(in_stock=lambda sku: sku != "B") == ["A", "C", "D"]
    assert run(resting={"C"}) == ["A", "B", "D"]
    assert run(exclude={"A", "B"}) == ["C", "D"]
    assert run(not_for_me={"A"}, in_stock=lambda s: s != "D", resting={"C"}) == ["B"]


def test_diversity_comes_after_the_filters():
    names = {"R": "RED SPOTTY MUG", "G": "GREEN SPOTTY MUG", "T": "TEA TOWEL"}
    ranked = {"x": [c("R", 3.0), c("G", 2.0), c("T", 1.0)]}
    plain = blend(ranked, {"x": 1.0}, 2, Filters(names=names))
    assert [x.sku for x in plain] == ["R", "T"]  # the green mug is a variant of the red one
    # with the red one not wanted, the green one is no longer a duplicate of anything
    filtered = blend(ranked, {"x": 1.0}, 2, Filters(names=names, not_for_me={"R"}))
    assert [x.sku for x in filtered] == ["G", "T"]


def test_diversity_limits_one_theme_but_still_fills_k():
    ranked = [c(f"K{i}", 10.0 - i) for i in range(6)] + [c("B1", 1.0), c("B2", 0.5)]
    themes = {**{f"K{i}": "kitchen" for i in range(6)}, "B1": "bags", "B2": "bags"}
    names = {f"K{i}": f"KITCHEN THING {chr(65 + i) * 3}" for i in range(6)}
    names.update({"B1": "JUMBO BAG", "B2": "LUNCH BAG"})
    picked = [x.sku for x in diversify(ranked, 5, themes=themes, names=names)]
    assert picked == ["K0", "K1", "B1", "B2", "K2"]  # at most 2 of 5 kitchen, then fill
    assert len(diversify(ranked[:3], 5, themes=themes, names=names)) == 3


def test_variant_keys():
    assert variant_key("RED SPOTTY MUG") == variant_key("Blue spotty mug")
    assert near_identical(variant_key("JUMBO BAG RED RETROSPOT"),
                          variant_key("JUMBO BAG PINK RETROSPOT"))
    assert not near_identical(variant_key("JUMBO BAG RED"), variant_key("LUNCH BOX RED"))
    assert not near_identical(frozenset(), frozenset())


def test_blend_is_deterministic_whatever_the_input_order():
    many = {f"r{n}": [c(f"S{(n * 7 + i) % 13}", float(i % 3 + 1)) for i in range(9)]
            for n in range(4)}
    weights = {name: 1.0 for name in many}
    expected = blend(many, weights, 8, Filters(diversity=False))
    for seed in range(5):
        shuffled = {name: random.Random(seed).sample(items, len(items))
                    for name, items in random.Random(seed).sample(list(many.items()), 4)}
        assert blend(shuffled, weights, 8, Filters(diversity=False)) == expected
