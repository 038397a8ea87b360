"""Read a transactions file (UCI or neutral layout) into ``RawLine`` records.

Parsing only: every well-formed row comes out, quirks included (anonymous
sales, returns, fees, duplicates); ``kiosk.importer.rules`` decides what to
keep. A row that cannot be parsed is reported through ``on_problem`` with its
line number, the reason and a reason code (``kind``), and reading goes on.

Every field is bounded, so no value from the file can overflow a column,
an aggregate or a screen: a row is at most ``MAX_RECORD_CHARS`` characters
and each field at most ``MAX_FIELD_CHARS`` of its kind (``field_too_long``);
a quantity is a whole number within ±``MAX_QUANTITY``
(``quantity_out_of_range``), a unit price within ±``MAX_PRICE``
(``price_out_of_range``), a time from ``EARLIEST`` to a day after now
(``date_out_of_range``). Control characters are taken out of every text
field (``kiosk.importer.text``).
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.importer.formats import (
    Layout,
    UnknownLayoutError,
    detect_layout,
    expected_columns_message,
    open_text,
)
from kiosk.importer.records import MAX_RECORD_CHARS, Records
from kiosk.importer.text import clean_text, shown

PROGRESS_EVERY = 20_000

# Bounds of the values a row may hold, with room to spare: the Online Retail
# file's largest quantity is 80,995 and its largest |unit price| 38,970.
MAX_QUANTITY = 1_000_000
MAX_PRICE = 10_000_000.0
EARLIEST = datetime(1990, 1, 1)
FUTURE_SLACK = timedelta(days=1)  # till clocks and time zones: a sale up to a day ahead
MAX_FIELD_CHARS = {
    "invoice": 64, "sku": 64, "customer_id": 128, "country": 100, "description": 1000,
    "quantity": 64, "unit_price": 64, "ts": 64,
}


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
    """A row that could not be read (``kind``: its skip reason in the report)."""

    line: int
    reason: str
    kind: str = "malformed"

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class RowError(ValueError):
    """A row that cannot be taken; ``kind`` is the skip reason it is counted under."""

    kind = "malformed"


class MalformedRow(RowError):
    kind = "malformed"


class FieldTooLong(RowError):
    kind = "field_too_long"


class OutOfRange(RowError):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _quoted(text: str) -> str:
    return repr(text.strip()[:30])


def check_length(field: str, text: str) -> str:
    """``text`` if it is within the field's size limit, else FieldTooLong."""
    limit = MAX_FIELD_CHARS[field]
    if len(text) > limit:
        raise FieldTooLong(f"{field.replace('_', ' ')} is {len(text):,} characters long "
                           f"(at most {limit:,})")
    return text


def parse_quantity(text: str) -> int:
    """A whole number within ±MAX_QUANTITY ("6", " 6 ", "6.0", "1e3")."""
    check_length("quantity", text)
    try:
        value: float = int(text)
    except ValueError:
        value = _float(text)
    if math.isnan(value):
        raise MalformedRow(f"quantity {_quoted(text)} is not a number")
    if math.isfinite(value) and not value.is_integer():
        raise MalformedRow(f"quantity {_quoted(text)} is not a whole number")
    if not -MAX_QUANTITY <= value <= MAX_QUANTITY:
        raise OutOfRange("quantity_out_of_range",
                         f"quantity {_quoted(text)} is out of range "
                         f"(at most {MAX_QUANTITY:,} either way)")
    return int(value)


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return math.nan


def parse_price(text: str) -> float:
    """A number within ±MAX_PRICE ("2.55", "£1,250.00")."""
    check_length("unit_price", text)
    try:
        value = float(text)
    except ValueError:
        try:
            value = float(text.replace("£", "").replace(",", ""))
        except ValueError:
            raise MalformedRow(f"unit price {_quoted(text)} is not a number") from None
    if math.isnan(value):
        raise MalformedRow(f"unit price {_quoted(text)} is not a number")
    if not -MAX_PRICE <= value <= MAX_PRICE:
        raise OutOfRange("price_out_of_range",
                         f"unit price {_quoted(text)} is out of range "
                         f"(at most {MAX_PRICE:,.0f} either way)")
    return value


_DATE_FORMATS = ("%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M:%S")


def parse_ts(text: str, latest: datetime | None = None) -> datetime:
    """A time (naive, UTC if the text had a zone) from EARLIEST to ``latest``.

    ``latest`` defaults to a day after now.
    """
    check_length("ts", text)
    text = text.strip()
    try:
        ts = datetime.fromisoformat(text)
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                ts = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        else:
            raise MalformedRow(f"date {_quoted(text)} is not a date and time "
                               "(expected YYYY-MM-DD HH:MM:SS)") from None
    if ts.tzinfo is not None:
        try:
            ts = ts.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:  # year 1 or 9999 moved across midnight by its zone
            ts = datetime.min if ts.year < 2000 else datetime.max
    if latest is None:
        latest = latest_time()
    if not EARLIEST <= ts <= latest:
        raise OutOfRange("date_out_of_range",
                         f"date {_quoted(text)} is out of range (from "
                         f"{EARLIEST:%Y-%m-%d} to {latest:%Y-%m-%d})")
    return ts


def latest_time() -> datetime:
    """The latest time a row may have: a day after now (naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None) + FUTURE_SLACK


def parse_customer(text: str) -> str | None:
    text = clean_text(text).strip()
    if not text or text.lower() in ("nan", "none", "null"):
        return None
    check_length("customer_id", text)
    # Spreadsheet exports write 17850 as "17850.0"
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def parse_text(field: str, text: str) -> str:
    """A text field, control characters taken out, within its size limit."""
    return check_length(field, clean_text(text))


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
    latest = latest_time()
    # Each distinct text is checked and cleaned once; rows share the result.
    invoices: dict[str, str] = {}
    skus: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    countries: dict[str, str] = {}
    times: dict[str, datetime] = {}
    customers: dict[str, str | None] = {}
    quantities: dict[str, int] = {}
    prices: dict[str, float] = {}

    def parse(row: list[str], line: int) -> RawLine:
        if len(row) != width:
            raise MalformedRow(f"{len(row)} fields where the header has {width}")
        text = row[i_invoice]
        invoice = invoices.get(text)
        if invoice is None:
            invoice = invoices[text] = parse_text("invoice", text.strip()).strip()
        text = row[i_sku]
        sku = skus.get(text)
        if sku is None:
            sku = skus[text] = parse_text("sku", text.strip()).strip().upper()
        if not invoice:
            raise MalformedRow("no invoice number")
        if not sku:
            raise MalformedRow("no stock code")
        text = row[i_ts]
        ts = times.get(text)
        if ts is None:
            ts = times[text] = parse_ts(text, latest)
        text = row[i_qty]
        quantity = quantities.get(text)
        if quantity is None:
            quantity = quantities[text] = parse_quantity(text)
        text = row[i_price]
        price = prices.get(text)
        if price is None:
            price = prices[text] = parse_price(text)
        description = ""
        if i_desc is not None:
            text = row[i_desc]
            description = descriptions.get(text)
            if description is None:
                description = descriptions[text] = parse_text("description", text)
        country = ""
        if i_country is not None:
            text = row[i_country]
            country = countries.get(text)
            if country is None:
                country = countries[text] = parse_text("country", text.strip()).strip()
        customer = None
        if i_customer is not None:
            text = row[i_customer]
            if text in customers:
                customer = customers[text]
            else:
                customer = customers[text] = parse_customer(text)
        return RawLine(line, invoice, sku, description, quantity, price, ts, customer, country)

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
    records = Records(text)
    reader = records.reader
    try:
        header = next(reader)
        if records.skipped:
            raise UnknownLayoutError(
                f"the header is longer than {MAX_RECORD_CHARS:,} characters; "
                f"{expected_columns_message()}")
    except StopIteration:
        text.close()
        raise UnknownLayoutError(f"the file is empty; {expected_columns_message()}") from None
    except (csv.Error, UnicodeError, OSError) as error:
        text.close()
        raise UnknownLayoutError(
            f"cannot read a CSV header ({shown(str(error))}); "
            f"{expected_columns_message()}") from None
    except UnknownLayoutError:
        text.close()
        raise
    try:
        layout = detect_layout(header)
    except UnknownLayoutError:
        text.close()
        raise

    def too_long() -> None:
        for line, chars in records.skipped:
            if on_problem is not None:
                on_problem(Problem(line, f"row is {chars:,} characters long (at most "
                                         f"{MAX_RECORD_CHARS:,}); skipped to its end",
                                   FieldTooLong.kind))
        records.skipped.clear()

    def rows() -> Iterator[tuple[int, list[str]]]:
        skipped = records.skipped
        offset = 1  # a row starts on the line after those csv has read, plus hidden ones
        with text:
            count = 0
            while True:
                before = reader.line_num
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    too_long()
                    if on_problem is not None:
                        on_problem(Problem(before + 1 + records.hidden,
                                           f"not valid CSV: {error}"))
                    continue
                if skipped:
                    too_long()
                    offset = 1 + records.hidden
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(counter.consumed, size)
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # a blank line is not a row
                yield before + offset, row
            too_long()
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
        except RowError as error:
            if on_problem is not None:
                on_problem(Problem(line, str(error), error.kind))
