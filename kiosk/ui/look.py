"""Asset lookup and looks: Qt search paths, the QSS theme, icons, generated product tiles."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QPixmap

from kiosk.assets import asset_path, assets_dir

THEMES = ("default", "high-contrast")

# A calm colour per catalogue theme, for the generated tiles of products
# without a photo. Unknown themes get a colour derived from their name.
THEME_COLOURS = {
    "christmas": "#b23a48", "kitchen": "#3d7a5c", "bags": "#7a5c3d",
    "candles_lights": "#c8912e", "stationery": "#3d5c7a", "garden": "#5a8f3d",
    "home_decor": "#8a5a83", "party": "#d0633a", "toys_games": "#2e86ab",
    "jewellery_accessories": "#9b6a9f", "bathroom": "#3d8a8f", "storage": "#6b6f3d",
    "other": "#5d6d7e",
}


def install_search_paths() -> None:
    """``styles:``, ``icons:``, ``fonts:`` and ``images:`` prefixes for Qt file names."""
    root = assets_dir()
    for prefix in ("styles", "icons", "fonts", "translations"):
        QDir.setSearchPaths(prefix, [str(root / prefix)])
    QDir.setSearchPaths("images", [str(root / "images"), str(root / "sample" / "images"),
                                   str(root)])


def stylesheet(theme: str = "default", *, large_text: bool = False) -> str:
    """The QSS for a theme, with the large-text layer on top if asked."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}")
    parts = [asset_path("styles", f"{theme}.qss").read_text(encoding="utf-8")]
    if large_text:
        parts.append(asset_path("styles", "large-text.qss").read_text(encoding="utf-8"))
    return "\n".join(parts)


def theme_colour(theme: str | None) -> QColor:
    if theme in THEME_COLOURS:
        return QColor(THEME_COLOURS[theme])
    digest = hashlib.sha1((theme or "").encode()).digest()
    return QColor.fromHsl(digest[0] * 360 // 256, 90, 100)


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def product_pixmap(image: str | None, name: str, theme: str | None, size: int,
                   colours: tuple[str, ...] = ()) -> QPixmap:
    """The product's photo, else its theme's illustration: ``kiosk.ui.product_art``."""
    from kiosk.ui import product_art  # it imports this module: bound on first use

    return product_art.product_pixmap(image, name, theme, size, colours)
