"""Several processes opening a new kiosk database at once (the app, ``kiosk sync``, a
command) all start: each migration is applied once, by one of them."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

OPEN = """
import sys
from kiosk.app import Kiosk
from kiosk.config import Config
Kiosk(Config(database=sys.argv[1], store_id="s1", kiosk_id="k"), entrypoints=False).close()
"""


def test_processes_opening_a_new_database_at_once_all_start(tmp_path):
    for attempt in range(3):
        database = tmp_path / f"kiosk-{attempt}.db"
        starts = [subprocess.Popen([sys.executable, "-c", OPEN, str(database)],
                                   stderr=subprocess.PIPE, text=True) for _ in range(6)]
        failures = [p.stderr.read()[-300:] for p in starts if p.wait(120) != 0]
        assert failures == [], failures[0]
        with sqlite3.connect(database) as conn:
            rows = conn.execute("SELECT migration_set, name, count(*) FROM _sqlite_migrations "
                                "GROUP BY migration_set, name").fetchall()
        assert rows and all(count == 1 for *_, count in rows)
