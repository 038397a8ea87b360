"""What a shopper would see at this kiosk now, as plain data (``kiosk recommend``)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from kiosk.recommend.explain import explain

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def preview(kiosk: Kiosk, customer_id: str | None, *, k: int = 12) -> list[dict[str, Any]]:
    """``[{"key", "picks": [{"sku", "reason": {"code", "text"}}]}]``, shelves in order.

    A session of its own, so the shopper's own session filters apply; no
    impression is recorded (a preview must not use up the frequency cap).
    """
    session_id = "preview-" + secrets.token_hex(4)
    shelves = kiosk.recommendations.shelves(customer_id, session_id=session_id, k=k)
    return [{"key": shelf.key,
             "picks": [{"sku": pick.sku,
                        "reason": {"code": pick.reason.code, "text": explain(pick.reason)}}
                       for pick in shelf.picks]}
            for shelf in shelves]
