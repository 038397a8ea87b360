"""The device's own secrets, kept in a key file beside the database, never in it.

A kiosk's database holds the loyalty scheme's signing secrets, and a copy of
the database file alone must not be enough to forge cards. So the database
keeps those secrets *wrapped* (XSalsa20-Poly1305, libsodium's secretbox)
under a wrapping key that lives only in the key file, ``<database>.keys``
(mode 0600). The key file also holds the device's Ed25519 signing key, with
which the kiosk signs the card registrations it sends to head office: a
stolen head-office token alone cannot register cards (docs/security.md).

The key file is created once, with the database's first secret. A database
that holds wrapped secrets but has lost its key file is refused with a
message naming the path: making a new key file would silently invalidate
every card the kiosk issued.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import threading
from pathlib import Path

from nacl.exceptions import CryptoError
from nacl.public import PublicKey, SealedBox
from nacl.secret import SecretBox
from nacl.signing import SigningKey, VerifyKey
from nacl.utils import random as random_bytes

from kiosk.events import utcnow
from kiosk.store.files import key_file_for

__all__ = ["DeviceKeys", "KeyFileError", "key_file_for", "load", "load_or_create",
           "seal_for_device", "verify_signature"]

FORMAT = 1


class KeyFileError(RuntimeError):
    """The key file is missing, unreadable, or does not fit this database."""


class DeviceKeys:
    """The wrapping key and the device signing key of one kiosk database."""

    def __init__(self, wrap_key: bytes, signing_seed: bytes):
        if len(wrap_key) != SecretBox.KEY_SIZE or len(signing_seed) != 32:
            raise KeyFileError("the key file holds keys of the wrong length")
        self._box = SecretBox(wrap_key)
        self._signing = SigningKey(signing_seed)

    @classmethod
    def generate(cls) -> DeviceKeys:
        return cls(random_bytes(SecretBox.KEY_SIZE), random_bytes(32))

    # -- wrapping -----------------------------------------------------------

    def wrap(self, secret: bytes) -> bytes:
        return bytes(self._box.encrypt(secret))

    def unwrap(self, wrapped: bytes) -> bytes:
        try:
            return bytes(self._box.decrypt(wrapped))
        except CryptoError:
            raise KeyFileError(
                "a signing secret cannot be unwrapped with this key file: the key file "
                "belongs to another database") from None

    # -- signing --------------------------------------------------------------

    @property
    def public_key(self) -> str:
        """The device's Ed25519 public key, base64 (head office pins it)."""
        return base64.b64encode(bytes(self._signing.verify_key)).decode("ascii")

    def sign(self, message: bytes) -> str:
        """A detached Ed25519 signature of ``message``, base64."""
        return base64.b64encode(self._signing.sign(message).signature).decode("ascii")

    # -- what head office seals for this device -------------------------------

    def open_sealed(self, sealed_b64: str) -> bytes:
        """Open a sealed box head office made for this device (``seal_for_device``).

        The box is sealed to the X25519 form of the device's Ed25519 key, the
        key head office pinned, so only this key file opens it.
        """
        box = SealedBox(self._signing.to_curve25519_private_key())
        try:
            return bytes(box.decrypt(base64.b64decode(sealed_b64, validate=True)))
        except (ValueError, TypeError, CryptoError):
            raise KeyFileError("head office sealed this for another device key") from None

    def __repr__(self) -> str:  # never the keys
        return "DeviceKeys(...)"

    # -- the file -------------------------------------------------------------

    def _document(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "created": utcnow(),
            "wrap_key": base64.b64encode(bytes(self._box)).decode("ascii"),
            "signing_key": base64.b64encode(bytes(self._signing)).decode("ascii"),
        }


def verify_signature(public_key_b64: str, message: bytes, signature_b64: str) -> bool:
    """True if ``signature_b64`` is the device key's signature of ``message``."""
    try:
        key = VerifyKey(base64.b64decode(public_key_b64, validate=True))
        key.verify(message, base64.b64decode(signature_b64, validate=True))
    except (ValueError, TypeError, CryptoError):
        return False
    return True


def seal_for_device(public_key_b64: str, secret: bytes) -> str:
    """``secret`` sealed for the device whose Ed25519 public key is ``public_key_b64``
    (converted to X25519); base64. Only that device's key file opens it."""
    try:
        verify_key = VerifyKey(base64.b64decode(public_key_b64, validate=True))
        box = SealedBox(PublicKey(bytes(verify_key.to_curve25519_public_key())))
    except (ValueError, TypeError, CryptoError):
        raise KeyFileError("not a device key") from None
    return base64.b64encode(box.encrypt(secret)).decode("ascii")


_lock = threading.Lock()


def load(path: str | os.PathLike[str]) -> DeviceKeys | None:
    """The keys in the key file at ``path``; None if there is no such file."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise KeyFileError(f"cannot read the key file {file}: {error.strerror}") from None
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise KeyFileError(f"the key file {file} has an unknown format")
        return DeviceKeys(base64.b64decode(data["wrap_key"], validate=True),
                          base64.b64decode(data["signing_key"], validate=True))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyFileError(f"the key file {file} is damaged") from None


def load_or_create(path: str | os.PathLike[str]) -> DeviceKeys:
    """The keys at ``path``, creating the file (mode 0600) if there is none yet."""
    with _lock:
        keys = load(path)
        if keys is None:
            _write_new(Path(path), DeviceKeys.generate())
            keys = load(path)  # another process may have written its own first
            assert keys is not None
        return keys


def _write_new(path: Path, keys: DeviceKeys) -> None:
    """Write the key file once, atomically, readable by its owner only.

    ``O_EXCL`` on the final name: if another process created it meanwhile,
    theirs is kept and read back, so two processes never hold different keys.
    """
    data = json.dumps(keys._document(), indent=1).encode("utf-8")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)  # fails if the file exists: never overwrite keys
    except FileExistsError:
        pass
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    with contextlib.suppress(OSError):
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
