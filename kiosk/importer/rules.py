"""Cleaning rules: what is a product, what a product is called, text repairs.

What is not a product (postage, fees, manual adjustments, vouchers) is told
by a rule on the item's name, not by a list of codes nor by the shape of the
codes, since every retailer numbers its goods its own way: an item whose name
is a service ("POSTAGE", "Next Day Carriage", "... Gift Voucher ...",
"Manual", "Discount", "Bank Charges", "... Commission", "Samples", "Adjust bad
debt", "Handling") is not a product. On the Online Retail file this rule
alone puts out exactly the codes that are not five digits (POST, DOT, M, C2,
BANK CHARGES, gift_0001_20, ...), plus the carriage item 23444.
"""

from __future__ import annotations

import re
from collections import Counter

_SERVICE_NAME = re.compile(
    r"""(?:dotcom\s+|next\s+day\s+)?(?:postage|carriage|delivery|shipping)
      | manual | discount | samples? | bank\s+charges? | handling | .*\bfee\b.*
      | .*\bservice\s+charge\b.* | .*\bgift\s+card\b.*
      | .*\bcommission\b.* | .*\bgift\s+voucher\b.* | adjust(?:ment)?\b.*
      | .*\bpads\s+to\s+match\b.*""",
    re.IGNORECASE | re.VERBOSE,
)
_SPACES = re.compile(r"\s+")
# Mis-decoded UTF-8 read as Latin-1: the pound sign shows up as "Â£".
_MOJIBAKE = {"Â£": "£", "Ã©": "é", "â€™": "’", "Â ": " "}


def is_service_name(name: str) -> bool:
    """True if a description names a charge or a service rather than goods."""
    return _SERVICE_NAME.fullmatch(name.strip()) is not None


def is_product(sku: str, name: str) -> bool:
    """True unless the item is a charge, a service or an adjustment (see above)."""
    return not is_service_name(name)


def repair_text(text: str) -> str:
    """Undo mis-decoded characters and tidy spaces."""
    if "Â" in text or "Ã" in text or "â€" in text:
        for bad, good in _MOJIBAKE.items():
            text = text.replace(bad, good)
    text = text.strip()
    if "  " in text or "\t" in text or "\n" in text:
        text = _SPACES.sub(" ", text)
    return text


def choose_name(counts: Counter[str]) -> str | None:
    """The most frequent description; ties go to the alphabetically first (stable)."""
    if not counts:
        return None
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def fallback_name(sku: str) -> str:
    """The name of a product whose every row had an empty description."""
    return f"Item {sku}"


def choose_price(counts: Counter[float]) -> float:
    """The price a product most often sold at; ties go to the higher price."""
    return max(counts.items(), key=lambda item: (item[1], item[0]))[0]
