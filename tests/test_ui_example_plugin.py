"""The example third-party plugin (examples/kiosk-example-plugin) in the real kiosk UI."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_ui_support import open_kiosk, settle, widget_texts

from kiosk.ui.app import create_window

pytest_plugins = ["test_ui_support"]

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kiosk-example-plugin"


@pytest.fixture
def example_plugin(monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLE))
    import kiosk_example_plugin

    yield kiosk_example_plugin
    for name in [m for m in sys.modules if m.startswith("kiosk_example_plugin")]:
        del sys.modules[name]


def test_example_plugin_adds_its_shelf_with_its_own_cards(qtbot, store_db, example_plugin):
    db, _ = store_db
    kiosk = open_kiosk(db, extra=(example_plugin,))
    try:
        ideas = example_plugin.gift_ideas(kiosk)
        assert ideas and all(0 < idea.price <= 5.0 and idea.stock_quantity > 0
                             for idea in ideas)
        window = create_window(kiosk, windowed=True, language="en")
        qtbot.addWidget(window)
        window.resize(1280, 900)
        window.show()
        settle(qtbot, window)
        window.session.browse_as_guest()
        settle(qtbot, window)
        assert "Gifts under £5" in widget_texts(window)
        from kiosk_example_plugin.card import GiftTagCard

        tags = window.findChildren(GiftTagCard)
        # the screen shares at most 12 picks out between shelves: some of the ideas show
        assert tags
        assert {tag.accessibleName() for tag in tags} <= {
            f"Gift idea: {idea.name}" for idea in ideas}
        # what was shown counts for the frequency cap, the plugin's items included
        shown = {row[0] for row in kiosk.db.execute(
            "SELECT sku FROM impressions WHERE recommender = 'plugin'")}
        assert shown and shown <= {idea.sku for idea in ideas}
        window.unlocked = True
    finally:
        kiosk.close()
