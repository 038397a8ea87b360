"""Head office's secrets, in a key file (0600) rather than in its database.

The file holds head office's X25519 private key (kiosks seal erasure
requests for its public key) and the erasure key (the HMAC key of erased
ids, see ``kiosk.hq.changes.erased_id_digest``), as JSON. A SQLite head
office keeps it beside its database (``hq.db.key``); a PostgreSQL head office
is given its path (``--key-file`` / ``KIOSK_HQ_KEY_FILE``), the same file for
every head-office process of the chain.

The database records only the public key and a fingerprint of the erasure
key, so that a head office started with a missing or foreign key file
refuses to start instead of making new keys (kiosks would then seal for a
key nobody has, and erased ids would no longer be recognised).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from kiosk.sync import sealing

FORMAT = 1


class KeyFileError(RuntimeError):
    """The key file cannot be read or written; the message names the path, never a key."""


@dataclass(frozen=True)
class HQKeys:
    private_key: str  # X25519, base64
    erasure_key: str  # 32 random bytes, hex

    def __repr__(self) -> str:
        return "HQKeys(...)"

    @property
    def public_key(self) -> str:
        return sealing.public_from_private(self.private_key)

    @property
    def erasure_key_id(self) -> str:
        """A fingerprint of the erasure key (it cannot be derived back)."""
        return hashlib.sha256(b"kiosk-hq-erasure-key:" + bytes.fromhex(self.erasure_key)
                              ).hexdigest()[:32]


def generate(private_key: str | None = None) -> HQKeys:
    """New keys (keeping ``private_key`` if given: a database's key being moved out)."""
    return HQKeys(private_key or sealing.generate_keypair()[0], secrets.token_hex(32))


def read(path: Path) -> HQKeys | None:
    """The keys in ``path``; None if there is no such file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise KeyFileError(f"cannot read head office's key file {path}: "
                           f"{error.strerror}") from None
    try:
        data = json.loads(text)
        keys = HQKeys(str(data["private_key"]), str(data["erasure_key"]))
        keys.public_key  # noqa: B018  (checks the private key)
        if len(bytes.fromhex(keys.erasure_key)) != 32:
            raise ValueError
    except (ValueError, KeyError, TypeError, sealing.SealingError):
        raise KeyFileError(f"head office's key file {path} is damaged (not the JSON "
                           "that head office writes)") from None
    _tighten(path)
    return keys


def create(path: Path, keys: HQKeys) -> HQKeys:
    """Write ``keys`` to a new file ``path`` (0600), unless another process just did.

    Returns the keys in the file: ours, or those of the process that won.
    """
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    body = json.dumps({"format": FORMAT, "private_key": keys.private_key,
                       "erasure_key": keys.erasure_key}, indent=2).encode("utf-8")
    temporary = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, body)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        try:
            os.link(temporary, path)  # never replaces a file another process wrote
        except FileExistsError:
            existing = read(path)
            if existing is None:
                raise KeyFileError(f"head office's key file {path} vanished while "
                                   "being created") from None
            return existing
    except OSError as error:
        raise KeyFileError(f"cannot write head office's key file {path}: "
                           f"{error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    _sync_folder(folder)
    return keys


def _tighten(path: Path) -> None:
    """A key file readable by others is made owner-only (when it is ours)."""
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
