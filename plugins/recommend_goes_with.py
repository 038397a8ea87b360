"""Goes with (item to item): "shoppers who bought X also bought Y".

Cosine similarity between items over who bought them, keeping each item's
closest neighbours. A shopper's candidates add up the neighbours of what they
bought, weighted by how recently; the reason names the item that counted most.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kiosk import hookimpl
from kiosk.recommend.scoring import history_items, iso_date, item_cosine_neighbours, top_indices
from kiosk.recommend.types import Candidate, Context, Reason


class GoesWith:
    name = "goes_with"
    personal = True

    def __init__(self, neighbours: int = 100, shrink: float = 10.0, tau_days: float = 90.0):
        self.neighbours = neighbours
        self.shrink = shrink
        self.tau_days = tau_days
        self.similarity = None
        self.skus: tuple[str, ...] = ()
        self.names: tuple[str, ...] = ()
        self.index: dict[str, int] = {}

    def fit(self, snapshot: Any) -> dict[str, Any]:
        self.similarity = item_cosine_neighbours(snapshot.bought, neighbours=self.neighbours,
                                                 shrink=self.shrink)
        self.skus, self.names = snapshot.skus, snapshot.names
        self.index = dict(snapshot.sku_index)
        return {"neighbours": self.neighbours, "shrink": self.shrink,
                "tau_days": self.tau_days}

    def recommend(self, context: Context, k: int) -> list[Candidate]:
        if self.similarity is None or not context.history_skus:
            return []
        items, last, _ = history_items(context, self.index)
        if len(items) == 0:
            return []
        weight = np.exp(-(context.now - last) / self.tau_days).astype(np.float32)
        rows = self.similarity[items]
        scores = np.asarray(rows.T @ weight).ravel()
        top = top_indices(scores, k)
        if len(top) == 0:
            return []
        contributions = rows[:, top].toarray() * weight[:, None]
        triggers = contributions.argmax(axis=0)
        result = []
        for item, trigger in zip(top.tolist(), triggers.tolist(), strict=True):
            source = int(items[trigger])
            data = {"trigger_sku": self.skus[source], "trigger_name": self.names[source],
                    "bought_on": iso_date(last[trigger])}
            result.append(Candidate(self.skus[item], float(scores[item]),
                                    Reason("goes_with", data), self.name))
        return result

    def similar(self, sku: str, k: int) -> list[tuple[str, float]]:
        """The items most bought by the same shoppers as ``sku``."""
        item = self.index.get(sku)
        if self.similarity is None or item is None:
            return []
        row = self.similarity[item].toarray().ravel()
        return [(self.skus[i], float(row[i])) for i in top_indices(row, k).tolist()]


@hookimpl(trylast=True)
def kiosk_register_recommenders(kiosk: Any) -> list[Any]:
    return [GoesWith()]
