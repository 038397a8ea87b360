"""Staff notes about a shopper: ``note:ID`` fields of their record (``kiosk.chain``).

A note is ``{"text", "author", "at"}``; written through the device's
``ProfileBook``, it travels to head office and every device of the chain, and
the shopper reads it in My data. Removing one writes null (gone everywhere).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from kiosk.chain import MAX_NOTE, note_field
from kiosk.store.times import utcnow

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def clean_text(text: Any) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"text: the note, 1 to {MAX_NOTE} characters")
    text = text.strip()
    if len(text) > MAX_NOTE:
        raise ValueError(f"text: at most {MAX_NOTE} characters")
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise ValueError("text: no control characters")
    return text


def listed(kiosk: Kiosk, customer_id: str) -> list[dict[str, Any]]:
    """The shopper's notes, newest first: ``{"id", "text", "by", "at"}``."""
    found = [{"id": note_id, "text": value.get("text"), "by": value.get("author"),
              "at": value.get("at")}
             for note_id, value in kiosk.privacy.profile.notes(customer_id).items()
             if isinstance(value, dict)]
    return sorted(found, key=lambda n: (str(n["at"] or ""), n["id"]), reverse=True)


def add(kiosk: Kiosk, customer_id: str, text: str, author: str) -> str:
    note_id = secrets.token_hex(6)
    _write(kiosk, customer_id, note_id, {"text": clean_text(text), "author": author,
                                         "at": utcnow()})
    return note_id


def edit(kiosk: Kiosk, customer_id: str, note_id: str, text: str, author: str) -> None:
    known = kiosk.privacy.profile.notes(customer_id).get(str(note_id))
    if known is None:
        raise LookupError("note_id: no note with that id for this customer")
    _write(kiosk, customer_id, str(note_id), {"text": clean_text(text), "author": author,
                                              "at": utcnow()})


def remove(kiosk: Kiosk, customer_id: str, note_id: str) -> None:
    if str(note_id) not in kiosk.privacy.profile.notes(customer_id):
        raise LookupError("note_id: no note with that id for this customer")
    _write(kiosk, customer_id, str(note_id), None)


def _write(kiosk: Kiosk, customer_id: str, note_id: str, value: dict[str, Any] | None) -> None:
    with kiosk.transaction():
        kiosk.privacy.profile.record(customer_id, {note_field(note_id): value}, by="staff")
