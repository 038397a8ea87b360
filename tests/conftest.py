"""Shared fixtures. Qt runs offscreen; this is set before anything imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import fcntl
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Config

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
ONLINE_RETAIL = SHARED_DATA / "online_retail.csv.gz"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """A config whose database is a fresh file in tmp_path."""
    return Config(database=str(tmp_path / "kiosk.db"), store_id="store-1",
                  store_name="Test Store", kiosk_id="kiosk-test")


@pytest.fixture
def kiosk(config: Config):
    """A migrated Kiosk on a real SQLite file, with the built-in plugins only."""
    from kiosk.app import Kiosk

    instance = Kiosk(config, entrypoints=False)
    yield instance
    instance.close()


def build_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               build: Callable[[Path], Any]) -> tuple[Path, Any]:
    """Files a session fixture builds once per test run, even across pytest-xdist workers.

    ``build(folder)`` makes them in an empty ``folder`` and returns what the tests need to
    know about them (JSON). Returns ``(folder, that)``. Under xdist the first worker to ask
    builds while the others wait on a lock file; the folder is in the run's temporary
    root, shared by its workers. Tests must only copy or read what is built here.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        return folder, build(folder)
    root = tmp_path_factory.getbasetemp().parent  # the run's root, above popen-gw0, ...
    folder, answer = root / name, root / f"{name}.json"
    with open(root / f"{name}.lock", "w") as lock:  # a file of its own: not a database
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not answer.exists():
            folder.mkdir()
            answer.write_text(json.dumps(build(folder)))
        return folder, json.loads(answer.read_text())
