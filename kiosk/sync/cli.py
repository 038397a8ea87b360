"""``kiosk sync``: sync now, in a loop, or show the sync state."""

from __future__ import annotations

import signal
import sys
from typing import Any

import click

from kiosk.cli import db_option, echo_json, json_option, open_kiosk


def _print_result(result: dict[str, Any]) -> None:
    if result["ok"]:
        click.echo(f"synced: {result['uploaded']:,} events sent "
                   f"({result['duplicates']:,} already at head office), "
                   f"{result['quarantined']:,} quarantined, "
                   f"{result['changes_applied']:,} changes applied; "
                   f"{result['queue_depth']:,} still queued")
    else:
        click.echo(f"sync failed: {result['error']} ({result['queue_depth']:,} queued)", err=True)


@click.group("sync", invoke_without_command=True)
@click.option("--once", is_flag=True, help="Sync once and exit (default: keep syncing).")
@click.option("--interval", type=float, default=None,
              help="Seconds between syncs in the loop (default: [plugins.sync] interval).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=None,
              help="Events per batch (default: [plugins.sync] batch_size).")
@db_option
@json_option
@click.pass_context
def sync_command(ctx: click.Context, once: bool, interval: float | None,
                 batch_size: int | None, db_path: str | None, as_json: bool) -> None:
    """Send the outbox to head office and apply its changes.

    Without --once, keeps syncing (batches by size and time, backoff with
    jitter when head office cannot be reached) until stopped.
    """
    if ctx.invoked_subcommand is not None:
        return
    kiosk = open_kiosk(ctx, db_path)
    try:
        service = kiosk.sync
        if interval is not None:
            service.interval = service.max_wait = max(0.01, interval)
        if batch_size is not None:
            service.batch_size = batch_size
        if once:
            result = service.run_once()
            echo_json(result) if as_json else _print_result(result)
            if not result["ok"]:
                ctx.exit(1)
            return

        def report(result: dict[str, Any]) -> None:
            if as_json:
                echo_json(result)
            elif result.get("batches") or result.get("changes_applied") or not result["ok"]:
                _print_result(result)

        def stop(signum: int, frame: Any) -> None:
            service.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        service.run_forever(on_result=report)
    finally:
        kiosk.close()


@sync_command.command("status")
@db_option
@json_option
@click.pass_context
def sync_status(ctx: click.Context, db_path: str | None, as_json: bool) -> None:
    """Last success, queue depth, quarantined batches and dropped events."""
    kiosk = open_kiosk(ctx, db_path)
    try:
        status = kiosk.sync.status()
    finally:
        kiosk.close()
    if as_json:
        echo_json(status)
        return
    click.echo(f"Head office:      {status['hq_url'] or 'not configured'}")
    click.echo(f"Last success:     {status['last_success'] or 'never'}")
    if status["last_error"]:
        click.echo(f"Last error:       {status['last_error']} "
                   f"({status['failures']} failure(s) in a row)")
    click.echo(f"Queued events:    {status['queue_depth']:,}"
               + (f" (oldest {status['oldest_pending']})" if status["oldest_pending"] else ""))
    click.echo(f"Quarantined:      {status['quarantined']:,} event(s) in "
               f"{len(status['quarantine'])} batch(es)")
    for q in status["quarantine"]:
        click.echo(f"  #{q['id']}  {q['events']} events (seq {q['first_seq']}-{q['last_seq']}), "
                   f"HTTP {q['status']}: {q['reason']}  [{q['at']}]")
    click.echo(f"Changes set aside: {status['changes_quarantined']:,} of head office's "
               "changes could not be applied here")
    for c in status["changes_quarantine"]:
        click.echo(f"  #{c['id']}  {c['kind']}: {c['reason']}  [{c['at']}]")
    click.echo(f"Dropped (budget): {status['dropped']:,} analytics event(s)")
    click.echo(f"Outbox size:      {status['outbox_bytes']:,} of "
               f"{status['outbox_budget_bytes']:,} bytes")


@sync_command.command("release")
@click.argument("quarantine_id", type=int, required=False)
@db_option
@click.pass_context
def sync_release(ctx: click.Context, quarantine_id: int | None, db_path: str | None) -> None:
    """Queue quarantined events again (all, or one quarantined batch by its #id)."""
    kiosk = open_kiosk(ctx, db_path)
    try:
        count = kiosk.sync.release_quarantine(quarantine_id)
    finally:
        kiosk.close()
    click.echo(f"{count:,} event(s) queued again")


@sync_command.command("bootstrap")
@db_option
@json_option
@click.pass_context
def sync_bootstrap(ctx: click.Context, db_path: str | None, as_json: bool) -> None:
    """Load this new device with its store's data from head office, in bulk.

    Catalogue, stock, customers, cards, histories and models: head office's feed
    compacted to what the device needs. Interrupted, it resumes where it stopped
    on the next run (or the next sync). A progress bar goes to stderr.
    """
    from kiosk.sync.bootstrap import BootstrapRefused, bootstrap
    from kiosk.sync.service import SyncNotConfigured
    from kiosk.sync.transport import TransportError

    kiosk = open_kiosk(ctx, db_path)
    try:
        try:
            transport = kiosk.sync.transport()
            if as_json:
                result = bootstrap(kiosk, transport)
            else:
                with click.progressbar(length=1, label="Bootstrapping", file=sys.stderr,
                                       show_eta=True, show_pos=True) as bar:
                    def progress(done: int, total: int) -> None:
                        bar.length = max(total, 1)
                        bar.update(done - bar.pos)

                    result = bootstrap(kiosk, transport, progress=progress)
        except (BootstrapRefused, SyncNotConfigured, TransportError) as error:
            raise click.ClickException(str(error)) from None
    finally:
        kiosk.close()
    if as_json:
        echo_json(result)
        return
    click.echo(f"bootstrapped: {result['applied']:,} changes applied, "
               f"{result['quarantined']:,} set aside, cursor {result['bootstrap_cursor']} "
               f"({result['bootstrap_seconds']:.1f} s)")
