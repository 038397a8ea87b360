"""Text from a file we do not control: made safe to keep, and safe to show.

``clean_text`` takes out what no product name, code or country needs and a
terminal or screen would obey: escape sequences (``ESC [ 31 m``), other
control characters and the invisible bidirectional overrides that make text
read backwards. A line break or tab inside a field becomes a space.
``shown`` prints any text on one line with such characters escaped.
"""

from __future__ import annotations

import re

# C0 and C1 control characters and the bidirectional marks, embeddings,
# overrides and isolates (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A whole escape sequence goes, not just its ESC: CSI (ESC [ ... final byte)
# and OSC (ESC ] ... BEL or ESC \), the kinds terminals act on.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_WHITESPACE_CONTROLS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1f\x85]")


def clean_text(text: str) -> str:
    """``text`` without control characters; tabs and line breaks become spaces."""
    if _UNSAFE.search(text) is None:
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _WHITESPACE_CONTROLS.sub(" ", text)
    return _UNSAFE.sub("", text)


def shown(text: str, limit: int = 60) -> str:
    """``text`` for a message: as it is if printable and short, else escaped like repr()."""
    if len(text) <= limit and text.isprintable():
        return text
    cut = text[:limit]
    escaped = repr(cut)
    return escaped if len(cut) == len(text) else f"{escaped}... ({len(text):,} characters)"
