"""The head-office report page: plain server-rendered HTML, no JavaScript.

Events per store and day, engagement by recommender (impressions, saves,
"not for me", "more like this" and their rates) and the kiosks' sync
counters. Aggregates only: no customer appears here.
"""

from __future__ import annotations

from html import escape
from typing import Any

from kiosk.hq.storage import Storage

FEEDBACK_KINDS = ("save", "not_for_me", "more_like_this")

_PER_DAY = ("SELECT store_id, day, count(*) FROM events GROUP BY store_id, day "
            "ORDER BY day DESC, store_id LIMIT 400")


def _impressions(storage: Storage) -> str:
    return (f"SELECT recommender, count(*) FROM ({storage.impressions_sql}) i "
            "WHERE recommender IS NOT NULL AND sku IS NOT NULL GROUP BY recommender")


def _feedback(storage: Storage) -> str:
    # Feedback counts for the recommender that made the pick: its own field
    # if the event has one, else the impression of that product in that session.
    return (
        f"WITH shown AS (SELECT session_id, sku, min(recommender) AS recommender "
        f"FROM ({storage.impressions_sql}) i WHERE sku IS NOT NULL "
        "GROUP BY session_id, sku) "
        "SELECT coalesce(f.recommender, shown.recommender) AS rec, f.kind, count(*) "
        "FROM events f LEFT JOIN shown ON shown.session_id = f.session_id "
        "AND shown.sku = f.sku WHERE f.kind IN ('save', 'not_for_me', 'more_like_this') "
        "GROUP BY 1, 2"
    )


def engagement(storage: Storage) -> list[dict[str, Any]]:
    """Per recommender: impressions, each feedback kind and the save rate."""
    rows: dict[str, dict[str, Any]] = {}
    for recommender, count in storage.query(_impressions(storage)):
        rows.setdefault(recommender, {"recommender": recommender})["impression"] = int(count)
    for recommender, kind, count in storage.query(_feedback(storage)):
        if recommender is None:
            continue
        rows.setdefault(recommender, {"recommender": recommender})[kind] = int(count)
    result = []
    for row in sorted(rows.values(), key=lambda r: r["recommender"]):
        shown = row.setdefault("impression", 0)
        for kind in FEEDBACK_KINDS:
            row.setdefault(kind, 0)
        row["save_rate"] = round(row["save"] / shown, 4) if shown else None
        result.append(row)
    return result


def events_per_day(storage: Storage) -> list[tuple[str, str, int]]:
    return [(store, day, int(count)) for store, day, count in storage.query(_PER_DAY)]


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th scope='col'>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        for row in rows
    ) or f"<tr><td colspan='{len(headers)}'>Nothing yet.</td></tr>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(storage: Storage) -> str:
    stats = storage.stats()
    kiosks = [[name, k["store_id"], k["events"], k["duplicates_ignored"], k["out_of_order"],
               k["dropped"], k["last_seen"]] for name, k in stats["kiosks"].items()]
    rec = [[r["recommender"], r["impression"], r["save"], r["not_for_me"], r["more_like_this"],
            "" if r["save_rate"] is None else f"{r['save_rate']:.1%}"]
           for r in engagement(storage)]
    days = [list(row) for row in events_per_day(storage)]
    totals = stats["totals"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Head office report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
table {{ border-collapse: collapse; margin-bottom: 2rem; }}
th, td {{ border: 1px solid #ccc; padding: .3rem .7rem; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }}
</style></head><body>
<h1>Head office report</h1>
<p>{totals['events']:,} events stored, {totals['duplicates_ignored']:,} duplicates ignored,
{totals['erasures']:,} erasures. Storage: {escape(stats['backend'])}.</p>
<h2>Engagement by recommender</h2>
{_table(["Recommender", "Impressions", "Saves", "Not for me", "More like this", "Save rate"],
        rec)}
<h2>Events per store and day</h2>
{_table(["Store", "Day (UTC)", "Events"], days)}
<h2>Kiosks</h2>
{_table(["Kiosk", "Store", "Events", "Duplicates ignored", "Out of order", "Dropped",
         "Last seen"], kiosks)}
</body></html>
"""
