"""The kiosk's answer to a card it does not hold while head office is out of reach.

The store's picks, with "We can't reach your profile right now", never an
offer to join (the shopper has a card); in English and in French.
"""

from __future__ import annotations

import secrets

import pytest
from pgserver import free_port
from test_ui_support import open_kiosk, settle, wedge_scan

from kiosk.identity import token
from kiosk.ui.app import create_window

pytest_plugins = ["test_ui_support"]


def another_devices_card() -> str:
    """A well-formed, signed long code of a key this kiosk does not have."""
    return token.make_long(secrets.token_bytes(32), 1, token.new_card_id())


@pytest.fixture
def offline_kiosk(store_db):
    db, _ = store_db
    # head office configured, but nothing listens on its port
    instance = open_kiosk(db, hq_url=f"http://127.0.0.1:{free_port()}", hq_token="t" * 43)
    yield instance
    instance.close()


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "We can't reach your profile right now. Here are this store's picks."),
    ("fr", "Nous ne pouvons pas accéder à votre profil pour le moment. Voici les "
           "suggestions du magasin."),
])
def test_a_card_unknown_here_while_head_office_is_unreachable_shows_the_stores_picks(
        qtbot, offline_kiosk, language, expected):
    window = create_window(offline_kiosk, windowed=True, language=language)
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    try:
        wedge_scan(qtbot, window, another_devices_card())
        settle(qtbot, window)
        qtbot.waitUntil(lambda: window.current() == "picks", timeout=10000)
        assert window.banner.isVisible() and window.banner.text() == expected
        assert window.session.guest and window.session.customer_id is None
        assert window.picks.cards(), "the store's picks are shown"
        assert window.attract.message.text() == ""  # no "join to get your own"
        assert window.current() != "join"
        rows = offline_kiosk.db.execute(
            "SELECT payload FROM outbox WHERE kind = 'scan_failed'").fetchall()
        assert len(rows) == 1 and '"unreachable"' in rows[0][0]
    finally:
        window.unlocked = True
        window.worker.wait()
