"""Properties of the importer's field parsers and record splitter (hypothesis)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.importer.formats import shown_header
from kiosk.importer.readers import (
    EARLIEST,
    MAX_PRICE,
    MAX_QUANTITY,
    RowError,
    parse_customer,
    parse_price,
    parse_quantity,
    parse_ts,
)
from kiosk.importer.records import Records
from kiosk.importer.text import clean_text, shown

UNSAFE = {chr(c) for c in [*range(0x20), *range(0x7f, 0xa0), 0x200e, 0x200f,
                           *range(0x202a, 0x202f), *range(0x2066, 0x206a)]}
numberish = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.from_regex(r"\s*-?[0-9]{1,25}(\.[0-9]{0,5})?(e[+-]?[0-9]{1,3})?\s*", fullmatch=True),
)


@given(numberish)
def test_parse_quantity_is_a_bounded_whole_number_or_a_row_error(text):
    try:
        value = parse_quantity(text)
    except RowError as error:
        assert error.kind in ("malformed", "quantity_out_of_range", "field_too_long")
        return
    assert isinstance(value, int) and -MAX_QUANTITY <= value <= MAX_QUANTITY


@given(st.one_of(numberish, st.text(alphabet="£,0123456789.e-", max_size=20)))
def test_parse_price_is_a_bounded_number_or_a_row_error(text):
    try:
        value = parse_price(text)
    except RowError as error:
        assert error.kind in ("malformed", "price_out_of_range", "field_too_long")
        return
    assert -MAX_PRICE <= value <= MAX_PRICE


LATEST = datetime(2030, 1, 1)


@given(st.one_of(
    st.text(max_size=40),
    st.datetimes().map(lambda d: d.isoformat(" ")),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: f"{d.month}/{d.day}/{d.year} {d.hour}:{d.minute:02d}"),
))
def test_parse_ts_is_a_bounded_time_or_a_row_error(text):
    try:
        value = parse_ts(text, LATEST)
    except RowError as error:
        assert error.kind in ("malformed", "date_out_of_range", "field_too_long")
        return
    assert EARLIEST <= value <= LATEST and value.tzinfo is None


@given(st.text(max_size=200))
def test_customer_ids_and_cleaned_text_hold_no_control_characters(text):
    assert not UNSAFE & set(clean_text(text))
    try:
        customer = parse_customer(text)
    except RowError:
        return
    assert customer is None or (customer and not UNSAFE & set(customer))


@given(st.text(max_size=300))
def test_shown_text_never_carries_a_control_character(text):
    assert not UNSAFE & set(shown(text))
    assert not UNSAFE & set(shown_header([text, text]))


csv_field = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\t')), max_size=12)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(csv_field, min_size=1, max_size=4), min_size=1, max_size=8),
       st.sampled_from(["\n", "\r\n"]), st.text(alphabet='ab,"\n', max_size=30))
def test_records_split_a_file_exactly_as_csv_does(rows, terminator, junk):
    """Written CSV (any quoting) plus junk: the rows and their first lines equal csv's."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=terminator).writerows(rows)
    text = buffer.getvalue() + junk

    expected, plain = [], csv.reader(io.StringIO(text, newline=""))
    while True:
        start = plain.line_num + 1
        try:
            expected.append((start, next(plain)))
        except StopIteration:
            break
    records = Records(io.StringIO(text, newline=""))
    got = []
    while True:
        start = records.reader.line_num + 1
        try:
            row = next(records.reader)
        except StopIteration:
            break
        got.append((start + records.hidden, row))
    assert got == expected and not records.skipped


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(csv_field, min_size=1, max_size=4), min_size=1, max_size=8),
       st.sampled_from(["\n", "\r\n", "\r"]), st.text(alphabet='ab,"\n\r', max_size=30),
       st.integers(min_value=3, max_value=40))
def test_records_leave_out_exactly_the_records_over_the_limit(rows, terminator, junk, limit):
    """Each record csv finds is handed over whole if it is within ``limit`` characters and
    left out (noted with its first line and length) otherwise; line numbers stay right."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=terminator).writerows(rows)
    text = buffer.getvalue() + junk
    lines = io.StringIO(text, newline="").readlines()
    plain = csv.reader(io.StringIO(text, newline=""))
    kept, left_out = [], []
    while True:
        start = plain.line_num + 1
        try:
            row = next(plain)
        except StopIteration:
            break
        chars = sum(len(line) for line in lines[start - 1:plain.line_num])
        (kept if chars <= limit else left_out).append((start, row if chars <= limit else chars))
    records = Records(io.StringIO(text, newline=""), max_chars=limit)
    got = []
    while True:
        start = records.reader.line_num + 1
        try:
            row = next(records.reader)
        except StopIteration:
            break
        got.append((start + records.hidden, row))
    assert got == kept
    assert records.skipped == left_out
