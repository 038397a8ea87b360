"""Translations: every string is in the .ts sources, and the committed .qm match them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS = REPO / "assets" / "translations"
TOOLS = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name) or str(TOOLS / name)
    if not Path(found).exists():
        pytest.fail(f"{name} not found (it comes with PySide6)")
    return found


def ui_sources() -> list[str]:
    return sorted(str(p) for p in (REPO / "kiosk" / "ui").rglob("*.py"))


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            done = translation is not None and translation.get("type") != "unfinished"
            found[(name, message.findtext("source"))] = translation.text if done else None
    return found


@pytest.mark.parametrize("language", ["en", "fr"])
def test_qm_in_sync_with_ts(tmp_path, language):
    ts = TRANSLATIONS / f"kiosk_{language}.ts"
    fresh = tmp_path / f"kiosk_{language}.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(fresh)], check=True,
                   capture_output=True)
    committed = TRANSLATIONS / f"kiosk_{language}.qm"
    assert committed.read_bytes() == fresh.read_bytes(), (
        f"{committed.name} is stale: run pyside6-lrelease {ts.name} (see docs/ui.md)")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_ui_string_is_translated(tmp_path, language):
    ts = tmp_path / f"kiosk_{language}.ts"
    shutil.copy(TRANSLATIONS / f"kiosk_{language}.ts", ts)
    subprocess.run([_tool("pyside6-lupdate"), *ui_sources(), "-no-obsolete", "-ts", str(ts)],
                   check=True, capture_output=True)
    found = messages(ts)
    missing = sorted(key for key, text in found.items() if not text)
    assert not missing, f"strings without a {language} translation: {missing}"
    assert len(found) > 100


def test_french_differs_from_english():
    french = messages(TRANSLATIONS / "kiosk_fr.ts")
    assert french[("AttractScreen", "Scan your loyalty code")] == \
        "Scannez votre code de fidélité"
    same = [k for k, v in french.items() if v == k[1] and k[1] not in ("OK", "orange", "turquoise")]
    assert len(same) < 5, same


def test_translator_loads_and_switches(qapp):
    from PySide6.QtCore import QCoreApplication

    from kiosk.ui.i18n import Translations

    translations = Translations(qapp, "fr")
    try:
        assert QCoreApplication.translate("Card", "Not for me") == "Pas pour moi"
        translations.set_language("en")
        assert QCoreApplication.translate("Card", "Not for me") == "Not for me"
        with pytest.raises(ValueError, match="unknown language"):
            translations.set_language("xx")
    finally:
        translations.set_language("en")


def test_missing_qm_is_compiled_at_start(tmp_path, monkeypatch):
    from kiosk.ui import i18n

    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(TRANSLATIONS / "kiosk_fr.ts", folder / "kiosk_fr.ts")
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    i18n.ensure_compiled()
    assert (folder / "kiosk_fr.qm").read_bytes() == (TRANSLATIONS / "kiosk_fr.qm").read_bytes()
