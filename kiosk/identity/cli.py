"""``kiosk cards``: issue, verify, revoke and reissue loyalty cards; rotate keys.

Added to the command line by the built-in plugin ``plugins/loyalty_card.py``.
"""

from __future__ import annotations

import sys

import click

from kiosk.cli import db_option, echo_json, json_option, open_kiosk
from kiosk.identity.results import EXIT_CODES


@click.group()
def cards() -> None:
    """Issue, verify, revoke and reissue loyalty cards."""


def _save(kiosk, card, out: str | None) -> str | None:
    if not out:
        return None
    from kiosk.identity.card_image import render_card, save_card

    image = render_card(card.code, card.short_code, store_name=kiosk.config.store_name)
    try:
        return str(save_card(image, out))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--out") from None


def _print_card(kiosk, card, out: str | None, as_json: bool) -> None:
    saved = _save(kiosk, card, out)
    if as_json:
        echo_json({"code": card.code, "short_code": card.short_code, "key_id": card.key_id,
                   "image": saved})
        return
    click.echo(f"Code:       {card.code}")
    click.echo(f"Short code: {card.short_code}")
    if saved:
        click.echo(f"Card saved to {saved}")


def _card_command(action):
    from kiosk.identity.service import UnknownCustomer

    try:
        return action()
    except UnknownCustomer:
        raise click.ClickException("No customer with that id in this database.") from None


@cards.command("issue")
@click.argument("customer_id")
@click.option("--out", type=click.Path(dir_okay=False), help="Save the card as .png or .pdf.")
@db_option
@json_option
@click.pass_context
def issue(ctx, customer_id: str, out: str | None, db_path: str | None, as_json: bool) -> None:
    """Issue a new card to CUSTOMER_ID (earlier cards stay valid; see reissue)."""
    kiosk = open_kiosk(ctx, db_path)
    try:
        card = _card_command(lambda: kiosk.identity.issue_card(customer_id))
        _print_card(kiosk, card, out, as_json)
    finally:
        kiosk.close()


@cards.command("reissue")
@click.argument("customer_id")
@click.option("--out", type=click.Path(dir_okay=False), help="Save the card as .png or .pdf.")
@db_option
@json_option
@click.pass_context
def reissue(ctx, customer_id: str, out: str | None, db_path: str | None,
            as_json: bool) -> None:
    """Replace a lost card: revoke CUSTOMER_ID's cards and issue a new one."""
    kiosk = open_kiosk(ctx, db_path)
    try:
        card = _card_command(lambda: kiosk.identity.reissue(customer_id))
        _print_card(kiosk, card, out, as_json)
    finally:
        kiosk.close()


@cards.command("revoke")
@click.argument("customer_id")
@click.option("--reason", default="lost", show_default=True)
@db_option
@json_option
@click.pass_context
def revoke(ctx, customer_id: str, reason: str, db_path: str | None, as_json: bool) -> None:
    """Refuse every card of CUSTOMER_ID from now on."""
    kiosk = open_kiosk(ctx, db_path)
    try:
        count = kiosk.identity.revoke(customer_id, reason=reason)
    finally:
        kiosk.close()
    if as_json:
        echo_json({"revoked": count})
    else:
        click.echo(f"{count} card(s) revoked." if count else "No valid card to revoke.")


@cards.command("verify")
@click.argument("code")
@db_option
@json_option
@click.pass_context
def verify(ctx, code: str, db_path: str | None, as_json: bool) -> None:
    """Check CODE (long or short form). Exit 0 ok, 3 unknown, 4 revoked, 5 forged, 6 malformed."""
    kiosk = open_kiosk(ctx, db_path)
    try:
        verdict = kiosk.identity.verify(code)
    finally:
        kiosk.close()
    if as_json:
        echo_json({"status": verdict.status, "form": verdict.form, "key_id": verdict.key_id,
                   "customer_id": verdict.customer_id})
    else:
        text = {"ok": "ok: a valid card", "unknown": "unknown: no such card here",
                "revoked": "revoked: this card was replaced or cancelled",
                "forged": "forged: the signature does not match",
                "malformed": "malformed: not a loyalty code"}[verdict.status]
        click.echo(text)
    sys.exit(EXIT_CODES[verdict.status])


@cards.command("rotate-key")
@db_option
@click.pass_context
def rotate_key(ctx, db_path: str | None) -> None:
    """Sign new cards with a fresh key; cards signed with older keys stay valid."""
    kiosk = open_kiosk(ctx, db_path)
    try:
        key_id = kiosk.identity.rotate_key()
    finally:
        kiosk.close()
    click.echo(f"New cards are now signed with key {key_id}.")


@cards.command("keys")
@db_option
@json_option
@click.pass_context
def keys(ctx, db_path: str | None, as_json: bool) -> None:
    """List signing key ids and how many cards each signed (secrets are never shown)."""
    kiosk = open_kiosk(ctx, db_path)
    try:
        rows = kiosk.identity.keys()
    finally:
        kiosk.close()
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        state = f"retired {row['retired']}" if row["retired"] else "signing"
        click.echo(f"key {row['key_id']}: created {row['created']}, {state}, "
                   f"{row['cards']} card(s)")
