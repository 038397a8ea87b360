"""Built-in plugin: ``kiosk catalogue enrich`` (themes and colours from product names)."""

from __future__ import annotations

import click

from kiosk import hookimpl


@hookimpl
def kiosk_register_commands(cli: click.Group) -> None:
    cli.add_command(_catalogue_group())


def _catalogue_group() -> click.Group:
    from kiosk.cli import db_option, echo_json, json_option, open_kiosk

    @click.group("catalogue")
    def catalogue() -> None:
        """The product catalogue: themes and colours."""

    @catalogue.command("enrich")
    @db_option
    @json_option
    @click.pass_context
    def enrich_command(ctx: click.Context, db_path: str | None, as_json: bool) -> None:
        """Give every product a theme and its colours; report the share that got one."""
        from kiosk.catalogue import THEMES, enrich

        kiosk = open_kiosk(ctx, db_path)
        try:
            report = enrich(kiosk)
        finally:
            kiosk.close()
        if as_json:
            echo_json(report.to_dict())
            return
        click.echo(f"{report.products:,} products: {report.theme_share:.1%} got a theme, "
                   f"{report.colour_share:.1%} a colour ({report.changed:,} updated)")
        for key, count in report.by_theme.items():
            click.echo(f"  {THEMES.get(key, key):<26} {count:>6,}")

    @catalogue.command("themes")
    @json_option
    def themes_command(as_json: bool) -> None:
        """List the themes shoppers can choose from."""
        from kiosk.catalogue import THEMES

        if as_json:
            echo_json(THEMES)
            return
        for key, name in THEMES.items():
            click.echo(f"{key:<24} {name}")

    return catalogue
