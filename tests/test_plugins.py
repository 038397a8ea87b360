"""The plugin manager: built-ins, a plugins folder, entry points, isolation."""

import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlite_utils.migrations import Migrations

from kiosk import hookimpl
from kiosk.app import Kiosk
from kiosk.plugins import builtin_module_names, call_each, make_plugin_manager, plugin_info

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "kiosk-example-plugin"


def test_builtins_are_loaded_as_kiosk_plugins_modules():
    pm = make_plugin_manager(entrypoints=False)
    names = {name for name, _ in pm.list_name_plugin()}
    assert set(builtin_module_names()) <= names
    for name in builtin_module_names():
        assert pm.get_plugin(name).__name__ == f"kiosk_plugins.{name}"
    assert "plugins" not in sys.modules, "never a bare top-level package named plugins"


def test_plugins_dir_and_disabling(tmp_path):
    (tmp_path / "hello.py").write_text(textwrap.dedent("""
        from kiosk import hookimpl

        @hookimpl
        def kiosk_configure(kiosk):
            kiosk.hello = "configured"
    """))
    pm = make_plugin_manager(entrypoints=False, plugins_dir=tmp_path)
    assert pm.get_plugin("hello") is not None
    pm = make_plugin_manager(entrypoints=False, plugins_dir=tmp_path, disabled=["hello"])
    assert pm.get_plugin("hello") is None


def test_missing_plugins_dir_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="plugins folder not found"):
        make_plugin_manager(entrypoints=False, plugins_dir=tmp_path / "nope")


def test_call_each_isolates_a_failing_plugin(caplog):
    class Broken:
        @hookimpl
        def kiosk_register_migrations(self):
            raise RuntimeError("boom")

    class Fine:
        @hookimpl
        def kiosk_register_migrations(self):
            return [Migrations("fine")]

    pm = make_plugin_manager(entrypoints=False, extra=[Broken(), Fine()])
    with caplog.at_level(logging.ERROR):
        results = call_each(pm, "kiosk_register_migrations")
    assert any(isinstance(r[0], Migrations) and r[0].name == "fine"
               for _, r in results)
    assert "failed in kiosk_register_migrations" in caplog.text


def test_hook_kiosk_register_migrations(config):
    plugin_set = Migrations("example.greetings")

    @plugin_set()
    def create(db):
        db.execute("CREATE TABLE greetings (id INTEGER PRIMARY KEY, text TEXT)")

    class Plugin:
        name = "greetings"

        @hookimpl
        def kiosk_register_migrations(self):
            return [plugin_set]

    pm = make_plugin_manager(entrypoints=False, extra=[Plugin()])
    kiosk = Kiosk(config, pm=pm)
    assert "greetings" in kiosk.db.table_names()
    kiosk.close()


def test_hook_kiosk_register_commands(tmp_path):
    (tmp_path / "hello_cmd.py").write_text(textwrap.dedent("""
        import click
        from kiosk import hookimpl

        @hookimpl
        def kiosk_register_commands(cli):
            @cli.command()
            def hello():
                "Say hello."
                click.echo("hello from a plugin")
    """))
    from kiosk.plugins import call_each as each

    group = click.Group("kiosk")
    pm = make_plugin_manager(entrypoints=False, plugins_dir=tmp_path)
    each(pm, "kiosk_register_commands", cli=group)
    result = CliRunner().invoke(group, ["hello"])
    assert result.output.strip() == "hello from a plugin"


def test_kiosk_plugins_cli_lists_builtins_with_hooks():
    from kiosk.cli import cli

    result = CliRunner().invoke(cli, ["plugins", "--all", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    by_name = {row["name"]: row for row in rows}
    for name in builtin_module_names():
        assert by_name[name]["builtin"] is True
        assert by_name[name]["hooks"], f"built-in {name} implements no hook"


def test_example_distribution_installs_and_is_listed(tmp_path):
    """Install the example plugin as a real distribution and see it in `kiosk plugins`."""
    target = tmp_path / "site"
    # pip builds a local folder in place (build/, *.egg-info): build a copy, so the checkout
    # stays clean and a test process importing the example from it meanwhile is not affected
    source = shutil.copytree(EXAMPLE, tmp_path / "example",
                             ignore=shutil.ignore_patterns("build", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--target", str(target), str(source)],
        check=True, capture_output=True, text=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "plugins", "--json"],
        check=True, capture_output=True, text=True, env=env,
    )
    rows = {row["name"]: row for row in json.loads(out.stdout)}
    assert rows["gifts_under_five"]["version"] == "0.2.0"
    assert rows["gifts_under_five"]["builtin"] is False
    assert {"kiosk_register_shelves", "kiosk_render_card", "kiosk_register_commands"} <= set(
        rows["gifts_under_five"]["hooks"])
    assert info_without_example_has_no_gifts()


def info_without_example_has_no_gifts() -> bool:
    return all(row["name"] != "gifts_under_five"
               for row in plugin_info(make_plugin_manager(entrypoints=False),
                                      include_builtins=True))
