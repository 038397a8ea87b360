"""Sealed boxes for head office (libsodium through PyNaCl).

A kiosk seals what only head office may read (the subject of an erasure
request) with head office's X25519 public key; only head office's private
key opens it. The kiosk cannot read back what it sealed.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

#: seals a text for one key (``sealer``): what is handed on instead of the key
Seal = Callable[[str], str]


class SealingError(ValueError):
    """A key or a sealed text is not valid."""


def generate_keypair() -> tuple[str, str]:
    """A new keypair as ``(private_b64, public_b64)``."""
    private = PrivateKey.generate()
    return _b64(bytes(private)), _b64(bytes(private.public_key))


def public_from_private(private_b64: str) -> str:
    return _b64(bytes(PrivateKey(_unb64(private_b64, 32)).public_key))


def seal(public_b64: str, text: str) -> str:
    """Seal ``text`` for the holder of the private key of ``public_b64``; base64."""
    box = SealedBox(PublicKey(_unb64(public_b64, 32)))
    return _b64(box.encrypt(text.encode("utf-8")))


def sealer(public_b64: str) -> Seal:
    """``seal`` for ``public_b64``; a bad key raises ``SealingError`` when a text is sealed."""
    return functools.partial(seal, public_b64)


def open_sealed(private_b64: str, sealed_b64: str) -> str:
    """Open a sealed text; ``SealingError`` if it was not sealed for this key."""
    box = SealedBox(PrivateKey(_unb64(private_b64, 32)))
    try:
        return box.decrypt(_unb64(sealed_b64)).decode("utf-8")
    except (CryptoError, UnicodeDecodeError) as error:
        raise SealingError("sealed text cannot be opened with this key") from error


def valid_public_key(public_b64: str) -> bool:
    try:
        _unb64(public_b64, 32)
    except SealingError:
        return False
    return True


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, length: int | None = None) -> bytes:
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as error:
        raise SealingError("not valid base64") from error
    if length is not None and len(data) != length:
        raise SealingError(f"a key must be {length} bytes, got {len(data)}")
    return data
