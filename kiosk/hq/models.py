"""The head-office API's other bodies, parsed by FastAPI (pydantic), and their schemas.

The sync's own bodies (a batch of events and its acknowledgement, the change
feed, published changes) are the structs of ``kiosk.wire``, shared with the
kiosk; the spec publishes both.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from kiosk.wire import NO_NUL


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


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


class Error(BaseModel):
    """Every error head office answers (4xx): what was wrong and where, never the input."""

    detail: str = Field(description="What was wrong and where, e.g. "
                                    "`invalid request: body.events.3.ts: must include a time "
                                    "zone`; it never repeats the input (it may be personal data)")


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


class DeviceIn(BaseModel):
    device_key: Text(64, min_length=1) = Field(
        description="The device's Ed25519 public key, base64 (`kiosk sync status` shows it)")


class DeviceOut(BaseModel):
    pinned: bool


class ChainKey(BaseModel):
    sealed: str = Field(description="The chain lookup key (32 bytes), sealed for the "
                                    "device's key")
    algorithm: str = ("sealed box (libsodium crypto_box_seal) for the X25519 form of the "
                      "device's pinned Ed25519 key; the key of HMAC-SHA256 digests of codes")


class CardLookupIn(BaseModel):
    digest: Text(64, min_length=64, pattern="^[0-9a-f]{64}$") = Field(
        description="HMAC-SHA256 (key: the chain lookup key) of the code as scanned: the "
                    "long code in upper case, or the short code's 13 symbols; hex")


class CardLookupOut(BaseModel):
    status: str = Field(description="ok, revoked or unknown")
    customer_id: str | None
    changes: list[dict[str, Any]] = Field(
        description="For a valid card, the changes that bring the device up to date on "
                    "the shopper (card, profile, purchases), as in the change feed")
