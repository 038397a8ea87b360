"""``kiosk.recommendations`` on the hand-made store: shelves and every blender filter."""

from __future__ import annotations

import pytest
from test_recommend_support import (
    ALICE,
    BAG,
    CANDLE,
    NO_CONSENT,
    NOW,
    PENS,
    STAR,
    TEA,
    all_picks,
    build_shop,
    skus,
)

from kiosk.app import Kiosk
from kiosk.recommend import SHELF_ORDER, Pick, Reason, Shelf

GUEST_CODES = {"popular_here", "trending", "seasonal"}


@pytest.fixture
def shop(kiosk):
    return build_shop(kiosk)


def shelves(kiosk, customer=ALICE, session="s1", k=12):
    return kiosk.recommendations.shelves(customer, session_id=session, k=k, now=NOW)


def test_alice_gets_shelves_by_reason_with_product_details(shop):
    result = shelves(shop)
    assert all(isinstance(s, Shelf) for s in result)
    keys = [s.key for s in result]
    assert keys == [k for k in SHELF_ORDER if k in keys]  # shelves in the agreed order
    assert result[0].key == "restock" and result[0].picks[0].sku == TEA
    tea = result[0].picks[0]
    assert isinstance(tea, Pick)
    assert (tea.name, tea.price, tea.theme, tea.stock_quantity, tea.location) == (
        "ENGLISH BREAKFAST TEA", 2.0, "kitchen", 5, "Aisle 4")
    assert tea.reason.code == "buy_again" and tea.recommender == "buy_again"
    goes_with = next(s for s in result if s.key == "goes_with")
    assert all(p.reason.code == "goes_with" and p.reason.data["trigger_sku"]
               for p in goes_with.picks)
    assert CANDLE in skus(result)
    assert 10 <= len(skus(result)) == len(set(skus(result))) <= 12


def test_shelves_are_deterministic(shop):
    assert shelves(shop) == shelves(shop)
    again = Kiosk(shop.config, entrypoints=False)
    try:
        assert shelves(again) == shelves(shop)
    finally:
        again.close()


def test_consent_no_personalisation_consent_gets_guest_picks_only(shop):
    result = shelves(shop, NO_CONSENT)
    codes = {p.reason.code for p in all_picks(result)}
    assert codes and codes <= GUEST_CODES
    assert {s.key for s in result} <= {"popular", "seasonal"}
    assert skus(result)[0] == BAG
    # the same as a guest's
    assert skus(result) == skus(shelves(shop, None, session="guest"))


def test_consent_paused_personalisation_gets_guest_picks(shop):
    assert any(p.reason.code == "buy_again" for p in all_picks(shelves(shop)))
    shop.privacy.pause_personalisation(ALICE, True)
    codes = {p.reason.code for p in all_picks(shelves(shop))}
    assert codes <= GUEST_CODES


def test_unknown_customer_id_gets_guest_picks(shop):
    codes = {p.reason.code for p in all_picks(shelves(shop, "nobody-here"))}
    assert codes and codes <= GUEST_CODES


def test_not_for_me_is_gone_at_once_and_on_the_next_call(shop):
    assert TEA in skus(shelves(shop))
    shop.recommendations.record_feedback(ALICE, "s1", TEA, "not_for_me")
    assert TEA not in skus(shelves(shop))
    assert TEA not in skus(shelves(shop, session="another-visit"))
    later = Kiosk(shop.config, entrypoints=False)
    try:
        assert TEA not in skus(shelves(later, session="next-week"))
    finally:
        later.close()
    row = shop.db.execute("SELECT customer_id, kind FROM feedback").fetchone()
    assert row == (ALICE, "not_for_me")
    kinds = [r[0] for r in shop.db.execute("SELECT kind FROM outbox WHERE kind = 'not_for_me'")]
    assert kinds == ["not_for_me"]


def test_guest_not_for_me_holds_for_the_session_and_stores_no_id(shop):
    shop.recommendations.record_feedback(NO_CONSENT, "g1", BAG, "not_for_me")
    assert BAG not in skus(shelves(shop, NO_CONSENT, session="g1"))
    assert BAG in skus(shelves(shop, None, session="g2"))
    assert shop.db.execute("SELECT customer_id FROM feedback").fetchone() == (None,)


def test_unknown_feedback_kind_is_refused(shop):
    with pytest.raises(ValueError, match="unknown feedback kind"):
        shop.recommendations.record_feedback(ALICE, "s1", TEA, "love_it")


def test_out_of_stock_here_is_left_out(shop):
    assert {TEA, CANDLE} <= set(skus(shelves(shop)))
    shop.db.execute("UPDATE stock SET quantity = 0 WHERE sku = ?", [TEA])
    shop.db.execute("DELETE FROM stock WHERE sku = ?", [CANDLE])
    shop.db.conn.commit()
    result = skus(shelves(shop))
    assert TEA not in result and CANDLE not in result


def test_a_store_without_any_stock_data_leaves_nothing_out_for_stock(shop):
    """A till import alone has no stock: unknown is not zero, so the shopper still gets picks."""
    with shop.transaction() as db:
        db.execute("DELETE FROM stock")
    picks = all_picks(shelves(shop))
    assert {TEA, CANDLE} <= {p.sku for p in picks}
    assert all(p.stock_quantity is None and p.location is None for p in picks)


def test_stock_of_another_store_does_not_count(shop):
    with shop.transaction() as db:
        db.execute("INSERT INTO stores (id, name, created) VALUES ('store-2', 'Other', 'x')")
        db.execute("UPDATE stock SET store_id = 'store-2' WHERE sku = ?", [TEA])
    assert TEA not in skus(shelves(shop))


def test_frequency_cap_rests_an_item_shown_too_often_without_interest(shop):
    service = shop.recommendations
    tea = next(p for p in all_picks(shelves(shop)) if p.sku == TEA)
    for visit in range(2):
        service.record_impressions(ALICE, f"v{visit}", [tea])
    assert TEA in skus(shelves(shop))  # shown twice: not yet
    service.record_impressions(ALICE, "v2", [tea])
    assert TEA not in skus(shelves(shop))  # three times without interest: resting
    service.record_feedback(ALICE, "v3", TEA, "save")
    assert TEA in skus(shelves(shop))  # interest brings it back
    assert shop.db.execute("SELECT count(*) FROM impressions WHERE customer_id = ?",
                           [ALICE]).fetchone()[0] == 3


def test_frequency_cap_settings_come_from_the_config(config, tmp_path):
    from dataclasses import replace

    kiosk = Kiosk(replace(config, plugins={"recommend": {"frequency_cap_shows": 1,
                                                         "frequency_cap_rest_days": 7}}),
                  entrypoints=False)
    try:
        build_shop(kiosk)
        tea = next(p for p in all_picks(shelves(kiosk)) if p.sku == TEA)
        kiosk.recommendations.record_impressions(ALICE, "v0", [tea])
        assert TEA not in skus(shelves(kiosk))
        kiosk.db.execute("UPDATE impressions SET shown = '2000-01-01T00:00:00+00:00'")
        kiosk.db.conn.commit()
        assert TEA in skus(shelves(kiosk))  # rested long enough
    finally:
        kiosk.close()


def test_impressions_without_consent_store_no_id(shop):
    picks = all_picks(shelves(shop, NO_CONSENT))
    shop.recommendations.record_impressions(NO_CONSENT, "g", picks[:2])
    rows = shop.db.execute("SELECT DISTINCT customer_id FROM impressions").fetchall()
    assert rows == [(None,)]
    event = shop.db.execute("SELECT customer_id FROM outbox WHERE kind = 'impression'"
                            ).fetchone()
    assert event == (None,)


def test_diversity_keeps_near_identical_mugs_apart(shop):
    # Alice bought the red spotty mug: the blue and green ones are content matches,
    # but not both next to each other while other products can fill the shelf.
    result = all_picks(shelves(shop, k=6))
    mugs = [p.sku for p in result if p.name.endswith("SPOTTY MUG")]
    assert len(mugs) <= 1


def test_more_like_this_records_and_returns_similar_items(shop):
    from test_recommend_support import LANTERN

    picks = shop.recommendations.more_like_this(ALICE, LANTERN, "s1")
    assert picks and picks[0].sku == CANDLE
    assert LANTERN not in [p.sku for p in picks]
    assert picks[0].reason == Reason("more_like_this", {"anchor_sku": LANTERN,
                                                        "anchor_name": "WHITE METAL LANTERN"})
    assert shop.db.execute("SELECT kind FROM feedback").fetchone() == ("more_like_this",)


def test_staff_pick_shows_first_on_its_own_shelf(shop):
    shop.recommendations.add_staff_pick(ALICE, STAR, "Sam", "New this week")
    result = shelves(shop)
    assert result[0].key == "staff_pick"
    assert result[0].picks[0].sku == STAR
    assert result[0].picks[0].reason == Reason("staff_pick", {"staff_name": "Sam",
                                                              "note": "New this week"})
    # not without personalisation consent
    shop.privacy.set_consent(ALICE, "personalisation", False)
    assert STAR not in skus(shelves(shop))


def test_staff_pick_needs_staff_profile_consent_and_a_product(shop):
    with pytest.raises(PermissionError):
        shop.recommendations.add_staff_pick(NO_CONSENT, PENS, "Sam")
    with pytest.raises(ValueError, match="no product"):
        shop.recommendations.add_staff_pick(ALICE, "00000", "Sam")
    with pytest.raises(ValueError, match="name"):
        shop.recommendations.add_staff_pick(ALICE, PENS, "  ")


def test_a_new_store_without_sales_still_answers(kiosk):
    with kiosk.transaction() as db:
        db.execute("INSERT INTO stores (id, name, created) VALUES (?, 'New', 'x')",
                   [kiosk.config.store_id])
        db.execute("INSERT INTO products (sku, name, price, theme) VALUES "
                   "('20001', 'CHRISTMAS STAR', 3.0, 'christmas'), "
                   "('20002', 'GARDEN GNOME', 8.0, 'garden')")
        db.execute("INSERT INTO stock (store_id, sku, quantity) VALUES (?, '20001', 2), "
                   "(?, '20002', 2)", [kiosk.config.store_id] * 2)
        db.execute("INSERT INTO customers (id, created) VALUES ('c1', 'x')")
    kiosk.privacy.set_consent("c1", "personalisation", True)
    assert kiosk.recommendations.shelves(None, session_id="s") == []
    kiosk.privacy.set_preference("c1", "theme", "garden", source="shopper")
    result = kiosk.recommendations.shelves("c1", session_id="s")
    assert [p.sku for p in all_picks(result)] == ["20002"]
    assert result[0].key == "new_for_you"
    assert result[0].picks[0].reason == Reason("content_match", {"theme": "garden"})


def test_restock_shelf_is_ordered_by_how_due():
    from kiosk.recommend.service import order_by_due
    from kiosk.recommend.types import day_number

    def pick(sku, last, interval):
        return Pick(sku=sku, name=sku, price=None, image=None, theme=None, colours=(),
                    stock_quantity=1, location=None, score=1.0, recommender="buy_again",
                    reason=Reason("buy_again", {"last_bought": last, "times": 2,
                                                "interval_days": interval}))

    today = day_number(NOW)  # 1 July 2024
    picks = [pick("once", "2024-06-30", None), pick("weekly", "2024-06-20", 7),
             pick("monthly", "2024-06-20", 30), pick("fortnightly", "2024-06-24", 14)]
    assert [p.sku for p in order_by_due(picks, today)] == ["weekly", "fortnightly",
                                                           "monthly", "once"]


def test_shelves_mix_restock_with_new_things(shop):
    from test_recommend_support import LANTERN, RED_MUG

    result = shelves(shop, k=6)
    restock = [p.sku for s in result if s.key == "restock" for p in s.picks]
    assert restock == [TEA, RED_MUG] or restock == [TEA, LANTERN]  # at most a third of 6
    others = [p for s in result if s.key != "restock" for p in s.picks]
    assert len(others) == 4
    assert not {p.sku for p in others} & {TEA, RED_MUG, LANTERN}  # new to Alice


def test_guests_see_a_seasonal_shelf_when_there_is_a_season():
    from datetime import datetime

    from kiosk.plugins import make_plugin_manager
    from kiosk.recommend.engine import Engine
    from kiosk.recommend.registry import collect_recommenders
    from kiosk.recommend.snapshot import from_lines
    from kiosk.recommend.training import train
    from kiosk.recommend.types import Context, day_number

    lines = [(f"d{y}{d}", None, "DECO", datetime(y, 12, d)) for y in (2022, 2023)
             for d in range(1, 8)]
    lines += [(f"m{m}{d}", None, f"MUG{d % 5}", datetime(2023, m, d)) for m in range(1, 13)
              for d in range(1, 28)]
    engine: Engine = train(from_lines(lines), collect_recommenders(
        make_plugin_manager(entrypoints=False), None)).engine
    guest = Context(customer_id=None, now=day_number(datetime(2024, 12, 1)))
    plain = engine.rank(guest, 4)
    assert "DECO" not in [c.sku for c in plain]  # the mugs sell more all year
    picks = engine.shelf_picks(guest, 4)
    assert [c.sku for c in picks][-1] == "DECO" and len(picks) == 4
    assert picks[-1].reason == Reason("seasonal", {"season": "christmas"})
    summer = Context(customer_id=None, now=day_number(datetime(2024, 6, 1)))
    assert engine.shelf_picks(summer, 4) == engine.rank(summer, 4)


def test_erasure_takes_staff_picks_feedback_and_personal_picks_with_it(shop):
    shop.recommendations.add_staff_pick(ALICE, STAR, "Sam")
    shop.recommendations.record_feedback(ALICE, "s1", TEA, "not_for_me")
    shop.recommendations.train()
    shop.privacy.erase(ALICE)
    for table in ("staff_picks", "feedback", "impressions"):
        assert shop.db.execute(f"SELECT count(*) FROM {table} WHERE customer_id = ?",
                               [ALICE]).fetchone()[0] == 0
    codes = {p.reason.code for p in all_picks(shelves(shop))}
    assert codes <= GUEST_CODES
    # the stored models hold no customer ids
    blobs = b"".join(r[0] or b"" for r in shop.db.execute("SELECT blob FROM model_artefacts"))
    assert ALICE.encode() not in blobs
