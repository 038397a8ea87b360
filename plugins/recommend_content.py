"""Content-based: product text (TF-IDF on names) and the shopper's stated preferences.

A shopper's profile is the recency-weighted sum of the TF-IDF vectors of what
they bought; stated themes and colours add to an item's score, and a stated
budget drops items above it. New products get picks from their text alone;
a new shopper with preferences gets popular items that match them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kiosk import hookimpl
from kiosk.recommend.scoring import history_items, top_indices
from kiosk.recommend.types import Candidate, Context, Reason


class Content:
    name = "content"
    personal = True

    def __init__(self, tau_days: float = 90.0, theme_boost: float = 0.5,
                 colour_boost: float = 0.3):
        self.tau_days = tau_days
        self.theme_boost = theme_boost
        self.colour_boost = colour_boost
        self.vectors = None
        self.skus: tuple[str, ...] = ()
        self.names: tuple[str, ...] = ()
        self.index: dict[str, int] = {}
        self.themes: np.ndarray = np.zeros(0, dtype=object)
        self.colours: tuple[frozenset[str], ...] = ()
        self.prices = np.zeros(0)
        self.prior = np.zeros(0)

    def fit(self, snapshot: Any) -> dict[str, Any]:
        self.skus = snapshot.skus
        self.names = tuple(snapshot.names)
        self.index = dict(snapshot.sku_index)
        # scikit-learn is imported here, not at the top: every kiosk command
        # loads this plugin, and only training needs it
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [name.lower() for name in snapshot.names]
        vectoriser = TfidfVectorizer(token_pattern=r"(?u)\b[a-z][a-z]+\b", sublinear_tf=True,
                                     dtype=np.float32)
        try:
            self.vectors = vectoriser.fit_transform(texts).tocsr()
        except ValueError:  # no words at all (e.g. only stock codes)
            self.vectors = None
        self.themes = np.asarray([(t or "").lower() for t in snapshot.themes], dtype=object)
        self.colours = tuple(frozenset(c.lower() for c in cs) for cs in snapshot.colours)
        self.prices = np.asarray(snapshot.prices, dtype=np.float64)
        baskets = np.asarray(snapshot.baskets.sum(axis=0)).ravel()
        self.prior = np.log1p(baskets) / max(np.log1p(baskets).max(), 1.0)
        return {"tau_days": self.tau_days, "vocabulary": 0 if self.vectors is None
                else self.vectors.shape[1]}

    def recommend(self, context: Context, k: int) -> list[Candidate]:
        if not self.skus:
            return []
        n = len(self.skus)
        text = np.zeros(n, dtype=np.float64)
        items, last, _ = history_items(context, self.index)
        if self.vectors is not None and len(items):
            weight = np.exp(-(context.now - last) / self.tau_days)
            profile = self.vectors[items].T @ weight
            text = np.asarray(self.vectors @ profile).ravel()
            if text.max() > 0:
                text /= text.max()
        themes = {t.lower() for t in context.preferences.get("theme", ())}
        colours = {c.lower() for c in context.preferences.get("colour", ())}
        theme_hit = np.isin(self.themes, list(themes)) if themes else np.zeros(n, dtype=bool)
        colour_hit = (np.asarray([bool(c & colours) for c in self.colours])
                      if colours else np.zeros(n, dtype=bool))
        scores = text + self.theme_boost * theme_hit + self.colour_boost * colour_hit
        if not len(items):  # no history: preferences only, most bought first
            scores = scores * (0.5 + 0.5 * self.prior)
        budget = _budget(context.preferences.get("budget", ()))
        if budget is not None:
            scores[~(self.prices <= budget)] = 0.0
        top = top_indices(scores, k)
        anchors = self._anchors(top, items) if self.vectors is not None and len(items) else {}
        result = []
        for i in top.tolist():
            data: dict[str, str] = {}
            if theme_hit[i]:
                data["theme"] = str(self.themes[i])
            if colour_hit[i]:
                data["colour"] = sorted(self.colours[i] & colours)[0]
            if i in anchors:
                data["anchor_sku"] = self.skus[anchors[i]]
                data["anchor_name"] = self.names[anchors[i]]
            result.append(Candidate(self.skus[i], float(scores[i]),
                                    Reason("content_match", data), self.name))
        return result

    def _anchors(self, picks: np.ndarray, history: np.ndarray) -> dict[int, int]:
        """For each pick, the bought item whose name reads most like it (the "why")."""
        assert self.vectors is not None
        similarity = (self.vectors[picks] @ self.vectors[history].T).toarray()
        best = similarity.argmax(axis=1)
        return {int(pick): int(history[b]) for pick, b, row in zip(picks, best, similarity,
                                                                     strict=True)
                if row[b] > 0 and int(history[b]) != int(pick)}

    def similar(self, sku: str, k: int) -> list[tuple[str, float]]:
        """The items whose names read most like ``sku``'s."""
        item = self.index.get(sku)
        if self.vectors is None or item is None:
            return []
        row = np.asarray((self.vectors @ self.vectors[item].T).toarray()).ravel()
        row[item] = 0.0
        return [(self.skus[i], float(row[i])) for i in top_indices(row, k).tolist()]


def _budget(values: tuple[str, ...]) -> float | None:
    for value in values:
        try:
            return float(str(value).strip().lstrip("£$€"))
        except ValueError:
            continue
    return None


@hookimpl(trylast=True)
def kiosk_register_recommenders(kiosk: Any) -> list[Any]:
    return [Content()]
