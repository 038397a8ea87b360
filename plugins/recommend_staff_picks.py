"""Staff picks: products a staff member chose for a customer (staff mode adds them).

Nothing to train: picks are read live from the ``staff_picks`` table, newest
first. Without a kiosk database (batch, evaluation) it registers nothing.
"""

from __future__ import annotations

from typing import Any

from kiosk import hookimpl
from kiosk.recommend.types import Candidate, Context, Reason
from kiosk.store import recommend as recommend_store


class StaffPicks:
    name = "staff_picks"
    personal = True
    trainable = False

    def __init__(self, kiosk: Any):
        self.kiosk = kiosk

    def fit(self, snapshot: Any) -> None:
        return None

    def recommend(self, context: Context, k: int) -> list[Candidate]:
        if not context.personal or context.customer_id is None:
            return []
        rows = recommend_store.staff_picks(self.kiosk.db, context.customer_id, k)
        return [Candidate(sku, 1.0 / (1 + rank),
                          Reason("staff_pick", {"staff_name": staff, "note": note}), self.name)
                for rank, (sku, staff, note) in enumerate(rows)]


@hookimpl(trylast=True)
def kiosk_register_recommenders(kiosk: Any) -> list[Any]:
    return [] if kiosk is None else [StaffPicks(kiosk)]
