"""Staff curation of a shopper's picks: a staff pick with a note, pin, hide.

Each is a field of the shopper's record (``staff_pick:SKU``, ``pin:SKU``,
``hide:SKU``; ``kiosk.chain``) written through the device's ``ProfileBook``,
so it travels to head office and every kiosk of the chain; the kiosk's
staff-picks recommender and blender honour them (``kiosk.recommend.curation``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.chain import MAX_NAME, MAX_PICK_NOTE, staff_pick_field
from kiosk.clienteling import gate
from kiosk.privacy.profile import take_staff_pick
from kiosk.store import catalogue, customers

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def _check_sku(kiosk: Kiosk, sku: str) -> str:
    sku = str(sku).strip()
    if not sku or not catalogue.has_product(kiosk.db, sku):
        raise ValueError("SKU: no product with that sku in this store's catalogue")
    return sku


def _check_name(by: str) -> str:
    name = str(by).strip()
    if not 0 < len(name) <= MAX_NAME:
        raise ValueError(f"--by: the staff member's name, 1 to {MAX_NAME} characters")
    return name


def add_pick(kiosk: Kiosk, customer_id: str, sku: str, by: str, note: str = "") -> dict[str, Any]:
    """Pick ``sku`` for the shopper, signed by ``by`` (shown as "Picked for you by ...")."""
    gate.require(kiosk, customer_id)
    name, sku = _check_name(by), _check_sku(kiosk, sku)
    note = " ".join(str(note or "").split())
    if len(note) > MAX_PICK_NOTE:
        raise ValueError(f"--note: at most {MAX_PICK_NOTE} characters")
    value = {"by": name, "note": note, "store": kiosk.config.store_id}
    return _write(kiosk, customer_id, {staff_pick_field(sku): value},
                  lambda db: take_staff_pick(db, customer_id, sku, value))


def remove_pick(kiosk: Kiosk, customer_id: str, sku: str) -> dict[str, Any]:
    """Withdraw the staff pick of ``sku`` (everywhere, once synced)."""
    sku = str(sku).strip()
    return _write(kiosk, customer_id, {staff_pick_field(sku): None},
                  lambda db: take_staff_pick(db, customer_id, sku, None))


def set_pin(kiosk: Kiosk, customer_id: str, sku: str, pinned: bool) -> dict[str, Any]:
    """Pin ``sku`` first on the shopper's shelves (or unpin it)."""
    gate.require(kiosk, customer_id)
    return _write(kiosk, customer_id, {f"pin:{_check_sku(kiosk, sku)}": bool(pinned)})


def set_hidden(kiosk: Kiosk, customer_id: str, sku: str, hidden: bool) -> dict[str, Any]:
    """Never show ``sku`` to the shopper (or show it again)."""
    return _write(kiosk, customer_id, {f"hide:{str(sku).strip()}": bool(hidden)})


def _write(kiosk: Kiosk, customer_id: str, fields: dict[str, Any],
           apply: Any = None) -> dict[str, Any]:
    gate.require(kiosk, customer_id)
    with kiosk.transaction() as db:
        if apply is not None:
            apply(db)
        return kiosk.privacy.profile.record(customer_id, fields, by="staff")


def suggested(kiosk: Kiosk, customer_id: str, k: int) -> list[dict[str, Any]]:
    """The recommenders' picks for the shopper with their reasons (none recorded as shown);
    items staff hid are included, flagged, so staff can show them again."""
    from kiosk.recommend.explain import explain

    gate.require(kiosk, customer_id)
    pinned, hidden = customers.curation(kiosk.db, customer_id)
    found = []
    for shelf, pick in kiosk.recommendations.suggestions(customer_id, k=k):
        reason = pick.reason
        found.append({"sku": pick.sku, "name": pick.name, "shelf": shelf,
                      "reason": {"code": reason.code, "params": dict(reason.data),
                                 "text": explain(reason)},
                      "stock": pick.stock_quantity, "location": pick.location,
                      "pinned": pick.sku in pinned, "hidden": pick.sku in hidden})
    return found
