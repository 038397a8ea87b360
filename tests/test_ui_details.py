"""The details that read as unfinished (issue 13), through the real window offscreen on a
real demo store: data values translated and formatted, Undo for "Not for me", "More like
this" without reflow, the same shelf columns in portrait and landscape, My list rows with
their own Remove button, and headers whose buttons stay on one row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from test_ui_support import settle, wedge_scan, widget_texts
from test_ui_touch import touch_tap

from kiosk.recommend import Reason
from kiosk.ui import texts
from kiosk.ui.screens.mydata import describe
from kiosk.ui.texts import stock_line, why_this

pytest_plugins = ["test_ui_support"]

SIZES = [(768, 1024), (1080, 1920), (1920, 1080)]


@pytest.fixture
def shopper(store_db):
    return store_db[1]


@pytest.fixture
def window(kiosk_window):
    return kiosk_window


def scan_in(qtbot, window, code):
    wedge_scan(qtbot, window, code)
    settle(qtbot, window)


# -- data values in the kiosk's language ---------------------------------------------

VALUES = [
    ("en", Reason("seasonal", {"season": "christmas"}), "In season: Christmas."),
    ("fr", Reason("seasonal", {"season": "christmas"}), "De saison : Noël."),
    ("fr", Reason("seasonal", {"season": "summer"}), "De saison : l’été."),
    ("en", Reason("content_match", {"colour": "red"}), "In red, a colour you like."),
    ("fr", Reason("content_match", {"colour": "red"}), "En rouge, une couleur que vous aimez."),
    ("fr", Reason("content_match", {"colour": "multicolour"}),
     "En multicolore, une couleur que vous aimez."),
    ("fr", Reason("content_match", {"theme": "garden"}), "Vous aimez le thème : jardin."),
]


@pytest.mark.parametrize(("language", "reason", "expected"), VALUES,
                         ids=[f"{v[0]}-{v[1].code}-{i}" for i, v in enumerate(VALUES)])
def test_reason_values_are_translated(window, language, reason, expected):
    window.set_language(language)
    assert why_this(reason) == expected


@pytest.mark.parametrize(("language", "location", "expected"), [
    ("en", "Aisle 2, bay 8", "In stock, Aisle 2, bay 8"),
    ("fr", "Aisle 2, bay 8", "En stock, Allée 2, emplacement 8"),
    ("fr", "aisle 12 , bay 3", "En stock, Allée 12, emplacement 3"),
    ("fr", "Back room, shelf B", "En stock, Back room, shelf B"),   # unknown format: as is
], ids=["en", "fr", "fr-spaced", "fr-unknown-format"])
def test_store_locations_are_translated(window, language, location, expected):
    window.set_language(language)
    assert stock_line(5, location) == expected


def test_unknown_location_formats_pass_unchanged(window):
    for text in ("Till 3", "Aisle two, bay 8", "Aisle 2 bay 8", ""):
        assert texts.location_text(text) == text


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["Christmas", "red", "up to £10"]),
    ("fr", ["Noël", "rouge", "jusqu’à 10 £"]),
])
def test_preference_values_are_translated_and_budgets_are_money(window, language, expected):
    window.set_language(language)
    got = [texts.preference_value("theme", "christmas"), texts.preference_value("colour", "red"),
           texts.preference_value("budget", "10")]
    assert [" ".join(g.split()) for g in got] == expected   # QLocale may use a no-break space
    prefs = [{"key": "budget", "value": "10"}, {"key": "colour", "value": "red"},
             {"key": "theme", "value": "christmas"}]
    text = " ".join(describe({"preferences": prefs}).split())
    liked = {"en": "What you told us you like: Christmas, red, up to £10",
             "fr": "Ce que vous nous avez dit aimer : Noël, rouge, jusqu’à 10 £"}[language]
    assert liked in text


def test_my_data_and_cards_show_translated_values_in_french(qtbot, window, shopper):
    window.attract.language_buttons["fr"].click()
    scan_in(qtbot, window, shopper.code)
    stocks = [card.stock_label.text() for card in window.picks.cards()]
    located = [s for s in stocks if s.startswith("En stock, ")]
    assert located, stocks
    assert not any("Aisle" in s or "bay" in s for s in stocks), stocks
    assert all("Allée" in s for s in located), located
    whys = [card.why_label.text() for card in window.picks.cards()]
    assert not any("christmas" in w or "summer" in w for w in whys), whys
    window.picks.my_data_button.click()
    settle(qtbot, window)
    screen = window.my_data_screen
    screen.theme_buttons["christmas"].click()
    screen.colour_buttons["red"].click()
    screen.budget.setCurrentIndex(2)
    settle(qtbot, window)
    assert screen.theme_buttons["christmas"].text() == "Noël"
    assert screen.colour_buttons["red"].text() == "Rouge"
    assert " ".join(screen.budget.itemText(2).split()) == "Jusqu’à 10 £"
    known = " ".join(screen.known.text().split())
    assert "Ce que vous nous avez dit aimer : Noël, rouge, jusqu’à 10 £" in known, known
    assert not any(word in known for word in ("christmas", " red", ": 10"))


# -- Not for me: Undo ----------------------------------------------------------------


def not_for_me_rows(window, sku: str) -> int:
    return window.kiosk.db.execute(
        "SELECT count(*) FROM feedback WHERE kind = 'not_for_me' AND sku = ?",
        [sku]).fetchone()[0]


def outbox_not_for_me(window, sku: str) -> int:
    return window.kiosk.db.execute(
        "SELECT count(*) FROM outbox WHERE kind = 'not_for_me' AND payload LIKE ?",
        [f'%"{sku}"%']).fetchone()[0]


def profile_edits(window, sku: str) -> int:
    return window.kiosk.db.execute(
        "SELECT count(*) FROM outbox WHERE kind = 'profile_edit' AND payload LIKE ?",
        [f"%not_for_me:{sku}%"]).fetchone()[0]


def test_not_for_me_can_be_undone_and_leaves_nothing(qtbot, window, shopper):
    window.session.undo_seconds = 0.6
    scan_in(qtbot, window, shopper.code)
    before = [card.sku for card in window.picks.cards()]
    card = window.picks.cards()[1]
    sku, name = card.sku, card.name_label.text()
    card.not_for_me_button.click()
    assert sku not in {c.sku for c in window.picks.cards()}
    bar = window.picks.undo_bar
    assert bar.isVisible() and bar.text.text() == f"Removed: {name}"
    assert bar.undo_button.height() >= 44
    bar.undo_button.click()
    assert [c.sku for c in window.picks.cards()] == before      # back in its place
    assert not bar.isVisible()
    qtbot.wait(900)            # past the undo time: nothing is recorded
    settle(qtbot, window)
    assert not_for_me_rows(window, sku) == 0 and outbox_not_for_me(window, sku) == 0
    assert profile_edits(window, sku) == 0      # nothing travels to head office either
    window.picks.done_button.click()
    settle(qtbot, window)
    assert not_for_me_rows(window, sku) == 0
    scan_in(qtbot, window, shopper.code)
    assert sku in {c.sku for c in window.picks.cards()}


def test_not_for_me_is_recorded_when_the_undo_time_is_over(qtbot, window, shopper):
    window.session.undo_seconds = 0.4
    scan_in(qtbot, window, shopper.code)
    card = window.picks.cards()[0]
    sku = card.sku
    card.not_for_me_button.click()
    assert not_for_me_rows(window, sku) == 0     # not yet: it can still be undone
    bar = window.picks.undo_bar
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)
    settle(qtbot, window)
    assert not_for_me_rows(window, sku) == 1
    assert outbox_not_for_me(window, sku) == 1
    # the shopper's record keeps it too (kiosk.privacy's profile edit, with consent)
    edits = window.kiosk.db.execute(
        "SELECT count(*) FROM outbox WHERE kind = 'profile_edit' AND payload LIKE ?",
        [f"%not_for_me:{sku}%"]).fetchone()[0]
    assert edits == 1


def test_not_for_me_waiting_for_its_undo_is_recorded_when_the_shopper_leaves(
        qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)           # the default undo time: 6 s
    sku = window.picks.cards()[0].sku
    window.picks.cards()[0].not_for_me_button.click()
    window.picks.done_button.click()
    settle(qtbot, window)
    assert not_for_me_rows(window, sku) == 1
    assert not window.picks.undo_bar.isVisible()


# -- More like this: no reflow, focus stays -------------------------------------------


def card_places(window) -> dict[str, tuple[int, int, int, int]]:
    body = window.picks.body
    places = {}
    for card in window.picks.cards():
        top_left = card.mapTo(body, QPoint(0, 0))
        places[card.sku] = (top_left.x(), top_left.y(), card.width(), card.height())
    return places


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_more_like_this_moves_no_card_and_keeps_the_focus(qtbot, window, shopper, size):
    window.resize(*size)
    scan_in(qtbot, window, shopper.code)
    qtbot.wait(20)
    before = card_places(window)
    anchor = window.picks.cards()[0]   # inside the 800x800 offscreen screen, which a
    # tap as a touch screen sends it must be in (drag-to-scroll sees it first)
    touch_tap(qtbot, anchor.more_button)
    qtbot.waitUntil(lambda: window.focusWidget() is anchor.more_button, timeout=2000)
    settle(qtbot, window)
    qtbot.wait(20)
    assert card_places(window) == before
    assert window.focusWidget() is anchor.more_button
    panel = window.picks.similar_panel
    assert panel.isVisible(), window.banner.text()
    similar = panel.grid.cards
    assert similar and not {c.sku for c in similar} & set(before)
    assert panel.geometry().bottom() <= window.picks.height()
    # a similar item can be saved like any other, and the panel closes
    similar[0].save_button.click()
    assert window.session.is_saved(similar[0].sku)
    panel.close_button.click()
    assert not panel.isVisible()
    assert card_places(window) == before


def test_shelves_use_the_same_columns_in_portrait_and_landscape(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    columns = {}
    for size in ((1080, 1920), (1920, 1080)):
        window.resize(*size)
        qtbot.wait(50)
        widest = max(window.picks.shelves, key=lambda s: len(s.grid.cards))
        columns[size] = widest.grid.columns
        lefts = sorted({c.x() for c in widest.grid.cards})
        assert len(lefts) == min(3, len(widest.grid.cards))
    assert columns[(1080, 1920)] == columns[(1920, 1080)] == 3


# -- My list: a row per item, with its own Remove ------------------------------------


def test_my_list_rows_have_their_own_remove_button(qtbot, window, shopper):
    scan_in(qtbot, window, shopper.code)
    cards = window.picks.cards()[:3]
    for card in cards:
        card.save_button.click()
    window.picks.saved_button.click()
    qtbot.wait(20)
    screen = window.saved
    rows = [row for row in screen.rows if row.isVisible()]
    assert [row.sku for row in rows] == [card.sku for card in cards]
    for row, card in zip(rows, cards, strict=True):
        assert row.text.isVisible() and row.text.text().startswith(card.name_label.text())
        assert row.remove_button.isVisible()
        assert row.remove_button.height() >= 44 and row.remove_button.width() >= 44
        assert row.remove_button.accessibleName() == (
            f"Remove {card.name_label.text()} from my list")
    rows[1].remove_button.click()
    assert [row.sku for row in screen.rows if row.isVisible()] == [cards[0].sku, cards[2].sku]
    assert window.picks.saved_button.text() == "My list (2)"


def test_my_list_row_text_stays_readable(qtbot, window, shopper):
    """Nothing to select, so no selection colours: the text keeps its contrast when a
    row is touched (the old list turned a selected row's text invisible)."""
    scan_in(qtbot, window, shopper.code)
    window.picks.cards()[0].save_button.click()
    window.picks.saved_button.click()
    qtbot.wait(20)
    row = window.saved.rows[0]
    QTest.mouseClick(row.text, Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    image = row.grab().toImage()
    text_colour = row.text.palette().color(row.text.foregroundRole())
    background = image.pixelColor(2, 2)
    assert abs(text_colour.lightness() - background.lightness()) > 100
    inked = sum(1 for x in range(row.text.x(), row.text.x() + row.text.width(), 2)
                for y in range(row.text.y(), row.text.y() + row.text.height(), 2)
                if abs(image.pixelColor(x, y).lightness() - background.lightness()) > 100)
    assert inked > 20    # the text is painted, and darker/lighter than the row


# -- headers: buttons on one row, fully visible ---------------------------------------


def header_buttons(window):
    picks = window.picks
    return [widget for widget in picks.nav_buttons if widget.isVisible()]


def assert_one_row_fully_visible(window):
    buttons = header_buttons(window)
    assert len(buttons) >= 3
    rect = window.rect()
    greeting = window.picks.greeting
    g_top = greeting.mapTo(window, QPoint(0, 0)).y()
    g_bottom = g_top + greeting.height()
    tops = set()
    for button in buttons:
        top_left = button.mapTo(window, QPoint(0, 0))
        geometry = button.geometry().translated(top_left - button.pos())
        assert rect.contains(geometry), (button.objectName(), geometry, rect)
        assert button.width() >= button.minimumSizeHint().width(), button.objectName()
        tops.add(top_left.y())
        centre = top_left.y() + button.height() // 2
        assert g_top <= centre <= g_bottom, (button.objectName(), "not beside the greeting")
    assert len(tops) == 1, tops


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_guest_header_keeps_its_buttons_on_one_row(qtbot, window, size):
    window.resize(*size)
    window.attract.browse_button.click()
    settle(qtbot, window)
    qtbot.wait(20)
    assert window.current() == "picks"
    assert_one_row_fully_visible(window)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_shopper_header_keeps_its_buttons_on_one_row(qtbot, window, shopper, size):
    window.resize(*size)
    scan_in(qtbot, window, shopper.code)
    qtbot.wait(20)
    assert_one_row_fully_visible(window)
    assert "Anna" in widget_texts(window.picks.greeting)[0]


def whole(window, widget) -> bool:
    """Shown in full: inside the window, and as wide as its text needs."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    inside = window.rect().contains(widget.rect().translated(top_left))
    return inside and widget.width() >= widget.sizeHint().width()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_large_text_on_a_narrow_screen_cuts_no_button(qtbot, window, shopper, language):
    """768 px wide with large text: the header's buttons take a row of their own (two if
    need be) under the greeting; the attract screen's "Aa" loses its words and its two
    actions stand one above the other. Before: "Personnel", "Français", "Mes données" cut."""
    window.set_language(language)
    window.resize(768, 1024)
    window.accessibility.set_large_text(True)
    try:
        settle(qtbot, window)
        qtbot.wait(20)
        attract = window.attract
        for widget in (attract.staff_button, attract.accessibility_button,
                       *attract.language_buttons.values(), attract.browse_button,
                       attract.join_button):
            assert whole(window, widget), (widget.objectName(), widget.text())
        scan_in(qtbot, window, shopper.code)
        qtbot.wait(20)
        assert window.height() == 1024, "nothing made the window taller than the screen"
        for widget in header_buttons(window):
            assert whole(window, widget), (widget.objectName(), widget.text())
        greeting = window.picks.greeting
        assert greeting.width() >= greeting.sizeHint().width() or greeting.wordWrap()
        assert all(whole(window, b) for b in header_buttons(window))
    finally:
        window.accessibility.reset()


def test_the_next_shopper_sees_the_picks_from_the_top(qtbot, window, shopper):
    window.resize(1080, 1920)
    scan_in(qtbot, window, shopper.code)
    bar = window.picks.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.picks.done_button.click()
    settle(qtbot, window)
    scan_in(qtbot, window, shopper.code)
    assert window.current() == "picks" and bar.value() == 0
