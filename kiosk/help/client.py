"""Head office's help endpoints, as a kiosk or a tablet calls them (httpx, short timeouts).

A shopper is waiting, so every call gives up after ``TIMEOUT`` seconds: a
network failure or a 5xx is ``HelpUnreachable``; a refusal (4xx) is
``HelpRefused`` with head office's reason (never personal data).
"""

from __future__ import annotations

from typing import Any

import httpx

TIMEOUT = 3.0


class HelpUnreachable(RuntimeError):
    """Head office did not answer (or answered with a server error)."""


class HelpRefused(RuntimeError):
    """Head office refused the call; ``status`` is its HTTP status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class HelpClient:
    """One device's calls to ``/v1/help`` and ``/v1/staff/...``."""

    def __init__(self, base_url: str, token: str, *, timeout: float = TIMEOUT):
        if not base_url:
            raise HelpUnreachable("no head office URL configured (hq_url)")
        self._client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout,
                                    headers={"Authorization": f"Bearer {token}",
                                             "User-Agent": "personal-shopper-kiosk"})

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._client.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            raise HelpUnreachable(f"network: {type(error).__name__}") from error
        if response.status_code >= 500:
            raise HelpUnreachable(f"head office answered {response.status_code}")
        try:
            data = response.json()
        except ValueError as error:
            raise HelpUnreachable("head office sent a response that is not JSON") from error
        if response.status_code >= 300:
            detail = data.get("detail") if isinstance(data, dict) else None
            raise HelpRefused(str(detail or response.reason_phrase)[:300],
                              response.status_code)
        return data

    def ask(self, request_id: str, first_name: str | None,
            looking_at: list[dict[str, Any]]) -> dict[str, Any]:
        return self._call("POST", "/v1/help", json={
            "request_id": request_id, "first_name": first_name, "looking_at": looking_at})

    def state(self, request_id: str) -> dict[str, Any]:
        return self._call("GET", f"/v1/help/{request_id}")

    def pending(self, wait: float = 0) -> list[dict[str, Any]]:
        # a long poll waits up to ``wait`` on head office's side: allow for it
        data = self._call("GET", "/v1/staff/help", params={"wait": wait},
                          timeout=self._client.timeout.read + wait
                          if self._client.timeout.read else None)
        return list(data.get("requests", []))

    def take(self, request_id: str, staff_name: str) -> dict[str, Any]:
        return self._call("POST", f"/v1/help/{request_id}/take",
                          json={"staff_name": staff_name})

    def presence(self, staff_name: str | None) -> bool:
        data = self._call("POST", "/v1/staff/presence", json={"staff_name": staff_name})
        return bool(data.get("staff_signed_in"))

    def close(self) -> None:
        self._client.close()
