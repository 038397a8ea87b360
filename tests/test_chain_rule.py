"""kiosk.chain: the hybrid logical clock and the one merge rule every copy of a record uses."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import chain
from kiosk.chain import Clock, Version


def merge(field: str, versions: list[Version]):
    """The field's value after ``versions`` arrived in this order."""
    state = None
    for version in versions:
        state = chain.merge(field, state, version)
    return state.value(field)


def test_clock_orders_after_what_it_saw_even_when_behind():
    behind = Clock("tablet", wall=lambda: 1000.0)   # ten minutes slow
    ahead = Clock("kiosk", wall=lambda: 1600.0)
    seen = ahead.tick()
    behind.observe(seen)
    mine = behind.tick()
    assert chain.unstamp(mine) > chain.unstamp(seen)
    assert mine > seen  # the text form sorts the same way


def test_clock_never_goes_back_across_restarts():
    clock = Clock("k", wall=lambda: 50.0)
    first = clock.tick()
    restarted = Clock("k", last=clock.reading, wall=lambda: 10.0)  # wall clock set back
    assert restarted.tick() > first


def test_stamps_are_checked():
    with pytest.raises(ValueError, match="clock stamp"):
        chain.unstamp("yesterday")
    with pytest.raises(ValueError, match="node"):
        Clock("")


def test_latest_wins_for_ordinary_fields():
    old, new = Version("Ann", "000000000001-0000-a"), Version("Anne", "000000000002-0000-b")
    assert merge("first_name", [old, new]) == "Anne"
    assert merge("first_name", [new, old]) == "Anne"


def test_withdrawal_beats_a_concurrent_grant_in_either_order():
    withdrawal = Version(False, "000000000005-0000-a", base="000000000001-0000-x")
    later_grant = Version(True, "000000000007-0000-b", base="000000000001-0000-x")
    for order in ([withdrawal, later_grant], [later_grant, withdrawal]):
        assert merge("consent:personalisation", order) is False


def test_a_grant_made_after_seeing_the_withdrawal_wins():
    withdrawal = Version(False, "000000000005-0000-a", base="000000000001-0000-x")
    regrant = Version(True, "000000000009-0000-b", base=withdrawal.hlc)
    for order in ([withdrawal, regrant], [regrant, withdrawal]):
        assert merge("consent:personalisation", order) is True


def test_pause_beats_a_concurrent_resume():
    pause = Version(True, "000000000003-0000-a", base="")
    resume = Version(False, "000000000008-0000-b", base="")
    assert merge("paused", [pause, resume]) is True
    assert merge("paused", [resume, pause]) is True


bools = st.booleans()
stamps = st.tuples(st.integers(0, 6), st.integers(0, 2), st.sampled_from("abc"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(stamps, bools, st.one_of(st.none(), stamps)), min_size=1, max_size=5,
                unique_by=lambda t: t[0]),
       st.sampled_from(["consent:personalisation", "paused", "saved:85123A"]))
def test_every_order_of_arrival_converges(edits, field):
    versions = [Version(value, chain.stamp(*s), chain.stamp(*b) if b else "")
                for s, value, b in edits]
    states = set()
    for order in itertools.permutations(versions):
        state = None
        for version in order:
            state = chain.merge(field, state, version)
        states.add(state)
    assert len(states) == 1


def test_a_grant_that_saw_only_an_older_withdrawal_loses_to_a_newer_one():
    first = Version(False, "000000000002-0000-a")
    regrant = Version(True, "000000000009-0000-b", base=first.hlc)  # saw only the first
    second = Version(False, "000000000005-0000-c")  # concurrent with the regrant
    for order in itertools.permutations([first, regrant, second]):
        assert merge("consent:hq_offers", list(order)) is False


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("first_name", "Chloé", None),
    ("first_name", "x" * 41, "first_name: text of at most 40"),
    ("consent:personalisation", True, None),
    ("consent:personalisation", "yes", "consent: true or false"),
    ("pref:size:M", {"source": "staff"}, None),
    ("pref:size:M", {"source": "robot"}, "pref: {"),
    ("pref:size", None, "pref: a preference field is pref:KEY:VALUE"),
    ("note:1", {"text": "For the party", "author": "Sam"}, None),
    ("shoe_size", 42, "unknown field"),
])
def test_fields_are_checked(field, value, problem):
    found = chain.check_field(field, value)
    assert (found is None) if problem is None else found.startswith(problem)
