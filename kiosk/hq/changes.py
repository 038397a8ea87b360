"""What a change of each kind must hold: one set of rules for head office and kiosks.

Head office checks every change before it enters the feed
(``POST /v1/admin/changes``, ``kiosk hq publish``, ``Storage.publish``), so an
operator's mistake is a 422 naming the field instead of a change no kiosk can
apply. A kiosk checks each change it downloads with the same rules
(``strict=False``: unknown fields of a newer head office are ignored) and sets
aside one it cannot apply (``kiosk.sync.download``).

Problems say where and what is allowed, never the value (it may be personal
data), e.g. ``customer_id: required for a revocation``.

A publish request's body (``{"changes": [...]}``, ``kiosk.wire.PublishIn``) is
decoded by ``decode_published``; its changes are then checked here.

An erasure names nobody: it carries ``digest``, the HMAC-SHA256 of the erased
id under head office's erasure key (``erased_id_digest``), which kiosks get from
``GET /v1/erasure-key`` to recognise their customers.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import msgspec

from kiosk.chain import check_field, unstamp
from kiosk.hq.limits import MAX_JSON_DEPTH, json_too_deep
from kiosk.privacy.purposes import PURPOSES
from kiosk.wire import ChangeIn, PublishIn, describe

#: kinds an operator may publish; "erasure" comes only from ``Storage.erase``,
#: "customer_merged" only from ``Storage.merge_customers``, "card" only from the card
#: registry (``kiosk.hq.registry``)
PUBLISHABLE = ("product", "stock", "profile", "revocation", "consent_withdrawn", "model")
#: "purchases" comes only from ``kiosk hq import`` (``kiosk.hq.tills``), after the consent check;
#: "shown" only from head office relaying a kiosk's impressions (``kiosk.hq.shown``), after it
KINDS = (*PUBLISHABLE, "erasure", "customer_merged", "purchases", "card", "shown")
#: a card's states in a ``card`` change
CARD_STATUSES = ("active", "revoked")

MAX_ID = 128
MAX_PRICE = 1_000_000
MAX_QUANTITY = 1_000_000_000
#: kiosk.privacy.service.MAX_NAME_LENGTH (not imported: head office stays light)
MAX_FIRST_NAME = 40
PREFERENCE_SOURCES = ("shopper", "staff", "inferred")
MAX_PREFERENCES = 200
MAX_RUN_ROWS = 100
MAX_CONTENT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
#: the name of a training run's blend row (kiosk.recommend.artefacts.BLEND)
BLEND_ROW = "_blend"
_DIGEST = re.compile(r"[0-9a-f]{64}", re.ASCII).fullmatch
#: canonical padded base64 (also the pattern the published schema gives)
BASE64 = r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"
_BASE64 = re.compile(BASE64, re.ASCII).fullmatch
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidChange(ValueError):
    """A change breaks the rules of its kind; the message names the field."""


def erased_id_digest(key_hex: str, customer_id: str) -> str:
    """The keyed digest an erasure carries instead of the id (hex HMAC-SHA256)."""
    return hmac.new(bytes.fromhex(key_hex), customer_id.encode("utf-8"),
                    hashlib.sha256).hexdigest()


@dataclass
class _Checker:
    """Collects problems of one change, each as ``field: what is allowed``."""

    kind: str
    data: dict[str, Any]
    strict: bool
    problems: list[str]

    def say(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(self, key: str, max_length: int, *, required: bool = False,
             lines: bool = False, nullable: bool = True) -> None:
        where = f"data.{key}"
        if key not in self.data:
            if required:
                self.say(where, f"required for a {self.kind} (text, 1-{max_length} characters)")
            return
        value = self.data[key]
        if value is None and nullable and not required:
            return
        problem = text_problem(value, max_length, lines=lines)
        if problem:
            self.say(where, problem)

    def number(self, key: str, high: float, *, whole: bool, required: bool = False,
               nullable: bool = True) -> None:
        where = f"data.{key}"
        if key not in self.data:
            if required:
                self.say(where, f"required for a {self.kind}")
            return
        value = self.data[key]
        if value is None and nullable and not required:
            return
        kind = "a whole number" if whole else "a finite number"
        allowed = f"must be {kind} from 0 to {high:,}" + (" or null" if nullable else "")
        if not _in_range(value, high, whole=whole):
            self.say(where, allowed)

    def choice(self, key: str, allowed: Iterable[str], *, required: bool = False) -> None:
        allowed = tuple(allowed)
        where = f"data.{key}"
        if key not in self.data:
            if required:
                self.say(where, f"required for a {self.kind}: one of {', '.join(allowed)}")
            return
        if self.data[key] not in allowed:
            self.say(where, f"must be one of {', '.join(allowed)}")

    def only(self, *keys: str) -> None:
        if not self.strict:
            return
        for key in self.data:
            if key not in keys:
                self.say(f"data.{key}", f"unknown field for a {self.kind}; "
                                        f"allowed: {', '.join(keys)}")


def _in_range(value: Any, high: float, *, whole: bool) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if whole and isinstance(value, float) and not value.is_integer():
        return False
    return math.isfinite(value) and 0 <= value <= high


def text_problem(value: Any, max_length: int, *, lines: bool = False) -> str | None:
    """What is wrong with ``value`` as a line of text (None if nothing)."""
    allowed = f"must be text of 1-{max_length} characters"
    if not isinstance(value, str) or not value or len(value) > max_length:
        return allowed
    if (_CONTROL_BUT_LINES if lines else _CONTROL).search(value):
        return "must not contain control characters"
    if not value.isascii() and _not_utf8(value):
        return "must be valid Unicode text"
    return None


def _product(c: _Checker) -> None:
    c.only("sku", "name", "description", "price", "theme", "colours", "image", "active")
    c.text("sku", MAX_ID, required=True)
    c.text("name", 200, nullable=False)
    c.text("description", 5000, lines=True)
    c.text("theme", 100)
    c.text("image", 1000)
    c.number("price", MAX_PRICE, whole=False)
    colours = c.data.get("colours")
    if colours is not None and (
            not isinstance(colours, list) or len(colours) > 50
            or any(text_problem(colour, 100) for colour in colours)):
        c.say("data.colours", "must be a list of at most 50 colour names (text, 1-100 "
                              "characters each)")
    if "active" in c.data and not isinstance(c.data["active"], bool):
        c.say("data.active", "must be true or false")


def _stock(c: _Checker) -> None:
    c.only("sku", "quantity", "location")
    c.text("sku", MAX_ID, required=True)
    c.number("quantity", MAX_QUANTITY, whole=True, required=True, nullable=False)
    c.text("location", 200)


def _profile(c: _Checker) -> None:
    # "fields" and "stores" (the record, kiosk.hq.record) are head office's own: an
    # operator publishes the older shape (consents, preferences), which kiosks still take
    c.only("first_name", "loyalty_ref", "consents", "preferences")
    c.text("first_name", MAX_FIRST_NAME)
    if "fields" in c.data:
        _record_fields(c, c.data["fields"])
    stores = c.data.get("stores")
    if stores is not None and (not isinstance(stores, list)
                               or any(text_problem(s, MAX_ID) for s in stores)):
        c.say("data.stores", f"must be a list of store ids (text, 1-{MAX_ID} characters)")
    c.text("loyalty_ref", MAX_ID)
    consents = c.data.get("consents")
    if consents is not None and (
            not isinstance(consents, dict)
            or any(p not in PURPOSES or not isinstance(g, bool) for p, g in consents.items())):
        c.say("data.consents", f"must map purposes ({', '.join(PURPOSES)}) to true or false")
    preferences = c.data.get("preferences")
    if preferences is None:
        return
    if not isinstance(preferences, list) or len(preferences) > MAX_PREFERENCES:
        c.say("data.preferences", f"must be a list of at most {MAX_PREFERENCES} "
                                  "{key, value, source} objects")
        return
    for index, preference in enumerate(preferences):
        where = f"data.preferences.{index}"
        if not isinstance(preference, dict):
            c.say(where, "must be an object {key, value, source}")
            continue
        for extra in sorted(set(preference) - {"key", "value", "source"}) if c.strict else ():
            c.say(f"{where}.{extra}", "unknown field; allowed: key, value, source")
        for key, length in (("key", 64), ("value", 200)):
            problem = text_problem(preference.get(key), length)
            if problem:
                c.say(f"{where}.{key}", problem)
        if preference.get("source", "shopper") not in PREFERENCE_SOURCES:
            c.say(f"{where}.source", f"must be one of {', '.join(PREFERENCE_SOURCES)}")


MAX_RECORD_FIELDS = 100_000


def _record_fields(c: _Checker, fields: Any) -> None:
    """The record's fields: each named and valued as ``kiosk.chain.check_field`` says,
    with its version's stamps."""
    if not isinstance(fields, dict) or len(fields) > MAX_RECORD_FIELDS:
        c.say("data.fields", "must map field names to {value, hlc, base, restricted_at}")
        return
    for field, entry in fields.items():
        # the field's kind only: its name may hold an invoice or a note's id
        where = f"data.fields.{field.partition(':')[0][:20]}" if isinstance(field, str) else (
            "data.fields")
        if not isinstance(entry, dict) or "value" not in entry:
            c.say(where, "must be an object {value, hlc, base, restricted_at}")
            continue
        problem = check_field(field, entry["value"], purposes=PURPOSES)
        if problem:
            c.say(where, problem)
        for key in ("hlc", "base", "restricted_at"):
            stamp = entry.get(key, "")
            if key == "hlc" or stamp:
                try:
                    unstamp(stamp)
                except ValueError as error:
                    c.say(f"{where}.{key}", str(error))
        if len(c.problems) > 20:
            return


def _customer_merged(c: _Checker) -> None:
    c.only("into")
    c.text("into", MAX_ID, required=True, nullable=False)


def _revocation(c: _Checker) -> None:
    c.only("reason")
    c.text("reason", 200)


def _consent_withdrawn(c: _Checker) -> None:
    c.only("purpose")
    c.choice("purpose", PURPOSES, required=True)


def _model(c: _Checker) -> None:
    c.text("name", MAX_ID, required=True)
    c.text("version", 64, required=True)
    has_run, has_content = "run" in c.data, "content" in c.data
    if has_run == has_content:
        c.say("data", "a model needs either 'run' (a training run's rows) or 'content' "
                      "(base64), not both")
    elif has_content:
        content = c.data["content"]
        if not isinstance(content, str) or len(content) > MAX_CONTENT_BYTES * 4 // 3 + 4:
            c.say("data.content", f"must be base64 text of at most {MAX_CONTENT_BYTES:,} bytes")
        elif not _is_base64(content):
            c.say("data.content", "must be base64")
    else:
        _run_rows(c, c.data["run"])


def _run_rows(c: _Checker, rows: Any) -> None:
    if not isinstance(rows, list) or not 1 <= len(rows) <= MAX_RUN_ROWS:
        c.say("data.run", f"must be a list of 1-{MAX_RUN_ROWS} artefact rows")
        return
    for index, row in enumerate(rows):
        where = f"data.run.{index}"
        if not isinstance(row, dict):
            c.say(where, "must be an object {name, blob, parameters, metrics, ...}")
            continue
        problem = text_problem(row.get("name"), MAX_ID)
        if problem:
            c.say(f"{where}.name", problem)
        blob = row.get("blob")
        if blob is not None and not (isinstance(blob, str) and _is_base64(blob)):
            c.say(f"{where}.blob", "must be base64 or null")
        for key in ("parameters", "metrics"):
            if row.get(key) is not None and not isinstance(row[key], dict):
                c.say(f"{where}.{key}", "must be an object or null")
        for key in ("window_start", "window_end", "trained"):
            if row.get(key) is not None and text_problem(row[key], 64):
                c.say(f"{where}.{key}", "must be a date and time (text) or null")
    if not any(isinstance(row, dict) and row.get("name") == BLEND_ROW for row in rows):
        c.say("data.run", f"a training run needs its blend row (name {BLEND_ROW!r})")


def _erasure(c: _Checker) -> None:
    c.only("digest")
    digest = c.data.get("digest")
    if not isinstance(digest, str) or _DIGEST(digest) is None:
        c.say("data.digest", "required for an erasure: 64 lower-case hexadecimal digits")


#: lines in one purchases change; a till's prices and quantities within the importer's bounds
MAX_PURCHASE_LINES = 1000
MAX_LINE_PRICE = 10_000_000
_LINE_TEXT = {"line_id": 64, "invoice": 64, "sku": MAX_ID, "at": 64, "store_id": MAX_ID}


def _purchases(c: _Checker) -> None:
    c.only("lines")
    lines = c.data.get("lines")
    if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_PURCHASE_LINES:
        c.say("data.lines", f"required for a purchases: a list of 1-{MAX_PURCHASE_LINES:,} "
                            "{line_id, invoice, sku, quantity, price, at, store_id} objects")
        return
    for index, line in enumerate(lines):
        where = f"data.lines.{index}"
        if not isinstance(line, dict):
            c.say(where, "must be an object {line_id, invoice, sku, quantity, price, at, "
                         "store_id}")
            continue
        for extra in sorted(set(line) - {*_LINE_TEXT, "quantity", "price"}) if c.strict else ():
            c.say(f"{where}.{extra}", "unknown field; allowed: line_id, invoice, sku, quantity, "
                                      "price, at, store_id")
        for key, length in _LINE_TEXT.items():
            problem = text_problem(line.get(key), length)
            if problem:
                c.say(f"{where}.{key}", problem)
        quantity = line.get("quantity")
        if not _in_range(quantity, MAX_QUANTITY, whole=True) or quantity < 1:
            c.say(f"{where}.quantity", f"must be a whole number from 1 to {MAX_QUANTITY:,}")
        if not _in_range(line.get("price"), MAX_LINE_PRICE, whole=False):
            c.say(f"{where}.price", f"must be a finite number from 0 to {MAX_LINE_PRICE:,}")
        if len(c.problems) > 20:
            return


def _card(c: _Checker) -> None:
    c.only("card_id", "long_digest", "short_digest", "status", "store_id")
    c.text("card_id", 64, required=True)
    for key in ("long_digest", "short_digest"):
        value = c.data.get(key)
        if not isinstance(value, str) or _DIGEST(value) is None:
            c.say(f"data.{key}", "required for a card: 64 lower-case hexadecimal digits")
    c.choice("status", CARD_STATUSES, required=True)
    c.text("store_id", MAX_ID)


#: items in one shown change (a kiosk shows a few shelves of picks at once)
MAX_SHOWN_ITEMS = 100
_SHOWN_ITEM_TEXT = {"sku": MAX_ID, "recommender": 64, "reason": 64}


def _shown(c: _Checker) -> None:
    c.only("event", "session_id", "at", "store", "items")
    c.text("event", 64, required=True, nullable=False)
    c.text("session_id", 256, required=True, nullable=False)
    c.text("at", 64, required=True, nullable=False)
    c.text("store", MAX_ID)
    items = c.data.get("items")
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_SHOWN_ITEMS:
        c.say("data.items", f"required for a shown: a list of 1-{MAX_SHOWN_ITEMS} "
                            "{sku, recommender, reason, shelf} objects")
        return
    for index, item in enumerate(items):
        where = f"data.items.{index}"
        if not isinstance(item, dict):
            c.say(where, "must be an object {sku, recommender, reason, shelf}")
            continue
        for extra in sorted(set(item) - {*_SHOWN_ITEM_TEXT, "shelf"}) if c.strict else ():
            c.say(f"{where}.{extra}", "unknown field; allowed: sku, recommender, reason, shelf")
        for key, length in _SHOWN_ITEM_TEXT.items():
            problem = text_problem(item.get(key), length)
            if problem:
                c.say(f"{where}.{key}", problem)
        if item.get("shelf") is not None and text_problem(item["shelf"], 64):
            c.say(f"{where}.shelf", f"{text_problem(item['shelf'], 64)} or null")
        if len(c.problems) > 20:
            return


def _is_base64(text: str) -> bool:
    return _BASE64(text) is not None


#: per kind: its data rules, and whether it names a customer (required) or none
_RULES: dict[str, tuple[Callable[[_Checker], None], bool]] = {
    "product": (_product, False),
    "stock": (_stock, False),
    "profile": (_profile, True),
    "revocation": (_revocation, True),
    "consent_withdrawn": (_consent_withdrawn, True),
    "model": (_model, False),
    "erasure": (_erasure, False),
    "customer_merged": (_customer_merged, True),
    "purchases": (_purchases, True),
    "card": (_card, True),
    "shown": (_shown, True),
}


def problems(kind: Any, data: Any, *, store_id: Any = None, customer_id: Any = None,
             strict: bool = True) -> list[str]:
    """Every problem of one change (empty if it is valid), ``field: what is allowed``.

    ``strict`` (head office) also refuses unknown data fields and a customer
    on a kind that names none; a kiosk (``strict=False``) ignores both.
    """
    if kind not in _RULES:
        return [f"kind: must be one of {', '.join(KINDS)}"]
    rules, names_customer = _RULES[kind]
    found: list[str] = []
    if store_id is not None and text_problem(store_id, MAX_ID):
        found.append(f"store_id: {text_problem(store_id, MAX_ID)} or null")
    if kind == "purchases" and store_id is None:
        found.append("store_id: required for a purchases (the store of the lines)")
    if names_customer:
        if customer_id is None:
            found.append(f"customer_id: required for a {kind}")
        elif text_problem(customer_id, MAX_ID):
            found.append(f"customer_id: {text_problem(customer_id, MAX_ID)}")
    elif strict and customer_id is not None:
        found.append(f"customer_id: not allowed for a {kind} (it names no customer)")
    elif kind == "erasure" and customer_id is not None:
        # an erasure from a head office before digests: the kiosk still honours it
        if text_problem(customer_id, MAX_ID):
            found.append(f"customer_id: {text_problem(customer_id, MAX_ID)}")
        return found
    if not isinstance(data, dict):
        return [*found, "data: must be an object"]
    json_problem = _json_problem(data, "data", 0)
    if json_problem:
        return [*found, json_problem]
    rules(_Checker(kind, data, strict, found))
    return found


def _json_problem(value: Any, where: str, depth: int) -> str | None:
    """Numbers finite, text valid, nesting bounded: what JSON on both sides can hold."""
    if depth > MAX_DEPTH:
        return f"{where}: nested more than {MAX_DEPTH} levels"
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not _plain_text(key):
                return f"{where}: keys must be valid Unicode text without NUL characters"
            if not _plain_scalar(item):  # where is spelt out only below a container or fault
                problem = _json_problem(item, f"{where}.{key}", depth + 1)
                if problem:
                    return problem
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if not _plain_scalar(item):
                problem = _json_problem(item, f"{where}.{index}", depth + 1)
                if problem:
                    return problem
    elif isinstance(value, float) and not math.isfinite(value):
        return f"{where}: must be a finite number"
    elif isinstance(value, str) and ("\x00" in value or _not_utf8(value)):
        return f"{where}: must be valid Unicode text without NUL characters"
    elif value is not None and not isinstance(value, str | int | float | bool):
        return f"{where}: must be JSON (object, list, text, number, true, false or null)"
    return None


def _plain_text(text: str) -> bool:
    return "\x00" not in text and (text.isascii() or not _not_utf8(text))


def _plain_scalar(value: Any) -> bool:
    """A value ``_json_problem`` would find nothing wrong with (checked quickly)."""
    kind = value.__class__
    if kind is str:
        return _plain_text(value)
    if kind is float:
        return math.isfinite(value)
    return value is None or kind is int or kind is bool


def _not_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_decode_published = msgspec.json.Decoder(PublishIn).decode


def decode_published(body: bytes, *, where: str = "body") -> list[ChangeIn]:
    """The changes of a publish request (UTF-8 JSON), typed but not yet checked.

    ``InvalidChange`` says where (``where`` is the body's name: "body", or ""
    for a file) and what is wrong with the body; ``check_changes`` then applies
    the rules of each kind.
    """
    def refuse(message: str) -> InvalidChange:
        return InvalidChange(f"{where}: {message}" if where else message)

    if json_too_deep(body, MAX_JSON_DEPTH):
        raise refuse(f"JSON nested deeper than {MAX_JSON_DEPTH} levels (the limit)")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise refuse(f"not valid UTF-8 (byte {error.start})") from None
    try:
        return _decode_published(body).changes
    except msgspec.DecodeError as error:
        raise InvalidChange(describe(error, where)) from None
    except RecursionError:  # unbalanced brackets, past msgspec's own guard
        raise refuse(f"JSON nested deeper than {MAX_JSON_DEPTH} levels (the limit)") from None


def check_changes(changes: Iterable[ChangeIn], *, where: str = "changes",
                  limit: int = 5) -> None:
    """Raise ``InvalidChange`` naming up to ``limit`` problems of ``changes``, checked strictly."""
    found: list[str] = []
    for index, change in enumerate(changes):
        if change.kind not in PUBLISHABLE:
            found.append(f"{where}.{index}.kind: must be one of {', '.join(PUBLISHABLE)} "
                         "(an erasure is made by erasing, not published)")
            continue
        for problem in problems(change.kind, change.data, store_id=change.store_id,
                                customer_id=change.customer_id):
            found.append(f"{where}.{index}.{problem}")
        if len(found) >= limit:
            break
    if found:
        raise InvalidChange("; ".join(found[:limit]))
