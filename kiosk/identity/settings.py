"""The loyalty-card scheme's settings: ``[plugins.loyalty_card]``.

Declared by the built-in plugin plugins/loyalty_card.py.

Failed scans at one kiosk are slowed down progressively (``ratelimit``):
the first ``free_failures`` are free, then each failure makes the kiosk wait
``first_delay``, twice that, four times ... up to ``max_delay`` seconds
before the next scan; failures older than ``quiet_period`` seconds are
forgotten. The ranges keep the limit a limit, and a rule across them refuses
any mix that would let a guesser try more than ``MAX_GUESSES_PER_DAY`` codes
a day at one kiosk (``ratelimit.max_guesses``; docs/security.md has the
figures).
"""

from __future__ import annotations

from typing import Annotated, ClassVar

import msgspec

#: the most failed scans a day any allowed setting lets a guesser make at one kiosk
MAX_GUESSES_PER_DAY = 5000


_LOCK_OUT = ("the 60 s lock-out after max_failures became progressive delays: remove it and "
             "set free_failures, first_delay, max_delay or quiet_period if the defaults do "
             "not suit (docs/security.md)")


class LoyaltyCardSettings(msgspec.Struct, kw_only=True, frozen=True):
    #: settings of earlier versions, and what took their place (``kiosk.settings.read_section``)
    REPLACED: ClassVar[dict[str, str]] = {
        "max_failures": _LOCK_OUT, "failure_window": _LOCK_OUT, "cooldown": _LOCK_OUT}

    free_failures: Annotated[int, msgspec.Meta(ge=1, le=10)] = 3
    first_delay: Annotated[float, msgspec.Meta(ge=0.5, le=60)] = 1.0
    max_delay: Annotated[float, msgspec.Meta(ge=10, le=3600)] = 60.0
    quiet_period: Annotated[float, msgspec.Meta(ge=60, le=86_400)] = 900.0

    def __post_init__(self) -> None:
        from kiosk.identity.ratelimit import DAY, max_guesses

        if self.max_delay < self.first_delay:
            raise ValueError(f"max_delay ({self.max_delay:g}) must be at least first_delay "
                             f"({self.first_delay:g})")
        allowed = max_guesses(self.free_failures, self.first_delay, self.max_delay,
                              self.quiet_period, DAY)
        if allowed > MAX_GUESSES_PER_DAY:
            raise ValueError(
                f"free_failures, first_delay, max_delay and quiet_period together would "
                f"let a guesser try {allowed:,} codes a day at one kiosk (at most "
                f"{MAX_GUESSES_PER_DAY:,} allowed): raise max_delay or quiet_period, or "
                "lower free_failures")
