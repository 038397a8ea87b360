"""Built-in plugin: the ``kiosk run`` and ``kiosk staff`` commands.

The Qt user interface is imported inside ``run`` only, so the core and
every other command never load PySide6. The staff tables are core
(``kiosk.store.staff``).
"""

from __future__ import annotations

from typing import Any

import click

from kiosk import hookimpl


@hookimpl
def kiosk_register_commands(cli: click.Group) -> None:
    # kiosk.cli imports the plugins while it loads, so its helpers are taken here.
    for command in _commands():
        cli.add_command(command)


@hookimpl
def kiosk_register_settings() -> list[Any]:
    from kiosk.clienteling.settings import SECTION, StaffSettings
    from kiosk.settings import SettingsSection

    return [SettingsSection(SECTION, StaffSettings,
                            "staff tablets: idle lock, lapsing factor, high-value share")]


def _has_staff(accounts) -> bool:
    """True if staff accounts exist, or if the database is too damaged to tell (the
    window then goes out of order at once, and must stay locked)."""
    import sqlite3

    from kiosk.store.health import is_damage

    try:
        return accounts.has_accounts()
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        return True


def _run_staff(kiosk, windowed: bool, has_staff: bool) -> int:
    """The staff tablet app on ``kiosk`` (closes it when the app ends)."""
    if not has_staff:
        click.echo("No staff account yet, so nobody can sign in. Add one with "
                   "'kiosk staff add NAME'.", err=True)
    try:
        from kiosk.ui.app import run_staff
    except ImportError as error:
        kiosk.close()
        raise click.ClickException(f"the staff app needs PySide6: {error}") from None
    return run_staff(kiosk, windowed=windowed)


def _commands() -> list[click.Command]:
    from kiosk.cli import db_option, echo_json, json_option, open_kiosk

    @click.command()
    @db_option
    @click.option("--windowed", is_flag=True,
                  help="A normal window instead of full-screen kiosk mode (development).")
    @click.option("--staff", "staff_app", is_flag=True,
                  help="Open the staff tablet app instead (also: mode = \"staff\" in config).")
    @click.pass_context
    def run(ctx: click.Context, db_path: str | None, windowed: bool, staff_app: bool) -> None:
        """Open the shopper's kiosk (full screen; leaving needs a staff PIN), or with
        --staff the staff tablet app (each member of staff signs in with their PIN).

        A database too damaged to open shows the out-of-order screen instead.
        """
        from kiosk.cli import KioskContext, StoreDamaged
        from kiosk.identity.device import KeyFileError
        from kiosk.store.health import Damage

        try:
            kiosk = open_kiosk(ctx, db_path)
        except StoreDamaged as error:
            click.echo(error.message, err=True)
            from kiosk.ui.app import run_out_of_order

            ctx.exit(run_out_of_order(error.damage, ctx.find_object(KioskContext).config,
                                      windowed=windowed))
        try:
            kiosk.identity  # noqa: B018  (checks the key file: cards cannot work without it)
        except KeyFileError as error:
            click.echo(f"Error: {error}", err=True)
            kiosk.close()
            from kiosk.ui.app import run_out_of_order

            damage = Damage(str(kiosk.store.path), "key_file", str(error))
            ctx.exit(run_out_of_order(damage, kiosk.config, windowed=windowed))
        from kiosk.staff import StaffAccounts

        if staff_app or kiosk.config.mode == "staff":
            ctx.exit(_run_staff(kiosk, windowed, _has_staff(StaffAccounts(kiosk.db))))
        if not windowed and not _has_staff(StaffAccounts(kiosk.db)):
            # Kiosk mode that anyone could leave would only pretend to be locked.
            click.echo("No staff account yet, so the kiosk opens in a window instead of "
                       "locked full-screen mode. Add one with 'kiosk staff add NAME'.", err=True)
            windowed = True
        try:
            from kiosk.ui.app import run_kiosk
        except ImportError as error:
            kiosk.close()
            raise click.ClickException(f"the kiosk screen needs PySide6: {error}") from None
        code = run_kiosk(kiosk, windowed=windowed)
        ctx.exit(code)


    @click.group()
    def staff() -> None:
        """Staff accounts whose PIN lets staff leave kiosk mode."""


    @staff.command("add")
    @click.argument("name")
    @click.option("--role", type=click.Choice(["associate", "manager"]), default="associate",
                  show_default=True,
                  help="associate: their own clients; manager: assigns anyone, reads the audit.")
    @db_option
    @click.pass_context
    def staff_add(ctx: click.Context, name: str, role: str, db_path: str | None) -> None:
        """Create a staff account (or set a new PIN and role); asks for the PIN twice, hidden."""
        from kiosk.staff import StaffAccounts, StaffError, check_pin_format

        def valid_pin(value: str) -> str:
            try:
                check_pin_format(value)
            except StaffError as error:
                raise click.BadParameter(str(error)) from None
            return value

        pin = click.prompt("PIN", hide_input=True, confirmation_prompt="Repeat the PIN",
                           value_proc=valid_pin)
        kiosk = open_kiosk(ctx, db_path)
        try:
            StaffAccounts(kiosk.db).add(name, pin, role)
        except StaffError as error:
            raise click.ClickException(str(error)) from None
        finally:
            kiosk.close()
        click.echo(f"Staff account {name!r} saved ({role}).")


    @staff.command("remove")
    @click.argument("name")
    @db_option
    @click.pass_context
    def staff_remove(ctx: click.Context, name: str, db_path: str | None) -> None:
        """Delete a staff account."""
        from kiosk.staff import StaffAccounts

        kiosk = open_kiosk(ctx, db_path)
        try:
            removed = StaffAccounts(kiosk.db).remove(name)
        finally:
            kiosk.close()
        if not removed:
            raise click.ClickException(f"no staff account named {name!r}")
        click.echo(f"Staff account {name!r} removed.")


    @staff.command("list")
    @db_option
    @json_option
    @click.pass_context
    def staff_list(ctx: click.Context, db_path: str | None, as_json: bool) -> None:
        """The staff accounts and their roles (never the PINs)."""
        from kiosk.staff import StaffAccounts

        kiosk = open_kiosk(ctx, db_path)
        try:
            roles = StaffAccounts(kiosk.db).roles()
        finally:
            kiosk.close()
        if as_json:
            echo_json([{"name": name, "role": role} for name, role in sorted(roles.items())])
            return
        for name, role in sorted(roles.items()):
            click.echo(f"{name}\t{role}")
        if not roles:
            click.echo("No staff accounts yet: add one with 'kiosk staff add NAME'.")

    @staff.command("pick")
    @click.argument("customer_id")
    @click.argument("sku")
    @click.option("--by", "by", required=True, metavar="NAME",
                  help="The staff member picking it (shown to the shopper).")
    @click.option("--note", default="", metavar="TEXT",
                  help="A word for the shopper, e.g. \"For your daughter's party\".")
    @click.option("--remove", is_flag=True, help="Withdraw the pick instead.")
    @db_option
    @click.pass_context
    def staff_pick(ctx: click.Context, customer_id: str, sku: str, by: str, note: str,
                   remove: bool, db_path: str | None) -> None:
        """Pick SKU for CUSTOMER_ID: it shows on their next scan at any kiosk of the chain.

        Only for shoppers who agreed to staff keeping a profile (staff_profile).
        """
        from kiosk.clienteling import curate
        from kiosk.clienteling.gate import NoStaffConsent

        kiosk = open_kiosk(ctx, db_path)
        try:
            if remove:
                curate.remove_pick(kiosk, customer_id, sku)
            else:
                curate.add_pick(kiosk, customer_id, sku, by, note)
        except (NoStaffConsent, ValueError) as error:
            raise click.ClickException(str(error)) from None
        finally:
            kiosk.close()
        click.echo("Staff pick removed." if remove else
                   "Staff pick saved; it reaches every kiosk of the chain on the next sync.")

    @staff.command("show")
    @click.argument("customer_id")
    @click.option("--by", "by", required=True, metavar="NAME",
                  help="The staff member looking (audited; the shopper sees it in My data).")
    @db_option
    @click.pass_context
    def staff_show(ctx: click.Context, customer_id: str, by: str, db_path: str | None) -> None:
        """The customer page of CUSTOMER_ID as JSON (only with their staff_profile consent)."""
        from kiosk.clienteling.gate import NoStaffConsent
        from kiosk.clienteling.page import customer_page

        kiosk = open_kiosk(ctx, db_path)
        try:
            page = customer_page(kiosk, customer_id, staff=by.strip())
        except NoStaffConsent as error:
            raise click.ClickException(str(error)) from None
        finally:
            kiosk.close()
        echo_json(page)

    return [run, staff]
