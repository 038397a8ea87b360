"""0006_help_requests: shoppers' help requests and which tablets have staff signed in.

- ``hq_help_requests``: one row per "Ask for help" at a kiosk (``kiosk.hq.help``),
  keyed by the id the kiosk chose (a UUID, so asking again after a lost answer
  stores it once); ``first_name`` and ``looking_at`` (JSON) are NULL unless the
  shopper consented to ``staff_profile``; ``taken_by`` is the member of staff
  who took it (NULL while nobody has); a request is served until ``expires``.
- ``hq_staff_presence``: one row per tablet, its last heartbeat (``seen``) and
  who is signed in on it (``staff_name`` NULL when nobody is).

Shipped: never edit it.
"""

from __future__ import annotations

from typing import Any

from kiosk.hq.storage.dialect import Dialect

NAME = "0006_help_requests"


def apply(cur: Any, dialect: Dialect) -> None:
    dialect.run(cur, """CREATE TABLE IF NOT EXISTS hq_help_requests (
        request_id TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        kiosk TEXT NOT NULL,
        asked TEXT NOT NULL,
        expires TEXT NOT NULL,
        first_name TEXT,
        looking_at TEXT,
        taken_by TEXT,
        taken_device TEXT,
        taken_at TEXT
    )""")
    dialect.run(cur, "CREATE INDEX IF NOT EXISTS hq_help_requests_store "
                     "ON hq_help_requests(store_id, expires)")
    dialect.run(cur, """CREATE TABLE IF NOT EXISTS hq_staff_presence (
        device TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        staff_name TEXT,
        seen TEXT NOT NULL
    )""")
