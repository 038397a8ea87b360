"""Every command line builds its plugin manager from the config (plugins_dir, disabled_plugins).

Real plugin files in a plugins folder, a real config file, the real ``kiosk``
command (click's CliRunner in-process, and a subprocess for the exit path).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_plugins_hooks import BAD_TABLES, recommender_plugin
from test_recommend_support import build_shop

from kiosk.app import Kiosk
from kiosk.cli import cli
from kiosk.config import Config

HELLO = """
    import click
    from kiosk import hookimpl

    @hookimpl
    def kiosk_register_commands(cli):
        @cli.command()
        def hello():
            "Say hello."
            click.echo("hello from a folder plugin")
"""

def write_config(tmp_path: Path, name: str = "kiosk.toml", **plugins: str) -> Path:
    folder = tmp_path / f"plugins-{name}"
    folder.mkdir()
    for plugin, source in plugins.items():
        (folder / f"{plugin}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    config = tmp_path / name
    config.write_text(f'database = "{tmp_path / "kiosk.db"}"\n'
                      f'plugins_dir = "{folder}"\n'
                      'disabled_plugins = ["simulate", "recommend_popular"]\n',
                      encoding="utf-8")
    return config


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_kiosk_plugins_lists_the_folder_plugins_and_not_the_disabled_ones(tmp_path):
    config = write_config(tmp_path, hello=HELLO)
    result = run("--config", str(config), "plugins", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["hello"]["builtin"] is False
    assert rows["hello"]["hooks"] == ["kiosk_register_commands"]
    every = json.loads(run("--config", str(config), "plugins", "--all", "--json").stdout)
    names = {row["name"] for row in every}
    assert "recommend_popular" not in names and "simulate" not in names
    assert {"hello", "sync_http", "loyalty_card"} <= names


def test_a_folder_plugins_command_runs_and_a_disabled_plugins_command_is_gone(tmp_path):
    config = write_config(tmp_path, hello=HELLO)
    result = run("--config", str(config), "hello")
    assert result.exit_code == 0, result.output
    assert result.stdout == "hello from a folder plugin\n"
    gone = run("--config", str(config), "simulate")
    assert gone.exit_code == 2 and "No such command 'simulate'" in gone.output
    listed = run("--config", str(config), "--help")
    assert "hello" in listed.stdout and "simulate" not in listed.stdout
    # another command line with another config sees its own plugins only
    plain = run("hello")
    assert plain.exit_code == 2 and "No such command 'hello'" in plain.output
    assert run("simulate", "--help").exit_code == 0


def test_train_and_evaluate_use_the_configs_plugins(tmp_path):
    config_file = write_config(tmp_path, folder_rec=recommender_plugin("folder_picks"))
    with Kiosk(Config(database=str(tmp_path / "kiosk.db")), entrypoints=False) as kiosk:
        build_shop(kiosk)
    trained = run("--config", str(config_file), "train", "--json", "--quiet")
    assert trained.exit_code == 0, trained.output
    names = json.loads(trained.stdout)["recommenders"]
    assert "folder_picks" in names and "popular" not in names and "buy_again" in names
    evaluated = run("--config", str(config_file), "evaluate", "--cutoff", "2024-05-01",
                    "--json")
    assert evaluated.exit_code == 0, evaluated.output
    per_recommender = json.loads(evaluated.stdout)["recommenders"]
    assert "folder_picks" in per_recommender and "popular" not in per_recommender


def test_a_bad_config_names_itself_instead_of_no_such_command(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('plugins_dir = "/no/such/folder"\n', encoding="utf-8")
    result = run("--config", str(config), "train")
    assert result.exit_code == 1
    assert "plugins folder not found: /no/such/folder" in result.output
    assert "No such command" not in result.output


@pytest.mark.parametrize("command", [["store", "info"], ["train"], ["plugins"]])
def test_a_failing_migrations_hook_stops_every_command_with_a_clear_message(tmp_path,
                                                                             command):
    config = write_config(tmp_path, bad_tables=BAD_TABLES)
    done = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(config), *command],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    if command == ["plugins"]:  # listing plugins opens no store: it still works
        assert done.returncode == 0, done.stderr
        assert "bad_tables" in done.stdout
        return
    assert done.returncode == 1, done.stdout + done.stderr
    assert "plugin 'bad_tables' failed in kiosk_register_migrations" in done.stderr
    assert 'disabled_plugins = ["bad_tables"]' in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "kiosk.db").exists()
