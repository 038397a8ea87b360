"""Built-in plugin: ``kiosk demo``, a demo store from the bundled sample.

``kiosk demo --db FILE`` builds it (``make run`` does this first);
``kiosk demo --chain DIR`` builds a chain of two stores and head office from it and
opens both kiosks (``make demo-chain``; ``kiosk.demo_chain``);
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
    @click.option("--chain", "chain_dir", type=click.Path(file_okay=False),
                  help="Build a demo chain in this folder instead: head office and a kiosk "
                       "in each of two stores; then open them (see --no-open).")
    @click.option("--no-open", is_flag=True,
                  help="With --chain: build only; do not start head office and the kiosks.")
    @click.option("--port", type=click.IntRange(1, 65535), default=None,
                  help="With --chain: head office's port (default: the last build's, else "
                       "8700 if free, else a free one).")
    @click.option("--cards", "cards_only", is_flag=True,
                  help="Only print the demo shoppers' codes and card images, and how to "
                       "scan one without a scanner (make run does).")
    @json_option
    @click.pass_context
    def demo(ctx: click.Context, db_path: str | None, make_sample: bool, source: str | None,
             chain_dir: str | None, no_open: bool, port: int | None, cards_only: bool,
             as_json: bool) -> None:
        """Build the demo store from the bundled sample (safe to run again).

        With --chain DIR, a chain of stores instead: head office holding the
        tills of two stores, a kiosk in each, demo shoppers enrolled at store 1
        whose cards work in both; then head office and both kiosks' windows run
        until the windows close or Ctrl-C.
        """
        from kiosk import demo as demo_module

        if chain_dir is not None:
            if db_path or make_sample:
                raise click.UsageError("--chain builds its own databases: leave out --db "
                                       "and --make-sample")
            _demo_chain(chain_dir, no_open=no_open, port=port, as_json=as_json)
            return
        if no_open or port is not None:
            raise click.UsageError("--no-open and --port go with --chain DIR")
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
        if cards_only:
            kiosk = open_kiosk(ctx, db_path)
            try:
                shoppers = demo_module.shoppers_cards(kiosk)
            finally:
                kiosk.close()
            if as_json:
                echo_json(shoppers)
            else:
                click.echo("\n".join(demo_module.card_lines(shoppers)))
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


def _demo_chain(chain_dir: str, *, no_open: bool, port: int | None, as_json: bool) -> None:
    from kiosk import demo_chain
    from kiosk.cli import echo_json

    def say(line: str) -> None:
        click.echo(line, err=True)

    try:
        summary = demo_chain.build_chain(chain_dir, port=port, say=say)
    except (demo_chain.ChainError, FileNotFoundError) as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        echo_json(summary)
    else:
        click.echo(f"Demo chain in {summary['root']}")
        hq = summary["head_office"]
        click.echo(f"  head office: {hq['database']} (key file {hq['key_file']})")
        for store_id, store in summary["stores"].items():
            click.echo(f"  {store['name']} ({store_id}): {store['config']}")
    if not as_json:
        for line in demo_chain.walk_through(summary, opening=not no_open):
            click.echo(line)
    if no_open:
        if not as_json:
            click.echo(f"Open it with: kiosk demo --chain {chain_dir}")
        return
    try:
        code = demo_chain.open_chain(chain_dir, port=port, say=say)
    except demo_chain.ChainError as error:
        raise click.ClickException(str(error)) from None
    if code:
        raise SystemExit(code)
