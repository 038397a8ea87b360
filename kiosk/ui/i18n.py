"""Translations: ``.ts`` sources in assets/translations, compiled to ``.qm``.

English is the source language. Switching installs a new QTranslator; Qt
then sends every widget a LanguageChange event and the screens retranslate.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from kiosk.assets import assets_dir

log = logging.getLogger(__name__)

# code -> the language's own name, shown on the attract screen (not translated)
LANGUAGES = {"en": "English", "fr": "Français"}


def translations_dir() -> Path:
    return assets_dir() / "translations"


def lrelease_command() -> list[str]:
    found = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name(
        "pyside6-lrelease"))
    return [found]


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run([*lrelease_command(), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)


def ensure_compiled() -> None:
    """Compile any ``.ts`` whose ``.qm`` is missing or older (a fresh checkout)."""
    for ts in translations_dir().glob("kiosk_*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            try:
                compile_ts(ts, qm)
            except (OSError, subprocess.CalledProcessError) as error:
                log.warning("could not compile %s: %s", ts.name, error)


class Translations(QObject):
    """The kiosk's current language."""

    language_changed = Signal(str)

    def __init__(self, app: QCoreApplication, language: str = "en"):
        super().__init__(app)
        self.app = app
        self.translator: QTranslator | None = None
        self.language = "en"
        self.set_language(language)

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; choose one of "
                             f"{', '.join(LANGUAGES)}")
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        translator = QTranslator(self)
        if translator.load(QLocale(language), "kiosk", "_", str(translations_dir())):
            self.app.installTranslator(translator)
            self.translator = translator
        elif language != "en":
            log.warning("no compiled translation for %s", language)
        self.language = language
        QLocale.setDefault(QLocale(language))
        self.language_changed.emit(language)
