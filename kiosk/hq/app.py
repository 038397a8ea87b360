"""The head-office web service (FastAPI): what kiosks sync with.

``create_app(storage)`` builds the application; ``kiosk hq serve`` runs it
on uvicorn. Kiosks authenticate with a bearer token (``kiosk hq
add-kiosk``); operators with an operator token (``--operator``). The
OpenAPI spec is at ``/openapi.json``, the docs at ``/docs``.
"""


import asyncio
import json
import os
import time
import uuid
from typing import Annotated, Any, Literal

import msgspec
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kiosk import __version__, wire
from kiosk.hq import bootstrap, change_schema, faults, models, report
from kiosk.hq import help as help_requests
from kiosk.hq.auth import (
    ANY_ROLE,
    CALLER_SCOPE_KEY,
    UNAUTHENTICATED,
    WRONG_ROLE,
    Authenticator,
)
from kiosk.hq.batch import Batch, InvalidBatch, decode_batch
from kiosk.hq.body_guard import BodyGuard, RoutePolicy, route_policy
from kiosk.hq.changes import decode_published
from kiosk.hq.faults import FaultInjector
from kiosk.hq.limits import BodyLimits
from kiosk.hq.registry import LookupLimiter, Refused
from kiosk.hq.storage import (
    AuthRecord,
    IngestResult,
    InvalidChange,
    Storage,
    StorageError,
    UnknownChangeError,
    UnknownKioskError,
)
from kiosk.hq.storage.base import DEVICE_ROLES

DESCRIPTION = """Head office for Personal Shopper Kiosk.

Kiosks upload their outbox in batches (`POST /v1/events`, JSON, optionally
`Content-Encoding: gzip`) and download changes (`GET /v1/changes`). Events
are keyed by UUID: sending one twice stores it once. Authenticate with
`Authorization: Bearer <token>` from `kiosk hq add-kiosk`.
"""

#: which purchase histories a device downloads (``[plugins.sync] histories``)
Histories = Annotated[Literal["store", "chain"], Query()]
_bearer = HTTPBearer(auto_error=False, description="A token from `kiosk hq add-kiosk`")
_UNAUTHORISED = {401: {"description": "No valid token"}}


def _invalid(errors: Any) -> JSONResponse:
    """A 422 that says where and what, never echoing the input (it may be personal data)."""
    problems = [
        ".".join(str(part) for part in problem.get("loc", ())) + ": " + problem.get("msg", "")
        for problem in list(errors)[:5]
    ]
    return JSONResponse({"detail": "invalid request: " + "; ".join(problems)}, status_code=422)


ERRORS = {
    400: "The body is not valid gzip, or not JSON",
    401: "No valid bearer token",
    403: "The token's role may not use this endpoint",
    413: "The body is larger than head office accepts (`--max-body-mb`, `--max-inflated-mb`)",
    415: "A Content-Encoding other than gzip or identity",
    422: "The request is invalid: where and what (never the input)",
}


def _wire_bodies(request: str | None = None, answer: str | None = None) -> dict[str, Any]:
    """What an operation whose bodies are ``kiosk.wire`` structs (read and written by hand,
    not by FastAPI) adds to its spec: the schemas of its request and its answer (200)."""
    extra: dict[str, Any] = {}
    if request:
        extra["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": {"$ref": wire.REF_TEMPLATE.format(name=request)}}}}
    if answer:
        extra["responses"] = {"200": {"content": {"application/json": {
            "schema": {"$ref": wire.REF_TEMPLATE.format(name=answer)}}}}}
    return extra


_encode = msgspec.json.Encoder().encode


def _answer(body: msgspec.Struct) -> Response:
    return Response(_encode(body), media_type="application/json")


def _openapi(app: FastAPI, policies: list[tuple[APIRoute, RoutePolicy]]) -> dict[str, Any]:
    """The generated spec, plus the schemas of the sync's bodies (``kiosk.wire``), what
    each kind of change holds, and every error an operation can answer, in the shape it
    has (``Error``)."""
    if app.openapi_schema is None:
        spec = get_openapi(title=app.title, version=app.version, description=app.description,
                           routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(wire.openapi_components())
        schemas["Error"] = models.Error.model_json_schema()
        # ChangeIn's types say little: each kind's rules (kiosk.hq.changes) say what it holds
        schemas[wire.ChangeIn.__name__] = change_schema.publish_schema()
        schemas[change_schema.JSON_VALUE] = change_schema.json_value_schema()
        for route, policy in policies:
            for method in route.methods or ():
                operation = spec["paths"].get(route.path_format, {}).get(method.lower())
                if operation is not None:
                    _declare_errors(operation["responses"], policy)
        for unused in ("HTTPValidationError", "ValidationError"):  # FastAPI's, replaced
            if f'"#/components/schemas/{unused}"' not in json.dumps(spec):
                schemas.pop(unused, None)
        app.openapi_schema = spec
    return app.openapi_schema


def _declare_errors(responses: dict[str, Any], policy: RoutePolicy) -> None:
    codes = set()
    if policy.role is not None:
        codes |= {401} if policy.role == ANY_ROLE else {401, 403}
    if policy.takes_body:
        codes |= {400, 413, 415, 422}
    for code in codes:
        responses.setdefault(str(code), {"description": ERRORS[code]})
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for code in sorted(responses):
        responses[code] = responses.pop(code)  # in order of status
        if code.startswith("4"):
            responses[code]["content"] = error


def _store_batch(storage: Storage, kiosk: AuthRecord, body: bytes) -> tuple[IngestResult, Batch]:
    batch = decode_batch(body)
    return storage.ingest(kiosk, batch.events, dropped=batch.dropped), batch


def _publish(storage: Storage, body: bytes) -> list[int]:
    return storage.publish(decode_published(body))


def create_app(storage: Storage, *, faults_from_env: bool = True,
               limits: BodyLimits | None = None) -> FastAPI:
    """The ASGI application over ``storage`` (with gzip bodies and, if asked, faults).

    Request bodies are read only from authenticated callers and within
    ``limits`` (default: from the environment, ``BodyLimits.from_env``).
    """
    app = FastAPI(title="Personal Shopper Kiosk head office", version=__version__,
                  description=DESCRIPTION)
    app.state.storage = storage
    limits = limits if limits is not None else BodyLimits.from_env()
    # no token cache: a removed device is refused by its very next request
    authenticate = Authenticator(storage)
    lookups = LookupLimiter()

    async def caller(request: Request,
                     credentials: Annotated[HTTPAuthorizationCredentials | None,
                                            Depends(_bearer)]) -> AuthRecord:
        record = request.scope.get(CALLER_SCOPE_KEY)  # the body guard checked it already
        if record is None:
            record = await authenticate(credentials.credentials if credentials else "")
        if record is None:
            raise HTTPException(401, UNAUTHENTICATED, headers={"WWW-Authenticate": "Bearer"})
        return record

    async def kiosk_caller(record: Annotated[AuthRecord, Depends(caller)]) -> AuthRecord:
        if record.role not in DEVICE_ROLES:
            raise HTTPException(403, WRONG_ROLE["kiosk"])
        return record

    async def operator_caller(record: Annotated[AuthRecord, Depends(caller)]) -> AuthRecord:
        if record.role != "operator":
            raise HTTPException(403, WRONG_ROLE["operator"])
        return record

    async def tablet_caller(record: Annotated[AuthRecord, Depends(caller)]) -> AuthRecord:
        if record.role != "tablet":
            raise HTTPException(403, "this endpoint is for tablets")
        return record

    roles = {caller: ANY_ROLE, kiosk_caller: "kiosk", operator_caller: "operator",
             tablet_caller: "tablet"}

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return _invalid(error.errors())

    @app.post("/v1/events", responses={
        **_UNAUTHORISED, 403: {"description": "Not a kiosk token"},
        422: {"description": "The batch is invalid; the kiosk quarantines it"}},
        openapi_extra=_wire_bodies("BatchIn", "Ack"))
    async def post_events(request: Request,
                          kiosk: Annotated[AuthRecord, Depends(kiosk_caller)]) -> Response:
        """Store a batch of this kiosk's events. Idempotent by event UUID.

        The body (JSON, optionally gzip) is decoded and checked in one pass
        (``kiosk.hq.batch``, the rules of the ``BatchIn`` schema), then stored
        in one transaction; the answer comes only after it committed.
        """
        body = await request.body()
        try:
            result, batch = await run_in_threadpool(_store_batch, storage, kiosk, body)
        except InvalidBatch as error:
            return JSONResponse({"detail": f"invalid request: {error}"}, status_code=422)
        except UnknownKioskError as error:
            raise HTTPException(401, str(error)) from None
        return _answer(wire.Ack(batch_id=batch.batch_id, accepted=result.accepted,
                                duplicates=result.duplicates, out_of_order=result.out_of_order,
                                discarded=result.discarded, last_seq=result.last_seq))

    @app.get("/v1/changes", responses=_UNAUTHORISED,
             openapi_extra=_wire_bodies(answer="ChangesPage"))
    def get_changes(kiosk: Annotated[AuthRecord, Depends(kiosk_caller)],
                    since: Annotated[int, Query(ge=0, le=wire.MAX_SEQ)] = 0,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
                    histories: Histories = "store") -> Response:
        """Changes for this kiosk's store after the cursor ``since``.

        ``histories``: "store" (this store's purchase lines) or "chain" (every store's).
        """
        page = storage.changes_for(kiosk, since, limit, histories=histories)
        return _answer(msgspec.convert(page, wire.ChangesPage))

    @app.get("/v1/bootstrap", responses={**_UNAUTHORISED, 200: {
        "description": "NDJSON: a header line, the changes, an end line with the cursor",
        "content": {"application/x-ndjson": {}}}})
    def get_bootstrap(request: Request, kiosk: Annotated[AuthRecord, Depends(kiosk_caller)],
                      histories: Histories = "store",
                      after: Annotated[int, Query(ge=0, le=wire.MAX_SEQ)] = 0,
                      upto: Annotated[int | None, Query(ge=0, le=wire.MAX_SEQ)] = None
                      ) -> StreamingResponse:
        """The change feed compacted for this kiosk's store, then the cursor to continue from.

        A new device's first sync (``kiosk sync bootstrap``): the latest change per
        key, every change that adds or withdraws (``kiosk.hq.bootstrap``). ``after``
        and ``upto`` resume a bootstrap that was cut.
        """
        planned = bootstrap.plan(storage, kiosk, histories=histories, after=after, upto=upto)
        chunks = bootstrap.stream(storage, planned)
        headers = {"X-Bootstrap-Total": str(planned.total),
                   "X-Bootstrap-Cursor": str(planned.upto)}
        if "gzip" in request.headers.get("accept-encoding", ""):
            chunks = bootstrap.gzipped(chunks)
            headers["Content-Encoding"] = "gzip"
        return StreamingResponse(chunks, media_type="application/x-ndjson", headers=headers)

    @app.post("/v1/cards", response_model=models.CardsOut, responses={
        **_UNAUTHORISED, 403: {"description": "Not a kiosk token"}})
    def register_cards(body: models.CardsIn,
                       kiosk: Annotated[AuthRecord, Depends(kiosk_caller)]) -> models.CardsOut:
        """Register cards issued or revoked at this kiosk (``kiosk.hq.registry``).

        Each registration is sealed for head office and signed with the kiosk's
        device key, pinned on first use. Refused ones are listed with the reason.
        """
        refused = storage.register_cards(kiosk, [r.model_dump() for r in body.registrations])
        return models.CardsOut(registered=len(body.registrations) - len(refused),
                               refused=[models.CardRefusal(**r) for r in refused])

    @app.post("/v1/device", response_model=models.DeviceOut, responses={
        **_UNAUTHORISED, 403: {"description": "Not a device token"},
        409: {"description": "Another device key is pinned for this device"}})
    def announce_device(body: models.DeviceIn,
                        kiosk: Annotated[AuthRecord, Depends(kiosk_caller)]) -> Any:
        """Pin this device's Ed25519 key on first use (as a card registration does).

        Another key than the pinned one is refused: the operator resets it
        (``kiosk hq reset-device-key``) for a rebuilt device.
        """
        try:
            storage.announce_device(kiosk, body.device_key)
        except Refused as refusal:
            raise HTTPException(409, str(refusal)) from None
        return models.DeviceOut(pinned=True)

    @app.get("/v1/chain-key", response_model=models.ChainKey, responses={
        **_UNAUTHORISED, 403: {"description": "Not a device token"},
        409: {"description": "No device key is pinned for this device yet"}})
    def get_chain_key(kiosk: Annotated[AuthRecord, Depends(kiosk_caller)]) -> Any:
        """The chain lookup key, sealed for this device's pinned key (never in clear).

        With it a device computes the keyed digest of a code it scanned and finds
        the card among the chain's ``card`` changes (docs/identity.md).
        """
        try:
            return models.ChainKey(sealed=storage.sealed_chain_key(kiosk))
        except Refused as refusal:
            raise HTTPException(409, str(refusal)) from None

    @app.post("/v1/cards/lookup", response_model=models.CardLookupOut, responses={
        **_UNAUTHORISED, 403: {"description": "Not a device token"},
        429: {"description": "Too many look-ups from this device; wait and retry"}})
    def lookup_card(body: models.CardLookupIn,
                    kiosk: Annotated[AuthRecord, Depends(kiosk_caller)]) -> Any:
        """A card this device does not hold, by the keyed digest of the code it scanned.

        Answers its status; for a valid card also the shopper and the changes
        that bring the device up to date on them (their cards, profile,
        purchases). Sending the digest proves the device read the code.
        Rate-limited per device, like failed scans at a kiosk.
        """
        wait = lookups.wait(kiosk.name)
        if wait:
            raise HTTPException(429, "too many card look-ups from this device",
                                headers={"Retry-After": str(int(wait) + 1)})
        try:
            found = storage.lookup_card(body.digest)
        except Refused as refusal:
            return JSONResponse({"detail": f"invalid request: body.digest: {refusal}"},
                                status_code=422)
        found["changes"] = [msgspec.structs.asdict(c) for c in found["changes"]]
        return found

    def _help_error(error: help_requests.HelpError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=error.status)

    @app.post("/v1/help", response_model=help_requests.HelpState, responses={
        **_UNAUTHORISED, 403: {"description": "Not a device token"},
        409: {"description": "Another device asked a request with this id"}})
    def ask_for_help(body: help_requests.HelpIn,
                     kiosk: Annotated[AuthRecord, Depends(kiosk_caller)]) -> Any:
        """A shopper at this kiosk asks for help (idempotent by ``request_id``).

        The answer says whether a member of staff is signed in on a tablet of
        this store (``kiosk.hq.help``).
        """
        try:
            return help_requests.ask(storage, kiosk, body)
        except help_requests.HelpError as error:
            return _help_error(error)

    @app.get("/v1/help/{request_id}", response_model=help_requests.HelpState, responses={
        **_UNAUTHORISED, 403: {"description": "Not a device token"},
        404: {"description": "No request has this id"},
        409: {"description": "Another device asked this request"}})
    def help_state(request_id: uuid.UUID,
                   kiosk: Annotated[AuthRecord, Depends(kiosk_caller)]) -> Any:
        """Where this kiosk's request stands: waiting, taken (by whom) or expired."""
        try:
            return help_requests.state(storage, kiosk, request_id)
        except help_requests.HelpError as error:
            return _help_error(error)

    @app.get("/v1/staff/help", response_model=help_requests.PendingList, responses={
        **_UNAUTHORISED, 403: {"description": "Not a tablet token"}})
    async def pending_help(tablet: Annotated[AuthRecord, Depends(tablet_caller)],
                           wait: Annotated[float, Query(ge=0, le=help_requests.MAX_WAIT)] = 0
                           ) -> Any:
        """The requests of this tablet's store nobody has taken yet.

        ``wait`` (seconds): answer as soon as there is one, or after ``wait``
        with none (a long poll).
        """
        deadline = time.monotonic() + wait
        while True:
            found = await run_in_threadpool(help_requests.pending, storage, tablet)
            if found.requests or time.monotonic() >= deadline:
                return found
            await asyncio.sleep(min(0.25, max(0.0, deadline - time.monotonic())))

    @app.post("/v1/help/{request_id}/take", response_model=help_requests.PendingRequest, responses={
        **_UNAUTHORISED, 403: {"description": "Not a tablet token"},
        404: {"description": "No request of this store has this id"},
        409: {"description": "Someone took it already, or it expired"}})
    def take_help(request_id: uuid.UUID, body: help_requests.TakeIn,
                  tablet: Annotated[AuthRecord, Depends(tablet_caller)]) -> Any:
        """A member of staff signed in on this tablet takes a request: the first one wins."""
        try:
            return help_requests.take(storage, tablet, request_id, body)
        except help_requests.HelpError as error:
            return _help_error(error)

    @app.post("/v1/staff/presence", response_model=help_requests.PresenceOut, responses={
        **_UNAUTHORISED, 403: {"description": "Not a tablet token"}})
    def staff_presence(body: help_requests.PresenceIn,
                       tablet: Annotated[AuthRecord, Depends(tablet_caller)]) -> Any:
        """A tablet's heartbeat: who is signed in on it now (null: nobody).

        Send it at least every ``PRESENCE_TTL`` seconds (90) while someone is signed in.
        """
        return help_requests.heartbeat(storage, tablet, body)

    @app.get("/v1/public-key", response_model=models.PublicKey)
    def get_public_key() -> models.PublicKey:
        """Head office's X25519 public key, to seal erasure requests for it."""
        return models.PublicKey(public_key=storage.public_key)

    @app.get("/v1/stats", response_model=models.Stats)
    def get_stats() -> Any:
        """Counts per kiosk (events stored, duplicates ignored, ...); no personal data."""
        return storage.stats()

    @app.post("/v1/admin/changes", response_model=models.PublishOut, responses={
        **_UNAUTHORISED, 403: {"description": "Not an operator token"},
        409: {"description": "The change names an erased customer"},
        422: {"description": "A change breaks the rules of its kind (the field is named)"}},
        openapi_extra=_wire_bodies("PublishIn"))
    async def publish(request: Request,
                      operator: Annotated[AuthRecord, Depends(operator_caller)]) -> Any:
        """Publish catalogue, price, stock, profile, revocation, consent or model changes.

        Each change is checked by the rules of its kind (``kiosk.hq.changes``),
        e.g. a revocation needs ``customer_id``: a 422 names the field.
        """
        body = await request.body()
        try:
            ids = await run_in_threadpool(_publish, storage, body)
        except InvalidChange as error:
            return JSONResponse({"detail": f"invalid request: {error}"}, status_code=422)
        except StorageError as error:
            raise HTTPException(409, str(error)) from None
        return models.PublishOut(ids=ids)

    @app.post("/v1/admin/changes/{change_id}/retract", response_model=models.RetractOut,
              responses={**_UNAUTHORISED, 403: {"description": "Not an operator token"},
                         404: {"description": "No change has this id"},
                         409: {"description": "An erasure cannot be retracted"}})
    def retract(change_id: Annotated[int, Path(ge=1, le=wire.MAX_SEQ)],
                operator: Annotated[AuthRecord, Depends(operator_caller)]) -> Any:
        """Stop serving a published change to kiosks; the retraction (who, when) is kept.

        Change ids stay in order, so no kiosk's cursor skips a change. Kiosks
        that downloaded it already keep its effect: publish a correcting change.
        """
        try:
            done = storage.retract(change_id, by=f"operator:{operator.name}")
        except UnknownChangeError as error:
            raise HTTPException(404, str(error)) from None
        except StorageError as error:
            raise HTTPException(409, str(error)) from None
        return models.RetractOut(**done)

    @app.get("/v1/erasure-key", response_model=models.ErasureKey, responses={
        **_UNAUTHORISED, 403: {"description": "Not a kiosk token"}})
    def get_erasure_key(kiosk: Annotated[AuthRecord, Depends(kiosk_caller)]) -> Any:
        """The key kiosks need to recognise an erased customer in an erasure change's digest."""
        return models.ErasureKey(erasure_key=storage.erasure_key)

    @app.post("/v1/admin/erasures", response_model=models.ErasureOut, responses={
        **_UNAUTHORISED, 403: {"description": "Not an operator token"}})
    def erase(body: models.ErasureIn,
              operator: Annotated[AuthRecord, Depends(operator_caller)]) -> models.ErasureOut:
        """Erase a customer at head office and tell every kiosk to erase them."""
        erased = storage.erase(body.customer_id, origin=f"operator:{operator.name}")
        return models.ErasureOut(erased=erased, already_erased=not erased)

    @app.get("/report", response_class=HTMLResponse)
    def report_page() -> str:
        """Events per store and day, engagement by recommender (server-rendered HTML)."""
        return report.render(storage)

    @app.get("/healthz")
    def health() -> dict[str, str]:
        return {"status": "ok", "backend": storage.backend}

    app.openapi = lambda: _openapi(app, [  # type: ignore[method-assign]
        (route, route_policy(route, roles)) for route in app.routes if isinstance(route, APIRoute)])
    app.add_middleware(BodyGuard, limits=limits, authenticate=authenticate,
                       routes=app.router.routes, roles=roles)
    spec = os.environ.get("KIOSK_HQ_FAULTS", "")
    if faults_from_env and spec:
        app.add_middleware(FaultInjector, **faults.parse(spec))
    return app


def app_from_env() -> FastAPI:
    """The app over ``$KIOSK_HQ_DATABASE``: what each worker of ``serve --workers N`` runs."""
    from kiosk.hq.storage import open_storage

    return create_app(open_storage(os.environ.get("KIOSK_HQ_DATABASE") or None))
