"""What an import did: counts, skip reasons, problems; as a dict and as text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.importer.readers import Problem

# Why a row of the file did not become a purchase line, in the order the
# rules are applied. Every row read is either kept or counted under one reason.
SKIP_REASONS = {
    "malformed": "could not be read (see the problems listed)",
    "duplicate": "exact duplicate of an earlier row",
    "non_product": "postage, fee, voucher or adjustment, not a product",
    "price_not_positive": "unit price zero or negative",
    "zero_quantity": "quantity zero",
    "return_netted": "return or cancellation, netted against earlier purchases",
    "return_unmatched": "return or cancellation with no earlier purchase to reduce",
    "fully_returned": "purchase entirely returned later",
    "erased_customer": "customer erased from this kiosk; not brought back",
}
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
        self.skipped["malformed"] += 1
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
    if report.problems:
        lines.append(f"  {report.skipped.get('malformed', 0):,} rows could not be read:")
        lines += [f"    {p}" for p in report.problems[:20]]
        if len(report.problems) > 20:
            lines.append(f"    ... and {report.skipped['malformed'] - 20:,} more")
    return lines
