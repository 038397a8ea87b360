"""Kiosk configuration: a TOML file, overridden by ``KIOSK_*`` environment variables.

Where the file is: ``--config FILE``, else ``$KIOSK_CONFIG``, else
``./kiosk.toml`` if it exists; otherwise the defaults below apply. Every value
is checked, and a bad one is reported with its key and what is allowed.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import msgspec

    from kiosk.settings import SettingsSection

    S = TypeVar("S", bound=msgspec.Struct)

THEMES = ("default", "high-contrast")
LANGUAGES = ("en", "fr")
MODES = ("kiosk", "staff")


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


_HOST_LABEL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.removesuffix(".").split(".")
    return len(host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)


def _http_url(value: str) -> str | None:
    if value == "":
        return None
    allowed = ("an http:// or https:// URL with a host name (no spaces, query or fragment), "
               "or empty for no head office")
    if _has_control(value) or any(ch.isspace() for ch in value):
        return allowed
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return allowed
    if (parts.scheme not in ("http", "https") or not parts.hostname
            or not _valid_host(parts.hostname) or parts.query or parts.fragment
            or "#" in value or "?" in value):
        return allowed
    return None


def _has_control(value: str) -> bool:
    """Control or format characters: terminal escapes, NUL, bidi overrides."""
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in value)


def _not_empty(value: str) -> str | None:
    return None if value.strip() else "a non-empty text"


def _name(max_length: int) -> Callable[[Any], str | None]:
    """A name shown to people and sent to head office: printable, trimmed, bounded."""
    def check(value: str) -> str | None:
        if (not value.strip() or value != value.strip() or len(value) > max_length
                or _has_control(value)):
            return (f"a text of 1 to {max_length} characters without control characters "
                    "or spaces at either end")
        return None
    return check


def _setting(default: Any, help: str, check: Callable[[Any], str | None] | None = None) -> Any:
    """A core setting of ``Config``: its default, its line in ``kiosk config example``
    and its check, written once."""
    metadata = {"help": help, "check": check}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Config:
    """The settings in force. Each core setting is declared here, once (``SETTINGS``
    below is read from these fields); ``plugins`` holds the ``[plugins.*]`` tables."""

    # head office keeps ids of at most 128 characters (kiosk/hq/models.py)
    store_id: str = _setting("store-1", "Identifier of this store", _name(128))
    store_name: str = _setting("Demo Store", "Name shown on the attract screen", _name(200))
    kiosk_id: str = _setting("kiosk-1", "Identifier of this kiosk within the store", _name(128))
    database: str = _setting("kiosk.db", "Path of the kiosk's SQLite database", _not_empty)
    hq_url: str = _setting("", "Head-office URL; empty for none", _http_url)
    hq_token: str = _setting("", "This kiosk's head-office token (kiosk hq add-kiosk)")
    hq_public_key: str = _setting(
        "", "Head office's public key (base64), to seal erasure requests; fetched on sync")
    idle_timeout: int = _setting(90, "Seconds without a touch before the idle warning",
                                 _between(10, 3600))
    theme: str = _setting("default", "Look of the kiosk", _one_of(THEMES))
    large_text: bool = _setting(False, "Larger text everywhere")
    language: str = _setting("en", "Language at start", _one_of(LANGUAGES))
    mode: str = _setting("kiosk", "What 'kiosk run' opens: the shopper's kiosk or the staff "
                         "tablet app", _one_of(MODES))
    plugins_dir: str = _setting("", "A folder of extra plugin .py files; empty for none")
    disabled_plugins: list[str] = _setting(  # noqa: RUF009 - a field with a default_factory
        [], "Names of plugins to switch off")
    source: str = "defaults"
    plugins: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @overload
    def plugin_settings(self, name: str) -> Mapping[str, Any]: ...

    @overload
    def plugin_settings(self, name: str, kind: type[S]) -> S: ...

    def plugin_settings(self, name: str, kind: type[Any] | None = None) -> Any:
        """The ``[plugins.NAME]`` table: checked against ``kind`` (a ``msgspec.Struct``).

        With ``kind``, returns the validated settings (defaults filled in) or
        raises ConfigError naming the key and what is allowed. Without, the
        raw table (or an empty mapping), for plugins that declare no settings.
        """
        table = self.plugins.get(name, {})
        if kind is None:
            return table
        from kiosk.settings import read_section

        return read_section(name, table, kind, origin=self._origin)

    def check(self, sections: Iterable[SettingsSection] = ()) -> None:
        """Check every core setting, and each declared ``[plugins.*]`` section.

        ``load_config`` checks the core settings already; a ``Config`` built in
        code is checked here (``Kiosk`` calls this before opening anything).
        """
        for setting in SETTINGS:
            _check(setting.key, getattr(self, setting.key), origin=self._origin or "config")
        from kiosk.settings import check_sections

        check_sections(self.plugins, sections, origin=self._origin)

    @property
    def _origin(self) -> str:
        """The config file, for messages; empty when the settings came from code."""
        return self.source if self.source != "defaults" else ""

    def with_overrides(self, **values: Any) -> Config:
        """A copy with some settings replaced, each checked like the file's."""
        merged = {k: v for k, v in asdict(self).items()}
        for key, value in values.items():
            merged[key] = _check(key, value, origin="override")
        return Config(**merged)

    def public_dict(self, sections: Iterable[SettingsSection] = ()) -> dict[str, Any]:
        """The settings, with secrets masked, for ``kiosk config show``.

        ``plugins`` holds each declared section's values in force (defaults
        filled in) and, as written, any table no plugin declared.
        """
        shown: dict[str, Any] = {s.key: getattr(self, s.key) for s in SETTINGS}
        if shown["hq_token"]:
            shown["hq_token"] = "***"
        shown["source"] = self.source
        from kiosk.settings import public_values

        shown["plugins"] = public_values(self.plugins, sections)
        return shown


def _core_settings() -> tuple[Setting, ...]:
    found = []
    for f in fields(Config):
        if "help" not in f.metadata:
            continue  # source, plugins: not settings
        default = f.default_factory() if f.default is MISSING else f.default  # type: ignore[misc]
        found.append(Setting(f.name, type(default), default, f.metadata["help"],
                             f.metadata["check"]))
    return tuple(found)


SETTINGS: tuple[Setting, ...] = _core_settings()
_BY_KEY = {s.key: s for s in SETTINGS}


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
        for name, table in plugins.items():
            if not isinstance(table, dict):
                raise ConfigError(f"{file}: [plugins.{name}] must be a table of settings, "
                                  f"got {table!r}"[:300])
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
