"""Accessibility: the panel (larger text, high contrast, read aloud) and its reset for the
next shopper; readable sizes; WCAG AA contrast of every text, read from the QSS itself."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from test_ui_support import open_kiosk, settle, wedge_scan

from kiosk.ui.app import create_window
from kiosk.ui.look import stylesheet
from kiosk.ui.presenters.accessibility import AccessibilityPresenter, pick_sentence, spoken_text
from kiosk.ui.texts import display_name, format_price

pytest_plugins = ["test_ui_support"]


# -- the QSS, read as a browser would: selectors, specificity, inherited background ----


@dataclass(frozen=True)
class Node:
    """A widget as the QSS sees it: its class chain, properties, object name, states."""

    classes: tuple[str, ...]
    props: tuple[tuple[str, str], ...] = ()
    name: str = ""
    states: tuple[str, ...] = ()


WIDGET = ("QWidget",)
LABEL = ("QLabel", "QFrame", "QWidget")
FRAME = ("QFrame", "QWidget")
BUTTON = ("QPushButton", "QAbstractButton", "QWidget")

SIMPLE = re.compile(r"^(\w+)?((?:\[[\w-]+=\"[^\"]*\"\])*)(#\w+)?((?::\w+)*)$")


def parse_qss(text: str) -> list[tuple[list[str], dict[str, str], int]]:
    """(selector parts, declarations, order) for each selector of each rule."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules = []
    for order, match in enumerate(re.finditer(r"([^{}]+)\{([^}]*)\}", text)):
        declarations = {}
        for declaration in match.group(2).split(";"):
            if ":" in declaration:
                key, value = declaration.split(":", 1)
                declarations[key.strip()] = value.strip()
        for selector in match.group(1).split(","):
            rules.append((selector.split(), declarations, order))
    return rules


def _simple_matches(simple: str, node: Node) -> tuple[int, int, int] | None:
    """The simple selector's specificity (ids, attributes+states, types) if it matches."""
    found = SIMPLE.match(simple)
    if found is None:
        return None  # a sub-control (::item, ::handle) or anything else: not a widget's text
    kind, attrs, name, states = found.groups()
    if kind and kind not in node.classes:
        return None
    props = dict(node.props)
    wanted = re.findall(r"\[([\w-]+)=\"([^\"]*)\"\]", attrs or "")
    if any(props.get(key) != value for key, value in wanted):
        return None
    if name and name[1:] != node.name:
        return None
    pseudo = [s for s in (states or "").split(":") if s]
    if any(state not in node.states for state in pseudo):
        return None
    return (1 if name else 0, len(wanted) + len(pseudo), 1 if kind else 0)


def _matches(parts: list[str], chain: list[Node]) -> tuple[int, int, int] | None:
    """Descendant selectors: the last part on the widget, the others on its ancestors."""
    node, ancestors = chain[-1], chain[:-1]
    total = _simple_matches(parts[-1], node)
    if total is None:
        return None
    index = len(ancestors)
    for part in reversed(parts[:-1]):
        while index > 0:
            index -= 1
            found = _simple_matches(part, ancestors[index])
            if found is not None:
                total = tuple(a + b for a, b in zip(total, found, strict=True))
                break
        else:
            return None
    return total


def declared(rules, chain: list[Node], key: str) -> str | None:
    best = None
    for parts, declarations, order in rules:
        value = declarations.get(key)
        if key == "background-color" or key == "background":
            value = declarations.get("background", declarations.get("background-color"))
        if value is None:
            continue
        specificity = _matches(parts, chain)
        if specificity is not None and (best is None or (specificity, order) >= best[0]):
            best = ((specificity, order), value)
    return None if best is None else best[1]


def rgba(value: str) -> tuple[float, float, float, float] | None:
    value = value.strip().lower()
    if value == "transparent":
        return (0, 0, 0, 0.0)
    if value.startswith("#") and len(value) == 7:
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16), 1.0)
    found = re.match(r"rgba?\(([^)]*)\)", value)
    if found:
        numbers = [float(n) for n in found.group(1).split(",")]
        alpha = numbers[3] / 255 if len(numbers) == 4 else 1.0
        return (numbers[0], numbers[1], numbers[2], alpha)
    named = {"white": (255, 255, 255, 1.0), "black": (0, 0, 0, 1.0)}
    if value in named:
        return named[value]
    raise AssertionError(f"a colour this test cannot read: {value!r}")


def over(top, bottom):
    alpha = top[3]
    return (*(top[i] * alpha + bottom[i] * (1 - alpha) for i in range(3)), 1.0)


def background(rules, chain: list[Node]):
    """The colour behind the widget: its own, blended over its ancestors' down to opaque."""
    colour = (255, 255, 255, 0.0)
    layers = []
    for depth in range(len(chain), 0, -1):
        value = declared(rules, chain[:depth], "background")
        layer = rgba(value.split()[0]) if value else None
        if layer is not None and layer[3] > 0:
            layers.append(layer)
            if layer[3] >= 1:
                break
    for layer in reversed(layers):
        colour = over(layer, colour) if colour[3] else layer
    assert colour[3] >= 1, f"no opaque background behind {chain[-1]}"
    return colour


def luminance(colour) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_contrast(rules, chain: list[Node]) -> float:
    colour = declared(rules, chain, "color")
    assert colour is not None, f"no text colour for {chain[-1]}"
    return contrast(rgba(colour), background(rules, chain))


def node(classes, role: str = "", *states: str, name: str = "", **props: str) -> Node:
    if role:
        props["role"] = role
    return Node(classes, tuple(sorted(props.items())), name, tuple(states))


WINDOW = node(WIDGET, name="kiosk_window")
PAGE = node(WIDGET)
CARD = node(FRAME, "card")
DIALOG = node(FRAME, "dialog")
NAV = node(FRAME, "nav")
ROW = node(FRAME, "row")
IDLE = node(WIDGET, name="idle_overlay")
PANEL = node(WIDGET, name="accessibility_overlay")

LABEL_ROLES = ["", "body", "store-name", "headline", "greeting", "hint", "status", "error",
               "banner", "loop-title", "loop", "loop-price", "loop-where", "shelf-title",
               "short-code", "section-title", "paused"]
BUTTON_ROLES = ["", "secondary", "primary", "danger", "quiet", "language", "chip", "key",
                "keyboard-key", "row-button", "quiet-dark", "card-action"]
BUTTON_STATES = [(), ("disabled",), ("pressed",), ("focus",), ("checked",)]


def text_chains() -> list[tuple[str, list[Node]]]:
    """Every text a screen shows, in every place it is shown."""
    chains = []
    for role in LABEL_ROLES:
        chains.append((f"label {role or 'plain'}", [WINDOW, PAGE, node(LABEL, role)]))
    for role in ("headline", "hint", "error", "body"):
        for place, parents in (("dialog", [IDLE, DIALOG]), ("panel", [PANEL, DIALOG])):
            chains.append((f"label {role} in {place}",
                           [WINDOW, *parents, node(LABEL, role)]))
    for role in ("card-name", "card-price", "card-stock", "card-why", "loop-title", "loop",
                 "loop-price", "loop-where"):
        chains.append((f"label {role} in a card", [WINDOW, PAGE, CARD, node(LABEL, role)]))
    chains.append(("label card-stock out", [WINDOW, PAGE, CARD,
                                            node(LABEL, "card-stock", stock="out")]))
    for role in ("row-title", "row-detail", ""):
        chains.append((f"label {role} in a row", [WINDOW, PAGE, ROW, node(LABEL, role)]))
        chains.append((f"label {role} in a hidden row",
                       [WINDOW, PAGE, node(FRAME, "row", hidden="true"), node(LABEL, role)]))
    chains.append(("label nav-who", [WINDOW, NAV, node(LABEL, "nav-who")]))
    for role in BUTTON_ROLES:
        for states in BUTTON_STATES:
            where = [WINDOW, PAGE, CARD] if role == "card-action" else [WINDOW, PAGE]
            chains.append((f"button {role or 'plain'} {':'.join(states)}",
                           [*where, node(BUTTON, role, *states)]))
            if role in ("primary", "secondary", ""):
                chains.append((f"button {role} {':'.join(states)} in a dialog",
                               [WINDOW, IDLE, DIALOG, node(BUTTON, role, *states)]))
    for states in BUTTON_STATES:
        for role in ("nav", "primary"):
            chains.append((f"nav button {role} {':'.join(states)}",
                           [WINDOW, NAV, node(BUTTON, role, *states)]))
        chains.append((f"waiting nav button {':'.join(states)}",
                       [WINDOW, NAV, node(BUTTON, "nav", *states, waiting="true")]))
    for kind in (("QLineEdit", "QWidget"), ("QComboBox", "QWidget"),
                 ("QCheckBox", "QAbstractButton", "QWidget"), ("QListView", "QWidget")):
        for states in ((), ("disabled",)):
            chains.append((f"{kind[0]} {':'.join(states)}",
                           [WINDOW, PAGE, node(kind, "", *states)]))
    chains.append(("drop-down list", [WINDOW, PAGE, node(("QComboBox", "QWidget")),
                                      node(("QListView", "QAbstractItemView", "QWidget"))]))
    return chains


LOOKS = {"default": ("default", False), "high-contrast": ("high-contrast", False),
         "default-large": ("default", True), "high-contrast-large": ("high-contrast", True)}


@pytest.mark.parametrize("look", sorted(LOOKS))
def test_every_text_has_wcag_aa_contrast(look):
    theme, large = LOOKS[look]
    rules = parse_qss(stylesheet(theme, large_text=large))
    failing = []
    for what, chain in text_chains():
        ratio = text_contrast(rules, chain)
        if ratio < 4.5:
            failing.append(f"{what}: {ratio:.2f}:1")
    assert failing == []


def test_the_contrast_reader_catches_a_pale_text():
    """The control: the old quiet Staff button (#9aa5b1 on the page) fails."""
    rules = parse_qss(stylesheet("default") + '\nQPushButton[role="quiet"] { color: #9aa5b1; }')
    staff = [WINDOW, PAGE, node(BUTTON, "quiet")]
    assert text_contrast(rules, staff) < 4.5
    assert contrast(rgba("#000000"), rgba("#ffffff")) == pytest.approx(21.0)


# -- readable sizes --------------------------------------------------------------


def font_px(rules, chain) -> int:
    value = declared(rules, chain, "font-size")
    return int(value.removesuffix("px"))


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_readable_sizes_by_default_and_really_larger_text(theme):
    rules = parse_qss(stylesheet(theme))
    large = parse_qss(stylesheet(theme, large_text=True))
    name = [WINDOW, PAGE, CARD, node(LABEL, "card-name")]
    why = [WINDOW, PAGE, CARD, node(LABEL, "card-why")]
    body = [WINDOW, PAGE, node(LABEL, "body")]
    assert font_px(rules, name) >= 22
    assert font_px(rules, why) >= 18
    assert declared(rules, why, "font-style") in (None, "normal")
    assert text_contrast(rules, why) >= 7  # reasons: dark, not grey
    assert font_px(large, body) >= 24
    for chain in (name, why, [WINDOW, PAGE, CARD, node(LABEL, "card-price")],
                  [WINDOW, PAGE, node(BUTTON, "")], [WINDOW, PAGE, node(BUTTON, "quiet")]):
        assert font_px(large, chain) >= font_px(rules, chain) * 1.2


# -- the panel, the reset, read aloud ----------------------------------------------


@pytest.fixture
def kiosk(demo_kiosk):
    return demo_kiosk


@pytest.fixture
def window(qtbot, kiosk_window):
    kiosk_window.resize(1080, 1920)
    settle(qtbot, kiosk_window)
    return kiosk_window


def scan(qtbot, window, code: str) -> None:
    wedge_scan(qtbot, window, code)
    settle(qtbot, window)


def body_px(window) -> int:
    return window.attract.hint.font().pixelSize()


def card_name_px(window) -> int:
    return window.picks.cards()[0].name_label.font().pixelSize()


@pytest.mark.parametrize("screen", ["attract", "picks"])
def test_accessibility_button_opens_the_panel(qtbot, window, store_db, qapp, screen):
    if screen == "picks":
        scan(qtbot, window, store_db[1].code)
    page = window.screens[screen]
    assert page.accessibility_button.isVisible()
    page.accessibility_button.click()
    panel = window.accessibility_panel
    assert panel.isVisible() and panel.geometry() == window.rect()
    panel.large_text_button.click()
    assert body_px(window) >= 24
    assert window.accessibility.large_text
    panel.contrast_button.click()
    assert "#ffff00" in qapp.styleSheet()
    panel.close_button.click()
    assert not panel.isVisible()


@pytest.mark.parametrize("how", ["done", "idle", "erase", "leave"])
def test_the_next_shopper_gets_the_store_look_back(qtbot, window, store_db, qapp, how):
    scan(qtbot, window, store_db[1].code)
    default_name_px = card_name_px(window)
    window.picks.accessibility_button.click()
    window.accessibility_panel.large_text_button.click()
    window.accessibility_panel.contrast_button.click()
    assert card_name_px(window) >= default_name_px + 6
    assert "#ffff00" in qapp.styleSheet()
    if how == "done":
        window.picks.done_button.click()
    elif how == "idle":
        window.idle.timed_out.emit()
    elif how == "leave":
        window.idle_overlay.leave.emit()
    else:
        window.picks.my_data_button.click()
        settle(qtbot, window)
        window.my_data.erase()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.current() in ("attract", "farewell"))
    assert qapp.styleSheet() == stylesheet("default")   # already while "erased" is read
    assert body_px(window) < 24
    if window.current() == "farewell":
        window.farewell.ok_button.click()
        assert window.current() == "attract"
    assert not window.accessibility_panel.isVisible()
    window.attract.accessibility_button.click()
    panel = window.accessibility_panel
    assert not panel.large_text_button.isChecked() and not panel.contrast_button.isChecked()


def test_a_store_with_large_text_keeps_it_after_each_shopper(qtbot, store_db, qapp):
    kiosk = open_kiosk(store_db[0], large_text=True)
    try:
        window = create_window(kiosk, windowed=True, language="en")
        qtbot.addWidget(window)
        window.show()
        settle(qtbot, window)
        window.attract.accessibility_button.click()
        assert window.accessibility_panel.large_text_button.isChecked()
        window.accessibility_panel.large_text_button.click()  # this shopper: smaller
        assert qapp.styleSheet() == stylesheet("default")
        window.session.browse_as_guest()
        settle(qtbot, window)
        window.session.reset("done")
        assert qapp.styleSheet() == stylesheet("default", large_text=True)
        window.unlocked = True
        window.worker.wait()
    finally:
        kiosk.close()
        qapp.setStyleSheet(stylesheet("default"))


def test_spoken_text_of_the_picks_screen(qtbot, window, store_db):
    scan(qtbot, window, store_db[1].code)
    text = window.spoken_text()
    lines = text.splitlines()
    assert lines[0] == "Hi Anna."
    picks = [card.pick for card in window.picks.cards()]
    assert len(picks) >= 6
    for pick in picks:
        assert pick_sentence(pick) in lines
        assert display_name(pick.name) in pick_sentence(pick)
        assert format_price(pick.price) in pick_sentence(pick)
    for shelf in window.picks.shelves:
        assert f"{shelf.title.text()}." in lines
    first = pick_sentence(picks[0])
    assert "In stock" in first or "Not in this store" in first or "Ask us" in first


def test_spoken_text_of_the_attract_screen_in_french(qtbot, window):
    window.set_language("fr")
    qtbot.waitUntil(lambda: window.attract.popular_card.pick is not None)
    qtbot.waitUntil(lambda: window.attract.headline.text() != "Scan your loyalty code")
    text = window.spoken_text()
    assert "Harbour Street Gifts." in text.splitlines()
    assert window.attract.headline.text() in text
    assert display_name(window.attract.popular_card.pick.name) in text
    assert "Populaire ici" in text


def test_spoken_text_is_built_without_an_engine():
    class Pick:
        name, price, stock_quantity, location, reason = "JAM MAKING SET", 4.25, 3, None, None

    text = spoken_text("Scan your loyalty code", "Hi Zoë", [("Popular", [Pick()])])
    assert text.splitlines()[:3] == ["Scan your loyalty code.", "Hi Zoë.", "Popular."]
    assert text.splitlines()[3].startswith("Jam Making Set. £4.25. In stock.")


def test_read_aloud_speaks_with_an_installed_engine(qtbot, window, store_db):
    """Qt's "mock" engine is installed with PySide6: it goes through the whole path."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    assert "mock" in QTextToSpeech.availableEngines()
    scan(qtbot, window, store_db[1].code)
    presenter = window.accessibility
    presenter.engines = lambda: ["mock"]
    spoken = []
    presenter.spoke.connect(spoken.append)
    window.picks.accessibility_button.click()
    panel = window.accessibility_panel
    assert panel.read_button.isVisible()
    words = []
    presenter.speech.sayingWord.connect(lambda word, *_: words.append(word))
    panel.read_button.click()
    qtbot.waitUntil(lambda: "Anna" in words, timeout=5000)
    assert spoken == [window.spoken_text()]
    window.picks.done_button.click()
    qtbot.waitUntil(lambda: presenter.speech.state() == QTextToSpeech.State.Ready)


def test_read_aloud_is_hidden_without_a_working_engine(qtbot, window):
    window.accessibility.engines = lambda: []
    window.attract.accessibility_button.click()
    assert not window.accessibility_panel.read_button.isVisible()
    assert window.accessibility.speak("anything") is False


def test_presenter_applies_only_changes(qapp):
    from kiosk.config import Config

    applied = []
    presenter = AccessibilityPresenter(Config(), lambda *look: applied.append(look))
    presenter.reset()
    presenter.set_large_text(True)
    presenter.set_large_text(True)
    presenter.set_high_contrast(True)
    presenter.reset()
    assert applied == [("default", True), ("high-contrast", True), ("default", False)]


def test_speech_is_not_loaded_at_start_up(tmp_path):
    """QtTextToSpeech loads only when a shopper opens the panel."""
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from kiosk.app import Kiosk\n"
        "from kiosk.config import Config\n"
        "from kiosk.ui.app import create_window\n"
        f"k = Kiosk(Config(database={str(tmp_path / 'k.db')!r}), entrypoints=False)\n"
        "w = create_window(k, windowed=True)\n"
        "w.show()\n"
        "print('speech' if 'PySide6.QtTextToSpeech' in sys.modules else 'no speech')\n"
        "w.accessibility_panel.open()\n"
        "print('speech' if 'PySide6.QtTextToSpeech' in sys.modules else 'no speech')\n"
        "w.unlocked = True\n"
        "w.close()\n"
        "k.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.split() == ["no", "speech", "speech"], result.stderr


def test_labels_of_the_panel_are_translated(qtbot, window):
    window.set_language("fr")
    qtbot.waitUntil(lambda: window.accessibility_panel.title.text() != "Easier to read")
    window.attract.accessibility_button.click()
    panel = window.accessibility_panel
    texts = [panel.title.text(), panel.large_text_button.text(), panel.contrast_button.text(),
             panel.close_button.text(), window.attract.accessibility_button.text()]
    assert texts == ["Lecture facile", "Texte plus grand", "Contraste élevé", "Fermer",
                     "Aa  Lecture facile"]
    assert isinstance(panel.title, QLabel)


# -- readable by default, on the real screens ----------------------------------------


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_attract_shows_popular_products_as_large_cards(qtbot, window, kiosk, size):
    window.resize(*size)
    attract = window.attract
    card = attract.popular_card
    qtbot.wait(100)  # the layout settles
    qtbot.waitUntil(lambda: card.isVisible() and card.pick is not None)
    expected = [display_name(p.name) for s in kiosk.recommendations.shelves(
        None, session_id="attract", k=12) for p in s.picks][:12]
    assert [display_name(p.name) for p in attract.popular] == expected
    assert card.height() >= size[1] * 0.35 and card.width() >= size[0] * 0.4
    assert card.image.pixmap().width() >= 200
    assert card.name_label.font().pixelSize() >= 32
    assert card.price_label.text() == format_price(card.pick.price)
    assert card.stock_label.text()
    seen = {card.name_label.text()}
    attract.timer.timeout.connect(lambda: seen.add(card.name_label.text()))
    attract.timer.setInterval(30)
    attract.timer.start()
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=3000)
    assert seen <= set(expected)


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_picks_are_readable_by_default(qtbot, window, store_db, size):
    window.resize(*size)
    scan(qtbot, window, store_db[1].code)
    for card in window.picks.cards():
        assert card.name_label.font().pixelSize() >= 22
        why = card.why_label.font()
        assert why.pixelSize() >= 18 and not why.italic()
        colour = card.why_label.palette().color(card.why_label.foregroundRole())
        assert contrast((*colour.getRgb()[:3], 1.0), (255, 255, 255, 1.0)) >= 7


def test_a_code_typed_after_the_panel_closes_lands_on_the_keypad(qtbot, window, store_db):
    """Found in a real window: after "Larger text" and Close, a short code typed on a
    keyboard went nowhere (the focus stayed on the hidden panel)."""
    window.attract.accessibility_button.click()
    panel = window.accessibility_panel
    panel.large_text_button.click()
    panel.close_button.click()
    try:
        assert window.focusWidget() is window.attract.keypad
        QTest.keyClicks(window.focusWidget(), "837H", delay=90)   # a person, not a scanner
        qtbot.waitUntil(lambda: window.attract.keypad.symbols == "837H", timeout=2000)
    finally:
        window.accessibility.reset()
