"""Product pictures: the product's photo, else a drawn illustration of its catalogue theme.

The data has no photos. Each theme has a simple SVG drawing
(``assets/illustrations/THEME.svg``, CC0, made for this project), tinted
with the product's own colour where the catalogue names one
(``products.colours``, e.g. a red bag is drawn red), else with the theme's
colour. The drawings use four placeholders, filled in before rendering:
``{bg}`` (a pale tile), ``{tint}`` (the body), ``{light}`` (highlights) and
``{shade}`` (outlines, dark enough to show a white or cream product).

QtSvg is imported on the first drawing, not at start-up; pictures are
cached by (theme, colour, size), and the SVG texts once each.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from kiosk.assets import assets_dir
from kiosk.ui.look import theme_colour

ILLUSTRATIONS = "illustrations"
FALLBACK_THEME = "other"

# The catalogue's colour keys (kiosk.catalogue.colours.COLOURS) as paint.
COLOUR_PAINT = {
    "red": "#c0392b", "pink": "#e27396", "orange": "#e67e22", "yellow": "#f1c40f",
    "green": "#4a9d5b", "blue": "#2e6fb7", "turquoise": "#1abc9c", "purple": "#8e44ad",
    "brown": "#8b5a2b", "black": "#2c2c2c", "grey": "#8e9aa6", "white": "#ffffff",
    "ivory": "#fffff0", "cream": "#f3e5c0", "silver": "#c0c6cc", "gold": "#d4a017",
    "copper": "#b87333",
}


def tint_for(theme: str | None, colours: Sequence[str] = ()) -> QColor:
    """The product's first paintable colour, else its theme's colour."""
    for colour in colours:
        if colour in COLOUR_PAINT:
            return QColor(COLOUR_PAINT[colour])
    return theme_colour(theme)


def palette(theme: str | None, tint: QColor) -> dict[str, str]:
    """The four paints of a drawing: body, highlight, outline and the pale tile."""
    base = theme_colour(theme)
    bg = QColor.fromRgbF(*(0.86 + 0.14 * c for c in (base.redF(), base.greenF(), base.blueF())))
    light_tint = tint.lightnessF() > 0.75
    shade = QColor("#4a4f57") if light_tint else tint.darker(170)
    light = tint.darker(115) if light_tint else tint.lighter(150)
    return {"bg": bg.name(), "tint": tint.name(), "light": light.name(), "shade": shade.name()}


@lru_cache(maxsize=32)
def _svg_text(theme: str) -> str:
    folder = assets_dir() / ILLUSTRATIONS
    path = folder / f"{theme}.svg"
    if not path.exists():
        path = folder / f"{FALLBACK_THEME}.svg"
    return path.read_text(encoding="utf-8")


def illustration_svg(theme: str | None, tint: QColor) -> str:
    """The theme's drawing with its paints filled in (an unknown theme gets "other")."""
    text = _svg_text(theme or FALLBACK_THEME)
    for key, value in palette(theme, tint).items():
        text = text.replace("{" + key + "}", value)
    return text


@lru_cache(maxsize=256)
def illustration(theme: str | None, tint: str, size: int) -> QPixmap:
    """The theme's drawing, ``tint`` as its body colour, ``size`` px square (cached)."""
    from PySide6.QtSvg import QSvgRenderer  # not at start-up: only when picks are drawn

    renderer = QSvgRenderer(QByteArray(illustration_svg(theme, QColor(tint)).encode("utf-8")))
    picture = QPixmap(size, size)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return picture


@lru_cache(maxsize=128)
def _photo(image: str, size: int) -> QPixmap | None:
    photo = QPixmap(image if ":" in image or image.startswith("/") else f"images:{image}")
    if photo.isNull():
        return None
    return photo.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


def product_pixmap(image: str | None, name: str, theme: str | None, size: int,
                   colours: Sequence[str] = ()) -> QPixmap:
    """The product's photo if there is one, else its theme's drawing in its colour.

    ``name`` is kept for callers of the old tiles (the drawing does not use
    it). Cached (GUI thread only): a dozen pictures per scan show in the
    latency otherwise.
    """
    if image:
        photo = _photo(image, size)
        if photo is not None:
            return photo
    return illustration(theme, tint_for(theme, tuple(colours)).name(), size)
