"""The ``kiosk`` command line.

Core commands live here; every other command is added by a plugin through
``kiosk_register_commands`` (the built-ins in plugins/ do it the same way).
Commands that open a store take ``--db FILE`` and build a ``Kiosk`` with
``open_kiosk``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from typing import Any

import click
import pluggy

from kiosk import __version__
from kiosk.config import Config, ConfigError, example_toml, load_config
from kiosk.plugins import call_each, collect_settings, make_plugin_manager, plugin_info
from kiosk.store import SchemaTooNewError
from kiosk.store.health import Damage, advice, describe, is_damage

EXIT_USAGE = 2
EXIT_DAMAGED = 1      # kiosk store check: the database is damaged
EXIT_NOT_CHECKED = 2  # kiosk store check: it could not be checked (no file, busy, ...)


class StoreDamaged(click.ClickException):
    """The kiosk's database is damaged: what happened and what to do; exit code 1."""

    exit_code = EXIT_DAMAGED

    def __init__(self, damage: Damage):
        lines = [damage.summary() + ".", "What to do:",
                 *(f"  {line}" for line in advice(damage.database))]
        super().__init__("\n".join(lines))
        self.damage = damage


class NotChecked(click.ClickException):
    exit_code = EXIT_NOT_CHECKED


class KioskContext:
    """What every command gets: the config file option, read lazily.

    The config is checked whole when first read, the ``[plugins.*]`` sections
    the enabled plugins declare included, so a bad value stops any command
    that uses it before it does anything. ``plugin_manager`` is built once per
    command line from the config's ``plugins_dir`` and ``disabled_plugins``:
    plugin commands, ``kiosk plugins`` and every ``Kiosk`` a command opens use it.
    """

    def __init__(self, config_path: str | None):
        self.config_path = config_path
        self._loaded: Config | None = None
        self._config: Config | None = None
        self._pm: pluggy.PluginManager | None = None
        self.settings_sections: list[Any] = []

    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        if self._pm is None:
            try:
                if self._loaded is None:
                    self._loaded = load_config(self.config_path)
                self._pm = make_plugin_manager(plugins_dir=self._loaded.plugins_dir or None,
                                               disabled=self._loaded.disabled_plugins)
            except (ConfigError, FileNotFoundError) as error:
                raise click.ClickException(str(error)) from None
        return self._pm

    @property
    def config(self) -> Config:
        if self._config is None:
            pm = self.plugin_manager
            assert self._loaded is not None
            try:
                self.settings_sections = collect_settings(pm)
                self._loaded.check(self.settings_sections)
            except ConfigError as error:
                raise click.ClickException(str(error)) from None
            self._config = self._loaded
        return self._config


def kiosk_context(ctx: click.Context) -> KioskContext:
    """The command line's ``KioskContext``, made on first use from ``--config``."""
    root = ctx.find_root()
    if not isinstance(root.obj, KioskContext):
        root.obj = KioskContext(root.params.get("config_path"))
    return root.obj


def db_option(function):
    """``--db FILE``: the kiosk database; defaults to the config's ``database``."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False),
        help="The kiosk's SQLite database (default: the config's 'database').",
    )(function)


def json_option(function):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(function)


def open_kiosk(ctx: click.Context, db_path: str | None, **overrides: Any):
    """Build a ``Kiosk`` for a command, turning setup errors into clear messages."""
    from kiosk.app import Kiosk

    context = kiosk_context(ctx)
    config = context.config
    if db_path:
        overrides["database"] = str(db_path)
    try:
        if overrides:
            config = config.with_overrides(**overrides)
        return Kiosk(config, pm=context.plugin_manager)
    except (ConfigError, SchemaTooNewError) as error:
        raise click.ClickException(str(error)) from None
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        raise StoreDamaged(describe(error, config.database)) from None
    except OSError as error:  # creating the file or its folder (permissions, read-only disk)
        raise click.ClickException(
            f"cannot create the database {config.database}: {error.strerror or error}"
        ) from None


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=True, default=str))


class KioskGroup(click.Group):
    """The ``kiosk`` group: plugin commands are added per command line, not at import.

    ``kiosk_register_commands`` gets a fresh group to add to, built from the
    plugins the config enables (``plugins_dir``, ``disabled_plugins``), so a
    command line never sees another config's plugins. Loading them lazily also
    means a plugin module may import ``kiosk.cli`` at its top.
    """

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        root = ctx.find_root()
        if _PLUGIN_COMMANDS not in root.meta:
            root.meta[_PLUGIN_COMMANDS] = {}
            try:
                pm = kiosk_context(ctx).plugin_manager
            except click.ClickException as error:  # a bad config: the core commands still work
                root.meta[_NOT_LOADED] = error
                return root.meta[_PLUGIN_COMMANDS]
            added = click.Group(self.name)
            call_each(pm, "kiosk_register_commands", cli=added)
            root.meta[_PLUGIN_COMMANDS] = added.commands
        return root.meta[_PLUGIN_COMMANDS]

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = sorted({*super().list_commands(ctx), *self._plugin_commands(ctx)})
        error = ctx.find_root().meta.get(_NOT_LOADED)
        if error is not None:
            click.echo(f"warning: plugin commands not loaded: {error.message}", err=True)
        return names

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # a plugin's command of the same name replaces a core one, as add_command did
        command = self._plugin_commands(ctx).get(cmd_name) or super().get_command(ctx, cmd_name)
        error = ctx.find_root().meta.get(_NOT_LOADED)
        if command is None and error is not None:
            raise error  # say why the plugins' commands are missing, not "no such command"
        return command


_PLUGIN_COMMANDS = "kiosk.plugin_commands"
_NOT_LOADED = "kiosk.plugin_commands_error"


@click.group(cls=KioskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kiosk")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), is_eager=True,
              envvar="KIOSK_CONFIG", help="Config file (TOML). Default: ./kiosk.toml if present.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """Personal Shopper Kiosk: a personal shopper for every opted-in shopper."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    kiosk_context(ctx)


@cli.group()
def config() -> None:
    """Show or create the configuration."""


@config.command("show")
@json_option
@click.pass_context
def config_show(ctx: click.Context, as_json: bool) -> None:
    """Print the settings in force (file, then KIOSK_* environment overrides).

    The ``[plugins.*]`` sections follow, with their defaults filled in; secrets
    are masked.
    """
    context = ctx.find_object(KioskContext)
    shown = context.config.public_dict(context.settings_sections)
    if as_json:
        echo_json(shown)
        return
    plugins = shown.pop("plugins")
    rows = list(shown.items()) + [(f"[plugins.{name}] {key}", value)
                                  for name, table in plugins.items()
                                  for key, value in table.items()]
    width = max(len(key) for key, _ in rows)
    for key, value in rows:
        if isinstance(value, str) and not value.isprintable():
            value = repr(value)  # a table no plugin checks may hold terminal escapes
        click.echo(f"{key.ljust(width)}  {value}")


@config.command("example")
def config_example() -> None:
    """Print a commented config file with every setting at its default."""
    click.echo(example_toml(), nl=False)


@cli.command("plugins")
@click.option("--all", "show_all", is_flag=True, help="Include the built-in plugins.")
@json_option
@click.pass_context
def plugins_command(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """List the enabled plugins, their versions and the hooks they implement.

    Plugins in the config's ``plugins_dir`` are listed; those named in its
    ``disabled_plugins`` are not.
    """
    rows = plugin_info(kiosk_context(ctx).plugin_manager, include_builtins=show_all)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No plugins installed (use --all to see the built-in ones).")
    for row in rows:
        kind = " (built-in)" if row["builtin"] else ""
        click.echo(f"{row['name']} {row['version'] or ''}{kind}")
        click.echo(f"    hooks: {', '.join(row['hooks']) or '-'}")


@cli.group()
def store() -> None:
    """Look at the kiosk's database."""


@store.command("info")
@db_option
@json_option
@click.pass_context
def store_info(ctx: click.Context, db_path: str | None, as_json: bool) -> None:
    """Counts of stores, products, customers, purchases, stock and queued events.

    Also runs SQLite's quick_check; a damaged database is reported with what to
    do, and the exit code is 1.
    """
    from kiosk.store.health import quick_check

    kiosk = open_kiosk(ctx, db_path)
    try:
        summary = kiosk.store.summary()
        damage = quick_check(kiosk.db, kiosk.store.path)
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        damage = describe(error, kiosk.store.path)
    finally:
        kiosk.close()
    if damage is not None:
        raise StoreDamaged(damage)
    if as_json:
        echo_json({"database": str(kiosk.store.path), "quick_check": "ok", **summary})
        return
    click.echo(f"Database: {kiosk.store.path}")
    for key, value in summary.items():
        click.echo(f"  {key:<10} {value:>10,}")
    click.echo("  quick_check        ok")


@store.command("check")
@db_option
@json_option
@click.pass_context
def store_check(ctx: click.Context, db_path: str | None, as_json: bool) -> None:
    """Check the database for damage and say what to do.

    Runs SQLite's integrity_check and foreign_key_check on the file, read
    only: nothing is migrated or changed, and a running kiosk may keep
    running meanwhile.

    \b
    Exit codes:
      0  the database is sound
      1  it is damaged: restore a backup or rebuild it from head office
         (the exact commands are printed)
      2  it could not be checked (no such file, busy, not readable)
    """
    from kiosk.store.health import MAX_PROBLEMS, check

    if db_path is None:
        try:
            db_path = ctx.find_object(KioskContext).config.database
        except click.ClickException as error:
            raise NotChecked(error.message) from None
    try:
        report = check(db_path)
    except FileNotFoundError as error:
        raise NotChecked(str(error)) from None
    except sqlite3.Error as error:
        raise NotChecked(f"{db_path} could not be checked: {error}") from None
    if as_json:
        echo_json({"status": "ok" if report.ok else "damaged", **report.as_dict()})
    else:
        click.echo(f"Database:     {report.database}")
        if report.error:
            click.echo(f"Unreadable:   {report.error}")
        else:
            problems = report.integrity != ["ok"]
            click.echo("Integrity:    " + ("problems found (at most the first "
                                            f"{MAX_PROBLEMS} shown):" if problems else "ok"))
            for line in report.integrity if problems else ():
                click.echo(f"  {line}")
            click.echo("Foreign keys: " + (", ".join(
                f"{table} ({count} row(s))" for table, count in report.foreign_keys.items())
                or "ok"))
        if report.ok:
            click.echo("The database is sound.")
        else:
            click.echo("The database is DAMAGED. What to do:")
            for line in advice(report.database):
                click.echo(f"  {line}")
    if not report.ok:
        ctx.exit(EXIT_DAMAGED)


@store.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@db_option
@click.pass_context
def store_backup(ctx: click.Context, target: str, db_path: str | None) -> None:
    """Copy the database and its key file to TARGET (and TARGET.keys), safely while running.

    Uses SQLite's backup, never a plain copy of a live file; both copies are
    readable by their owner only. A database is only whole with its key
    file: without it no card it issued can be verified.
    """
    from pathlib import Path

    from kiosk.store.files import copy_database, key_file_for

    source = Path(db_path or ctx.find_object(KioskContext).config.database)
    if not source.exists():
        raise click.ClickException(f"no database at {source}")
    if Path(target).exists():
        raise click.ClickException(f"{target} exists already: give a new file name")
    copy_database(source, target)
    keys = key_file_for(target)
    click.echo(f"Backed up {source} to {target}" + (f" and {keys}" if keys.exists() else
                                                    " (it has no key file yet)"))


def main() -> None:
    from kiosk.identity.device import KeyFileError

    try:
        cli(prog_name="kiosk")
    except (SchemaTooNewError, KeyFileError, ConfigError) as error:  # PluginError included
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except sqlite3.DatabaseError as error:  # met by any command, after the store opened
        if not is_damage(error):
            raise
        detail = describe(error, "").detail
        click.echo(f"Error: the kiosk's database is damaged ({detail}). Run 'kiosk store "
                   "check' (with --db FILE for another file than the config's) to see what "
                   "to do.", err=True)
        sys.exit(EXIT_DAMAGED)


if __name__ == "__main__":
    main()
