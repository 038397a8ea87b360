"""Fault injection for tests: drop connections and answer 500 at random.

Off unless the environment says otherwise, e.g.
``KIOSK_HQ_FAULTS="drop=0.1,error=0.1,seed=7"``. Faults hit only
``POST /v1/events`` and ``GET /v1/changes``; half of them strike after the
request was processed (committed), which is what makes a client resend
what head office already has.
"""

from __future__ import annotations

import random
from typing import Any

TARGETS = ("/v1/events", "/v1/changes")


def parse(spec: str) -> dict[str, float]:
    values: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, _, value = part.partition("=")
        if key not in ("drop", "error", "seed"):
            raise ValueError(f"unknown fault {key!r}: use drop=, error=, seed=")
        values[key] = float(value)
    return values


class FaultInjector:
    def __init__(self, app: Any, *, drop: float = 0.0, error: float = 0.0,
                 seed: float | None = None):
        self.app = app
        self.drop, self.error = drop, error
        self.rng = random.Random(seed)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path") not in TARGETS:
            await self.app(scope, receive, send)
            return
        roll = self.rng.random()
        after = self.rng.random() < 0.5
        if roll < self.error:
            if after:
                await self.app(scope, receive, _swallow)
            await _send_500(send)
            return
        if roll < self.error + self.drop:
            if after:
                await self.app(scope, receive, _swallow)
            # Starting a response and then failing makes the server close the
            # connection mid-response: the client sees a dropped connection.
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-length", b"1000")]})
            raise ConnectionAbortedError("fault injection: connection dropped")
        await self.app(scope, receive, send)


async def _swallow(message: dict) -> None:
    return None


async def _send_500(send: Any) -> None:
    body = b'{"detail":"fault injection: internal error"}'
    await send({"type": "http.response.start", "status": 500,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
