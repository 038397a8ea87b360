"""Product pictures (issue 13): a drawn illustration per catalogue theme, tinted with the
product's colour, instead of coloured initials."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.assets import assets_dir
from kiosk.ui import look, product_art
from kiosk.ui.look import THEME_COLOURS, product_pixmap

THEMES = list(THEME_COLOURS)
SIZE = 120


def pixels(image: QImage) -> list[tuple[int, int, int]]:
    return [image.pixelColor(x, y).getRgb()[:3] for y in range(0, SIZE, 3)
            for x in range(0, SIZE, 3)]


def share_near(image: QImage, colour: QColor, tolerance: int = 12) -> float:
    target = colour.getRgb()[:3]
    found = pixels(image)
    close = [p for p in found if all(abs(a - b) <= tolerance for a, b in zip(p, target,
                                                                           strict=True))]
    return len(close) / len(found)


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_has_its_own_drawing_that_renders(qapp, theme):
    assert (assets_dir() / "illustrations" / f"{theme}.svg").exists()
    image = product_pixmap(None, "SOME PRODUCT", theme, SIZE).toImage()
    assert (image.width(), image.height()) == (SIZE, SIZE)
    colours = set(pixels(image))
    assert len(colours) > 20, "a drawing, not a flat tile"
    # the body is painted in the theme's colour and covers a real part of the picture
    assert share_near(image, look.theme_colour(theme)) > 0.05
    # on a pale tile, with a dark outline: the drawing reads
    assert image.pixelColor(3, SIZE // 2).lightnessF() > 0.8
    assert any(sum(p) < 300 for p in colours)
    # a picture of the theme, not the product's initials
    other_name = product_pixmap(None, "JAM MAKING SET", theme, SIZE).toImage()
    assert pixels(other_name) == pixels(image)


def test_different_themes_give_different_drawings(qapp):
    """Drawn in one and the same colour, so only the drawings can differ."""
    drawings = {theme: pixels(product_pixmap(None, "X", theme, SIZE, ("grey",)).toImage())
                for theme in THEMES}
    for i, first in enumerate(THEMES):
        for second in THEMES[i + 1:]:
            differ = sum(max(abs(a - b) for a, b in zip(p, q, strict=True)) > 40
                         for p, q in zip(drawings[first], drawings[second], strict=True))
            assert differ > 0.1 * len(drawings[first]), (first, second, differ)


@pytest.mark.parametrize("colour", ["red", "blue", "green", "white", "black", "gold"])
def test_the_products_colour_tints_the_drawing(qapp, colour):
    plain = product_pixmap(None, "BAG", "bags", SIZE).toImage()
    tinted = product_pixmap(None, "RED BAG", "bags", SIZE, ("multicolour", colour)).toImage()
    paint = QColor(product_art.COLOUR_PAINT[colour])
    assert share_near(tinted, paint) > 0.05, colour
    assert share_near(plain, paint) < 0.01, "the theme colour is not the product's"
    assert tinted.pixelColor(3, 60) == plain.pixelColor(3, 60), "same tile behind it"


def test_unknown_theme_and_missing_photo_get_a_drawing(qapp):
    other = product_pixmap(None, "X", "other", SIZE).toImage()
    unknown = product_pixmap(None, "X", "no-such-theme", SIZE).toImage()
    assert share_near(unknown, look.theme_colour("no-such-theme")) > 0.05
    assert len(set(pixels(unknown))) > 20
    assert pixels(unknown) != pixels(other)  # the same drawing, in another colour
    missing_photo = product_pixmap("no/such/image.png", "Jam set", None, 64)
    assert missing_photo.width() == 64 and not missing_photo.isNull()


def test_pictures_are_cached(qapp):
    first = product_pixmap(None, "A", "garden", SIZE, ("red",))
    again = product_pixmap(None, "B", "garden", SIZE, ("red",))
    assert first.cacheKey() == again.cacheKey()


def test_qtsvg_is_not_imported_at_start_up():
    """The kiosk's window module loads without QtSvg; the first drawing brings it."""
    probe = ("import sys; import kiosk.ui.app, kiosk.ui.window, kiosk.ui.look; "
             "print('PySide6.QtSvg' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, env={"QT_QPA_PLATFORM": "offscreen",
                                            "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_illustrations_are_licensed():
    readme = (assets_dir() / "illustrations" / "README.md").read_text(encoding="utf-8")
    assert "CC0" in readme and "publicdomain/zero/1.0" in readme
    for theme in THEMES:
        assert f"`{theme}.svg`" in readme
