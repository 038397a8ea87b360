"""Which layout a transactions file has, read from its header.

Two layouts are known: the UCI "Online Retail" export and the project's
neutral transactions CSV. Columns are matched by name (any order, any case,
extra columns ignored); a header that fits neither stops the import with a
message naming the columns each layout needs.
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.importer.text import shown

# Our field name -> the column name in each layout.
UCI_COLUMNS = {
    "invoice": "InvoiceNo", "sku": "StockCode", "description": "Description",
    "quantity": "Quantity", "ts": "InvoiceDate", "unit_price": "UnitPrice",
    "customer_id": "CustomerID", "country": "Country",
}
NEUTRAL_COLUMNS = {
    "invoice": "invoice", "customer_id": "customer_id", "sku": "sku",
    "description": "description", "quantity": "quantity", "unit_price": "unit_price",
    "ts": "ts", "country": "country",
}
# Fields a layout may leave out: a file without customers is all anonymous sales.
OPTIONAL_FIELDS = frozenset({"description", "customer_id", "country"})


class UnknownLayoutError(ValueError):
    """The file's header matches no known layout."""


@dataclass(frozen=True)
class Layout:
    name: str  # "uci" | "neutral"
    index: dict[str, int]  # our field name -> column position (absent optional fields missing)
    width: int  # number of header columns


def _key(name: str) -> str:
    return name.strip().strip("\ufeff").lower().replace(" ", "").replace("_", "")


def expected_columns_message() -> str:
    uci = ", ".join(UCI_COLUMNS.values())
    neutral = ", ".join(NEUTRAL_COLUMNS.values())
    return (f"expected the UCI Online Retail columns ({uci}) or the neutral transactions "
            f"columns ({neutral}); extra columns are ignored")


def detect_layout(header: Sequence[str]) -> Layout:
    """Match a header row to a layout, or raise UnknownLayoutError."""
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        positions.setdefault(_key(name), i)
    for layout_name, columns in (("uci", UCI_COLUMNS), ("neutral", NEUTRAL_COLUMNS)):
        index = {field: positions[_key(col)] for field, col in columns.items()
                 if _key(col) in positions}
        missing = [col for field, col in columns.items()
                   if field not in index and field not in OPTIONAL_FIELDS]
        if not missing:
            return Layout(layout_name, index, len(header))
    raise UnknownLayoutError(
        f"unknown file layout: the header has columns [{shown_header(header)}]; "
        f"{expected_columns_message()}"
    )


MAX_COLUMNS_SHOWN = 30


def shown_header(header: Sequence[str]) -> str:
    """The header's column names for a message: escaped, each and all of them cut short.

    A name that is not plain printable text is shown like ``repr()`` (so
    terminal escape sequences in a file never reach the terminal).
    """
    names = [shown(name.strip(), 40) for name in header[:MAX_COLUMNS_SHOWN]]
    if len(header) > MAX_COLUMNS_SHOWN:
        names.append(f"... {len(header) - MAX_COLUMNS_SHOWN:,} more")
    return ", ".join(names) or "(empty)"


class CountingFile(io.RawIOBase):
    """A binary file that remembers how many bytes were read (for the progress bar)."""

    def __init__(self, raw: io.BufferedReader):
        self._raw = raw
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = self._raw.readinto(buffer)
        self.consumed += n or 0
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_text(path: str | os.PathLike[str]) -> tuple[io.TextIOWrapper, CountingFile, int]:
    """Open a CSV file, gzipped or plain (told apart by its magic bytes).

    Returns the text stream, the byte counter of the file on disk and its size.
    Undecodable bytes become U+FFFD instead of stopping the import.
    """
    path = Path(path)
    size = path.stat().st_size
    counter = CountingFile(open(path, "rb"))  # noqa: SIM115 - closed with the text stream
    buffered = io.BufferedReader(counter, buffer_size=1 << 20)
    binary: io.BufferedIOBase = buffered
    if buffered.peek(2)[:2] == b"\x1f\x8b":
        binary = gzip.GzipFile(fileobj=buffered, mode="rb")
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
    return text, counter, size
