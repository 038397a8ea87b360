"""Crockford base32 and its mod-37 check symbol, for codes people read and type.

The alphabet leaves out I, L, O and U, so a typed code survives the usual
confusions: on input I and L read as 1, O as 0, case does not matter and
hyphens or spaces are ignored (``normalise``).
"""

from __future__ import annotations

import base64

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_RFC4648, ALPHABET)
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
# Python's int() reads base 32 with the digits 0-9a-v: a fast, C-level decoder.
# Every byte outside the alphabet becomes "!", which int() refuses, so the
# translation also validates (no "_", sign or space slips through).
_INT_DIGITS = bytearray(b"!" * 256)
for _value, _char in enumerate(ALPHABET):
    _INT_DIGITS[ord(_char)] = ord("0123456789abcdefghijklmnopqrstuv"[_value])
_TO_INT_DIGITS = bytes(_INT_DIGITS)
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0", "-": None, " ": None})
_FOLD_ASCII = bytes(range(256)).upper().translate(bytes.maketrans(b"ILO", b"110"))


def encode_bytes(data: bytes) -> str:
    """Crockford base32 of ``data`` (whose length must be a multiple of 5: no padding)."""
    if len(data) % 5:
        raise ValueError("encode_bytes needs a multiple of 5 bytes")
    return base64.b32encode(data).decode("ascii").translate(_TO_CROCKFORD)


def decode_bytes(text: str) -> bytes:
    """The bytes of a strict (upper-case, canonical) Crockford base32 text.

    Any other symbol, or a length not a multiple of 8, raises ``ValueError``.
    """
    if len(text) % 8:
        raise ValueError("decode_bytes needs a multiple of 8 symbols")
    return decode_int(text).to_bytes(len(text) * 5 // 8, "big")


def encode_int(value: int, width: int) -> str:
    """``value`` as exactly ``width`` base32 symbols, most significant first."""
    if value < 0 or value >> (5 * width):
        raise ValueError(f"{value} does not fit in {width} base32 symbols")
    return "".join(ALPHABET[(value >> (5 * (width - 1 - i))) & 31] for i in range(width))


def decode_int(text: str) -> int:
    """The number a canonical base32 text encodes; ValueError for any other symbol."""
    try:
        digits = text.encode("ascii")
    except UnicodeEncodeError:
        raise ValueError("not a base32 text") from None
    return int(digits.translate(_TO_INT_DIGITS), 32) if digits else 0


def check_value(text: str) -> int:
    """Crockford's check value: the number ``text`` encodes, modulo 37.

    37 is prime and larger than the base, so changing any one symbol changes
    the value by ``d * 32**i`` with ``0 < |d| < 32`` and swapping two
    neighbours by ``d * 31 * 32**i``; neither is ever a multiple of 37.
    """
    return decode_int(text) % 37


def normalise(text: str) -> str:
    """What a person typed, as canonical symbols (case, I/L/O, separators folded)."""
    try:
        raw = text.encode("ascii")
    except UnicodeEncodeError:
        return text.upper().translate(_ALIASES)
    # the same folding as bytes: one C table look-up a symbol (4x faster)
    return raw.translate(_FOLD_ASCII, b"- ").decode("ascii")


def is_canonical(text: str) -> bool:
    return all(char in _VALUES for char in text)
