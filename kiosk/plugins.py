"""The plugin manager, and the one way the kiosk calls its hooks.

``make_plugin_manager`` is a factory, not a global: every ``Kiosk`` (and
every test, every command) gets its own, built from the config's
``plugins_dir`` and ``disabled_plugins``. The kiosk never calls
``pm.hook.<name>(...)`` directly; it uses ``call_each`` (every
implementation, each isolated), ``call_first`` (the first answer) and
``collect`` (merge ``kiosk_register_<things>`` lists, refusing duplicate names).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
import pkgutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pluggy

from kiosk import hookspecs
from kiosk.config import ConfigError

log = logging.getLogger(__name__)

ENTRYPOINT_GROUP = "kiosk"
#: The built-in plugins (plugins/ in the repository). The core loads them by
#: name and never imports them otherwise (an import contract checks it).
BUILTIN_PACKAGE = "kiosk_plugins"
_REMEDY = ("the kiosk cannot start without it. Fix the plugin, or switch it off with "
           "disabled_plugins = [\"{plugin}\"] in the config")


class PluginError(ConfigError):
    """A plugin keeps the kiosk from starting; the message names it and what to do."""


class DuplicateRegistration(PluginError):
    """Two plugins registered the same name (a shelf, a recommender, a settings section)."""


def builtin_module_names() -> list[str]:
    """The built-in plugins: every module of the ``kiosk_plugins`` package."""
    package = importlib.import_module(BUILTIN_PACKAGE)
    return sorted(
        info.name for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


def load_builtins(pm: pluggy.PluginManager) -> None:
    for name in builtin_module_names():
        if pm.is_blocked(name):
            continue
        module = importlib.import_module(f"{BUILTIN_PACKAGE}.{name}")
        pm.register(module, name=name)


def load_plugins_dir(pm: pluggy.PluginManager, plugins_dir: str | Path) -> None:
    """Register every ``*.py`` file in ``plugins_dir`` as a plugin named after the file.

    A file that cannot be imported raises ``PluginError`` naming it.
    """
    folder = Path(plugins_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"plugins folder not found: {folder}")
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_") or pm.is_blocked(path.stem):
            continue
        module_name = f"kiosk_plugins_dir_{abs(hash(str(folder.resolve())))}_{path.stem}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as error:
            del sys.modules[module_name]
            raise PluginError(
                f"plugin {path.stem!r} ({path}) could not be loaded: "
                f"{type(error).__name__}: {error}. Fix the file, or switch it off with "
                f"disabled_plugins = [\"{path.stem}\"] in the config") from error
        pm.register(module, name=path.stem)


def make_plugin_manager(*, entrypoints: bool = True, plugins_dir: str | Path | None = None,
                        extra: Iterable[Any] = (),
                        disabled: Iterable[str] = ()) -> pluggy.PluginManager:
    """Build a plugin manager with every hook spec and every enabled plugin."""
    pm = pluggy.PluginManager("kiosk")
    pm.add_hookspecs(hookspecs)
    for name in disabled:
        pm.set_blocked(name)
    try:
        load_builtins(pm)
        if plugins_dir:
            load_plugins_dir(pm, plugins_dir)
        if entrypoints:
            pm.load_setuptools_entrypoints(ENTRYPOINT_GROUP)
        for plugin in extra:
            name = getattr(plugin, "name", None) or getattr(plugin, "__name__", None)
            if name and pm.is_blocked(name):
                continue
            pm.register(plugin, name=name)
        pm.check_pending()
    except pluggy.PluginValidationError as error:  # an unknown hook (a typo), wrong arguments
        raise PluginError(f"{error}; the hooks and their arguments are in docs/plugins.md. "
                          f"Fix the plugin, or switch it off with disabled_plugins in the "
                          f"config") from error
    return pm


def is_builtin(pm: pluggy.PluginManager, plugin: Any) -> bool:
    return getattr(plugin, "__name__", "").startswith(f"{BUILTIN_PACKAGE}.")


def plugin_info(pm: pluggy.PluginManager, *,
                include_builtins: bool = False) -> list[dict[str, Any]]:
    """Name, version and hooks of each registered plugin, for ``kiosk plugins``."""
    dists = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    rows = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda pair: pair[0] or ""):
        if plugin is None:
            continue
        builtin = is_builtin(pm, plugin)
        if builtin and not include_builtins:
            continue
        dist = dists.get(id(plugin))
        version = None
        if dist is not None:
            version = dist.version
        elif builtin:
            from kiosk import __version__ as version
        rows.append({
            "name": name,
            "version": version,
            "builtin": builtin,
            "hooks": sorted(h.name for h in pm.get_hookcallers(plugin) or ()),
        })
    return rows


def collect_settings(pm: pluggy.PluginManager) -> list[Any]:
    """Every ``SettingsSection`` the plugins declare, sorted by name.

    Raises ``DuplicateRegistration`` (a ``ConfigError``) if two plugins declare
    the same section: which of them would decide what is allowed?
    """
    from kiosk.settings import SettingsSection

    sections = collect(pm, "kiosk_register_settings", SettingsSection, "name",
                       what=lambda name: f"[plugins.{name}]")
    return sorted((section for _, section in sections), key=lambda section: section.name)


# -- calling hooks ------------------------------------------------------------
#
# pluggy lets the first exception end a whole hook call, so the kiosk never
# calls ``pm.hook.<name>(...)`` itself: these helpers call each implementation
# on its own, in pluggy's order (the plugin registered last first), passing it
# only the arguments it names. Keyword arguments are the hook's arguments;
# ``required`` and ``private`` are the helpers' own.


def _implementations(pm: pluggy.PluginManager, hook_name: str) -> list[Any]:
    caller = getattr(pm.hook, hook_name)
    return [impl for impl in reversed(caller.get_hookimpls())
            if not (impl.hookwrapper or impl.wrapper)]


def _call(impl: Any, hook_name: str, hook_args: dict[str, Any], *,
          required: bool, private: bool) -> tuple[bool, Any]:
    """``(True, result)``, or ``(False, None)`` after logging a failure."""
    args = {name: hook_args[name] for name in impl.argnames if name in hook_args}
    try:
        return True, impl.function(**args)
    except Exception as error:
        if required:
            raise PluginError(_failure(impl.plugin_name, hook_name, error, private)) from error
        if private:  # the traceback could hold what the hook was given: the type only
            log.error("plugin %r failed in %s (%s); skipped", impl.plugin_name, hook_name,
                      type(error).__name__)
        else:
            log.exception("plugin %r failed in %s; skipped", impl.plugin_name, hook_name)
        return False, None


def _failure(plugin: str, hook_name: str, error: Exception, private: bool) -> str:
    what = type(error).__name__ if private else f"{type(error).__name__}: {error}"
    return f"plugin {plugin!r} failed in {hook_name} ({what}); {_REMEDY.format(plugin=plugin)}"


def call_each(pm: pluggy.PluginManager, hook_name: str, *, required: bool = False,
              private: bool = False, **hook_args: Any) -> list[tuple[str, Any]]:
    """Call every implementation of a hook on its own, isolating failures.

    Returns ``(plugin_name, result)`` for each implementation that returned
    something other than ``None``. One that raises is logged with its
    plugin's name and skipped, so a faulty plugin never stops the kiosk;
    with ``required=True`` it raises ``PluginError`` naming the plugin
    instead (the kiosk cannot work without that hook's answer). With
    ``private=True`` the hook's arguments hold personal data (a scanned
    code): only the error's type is logged, never its message or traceback.
    """
    results = []
    for impl in _implementations(pm, hook_name):
        ok, result = _call(impl, hook_name, hook_args, required=required, private=private)
        if ok and result is not None:
            results.append((impl.plugin_name, result))
    return results


def call_first(pm: pluggy.PluginManager, hook_name: str, *, private: bool = False,
               **hook_args: Any) -> tuple[str, Any] | None:
    """The first answer other than ``None``, as ``(plugin_name, answer)``; None if none.

    For ``firstresult`` hooks. An implementation that raises is logged (see
    ``call_each`` for ``private``) and skipped: the next plugin is asked.
    """
    for impl in _implementations(pm, hook_name):
        ok, answer = _call(impl, hook_name, hook_args, required=False, private=private)
        if ok and answer is not None:
            return impl.plugin_name, answer
    return None


def collect(pm: pluggy.PluginManager, hook_name: str, kind: type, key: str, *,
            what: str | Callable[[str], str] | None = None, required: bool = False,
            **hook_args: Any) -> list[tuple[str, Any]]:
    """Merge the lists a ``kiosk_register_<things>`` hook returns: ``(plugin_name, item)``.

    Each item must be an instance of ``kind`` (a class, or a
    ``runtime_checkable`` protocol) whose attribute ``key`` is a non-empty
    text: its name. Anything else is logged and left out, like a plugin that
    raises (see ``call_each``); with ``required=True`` either stops the kiosk
    with a ``PluginError`` naming the plugin. Two plugins registering one name
    raise ``DuplicateRegistration`` naming both (``what`` says how a name reads
    in that message, e.g. ``"shelf"`` or ``lambda name: f"[plugins.{name}]"``);
    the very same item registered twice is kept once. Items come in call
    order: the plugin registered last first.
    """
    noun = what if isinstance(what, str) else kind.__name__
    subject = what if callable(what) else (lambda name: f"{noun} {name!r}")
    found: dict[str, tuple[str, Any]] = {}
    for plugin, items in call_each(pm, hook_name, required=required, **hook_args):
        if not isinstance(items, list | tuple):
            _misfit(plugin, hook_name, f"a {type(items).__name__}, not a list", required)
            continue
        for item in items:
            name = getattr(item, key, None) if isinstance(item, kind) else None
            if not isinstance(name, str) or not name:
                _misfit(plugin, hook_name, f"something that is not a {noun} with a {key}",
                        required)
                continue
            earlier = found.get(name)
            if earlier is None:
                found[name] = (plugin, item)
            elif earlier[1] is not item and earlier[1] != item:
                raise DuplicateRegistration(
                    f"{subject(name)} is declared by two plugins ({earlier[0]} and {plugin}); "
                    f"disable one of them (disabled_plugins in the config)")
    return list(found.values())


def _misfit(plugin: str, hook_name: str, returned: str, required: bool) -> None:
    problem = f"plugin {plugin!r} returned {returned} from {hook_name}"
    if required:
        raise PluginError(f"{problem}; {_REMEDY.format(plugin=plugin)}")
    log.warning("%s; ignored", problem)
