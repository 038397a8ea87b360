"""The rules of ``kiosk.hq.changes`` written as JSON Schema, for the published spec.

``POST /v1/admin/changes`` is documented by this schema (the published ``ChangeIn``,
in place of what ``kiosk.wire.ChangeIn``'s types alone would say), one branch per kind, so
a client (or schemathesis) knows exactly what head office accepts. The rules in
``kiosk.hq.changes`` decide; this says the same, and ``tests/test_hq_schemathesis.py``
holds the two together (schema-valid changes accepted, schema-invalid refused).
Only the nesting bound (``MAX_DEPTH``) is left unsaid: JSON Schema cannot count.
"""

from __future__ import annotations

from typing import Any

from kiosk.hq import changes as rules
from kiosk.privacy.purposes import PURPOSES
from kiosk.wire import NO_NUL, REF_TEMPLATE

_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
_NO_CONTROL_BUT_LINES = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_NULL = {"type": "null"}
#: any JSON that PostgreSQL's jsonb and SQLite both keep: no NUL in text or keys
JSON_VALUE = "JsonValue"
_JSON_REF = {"$ref": REF_TEMPLATE.format(name=JSON_VALUE)}
_NO_NUL = {"type": "string", "pattern": NO_NUL}
_JSON_OBJECT = {"type": "object", "propertyNames": _NO_NUL, "additionalProperties": _JSON_REF}


def _text(max_length: int, *, lines: bool = False) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": max_length,
            "pattern": _NO_CONTROL_BUT_LINES if lines else _NO_CONTROL}


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, _NULL]}


def _number(high: float, *, whole: bool) -> dict[str, Any]:
    return {"type": "integer" if whole else "number", "minimum": 0, "maximum": high}


def _base64(max_length: int | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "pattern": f"^{rules.BASE64}$"}
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _data(properties: dict[str, Any], required: list[str], *,
          closed: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "required": required}
    if closed:
        schema["additionalProperties"] = False
    else:
        schema |= {"propertyNames": _NO_NUL, "additionalProperties": _JSON_REF}
    return schema


def _product() -> dict[str, Any]:
    return _data({
        "sku": _text(rules.MAX_ID),
        "name": _text(200),
        "description": _or_null(_text(5000, lines=True)),
        "price": _or_null(_number(rules.MAX_PRICE, whole=False)),
        "theme": _or_null(_text(100)),
        "colours": _or_null({"type": "array", "maxItems": 50, "items": _text(100)}),
        "image": _or_null(_text(1000)),
        "active": {"type": "boolean"},
    }, ["sku"])


def _stock() -> dict[str, Any]:
    return _data({"sku": _text(rules.MAX_ID),
                  "quantity": _number(rules.MAX_QUANTITY, whole=True),
                  "location": _or_null(_text(200))}, ["sku", "quantity"])


def _profile() -> dict[str, Any]:
    preference = _data({"key": _text(64), "value": _text(200),
                        "source": {"enum": list(rules.PREFERENCE_SOURCES)}},
                       ["key", "value"])
    consents = {"type": "object", "propertyNames": {"enum": list(PURPOSES)},
                "additionalProperties": {"type": "boolean"}}
    return _data({
        "first_name": _or_null(_text(rules.MAX_FIRST_NAME)),
        "loyalty_ref": _or_null(_text(rules.MAX_ID)),
        "consents": _or_null(consents),
        "preferences": _or_null({"type": "array", "maxItems": rules.MAX_PREFERENCES,
                                 "items": preference}),
    }, [])


def _revocation() -> dict[str, Any]:
    return _data({"reason": _or_null(_text(200))}, [])


def _consent_withdrawn() -> dict[str, Any]:
    return _data({"purpose": {"enum": list(PURPOSES)}}, ["purpose"])


def _model() -> dict[str, Any]:
    row = _data({
        "name": _text(rules.MAX_ID),
        "blob": _or_null(_base64()),
        "parameters": _or_null(_JSON_OBJECT),
        "metrics": _or_null(_JSON_OBJECT),
        "window_start": _or_null(_text(64)),
        "window_end": _or_null(_text(64)),
        "trained": _or_null(_text(64)),
    }, ["name"], closed=False)
    run = {"type": "array", "minItems": 1, "maxItems": rules.MAX_RUN_ROWS, "items": row,
           "contains": {"type": "object", "properties": {"name": {"const": rules.BLEND_ROW}},
                        "required": ["name"]}}
    content = _base64(rules.MAX_CONTENT_BYTES * 4 // 3 + 4)
    common = {"name": _text(rules.MAX_ID), "version": _text(64)}
    return {"oneOf": [
        _data({**common, "run": run}, ["name", "version", "run"], closed=False)
        | {"not": {"required": ["content"]}},
        _data({**common, "content": content}, ["name", "version", "content"], closed=False)
        | {"not": {"required": ["run"]}},
    ]}


def _card() -> dict[str, Any]:
    """Made by the card registry only (never published): what a ``card`` change holds."""
    digest = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
    return _data({"card_id": _text(64), "long_digest": digest, "short_digest": digest,
                  "status": {"enum": list(rules.CARD_STATUSES)},
                  "store_id": _or_null(_text(rules.MAX_ID))},
                 ["card_id", "long_digest", "short_digest", "status"])


def _shown() -> dict[str, Any]:
    """Made by head office only, from a kiosk's impressions (never published): what a
    ``shown`` change holds (``kiosk.hq.shown``)."""
    item = _data({"sku": _text(rules.MAX_ID), "recommender": _text(64), "reason": _text(64),
                  "shelf": _or_null(_text(64))}, ["sku", "recommender", "reason"])
    return _data({"event": _text(64), "session_id": _text(256), "at": _text(64),
                  "store": _or_null(_text(rules.MAX_ID)),
                  "items": {"type": "array", "minItems": 1, "maxItems": rules.MAX_SHOWN_ITEMS,
                            "items": item}},
                 ["event", "session_id", "at", "items"])


_DATA = {"product": _product, "stock": _stock, "profile": _profile,
         "revocation": _revocation, "consent_withdrawn": _consent_withdrawn, "model": _model,
         "card": _card, "shown": _shown}
_NAMES_CUSTOMER = {"profile", "revocation", "consent_withdrawn", "card", "shown"}


def data_schema(kind: str) -> dict[str, Any]:
    """What a change of ``kind`` holds in ``data`` (``KeyError`` for a kind without one
    written here: erasure, customer_merged, purchases)."""
    return _DATA[kind]()


def json_value_schema() -> dict[str, Any]:
    """Any JSON head office can store (no NUL in text or keys)."""
    return {"anyOf": [_NULL, {"type": "boolean"}, {"type": "number"}, _NO_NUL,
                      {"type": "array", "items": _JSON_REF}, _JSON_OBJECT]}


def publish_schema() -> dict[str, Any]:
    """One published change: a branch per kind, with what its data must hold."""
    branches = []
    for kind in rules.PUBLISHABLE:
        data = _DATA[kind]()
        names_customer = kind in _NAMES_CUSTOMER
        required = ["kind"] + (["customer_id"] if names_customer else [])
        if data.get("required") or "oneOf" in data:
            required.append("data")  # a missing data is {} and lacks a required field
        branches.append({
            "type": "object", "title": kind, "required": required,
            "properties": {
                "kind": {"const": kind},
                "store_id": _or_null(_text(rules.MAX_ID)),
                "customer_id": _text(rules.MAX_ID) if names_customer else _NULL,
                "data": data,
            },
        })
    return {"title": "ChangeIn", "oneOf": branches,
            "description": "A change for kiosks; what each kind holds is checked by "
                           "``kiosk.hq.changes`` (a 422 names the field)."}
