"""ASGI middleware: accept gzip-compressed request bodies (``Content-Encoding: gzip``).

The body is inflated with a size limit (no zip bombs); a body that is not
valid gzip gets a 400, never a 500.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

MAX_INFLATED = 64 * 1024 * 1024


class GzipRequestMiddleware:
    def __init__(self, app: Any, *, max_inflated: int = MAX_INFLATED):
        self.app = app
        self.max_inflated = max_inflated

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers") or []
        encoding = next((v for k, v in headers if k == b"content-encoding"), b"").lower().strip()
        if encoding in (b"", b"identity"):
            await self.app(scope, receive, send)
            return
        if encoding != b"gzip":
            await _error(send, 415, "only gzip or identity request bodies are accepted")
            return
        chunks = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        inflater = zlib.decompressobj(wbits=31)
        try:
            body = inflater.decompress(b"".join(chunks), self.max_inflated + 1)
            complete = inflater.eof
        except zlib.error:
            await _error(send, 400, "the request body is not valid gzip")
            return
        if len(body) > self.max_inflated:
            await _error(send, 413, "the request body is too large once inflated")
            return
        if not complete:
            await _error(send, 400, "the gzip request body is truncated")
            return
        new_headers = [(k, v) for k, v in headers
                       if k not in (b"content-encoding", b"content-length")]
        new_headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": new_headers}, replay, send)


async def _error(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
