"""What the kiosk tells a shopper who asked for help, decided from head office's answer.

Three truthful outcomes (docs/help.md):

- ``waiting``: nobody has taken the request yet, and someone is signed in on a
  tablet of this store ("We've asked our staff; please wait here");
- ``coming``: a member of staff took it ("Sam is coming");
- ``ask_at_till``: nobody is signed in, nobody took it within the kiosk's
  patience, it expired, or head office is out of reach ("No one is free right
  now; please ask at the till"). ``reason`` says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

State = Literal["waiting", "coming", "ask_at_till"]
Reason = Literal["no_staff", "not_taken", "expired", "unreachable", "refused"]


@dataclass(frozen=True)
class HelpStatus:
    request_id: str
    state: State
    staff_name: str | None = None
    reason: Reason | None = None

    @property
    def final(self) -> bool:
        """Whether the kiosk stops asking head office (only ``waiting`` can change)."""
        return self.state != "waiting"

    def to_dict(self) -> dict[str, Any]:
        return {"request_id": self.request_id, "state": self.state,
                "staff_name": self.staff_name, "reason": self.reason}


def decide(request_id: str, answer: dict[str, Any], *, waited: float,
           give_up_after: float) -> HelpStatus:
    """The status for head office's ``HelpState`` ``answer`` after ``waited`` seconds."""
    if answer.get("state") == "taken" and answer.get("taken_by"):
        return HelpStatus(request_id, "coming", staff_name=str(answer["taken_by"]))
    if answer.get("state") == "expired":
        return HelpStatus(request_id, "ask_at_till", reason="expired")
    if not answer.get("staff_signed_in"):
        return HelpStatus(request_id, "ask_at_till", reason="no_staff")
    if waited >= give_up_after:
        return HelpStatus(request_id, "ask_at_till", reason="not_taken")
    return HelpStatus(request_id, "waiting")
