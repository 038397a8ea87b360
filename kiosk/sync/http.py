"""The default transport: HTTPS (or HTTP) to head office with httpx.

Batches go gzip-compressed as JSON with this kiosk's bearer token. The
upload encodes the next batch while the one before travels
(``encode_batch`` then ``send_encoded``).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any

import httpx
import msgspec

from kiosk.sync.transport import RetryableError, TransportError, classify_status
from kiosk.wire import encode_batch

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
#: a bootstrap streams for a while: only a pause this long between bytes fails it
BOOTSTRAP_TIMEOUT = httpx.Timeout(120.0, connect=5.0)
_decode_line = msgspec.json.Decoder(dict[str, Any]).decode
#: gzip level of a batch: JSON events shrink about 5.7 times at level 3, 6.5
#: times at 5 (the old default) for twice the time, 5.4 times at 1
COMPRESS_LEVEL = 3


class HttpTransport:
    """Talks to ``kiosk hq serve`` at ``base_url``."""

    def __init__(self, base_url: str, token: str, *, timeout: httpx.Timeout | float | None = None,
                 client: httpx.Client | None = None, compress_level: int = COMPRESS_LEVEL,
                 histories: str = "store"):
        if not base_url:
            raise ValueError("no head office URL configured (set hq_url)")
        self.base_url = base_url.rstrip("/")
        self.compress_level = compress_level
        self.histories = histories  # [plugins.sync] histories, sent with every download
        headers = {"User-Agent": "personal-shopper-kiosk"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client = client or httpx.Client(
            base_url=self.base_url, headers=headers, timeout=timeout or DEFAULT_TIMEOUT,
        )

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._client.request(method, path, **kwargs)
        except httpx.HTTPError as error:  # connection refused, reset, timeout, bad response
            raise RetryableError(f"network: {type(error).__name__}: {error}") from error
        if response.status_code >= 300:
            raise classify_status(response.status_code, _detail(response),
                                  retry_after=_retry_after(response))
        try:
            return response.json()
        except ValueError as error:
            raise RetryableError("head office sent a response that is not JSON") from error

    def send_batch(self, batch: dict[str, Any]) -> dict[str, Any]:
        return self.send_encoded(self.encode_batch(batch))

    def encode_batch(self, batch: dict[str, Any]) -> bytes:
        """The request body of ``batch``: gzip-compressed JSON."""
        return gzip.compress(encode_batch(batch), compresslevel=self.compress_level)

    def send_encoded(self, body: bytes) -> dict[str, Any]:
        """Send a body made by ``encode_batch``; return head office's acknowledgement."""
        return self._request(
            "POST", "/v1/events", content=body,
            headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
        )

    def fetch_changes(self, cursor: int, limit: int) -> dict[str, Any]:
        return self._request("GET", "/v1/changes", params={
            "since": cursor, "limit": limit, "histories": self.histories})

    def bootstrap(self, after: int = 0, upto: int | None = None) -> Iterator[dict[str, Any]]:
        """The compacted feed (``GET /v1/bootstrap``), one decoded line at a time:
        ``{"bootstrap": {...}}``, the changes, ``{"end": {...}}`` (see
        ``kiosk.hq.bootstrap``). A cut stream ends without its end line."""
        params: dict[str, Any] = {"after": after, "histories": self.histories}
        if upto is not None:
            params["upto"] = upto
        try:
            with self._client.stream("GET", "/v1/bootstrap", params=params,
                                     timeout=BOOTSTRAP_TIMEOUT) as response:
                if response.status_code >= 300:
                    response.read()
                    raise classify_status(response.status_code, _detail(response),
                                          retry_after=_retry_after(response))
                for line in response.iter_lines():
                    if line:
                        yield _decode_line(line)
        except httpx.HTTPError as error:
            raise RetryableError(f"network: {type(error).__name__}: {error}") from error
        except msgspec.DecodeError as error:
            raise RetryableError("head office sent a bootstrap line that is not JSON") from error

    def register_cards(self, body: dict[str, Any]) -> dict[str, Any]:
        """Send card registrations (``kiosk.sync.cards``); head office says which it refused."""
        return self._request("POST", "/v1/cards", json=body)

    def announce_device(self, device_key: str) -> dict[str, Any]:
        """Tell head office this device's key (pinned on first use; another is refused)."""
        return self._request("POST", "/v1/device", json={"device_key": device_key})

    def chain_key(self) -> str:
        """The chain lookup key, sealed for this device's key (base64)."""
        data = self._request("GET", "/v1/chain-key")
        sealed = data.get("sealed") if isinstance(data, dict) else None
        if not isinstance(sealed, str):
            raise TransportError("head office sent no chain key")
        return sealed

    def lookup_card(self, digest: str, *, timeout: float) -> dict[str, Any]:
        """A card this device does not hold, by its digest: ``{"status", "customer_id",
        "changes"}``; ``timeout`` in seconds for the whole exchange (a shopper waits)."""
        return self._request("POST", "/v1/cards/lookup", json={"digest": digest},
                             timeout=timeout)

    def public_key(self) -> str:
        data = self._request("GET", "/v1/public-key")
        key = data.get("public_key") if isinstance(data, dict) else None
        if not isinstance(key, str):
            raise TransportError("head office sent no public key")
        return key

    def erasure_key(self) -> str:
        """Head office's erasure key (hex), to recognise the digest in an erasure change."""
        data = self._request("GET", "/v1/erasure-key")
        key = data.get("erasure_key") if isinstance(data, dict) else None
        if not isinstance(key, str):
            raise TransportError("head office sent no erasure key")
        return key

    def close(self) -> None:
        self._client.close()


def _detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])[:500]
    return str(data)[:500]


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value else None
    except ValueError:
        return None
