"""Architecture rules that a reader should never have to check by hand."""

import ast
import inspect
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import kiosk
from kiosk import hookspecs

REPO = Path(__file__).resolve().parent.parent
HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("kiosk_"))


def core_modules() -> list[str]:
    """Every module of the kiosk package outside kiosk.ui."""
    return sorted(
        info.name for info in pkgutil.walk_packages(kiosk.__path__, "kiosk.")
        if not info.name.startswith("kiosk.ui")
    )


def test_headless_core_never_imports_qt():
    code = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('PySide6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env={"PATH": "/usr/bin:/bin"})
    assert json.loads(out.stdout) == []


def test_every_hook_is_named_kiosk_and_documented_with_its_signature():
    docs = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in HOOKS:
        params = ", ".join(inspect.signature(getattr(hookspecs, name)).parameters)
        heading = f"### {name}({params})"
        assert heading in docs, f"docs/plugins.md lacks the heading '{heading}'"


def test_every_hook_has_a_test():
    defined = set()
    for path in (REPO / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined |= {node.name for node in ast.walk(tree)
                    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    missing = [name for name in HOOKS if f"test_hook_{name}" not in defined]
    assert not missing, f"hooks without a test_hook_<name> test: {missing}"


def test_docs_mention_no_hook_that_does_not_exist():
    docs = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### (kiosk_\w+)\(", docs, flags=re.M))
    assert documented == set(HOOKS)
