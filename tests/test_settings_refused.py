"""Typed plugin settings: every bad value is refused at start, with its key, before anything runs.

The regressions of issue 9 item 6: ``outbox_budget_mb = -1`` deleted every
queued event, ``batch_size = 0`` sent nothing yet reported "synced",
``batch_size = 20000`` had head office reject (and the kiosk quarantine)
whole batches, ``max_failures = 0`` locked out valid cards, ``cooldown =
-100`` switched the rate limit off (now ``free_failures`` and ``max_delay``,
issue 13), wrong types gave tracebacks, and
``hq_url = "http://"`` or an id with control characters were taken. Each is
tried through the real command line (``kiosk sync --once`` in a subprocess,
against a real head office) and through ``Kiosk(...)``, and the outbox is
counted before and after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hqserver import ThreadedHQ

from kiosk.app import Kiosk
from kiosk.cli import cli
from kiosk.config import Config, ConfigError
from kiosk.hq.storage import open_storage

EVENTS = 60

# (config text, what the message must say). Each was taken by the kiosk before.
BAD_VALUES = [
    ("[plugins.sync]\noutbox_budget_mb = -1",
     "[plugins.sync] outbox_budget_mb must be a number from 16 to 1000000, got -1"),
    ("[plugins.sync]\nbatch_size = 0",
     "[plugins.sync] batch_size must be a whole number from 1 to 10000, got 0"),
    ("[plugins.sync]\nbatch_size = 20000",
     "[plugins.sync] batch_size must be a whole number from 1 to 10000, got 20000"),
    ('[plugins.sync]\nbatch_size = "lots"',
     "[plugins.sync] batch_size must be a whole number from 1 to 10000, got 'lots'"),
    ("[plugins.sync]\ninterval = 0",
     "[plugins.sync] interval must be a number from 0.01 to 86400, got 0"),
    ("[plugins.sync]\nbackoff_base = 10\nbackoff_cap = 5",
     "[plugins.sync] backoff_cap must be at least backoff_base (10), got 5"),
    ("[plugins.sync]\nbatch_sise = 100",
     "[plugins.sync] unknown setting 'batch_sise' (did you mean 'batch_size'?)"),
    ("[plugins.loyalty_card]\nfree_failures = 0",
     "[plugins.loyalty_card] free_failures must be a whole number from 1 to 10, got 0"),
    ("[plugins.loyalty_card]\nmax_delay = -100",
     "[plugins.loyalty_card] max_delay must be a number from 10 to 3600, got -100"),
    ("[plugins.loyalty_card]\nfree_failures = 2.5",
     "[plugins.loyalty_card] free_failures must be a whole number from 1 to 10, got 2.5"),
    ("[plugins.loyalty_card]\nmax_failures = 5",
     "[plugins.loyalty_card] 'max_failures' is no longer a setting: the 60 s lock-out"),
    ("[plugins.recommend]\nbudget_ms = true",
     "[plugins.recommend] budget_ms must be a number from 10 to 5000, got True"),
    ('hq_url = "http://"', "'hq_url' must be an http:// or https:// URL with a host name"),
    ('hq_url = "http://hq example"', "'hq_url' must be an http:// or https:// URL"),
    ('kiosk_id = "till\\u001b[2J"',
     "'kiosk_id' must be a text of 1 to 128 characters without control characters"),
    ('store_id = "leeds\\u0000"',
     "'store_id' must be a text of 1 to 128 characters without control characters"),
]
IDS = ["budget-1", "batch-0", "batch-20000", "batch-text", "interval-0", "cap-below-base",
       "typo", "failures-0", "cooldown-neg", "failures-float", "old-lock-out", "budget-bool",
       "url-no-host", "url-space", "kiosk-id-escape", "store-id-nul"]


def outbox_rows(database: Path) -> int:
    import sqlite3

    # the kiosk that wrote it is closed: reading it with SQLite is safe
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT count(*) FROM outbox").fetchone()[0]


@pytest.fixture
def head_office(tmp_path):
    storage = open_storage(str(tmp_path / "hq.db"))
    server = ThreadedHQ(storage).start()
    yield server
    server.stop()
    storage.close()


@pytest.fixture
def queued(config):
    """A kiosk database with EVENTS events waiting in the outbox (the kiosk closed)."""
    kiosk = Kiosk(config, entrypoints=False)
    for i in range(EVENTS):
        kiosk.record_event("help_requested", {"n": i})
    kiosk.close()
    path = Path(config.database)
    assert outbox_rows(path) == EVENTS
    return path


def config_file(folder: Path, body: str, *, hq_url: str, token: str) -> Path:
    """A config file for head office at ``hq_url``, with ``body``'s keys and tables."""
    lines = body.splitlines()
    split = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
    keys = {line.split(" = ")[0]: line for line in lines[:split]}
    core = {"hq_url": f'hq_url = "{hq_url}"', "hq_token": f'hq_token = "{token}"',
            "kiosk_id": 'kiosk_id = "kiosk-test"', "store_id": 'store_id = "store-1"', **keys}
    path = folder / "kiosk.toml"
    path.write_text("\n".join([*core.values(), *lines[split:]]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("body, message", BAD_VALUES, ids=IDS)
def test_cli_sync_refuses_a_bad_setting_before_touching_the_outbox(tmp_path, head_office,
                                                                   queued, body, message):
    token = head_office.storage.add_kiosk("kiosk-test", store_id="store-1")
    path = config_file(tmp_path, body, hq_url=head_office.url, token=token)
    done = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(path), "sync",
                           "--once", "--db", str(queued)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr and "synced" not in done.stdout
    assert outbox_rows(queued) == EVENTS
    assert head_office.storage.stats()["totals"]["events"] == 0


def test_cli_sync_with_good_settings_sends_everything(tmp_path, head_office, queued):
    """The control: the same set-up with valid settings syncs every event."""
    token = head_office.storage.add_kiosk("kiosk-test", store_id="store-1")
    path = config_file(tmp_path, "[plugins.sync]\nbatch_size = 10\noutbox_budget_mb = 16",
                       hq_url=head_office.url, token=token)
    done = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(path), "sync",
                           "--once", "--json", "--db", str(queued)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["uploaded"], result["batches"], result["queue_depth"]) == (EVENTS, 6, 0)


def parsed(body: str) -> Config:
    import tomllib

    data = tomllib.loads(body)
    return Config(**{k: v for k, v in data.items() if k != "plugins"},
                  plugins=data.get("plugins", {}))


@pytest.mark.parametrize("body, message", BAD_VALUES, ids=IDS)
def test_building_a_kiosk_refuses_a_bad_setting_before_opening_the_database(
        config, queued, body, message):
    bad = parsed(body)
    bad = replace(config, **{k: getattr(bad, k) for k in ("hq_url", "kiosk_id", "store_id")
                             if getattr(bad, k) != getattr(Config(), k)},
                  plugins=bad.plugins)
    modified = queued.stat().st_mtime_ns
    with pytest.raises(ConfigError) as refused:
        Kiosk(bad, entrypoints=False)
    assert message in str(refused.value)
    assert outbox_rows(queued) == EVENTS
    assert queued.stat().st_mtime_ns == modified


def test_a_refused_config_never_creates_the_database(tmp_path):
    database = tmp_path / "new.db"
    with pytest.raises(ConfigError, match="batch_size"):
        Kiosk(Config(database=str(database), plugins={"sync": {"batch_size": 0}}),
              entrypoints=False)
    assert not database.exists()


@pytest.mark.parametrize("args", [
    ["store", "info"], ["sync", "status"], ["import", "{x.csv}"],
    ["cards", "keys"], ["config", "show"], ["demo"], ["train"],
])
def test_every_command_refuses_a_bad_setting(tmp_path, args):
    (tmp_path / "x.csv").write_text("a\n")
    args = [str(tmp_path / arg[1:-1]) if arg.startswith("{") else arg for arg in args]
    config = tmp_path / "k.toml"
    config.write_text(f'database = "{tmp_path / "k.db"}"\n[plugins.loyalty_card]\n'
                      "max_delay = -100\n")
    result = CliRunner().invoke(cli, ["--config", str(config), *args], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "[plugins.loyalty_card] max_delay must be a number from 10 to 3600" in result.output
    assert not (tmp_path / "k.db").exists()


def test_the_app_refuses_a_bad_setting_before_its_window_opens(tmp_path):
    """``kiosk run``: before, the window opened and the bad value did its harm later."""
    config = tmp_path / "k.toml"
    config.write_text(f'database = "{tmp_path / "k.db"}"\n[plugins.sync]\nbatch_size = 0\n')
    done = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(config), "run",
                           "--windowed"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 1
    assert "[plugins.sync] batch_size must be a whole number from 1 to 10000, got 0" in (
        done.stderr)
    assert not (tmp_path / "k.db").exists()
