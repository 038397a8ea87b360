"""The import contracts (pyproject.toml, checked by lint-imports in make test) stay whole."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import kiosk

REPO = Path(__file__).resolve().parent.parent


def contracts() -> dict[str, dict]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in data["tool"]["importlinter"]["contracts"]}


def test_the_headless_contract_covers_every_module_outside_the_ui():
    """A new top-level module of kiosk is checked for Qt imports only if it is listed."""
    top_level = {f"kiosk.{info.name}" for info in pkgutil.iter_modules(kiosk.__path__)}
    listed = set(contracts()["headless"]["source_modules"])
    assert listed == top_level - {"kiosk.ui"}


def test_lint_imports_keeps_every_contract():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is in the test extra: pip install -e '.[test]'"
    done = subprocess.run([lint, "--no-cache", "--no-logo"], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in done.stdout
