"""UI plugin hooks: a plugin's shelf, its own card, its own screen; failures fall back."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QLabel
from test_ui_support import open_kiosk, settle, wedge_scan, widget_texts

from kiosk import hookimpl
from kiosk.ui.app import create_window
from kiosk.ui.spec import ScreenSpec, ShelfSpec
from kiosk.ui.texts import display_name

pytest_plugins = ["test_ui_support"]


@dataclass
class DealItem:
    sku: str
    name: str
    price: float
    stock_quantity: int = 5
    location: str = "aisle 1"
    reason: dict = field(default_factory=lambda: {"code": "trending", "data": {}})
    deal: bool = True


class WeeklyDeal:
    """A third-party plugin: a shelf of configured products with its own card."""

    name = "weekly_deal"

    def __init__(self):
        self.skus: list[str] = []
        self.configured = False

    @hookimpl
    def kiosk_configure(self, kiosk):
        self.skus = list(kiosk.config.plugin_settings("weekly_deal").get("skus", []))
        self.configured = True

    @hookimpl
    def kiosk_register_shelves(self, kiosk):
        return [ShelfSpec("weekly_deal", "Weekly deal", order=1, items=self.items)]

    def items(self, kiosk, customer_id, session_id):
        rows = kiosk.db.execute(
            f"SELECT sku, name, price FROM products WHERE sku IN "
            f"({','.join('?' * len(self.skus))}) ORDER BY sku", self.skus).fetchall()
        return [DealItem(sku, name, price) for sku, name, price in rows]

    @hookimpl
    def kiosk_render_card(self, kiosk, item, parent):
        if not getattr(item, "deal", False):
            return None
        card = QLabel(parent)
        card.setObjectName("deal_card")
        card.setText(f"DEAL! {item.name}")
        card.setAccessibleName(item.name)
        return card


class BrokenCards:
    name = "broken_cards"

    @hookimpl
    def kiosk_render_card(self, kiosk, item, parent):
        raise RuntimeError("this plugin's card is broken")


class BrokenShelf:
    name = "broken_shelf"

    @hookimpl
    def kiosk_register_shelves(self, kiosk):
        def items(kiosk, customer_id, session_id):
            raise RuntimeError("no items today")

        return [ShelfSpec("broken", "Broken", order=0, items=items)]


class StoreMap:
    name = "store_map"

    @hookimpl
    def kiosk_register_screens(self, kiosk):
        def factory(kiosk, parent):
            widget = QLabel(parent)
            widget.setObjectName("store_map")
            widget.setText(f"Map of {kiosk.config.store_name}")
            return widget

        def broken(kiosk, parent):
            raise RuntimeError("map tiles missing")

        return [ScreenSpec("store_map", "Store map", factory),
                ScreenSpec("broken_map", "Old map", broken, order=200)]


def deal_skus(db_path) -> list[str]:
    import sqlite3

    db = sqlite3.connect(db_path)
    try:
        return [r[0] for r in db.execute(
            "SELECT p.sku FROM products p JOIN stock s ON s.sku = p.sku "
            "WHERE s.quantity > 0 ORDER BY p.sku LIMIT 2")]
    finally:
        db.close()


def open_window(qtbot, kiosk):
    window = create_window(kiosk, windowed=True, language="en")
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    settle(qtbot, window)
    return window


def test_hook_kiosk_configure(store_db):
    db, _ = store_db
    plugin = WeeklyDeal()
    kiosk = open_kiosk(db, extra=(plugin,), plugins={"weekly_deal": {"skus": ["22423"]}})
    try:
        assert plugin.configured and plugin.skus == ["22423"]
    finally:
        kiosk.close()


def test_hook_kiosk_register_shelves(qtbot, store_db):
    db, shopper = store_db
    skus = deal_skus(db)
    kiosk = open_kiosk(db, extra=(WeeklyDeal(), BrokenShelf()),
                       plugins={"weekly_deal": {"skus": skus}})
    try:
        window = open_window(qtbot, kiosk)
        # the built-in shelves come through the same hook, from plugins/shelves.py
        plugins_of = {spec.key: plugin for plugin, spec in window.session.specs}
        assert plugins_of["restock"] == "shelves" and plugins_of["weekly_deal"] == "weekly_deal"
        wedge_scan(qtbot, window, shopper.code)
        settle(qtbot, window)
        keys = [shelf.key for shelf in window.picks.shelves]
        assert keys[0] == "weekly_deal"             # order=1 puts it first
        assert "broken" not in keys                  # a failing shelf is left out
        assert window.picks.shelves[0].title.text() == "Weekly deal"
        deal_cards = window.picks.shelves[0].grid.cards
        assert sorted(card.sku for card in deal_cards) == sorted(skus)
        assert len(window.picks.cards()) <= 12
        window.unlocked = True
    finally:
        kiosk.close()


def test_hook_kiosk_render_card(qtbot, store_db):
    db, shopper = store_db
    skus = deal_skus(db)
    kiosk = open_kiosk(db, extra=(WeeklyDeal(),), plugins={"weekly_deal": {"skus": skus}})
    try:
        window = open_window(qtbot, kiosk)
        wedge_scan(qtbot, window, shopper.code)
        settle(qtbot, window)
        deal_cards = window.picks.shelves[0].grid.cards
        assert all(card.plugin_body for card in deal_cards)
        labels = [card.findChild(QLabel, "deal_card") for card in deal_cards]
        assert all(lbl is not None and lbl.text().startswith("DEAL! ") for lbl in labels)
        # the plugin's card still has the standard actions, and they work
        sku = deal_cards[0].sku
        deal_cards[0].not_for_me_button.click()
        assert sku not in {c.sku for c in window.picks.cards()}
        # other items keep the standard card
        others = [c for c in window.picks.cards() if c.sku not in skus]
        assert others and not any(c.plugin_body for c in others)
        window.unlocked = True
    finally:
        kiosk.close()


def test_failing_plugin_card_falls_back_to_the_standard_card(qtbot, store_db):
    db, shopper = store_db
    kiosk = open_kiosk(db, extra=(BrokenCards(),))
    try:
        window = open_window(qtbot, kiosk)
        wedge_scan(qtbot, window, shopper.code)
        settle(qtbot, window)
        cards = window.picks.cards()
        assert 6 <= len(cards) <= 12
        for card in cards:
            assert not card.plugin_body
            assert card.name_label.text() == display_name(card.pick.name)
        assert not any("broken" in t for t in widget_texts(window))
        window.unlocked = True
    finally:
        kiosk.close()


def test_hook_kiosk_register_screens(qtbot, store_db):
    db, shopper = store_db
    kiosk = open_kiosk(db, extra=(StoreMap(),))
    try:
        window = open_window(qtbot, kiosk)
        wedge_scan(qtbot, window, shopper.code)
        settle(qtbot, window)
        buttons = dict(
            (spec.key, b) for spec, b in window.picks.plugin_buttons)
        assert buttons["store_map"].text() == "Store map"
        buttons["store_map"].click()
        assert window.current() == "plugin"
        shown = window.plugin_host.findChild(QLabel, "store_map")
        assert shown is not None and shown.text() == "Map of Harbour Street Gifts"
        window.plugin_host.back_button.click()
        assert window.current() == "picks"
        buttons["broken_map"].click()                # a failing screen: a friendly note
        assert window.current() == "plugin"
        assert "not available" in window.plugin_host.content.text()
        window.unlocked = True
    finally:
        kiosk.close()
