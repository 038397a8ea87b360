"""ASGI middleware: no request body is read before its caller is known, nor more than the caps.

For a request to one of the app's endpoints (found as the router finds it):

1. an endpoint that needs a token (one of the role dependencies is among its
   dependencies) has the token checked first: none or a bad one gets 401, the
   wrong role 403, before a byte of the body is read (a read of the kiosks
   table, never a write);
2. an endpoint that takes a body refuses a declared ``Content-Length`` above
   the cap (413) and a ``Content-Encoding`` other than gzip or identity (415)
   at once;
3. the body is read only when the endpoint asks for it, whole, as it arrives:
   over ``max_body`` bytes as received, or ``max_inflated`` once inflated
   (gzip is inflated piece by piece, so no more than the cap is ever held),
   is a 413; broken gzip a 400. A body FastAPI parses (a pydantic model) is
   checked for nesting first (422 past ``MAX_JSON_DEPTH``); one an endpoint
   parses itself (``POST /v1/events``: ``kiosk.hq.batch``) is checked there.

An endpoint that takes no body (``/healthz``) never reads one: uvicorn
discards what the client sends after the answer. A refusal that leaves a body
unread closes the connection (``Connection: close``), so not even the
discarding costs anything; HTTP clients such as httpx and curl still read the
answer. Errors are JSON ``{"detail": ...}``, naming the limit and never
echoing the input.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match

from kiosk.hq.auth import ANY_ROLE, CALLER_SCOPE_KEY, UNAUTHENTICATED, bearer_token, role_error
from kiosk.hq.limits import MAX_JSON_DEPTH, BodyLimits, json_too_deep
from kiosk.hq.storage import AuthRecord

Authenticate = Callable[[str], Awaitable[AuthRecord | None]]
ENCODINGS = (b"", b"identity", b"gzip", b"x-gzip")
BODY_SETTING = "--max-body-mb, KIOSK_HQ_MAX_BODY_MB"
INFLATED_SETTING = "--max-inflated-mb, KIOSK_HQ_MAX_INFLATED_MB"
UNSUPPORTED = "the request body must be JSON, optionally with Content-Encoding: gzip"


CLOSE = (b"connection", b"close")


class BodyRejected(HTTPException):
    """The body breaks a limit; FastAPI answers it like any ``HTTPException``."""

    def __init__(self, status_code: int, detail: str, *, unread: bool = True):
        # the rest of the body is not worth reading: close the connection after the answer
        super().__init__(status_code, detail, headers={"Connection": "close"} if unread else None)


@dataclass(frozen=True)
class RoutePolicy:
    role: str | None  # the role a token needs ("any" for any role), None if no token
    takes_body: bool
    check_depth: bool  # FastAPI parses the JSON, so the guard checks its nesting first


def route_policy(route: BaseRoute, roles: Mapping[Callable[..., Any], str]) -> RoutePolicy:
    """What ``route`` needs: a token of a role (``roles`` maps dependencies to roles), a body."""
    if not isinstance(route, APIRoute):
        return RoutePolicy(None, False, False)
    found: set[str] = set()
    pending = list(route.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        if dependency.call in roles:
            found.add(roles[dependency.call])
        pending.extend(dependency.dependencies)
    role = next((r for r in sorted(found) if r != ANY_ROLE), ANY_ROLE if found else None)
    parsed = route.body_field is not None
    declared = "requestBody" in (route.openapi_extra or {})
    return RoutePolicy(role, parsed or declared, parsed)


class BodyGuard:
    """Authenticate, then read bodies within ``limits`` (see the module's docstring)."""

    def __init__(self, app: Any, *, limits: BodyLimits, authenticate: Authenticate,
                 routes: list[BaseRoute], roles: Mapping[Callable[..., Any], str]):
        self.app = app
        self.limits = limits
        self.authenticate = authenticate
        self.routes = routes  # the app's own list: read when the first request comes
        self.roles = roles
        self._policies: list[tuple[BaseRoute, RoutePolicy]] = []

    def policy(self, scope: dict) -> RoutePolicy | None:
        if len(self._policies) != len(self.routes):
            self._policies = [(r, route_policy(r, self.roles)) for r in self.routes]
        for route, policy in self._policies:
            if route.matches(scope)[0] is Match.FULL:  # the router takes the first full match
                return policy
        return None

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        declared = _content_length(headers)
        unread = [CLOSE] if declared or b"transfer-encoding" in headers else []
        policy = self.policy(scope)
        if policy is not None and policy.role is not None:
            token = bearer_token(headers.get(b"authorization", b"").decode("latin-1"))
            record = await self.authenticate(token)
            if record is None:
                await send_error(send, 401, UNAUTHENTICATED,
                                 [(b"www-authenticate", b"Bearer"), *unread])
                return
            refusal = role_error(record, policy.role)
            if refusal:
                await send_error(send, 403, refusal, unread)
                return
            scope[CALLER_SCOPE_KEY] = record
        encoding = headers.get(b"content-encoding", b"").strip().lower()
        gzip = encoding in (b"gzip", b"x-gzip")
        body = CappedBody(receive, self.limits, gzip=gzip,
                          check_depth=policy is not None and policy.check_depth)
        if policy is not None and policy.takes_body:
            if encoding not in ENCODINGS:
                await send_error(send, 415, UNSUPPORTED, unread)
                return
            if declared is not None and declared > body.wire_cap:
                await send_error(send, 413, body.too_large(declared), unread)
                return
        elif encoding not in ENCODINGS:
            body.unsupported = True  # refused if anything reads it
        await self.app(scope, body.receive, send)


class CappedBody:
    """A request's body, read whole on the first ``receive()``, within the caps."""

    def __init__(self, receive: Any, limits: BodyLimits, *, gzip: bool, check_depth: bool):
        self._receive = receive
        self.limits = limits
        self.gzip = gzip
        self.check_depth = check_depth
        self.unsupported = False
        # a plain body is the JSON itself: both caps hold for it
        if gzip or limits.max_body <= limits.max_inflated:
            self.wire_cap, self.setting = limits.max_body, BODY_SETTING
        else:
            self.wire_cap, self.setting = limits.max_inflated, INFLATED_SETTING
        self._read = False

    def too_large(self, size: int | None = None) -> str:
        """Why a body of ``size`` bytes (or of unknown size, past the cap) is refused."""
        if size is None:
            return (f"the request body is larger than {self.wire_cap:,} bytes, the most head "
                    f"office accepts ({self.setting})")
        return (f"the request body is {size:,} bytes; head office accepts at most "
                f"{self.wire_cap:,} ({self.setting})")

    async def receive(self) -> dict:
        if self._read:
            return await self._receive()
        self._read = True
        if self.unsupported:
            raise BodyRejected(415, UNSUPPORTED)
        body = await self._read_whole()
        if body is None:
            return {"type": "http.disconnect"}
        if self.check_depth and json_too_deep(body, MAX_JSON_DEPTH):
            raise BodyRejected(422, f"invalid request: body: JSON nested deeper than "
                                    f"{MAX_JSON_DEPTH} levels (the limit)", unread=False)
        return {"type": "http.request", "body": body, "more_body": False}

    async def _read_whole(self) -> bytes | None:
        pieces: list[bytes] = []
        inflater = GzipInflater(self.limits.max_inflated) if self.gzip else None
        received = 0
        while True:
            message = await self._receive()
            if message["type"] != "http.request":
                return None  # the client went away
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.wire_cap:
                raise BodyRejected(413, self.too_large())
            if inflater is not None:
                inflater.feed(chunk, pieces)
            elif chunk:
                pieces.append(chunk)
            if not message.get("more_body", False):
                break
        if inflater is not None:
            inflater.finish()
        return b"".join(pieces)


class GzipInflater:
    """Inflates a gzip stream piece by piece, refusing to go past ``limit`` bytes."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self._member = zlib.decompressobj(wbits=31)

    def feed(self, data: bytes, out: list[bytes]) -> None:
        while data:
            if self._member.eof:  # another gzip member follows (RFC 1952 allows several)
                self._member = zlib.decompressobj(wbits=31)
            try:
                piece = self._member.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                raise BodyRejected(400, "the request body is not valid gzip") from None
            self.size += len(piece)
            if self.size > self.limit:
                raise BodyRejected(413, f"the request body is larger than {self.limit:,} bytes "
                                        f"once inflated, the most head office accepts "
                                        f"({INFLATED_SETTING})")
            if piece:
                out.append(piece)
            data = self._member.unconsumed_tail or self._member.unused_data

    def finish(self) -> None:
        if not self._member.eof:
            raise BodyRejected(400, "the gzip request body is truncated")


def _content_length(headers: Mapping[bytes, bytes]) -> int | None:
    try:
        return int(headers[b"content-length"])
    except (KeyError, ValueError):
        return None


async def send_error(send: Any, status: int, detail: str,
                     headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Answer ``{"detail": detail}`` with ``status`` (the app's error shape)."""
    body = json.dumps({"detail": detail}, separators=(",", ":")).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
