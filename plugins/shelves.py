"""Built-in plugin: the picks screen's shelves, through the same hook any plugin uses.

Each built-in shelf shows the recommendation service's shelf of the same
key (``items=None``). A third-party plugin adds a shelf with its own
``items`` function (see docs/ui.md).
"""

from __future__ import annotations

from kiosk import hookimpl
from kiosk.ui.spec import ShelfSpec


@hookimpl(trylast=True)
def kiosk_register_shelves(kiosk):
    return [
        ShelfSpec("staff_pick", "Staff pick", order=40, personal=True),
        ShelfSpec("restock", "Time to restock", order=10, personal=True),
        ShelfSpec("goes_with", "Goes with what you bought", order=20, personal=True),
        ShelfSpec("new_for_you", "New for you", order=30, personal=True),
        ShelfSpec("seasonal", "In season", order=50),
        ShelfSpec("popular", "Popular in this store", order=60),
    ]
