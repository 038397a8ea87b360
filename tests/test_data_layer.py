"""One owner per table: each core table's SQL lives in one module of ``kiosk/store/``.

The owner of each table is found by running the core migrations
(``kiosk.store.migrations.table_owners``), so the map cannot go stale. Every
string literal (docstrings aside) of every module in ``kiosk/`` and ``plugins/``
is searched for SQL naming a table (``FROM``, ``INTO``, ``UPDATE``, ``JOIN``,
``TABLE``): outside ``kiosk/store/`` none may name a core table, and inside it a
module names only its own tables. Head office (``kiosk/hq``) has a database of
its own and is left out; tests and benchmarks may name any table.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from kiosk.store.migrations import CORE_SETS, table_owners

REPO = Path(__file__).resolve().parent.parent
SQL_TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+[\[\"`]?(\w+)", re.IGNORECASE)
# prose that reads like SQL to the pattern ("... from head office")
NOT_TABLES = {"head", "the", "a", "an", "its", "this", "that", "each", "every", "it", "one",
              "disk", "json_each", "sqlite_master", "dbstat", "_sqlite_migrations"}


def python_files() -> list[Path]:
    """The modules of kiosk/ (head office's kiosk/hq aside) and plugins/."""
    kiosk = [path for path in sorted((REPO / "kiosk").rglob("*.py"))
             if not path.is_relative_to(REPO / "kiosk" / "hq")]
    return kiosk + sorted((REPO / "plugins").rglob("*.py"))


def module_name(path: Path) -> str:
    relative = path.relative_to(REPO).with_suffix("")
    parts = list(relative.parts)
    if parts[0] == "plugins":
        parts[0] = "kiosk_plugins"
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def string_literals(source: str) -> list[str]:
    """Every string constant of a module but its docstrings."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def tables_named(source: str) -> set[str]:
    return {match.group(1) for text in string_literals(source)
            for match in SQL_TABLE.finditer(text)} - NOT_TABLES


@cache
def owners() -> dict[str, str]:
    return table_owners()


def test_every_core_table_has_an_owner_in_the_store():
    found = owners()
    assert {"customers", "consents", "purchases", "products", "outbox", "identity_cards",
            "staff_picks", "model_artefacts", "sync_batches", "staff_accounts"} <= set(found)
    assert all(module.startswith("kiosk.store.") for module in found.values()), found


def test_no_module_outside_the_store_names_a_core_table_in_sql():
    found = owners()
    offences = []
    for path in python_files():
        name = module_name(path)
        if name.startswith("kiosk.store"):
            continue
        for table in sorted(tables_named(path.read_text(encoding="utf-8")) & set(found)):
            offences.append(f"{name} names the table {table} (its SQL belongs in {found[table]})")
    assert not offences, "\n".join(offences)


def test_a_store_module_names_only_its_own_tables():
    found = owners()
    offences = []
    for path in sorted((REPO / "kiosk" / "store").glob("*.py")):
        name = module_name(path)
        for table in sorted(tables_named(path.read_text(encoding="utf-8")) & set(found)):
            if found[table] != name:
                offences.append(f"{name} names the table {table}, owned by {found[table]}")
    assert not offences, "\n".join(offences)


def test_the_scan_finds_sql_where_there_is_some():
    """The pattern is not blind: it finds each form of statement, and not prose."""
    source = ('"""Reads FROM customers in a docstring: not code."""\n'
              'A = "SELECT x FROM [purchases] p JOIN products q ON 1"\n'
              'B = f"INSERT INTO outbox (a) VALUES ({1})"\n'
              'C = "UPDATE stock SET quantity = 0"\n'
              'D = "CREATE TABLE staff_picks (id)"\n'
              'E = "sent from head office to the kiosk"\n')
    assert tables_named(source) == {"purchases", "products", "outbox", "stock", "staff_picks"}


def test_migration_sets_keep_the_names_kiosk_databases_recorded():
    """Renaming a set or a migration would run it again on every kiosk (and fail)."""
    shipped = {
        "kiosk": ["0001_wal", "0002_schema"],
        "kiosk.privacy": ["0001_pauses_erasures"],
        "kiosk.importer": ["0001_product_evidence"],
        "kiosk.identity": ["0001_cards_keys", "0002_keys_never_change",
                           "0003_wrapped_secrets_registration"],
        "kiosk.recommend": ["0001_artefacts_staff_picks"],
        "kiosk.staff": ["0001_staff"],
        "kiosk.sync": ["0001_tables", "0002_quarantined_changes"],
    }
    current = {s.name: [m.name for m in s._migrations] for s in CORE_SETS}
    for name, migrations in shipped.items():
        assert current[name][:len(migrations)] == migrations, name


def test_no_builtin_plugin_registers_a_core_table():
    from kiosk.plugins import make_plugin_manager

    pm = make_plugin_manager(entrypoints=False)
    registered = [impl.plugin_name for impl in pm.hook.kiosk_register_migrations.get_hookimpls()]
    assert registered == []


def definitions(kind: type, name: str) -> list[str]:
    """Where ``name`` is defined (a class, or a module-level assignment) in kiosk/ and plugins/."""
    found = []
    for path in sorted((REPO / "kiosk").rglob("*.py")) + sorted((REPO / "plugins").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if kind is ast.ClassDef and isinstance(node, ast.ClassDef) and node.name == name:
                found.append(module_name(path))
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            if kind is ast.Assign and any(isinstance(t, ast.Name) and t.id == name
                                          for t in targets):
                found.append(module_name(path))
    return found


@pytest.mark.parametrize(("kind", "name", "home"), [
    (ast.ClassDef, "UnknownCustomer", "kiosk.store.customers"),
    (ast.Assign, "PURPOSES", "kiosk.privacy.purposes"),
])
def test_defined_once(kind, name, home):
    assert definitions(kind, name) == [home]


def test_secure_delete_is_set_in_one_place():
    """Every kiosk connection is made by ``kiosk.store.connect``, which turns it on."""
    setting = re.compile(r"secure_delete\s*=", re.IGNORECASE)
    places = [module_name(path) for path in python_files()
              if any(setting.search(text) for text in
                     string_literals(path.read_text(encoding="utf-8")))]
    assert places == ["kiosk.store"]


def test_every_connection_of_the_store_deletes_securely(tmp_path):
    import threading

    from kiosk.store import Store

    store = Store(tmp_path / "k.db")
    seen = {}
    thread = threading.Thread(target=lambda: seen.update(
        other=store.db.execute("PRAGMA secure_delete").fetchone()[0]))
    thread.start()
    thread.join()
    assert (store.db.execute("PRAGMA secure_delete").fetchone()[0], seen["other"]) == (1, 1)
    store.close()


def test_the_architecture_notes_say_where_each_table_lives():
    """docs: the "Where each table lives" section lists every core table with its module."""
    pages = [p for p in sorted((REPO / "docs").glob("*.md"))
             if "## Where each table lives" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1, "one page of docs/ has the section 'Where each table lives'"
    text = pages[0].read_text(encoding="utf-8")
    section = text.split("## Where each table lives", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| `(kiosk\.store\.\w+)` \|", section, re.M))
    assert rows == owners()
