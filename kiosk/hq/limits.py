"""How much of a request head office reads: body sizes and JSON nesting.

Two size caps, both in MB (1,000,000 bytes), set with ``kiosk hq serve
--max-body-mb/--max-inflated-mb`` or the environment:

==========================  =======  =============================================
setting                     default  what it caps
==========================  =======  =============================================
KIOSK_HQ_MAX_BODY_MB        8        bytes as received (compressed or not)
KIOSK_HQ_MAX_INFLATED_MB    16       bytes of the JSON once a gzip body is inflated
==========================  =======  =============================================

A kiosk's full batch (10,000 simulated events) is about 3.9 MB of JSON and
0.6 MB gzipped, so it fits four times over; a plain (not gzip) body is capped
by both. Head office holds at most one capped body per request in memory, so
four requests at once cost at most 4 x 16 MB.

JSON is nested at most ``MAX_JSON_DEPTH`` arrays and objects deep (an event's
payload counts from the batch it is in): the API's documents need fewer than
ten levels, while a parser walking thousands of levels runs out of stack.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

MB = 1_000_000
DEFAULT_MAX_BODY_MB = 8.0
DEFAULT_MAX_INFLATED_MB = 16.0
#: the largest cap that can be set, in MB (head office is not a file store)
MAX_SETTING_MB = 1024.0
MAX_JSON_DEPTH = 64
ENV_MAX_BODY = "KIOSK_HQ_MAX_BODY_MB"
ENV_MAX_INFLATED = "KIOSK_HQ_MAX_INFLATED_MB"


@dataclass(frozen=True)
class BodyLimits:
    """Caps on a request body, in bytes."""

    max_body: int = int(DEFAULT_MAX_BODY_MB * MB)
    max_inflated: int = int(DEFAULT_MAX_INFLATED_MB * MB)

    @classmethod
    def from_mb(cls, max_body_mb: float, max_inflated_mb: float) -> BodyLimits:
        return cls(int(max_body_mb * MB), int(max_inflated_mb * MB))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> BodyLimits:
        """The caps ``KIOSK_HQ_MAX_BODY_MB`` and ``KIOSK_HQ_MAX_INFLATED_MB`` set (or the defaults).

        A value that is not a number from 0.001 to 1024 raises ``ValueError``
        naming the variable and what is allowed.
        """
        environ = os.environ if environ is None else environ
        return cls.from_mb(_mb(environ, ENV_MAX_BODY, DEFAULT_MAX_BODY_MB),
                           _mb(environ, ENV_MAX_INFLATED, DEFAULT_MAX_INFLATED_MB))

    def as_env(self) -> dict[str, str]:
        """The environment that gives these caps (for ``serve --workers N``)."""
        return {ENV_MAX_BODY: repr(self.max_body / MB),
                ENV_MAX_INFLATED: repr(self.max_inflated / MB)}


def _mb(environ: Mapping[str, str], name: str, default: float) -> float:
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0.001 <= value <= MAX_SETTING_MB:  # also refuses nan and inf
        raise ValueError(f"{name} must be a number of MB from 0.001 to {MAX_SETTING_MB:g}")
    return value


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_A_BRACKET = bytes(sorted(set(range(256)) - set(b"[]{}")))
_SQUARE = bytes.maketrans(b"{}", b"[]")


def json_too_deep(document: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text ``document`` nests arrays and objects more than ``limit`` deep.

    Found without parsing (deep nesting is what breaks parsers) and in C-speed
    passes: strings are cut out, every byte but a bracket dropped, then each
    pass removes the innermost pairs, one level. Text that is not JSON (say,
    unbalanced brackets) gives False: its parser then says what is wrong.
    """
    if document.count(b"[") + document.count(b"{") <= limit:
        return False
    brackets = _STRING.sub(b"", document).translate(_SQUARE, _NOT_A_BRACKET)
    for _ in range(limit):
        inner = brackets.replace(b"[]", b"")
        if not inner or len(inner) == len(brackets):
            return False
        brackets = inner
    return b"[]" in brackets
