"""The recommendation hooks, as a third-party plugin uses them."""

from __future__ import annotations

import json

from test_recommend_support import ALICE, NOW, build_shop, purchases

from kiosk import hookimpl
from kiosk.app import Kiosk
from kiosk.plugins import make_plugin_manager
from kiosk.recommend import Candidate, Pick, Reason, Shelf, explain

GIFT = "10099"


class GiftIdeas:
    """A plugin recommender: always suggests the gift box."""

    name = "gift_ideas"
    personal = False

    def __init__(self):
        self.fitted_on = 0

    def fit(self, snapshot):
        self.fitted_on = len(snapshot.line_item)
        return {"lines": self.fitted_on}

    def recommend(self, context, k):
        return [Candidate(GIFT, 1.0, Reason("gift_idea", {"occasion": "birthday"}))]


class GiftPlugin:
    name = "gift_plugin"

    @hookimpl
    def kiosk_register_recommenders(self, kiosk):
        return [GiftIdeas()]


def test_hook_kiosk_register_recommenders(config):
    kiosk = Kiosk(config, pm=make_plugin_manager(entrypoints=False, extra=[GiftPlugin()]))
    try:
        build_shop(kiosk)
        with kiosk.transaction() as db:
            db.execute("INSERT INTO products (sku, name, price) VALUES (?, 'MYSTERY GIFT BOX', 5)",
                       [GIFT])
            db.execute("INSERT INTO stock (store_id, sku, quantity) VALUES (?, ?, 3)",
                       [kiosk.config.store_id, GIFT])
        summary = kiosk.recommendations.train()
        assert "gift_ideas" in summary["recommenders"]
        assert summary["weights"]["guest"].get("gift_ideas", 0.0) == 0.0
        picks = [p for s in kiosk.recommendations.shelves(ALICE, session_id="s", k=20, now=NOW)
                 for p in s.picks]
        gift = next(p for p in picks if p.sku == GIFT)
        assert gift.recommender == "gift_ideas"
        assert gift.reason == Reason("gift_idea", {"occasion": "birthday"})
        assert explain(gift.reason) == "Recommended for you"  # an unknown code still reads
        stored = kiosk.db.execute("SELECT parameters FROM model_artefacts WHERE name = "
                                  "'gift_ideas'").fetchone()
        assert json.loads(stored[0]) == {"lines": len(purchases())}
    finally:
        kiosk.close()


class ShelfEditor:
    name = "shelf_editor"

    def __init__(self):
        self.seen = []

    @hookimpl
    def kiosk_recommendations_will_show(self, kiosk, context, shelves):
        self.seen.append((context.personal, [s.key for s in shelves]))
        shelves[:] = [s for s in shelves if s.key != "popular"]
        shelves.append(Shelf("store_news", [Pick(
            sku="10001", name="WHITE METAL LANTERN", price=3.5, image=None, theme=None,
            colours=(), stock_quantity=5, location=None,
            reason=Reason("store_news", {}), recommender="shelf_editor", score=1.0)]))


def test_hook_kiosk_recommendations_will_show(config):
    editor = ShelfEditor()
    kiosk = Kiosk(config, pm=make_plugin_manager(entrypoints=False, extra=[editor]))
    try:
        build_shop(kiosk)
        result = kiosk.recommendations.shelves(ALICE, session_id="s", now=NOW)
        keys = [s.key for s in result]
        assert "popular" in editor.seen[0][1] and editor.seen[0][0] is True
        assert "popular" not in keys
        assert keys[-1] == "store_news"
    finally:
        kiosk.close()
