"""The kiosk keeps its promises (issue 13, "Trust"), through the real window offscreen on
a real demo store: consent and pause apply at once, the erasure's confirmation is read,
nothing personal behind the idle warning, Join says what the shopper chose, and the
next shopper starts with the store's language."""

from __future__ import annotations

import itertools
import time

import pytest
from test_ui_support import open_window, settle, wedge_scan, widget_texts

from kiosk.ui.presenters import join as join_presenter

pytest_plugins = ["test_ui_support"]

#: reasons that come from the shopper's own purchases or stated likes
PERSONAL_REASONS = {"buy_again", "goes_with", "similar_shoppers", "content_match",
                    "staff_pick", "more_like_this"}


@pytest.fixture
def kiosk(demo_kiosk):
    return demo_kiosk


@pytest.fixture
def shopper(store_db):
    return store_db[1]


make_window = open_window


@pytest.fixture
def window(kiosk_window):
    return kiosk_window


def scan_in(qtbot, window, code):
    wedge_scan(qtbot, window, code)
    settle(qtbot, window)


def reasons_on_screen(window) -> set[str]:
    return {card.pick.reason.code for card in window.picks.cards()}


def open_my_data(qtbot, window):
    window.picks.my_data_button.click()
    settle(qtbot, window)
    assert window.current() == "my_data"
    return window.my_data_screen


# -- 1. pause and consent apply at once ---------------------------------------------


def test_pause_changes_the_picks_at_once_and_says_so(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    assert reasons_on_screen(window) & PERSONAL_REASONS     # Anna's own picks
    screen = open_my_data(qtbot, window)
    screen.pause_box.click()
    settle(qtbot, window)
    screen.back_button.click()                       # straight back: no new scan
    assert window.current() == "picks"
    reasons = reasons_on_screen(window)
    assert reasons and not reasons & PERSONAL_REASONS, reasons
    assert window.picks.note.isVisible()
    assert "paused" in window.picks.note.text()
    assert window.picks.greeting.text() == "Hi Anna"
    open_my_data(qtbot, window).pause_box.click()    # on again: her picks are back, now
    settle(qtbot, window)
    window.my_data_screen.back_button.click()
    assert reasons_on_screen(window) & PERSONAL_REASONS
    assert not window.picks.note.isVisible()


def test_withdrawing_use_what_i_buy_changes_the_picks_at_once(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    assert reasons_on_screen(window) & PERSONAL_REASONS
    screen = open_my_data(qtbot, window)
    assert screen.consent_boxes["personalisation"].isChecked()
    screen.consent_boxes["personalisation"].click()
    settle(qtbot, window)
    screen.back_button.click()
    reasons = reasons_on_screen(window)
    assert reasons and not reasons & PERSONAL_REASONS, reasons
    assert window.picks.note.text() == (
        "We don't use what you buy, as you asked, so these are this store's picks for "
        "everyone. You can change this in My data.")
    open_my_data(qtbot, window).consent_boxes["personalisation"].click()
    settle(qtbot, window)
    window.my_data_screen.back_button.click()
    assert reasons_on_screen(window) & PERSONAL_REASONS
    assert not window.picks.note.isVisible()


# -- 2. the erasure's confirmation is read ------------------------------------------


def erase(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    screen = open_my_data(qtbot, window)
    screen.erase_button.click()
    screen.confirm_yes.click()
    settle(qtbot, window)


def test_erasure_confirmation_stays_readable_then_the_kiosk_starts_over(
        qtbot, window, shopper):
    erase(qtbot, window, shopper)
    assert window.current() == "farewell"
    title = window.farewell.title
    assert title.isVisible() and title.text() == "Done. We have erased everything about you."
    assert window.farewell.ok_button.isVisible()
    # nothing of the shopper is left meanwhile, in memory or on screen
    assert window.session.customer_id is None and window.session.card_code is None
    assert window.my_data.data == {}
    assert not any("Anna" in text for text in widget_texts(window))
    assert not window.idle.armed      # nothing to time out: the session is over
    started = time.monotonic()
    qtbot.wait(1500)
    assert window.current() == "farewell"   # still there to be read
    qtbot.waitUntil(lambda: window.current() == "attract", timeout=10_000)
    assert time.monotonic() - started >= 4.0   # shown for several seconds (6 s)


def test_ok_ends_the_erasure_confirmation_sooner(qtbot, window, shopper):
    erase(qtbot, window, shopper)
    assert window.current() == "farewell"
    window.farewell.ok_button.click()
    assert window.current() == "attract"


# -- 3. nothing personal behind the idle warning -------------------------------------


def test_idle_warning_hides_every_personal_thing(qtbot, kiosk, shopper):
    window = make_window(qtbot, kiosk, idle_seconds=1, warning_seconds=30)
    scan_in(qtbot, window, shopper.code)
    greeting = window.picks.greeting
    assert greeting.isVisible() and greeting.text() == "Hi Anna"
    with qtbot.waitSignal(window.idle.warning, timeout=5000):
        pass
    qtbot.wait(20)
    assert window.idle_overlay.isVisible()
    # hidden, so not painted: not the name, nor a card's reason, nor My data
    assert not window.stack.isVisible()
    assert not greeting.isVisible() and greeting.visibleRegion().isEmpty()
    for card in window.picks.cards():
        assert not card.why_label.isVisible()
    assert not window.my_data_screen.known.isVisible()
    window.idle_overlay.stay_button.click()
    assert window.stack.isVisible() and greeting.isVisible()
    assert window.current() == "picks" and greeting.text() == "Hi Anna"
    window.idle_overlay.show_countdown(30)    # however it is shown (kiosk.ui.screenshots)
    assert not window.stack.isVisible()
    window.idle_overlay.hide()
    assert window.stack.isVisible()
    window.unlocked = True


def test_idle_reset_shows_the_screens_again(qtbot, kiosk, shopper):
    window = make_window(qtbot, kiosk, idle_seconds=1, warning_seconds=1)
    scan_in(qtbot, window, shopper.code)
    with qtbot.waitSignal(window.idle.timed_out, timeout=8000):
        pass
    settle(qtbot, window)
    assert window.current() == "attract"
    assert window.stack.isVisible() and window.attract.isVisible()
    assert not window.idle_overlay.isVisible()
    window.unlocked = True


# -- 4. Join says what the shopper chose ----------------------------------------------

BASE = "• A code to scan next time, and a list of what you like that you can take home."
PERSONAL = "• Picks chosen for you from what you buy."
NOT_PERSONAL = "• We won't use what you buy: you see this store's picks for everyone."
STAFF = "• Our staff can see your picks to help you in the shop."
OFFERS = "• Offers from our head office."

COMBINATIONS = list(itertools.product([False, True], repeat=3))


def combination_id(combination: tuple[bool, bool, bool]) -> str:
    names = [n for n, on in zip(("personal", "staff", "offers"), combination, strict=True) if on]
    return "+".join(names) or "none"


@pytest.mark.parametrize("combination", COMBINATIONS, ids=map(combination_id, COMBINATIONS))
def test_join_says_what_each_choice_gives(qtbot, window, combination):
    personal, staff, offers = combination
    window.attract.join_button.click()
    assert window.current() == "join"
    screen = window.join_screen
    assert "personal picks" not in screen.intro.text()
    for purpose, on in zip(("personalisation", "staff_profile", "hq_offers"), combination,
                           strict=True):
        if screen.boxes[purpose].isChecked() != on:
            screen.boxes[purpose].click()
    expected = [BASE, PERSONAL if personal else NOT_PERSONAL]
    expected += [STAFF] if staff else []
    expected += [OFFERS] if offers else []
    assert screen.promise.text().splitlines() == expected
    assert screen.promise.isVisible()
    screen.submit_button.click()
    settle(qtbot, window)
    assert screen.result.isVisible()
    done = screen.done_promise.text().splitlines()
    assert done == ["What you get:", *expected]
    # no "choose below" once there is nothing left to choose
    assert screen.title.text() == "Welcome! Here is your code"
    assert not screen.intro.isVisible()
    if not personal:
        assert not any("personal picks" in t.lower() for t in widget_texts(screen))


def test_join_without_consent_gets_honest_picks(qtbot, window):
    window.attract.join_button.click()
    screen = window.join_screen
    screen.first_name.setText("Zoe")
    screen.submit_button.click()          # no box ticked
    settle(qtbot, window)
    screen.start_button.click()
    settle(qtbot, window)
    assert window.current() == "picks"
    assert window.picks.greeting.text() == "Hi Zoe"
    assert not reasons_on_screen(window) & PERSONAL_REASONS
    assert "We don't use what you buy" in window.picks.note.text()


def test_what_you_get_never_promises_personal_picks_without_consent():
    for combination in COMBINATIONS:
        consents = dict(zip(("personalisation", "staff_profile", "hq_offers"), combination,
                            strict=True))
        text = join_presenter.what_you_get(consents)
        assert ("Picks chosen for you" in text) == consents["personalisation"]


# -- 5. the next shopper starts with the store's language -----------------------------


def test_language_goes_back_to_the_store_default_after_im_done(qtbot, window, shopper):
    window.attract.language_buttons["fr"].click()
    scan_in(qtbot, window, shopper.code)
    assert window.picks.done_button.text() == "J’ai fini"
    window.picks.done_button.click()
    settle(qtbot, window)
    assert window.current() == "attract"
    assert window.translations.language == "en"
    assert window.attract.language_buttons["en"].isChecked()
    assert not window.attract.language_buttons["fr"].isChecked()
    assert window.attract.headline.text() == "Scan your loyalty code"


def test_language_goes_back_to_the_store_default_after_idle(qtbot, kiosk, shopper):
    window = make_window(qtbot, kiosk, idle_seconds=1, warning_seconds=1)
    window.attract.language_buttons["fr"].click()
    scan_in(qtbot, window, shopper.code)
    assert window.translations.language == "fr"
    with qtbot.waitSignal(window.idle.timed_out, timeout=8000):
        pass
    settle(qtbot, window)
    assert window.current() == "attract"
    assert window.translations.language == "en"
    assert window.attract.headline.text() == "Scan your loyalty code"
    window.unlocked = True
