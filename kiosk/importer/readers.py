"""Read a transactions file (UCI or neutral layout) into ``RawLine`` records.

Parsing only: every well-formed row comes out, quirks included (anonymous
sales, returns, fees, duplicates); ``kiosk.importer.cleaning`` decides what to
keep. A row that cannot be parsed is reported through ``on_problem`` with its
line number and the reason, and reading goes on.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.importer.formats import (
    Layout,
    UnknownLayoutError,
    detect_layout,
    expected_columns_message,
    open_text,
)

PROGRESS_EVERY = 20_000


@dataclass(slots=True)
class RawLine:
    """One parsed row of the file, before cleaning."""

    line: int  # line number in the file (the header is line 1)
    invoice: str
    sku: str
    description: str
    quantity: int
    unit_price: float
    ts: datetime  # naive; an aware time is converted to UTC first
    customer_id: str | None  # None: an anonymous sale
    country: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A row that could not be read."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class MalformedRow(ValueError):
    pass


def parse_quantity(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        raise MalformedRow(f"quantity {text.strip()[:30]!r} is not a number") from None
    if value != value or not value.is_integer():
        raise MalformedRow(f"quantity {text.strip()[:30]!r} is not a whole number")
    return int(value)


def parse_price(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        try:
            value = float(text.replace("£", "").replace(",", ""))
        except ValueError:
            raise MalformedRow(f"unit price {text.strip()[:30]!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise MalformedRow(f"unit price {text.strip()[:30]!r} is not a number")
    return value


_DATE_FORMATS = ("%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M:%S")


def parse_ts(text: str) -> datetime:
    text = text.strip()
    try:
        ts = datetime.fromisoformat(text)
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt)
            except ValueError:
                continue
        raise MalformedRow(f"date {text[:30]!r} is not a date and time "
                           "(expected YYYY-MM-DD HH:MM:SS)") from None
    if ts.tzinfo is not None:
        ts = ts.astimezone(UTC).replace(tzinfo=None)
    return ts


def parse_customer(text: str) -> str | None:
    text = text.strip()
    if not text or text.lower() in ("nan", "none", "null"):
        return None
    # Spreadsheet exports write 17850 as "17850.0"
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def row_parser(layout: Layout) -> Callable[[list[str], int], RawLine]:
    """A function turning CSV rows of ``layout`` into RawLines (raises MalformedRow).

    Invoice numbers, codes, quantities, prices, customers, countries and times
    repeat a lot, so each distinct text is parsed once and its result shared
    (less time, less memory). Column positions are bound as locals: this runs
    once per row of a 541,909-row file.
    """
    ix = layout.index
    width = layout.width
    i_invoice, i_sku, i_qty = ix["invoice"], ix["sku"], ix["quantity"]
    i_price, i_ts = ix["unit_price"], ix["ts"]
    i_desc, i_customer, i_country = ix.get("description"), ix.get("customer_id"), ix.get("country")
    times: dict[str, datetime] = {}
    customers: dict[str, str | None] = {}
    quantities: dict[str, int] = {}
    prices: dict[str, float] = {}
    share = {}.setdefault  # share(text, text): one copy of each distinct text

    def parse(row: list[str], line: int) -> RawLine:
        if len(row) != width:
            raise MalformedRow(f"{len(row)} fields where the header has {width}")
        invoice = row[i_invoice].strip()
        sku = row[i_sku].strip().upper()
        if not invoice:
            raise MalformedRow("no invoice number")
        if not sku:
            raise MalformedRow("no stock code")
        text = row[i_ts]
        ts = times.get(text)
        if ts is None:
            ts = times[text] = parse_ts(text)
        text = row[i_qty]
        quantity = quantities.get(text)
        if quantity is None:
            quantity = quantities[text] = parse_quantity(text)
        text = row[i_price]
        price = prices.get(text)
        if price is None:
            price = prices[text] = parse_price(text)
        country = row[i_country].strip() if i_country is not None else ""
        customer = None
        if i_customer is not None:
            text = row[i_customer]
            if text in customers:
                customer = customers[text]
            else:
                customer = customers[text] = parse_customer(text)
        return RawLine(
            line,
            share(invoice, invoice),
            share(sku, sku),
            row[i_desc] if i_desc is not None else "",
            quantity,
            price,
            ts,
            customer,
            share(country, country),
        )

    return parse


def iter_rows(path: str | os.PathLike[str], *,
              on_problem: Callable[[Problem], None] | None = None,
              progress: Callable[[int, int], None] | None = None,
              ) -> tuple[Layout, Iterator[tuple[int, list[str]]]]:
    """The file's layout and its data rows as ``(line number, fields)``, unparsed.

    Raises UnknownLayoutError (naming the expected columns) if the header fits
    no layout. Rows that are not valid CSV go to ``on_problem``; blank lines
    are left out. ``progress(bytes_read, total)`` is called now and then,
    with sizes of the file on disk.
    """
    text, counter, size = open_text(path)
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        text.close()
        raise UnknownLayoutError(f"the file is empty; {expected_columns_message()}") from None
    except (csv.Error, UnicodeError, OSError) as error:
        text.close()
        raise UnknownLayoutError(
            f"cannot read a CSV header ({error}); {expected_columns_message()}") from None
    try:
        layout = detect_layout(header)
    except UnknownLayoutError:
        text.close()
        raise

    def rows() -> Iterator[tuple[int, list[str]]]:
        with text:
            count = 0
            while True:
                start = reader.line_num + 1  # a quoted field may span several lines
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    if on_problem is not None:
                        on_problem(Problem(start, f"not valid CSV: {error}"))
                    continue
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(counter.consumed, size)
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # a blank line is not a row
                yield start, row
            if progress is not None:
                progress(size, size)

    return layout, rows()


def read_lines(path: str | os.PathLike[str], *,
               on_problem: Callable[[Problem], None] | None = None,
               progress: Callable[[int, int], None] | None = None) -> Iterator[RawLine]:
    """Parse a UCI or neutral CSV (gzipped or plain), detected by its header.

    Raises UnknownLayoutError (naming the expected columns) on the first
    ``next()`` if the header fits no layout. A row that cannot be parsed goes
    to ``on_problem`` with its line number and the reason; reading goes on.
    """
    layout, rows = iter_rows(path, on_problem=on_problem, progress=progress)
    parse = row_parser(layout)
    for line, row in rows:
        try:
            yield parse(row, line)
        except MalformedRow as error:
            if on_problem is not None:
                on_problem(Problem(line, str(error)))
