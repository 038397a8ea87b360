"""The advisor's "today" list: whom to look after today.

- **lapsing**: clients with at least two visits whose time since the last one
  is more than ``lapsing_factor`` × their usual interval (the average days
  between visits); ``days_over`` = days since the last visit − usual
  interval; most overdue first.
- **new this week**: clients who became clients (first said yes to
  staff_profile, at enrolment or later) or bought for the first time within
  ``new_client_days`` up to the reference day.
- **back in stock**: items a client saved at a kiosk, has not bought since,
  and that this store has in stock now.
- **help**: help requests waiting (``kiosk.help.pending``); None when head
  office is not configured or out of reach.

The reference day is today, or the day after the store's last purchase when
its history ended long ago (``kiosk.clienteling.days``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kiosk.clienteling import book
from kiosk.clienteling.days import reference_day
from kiosk.store import catalogue, clients

if TYPE_CHECKING:
    from kiosk.app import Kiosk

MAX_ROWS = 50
LAPSING_SCAN = 5000


def today_list(kiosk: Kiosk, *, staff: str | None = None,
               help_requests: bool = True) -> dict[str, Any]:
    """The advisor's lists (``staff``: only the clients assigned to them)."""
    book.fresh(kiosk)
    db = kiosk.db
    settings = book.settings(kiosk)
    today = reference_day(db)
    lapsing_rows = clients.search(db, advisor=staff, limit=LAPSING_SCAN,
                                  lapsing=(today.isoformat(), settings.lapsing_factor))
    first_day = date.fromordinal(today.toordinal() - settings.new_client_days + 1)
    new_rows = clients.new_between(db, first_day.isoformat(), today.isoformat(),
                                   MAX_ROWS if staff is None else LAPSING_SCAN)
    if staff is not None:
        new_rows = [r for r in new_rows if r[5] == staff]
    saved = book.saved_not_bought(kiosk, None)
    saved_rows = clients.rows_for(db, saved)
    if staff is not None:
        saved_rows = {c: r for c, r in saved_rows.items() if r[5] == staff}
    every = [r[0] for r in lapsing_rows] + [r[0] for r in new_rows] + list(saved_rows)
    still = book.allowed(kiosk, every)
    flagger = book.Flagger(kiosk, [c for c in every if c in still][:2000], today)
    lapsing = sorted(((flagger.lapsing_days(r) or 0, r) for r in lapsing_rows
                      if r[0] in still), key=lambda pair: (-pair[0], pair[1][0]))
    stock = catalogue.products_here(db, kiosk.config.store_id,
                                    {sku for skus in saved.values() for sku in skus})
    back = []
    for customer_id, row in sorted(saved_rows.items()):
        if customer_id not in still:
            continue
        for sku in sorted(saved[customer_id]):
            name, quantity, location = stock.get(sku, (sku, None, None))
            if quantity is not None and quantity > 0:
                back.append({"client": flagger.row(row), "sku": sku, "name": name,
                             "stock": int(quantity), "location": location})
    return {"today": today.isoformat(),
            "lapsing": [{"client": flagger.row(r), "days_over": days}
                        for days, r in lapsing[:MAX_ROWS]],
            "new_this_week": [flagger.row(r) for r in new_rows if r[0] in still][:MAX_ROWS],
            "back_in_stock": back[:MAX_ROWS],
            "help": waiting_help(kiosk) if help_requests else None}


def waiting_help(kiosk: Kiosk) -> list[dict[str, Any]] | None:
    """Help requests waiting, or None when head office is not configured or unreachable."""
    from kiosk.help import HelpRefused, HelpUnreachable, pending

    if not kiosk.config.hq_url:
        return None
    try:
        return pending(kiosk, 0)
    except (HelpUnreachable, HelpRefused):
        return None
