"""Which arm a unit (a shopper, or a guest's session) is in: a salted hash, no look-up.

``assign(salt, unit_id, arms)`` hashes ``salt:unit_id`` with SHA-256 and maps the first
8 bytes onto the arms' weights, so the same shopper is in the same arm on every kiosk,
offline too, and two experiments (two salts) split shoppers independently. The salt is
the experiment's own (made when it is created); changing it reshuffles everyone.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

CONTROL = "control"
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


class ArmsError(ValueError):
    """An arms specification that cannot be used (the message says why)."""


@dataclass(frozen=True)
class Arm:
    name: str
    weight: int


def parse_arms(text: str) -> tuple[Arm, ...]:
    """``"control:10,blend:90"`` → arms; refuses what cannot be an experiment."""
    arms: list[Arm] = []
    for part in (p.strip() for p in str(text).split(",")):
        name, sep, weight = part.partition(":")
        name = name.strip()
        if not sep or not _NAME.match(name):
            raise ArmsError(f"each arm is NAME:WEIGHT (a lower-case name), got {part!r}")
        try:
            value = int(weight)
        except ValueError:
            raise ArmsError(f"the weight of arm {name!r} must be a whole number, got "
                            f"{weight.strip()!r}") from None
        if value <= 0:
            raise ArmsError(f"the weight of arm {name!r} must be above 0, got {value}")
        if any(arm.name == name for arm in arms):
            raise ArmsError(f"arm {name!r} is named twice")
        arms.append(Arm(name, value))
    if len(arms) < 2:
        raise ArmsError("an experiment needs at least two arms")
    if not any(arm.name == CONTROL for arm in arms):
        raise ArmsError(f"one arm must be named {CONTROL!r} (it gets the non-personal picks)")
    return tuple(arms)


def bucket(salt: str, unit_id: str) -> int:
    """A 64-bit number from the salted hash of the unit's id."""
    digest = hashlib.sha256(f"{salt}:{unit_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def assign(salt: str, unit_id: str, arms: tuple[Arm, ...]) -> str:
    """The arm ``unit_id`` is in (the same for the same salt, everywhere)."""
    total = sum(arm.weight for arm in arms)
    point = bucket(salt, unit_id) % total
    for arm in arms:
        if point < arm.weight:
            return arm.name
        point -= arm.weight
    raise AssertionError("unreachable: the point is below the total weight")
