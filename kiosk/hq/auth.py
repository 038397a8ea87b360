"""Who is calling head office: bearer tokens, their roles, and recently valid tokens.

Kiosks authenticate with a token from ``kiosk hq add-kiosk``, operators with
one from ``add-kiosk --operator``. The body guard (``kiosk.hq.body_guard``)
checks the token before any body is read; the endpoints' dependencies check
it again (or take the guard's answer from the request's scope).
"""

from __future__ import annotations

import time

from starlette.concurrency import run_in_threadpool

from kiosk.hq.storage import AuthRecord, Storage
from kiosk.hq.storage.base import DEVICE_ROLES, hash_token

#: where the body guard leaves the caller it authenticated, in the ASGI scope
CALLER_SCOPE_KEY = "kiosk.hq.caller"
ANY_ROLE = "any"
UNAUTHENTICATED = "a valid bearer token is required"
WRONG_ROLE = {"kiosk": "this endpoint is for kiosks", "operator": "this endpoint is for operators"}


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header value ("" if none)."""
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def role_error(record: AuthRecord, role: str) -> str | None:
    """Why ``record`` may not call an endpoint for ``role`` (None if it may); a tablet is
    a device like a kiosk."""
    if role == ANY_ROLE or record.role == role or (role == "kiosk"
                                                   and record.role in DEVICE_ROLES):
        return None
    return WRONG_ROLE.get(role, "this token may not use this endpoint")


class TokenCache:
    """Tokens that authenticated in the last ``ttl`` seconds (a kiosk sends many batches).

    Only valid tokens are kept, by their hash, so a refused token costs a
    database look-up every time and a valid one about once per ``ttl``.
    """

    def __init__(self, ttl: float = 30.0, size: int = 10_000):
        self.ttl, self.size = ttl, size
        self._records: dict[str, tuple[float, AuthRecord]] = {}

    def get(self, token: str) -> AuthRecord | None:
        entry = self._records.get(hash_token(token)) if token else None
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, token: str, record: AuthRecord) -> None:
        if len(self._records) >= self.size:
            self._records.clear()
        self._records[hash_token(token)] = (time.monotonic() + self.ttl, record)


class Authenticator:
    """Checks a token against head office's storage (a read, never a write).

    Without a ``cache`` (head office's default) every request reads the token's
    row, so a device removed by ``kiosk hq remove-kiosk`` (another process) is
    refused by the very next request; the read costs about 8 µs on SQLite.
    """

    def __init__(self, storage: Storage, cache: TokenCache | None = None):
        self.storage = storage
        self.cache = cache

    async def __call__(self, token: str) -> AuthRecord | None:
        if not token:
            return None
        record = self.cache.get(token) if self.cache is not None else None
        if record is None:
            record = await run_in_threadpool(self.storage.authenticate, token)
            if record is not None and self.cache is not None:
                self.cache.put(token, record)
        return record
