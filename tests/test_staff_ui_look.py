"""The staff app for touch and for everyone: at 1280×800 and 800×1280, in English and
French, every visible control is at least 44 px with an accessible name, nothing is wider
than the screen (layouts reflow), and the staff styles' text colours reach 4.5:1."""

from __future__ import annotations

import re

import pytest

pytest.register_assert_rewrite("staffstore", "staff_ui_support")

from staff_ui_support import settle, sign_in  # noqa: E402

pytest_plugins = ["staffstore", "staff_ui_support"]

SCREENS = ("advisor", "book", "customer", "curate", "help")


def visit(qtbot, window, name: str, customer_id: str) -> None:
    if name == "customer":
        window.open_customer(customer_id)
    elif name == "curate":
        window.open_customer(customer_id)
        settle(qtbot, window)
        window.open_curate()
    else:
        window.go(name)
    settle(qtbot, window)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_screen_is_touchable_named_and_fits(qtbot, staff_store, tablets, language):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    window = tablets.open(staff_store, language=language)
    checked = 0
    for size in ((1280, 800), (800, 1280)):
        window.resize(*size)
        if window.desk.session is None:
            sign_in(qtbot, window)
        for name in ("sign_in", *SCREENS):
            if name == "sign_in":
                window.nav.lock_button.click()
                settle(qtbot, window)
            else:
                if window.desk.session is None:
                    sign_in(qtbot, window)
                visit(qtbot, window, name, staff_store.consenting[0])
            qtbot.wait(30)
            assert window.current() == name
            screen = window.screens[name]
            controls = [w for w in window.findChildren(QAbstractButton)
                        + window.findChildren(QLineEdit) + window.findChildren(QComboBox)
                        if w.isVisible() and w.width() > 0]
            for control in controls:
                label = f"{name} {size} {control.objectName()} {control.accessibleName()!r}"
                assert control.accessibleName().strip(), label
                if isinstance(control, QComboBox) and control.count():
                    control.showPopup()
                    qtbot.waitUntil(control.view().isVisible)
                    heights = [control.view().visualRect(control.model().index(row, 0))
                               .height() for row in range(control.count())]
                    control.hidePopup()
                    assert min(heights) >= 44, (label, heights)
                if isinstance(control.parent(), QComboBox):
                    continue    # a combo box's own text field: the combo is the target
                assert control.height() >= 44 and control.width() >= 44, label
                checked += 1
            assert screen.minimumSizeHint().width() <= size[0], (name, size)
            assert window.nav.minimumSizeHint().width() <= size[0], (name, size)
            assert window.width() == size[0]
    assert checked > 200


def test_french_throughout(qtbot, staff_store, tablets):
    window = tablets.open(staff_store, language="fr")
    assert window.sign_in.ok_button.text() == "Connexion"
    sign_in(qtbot, window)
    assert window.nav.lock_button.text() == "Verrouiller"
    visit(qtbot, window, "customer", staff_store.consenting[0])
    screen = window.customer_screen
    assert screen.chart_title.text() == "Dépenses par mois"
    assert "visites" in screen.stats.text() and "dépensés" in screen.stats.text()
    assert screen.tab_buttons["visits"].text().startswith("Achats (")
    visit(qtbot, window, "curate", staff_store.consenting[0])
    details = " ".join(r.detail.text() for r in window.curate_screen.findChildren(
        __import__("kiosk.ui.staff.screens.widgets", fromlist=["ItemRow"]).ItemRow))
    assert "Allée" in details and "Aisle" not in details
    window.set_language("en")
    qtbot.wait(20)
    assert window.curate_screen.catalogue_title.text() == "Catalogue"
    assert window.nav.lock_button.text() == "Lock"


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme,page", [("default", "#f7f4ef"), ("high-contrast", "#000000")])
def test_staff_text_colours_reach_4_5_to_1(theme, page):
    from kiosk.ui.look import stylesheet
    from kiosk.ui.staff.screens import chart

    staff = stylesheet(theme).split("The staff tablet app")[1]
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", staff)
    pairs = 0
    for selector, body in rules:
        colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        if colour is None:
            continue
        background = re.search(r"background:\s*(#[0-9a-fA-F]{6})", body)
        behind = background.group(1) if background else (
            "#ffffff" if "row" in selector and theme == "default" else page)
        if "nav" in selector and not background:
            behind = "#1f2933" if theme == "default" else "#000000"
        assert contrast(colour.group(1), behind) >= 4.5, (selector.strip(), colour.group(1),
                                                          behind)
        pairs += 1
    assert pairs >= 3
    for text, behind in ((chart.TEXT.name(), chart.BACKGROUND.name()),
                         (chart.BAR.name(), chart.BACKGROUND.name())):
        assert contrast(text, behind) >= 4.5
