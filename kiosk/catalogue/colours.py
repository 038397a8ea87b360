"""Colours named in a product's description, from a fixed vocabulary.

Only colours the description states are given: a product without a colour
word gets none (guessing "red" for every RETROSPOT item would mislead a
shopper who asked for blue).
"""

from __future__ import annotations

import re

# key -> the name a shopper sees
COLOURS: dict[str, str] = {
    "red": "Red", "pink": "Pink", "orange": "Orange", "yellow": "Yellow", "green": "Green",
    "blue": "Blue", "turquoise": "Turquoise", "purple": "Purple", "brown": "Brown",
    "black": "Black", "grey": "Grey", "white": "White", "ivory": "Ivory", "cream": "Cream",
    "silver": "Silver", "gold": "Gold", "copper": "Copper", "multicolour": "Multicolour",
}

# words in descriptions -> colour key
_SYNONYMS: dict[str, str] = {
    "RED": "red", "SCARLET": "red", "CRIMSON": "red", "RUBY": "red", "BURGUNDY": "red",
    "PINK": "pink", "FUCHSIA": "pink", "FUSCHIA": "pink", "ROSE PINK": "pink", "MAGENTA": "pink",
    "ORANGE": "orange", "YELLOW": "yellow", "MUSTARD": "yellow",
    "GREEN": "green", "JADE": "green",
    "BLUE": "blue", "NAVY": "blue", "SKY BLUE": "blue", "DENIM": "blue",
    "TURQUOISE": "turquoise", "AQUA": "turquoise", "TEAL": "turquoise",
    "PURPLE": "purple", "LILAC": "purple", "LAVENDER": "purple", "VIOLET": "purple",
    "MAUVE": "purple",
    "BROWN": "brown", "CHOCOLATE BROWN": "brown",
    "BLACK": "black", "EBONY": "black",
    "GREY": "grey", "GRAY": "grey", "CHARCOAL": "grey",
    "WHITE": "white",
    "IVORY": "ivory",
    "CREAM": "cream", "BEIGE": "cream",
    "SILVER": "silver", "CHROME": "silver", "PEWTER": "silver", "ZINC": "silver",
    "GOLD": "gold", "GOLDEN": "gold", "GILT": "gold",
    "COPPER": "copper", "BRONZE": "copper",
    "MULTICOLOUR": "multicolour", "MULTI COLOUR": "multicolour", "RAINBOW": "multicolour",
    "ASSORTED COLOUR": "multicolour", "ASSORTED COLOURS": "multicolour",
    "ASS COL": "multicolour", "ASSTD COL": "multicolour", "ASSORTED COLOURED": "multicolour",
}
_PATTERN = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _SYNONYMS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def colours_of(name: str) -> list[str]:
    """Colour keys named in ``name``, in the order they appear, without repeats."""
    found: list[str] = []
    for match in _PATTERN.finditer(name):
        word = match.group(1).upper()
        if word == "CREAM" and name[:match.start()].upper().endswith("ICE "):
            continue  # ice cream is a flavour, not a colour
        colour = _SYNONYMS[word]
        if colour not in found:
            found.append(colour)
    return found
