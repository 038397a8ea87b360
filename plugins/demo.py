"""Built-in plugin: ``kiosk demo``, a demo store from the bundled sample.

``kiosk demo --db FILE`` builds it (``make run`` does this first);
``kiosk demo --make-sample`` regenerates assets/sample from the real data.
"""

from __future__ import annotations

import click

from kiosk import hookimpl


@hookimpl
def kiosk_register_commands(cli: click.Group) -> None:
    cli.add_command(_demo_command())


def _demo_command() -> click.Command:
    from kiosk.cli import db_option, echo_json, json_option, open_kiosk

    @click.command("demo")
    @db_option
    @click.option("--make-sample", is_flag=True,
                  help="Regenerate assets/sample from the UCI Online Retail file instead.")
    @click.option("--source", type=click.Path(dir_okay=False),
                  help="With --make-sample: the Online Retail file "
                       "(default ../shared/data/online_retail.csv.gz).")
    @json_option
    @click.pass_context
    def demo(ctx: click.Context, db_path: str | None, make_sample: bool, source: str | None,
             as_json: bool) -> None:
        """Build the demo store from the bundled sample (safe to run again)."""
        from kiosk import demo as demo_module

        if make_sample:
            try:
                result = demo_module.make_sample(source)
            except FileNotFoundError as error:
                raise click.ClickException(str(error)) from None
            if as_json:
                echo_json(result)
            else:
                click.echo(f"Wrote {result['path']}: {result['rows']:,} rows, "
                           f"{result['customers']} customers, {result['bytes']:,} bytes")
            return
        kiosk = open_kiosk(ctx, db_path)
        try:
            summary = demo_module.build_demo_store(kiosk)
        except FileNotFoundError as error:
            raise click.ClickException(str(error)) from None
        finally:
            kiosk.close()
        if as_json:
            echo_json(summary)
            return
        imported, stock, catalogue = summary["import"], summary["stock"], summary["catalogue"]
        click.echo(f"Demo store '{summary['store_name']}' in {summary['database']}")
        click.echo(f"  {imported['customers']:,} customers, {imported['products']:,} products, "
                   f"{imported['invoices']:,} invoices from the bundled sample")
        click.echo(f"  themes for {catalogue['theme_share']:.0%} of products, colours for "
                   f"{catalogue['colour_share']:.0%}")
        click.echo(f"  stock: {stock['in_stock']:,} products in stock, "
                   f"{stock['out_of_stock']:,} out of stock (SIMULATED)")
        click.echo(f"  Note: {stock['note']}")
        click.echo("Demo shoppers (fictional first names; type the short code on the keypad,")
        click.echo("or scan the card image with a scanner or the camera):")
        for shopper in summary["shoppers"]:
            click.echo(f"  {shopper['first_name']:<6} {shopper['short_code']}  "
                       f"card: {shopper['card']}")
        if summary["staff"]:
            click.echo(f"Staff PIN to leave kiosk mode (demo only): {summary['staff']['pin']}")

    return demo
