"""Split CSV text into records for ``csv.reader``, leaving out any record over a size limit.

``csv.reader`` reads a quoted field up to its closing quote across any
number of lines before it checks ``csv.field_size_limit``; when it gives up
it carries on *inside* the field, so each line of a huge quoted field came
out as a row of its own (a 1 GB field gave a million "duplicate" rows), and
one line without a line break is read whole into memory first. ``Records``
follows the quoting itself, by the rules of csv's default dialect, reads at
most ``MAX_RECORD_CHARS + 1`` characters at a time, and hands csv one record
at a time: a record longer than the limit is skipped to its real end and
noted once in ``skipped``, so it becomes one bad row with its line number.

Only lines that hold a quote (about 1 % of the Online Retail file) are
scanned character by character; the others pass straight through.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Generator, Iterator
from typing import TextIO

#: The longest record (one row of the file, all fields) read; a row of the
#: Online Retail file is about 100 characters. Below csv's own field limit
#: (131,072), which is therefore never reached.
MAX_RECORD_CHARS = 65_536

# Where csv's parser is within a record.
START, FIELD, QUOTED, QUOTE_IN_QUOTED = range(4)
_SPECIAL = re.compile('[",]')
_LINE_ENDS = "\n\r"
# A whole record on one line whose fields are unquoted (without quotes) or
# properly quoted: the usual shape of a line with quotes, told apart at C speed.
_FIELD = r'(?:[^",\r\n]*|"(?:[^"]|"")*")'
_ONE_LINE_RECORD = re.compile(rf"{_FIELD}(?:,{_FIELD})*(?:\r\n|\r|\n)")


def advance(text: str, state: int) -> int:
    """The parser's state after ``text`` (which holds no line break), starting in ``state``.

    As csv does it (quotechar ``"``, doublequote, not strict): a quote opens
    a quoted field only at the start of a field; inside, ``""`` is a quote
    and a quote followed by anything but a comma or the line's end goes on
    as an unquoted field.
    """
    pos = 0
    for match in _SPECIAL.finditer(text):
        at = match.start()
        if at > pos and state in (START, QUOTE_IN_QUOTED):
            state = FIELD  # ordinary characters came first
        if text[at] == '"':
            if state == START:
                state = QUOTED
            elif state == QUOTED:
                state = QUOTE_IN_QUOTED
            elif state == QUOTE_IN_QUOTED:
                state = QUOTED  # "" inside quotes
        elif state != QUOTED:
            state = START  # a comma ends the field
        pos = at + 1
    if pos < len(text) and state in (START, QUOTE_IN_QUOTED):
        state = FIELD
    return state


class Records:
    """``reader``: a ``csv.reader`` over ``text`` that never sees a record over the limit.

    Each record left out is noted in ``skipped`` as ``(line, characters)``
    (the first line is 1), for the caller to report and clear. The line a
    row starts on is ``line_num + 1 + hidden``, with the reader's
    ``line_num`` taken before reading the row and ``hidden`` (lines never
    handed to csv) after.
    """

    def __init__(self, text: TextIO, max_chars: int = MAX_RECORD_CHARS):
        self._readline = text.readline
        self.max_chars = max_chars
        self.hidden = 0
        self.skipped: list[tuple[int, int]] = []
        self.reader = csv.reader(self._lines())

    def _lines(self) -> Iterator[str]:
        readline, limit = self._readline, self.max_chars + 1
        line = readline(limit)
        while line:
            if len(line) < limit and '"' not in line and line[-1] in _LINE_ENDS:
                yield line  # a whole line without quotes is a whole record
            elif len(line) < limit and _ONE_LINE_RECORD.fullmatch(line):
                yield line
            else:
                line = yield from self._record(line)
                continue
            line = readline(limit)

    def _record(self, line: str) -> Generator[str, None, str]:
        """The lines of the record starting with ``line``; returns the line read after it."""
        readline, limit = self._readline, self.max_chars + 1
        first = self.reader.line_num + self.hidden + 1
        parts: list[str] = []
        lines, size, state, too_long = 0, 0, START, False
        after = ""
        while True:
            if len(line) == limit and line[-1] == "\r":
                # readline stopped at the limit: this may be the first half of "\r\n"
                after = readline(limit)
                if after == "\n":
                    line, after = line + after, ""
            whole = line[-1] in _LINE_ENDS
            if whole or len(line) < limit:  # a line's end (the last may lack a break)
                lines += 1
            size += len(line)
            body = line.rstrip(_LINE_ENDS) if whole else line
            if '"' in body or state != QUOTED:
                state = advance(body, state)
            if not too_long:
                parts.append(line)
                if size > self.max_chars:
                    too_long, parts = True, []
            if state != QUOTED and (whole or len(line) < limit):
                break
            line, after = after or readline(limit), ""
            if not line:
                break  # the file ends inside quotes: csv takes what there is
        if too_long:
            self.hidden += lines
            self.skipped.append((first, size))
        else:
            yield from parts
        return after or self._readline(limit)
