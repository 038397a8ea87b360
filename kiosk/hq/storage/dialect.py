"""SQL written once for both backends: ``?`` placeholders, translated for each driver.

Head office's shared SQL (``base.py``, ``kiosk.hq.registry``, the migrations)
marks each parameter with ``?``, SQLite's own style, and runs through
``Dialect.run``. For psycopg, whose placeholders are ``%s``, the text is
tokenized: string literals, quoted identifiers and comments are copied as
they are, so a literal ``'?'`` stays a question mark, and every ``%`` is
doubled, because psycopg takes a ``%`` anywhere in the text (quoted or not)
for the start of a placeholder. The jsonb operators ``?``, ``?|`` and ``?&``
cannot be written in shared SQL (they would become placeholders): use
``jsonb_exists()`` and its siblings.

Where the backends' SQL differs (column types, JSON functions, locking,
bulk loading), the backend module keeps its own text in its driver's style.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

_TOKEN = re.compile(
    r"""
      (?<![\w$])[eE]'(?:[^'\\]|\\.|'')*'                  # an escape string: E'it\'s'
    | '(?:[^']|'')*'                                       # a string ('' is a quote in it)
    | "(?:[^"]|"")*"                                       # a quoted identifier
    | --[^\n]*                                             # a comment to the end of the line
    | /\*.*?\*/                                            # a block comment
    | \$(?P<tag>(?:[A-Za-z_][A-Za-z_0-9]*)?)\$.*?\$(?P=tag)\$  # a dollar-quoted string
    | \?                                                   # a placeholder
    | %
    """,
    re.DOTALL | re.VERBOSE,
)


def _as_format(match: re.Match[str]) -> str:
    token = match.group()
    return "%s" if token == "?" else token.replace("%", "%%")


@functools.lru_cache(maxsize=2048)
def qmark_to_format(sql: str) -> str:
    """``sql`` with ``?`` placeholders in psycopg's style (``%s``, a literal ``%`` as ``%%``)."""
    return _TOKEN.sub(_as_format, sql)


class Dialect:
    """What differs between the backends' SQL that shared code needs to know."""

    name = "abstract"
    #: the type of an auto-incrementing primary key column
    serial_pk = ""
    #: the type of a 64-bit integer column
    bigint = "BIGINT"

    def sql(self, text: str) -> str:
        """``text`` (``?`` placeholders) as this backend's driver takes it."""
        return text

    def run(self, cur: Any, text: str, params: Sequence[Any] = ()) -> Any:
        """Execute shared SQL on ``cur``; returns ``cur`` for ``fetchone``/``fetchall``."""
        cur.execute(self.sql(text), params)
        return cur

    def tables(self, cur: Any) -> set[str]:
        """The names of the tables in the database (its current schema, for PostgreSQL)."""
        raise NotImplementedError

    def columns(self, cur: Any, table: str) -> set[str]:
        """The column names of ``table`` (empty if there is no such table)."""
        raise NotImplementedError


class SQLiteDialect(Dialect):
    name = "sqlite"
    serial_pk = "INTEGER PRIMARY KEY AUTOINCREMENT"
    bigint = "INTEGER"

    def tables(self, cur: Any) -> set[str]:
        rows = self.run(cur, "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {row[0] for row in rows}

    def columns(self, cur: Any, table: str) -> set[str]:
        return {row[1] for row in self.run(cur, "SELECT * FROM pragma_table_info(?)",
                                           [table]).fetchall()}


class PostgresDialect(Dialect):
    name = "postgresql"
    serial_pk = "BIGSERIAL PRIMARY KEY"
    bigint = "BIGINT"

    def sql(self, text: str) -> str:
        return qmark_to_format(text)

    def tables(self, cur: Any) -> set[str]:
        rows = self.run(cur, "SELECT table_name FROM information_schema.tables "
                             "WHERE table_schema = current_schema()").fetchall()
        return {row[0] for row in rows}

    def columns(self, cur: Any, table: str) -> set[str]:
        rows = self.run(cur, "SELECT column_name FROM information_schema.columns "
                             "WHERE table_schema = current_schema() AND table_name = ?",
                        [table]).fetchall()
        return {row[0] for row in rows}


SQLITE = SQLiteDialect()
POSTGRESQL = PostgresDialect()
