"""Built-in plugin: ``kiosk simulate``, realistic shopper traffic into the outbox."""

from __future__ import annotations

from typing import Any

import click

from kiosk import hookimpl


@click.command("simulate")
@click.option("--events", "n_events", type=click.IntRange(0, None), required=True,
              help="How many events to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--days", type=click.IntRange(1, 365), default=7, show_default=True,
              help="Spread the sessions over this many past days.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="The kiosk's SQLite database (default: the config's 'database').")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def simulate_command(ctx: click.Context, n_events: int, seed: int, days: int,
                     db_path: str | None, as_json: bool) -> None:
    """Write shopper sessions (scans, impressions, saves, not-for-me) into the outbox."""
    from kiosk.cli import echo_json, open_kiosk
    from kiosk.sync.simulate import NothingToSimulate, simulate

    kiosk = open_kiosk(ctx, db_path)
    try:
        result = simulate(kiosk, n_events, seed=seed, days=days)
    except NothingToSimulate as error:
        raise click.ClickException(str(error)) from None
    finally:
        kiosk.close()
    if as_json:
        echo_json(result)
        return
    click.echo(f"{result['events']:,} events in {result['sessions']:,} sessions "
               f"({result['identified_sessions']:,} identified, from "
               f"{result['customers_available']:,} consenting customers and "
               f"{result['products']:,} products)")


@hookimpl
def kiosk_register_commands(cli: Any) -> None:
    cli.add_command(simulate_command)
