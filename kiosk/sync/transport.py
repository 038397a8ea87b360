"""What a sync transport is, and how its failures are classified.

A transport carries batches to head office and changes back. The default
one speaks HTTP (``kiosk.sync.http``); a plugin can return another from
the ``kiosk_sync_transport`` hook (a file drop, a message queue, ...).

Every failure is one of two kinds:

- ``RetryableError``: the network, head office being down (5xx), too many
  requests (429), or a refused token (401, ``AuthError``): try again later,
  with backoff;
- ``RejectedError``: head office looked at the batch and refused it (any
  other 4xx): retrying would never help, so the batch is quarantined.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


class TransportError(Exception):
    """A transport could not complete a request."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


class RetryableError(TransportError):
    """Try again later (network error, 5xx, 429)."""

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None):
        super().__init__(message, status=status)
        self.retry_after = retry_after


class AuthError(RetryableError):
    """Head office refused this kiosk's token (401): fix the config; retried."""


class RejectedError(TransportError):
    """Head office refused the request for good (a 4xx other than 401/429)."""


@runtime_checkable
class Transport(Protocol):
    """Carries one kiosk's sync traffic. Methods raise ``TransportError`` subclasses."""

    def send_batch(self, batch: dict[str, Any]) -> dict[str, Any]:
        """Deliver a batch; return head office's acknowledgement.

        ``batch`` is ``{"batch_id", "kiosk_id", "store_id", "dropped", "events": [...]}``;
        each event carries its payload as JSON text in ``payload_json``
        (``kiosk.store.outbox.payload_of(event)`` gives the dict), and
        ``kiosk.wire.encode_batch(batch)`` gives head office's JSON.
        The acknowledgement holds at least ``accepted`` and ``duplicates``.
        """
        ...

    def fetch_changes(self, cursor: int, limit: int) -> dict[str, Any]:
        """Changes after ``cursor``: ``{"changes": [...], "cursor": int, "more": bool}``."""
        ...

    def public_key(self) -> str:
        """Head office's X25519 public key, base64."""
        ...

    def erasure_key(self) -> str:
        """Head office's erasure key, hex (an erasure change names the erased id only by
        its HMAC under this key). Fetched once, on the first erasure; a transport
        without this method leaves erasures waiting in the feed (never skipped)."""
        ...

    # Optional: ``register_cards(body) -> {"refused": [{"index", "reason"}]}``
    # sends card registrations (kiosk.sync.cards); a transport without it
    # leaves each proof of presence to carry its own card.

    def close(self) -> None:
        ...


def classify_status(status: int, detail: str, *,
                    retry_after: float | None = None) -> TransportError:
    """The error for an HTTP status that is not a success."""
    if status == 401:
        return AuthError(f"head office refused this kiosk's token: {detail}", status=status)
    if status == 429:
        return RetryableError(f"head office is busy: {detail}", status=status,
                              retry_after=retry_after)
    if 400 <= status < 500:
        return RejectedError(detail, status=status)
    return RetryableError(f"head office error {status}: {detail}", status=status,
                          retry_after=retry_after)
