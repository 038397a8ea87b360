"""Search a SQLite database's files for bytes, without opening them in this process.

After an erasure the kiosk and head office check that the person's id is
nowhere in the database file, its write-ahead log or its shared-memory file.
The search runs in a separate, short-lived process: this process holds SQLite
connections to the file, and closing any descriptor of a file drops every
POSIX lock the process holds on it, so reading the database with ``open()``
here would let the next process that closes a connection delete the WAL under
ours, and the database would corrupt (SQLite's "How To Corrupt An SQLite
Database File", section 2.2). The needles go to the child on its standard
input, hex-encoded, never in its arguments.

Dependency-free: the kiosk's erasure and head office's SQLite backend use it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# The files SQLite keeps for a database in WAL mode (the -shm holds no row data, but
# it is checked too: the proof covers every file).
SUFFIXES = ("", "-wal", "-shm")
SEARCH_TIMEOUT = 600  # seconds: a few GB read at disk speed

# Run as ``python -I -S -c SEARCH_SCRIPT FILE...`` with the needles on stdin, one
# hex string a line; prints the index of each file that holds any of them.
SEARCH_SCRIPT = r"""
import sys
needles = [bytes.fromhex(line) for line in sys.stdin.read().split()]
overlap = max(len(n) for n in needles) - 1
for index, name in enumerate(sys.argv[1:]):
    try:
        handle = open(name, "rb")
    except FileNotFoundError:
        continue
    with handle:
        tail = b""
        while block := handle.read(1 << 22):
            window = tail + block
            if any(n in window for n in needles):
                print(index)
                break
            tail = window[-overlap:] if overlap else b""
"""


class TraceSearchFailed(RuntimeError):
    """The separate search process could not run or did not finish."""


def find_traces(path: Path, needles: list[bytes], *,
                timeout: float = SEARCH_TIMEOUT) -> list[str]:
    """The suffixes ("" for the database, "-wal", "-shm") of the files holding a needle.

    Never opens the files in this process (see the module docstring): a child
    process reads them and exits.
    """
    if not needles or not all(needles):
        raise ValueError("needles must be non-empty byte strings")
    files = [str(path.with_name(path.name + suffix)) for suffix in SUFFIXES]
    stdin = "\n".join(n.hex() for n in needles) + "\n"
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-c", SEARCH_SCRIPT, *files],
            input=stdin, capture_output=True, text=True, timeout=timeout, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise TraceSearchFailed(type(error).__name__) from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise TraceSearchFailed(f"exit code {done.returncode}: {last[:200]}")
    return [SUFFIXES[int(line)] for line in done.stdout.split()]


