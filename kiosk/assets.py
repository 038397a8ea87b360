"""Where the bundled assets are: styles, icons, fonts, translations, demo data.

The one place that knows the layout of ``assets/`` (installed as the package
``kiosk_assets``).
"""

from __future__ import annotations

from pathlib import Path


def assets_dir() -> Path:
    import kiosk_assets

    return Path(kiosk_assets.__file__).parent


def asset_path(*parts: str) -> Path:
    """Path of a bundled asset; raises FileNotFoundError naming it if missing."""
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled asset missing: assets/{'/'.join(parts)}")
    return path
