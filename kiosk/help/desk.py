"""The kiosk's side of a help request: ask head office, then follow the answer.

``HelpDesk.ask`` records a ``help_requested`` event (as before: the store's
analytics count them) and sends the request to head office; ``HelpDesk.check``
reads where it stands. Both return a ``HelpStatus`` and never raise for a
network failure: out of reach is itself an answer ("please ask at the till").
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from kiosk.help.client import HelpClient, HelpRefused, HelpUnreachable
from kiosk.help.status import HelpStatus, decide

log = logging.getLogger(__name__)

#: how long a kiosk waits for someone to take a request before sending the shopper
#: to the till
GIVE_UP_AFTER = 90.0
#: what a tablet is shown of what the shopper was looking at
MAX_LOOKING_AT = 5
CONSENT = "staff_profile"


class HelpDesk:
    """Asks for help for the shopper at ``kiosk`` and follows the request."""

    def __init__(self, kiosk: Any, *, give_up_after: float = GIVE_UP_AFTER,
                 client: HelpClient | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.kiosk = kiosk
        self.give_up_after = give_up_after
        self.clock = clock
        self._client = client
        self._asked: dict[str, float] = {}

    def _connect(self) -> HelpClient:
        if self._client is None:
            config = self.kiosk.config
            self._client = HelpClient(config.hq_url, config.hq_token)
            self.kiosk.on_close(self._client.close)
        return self._client

    def ask(self, customer_id: str | None = None, *, first_name: str | None = None,
            looking_at: Sequence[dict[str, Any]] = (), screen: str = "") -> HelpStatus:
        """Ask for help; the shopper's first name and what they looked at go only with
        their ``staff_profile`` consent."""
        request_id = str(uuid.uuid4())
        self.kiosk.record_event("help_requested", {"screen": screen, "request_id": request_id},
                                customer_id=customer_id)
        shared = customer_id is not None and self.kiosk.privacy.consented(customer_id,
                                                                          CONSENT)
        items = [{"sku": str(item["sku"]), "name": item.get("name")}
                 for item in looking_at][:MAX_LOOKING_AT] if shared else []
        self._asked[request_id] = self.clock()
        try:
            answer = self._connect().ask(request_id, first_name if shared else None, items)
        except (HelpUnreachable, HelpRefused) as error:
            return self._failed(request_id, error)
        return decide(request_id, answer, waited=0.0, give_up_after=self.give_up_after)

    def check(self, request_id: str) -> HelpStatus:
        """Where the request stands now (``ask_at_till`` once the kiosk gave up waiting)."""
        waited = self.clock() - self._asked.get(request_id, self.clock())
        try:
            answer = self._connect().state(request_id)
        except (HelpUnreachable, HelpRefused) as error:
            return self._failed(request_id, error)
        return decide(request_id, answer, waited=waited, give_up_after=self.give_up_after)

    @staticmethod
    def _failed(request_id: str, error: Exception) -> HelpStatus:
        log.warning("help request not delivered: %s", error)
        reason = "refused" if isinstance(error, HelpRefused) else "unreachable"
        return HelpStatus(request_id, "ask_at_till", reason=reason)
