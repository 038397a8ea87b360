"""Progressive delays after failed scans: typos are free, guessing stays slow (docs/security.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.app import Kiosk
from kiosk.config import ConfigError
from kiosk.identity.ratelimit import DAY, ScanLimiter, delay_after, max_guesses
from kiosk.identity.settings import MAX_GUESSES_PER_DAY, LoyaltyCardSettings
from kiosk.settings import read_section


class Clock:
    def __init__(self, start: float = 1_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clocked(config):
    """A kiosk whose identity service reads an injected clock."""
    instance = Kiosk(config, entrypoints=False)
    clock = Clock()
    instance.identity.clock = clock
    yield instance, clock
    instance.close()


def wrong(i: int) -> str:
    return f"PSK-NOT-A-CARD-{i}"


def test_one_shoppers_typos_do_not_lock_the_kiosk(clocked):
    kiosk, clock = clocked
    statuses = [kiosk.identity.identify(wrong(i)).status for i in range(3)]
    assert statuses == ["malformed"] * 3
    # three mistakes cost nothing: the next try is answered at once
    assert kiosk.identity.identify(wrong(3)).status == "malformed"
    # the fourth failure made the kiosk wait one second, and it says so
    refused = kiosk.identity.identify(wrong(4))
    assert (refused.status, refused.retry_after) == ("rate_limited", 1)
    clock.now += 1.0
    assert kiosk.identity.identify(wrong(5)).status == "malformed"


def test_delays_double_up_to_the_cap_and_the_wait_is_what_is_enforced(clocked):
    kiosk, clock = clocked
    waits = []
    for i in range(12):
        assert kiosk.identity.identify(wrong(i)).status == "malformed"
        wait = kiosk.identity.limiter.wait_seconds(kiosk.db, clock.now)
        waits.append(wait)
        if wait:
            told = kiosk.identity.identify(wrong(100 + i))
            assert (told.status, told.retry_after) == ("rate_limited", wait)
            clock.now += wait - 0.01
            # still refused a hundredth of a second before the promised time
            almost = kiosk.identity.identify(wrong(200 + i))
            assert (almost.status, almost.retry_after) == ("rate_limited", 1)
            clock.now += 0.02
    assert waits == [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_quiet_spell_forgets_the_failures(clocked):
    kiosk, clock = clocked
    for i in range(6):
        kiosk.identity.identify(wrong(i))
        clock.now += 60
    clock.now += 900
    for i in range(4):  # free again
        assert kiosk.identity.identify(wrong(10 + i)).status == "malformed"


def test_a_persistent_guesser_gets_at_most_the_documented_guesses_a_day(clocked):
    """Retrying the moment the kiosk allows it, for a whole simulated day."""
    kiosk, clock = clocked
    limiter = kiosk.identity.limiter
    end, tries = clock.now + DAY, 0
    while clock.now < end:
        until = limiter.blocked_until(kiosk.db, clock.now)
        if until is not None:
            clock.now = until
            continue
        with kiosk.transaction() as tx:
            limiter.record_failure(tx, clock.now)
        tries += 1
    # the cap (60 s) paces a persistent guesser: 24 h x 60 an hour, plus the free start
    assert 1440 <= tries <= 1450
    assert tries <= max_guesses(3, 1.0, 60.0, 900.0, DAY) == 2208


def test_a_guesser_who_waits_for_the_quiet_spell_gets_fewer(config):
    clock = Clock()
    limiter = ScanLimiter("k", free_failures=3, first_delay=1.0, max_delay=60.0,
                          quiet_period=900.0)
    kiosk = Kiosk(config, entrypoints=False)
    try:
        tries, end = 0, clock.now + DAY
        while clock.now < end:
            for _ in range(9):  # the free ones and the cheap delays, then a quiet spell
                until = limiter.blocked_until(kiosk.db, clock.now)
                clock.now = until or clock.now
                with kiosk.transaction() as tx:
                    limiter.record_failure(tx, clock.now)
                tries += 1
            clock.now += 900
        assert tries < 1440
    finally:
        kiosk.close()


def test_the_bound_holds_for_every_timing_tried():
    """max_guesses is an upper bound: no schedule of tries in a quiet period beats it."""
    import itertools

    limiter_args = (3, 1.0, 60.0, 900.0)
    bound = max_guesses(*limiter_args, 900.0)
    for gaps in itertools.product((0.0, 30.0, 120.0), repeat=4):
        failures: list[float] = []
        now, blocked_until = 0.0, 0.0
        step = 0
        while now < 900.0:
            now = max(now, blocked_until)
            if now >= 900.0:
                break
            failures = [t for t in failures if t > now - 900.0] + [now]
            blocked_until = now + delay_after(len(failures), *limiter_args[:3])
            now += gaps[step % 4]
            step += 1
        assert step <= bound, gaps


@pytest.mark.parametrize(("table", "named"), [
    ({"free_failures": 10, "max_delay": 10, "quiet_period": 60}, "free_failures, first_delay"),
    ({"free_failures": 0}, "free_failures must be a whole number from 1 to 10"),
    ({"max_delay": 5}, "max_delay must be a number from 10 to 3600"),
    ({"quiet_period": 10}, "quiet_period must be a number from 60 to 86400"),
    ({"first_delay": 30, "max_delay": 20}, "max_delay (20) must be at least first_delay (30)"),
    ({"max_failures": 5}, "'max_failures' is no longer a setting"),
], ids=["too-weak-together", "no-free", "tiny-cap", "short-quiet", "cap-below-first",
        "old-key"])
def test_settings_that_would_weaken_the_limit_are_refused_naming_the_key(table, named):
    with pytest.raises(ConfigError) as refused:
        read_section("loyalty_card", table, LoyaltyCardSettings)
    assert "[plugins.loyalty_card]" in str(refused.value)
    assert named in str(refused.value)


def test_every_allowed_corner_stays_under_the_daily_ceiling():
    for free in (1, 10):
        for first in (0.5, 60.0):
            for cap in (max(10.0, first), 3600.0):
                for quiet in (60.0, 86_400.0):
                    table = {"free_failures": free, "first_delay": first, "max_delay": cap,
                             "quiet_period": quiet}
                    try:
                        read_section("loyalty_card", table, LoyaltyCardSettings)
                    except ConfigError:
                        continue
                    assert max_guesses(free, first, cap, quiet, DAY) <= MAX_GUESSES_PER_DAY


def test_the_limiter_reads_its_settings(config):
    kiosk = Kiosk(replace(config, plugins={"loyalty_card": {"free_failures": 5,
                                                            "max_delay": 120}}),
                  entrypoints=False)
    try:
        limiter = kiosk.identity.limiter
        assert (limiter.free_failures, limiter.first_delay, limiter.max_delay,
                limiter.quiet_period) == (5, 1.0, 120.0, 900.0)
    finally:
        kiosk.close()
