"""Import real transactions: the UCI Online Retail file or the neutral CSV.

- ``read_lines(path)``: parsed rows, quirks and all (``readers``);
- ``load_clean(path)``: cleaned, netted purchase lines in memory (``pipeline``);
- ``import_file(kiosk, path)``: the same, written into the kiosk's store (``writing``).

The rules are described in docs/data.md.
"""

from kiosk.importer.formats import UnknownLayoutError
from kiosk.importer.pipeline import CleanData, PurchaseLine, load_clean
from kiosk.importer.readers import Problem, RawLine, read_lines
from kiosk.importer.report import SKIP_REASONS, CleanReport, ImportReport

__all__ = [
    "SKIP_REASONS",
    "CleanData",
    "CleanReport",
    "ImportReport",
    "Problem",
    "PurchaseLine",
    "RawLine",
    "UnknownLayoutError",
    "import_file",
    "load_clean",
    "read_lines",
]


def __getattr__(name: str):
    # the writer needs kiosk.app; load it only when asked for
    if name == "import_file":
        from kiosk.importer.writing import import_file

        return import_file
    raise AttributeError(name)
