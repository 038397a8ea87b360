"""Recommendations: the Recommender protocol, blending, filters, explanations, evaluation.

Recommenders are plugins (hook ``kiosk_register_recommenders``); the built-in
ones live in plugins/recommend_*.py. See docs/recommenders.md.
"""

from kiosk.recommend.explain import explain
from kiosk.recommend.types import (
    SHELF_OF_REASON,
    SHELF_ORDER,
    Candidate,
    Context,
    Pick,
    Reason,
    Recommender,
    Shelf,
)

__all__ = ["SHELF_OF_REASON", "SHELF_ORDER", "Candidate", "Context", "Pick", "Reason",
           "Recommender", "Shelf", "explain"]
