"""Private files: the kiosk's database and what it writes next to it, for its user only.

The database holds personal data and the keys that sign loyalty cards, so
it is created 0600 (and a folder the kiosk creates for it 0700) before
SQLite first opens it: SQLite gives the ``-wal`` and ``-shm`` files it
creates the permissions of the database file. An existing file that others
can read is tightened, and the log says so. Nothing here opens a file that
already exists (``chmod`` and ``stat`` only): opening and closing a live
database file would drop the process's SQLite locks (see ``kiosk.privacy.erasure``).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` and its missing parents as 0700; existing folders stay as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue


def tighten(path: Path, mode: int = PRIVATE_FILE) -> bool:
    """Remove group and other permissions from a file or folder we own; True if changed.

    A file of another user is left alone, with a warning (only its owner or
    root could change it).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    current = stat.S_IMODE(st.st_mode)
    if not current & 0o077:
        return False
    if st.st_uid != os.geteuid():
        log.warning("%s can be read by other users (mode %04o) but belongs to another "
                    "user; ask them or an administrator to run: chmod %04o %s",
                    path, current, mode, path)
        return False
    os.chmod(path, current & mode)
    log.warning("%s could be read by other users (mode %04o): now %04o", path, current,
                current & mode)
    return True


def create_private_file(path: Path) -> bool:
    """Create an empty file 0600 (and its folder 0700); False if it already existed."""
    make_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def prepare_database_file(path: Path) -> None:
    """Before SQLite opens ``path``: create it 0600, or tighten it and its side files."""
    if not create_private_file(path):
        tighten(path)
    for suffix in DATABASE_SIDE_FILES:
        tighten(path.with_name(path.name + suffix))


KEY_FILE_SUFFIX = ".keys"


def key_file_for(database: str | os.PathLike[str]) -> Path:
    """Where the key file of ``database`` lives: ``kiosk.db`` → ``kiosk.db.keys``.

    It holds the device's secrets (``kiosk.identity.device``): a copy of the
    database is only whole with it.
    """
    path = Path(database)
    return path.with_name(path.name + KEY_FILE_SUFFIX)


def copy_database(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """A consistent copy of a kiosk database (SQLite's backup API) and its key file.

    Safe while other connections use ``source``: SQLite reads it, never plain I/O.
    The copy and its key file are private (0600).
    """
    import shutil
    import sqlite3

    target = Path(target)
    prepare_database_file(target)
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()
    keys = key_file_for(source)
    if keys.exists():
        copied = key_file_for(target)
        create_private_file(copied)
        shutil.copyfile(keys, copied)
