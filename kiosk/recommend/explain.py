"""Reason codes → English sentences. The UI uses the same table through Qt.

A reason may come without its data: what another kiosk of the chain showed
reaches a device as the reason code only (``kiosk.hq.shown``). Each code then
has a sentence that needs nothing ("Goes with something you bought").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kiosk.recommend.types import Reason

# code -> template; a variant is chosen in ``explain`` from the data present.
TEMPLATES: dict[str, str] = {
    "buy_again": "You buy this about every {interval_days} days; last time on {last_bought_text}",
    "buy_again_once": "You bought this in {month}",
    "buy_again_times": "You have bought this {times} times, last in {month}",
    "goes_with": "Goes with the {trigger_name} you bought in {month}",
    "goes_with_undated": "Goes with the {trigger_name}",
    "goes_with_unnamed": "Goes with something you bought",
    "similar_shoppers": "Shoppers who buy what you buy also like this",
    "content_match_theme": "Matches your interest in {theme}",
    "content_match_colour": "In {colour}, a colour you like",
    "content_match_anchor": "Like the {anchor_name} you bought",
    "content_match": "Like other things you chose",
    "popular_here": "Popular in this store over the last {days} days",
    "trending": "Trending in this store right now",
    "seasonal": "A favourite for {season}",
    "staff_pick_note": "Picked for you by {staff_name}: {note}",
    "staff_pick": "Picked for you by {staff_name}",
    "more_like_this": "More like the {anchor_name}",
    "more_like_this_unnamed": "More like something you liked",
    "fallback": "Recommended for you",
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _product(name: Any) -> str:
    """Catalogue names are often in capitals; a sentence reads better in lower case."""
    text = str(name or "item").strip()
    return text.lower() if text.isupper() else text


def template_key(reason: Reason) -> str:
    """Which template of ``TEMPLATES`` fits this reason's data."""
    code, data = reason.code, reason.data
    if code == "buy_again":
        if data.get("interval_days") and _date(data.get("last_bought")):
            return "buy_again"
        return "buy_again_times" if int(data.get("times") or 1) > 1 else "buy_again_once"
    if code == "goes_with":
        if not data.get("trigger_name"):
            return "goes_with_unnamed"
        return "goes_with" if _date(data.get("bought_on")) else "goes_with_undated"
    if code == "content_match":
        if data.get("theme"):
            return "content_match_theme"
        if data.get("colour"):
            return "content_match_colour"
        if data.get("anchor_name"):
            return "content_match_anchor"
        return "content_match"
    if code == "staff_pick":
        return "staff_pick_note" if data.get("note") else "staff_pick"
    if code == "more_like_this" and not data.get("anchor_name"):
        return "more_like_this_unnamed"
    return code if code in TEMPLATES else "fallback"


def template_values(reason: Reason) -> dict[str, str]:
    """The values a template needs, formatted for a sentence."""
    data = dict(reason.data)
    when = _date(data.get("last_bought")) or _date(data.get("bought_on"))
    values = {key: str(value) for key, value in data.items()}
    if when is not None:
        values["month"] = _MONTHS[when.month - 1]
        values["last_bought_text"] = f"{when.day} {_MONTHS[when.month - 1]}"
    else:
        values.setdefault("month", "the past")
    values["trigger_name"] = _product(data.get("trigger_name"))
    values["anchor_name"] = _product(data.get("anchor_name"))
    values["theme"] = str(data.get("theme", "")).replace("_", " ")
    values["season"] = str(data.get("season", "the season")).replace("_", " ")
    if "interval_days" in data and data["interval_days"] is not None:
        values["interval_days"] = str(round(float(data["interval_days"])))
    values.setdefault("staff_name", "our staff")
    values.setdefault("days", "30")
    return values


def explain(reason: Reason) -> str:
    """The English sentence for a reason, e.g. "Goes with the lantern you bought in May"."""
    key = template_key(reason)
    try:
        return TEMPLATES[key].format(**template_values(reason))
    except (KeyError, ValueError, IndexError):
        return TEMPLATES["fallback"]
