"""Kiosk configuration: a TOML file, overridden by ``KIOSK_*`` environment variables.

Where the file is: ``--config FILE``, else ``$KIOSK_CONFIG``, else
``./kiosk.toml`` if it exists; otherwise the defaults below apply. Every value
is checked, and a bad one is reported with its key and what is allowed.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

THEMES = ("default", "high-contrast")
LANGUAGES = ("en", "fr")


class ConfigError(ValueError):
    """A configuration value is missing, of the wrong type or out of range."""


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    help: str
    check: Callable[[Any], str | None] | None = None

    @property
    def env_var(self) -> str:
        return "KIOSK_" + self.key.upper()


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    return lambda value: None if value in choices else "one of " + ", ".join(choices)


def _between(low: int, high: int) -> Callable[[Any], str | None]:
    return lambda value: None if low <= value <= high else f"a whole number from {low} to {high}"


def _http_url(value: str) -> str | None:
    if value == "" or value.startswith(("http://", "https://")):
        return None
    return "an http:// or https:// URL, or empty for no head office"


def _not_empty(value: str) -> str | None:
    return None if value.strip() else "a non-empty text"


SETTINGS: tuple[Setting, ...] = (
    Setting("store_id", str, "store-1", "Identifier of this store", _not_empty),
    Setting("store_name", str, "Demo Store", "Name shown on the attract screen", _not_empty),
    Setting("kiosk_id", str, "kiosk-1", "Identifier of this kiosk within the store", _not_empty),
    Setting("database", str, "kiosk.db", "Path of the kiosk's SQLite database", _not_empty),
    Setting("hq_url", str, "", "Head-office URL; empty for none", _http_url),
    Setting("hq_token", str, "", "This kiosk's head-office token (kiosk hq add-kiosk)"),
    Setting("hq_public_key", str, "",
            "Head office's public key (base64), to seal erasure requests; fetched on sync"),
    Setting("idle_timeout", int, 90, "Seconds without a touch before the idle warning",
            _between(10, 3600)),
    Setting("theme", str, "default", "Look of the kiosk", _one_of(THEMES)),
    Setting("large_text", bool, False, "Larger text everywhere"),
    Setting("language", str, "en", "Language at start", _one_of(LANGUAGES)),
    Setting("plugins_dir", str, "", "A folder of extra plugin .py files; empty for none"),
    Setting("disabled_plugins", list, [], "Names of plugins to switch off"),
)
_BY_KEY = {s.key: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    store_id: str = "store-1"
    store_name: str = "Demo Store"
    kiosk_id: str = "kiosk-1"
    database: str = "kiosk.db"
    hq_url: str = ""
    hq_token: str = ""
    hq_public_key: str = ""
    idle_timeout: int = 90
    theme: str = "default"
    large_text: bool = False
    language: str = "en"
    plugins_dir: str = ""
    disabled_plugins: list[str] = field(default_factory=list)
    source: str = "defaults"
    plugins: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def plugin_settings(self, name: str) -> Mapping[str, Any]:
        """The ``[plugins.NAME]`` table of the config file, or an empty mapping."""
        return self.plugins.get(name, {})

    def with_overrides(self, **values: Any) -> Config:
        """A copy with some settings replaced, each checked like the file's."""
        merged = {k: v for k, v in asdict(self).items()}
        for key, value in values.items():
            merged[key] = _check(key, value, origin="override")
        return Config(**merged)

    def public_dict(self) -> dict[str, Any]:
        """The settings, with secrets masked, for ``kiosk config show``."""
        shown = {s.key: getattr(self, s.key) for s in SETTINGS}
        if shown["hq_token"]:
            shown["hq_token"] = "***"
        shown["source"] = self.source
        return shown


def _check(key: str, value: Any, *, origin: str) -> Any:
    setting = _BY_KEY.get(key)
    if setting is None:
        allowed = ", ".join(sorted(_BY_KEY))
        raise ConfigError(f"{origin}: unknown setting '{key}'. Known settings: {allowed}")
    expected = setting.kind
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if expected is list and ok:
        ok = all(isinstance(v, str) for v in value)
    if not ok:
        raise ConfigError(
            f"{origin}: '{key}' must be {_kind_name(expected)}, got {value!r}"
        )
    if setting.check is not None:
        problem = setting.check(value)
        if problem:
            raise ConfigError(f"{origin}: '{key}' must be {problem}, got {value!r}")
    return value


def _kind_name(kind: type) -> str:
    return {str: "a text", int: "a whole number", bool: "true or false",
            list: "a list of texts"}[kind]


def _from_env(setting: Setting, raw: str) -> Any:
    origin = f"environment variable {setting.env_var}"
    if setting.kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(
                f"{origin}: '{setting.key}' must be a whole number, got {raw!r}"
            ) from None
    if setting.kind is bool:
        lowered = raw.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off", ""):
            return False
        raise ConfigError(f"{origin}: '{setting.key}' must be true or false, got {raw!r}")
    if setting.kind is list:
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def find_config_file(explicit: str | os.PathLike[str] | None = None,
                     environ: Mapping[str, str] | None = None) -> Path | None:
    env = os.environ if environ is None else environ
    if explicit:
        return Path(explicit)
    if env.get("KIOSK_CONFIG"):
        return Path(env["KIOSK_CONFIG"])
    local = Path("kiosk.toml")
    return local if local.exists() else None


def load_config(path: str | os.PathLike[str] | None = None,
                environ: Mapping[str, str] | None = None) -> Config:
    """Read the config file (if any), then apply ``KIOSK_*`` environment overrides."""
    env = os.environ if environ is None else environ
    file = find_config_file(path, env)
    values: dict[str, Any] = {}
    plugin_tables: dict[str, Mapping[str, Any]] = {}
    source = "defaults"
    if file is not None:
        if not file.exists():
            raise ConfigError(f"config file not found: {file}")
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{file}: not valid TOML: {error}") from None
        plugins = data.pop("plugins", {})
        if not isinstance(plugins, dict):
            raise ConfigError(f"{file}: [plugins] must be a table of tables")
        plugin_tables = {name: dict(table) for name, table in plugins.items()}
        for key, value in data.items():
            values[key] = _check(key, value, origin=str(file))
        source = str(file)
    for setting in SETTINGS:
        raw = env.get(setting.env_var)
        if raw is not None:
            values[setting.key] = _check(
                setting.key, _from_env(setting, raw),
                origin=f"environment variable {setting.env_var}",
            )
    return Config(**values, source=source, plugins=plugin_tables)


def example_toml() -> str:
    """A commented config file holding every setting at its default."""
    lines = ["# Personal Shopper Kiosk configuration"]
    for s in SETTINGS:
        lines.append(f"# {s.help} (env {s.env_var})")
        lines.append(f"{s.key} = {_toml_value(s.default)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


assert {f.name for f in fields(Config)} >= set(_BY_KEY), "every setting is a Config field"
