"""The privacy service (``kiosk.privacy``): consent, the shopper's data, erasure.

Every write is one transaction with its outbox event. Nothing here logs a
customer id or a name.
"""

from __future__ import annotations

import json
import logging
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from kiosk.chain import FIRST_NAME, PAUSED, consent_field, exclusion_field, preference_field
from kiosk.events import utcnow
from kiosk.privacy import erasure
from kiosk.privacy.profile import ProfileBook
from kiosk.privacy.purposes import PURPOSES
from kiosk.store import catalogue, customers, meta, purchases
from kiosk.store import staff as staff_store
from kiosk.store.customers import UnknownCustomer
from kiosk.store.erasure import delete_person

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

PREFERENCE_SOURCES = ("shopper", "staff", "inferred")
ERASURE_ORIGINS = ("shopper", "staff", "hq")
MAX_NAME_LENGTH = 40

__all__ = ["Enrolment", "PrivacyService", "UnknownCustomer", "clean_first_name"]


@dataclass(frozen=True, slots=True)
class Enrolment:
    customer_id: str
    code: str
    short_code: str

    def __repr__(self) -> str:
        return "Enrolment(...)"


def clean_first_name(first_name: str | None) -> str | None:
    """The name as given, trimmed; None for empty; ValueError if it cannot be a name."""
    if first_name is None:
        return None
    if not isinstance(first_name, str):
        raise ValueError("a first name must be text")
    name = " ".join(first_name.split())
    if not name:
        return None
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"a first name can be at most {MAX_NAME_LENGTH} characters")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise ValueError("a first name cannot contain control characters")
    return name


def editor(source: str) -> str:
    """Who made an edit, for the record: staff, or the shopper (any other source)."""
    return "staff" if source == "staff" else "shopper"


def _check_purpose(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}; purposes: {', '.join(PURPOSES)}")


class PrivacyService:
    def __init__(self, kiosk: Kiosk):
        self.kiosk = kiosk
        # The shopper at the kiosk now and the card they scanned: every edit of
        # their record seals it as the proof of presence head office asks for.
        # In memory only, and only for the session (``present`` / ``gone``).
        self._present: tuple[str, str] | None = None

    def present(self, customer_id: str, card_code: str) -> None:
        """``customer_id`` scanned ``card_code`` at this kiosk: their edits carry it as proof."""
        self._present = (customer_id, card_code)

    def gone(self) -> None:
        """The session ended: forget the shopper and their card."""
        self._present = None

    def presence_proof(self, customer_id: str) -> str | None:
        """The card ``customer_id`` scanned in the current session, if they are here."""
        present = self._present
        return present[1] if present is not None and present[0] == customer_id else None

    @cached_property
    def profile(self) -> ProfileBook:
        """The shopper's record on this device: stamped edits, head office's merged in."""
        return ProfileBook(self.kiosk)

    # -- consent ------------------------------------------------------------

    def _require_customer(self, customer_id: str) -> tuple[Any, ...]:
        return customers.require(self.kiosk.db, customer_id)

    def consents(self, customer_id: str) -> dict[str, bool | None]:
        """The latest answer for each purpose (None: never asked)."""
        latest: dict[str, bool | None] = dict.fromkeys(PURPOSES)
        for purpose, granted in customers.answers(self.kiosk.db, customer_id):
            if purpose in latest:
                latest[purpose] = bool(granted)
        return latest

    def consented(self, customer_id: str | None, purpose: str) -> bool:
        """True only if the latest answer is yes (and, for personalisation, not paused)."""
        _check_purpose(purpose)
        if customer_id is None:
            return False
        if not customers.latest_answer(self.kiosk.db, customer_id, purpose):
            return False
        return not (purpose == "personalisation" and self.is_paused(customer_id))

    def consent_needed(self, customer_id: str) -> bool:
        """True for a customer who was never asked (e.g. imported from the till)."""
        return not customers.was_asked(self.kiosk.db, customer_id)

    def set_consent(self, customer_id: str, purpose: str, granted: bool,
                    source: str = "kiosk", *, card_code: str | None = None) -> None:
        """Record a yes or a no (appended to the log; earlier answers stay)."""
        self.set_consents(customer_id, {purpose: granted}, source, card_code=card_code)

    def set_consents(self, customer_id: str, answers: dict[str, bool],
                     source: str = "kiosk", *, card_code: str | None = None) -> None:
        """Record several answers at once, in one transaction.

        Each answer is also an edit of the shopper's record (``profile_edit``,
        stamped), unless it came from head office (source "hq"). The shopper's
        card (``card_code``) is the proof head office needs to take an answer
        into the record and pass a withdrawal on to every store.
        """
        for purpose in answers:
            _check_purpose(purpose)
        if not source or not isinstance(source, str):
            raise ValueError("a consent needs a source (kiosk, staff, till, ...)")
        with self.kiosk.transaction():
            self._require_customer(customer_id)
            edits = {} if source == "hq" else self.profile.record(
                customer_id, {consent_field(p): bool(g) for p, g in answers.items()},
                by=editor(source), card_code=card_code)
            self._log_answers(customer_id, answers, source, edits, card_code)

    def _log_answers(self, customer_id: str, answers: dict[str, bool], source: str,
                     edits: dict[str, dict[str, Any]], card_code: str | None) -> None:
        """Append the answers to the consent log, each with its ``consent_changed`` event.

        An answer that is also a record edit carries its stamp (``hlc``): head
        office takes it from the edit, not from this event.
        """
        db = self.kiosk.db
        at = utcnow()
        for purpose, granted in answers.items():
            customers.add_answer(db, customer_id, purpose, bool(granted), at, source)
            payload: dict[str, Any] = {"purpose": purpose, "granted": bool(granted),
                                       "source": source}
            edit = edits.get(consent_field(purpose))
            if edit is not None:
                payload["hlc"] = edit["hlc"]
            elif not granted and card_code:
                sealed, proven = self.sealed_request(customer_id, "withdraw", card_code,
                                                     purpose=purpose)
                if proven:
                    payload["proof"] = sealed
            self.kiosk.record_event("consent_changed", payload, customer_id=customer_id)

    def set_first_name(self, customer_id: str, first_name: str | None, source: str = "kiosk",
                       *, card_code: str | None = None) -> None:
        """Change (or, with None, remove) the shopper's first name; ``card_code`` is the
        proof head office needs to take it into the record."""
        name = clean_first_name(first_name)
        with self.kiosk.transaction() as db:
            self._require_customer(customer_id)
            customers.set_first_name(db, customer_id, name)
            self.profile.record(customer_id, {FIRST_NAME: name}, by=editor(source),
                                card_code=card_code)

    def is_paused(self, customer_id: str) -> bool:
        return customers.is_paused(self.kiosk.db, customer_id)

    def pause_personalisation(self, customer_id: str, paused: bool = True, *,
                              source: str = "kiosk", card_code: str | None = None) -> None:
        """Stop (or restart) personal recommendations without changing the consent."""
        with self.kiosk.transaction() as db:
            self._require_customer(customer_id)
            if paused:
                customers.pause(db, customer_id)
            else:
                customers.unpause(db, customer_id)
            self.profile.record(customer_id, {PAUSED: bool(paused)}, by=editor(source),
                                card_code=card_code)
            self.kiosk.record_event(
                "consent_changed", {"purpose": "personalisation", "paused": bool(paused)},
                customer_id=customer_id,
            )

    # -- enrolment ----------------------------------------------------------

    def enrol(self, first_name: str | None = None, consents: dict[str, bool] | None = None,
              source: str = "kiosk") -> Enrolment:
        """A new customer with a new card; every purpose is recorded, yes or no.

        The card comes from the loyalty scheme (``kiosk_issue_card``); without one,
        ``NoLoyaltyScheme`` is raised and nothing is written.
        """
        name = clean_first_name(first_name)
        answers = dict.fromkeys(PURPOSES, False)
        for purpose, granted in (consents or {}).items():
            _check_purpose(purpose)
            answers[purpose] = bool(granted)
        customer_id = "e" + secrets.token_hex(8)
        self.kiosk.identity.require_loyalty_scheme()
        with self.kiosk.transaction() as db:
            customers.add_enrolled(db, customer_id, name)
            self.kiosk.record_event("enrolled", {"source": source}, customer_id=customer_id)
            card = self.kiosk.identity.issue_enrolment_card(customer_id)
            # the new card, with its registration, proves the enrolment to head office
            fields: dict[str, Any] = {consent_field(p): g for p, g in answers.items()}
            if name is not None:
                fields[FIRST_NAME] = name
            edits = self.profile.record(customer_id, fields, by=editor(source),
                                        card_code=card.code)
            self._log_answers(customer_id, answers, source, edits, None)
        log.info("shopper enrolled at %s", source)
        return Enrolment(customer_id, card.code, card.short_code or "")

    # -- the shopper's data -------------------------------------------------

    def what_we_know(self, customer_id: str) -> dict[str, Any]:
        """Everything the kiosk holds about the customer, for "what we know about you"."""
        db = self.kiosk.db
        _, first_name, origin, created = self._require_customer(customer_id)
        history: dict[str, list[dict[str, Any]]] = {p: [] for p in PURPOSES}
        for purpose, granted, at, source in customers.consent_log(db, customer_id):
            history.setdefault(purpose, []).append(
                {"granted": bool(granted), "at": at, "source": source})
        consents = {
            purpose: {
                "title": PURPOSES[purpose].title if purpose in PURPOSES else purpose,
                "description": PURPOSES[purpose].description if purpose in PURPOSES else "",
                "granted": entries[-1]["granted"] if entries else None,
                "history": entries,
            }
            for purpose, entries in history.items()
        }
        preferences = [
            {"key": k, "value": v, "source": s, "updated": u}
            for k, v, s, u in customers.preferences_of(db, customer_id)
        ]
        lines = purchases.of_customer(db, customer_id)
        names = catalogue.names(db, (line[2] for line in lines))
        bought = [
            {"id": i, "invoice": inv, "sku": sku, "name": names.get(sku), "quantity": q,
             "price": p, "ts": ts, "excluded": bool(ex)}
            for i, inv, sku, q, p, ts, ex in lines
        ]
        return {
            "customer": {"id": customer_id, "first_name": first_name, "origin": origin,
                         "created": created},
            "consent_needed": not any(history.values()),
            "consents": consents,
            "personalisation_paused": self.is_paused(customer_id),
            "preferences": preferences,
            "purchases": bought,
            "cards": self.kiosk.identity.cards_of(customer_id),
            "notes": self.profile.notes(customer_id),
            "staff_views": [{"staff": staff, "store": store, "at": at}
                            for staff, store, at in staff_store.record_views(db, customer_id)],
        }

    def set_preference(self, customer_id: str, key: str, value: str,
                       source: str = "shopper", *, card_code: str | None = None) -> None:
        """Add or refresh one preference (e.g. key "theme", value "garden").

        Also an edit of the shopper's record; ``card_code`` is its proof.
        """
        if source not in PREFERENCE_SOURCES:
            raise ValueError(f"source must be one of {', '.join(PREFERENCE_SOURCES)}")
        key, value = str(key).strip(), str(value).strip()
        if not key or not value:
            raise ValueError("a preference needs a key and a value")
        with self.kiosk.transaction() as db:
            self._require_customer(customer_id)
            customers.set_preference(db, customer_id, key, value, source)
            self.kiosk.record_event("preference_changed", {"key": key, "action": "set",
                                                           "source": source},
                                    customer_id=customer_id)
            self.profile.record(customer_id, {preference_field(key, value): {"source": source}},
                                by=editor(source), card_code=card_code)

    def remove_preference(self, customer_id: str, key: str, value: str | None = None,
                          source: str = "shopper", *, card_code: str | None = None) -> int:
        """Remove one preference value, or every value of ``key``; returns how many.

        ``source`` says who removed it (shopper or staff), for the event.
        """
        with self.kiosk.transaction() as db:
            self._require_customer(customer_id)
            gone = [v for k, v, _, _ in customers.preferences_of(db, customer_id)
                    if k == key and (value is None or v == value)]
            removed = customers.remove_preferences(db, customer_id, key, value)
            if removed:
                self.kiosk.record_event("preference_changed",
                                        {"key": key, "action": "remove", "source": source},
                                        customer_id=customer_id)
                self.profile.record(customer_id,
                                    {preference_field(key, v): None for v in gone},
                                    by=editor(source), card_code=card_code)
            return removed

    def exclude_purchase(self, customer_id: str, purchase_id: int,
                         excluded: bool = True, *, source: str = "shopper",
                         card_code: str | None = None) -> None:
        """"Don't use this purchase for recommendations" (or use it again)."""
        with self.kiosk.transaction() as db:
            if not purchases.set_excluded(db, customer_id, purchase_id, excluded):
                raise LookupError("no such purchase for this customer")
            self.kiosk.record_event("preference_changed",
                                    {"action": "exclude_purchase", "excluded": bool(excluded)},
                                    customer_id=customer_id)
            line = next(r for r in purchases.of_customer(db, customer_id) if r[0] == purchase_id)
            self.profile.record(customer_id, {exclusion_field(line[1], line[2]): bool(excluded)},
                                by=editor(source), card_code=card_code)

    def note_reaction(self, customer_id: str, sku: str, kind: str, *,
                      card_code: str | None = None) -> None:
        """A shopper's "not for me" or save, as an edit of their record (inside the
        transaction that stored the feedback; ``kiosk.recommend``)."""
        field = {"not_for_me": "not_for_me", "save": "saved"}.get(kind)
        if field is not None:
            self.profile.record(customer_id, {f"{field}:{sku}": True}, by="shopper",
                                card_code=card_code)

    # -- erasure ------------------------------------------------------------

    def was_erased(self, customer_id: str) -> bool:
        """True if this id was erased here or at head office (an importer must not bring it back).

        ``privacy_erasures`` holds this kiosk's own digests and those of head
        office's erasures (under head office's erasure key, kept in ``meta``).
        """
        from kiosk.hq.changes import erased_id_digest

        db = self.kiosk.db
        digests = [erasure.erasure_digest(db, customer_id)]
        hq_key = meta.get(db, meta.HQ_ERASURE_KEY)
        if hq_key is not None:
            digests.append(erased_id_digest(hq_key, customer_id))
        return customers.any_erased(db, digests)

    def erase(self, customer_id: str, *, origin: str = "shopper",
              card_code: str | None = None) -> dict[str, Any]:
        """Remove everything of this person from the kiosk database; see ``erasure``.

        ``card_code``, the card the shopper scanned, lets head office erase them
        everywhere (``sealed_request``).
        """
        if origin not in ERASURE_ORIGINS:
            raise ValueError(f"origin must be one of {', '.join(ERASURE_ORIGINS)}")
        db = self.kiosk.db
        sealed, proven = (self.sealed_request(customer_id, "erase", card_code)
                          if origin != "hq" else (None, False))
        with self.kiosk.transaction() as tx:
            counts = delete_person(tx, customer_id)
            erasure.remember_erasure(tx, customer_id, origin)
            if origin != "hq":  # head office asked for it, so it knows already
                self.kiosk.record_event(
                    "erasure_requested", {"origin": origin, "sealed_subject": sealed})
        scrub = erasure.scrub_file(db, self.kiosk.store.path, customer_id)
        log.info("erasure carried out (origin %s, %d customer row(s), vacuumed %s)", origin,
                 counts["customers"], scrub["vacuumed"])
        return {"found": bool(counts["customers"]), "origin": origin, "deleted": counts,
                "sealed_for_hq": sealed is not None, "with_proof": proven, **scrub}

    def sealed_request(self, customer_id: str, action: str, card_code: str | None = None,
                       **details: Any) -> tuple[str | None, bool]:
        """A request about ``customer_id`` sealed for head office, and whether it has proof.

        Head office carries out an erasure, or passes a withdrawal on to every
        store, only with proof that the shopper was here: the card they scanned
        (``card_code``), checked against its card registry. Without it the
        request still reaches head office, which counts and refuses it.
        """
        seal = self.kiosk.sync.hq_sealer()
        if seal is None:
            return None, False
        subject: dict[str, Any] = {"customer_id": customer_id, "action": action, **details}
        presence = self.kiosk.identity.presence(customer_id, card_code, seal)
        if presence is not None:
            subject.update(presence)
        return seal(json.dumps(subject, separators=(",", ":"))), presence is not None
