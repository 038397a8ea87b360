"""A real PostgreSQL server for tests: ``initdb`` and ``pg_ctl`` into a temporary folder.

Import the fixtures in a test module::

    from tests.pgserver import pg_url  # noqa: F401  (a session-scoped fixture)

``pg_url`` is a fresh, empty database (dropped after its test) on a private server
listening on 127.0.0.1 on a free port; the server is started once per test session
(once per pytest-xdist worker: each has its own folder and port).
initdb refuses to run as root, so as root the server runs as the
``postgres`` (or ``nobody``) user. Tests are skipped, with the reason, only
when no PostgreSQL binaries are installed.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

SEARCH = [Path(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]
_counter = itertools.count()


def find_bin_dir() -> Path | None:
    env = os.environ.get("KIOSK_PG_BIN")
    candidates = ([Path(env)] if env else []) + SEARCH
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_as() -> list[str]:
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--"]
    raise RuntimeError("running as root and neither 'postgres' nor 'nobody' exists")


class PostgresServer:
    """A private server. Tests run it without fsync (fast); ``durable=True`` keeps
    PostgreSQL's defaults (fsync, synchronous_commit), as benchmarks should."""

    def __init__(self, bin_dir: Path, root: Path, *, durable: bool = False):
        self.bin_dir, self.root = bin_dir, root
        self.durable = durable
        self.data = root / "data"
        self.port = free_port()
        self.prefix = _run_as()

    def _owner(self) -> tuple[int, int] | None:
        if not self.prefix:
            return None
        entry = pwd.getpwnam(self.prefix[2])
        return entry.pw_uid, entry.pw_gid

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        owner = self._owner()
        if owner:
            os.chown(self.root, *owner)
            self.root.chmod(0o755)
            # the folders above must be traversable by the server's user
            for parent in self.root.parents:
                if str(parent).startswith(tempfile.gettempdir()) and parent != Path("/tmp"):
                    parent.chmod(parent.stat().st_mode | 0o711)
        subprocess.run(
            [*self.prefix, str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres",
             "-A", "trust", "-E", "UTF8", "--no-sync"],
            check=True, capture_output=True,
        )
        for attempt in range(3):
            try:
                self._pg_ctl_start()
                return
            except subprocess.CalledProcessError:
                # the free port was taken between free_port() and the server's bind (another
                # test process, e.g. a second pytest-xdist worker): try another one
                if attempt == 2 or "could not bind" not in self._log():
                    raise
                self.port = free_port()

    def _pg_ctl_start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
                   "-c max_connections=200")
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            [*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options,
             "-l", str(self.root / "log.txt"), "-w", "-t", "60", "start"],
            check=True, capture_output=True,
        )

    def _log(self) -> str:
        log = self.root / "log.txt"
        return log.read_text(errors="replace") if log.exists() else ""

    def stop(self) -> None:
        subprocess.run(
            [*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
             "-w", "stop"], capture_output=True,
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = f"test_{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by ``create_database`` (closing any session still on it), so
        a long run does not leave hundreds of them for the session's end to delete."""
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl found in "
                    "/usr/lib/postgresql/*/bin or on PATH; set KIOSK_PG_BIN)")
    root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    server = PostgresServer(bin_dir, root)
    try:
        server.start()
    except subprocess.CalledProcessError as error:
        log = root / "log.txt"
        detail = log.read_text() if log.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr!r} {detail}") from error
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PostgresServer, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new empty database on the session's PostgreSQL server, dropped after the test.

    Its head office's key file is ``tmp_path / "hq-pg.key"``, through
    ``KIOSK_HQ_KEY_FILE``, so every head-office process of the test (in this
    process, ``kiosk hq`` commands, subprocesses) shares it.
    """
    monkeypatch.setenv("KIOSK_HQ_KEY_FILE", str(tmp_path / "hq-pg.key"))
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)
