"""Real head-office servers for tests, on 127.0.0.1 and a free port.

- ``ThreadedHQ``: uvicorn in a thread of the test process, over a storage
  object the test can also inspect;
- ``HQProcess``: ``kiosk hq serve`` in a subprocess, which a test can
  SIGKILL and restart (optionally with injected faults).

Fixtures: ``hq_storage`` (parametrised: SQLite and PostgreSQL) and ``live_hq``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from pgserver import free_port, pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.hq.app import create_app
from kiosk.hq.storage import Storage, open_storage


class ThreadedHQ:
    def __init__(self, storage: Storage):
        self.storage = storage
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(storage, faults_from_env=False), host="127.0.0.1",
                                port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> ThreadedHQ:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("head office did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class ChildProcess:
    """A process the fault tests start, SIGKILL and restart."""

    process: subprocess.Popen | None = None

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_until_serving(process: subprocess.Popen, url: str, timeout: float = 30) -> None:
    """Wait until head office at ``url`` answers /healthz; RuntimeError if it exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = process.stderr.read() if process.stderr else b""
            raise RuntimeError(f"head office exited with {process.returncode}: {detail!r}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise RuntimeError("head office did not answer in time")


class HQProcess(ChildProcess):
    """``kiosk hq serve`` as a subprocess that can be killed and restarted on its port."""

    def __init__(self, database: str, *, port: int | None = None,
                 faults: str = "", log: Path | None = None, workers: int = 1):
        self.database = database
        self.workers = workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.faults = faults
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> HQProcess:
        env = dict(os.environ)
        env.pop("KIOSK_HQ_FAULTS", None)
        if self.faults:
            env["KIOSK_HQ_FAULTS"] = self.faults
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.hq", "serve", "--database", self.database,
             "--port", str(self.port), "--workers", str(self.workers)],
            env=env, stdout=out, stderr=out,
        )
        wait_until_serving(self.process, self.url, timeout)
        return self



@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hq_storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """Head office storage on each backend (PostgreSQL started by the test setup)."""
    if request.param == "sqlite":
        url = str(tmp_path / "hq.db")
    else:
        url = request.getfixturevalue("pg_url")
    storage = open_storage(url)
    yield storage
    storage.close()


@pytest.fixture
def live_hq(hq_storage: Storage) -> Iterator[ThreadedHQ]:
    server = ThreadedHQ(hq_storage).start()
    yield server
    server.stop()
