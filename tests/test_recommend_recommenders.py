"""Each built-in recommender on the hand-made store: its picks and its reasons."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from test_recommend_support import (
    ALICE,
    BAG,
    BLUE_MUG,
    CANDLE,
    LANTERN,
    NAPKINS,
    NEW_SHOPPER,
    NOW,
    RED_MUG,
    STAR,
    TEA,
    TOWEL,
    TRAIN,
    build_shop,
)

from kiosk.plugins import make_plugin_manager
from kiosk.recommend import Context, Reason, explain
from kiosk.recommend.registry import collect_recommenders
from kiosk.recommend.snapshot import from_lines, from_store
from kiosk.recommend.types import day_number


@pytest.fixture
def snapshot(kiosk):
    build_shop(kiosk)
    kiosk.privacy.set_preference(NEW_SHOPPER, "theme", "christmas", source="shopper")
    return from_store(kiosk.db)


def fitted(snapshot, name):
    recommenders = {r.name: r for r in collect_recommenders(make_plugin_manager(
        entrypoints=False), None)}
    rec = recommenders[name]
    rec.fit(snapshot)
    return rec


def alice(snapshot):
    return snapshot.context(ALICE, now=day_number(NOW))


def test_builtin_recommenders_are_registered_by_plugins():
    names = [r.name for r in collect_recommenders(make_plugin_manager(entrypoints=False), None)]
    assert names == ["buy_again", "collaborative", "content", "goes_with", "popular",
                     "seasonal", "trending"]


def test_buy_again_ranks_the_regular_purchase_first_with_its_interval(snapshot):
    picks = fitted(snapshot, "buy_again").recommend(alice(snapshot), 5)
    assert picks[0].sku == TEA
    assert picks[0].reason == Reason("buy_again", {"last_bought": "2024-05-10", "times": 6,
                                                   "interval_days": 14})
    assert {p.sku for p in picks} == {TEA, RED_MUG, LANTERN}
    assert explain(picks[0].reason) == ("You buy this about every 14 days; "
                                        "last time on 10 May")


def test_buy_again_prefers_the_item_that_is_due():
    lines = [("1", "u", "A", datetime(2024, 1, 1)), ("2", "u", "A", datetime(2024, 1, 8)),
             ("3", "u", "B", datetime(2024, 1, 1)), ("4", "u", "B", datetime(2024, 3, 1))]
    snap = from_lines(lines)
    rec = fitted(snap, "buy_again")
    rec.tau_days, rec.due_weight = 3650.0, 1.0
    # A is bought weekly and last bought weeks ago: due; B every 60 days, just bought
    picks = rec.recommend(snap.context("u", now=day_number(datetime(2024, 3, 2))), 2)
    assert [p.sku for p in picks] == ["A", "B"]


def test_goes_with_names_the_trigger_and_when_it_was_bought(snapshot):
    picks = fitted(snapshot, "goes_with").recommend(alice(snapshot), 5)
    candle = next(p for p in picks if p.sku == CANDLE)
    assert candle.reason.code == "goes_with"
    assert candle.reason.data == {"trigger_sku": LANTERN, "trigger_name": "WHITE METAL LANTERN",
                                  "bought_on": "2024-05-10"}
    assert explain(candle.reason) == "Goes with the white metal lantern you bought in May"
    mug_only = Context(customer_id="x", now=day_number(NOW), personal=True,
                       history_skus=(RED_MUG,), history_days=np.asarray([day_number(NOW) - 3]))
    picks = fitted(snapshot, "goes_with").recommend(mug_only, 5)
    assert {p.sku for p in picks} == {LANTERN, TOWEL, CANDLE, TEA}
    towel = next(p for p in picks if p.sku == TOWEL)
    assert towel.reason.data == {"trigger_sku": RED_MUG, "trigger_name": "RED SPOTTY MUG",
                                 "bought_on": "2024-06-28"}


def test_goes_with_similar_items_for_more_like_this(snapshot):
    rec = fitted(snapshot, "goes_with")
    assert rec.similar(LANTERN, 3)[0][0] == CANDLE
    assert rec.similar("99999", 3) == []


def test_collaborative_suggests_what_similar_shoppers_bought(snapshot):
    picks = fitted(snapshot, "collaborative").recommend(alice(snapshot), 5)
    found = [p.sku for p in picks]
    assert CANDLE in found and TOWEL in found
    assert all(p.reason == Reason("similar_shoppers", {}) for p in picks)
    assert BAG not in found  # only anonymous sales: no shopper links it to anything


def test_content_uses_text_of_what_was_bought(snapshot):
    picks = fitted(snapshot, "content").recommend(alice(snapshot), 12)
    order = [p.sku for p in picks]
    # a red spotty mug buyer: the other spotty mugs read most alike
    assert order.index(BLUE_MUG) < order.index(TRAIN) if TRAIN in order else BLUE_MUG in order
    assert all(p.reason.code == "content_match" for p in picks)
    # the "why" names the purchase the pick reads like
    blue = next(p for p in picks if p.sku == BLUE_MUG)
    assert blue.reason.data["anchor_sku"] == RED_MUG
    assert explain(blue.reason) == f"Like the {blue.reason.data['anchor_name'].lower()} you bought"


def test_content_gives_a_new_shopper_picks_from_stated_preferences(snapshot):
    rec = fitted(snapshot, "content")
    context = snapshot.context(NEW_SHOPPER, now=day_number(NOW))
    assert context.preferences == {"theme": ("christmas",)}
    picks = rec.recommend(context, 3)
    assert picks[0].sku == STAR  # a product nobody has bought yet
    assert picks[0].reason == Reason("content_match", {"theme": "christmas"})
    assert explain(picks[0].reason) == "Matches your interest in christmas"


def test_content_colour_and_budget_preferences(snapshot):
    rec = fitted(snapshot, "content")
    context = Context(customer_id="x", now=day_number(NOW), personal=True,
                      preferences={"colour": ("red",), "budget": ("2.60",)})
    picks = rec.recommend(context, 10)
    assert {p.sku for p in picks} == {RED_MUG, BAG}  # red and within £2.60; the towel is £3
    assert all(p.reason.data == {"colour": "red"} for p in picks)


def test_popular_counts_anonymous_sales_for_guests(snapshot):
    picks = fitted(snapshot, "popular").recommend(Context(None, day_number(NOW)), 3)
    assert picks[0].sku == BAG
    assert picks[0].reason == Reason("popular_here", {"days": 30})
    assert explain(picks[0].reason) == "Popular in this store over the last 30 days"


def test_trending_finds_what_sells_faster_lately(snapshot):
    picks = fitted(snapshot, "trending").recommend(Context(None, day_number(NOW)), 3)
    assert [p.sku for p in picks] == [BAG]
    assert picks[0].reason.code == "trending"


def test_seasonal_needs_a_year_and_then_finds_the_season():
    lines = []
    for year in (2022, 2023):
        for day in range(1, 28, 2):
            lines.append((f"x{year}{day}", None, "DECO", datetime(year, 12, day)))
    for month in range(1, 13):
        for day in (3, 17):
            lines.append((f"y{month}{day}", None, "MUG", datetime(2023, month, day)))
    rec = fitted(from_lines(lines), "seasonal")
    picks = rec.recommend(Context(None, day_number(datetime(2024, 12, 1))), 5)
    assert [p.sku for p in picks] == ["DECO"]
    assert picks[0].reason == Reason("seasonal", {"season": "christmas"})
    assert rec.recommend(Context(None, day_number(datetime(2024, 6, 1))), 5) == []
    short = fitted(from_lines([line for line in lines if line[3].year == 2023][-10:]), "seasonal")
    assert short.recommend(Context(None, day_number(datetime(2024, 12, 1))), 5) == []


def test_staff_picks_come_from_the_table(kiosk):
    build_shop(kiosk)
    kiosk.recommendations.add_staff_pick(ALICE, NAPKINS, "Sam", "For your party")
    rec = {r.name: r for r in collect_recommenders(kiosk.pm, kiosk)}["staff_picks"]
    context = kiosk.recommendations.context(ALICE)
    picks = rec.recommend(context, 5)
    assert [p.sku for p in picks] == [NAPKINS]
    assert picks[0].reason == Reason("staff_pick", {"staff_name": "Sam",
                                                    "note": "For your party"})
    assert explain(picks[0].reason) == "Picked for you by Sam: For your party"
    assert "staff_picks" not in {r.name for r in collect_recommenders(kiosk.pm, None)}


def test_recommenders_are_deterministic(snapshot):
    first = {name: fitted(snapshot, name).recommend(alice(snapshot), 10)
             for name in ("buy_again", "goes_with", "collaborative", "content", "popular")}
    second = {name: fitted(snapshot, name).recommend(alice(snapshot), 10)
              for name in first}
    assert first == second


def test_guest_context_has_no_history(snapshot):
    context = snapshot.context(ALICE, personal=False)
    assert context.history_skus == () and not context.personal
    assert len(context.history_days) == 0 and isinstance(context.history_days, np.ndarray)
