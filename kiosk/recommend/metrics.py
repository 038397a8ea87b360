"""Ranking metrics with binary relevance, the standard way."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

_DISCOUNTS = [1.0 / math.log2(rank + 2) for rank in range(1000)]


def dcg(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    return sum(_DISCOUNTS[r] for r, sku in enumerate(ranked[:k]) if sku in relevant)


def ndcg_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """DCG of the top ``k`` over the ideal DCG of min(|relevant|, k) hits at the top."""
    if not relevant:
        return 0.0
    ideal = sum(_DISCOUNTS[:min(len(relevant), k)])
    return dcg(ranked, relevant, k) / ideal


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """Share of the relevant items found in the top ``k``."""
    if not relevant:
        return 0.0
    return sum(1 for sku in ranked[:k] if sku in relevant) / len(relevant)


def hit_rate_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """1 if any relevant item is in the top ``k``, else 0."""
    return 1.0 if any(sku in relevant for sku in ranked[:k]) else 0.0
