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


#: Where the profile lives, said once wherever consent is asked: head office holds it
#: so that a card and a profile work in every store of the chain.
WHERE_HELD = (
    "Your profile (your first name, what you like, the answers you give here and the "
    "cards you hold) is kept by our head office, so your card and your profile work in "
    "all our stores. Each store's devices keep a copy to work when the network is down."
)

PURPOSES: dict[str, Purpose] = {
    p.key: p for p in (
        Purpose(
            "personalisation", "Personal recommendations",
            "We use what you buy in our stores and what you tell us you like to suggest "
            "things for you, in every store. Your profile is held by our head office so "
            "it works in all our stores. Without it you still see our general picks.",
        ),
        Purpose(
            "staff_profile", "Help from staff who know your profile",
            "Staff in our stores can see your profile (your first name, what you like and "
            "what you bought) on their tablets, and add notes you can always see, so they "
            "can help you better. The profile and notes are held by our head office.",
        ),
        Purpose(
            "hq_offers", "Offers from head office",
            "Our head office may use your profile to send you offers. Without it, head "
            "office still keeps your profile so your card works in all our stores, but "
            "uses it for nothing else.",
        ),
    )
}
