"""The plugin manager: built-ins from plugins/, a plugins folder, entry points.

A factory, not a global: every ``Kiosk`` (and every test) gets its own.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
import pkgutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pluggy

from kiosk import hookspecs

log = logging.getLogger(__name__)

ENTRYPOINT_GROUP = "kiosk"


def builtin_module_names() -> list[str]:
    """The built-in plugins: every module of the ``kiosk_plugins`` package."""
    import kiosk_plugins

    return sorted(
        info.name for info in pkgutil.iter_modules(kiosk_plugins.__path__)
        if not info.name.startswith("_")
    )


def load_builtins(pm: pluggy.PluginManager) -> None:
    for name in builtin_module_names():
        if pm.is_blocked(name):
            continue
        module = importlib.import_module(f"kiosk_plugins.{name}")
        pm.register(module, name=name)


def load_plugins_dir(pm: pluggy.PluginManager, plugins_dir: str | Path) -> None:
    """Register every ``*.py`` file in ``plugins_dir`` as a plugin named after the file."""
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
        spec.loader.exec_module(module)
        pm.register(module, name=path.stem)


def make_plugin_manager(*, entrypoints: bool = True, plugins_dir: str | Path | None = None,
                        extra: Iterable[Any] = (),
                        disabled: Iterable[str] = ()) -> pluggy.PluginManager:
    """Build a plugin manager with every hook spec and every enabled plugin."""
    pm = pluggy.PluginManager("kiosk")
    pm.add_hookspecs(hookspecs)
    for name in disabled:
        pm.set_blocked(name)
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
    return pm


def is_builtin(pm: pluggy.PluginManager, plugin: Any) -> bool:
    return getattr(plugin, "__name__", "").startswith("kiosk_plugins.")


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

    Raises ConfigError if two plugins declare the same section: which of
    them would decide what is allowed? Something that is not a
    ``SettingsSection`` is logged and left out, like any faulty plugin.
    """
    from kiosk.config import ConfigError
    from kiosk.settings import SettingsSection

    found: dict[str, tuple[str, SettingsSection]] = {}
    for plugin, sections in call_each(pm, "kiosk_register_settings"):
        for section in sections or ():
            if not isinstance(section, SettingsSection):
                log.warning("plugin %r registered settings that are not a SettingsSection; "
                            "ignored", plugin)
                continue
            earlier = found.get(section.name)
            if earlier is not None and earlier[1].settings is not section.settings:
                raise ConfigError(f"[plugins.{section.name}] is declared by two plugins "
                                  f"({earlier[0]} and {plugin}); disable one of them")
            found.setdefault(section.name, (plugin, section))
    return [found[name][1] for name in sorted(found)]


def call_each(pm: pluggy.PluginManager, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
    """Call every implementation of a hook on its own, isolating failures.

    Returns ``(plugin_name, result)`` for each implementation that returned
    something other than ``None``. One that raises is logged and skipped, so
    a faulty plugin never stops the kiosk. (pluggy itself lets the first
    exception end the whole call.)
    """
    caller = getattr(pm.hook, hook_name)
    results = []
    for impl in reversed(caller.get_hookimpls()):  # pluggy's order: last registered first
        if impl.hookwrapper or impl.wrapper:
            continue
        args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
        try:
            result = impl.function(**args)
        except Exception:
            log.exception("plugin %r failed in %s; skipped", impl.plugin_name, hook_name)
            continue
        if result is not None:
            results.append((impl.plugin_name, result))
    return results
