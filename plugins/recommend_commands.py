"""Command-line commands of the recommenders: train, evaluate, recommend-batch."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from kiosk import hookimpl


def _progress(enabled: bool):
    last = {"percent": -1}

    def report(fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if enabled and percent != last["percent"]:
            last["percent"] = percent
            click.echo(f"{percent:3d}% {message}", err=True)

    return report


def _date(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


@hookimpl(trylast=True)
def kiosk_register_commands(cli: click.Group) -> None:
    from kiosk.cli import db_option, echo_json, json_option, kiosk_context, open_kiosk

    @cli.command("train")
    @db_option
    @json_option
    @click.option("--quiet", is_flag=True, help="No progress lines.")
    @click.pass_context
    def train_command(ctx: click.Context, db_path: str | None, as_json: bool,
                      quiet: bool) -> None:
        """Fit every enabled recommender on the store and keep a new model version."""
        kiosk = open_kiosk(ctx, db_path)
        try:
            from kiosk.store import purchases

            if not purchases.any_purchases(kiosk.db):
                raise click.ClickException(
                    "the store has no purchases to learn from; import some first "
                    "(kiosk import FILE)")
            summary = kiosk.recommendations.train(progress=_progress(not quiet))
        finally:
            kiosk.close()
        if as_json:
            echo_json(summary)
            return
        click.echo(f"Trained model version {summary['version']} on "
                   f"{summary['purchases']:,} purchase lines "
                   f"({summary['window']['start'][:10]} to {summary['window']['end'][:10]}).")
        click.echo(f"Recommenders: {', '.join(summary['recommenders'])}")
        if summary["failed"]:
            click.echo(f"Failed (left out): {', '.join(summary['failed'])}")
        validation = summary["validation"]
        if "ndcg_at_10_all" in validation:
            click.echo(f"Validation NDCG@10: all items {validation['ndcg_at_10_all']}, "
                       f"new items {validation['ndcg_at_10_new']}")

    @cli.command("evaluate")
    @click.option("--cutoff", required=True, help="Train before this date (YYYY-MM-DD), "
                  "test on the purchases from it on.")
    @click.option("--k", "k", default=10, show_default=True, type=click.IntRange(1, 100))
    @db_option
    @json_option
    @click.pass_context
    def evaluate_command(ctx: click.Context, cutoff: str, k: int, db_path: str | None,
                         as_json: bool) -> None:
        """Time-split evaluation of every recommender, the blend and the baselines."""
        from kiosk.recommend.evaluation import evaluate
        from kiosk.recommend.registry import collect_recommenders
        from kiosk.recommend.snapshot import from_store
        from kiosk.recommend.types import day_number

        when = _date(cutoff)
        kiosk = open_kiosk(ctx, db_path)
        try:
            snapshot = from_store(kiosk.db)
            recommenders = collect_recommenders(kiosk.pm, None)
        finally:
            kiosk.close()
        cut = day_number(when)
        if not (snapshot.start < cut <= float(snapshot.end)):
            raise click.ClickException(
                f"the cutoff must fall inside the store's purchases "
                f"({snapshot.window()['start'][:10]} to {snapshot.window()['end'][:10]})")
        result = evaluate(snapshot, cut, recommenders, k=k, progress=_progress(not as_json))
        if result["test_customers"] == 0:
            raise click.ClickException("no customer bought both before and after the cutoff")
        if as_json:
            echo_json({"cutoff": cutoff, **result})
            return
        _print_table(result, k)

    @cli.command("recommend")
    @click.argument("customer_id")
    @click.option("--k", "k", default=12, show_default=True, type=click.IntRange(1, 100))
    @db_option
    @json_option
    @click.pass_context
    def recommend_command(ctx: click.Context, customer_id: str, k: int, db_path: str | None,
                          as_json: bool) -> None:
        """The shelves CUSTOMER_ID would see at this kiosk now (nothing is recorded)."""
        from kiosk.recommend.preview import preview

        kiosk = open_kiosk(ctx, db_path)
        try:
            shelves = preview(kiosk, customer_id, k=k)
        finally:
            kiosk.close()
        if as_json:
            echo_json({"shelves": shelves})
            return
        for shelf in shelves:
            click.echo(f"{shelf['key']}:")
            for pick in shelf["picks"]:
                click.echo(f"  {pick['sku']}  {pick['reason']['text']}")
        if not shelves:
            click.echo("No picks to show.")

    @cli.command("recommend-batch")
    @click.option("--train", "train_path", required=True,
                  type=click.Path(exists=True, dir_okay=False),
                  help="Transactions CSV (UCI or neutral layout, .gz allowed).")
    @click.option("--customers", "customers_path", required=True,
                  type=click.Path(exists=True, dir_okay=False), help="Customer ids, one a line.")
    @click.option("--k", "k", default=50, show_default=True, type=click.IntRange(1, 1000))
    @click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
                  help="Where to write customer_id,rank,sku,score,reason.")
    @click.option("--exclude-purchased", is_flag=True,
                  help="Only items the customer never bought (the \"New for you\" shelf).")
    @json_option
    @click.pass_context
    def batch_command(ctx: click.Context, train_path: str, customers_path: str, k: int,
                      out_path: str, exclude_purchased: bool, as_json: bool) -> None:
        """Train on a transactions CSV and write picks for listed customers (no database)."""
        from kiosk.importer import UnknownLayoutError
        from kiosk.recommend.batch import recommend_batch
        from kiosk.recommend.registry import collect_recommenders

        context = kiosk_context(ctx)
        context.config  # noqa: B018 - checks the whole config first
        pm = context.plugin_manager
        try:
            summary = recommend_batch(train_path, customers_path, out_path,
                                      collect_recommenders(pm, None), k=k,
                                      exclude_purchased=exclude_purchased,
                                      progress=_progress(not as_json))
        except (UnknownLayoutError, UnicodeDecodeError, ValueError) as error:
            raise click.ClickException(f"{train_path}: {error}") from None
        cleaning = summary["cleaning"]
        dropped = cleaning["skipped"].get("non_product", 0)
        if dropped > 0.2 * max(cleaning["rows_read"], 1):
            click.echo(f"warning: {dropped:,} of {cleaning['rows_read']:,} rows were not "
                       "taken as products (their codes or names look like fees or postage)",
                       err=True)
        if as_json:
            echo_json(summary)
            return
        click.echo(f"Wrote {summary['rows']:,} rows for {summary['customers']:,} customers "
                   f"({summary['guests']:,} unknown, given guest picks) to {summary['out']}.")


def _print_table(result: dict[str, Any], k: int) -> None:
    click.echo(f"Test customers: {result['test_customers']:,}; trained on "
               f"{result['train_window']['start'][:10]} to {result['train_window']['end'][:10]}")
    header = (f"{'method':<22}{'NDCG':>8}{'Recall':>8}{'Hit':>8}"
              f"{'NDCG new':>10}{'Recall new':>11}{'Hit new':>9}{'Coverage':>10}")
    click.echo(header)
    rows = [("blend", result["blend"])]
    rows += [(name, r) for name, r in result["recommenders"].items()]
    rows += [(f"baseline {name}", r) for name, r in result["baselines"].items()]
    for name, r in rows:
        a, n = r["all"], r["new"]
        click.echo(f"{name:<22}{a[f'ndcg@{k}']:>8.4f}{a[f'recall@{k}']:>8.4f}"
                   f"{a[f'hit_rate@{k}']:>8.4f}{n[f'ndcg@{k}']:>10.4f}"
                   f"{n[f'recall@{k}']:>11.4f}{n[f'hit_rate@{k}']:>9.4f}{r['coverage']:>10.4f}")
