"""Reason codes → English sentences."""

from __future__ import annotations

import pytest

from kiosk.recommend import Reason, explain
from kiosk.recommend.explain import TEMPLATES, template_key


@pytest.mark.parametrize(("reason", "sentence"), [
    (Reason("goes_with", {"trigger_sku": "1", "trigger_name": "WHITE METAL LANTERN",
                          "bought_on": "2011-05-03"}),
     "Goes with the white metal lantern you bought in May"),
    (Reason("goes_with", {"trigger_name": "Lantern"}), "Goes with the Lantern"),
    (Reason("buy_again", {"last_bought": "2011-11-02", "times": 4, "interval_days": 30}),
     "You buy this about every 30 days; last time on 2 November"),
    (Reason("buy_again", {"last_bought": "2011-11-02", "times": 1, "interval_days": None}),
     "You bought this in November"),
    (Reason("buy_again", {"last_bought": "2011-11-02", "times": 3}),
     "You have bought this 3 times, last in November"),
    (Reason("similar_shoppers", {}), "Shoppers who buy what you buy also like this"),
    (Reason("content_match", {"theme": "candles_lights"}),
     "Matches your interest in candles lights"),
    (Reason("content_match", {"colour": "red"}), "In red, a colour you like"),
    (Reason("content_match", {}), "Like other things you chose"),
    (Reason("popular_here", {"days": 30}), "Popular in this store over the last 30 days"),
    (Reason("trending", {}), "Trending in this store right now"),
    (Reason("seasonal", {"season": "christmas"}), "A favourite for christmas"),
    (Reason("staff_pick", {"staff_name": "Sam", "note": ""}), "Picked for you by Sam"),
    (Reason("more_like_this", {"anchor_sku": "1", "anchor_name": "RED MUG"}),
     "More like the red mug"),
    (Reason("from_a_plugin", {"x": 1}), "Recommended for you"),
    (Reason("buy_again", {"last_bought": "not a date"}), "You bought this in the past"),
])
def test_explain(reason, sentence):
    assert explain(reason) == sentence


def test_every_template_key_is_reachable():
    assert template_key(Reason("goes_with", {})) in TEMPLATES
    assert template_key(Reason("nonsense", {})) == "fallback"
