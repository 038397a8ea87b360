"""``kiosk privacy``: purposes, a shopper's data and erasure, for staff.

Added to the command line by the built-in plugin ``plugins/privacy.py``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import click

from kiosk.cli import db_option, echo_json, json_option, open_kiosk
from kiosk.privacy import PURPOSES


@contextlib.contextmanager
def _editing(ctx: click.Context, db_path: str | None) -> Iterator[Any]:
    """The kiosk for one edit of a customer's data, closed after it; an unknown id or a
    refused value is a clean error naming what is wrong."""
    from kiosk.privacy.service import UnknownCustomer

    kiosk = open_kiosk(ctx, db_path)
    try:
        yield kiosk
    except UnknownCustomer:
        raise click.ClickException("No customer with that id in this database.") from None
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    finally:
        kiosk.close()

@click.group()
def privacy() -> None:
    """Consent purposes, a shopper's data, erasure (for staff handling requests)."""


@privacy.command("purposes")
@json_option
def purposes(as_json: bool) -> None:
    """What shoppers can agree to, in the words the kiosk shows."""
    if as_json:
        echo_json({p.key: {"title": p.title, "description": p.description}
                   for p in PURPOSES.values()})
        return
    for purpose in PURPOSES.values():
        click.echo(f"{purpose.key}: {purpose.title}\n    {purpose.description}")


@privacy.command("show")
@click.argument("customer_id")
@db_option
@json_option
@click.pass_context
def show(ctx, customer_id: str, db_path: str | None, as_json: bool) -> None:
    """Everything this kiosk holds about CUSTOMER_ID (a subject access request)."""
    from kiosk.privacy.service import UnknownCustomer

    kiosk = open_kiosk(ctx, db_path)
    try:
        known = kiosk.privacy.what_we_know(customer_id)
    except UnknownCustomer:
        raise click.ClickException("No customer with that id in this database.") from None
    finally:
        kiosk.close()
    if as_json:
        echo_json(known)
        return
    customer = known["customer"]
    click.echo(f"First name: {customer['first_name'] or '-'} (origin {customer['origin']})")
    for purpose, consent in known["consents"].items():
        answer = {True: "yes", False: "no", None: "never asked"}[consent["granted"]]
        click.echo(f"Consent {purpose}: {answer}")
    click.echo(f"Personalisation paused: {'yes' if known['personalisation_paused'] else 'no'}")
    click.echo(f"Preferences: {len(known['preferences'])}, purchases: "
               f"{len(known['purchases'])}, cards: {len(known['cards'])}")


@privacy.command("consent")
@click.argument("customer_id")
@click.argument("purpose")
@click.option("--grant/--withdraw", "granted", default=None,
              help="The shopper's answer, given in person.")
@click.option("--source", type=click.Choice(["staff"]), default="staff", show_default=True,
              help="Who took the answer.")
@click.option("--by", "by", required=True, metavar="NAME",
              help="The staff member who took the answer (audited).")
@click.option("--card", "card_code", metavar="CODE",
              help="The shopper's card, scanned in front of them: head office takes a grant "
                   "into the chain's record only with it (a withdrawal always counts).")
@db_option
@click.pass_context
def consent(ctx, customer_id: str, purpose: str, granted: bool | None, source: str, by: str,
            card_code: str | None, db_path: str | None) -> None:
    """Record CUSTOMER_ID's answer for PURPOSE, given in person to a member of staff."""
    from kiosk.chain import MAX_NAME
    from kiosk.store import staff as staff_store
    from kiosk.store.times import utcnow

    if granted is None:
        raise click.UsageError("say --grant or --withdraw")
    if not 0 < len(by.strip()) <= MAX_NAME:
        raise click.BadParameter(f"the staff member's name, 1 to {MAX_NAME} characters",
                                 param_hint="--by")
    if purpose not in PURPOSES:
        raise click.BadParameter(f"must be one of {', '.join(PURPOSES)}", param_hint="PURPOSE")
    # source staff: a staff edit (kiosk.hq.record says what head office asks of it)
    with _editing(ctx, db_path) as kiosk, kiosk.transaction() as db:
        kiosk.privacy.set_consent(customer_id, purpose, granted, source=source,
                                  card_code=card_code)
        staff_store.add_audit(db, utcnow(), by.strip(),
                              f"consent:{purpose}:{'grant' if granted else 'withdraw'}",
                              customer_id, kiosk.config.kiosk_id)
    click.echo("Consent granted." if granted else "Consent withdrawn.")


@privacy.command("prefer")
@click.argument("customer_id")
@click.argument("key")
@click.argument("value")
@click.option("--source", type=click.Choice(["shopper", "staff"]), default="staff",
              show_default=True, help="Who stated it.")
@click.option("--remove", is_flag=True, help="Remove this preference instead.")
@click.option("--card", "card_code", metavar="CODE",
              help="The shopper's card, scanned or typed in front of them: the proof head "
                   "office needs unless a device of this store issued one of their cards.")
@db_option
@click.pass_context
def prefer(ctx, customer_id: str, key: str, value: str, source: str, remove: bool,
           card_code: str | None, db_path: str | None) -> None:
    """Set (or --remove) a preference of CUSTOMER_ID, e.g. `theme garden`.

    It reaches head office and the shopper's profile in every store on the next sync.
    """

    with _editing(ctx, db_path) as kiosk:
        if remove:
            kiosk.privacy.remove_preference(customer_id, key, value, source,
                                            card_code=card_code)
        else:
            kiosk.privacy.set_preference(customer_id, key, value, source, card_code=card_code)
    click.echo("Preference removed." if remove else "Preference set.")


@privacy.command("erase")
@click.argument("customer_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--card", "card_code", metavar="CODE",
              help="The shopper's card (long or short code), scanned or typed in front of "
                   "them: head office erases them everywhere only with this proof.")
@db_option
@json_option
@click.pass_context
def erase(ctx, customer_id: str, yes: bool, card_code: str | None, db_path: str | None,
          as_json: bool) -> None:
    """Erase CUSTOMER_ID from this kiosk and queue an erasure request for head office.

    Head office carries the erasure out in every store only if the request
    proves the shopper was here (--card). Without it, ask head office to
    erase them (kiosk hq erase).
    """
    if not yes:
        click.confirm("Erase everything this kiosk holds about this customer?", abort=True)
    kiosk = open_kiosk(ctx, db_path)
    try:
        report = kiosk.privacy.erase(customer_id, origin="staff", card_code=card_code)
    finally:
        kiosk.close()
    if as_json:
        echo_json(report)
    elif report["found"]:
        if not report["sealed_for_hq"]:
            click.echo("Erased here. Head office's key is not known yet (sync first), so "
                       "head office cannot read the request: ask it to erase them too "
                       "(kiosk hq erase).")
        elif report["with_proof"]:
            click.echo("Erased here. The request, with the card as proof, is queued for "
                       "head office, which erases them in every store.")
        else:
            click.echo("Erased here. Without a valid card of this shopper as proof, head "
                       "office will not erase them elsewhere: ask it to (kiosk hq erase).")
    else:
        click.echo("No customer with that id here; any traces were removed.")
