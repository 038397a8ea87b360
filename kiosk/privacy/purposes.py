"""What a shopper can agree to, each purpose on its own, in plain words.

The UI translates ``title`` and ``description`` by purpose key.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Purpose:
    key: str
    title: str
    description: str


PURPOSES: dict[str, Purpose] = {
    p.key: p for p in (
        Purpose(
            "personalisation", "Personal recommendations",
            "We use what you buy here and what you tell us you like to suggest things "
            "for you. Without it you still see our general picks.",
        ),
        Purpose(
            "staff_profile", "Help from staff who know your profile",
            "Our staff can see your profile (your first name, what you like and what you "
            "bought) on their tablets, so they can help you better.",
        ),
        Purpose(
            "hq_offers", "Offers from head office",
            "We share your profile with our head office so they can send you offers. "
            "Without it, head office only gets what the store needs to run.",
        ),
    )
}
