"""What an import did: counts, skip reasons, problems; as a dict and as text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.importer.readers import MAX_PRICE, MAX_QUANTITY, Problem
from kiosk.importer.text import shown

# Why a row of the file did not become a purchase line, in the order the
# rules are applied. Every row read is either kept or counted under one reason.
SKIP_REASONS = {
    "malformed": "could not be read (see the problems listed)",
    "field_too_long": "a field or the whole row over its size limit (see the problems listed)",
    "duplicate": "exact duplicate of an earlier row",
    "quantity_out_of_range": f"quantity beyond {MAX_QUANTITY:,} either way",
    "price_out_of_range": f"unit price beyond {MAX_PRICE:,.0f} either way",
    "date_out_of_range": "time before 1990 or more than a day ahead",
    "non_product": "postage, fee, voucher or adjustment, not a product",
    "price_not_positive": "unit price zero or negative",
    "zero_quantity": "quantity zero",
    "return_netted": "return or cancellation, netted against earlier purchases",
    "return_unmatched": "return or cancellation with no earlier purchase to reduce",
    "fully_returned": "purchase entirely returned later",
    "erased_customer": "customer erased from this kiosk; not brought back",
}
# Reasons a row is listed under "problems" (line and reason) as well as counted.
PROBLEM_KINDS = ("malformed", "field_too_long", "quantity_out_of_range", "price_out_of_range",
                 "date_out_of_range")
MAX_PROBLEMS_KEPT = 200


@dataclass
class CleanReport:
    """The cleaning side of an import (no database involved)."""

    layout: str = ""
    rows_read: int = 0
    rows_kept: int = 0
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SKIP_REASONS, 0))
    problems: list[Problem] = field(default_factory=list)  # the first MAX_PROBLEMS_KEPT
    anonymous_rows: int = 0  # kept rows with no customer: store-level popularity only
    descriptions_filled: int = 0  # kept rows whose empty description was filled from the code
    text_repaired: int = 0  # descriptions with mis-decoded characters repaired
    products_with_variants: int = 0  # codes sold under more than one description
    units_returned: int = 0
    units_unmatched: int = 0

    def note_problem(self, problem: Problem) -> None:
        self.skipped[problem.kind] += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)


@dataclass
class ImportReport:
    """The result of ``import_file``: the ``--json`` contract of ``kiosk import``."""

    path: str
    layout: str
    rows_read: int
    rows_kept: int
    skipped: dict[str, int]
    customers: int  # customers with at least one kept purchase in the file
    products: int  # catalogue products sold in the file (anonymous sales included)
    invoices: int
    purchase_lines: int  # rows of the purchases table from this file
    anonymous_lines: int
    store_id: str
    seconds: float
    problems: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    catalogue: dict[str, Any] = field(default_factory=dict)
    # names and prices of products already in the store that this file changed, or
    # would have changed with more sales behind it (kiosk.importer.products)
    product_updates: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def summary_lines(report: ImportReport) -> list[str]:
    """A human summary: rows read, kept, skipped by reason."""
    lines = [
        f"Imported {report.path} ({report.layout} layout) into store {report.store_id} "
        f"in {report.seconds:.1f} s",
        f"  rows read      {report.rows_read:>10,}",
        f"  rows kept      {report.rows_kept:>10,}",
    ]
    for reason, count in report.skipped.items():
        if count:
            lines.append(f"  skipped        {count:>10,}  {SKIP_REASONS.get(reason, reason)}")
    lines += [
        f"  purchase lines {report.purchase_lines:>10,}  "
        f"({report.anonymous_lines:,} anonymous: store popularity only)",
        f"  customers      {report.customers:>10,}",
        f"  products       {report.products:>10,}",
        f"  invoices       {report.invoices:>10,}",
    ]
    if report.catalogue:
        c = report.catalogue
        lines.append(f"  catalogue: {c.get('theme_share', 0):.1%} of products got a theme, "
                     f"{c.get('colour_share', 0):.1%} a colour")
    lines += product_update_lines(report.product_updates)
    if report.problems:
        count = sum(report.skipped.get(kind, 0) for kind in PROBLEM_KINDS)
        lines.append(f"  {count:,} rows could not be read:")
        lines += [f"    {p}" for p in report.problems[:20]]
        if count > 20:
            lines.append(f"    ... and {count - 20:,} more")
    return lines


def product_update_lines(updates: dict[str, Any]) -> list[str]:
    """What the file changed in products already in the store, and what it could not."""
    if not any(updates.get(k) for k in ("renamed", "repriced", "names_kept", "prices_kept")):
        return []
    lines = [f"  catalogue      {updates['renamed']:,} renamed and {updates['repriced']:,} "
             "repriced (more sales behind the file's choice)"]
    if updates["names_kept"] or updates["prices_kept"]:
        lines.append(f"                 {_count(updates['names_kept'], 'name')} and "
                     f"{_count(updates['prices_kept'], 'price')} kept (no more sales behind "
                     "the file's choice than the store's)")
    for change in updates.get("listed", [])[:20]:
        lines.append("    " + describe_update(change))
    listed = sum(updates[k] for k in ("renamed", "repriced", "names_kept", "prices_kept"))
    if listed > 20:
        lines.append(f"    ... and {listed - 20:,} more")
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def describe_update(change: dict[str, Any]) -> str:
    def value(v: Any) -> str:
        if isinstance(v, str):  # repr escapes anything a terminal would act on
            return repr(v) if len(v) <= 60 else repr(v[:60]) + "..."
        return "none" if v is None else f"{v:g}"

    def rows(n: int) -> str:
        return _count(n, "row")

    sku, what = shown(change["sku"]), change["field"]
    old, new = value(change["store"]), value(change["file"])
    if change["changed"]:
        return (f"{sku} {what} changed from {old} ({rows(change['store_rows'])}) "
                f"to {new} ({rows(change['file_rows'])})")
    return (f"{sku} {what} kept {old} ({rows(change['store_rows'])}) over "
            f"{new} ({rows(change['file_rows'])})")
