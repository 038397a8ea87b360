"""Contacting a client: no channel of our own, plugins add one (``kiosk_contact_customer``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.plugins import call_each
from kiosk.store import customers

if TYPE_CHECKING:
    from kiosk.app import Kiosk

MAX_MESSAGE = 1000


def contact(kiosk: Kiosk, customer_id: str, message: Any, *, staff: str) -> list[str]:
    """The channels that accepted ``message`` ([] means "at their next visit")."""
    if not isinstance(message, str) or not message.strip() or len(message) > MAX_MESSAGE:
        raise ValueError(f"message: 1 to {MAX_MESSAGE} characters")
    answers = call_each(kiosk.pm, "kiosk_contact_customer", private=True, kiosk=kiosk,
                        customer_id=customer_id,
                        first_name=customers.first_name_of(kiosk.db, customer_id),
                        message=message.strip(), staff=staff)
    return [str(channel) for _, channel in answers if isinstance(channel, str) and channel]
