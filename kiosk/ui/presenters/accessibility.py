"""This shopper's look and voice: larger text, high contrast, reading the screen aloud.

The choice lasts for one shopper: every session reset ("I'm done", the idle
reset, an erasure) puts back the store's look (``config.theme``,
``config.large_text``). What is read aloud is composed by ``spoken_text``, which
needs no speech engine; Qt's text-to-speech module is imported only when a
shopper first opens the panel (never at start-up: it is slow to load).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from kiosk.ui.texts import display_name, format_price, stock_line, why_this

translate = QCoreApplication.translate

log = logging.getLogger(__name__)

#: Qt's test engine: it speaks to nobody, so it does not count as a voice
SILENT_ENGINES = frozenset({"mock"})


def spoken_text(heading: str, greeting: str = "",
                shelves: Iterable[tuple[str, Iterable[Any]]] = ()) -> str:
    """What "Read aloud" says: the screen's heading, the greeting, then each shelf's
    title and each pick's name, price, stock and reason, one sentence each."""
    parts = [line for text in (heading, greeting) for line in (text or "").splitlines()
             if line.strip()]
    for title, picks in shelves:
        if title:
            parts.append(title)
        for pick in picks:
            parts.append(pick_sentence(pick))
    return "\n".join(_sentence(part) for part in parts)


def pick_sentence(pick: Any) -> str:
    name = display_name(getattr(pick, "name", "") or "")
    bits = [name, format_price(getattr(pick, "price", None)),
            stock_line(getattr(pick, "stock_quantity", None), getattr(pick, "location", None)),
            why_this(getattr(pick, "reason", None))]
    return ". ".join(_sentence(bit).rstrip(".") for bit in bits if bit) + "."


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text[-1:] in ".!?…:" else f"{text}."


def speech_engines() -> list[str]:
    """The text-to-speech engines installed that really speak (imports Qt's module)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return []
    return [name for name in QTextToSpeech.availableEngines() if name not in SILENT_ENGINES]


class AccessibilityPresenter(QObject):
    """Larger text and high contrast for this shopper; the store's look after them."""

    changed = Signal()
    spoke = Signal(str)   # the text handed to the speech engine

    def __init__(self, config: Any, apply: Callable[[str, bool], None],
                 parent: QObject | None = None, *,
                 engines: Callable[[], list[str]] = speech_engines):
        super().__init__(parent)
        self.config = config
        self.apply = apply            # apply(theme, large_text): kiosk.ui.app.apply_look
        self.engines = engines        # the engines to try, best first
        self.speech: Any = None
        self.speech_tried = False
        self.theme = config.theme
        self.large_text = bool(config.large_text)

    @property
    def high_contrast(self) -> bool:
        return self.theme == "high-contrast"

    def set_large_text(self, on: bool) -> None:
        self._show(self.theme, on)

    def set_high_contrast(self, on: bool) -> None:
        default = self.config.theme if self.config.theme != "high-contrast" else "default"
        self._show("high-contrast" if on else default, self.large_text)

    def reset(self) -> None:
        """The next shopper gets the store's look, and silence."""
        self.stop_speaking()
        self._show(self.config.theme, bool(self.config.large_text))

    def _show(self, theme: str, large_text: bool) -> None:
        if (theme, large_text) == (self.theme, self.large_text):
            return  # re-styling every widget costs a frame or two: only when it changes
        self.theme, self.large_text = theme, large_text
        self.apply(theme, large_text)
        self.changed.emit()

    # -- reading aloud -------------------------------------------------------------

    def can_speak(self) -> bool:
        """Whether an engine really starts here (a listed engine may lack its library)."""
        return self._speech() is not None

    def speak(self, text: str) -> bool:
        """Read ``text`` aloud; False if this kiosk has no voice."""
        speech = self._speech()
        if speech is None or not text:
            return False
        speech.say(text)
        self.spoke.emit(text)
        return True

    def stop_speaking(self) -> None:
        if self.speech is not None:
            self.speech.stop()

    def _speech(self) -> Any:
        if not self.speech_tried:
            self.speech_tried = True
            self.speech = self._start_engine()
        if self.speech is not None:
            self.speech.setLocale(QLocale())  # the kiosk's language now
        return self.speech

    def _start_engine(self) -> Any:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            for name in self.engines():
                speech = QTextToSpeech(name, self)
                if speech.state() != QTextToSpeech.State.Error:
                    return speech
                log.warning("the speech engine %s did not start", name)
                speech.deleteLater()
        except Exception:  # no voice is better than a kiosk that stops
            log.exception("the speech engine could not start")
        return None
