"""The shopper's flows, driven through the real window offscreen on a real store."""

from __future__ import annotations

import io
import json
import logging

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from test_ui_support import open_kiosk, settle, wedge_scan, widget_texts

from kiosk.ui.app import create_window
from kiosk.ui.texts import display_name

pytest_plugins = ["test_ui_support"]

ALLOWED_SHELVES = {"restock", "goes_with", "new_for_you", "staff_pick", "popular", "seasonal",
                   "more_like_this"}


@pytest.fixture
def kiosk(store_db):
    db, _ = store_db
    instance = open_kiosk(db)
    yield instance
    instance.close()


@pytest.fixture
def shopper(store_db):
    return store_db[1]


def make_window(qtbot, kiosk, **options):
    window = create_window(kiosk, windowed=True, language="en", **options)
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


@pytest.fixture
def window(qtbot, kiosk):
    window = make_window(qtbot, kiosk)
    yield window
    window.unlocked = True
    window.worker.wait()


def scan_in(qtbot, window, code):
    wedge_scan(qtbot, window, code)
    settle(qtbot, window)


def decode_qr(pixmap) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.toImage().save(buffer, "PNG")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert found, "no QR code found in the image"
    return found[0].text


def test_scan_shows_picks(qtbot, window, shopper):
    assert window.current() == "attract"
    scan_in(qtbot, window, shopper.code)
    assert window.current() == "picks"
    assert window.picks.greeting.text() == "Hi Anna"
    cards = window.picks.cards()
    assert 6 <= len(cards) <= 12
    assert {shelf.key for shelf in window.picks.shelves} <= ALLOWED_SHELVES
    assert len({card.sku for card in cards}) == len(cards)
    for card in cards:
        assert card.name_label.text()
        assert card.why_label.text().startswith("Why this? ")
        assert card.stock_label.text().startswith(("In stock", "Not in this store"))


def test_short_code_typed_on_a_keyboard_at_human_speed_works_too(qtbot, window, shopper):
    """No click needed first: the attract screen gives the keypad the focus."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.activateWindow()
    qtbot.waitUntil(lambda: window.focusWidget() is window.attract.keypad)
    QTest.keyClicks(window.focusWidget(), shopper.short_code.replace("-", ""), delay=80)
    # the scanner filter gives a person's last key back after a moment
    qtbot.waitUntil(lambda: window.attract.keypad.display.text() == shopper.short_code,
                    timeout=2000)
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_Return, delay=80)
    settle(qtbot, window)
    assert window.current() == "picks"
    assert window.picks.greeting.text() == "Hi Anna"


def test_not_for_me_is_gone_at_once_and_for_good(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    card = window.picks.cards()[0]
    sku = card.sku
    card.not_for_me_button.click()
    assert sku not in {c.sku for c in window.picks.cards()}   # at once, before any work ran
    settle(qtbot, window)
    window.picks.done_button.click()
    settle(qtbot, window)
    assert window.current() == "attract"
    scan_in(qtbot, window, shopper.code)
    assert window.current() == "picks"
    assert window.picks.cards()
    assert sku not in {c.sku for c in window.picks.cards()}


def saves(window) -> int:
    return window.kiosk.db.execute(
        "SELECT count(*) FROM feedback WHERE kind = 'save'").fetchone()[0]


def test_saved_list_goes_home_as_a_qr_code(qtbot, window, shopper):
    before = saves(window)  # the demo store has a demo client's saved item
    scan_in(qtbot, window, shopper.code)
    cards = window.picks.cards()[:3]
    for card in cards:
        card.save_button.click()
    assert all(not card.save_button.isEnabled() for card in cards)
    assert window.picks.saved_button.text() == "My list (3)"
    window.picks.saved_button.click()
    assert window.current() == "saved"
    assert window.saved.model.rowCount() == 3
    text = decode_qr(window.saved.qr.pixmap())
    assert text == window.session.saved_list_text()
    lines = text.splitlines()
    assert lines[0] == "My list from Harbour Street Gifts"
    assert [line.split(" £")[0] for line in lines[1:]] == [
        f"- {display_name(c.pick.name)}" for c in cards]
    settle(qtbot, window)
    assert saves(window) == before + 3


def test_saved_list_model(qtmodeltester, window, shopper, qtbot):
    scan_in(qtbot, window, shopper.code)
    for card in window.picks.cards()[:2]:
        card.save_button.click()
    qtmodeltester.check(window.saved.model)


def test_idle_warns_can_extend_then_resets_and_forgets(qtbot, kiosk, shopper, caplog):
    caplog.set_level(logging.DEBUG)
    window = make_window(qtbot, kiosk, idle_seconds=1, warning_seconds=2)
    scan_in(qtbot, window, shopper.code)
    window.picks.cards()[0].save_button.click()
    assert "Hi Anna" in widget_texts(window)
    shown = {card.name_label.text() for card in window.picks.cards()}
    with qtbot.waitSignal(window.idle.warning, timeout=5000):
        pass
    assert window.idle_overlay.isVisible()
    window.idle_overlay.stay_button.click()          # WCAG 2.2.1: a chance to extend
    assert not window.idle_overlay.isVisible()
    assert window.current() == "picks"
    with qtbot.waitSignal(window.idle.timed_out, timeout=8000):
        pass
    settle(qtbot, window)
    assert window.current() == "attract"
    assert window.session.customer_id is None and window.session.saved == []
    assert not window.session.picks.shelves
    texts = widget_texts(window)
    assert not any("Anna" in text for text in texts), [t for t in texts if "Anna" in t]
    # nor what was suggested to her (it tells of her purchases), even in reused cards
    assert not shown & set(widget_texts(window.picks))
    assert window.saved.model.rowCount() == 0
    assert window.saved.qr.pixmap().isNull()
    ended = kiosk.db.execute("SELECT payload FROM outbox WHERE kind = 'session_ended'").fetchall()
    assert any('"idle"' in row[0] for row in ended)
    # nothing personal in the log of a whole session
    assert "Anna" not in caplog.text and shopper.customer_id not in caplog.text
    assert shopper.code not in caplog.text
    window.unlocked = True


def test_guest_gets_store_picks_and_no_profile(qtbot, window):
    window.attract.browse_button.click()
    settle(qtbot, window)
    assert window.current() == "picks"
    assert window.picks.greeting.text() == "Welcome! Have a look around"
    assert not window.picks.my_data_button.isVisible()
    cards = window.picks.cards()
    assert 1 <= len(cards) <= 12
    assert {s.key for s in window.picks.shelves} <= {"popular", "seasonal"}
    cards[0].save_button.click()
    assert window.session.saved
    rows = window.kiosk.db.execute(
        "SELECT count(*) FROM impressions WHERE customer_id IS NOT NULL").fetchone()[0]
    assert rows == 0


def test_erase_me(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    window.picks.my_data_button.click()
    settle(qtbot, window)
    assert window.current() == "my_data"
    assert "Your first name: Anna" in window.my_data_screen.known.text()
    window.my_data_screen.erase_button.click()
    assert window.my_data_screen.confirm.isVisible()
    window.my_data_screen.confirm_no.click()          # changed their mind
    assert not window.my_data_screen.confirm.isVisible()
    window.my_data_screen.erase_button.click()
    window.my_data_screen.confirm_yes.click()
    settle(qtbot, window)
    assert window.current() == "farewell"     # the confirmation is read (tests/test_ui_trust)
    window.farewell.ok_button.click()
    assert window.current() == "attract"
    db = window.kiosk.db
    assert db.execute("SELECT count(*) FROM customers WHERE id = ?",
                      [shopper.customer_id]).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM outbox WHERE kind = 'erasure_requested'"
                      ).fetchone()[0] == 1
    assert not any("Anna" in text for text in widget_texts(window))
    scan_in(qtbot, window, shopper.code)            # the card no longer opens anything
    assert window.current() == "attract"
    assert window.attract.message.isVisible() and window.attract.message.text()


def test_preferences_and_consents_edit(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    window.picks.my_data_button.click()
    settle(qtbot, window)
    screen = window.my_data_screen
    screen.theme_buttons["garden"].click()
    screen.colour_buttons["blue"].click()
    screen.budget.setCurrentIndex(2)
    screen.pause_box.click()
    settle(qtbot, window)
    known = window.kiosk.privacy.what_we_know(shopper.customer_id)
    prefs = {(p["key"], p["value"]) for p in known["preferences"]}
    assert {("theme", "garden"), ("colour", "blue"), ("budget", "10")} <= prefs
    assert known["personalisation_paused"] is True
    assert screen.theme_buttons["garden"].isChecked()
    screen.consent_boxes["hq_offers"].click()
    settle(qtbot, window)
    assert window.kiosk.privacy.consented(shopper.customer_id, "hq_offers")


def test_language_switch_retranslates_live(qtbot, window, shopper):
    attract = window.attract
    assert attract.headline.text() == "Scan your loyalty code"
    attract.language_buttons["fr"].click()
    qtbot.waitUntil(lambda: attract.headline.text() == "Scannez votre code de fidélité")
    assert attract.browse_button.text() == "Je regarde seulement"
    assert attract.browse_button.accessibleName() == "Je regarde seulement"
    scan_in(qtbot, window, shopper.code)
    assert window.picks.greeting.text() == "Bonjour Anna"
    card = window.picks.cards()[0]
    assert card.not_for_me_button.text() == "Pas pour moi"
    assert card.why_label.text().startswith("Pourquoi ? ")
    window.picks.done_button.click()
    settle(qtbot, window)
    window.attract.language_buttons["en"].click()
    qtbot.waitUntil(lambda: attract.headline.text() == "Scan your loyalty code")
    assert attract.language_buttons["en"].isChecked()


def test_bad_code_gets_a_friendly_message(qtbot, window):
    scan_in(qtbot, window, "HELLO-NOT-A-CODE")
    assert window.current() == "attract"
    message = window.attract.message.text()
    assert message and "Traceback" not in message
    row = window.kiosk.db.execute("SELECT count(*) FROM outbox WHERE kind = 'scan_failed'")
    assert row.fetchone()[0] == 1


def test_help_request_is_an_event(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    window.picks.help_button.click()
    window.help.ask_button.click()
    settle(qtbot, window)
    # no head office here: the kiosk must not promise anyone (it said "on their way")
    assert "ask at the till" in window.help.text.text()
    rows = window.kiosk.db.execute(
        "SELECT customer_id FROM outbox WHERE kind = 'help_requested'").fetchall()
    assert rows == [(shopper.customer_id,)]


def test_join_shows_a_working_code(qtbot, window):
    window.attract.join_button.click()
    screen = window.join_screen
    screen.first_name.setText("Zoé")
    screen.boxes["personalisation"].click()
    screen.submit_button.click()
    settle(qtbot, window)
    assert screen.result.isVisible()
    code = decode_qr(screen.qr.pixmap())
    assert screen.code_label.text()
    assert window.kiosk.identity.identify(code).status == "ok"
    screen.start_button.click()
    settle(qtbot, window)
    assert window.current() == "picks"
    assert window.picks.greeting.text() == "Hi Zoé"
    assert window.picks.cards()         # a new shopper still gets the store's picks


def test_consent_asked_before_anything_personal(qtbot, window, kiosk):
    db = kiosk.db
    customer_id = db.execute(
        "SELECT c.id FROM customers c WHERE NOT EXISTS "
        "(SELECT 1 FROM consents k WHERE k.customer_id = c.id) LIMIT 1").fetchone()[0]
    code = kiosk.identity.issue_card(customer_id).code
    scan_in(qtbot, window, code)
    assert window.current() == "join" and window.join_screen.mode == "consent"
    assert not window.join_screen.first_name.isVisible()
    window.join_screen.boxes["personalisation"].click()
    window.join_screen.submit_button.click()
    settle(qtbot, window)
    assert window.current() == "picks"
    assert kiosk.privacy.consented(customer_id, "personalisation")


def test_unexpected_error_is_friendly(qtbot, window, monkeypatch, caplog):
    import sys

    from PySide6.QtWidgets import QPushButton

    from kiosk.ui.app import install_excepthook

    def broken_slot():
        detail = "boom with " + "secret detail"   # stands for data in an error message
        raise RuntimeError(detail)

    old = sys.excepthook
    install_excepthook(window)
    try:
        trigger = QPushButton(window)
        trigger.clicked.connect(broken_slot)
        trigger.click()                              # an error inside a Qt slot
    finally:
        sys.excepthook = old
    assert window.banner.isVisible()
    assert "went wrong" in window.banner.text()
    assert "RuntimeError" in caplog.text and "secret detail" not in caplog.text
    assert not any("boom" in t or "Traceback" in t for t in widget_texts(window))


def test_no_models_yet_falls_back_to_friendly_state(qtbot, store_db, tmp_path):
    """A brand-new store: nothing trained, no purchases; the kiosk still opens and says so."""
    from kiosk.config import Config

    empty = open_kiosk(tmp_path / "empty.db")
    assert isinstance(empty.config, Config)
    try:
        window = make_window(qtbot, empty)
        window.attract.browse_button.click()
        settle(qtbot, window)
        assert window.current() == "picks"
        assert window.picks.status.text()          # a friendly note, not a blank screen
        assert not window.picks.cards()
        window.unlocked = True
    finally:
        empty.close()


def test_kiosk_mode_needs_a_staff_pin_to_leave(qtbot, kiosk):
    from kiosk.staff import StaffAccounts

    StaffAccounts(kiosk.db).add("Sam", "4821")
    window = create_window(kiosk, windowed=False, language="en")
    qtbot.addWidget(window)
    window.show()
    assert not window.close()                 # refused: kiosk mode
    assert window.isVisible()
    window.attract.staff_button.click()
    assert window.current() == "pin"
    for digit in "1111":
        window.pin.pin.insert(digit)
    window.pin.ok_button.click()
    settle(qtbot, window)
    assert window.pin.message.text() == "Wrong PIN."
    assert window.isVisible()
    window.pin.pin.setText("4821")
    with qtbot.waitSignal(window.gate.unlocked, timeout=5000):
        window.pin.ok_button.click()
    assert not window.isVisible()


@pytest.mark.parametrize(("size", "columns"), [((768, 1024), 2), ((1920, 1080), 3),
                                               ((1024, 768), 2)])
def test_layout_fits_portrait_and_landscape(qtbot, window, shopper, size, columns):
    from PySide6.QtWidgets import QAbstractButton

    window.resize(*size)
    scan_in(qtbot, window, shopper.code)
    qtbot.wait(20)
    grid = window.picks.shelves[0].grid
    assert grid.columns == min(columns, max(len(grid.cards), 1)) or grid.columns == columns
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.height() >= 44 and button.width() >= 44, button.objectName()
            assert button.accessibleName(), button.objectName()


def test_more_like_this_shows_similar_items_apart(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    before = [card.sku for card in window.picks.cards()]
    anchor = window.picks.cards()[0]
    anchor_sku = anchor.sku
    anchor.more_button.click()
    settle(qtbot, window)
    assert [card.sku for card in window.picks.cards()] == before   # the shelves as they were
    panel = window.picks.similar_panel
    if not panel.isVisible():
        assert "nothing quite like it" in window.banner.text()
        return
    assert panel.title.text() == f"More like {display_name(anchor.pick.name)}"
    new = [card.sku for card in panel.grid.cards]
    assert new and not set(new) & set(before)
    rows = window.kiosk.db.execute(
        "SELECT count(*) FROM feedback WHERE kind = 'more_like_this' AND sku = ?",
        [anchor_sku]).fetchone()[0]
    assert rows == 1


def test_without_staff_accounts_kiosk_mode_can_be_left(qtbot, kiosk):
    """A store with no staff account: the Staff button must not trap the operator."""
    from kiosk.staff import StaffAccounts

    accounts = StaffAccounts(kiosk.db)
    for name in accounts.names():  # the demo store comes with a demo account
        accounts.remove(name)
    window = create_window(kiosk, windowed=False, language="en")
    qtbot.addWidget(window)
    window.show()
    assert not window.close()
    window.attract.staff_button.click()
    window.pin.pin.setText("0000")
    with qtbot.waitSignal(window.gate.unlocked, timeout=5000):
        window.pin.ok_button.click()
    assert not window.isVisible()


def test_failing_personal_picks_fall_back_to_the_store_picks(qtbot, window, shopper,
                                                              monkeypatch):
    """Fault injection: the personal recommendations raise; the shopper still gets picks."""
    service = window.kiosk.recommendations
    real = service.shelves

    def broken(customer_id, **options):
        if customer_id is not None:
            raise RuntimeError("a recommender plugin crashed")
        return real(customer_id, **options)

    monkeypatch.setattr(service, "shelves", broken)
    scan_in(qtbot, window, shopper.code)
    assert window.current() == "picks"
    assert window.picks.greeting.text() == "Hi Anna"
    assert window.session.picks.fallback
    assert window.picks.cards()
    assert {s.key for s in window.picks.shelves} <= {"popular", "seasonal"}
    assert "not ready yet" in window.banner.text()
    assert not any("crashed" in t or "Traceback" in t for t in widget_texts(window))


def test_every_edit_in_a_session_carries_the_scanned_card_as_proof(qtbot, store_db):
    """Head office takes a shopper's edit into their chain-wide record only with proof that
    they were at the kiosk: the card scanned for the session, sealed with each edit (and
    forgotten with the session)."""
    from kiosk.sync import sealing

    db, shopper = store_db
    _, public = sealing.generate_keypair()
    kiosk = open_kiosk(db, hq_public_key=public)
    try:
        window = make_window(qtbot, kiosk)
        (before,) = kiosk.db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()
        scan_in(qtbot, window, shopper.code)
        window.picks.my_data_button.click()
        settle(qtbot, window)
        screen = window.my_data_screen
        screen.colour_buttons["blue"].click()
        screen.pause_box.click()
        settle(qtbot, window)
        edits = [json.loads(p) for (p,) in kiosk.db.execute(
            "SELECT payload FROM outbox WHERE kind = 'profile_edit' AND customer_id = ? "
            "AND seq > ?", [shopper.customer_id, before]).fetchall()]
        assert {f for e in edits for f in e["fields"]} >= {"pref:colour:blue", "paused"}
        assert all(e.get("proof") for e in edits), [sorted(e) for e in edits]
        window.picks.done_button.click()
        settle(qtbot, window)
        assert kiosk.privacy.presence_proof(shopper.customer_id) is None
        window.unlocked = True
        window.worker.wait()
    finally:
        kiosk.close()


def test_my_data_shows_staff_notes_and_who_looked_at_the_profile(qtbot, window, shopper):
    """Transparency: the shopper sees staff notes about them and every time staff looked at
    their profile (name, store, date), as head office's record brought them here."""
    kiosk = window.kiosk
    scan_in(qtbot, window, shopper.code)
    window.picks.my_data_button.click()
    settle(qtbot, window)
    assert "No member of staff has looked at your profile." in "\n".join(widget_texts(
        window.my_data_screen))
    with kiosk.transaction():  # as the sync applies head office's record
        kiosk.privacy.profile.apply_record(shopper.customer_id, {
            "fields": {"note:n1": {"value": {"text": "Likes blue glass", "author": "Sam"},
                                   "hlc": "0190f1a2b3c4-0000-tablet-1", "base": "",
                                   "restricted_at": ""}},
            "staff_views": [
                {"staff": "Sam", "store": "store-1", "at": "2026-12-01T10:00:00+00:00"},
                {"staff": "Ana", "store": "store-2", "at": "2026-12-02T16:30:00+00:00"}]})
    window.my_data_screen.presenter.load()
    settle(qtbot, window)
    texts = "\n".join(widget_texts(window.my_data_screen))
    assert "A note from our staff (Sam): Likes blue glass" in texts
    assert ("Staff looked at your profile 2 time(s), lately: Ana (store-2, 2 December 2026); "
            "Sam (store-1, 1 December 2026)") in texts
