"""Typed plugin settings: the ``[plugins.NAME]`` tables of the config file.

A plugin declares its settings as a ``msgspec.Struct`` whose fields carry
their type, default and range (``Annotated[int, msgspec.Meta(ge=1, le=10_000)]``),
and registers it through ``kiosk_register_settings`` as a ``SettingsSection``.
Every declared section is checked when a ``Kiosk`` is built, before its
database is opened: a wrong type, a value out of range or an unknown key (a
typo) is refused with a message naming the key and what is allowed, e.g.
``[plugins.sync] batch_size must be a whole number from 1 to 10000, got 0``.
The plugin then reads its validated settings with
``kiosk.config.plugin_settings("sync", SyncSettings)``.

A field annotated ``Secret`` (a text) is masked by ``kiosk config show``.
A settings class may list keys of earlier versions in a ``REPLACED`` class
variable (key → what took its place): such a key is refused with that text
rather than as a typo.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import msgspec

from kiosk.config import ConfigError

S = TypeVar("S", bound=msgspec.Struct)

#: A text setting that ``kiosk config show`` masks (a token, a password).
Secret = Annotated[str, msgspec.Meta(extra={"secret": True})]
MASK = "***"
_SECRET_WORDS = ("token", "secret", "password", "key")


@dataclass(frozen=True)
class SettingsSection:
    """``[plugins.<name>]`` of the config file, checked against ``settings``.

    ``settings`` is a ``msgspec.Struct`` class; give every field a default so
    that a kiosk without the table starts, unless the setting is required.
    """

    name: str
    settings: type[msgspec.Struct]
    help: str = ""


def read_section(name: str, table: Mapping[str, Any] | None, kind: type[S], *,
                 origin: str = "") -> S:
    """``table`` checked against ``kind``; raises ConfigError naming the key and the rule."""
    where = f"{origin}: [plugins.{name}]" if origin else f"[plugins.{name}]"
    if table is None:
        table = {}
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where} must be a table of settings, got {_shown(table)}")
    fields = {f.encode_name: f for f in msgspec.structs.fields(kind)}
    unknown = sorted(set(table) - set(fields))
    replaced: Mapping[str, str] = getattr(kind, "REPLACED", {})
    for key in unknown:
        if key in replaced:
            raise ConfigError(f"{where} '{key}' is no longer a setting: {replaced[key]}")
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(str(key), list(fields), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ConfigError(f"{where} unknown setting '{key}'{hint}. "
                          f"Known settings: {', '.join(sorted(fields)) or 'none'}")
    for key, value in table.items():
        field = fields[key]
        try:
            msgspec.convert(value, field.type)
        except msgspec.ValidationError:
            got = MASK if is_secret(field.type) else _shown(value)
            raise ConfigError(f"{where} {key} must be {describe(field.type)}, got {got}") from None
    missing = [f.encode_name for f in fields.values()
               if f.required and f.encode_name not in table]
    if missing:
        key = missing[0]
        raise ConfigError(f"{where} needs '{key}' ({describe(fields[key].type)})")
    try:
        return msgspec.convert(dict(table), kind)
    except msgspec.ValidationError as error:  # a rule across fields (__post_init__)
        raise ConfigError(f"{where} {error}") from None


def check_sections(plugins: Mapping[str, Any], sections: Iterable[SettingsSection], *,
                   origin: str = "") -> dict[str, msgspec.Struct]:
    """Every declared section read and checked; tables nobody declared are left alone."""
    return {section.name: read_section(section.name, plugins.get(section.name),
                                       section.settings, origin=origin)
            for section in sections}


def public_values(plugins: Mapping[str, Any],
                  sections: Iterable[SettingsSection]) -> dict[str, dict[str, Any]]:
    """Every section's values in force (defaults filled in), secrets masked."""
    shown: dict[str, dict[str, Any]] = {}
    declared = set()
    for section in sections:
        declared.add(section.name)
        values = read_section(section.name, plugins.get(section.name), section.settings)
        secret = {f.encode_name for f in msgspec.structs.fields(section.settings)
                  if is_secret(f.type)}
        shown[section.name] = {
            key: (MASK if key in secret and value else value)
            for key, value in msgspec.to_builtins(values).items()
        }
    for name, table in plugins.items():
        if name not in declared and isinstance(table, Mapping):
            # not declared by any plugin: shown as written, secret-looking keys masked
            shown[name] = {key: (MASK if any(w in str(key).lower() for w in _SECRET_WORDS)
                                 else value) for key, value in table.items()}
    return dict(sorted(shown.items()))


def is_secret(annotation: Any) -> bool:
    info = msgspec.inspect.type_info(annotation)
    return isinstance(info, msgspec.inspect.Metadata) and bool(
        (info.extra or {}).get("secret"))


def describe(annotation: Any) -> str:
    """What a setting of this type allows, in words: 'a whole number from 1 to 10000'."""
    return _describe(msgspec.inspect.type_info(annotation))


def _describe(info: Any) -> str:
    inspect = msgspec.inspect
    if isinstance(info, inspect.Metadata):
        return _describe(info.type)
    if isinstance(info, inspect.BoolType):
        return "true or false"
    if isinstance(info, inspect.IntType):
        return "a whole number" + _range(info)
    if isinstance(info, inspect.FloatType):
        return "a number" + _range(info)
    if isinstance(info, inspect.StrType):
        return _text(info)
    if isinstance(info, inspect.LiteralType):
        return "one of " + ", ".join(str(v) for v in info.values)
    if isinstance(info, inspect.ListType | inspect.SetType | inspect.VarTupleType):
        return f"a list, each item {_describe(info.item_type)}"
    if isinstance(info, inspect.UnionType):
        return " or ".join(_describe(t) for t in info.types if not isinstance(t, inspect.NoneType))
    return f"of type {type(info).__name__.removesuffix('Type').lower()}"


def _range(info: Any) -> str:
    low, high = info.ge, info.le
    if low is not None and high is not None:
        return f" from {_number(low)} to {_number(high)}"
    parts = []
    if low is not None:
        parts.append(f"at least {_number(low)}")
    if info.gt is not None:
        parts.append(f"greater than {_number(info.gt)}")
    if high is not None:
        parts.append(f"at most {_number(high)}")
    if info.lt is not None:
        parts.append(f"less than {_number(info.lt)}")
    return (" " + " and ".join(parts)) if parts else ""


def _text(info: Any) -> str:
    words = "a non-empty text" if (info.min_length or 0) >= 1 else "a text"
    if info.max_length is not None:
        words += f" of at most {info.max_length} characters"
    if info.pattern is not None:
        words += f" matching {info.pattern}"
    return words


def _number(value: float) -> str:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    return str(value)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
