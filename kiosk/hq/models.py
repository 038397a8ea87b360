"""The head-office API's request and response bodies (and so its OpenAPI schemas)."""

from __future__ import annotations

from datetime import UTC
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


NO_NUL = r"^[^\x00]*$"


class _PublishNoNul:
    """Says in the schema what ``_storable`` checks (with a clearer message): no NUL."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        schema.setdefault("pattern", NO_NUL)
        return schema


def Text(max_length: int, *, min_length: int = 0, pattern: str | None = None) -> Any:
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length,
                                            pattern=pattern), AfterValidator(_storable),
                     _PublishNoNul()]


def _whole_number(value: Any) -> Any:
    # JSON Schema, which the spec is written in, reads 2.0 as the integer 2
    if value.__class__ is float and value.is_integer():
        return int(value)
    return value


#: an integer, also written as a whole float (strict otherwise: not "2", not true)
WholeInt = Annotated[int, BeforeValidator(_whole_number)]
MAX_SEQ = 2**62
# Events are parsed from JSON bytes by pydantic-core, which refuses lone
# surrogates itself, so their fields only need the NUL check (in Rust, fast).
NoNul = Annotated[str, StringConstraints(max_length=128, pattern=r"^[^\x00]*$")]


# EventIn and BatchIn are the schema of ``POST /v1/events`` in the OpenAPI spec;
# batches are checked by ``kiosk.hq.batch`` (msgspec, fast) with the same rules
# (tests/test_hq.py compares them), JSON types strictly.
class EventIn(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)

    uuid: Annotated[str, StringConstraints(
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    seq: WholeInt = Field(ge=1, le=MAX_SEQ)
    kind: Annotated[str, StringConstraints(min_length=1, max_length=64,
                                           pattern=r"^[a-z][a-z_]*$")]
    critical: bool = False
    customer_id: NoNul | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    ts: AwareDatetime
    schema_version: WholeInt = Field(default=1, ge=1, le=1000)

    def as_record(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid.lower(), "seq": self.seq, "kind": self.kind,
            "customer_id": self.customer_id, "payload": self.payload,
            "ts": self.ts.astimezone(UTC).isoformat(timespec="microseconds"),
            "schema_version": self.schema_version,
        }


class BatchIn(BaseModel):
    """A batch of one kiosk's events; the kiosk is the one the token names."""

    model_config = ConfigDict(strict=True)

    batch_id: Text(64, min_length=1)
    kiosk_id: Text(128) | None = None
    store_id: Text(128) | None = None
    dropped: WholeInt = Field(default=0, ge=0, le=MAX_SEQ)
    events: list[EventIn] = Field(max_length=10_000)


class Error(BaseModel):
    """Every error head office answers (4xx): what was wrong and where, never the input."""

    detail: str = Field(description="What was wrong and where, e.g. "
                                    "`invalid request: body.events.3.ts: must include a time "
                                    "zone`; it never repeats the input (it may be personal data)")


class Ack(BaseModel):
    batch_id: str
    accepted: int
    duplicates: int
    out_of_order: int
    discarded: int = 0
    last_seq: int


class Change(BaseModel):
    id: int
    kind: str
    store_id: str | None
    customer_id: str | None
    data: dict[str, Any]


class ChangesPage(BaseModel):
    changes: list[Change]
    cursor: int
    more: bool


ChangeKind = Literal["product", "stock", "profile", "revocation", "consent_withdrawn", "model"]


class ChangeIn(BaseModel):
    kind: ChangeKind
    store_id: Text(128) | None = None
    customer_id: Text(128) | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class PublishIn(BaseModel):
    changes: list[ChangeIn] = Field(min_length=1, max_length=10_000)


class PublishOut(BaseModel):
    ids: list[int]


class ErasureIn(BaseModel):
    customer_id: Text(128, min_length=1)


class ErasureOut(BaseModel):
    erased: bool
    already_erased: bool


class RetractOut(BaseModel):
    id: int
    kind: str
    retracted_by: str
    at: str
    already_retracted: bool


class ErasureKey(BaseModel):
    erasure_key: str
    algorithm: str = ("HMAC-SHA256 (key: erasure_key as hex bytes) of the UTF-8 customer id, "
                      "hex; an erasure change carries it as data.digest")


class PublicKey(BaseModel):
    public_key: str
    algorithm: str = "x25519-xsalsa20-poly1305 sealed box (libsodium crypto_box_seal)"


class KioskStats(BaseModel):
    store_id: str
    events: int
    duplicates_ignored: int
    out_of_order: int
    dropped: int
    last_seq: int
    last_seen: str | None


class Stats(BaseModel):
    backend: str
    kiosks: dict[str, KioskStats]
    totals: dict[str, int]


class CardRegistration(BaseModel):
    """A card issued or revoked at a kiosk, sealed for head office and signed by the device."""

    sealed: Text(4096, min_length=1)
    signature: Text(128, min_length=1)
    device_key: Text(64, min_length=1)


class CardsIn(BaseModel):
    registrations: list[CardRegistration] = Field(min_length=1, max_length=500)


class CardRefusal(BaseModel):
    index: int
    reason: str


class CardsOut(BaseModel):
    registered: int
    refused: list[CardRefusal]
