"""A staff tablet's side of help requests: say who is signed in, list and take requests.

The tablet sends a heartbeat (``signed_in``) at least every
``HEARTBEAT_EVERY`` seconds while someone is signed in, and ``signed_out``
when they sign out or the tablet locks, so kiosks never promise help from
an empty shop floor.
"""

from __future__ import annotations

from typing import Any

from kiosk.help.client import HelpClient

#: seconds between heartbeats (head office forgets a tablet after 90 s)
HEARTBEAT_EVERY = 30.0


class TabletHelp:
    """Help requests as the tablet ``kiosk`` (a device with the tablet role) sees them."""

    def __init__(self, kiosk: Any, *, client: HelpClient | None = None):
        self.kiosk = kiosk
        self._client = client

    def _connect(self) -> HelpClient:
        if self._client is None:
            config = self.kiosk.config
            self._client = HelpClient(config.hq_url, config.hq_token)
            self.kiosk.on_close(self._client.close)
        return self._client

    def signed_in(self, staff_name: str) -> bool:
        """Heartbeat: ``staff_name`` is signed in here; whether anyone is, in this store."""
        return self._connect().presence(staff_name)

    def signed_out(self) -> None:
        self._connect().presence(None)

    def pending(self, wait: float = 0) -> list[dict[str, Any]]:
        """Requests nobody has taken yet, oldest first (waits up to ``wait`` s for one)."""
        return self._connect().pending(wait)

    def take(self, request_id: str, staff_name: str) -> dict[str, Any]:
        """Take a request (``HelpRefused`` 409 if someone was quicker)."""
        return self._connect().take(request_id, staff_name)


def pending(kiosk: Any, wait: float = 0) -> list[dict[str, Any]]:
    """The help requests waiting in ``kiosk``'s store (for the advisor's list)."""
    return TabletHelp(kiosk).pending(wait)
