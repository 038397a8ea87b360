"""``kiosk hq``: run head office and administer it (kiosks, erasures, changes, retractions)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from sqlite_utils import Database

from kiosk.hq import limits

# Not kiosk.cli: head office runs without loading the kiosk's plugins.
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=True, default=str))


_database = click.option(
    "--database", "database", envvar="KIOSK_HQ_DATABASE", default="hq.db", show_default=True,
    help="Head office's storage: a SQLite file, or postgresql://user@host/db "
         "(env KIOSK_HQ_DATABASE).",
)


def _remember_key_file(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    ctx.meta["kiosk_hq_key_file"] = value


_key_file = click.option(
    "--key-file", envvar="KIOSK_HQ_KEY_FILE", expose_value=False, callback=_remember_key_file,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Head office's key file (private key, erasure key); default for SQLite: beside the "
         "database (hq.db.key); needed for PostgreSQL, the same file on every head-office "
         "server (env KIOSK_HQ_KEY_FILE).",
)


def database_option(command: Any) -> Any:
    """``--database`` and ``--key-file``: what every command opening the storage takes."""
    return _database(_key_file(command))


def _given_key_file() -> Path | None:
    return click.get_current_context().meta.get("kiosk_hq_key_file")


def _storage(database: str) -> Any:
    from kiosk.hq.storage import StorageError, open_storage

    try:
        return open_storage(database, key_file=_given_key_file())
    except (StorageError, sqlite3.Error) as error:
        raise click.ClickException(f"cannot open head office storage: {error}") from None


@contextlib.contextmanager
def _opened(database: str, *, source: str | None = None) -> Iterator[Any]:
    """Head office's storage for one command, closed after it; a refusal is a clean error
    (``source``: the file whose changes are published, named in a rule's message)."""
    from kiosk.hq.changes import InvalidChange
    from kiosk.hq.storage import StorageError

    storage = _storage(database)
    try:
        yield storage
    except InvalidChange as error:
        raise click.ClickException(f"{source}: {error}" if source else str(error)) from None
    except StorageError as error:
        raise click.ClickException(str(error)) from None
    finally:
        storage.close()


@click.group("hq")
def hq() -> None:
    """Head office: the service kiosks sync with."""


@hq.command("serve")
@database_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (TLS is the reverse proxy's job: see docs/hq.md).")
@click.option("--port", default=8700, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (one per CPU core suits PostgreSQL).")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--max-body-mb", envvar=limits.ENV_MAX_BODY, show_default=True,
              default=limits.DEFAULT_MAX_BODY_MB,
              type=click.FloatRange(0.001, limits.MAX_SETTING_MB),
              help="The largest request body read, as received (gzip or not), in MB "
                   f"(env {limits.ENV_MAX_BODY}); larger gets 413.")
@click.option("--max-inflated-mb", envvar=limits.ENV_MAX_INFLATED, show_default=True,
              default=limits.DEFAULT_MAX_INFLATED_MB,
              type=click.FloatRange(0.001, limits.MAX_SETTING_MB),
              help="The largest request body once gzip is inflated, in MB "
                   f"(env {limits.ENV_MAX_INFLATED}); larger gets 413.")
def serve(database: str, host: str, port: int, workers: int, log_level: str,
          max_body_mb: float, max_inflated_mb: float) -> None:
    """Run head office (FastAPI on uvicorn); OpenAPI spec at /openapi.json.

    Request bodies are read only from callers with a valid token and within
    the two size caps (docs/hq.md, "Limits").
    """
    import os

    import uvicorn

    from kiosk.hq.app import create_app

    storage = _storage(database)  # creates the schema and keypair once, before any worker
    click.echo(f"head office on http://{host}:{port} ({storage.backend}, {workers} "
               f"worker(s)); public key {storage.public_key}", err=True)
    options = {"host": host, "port": port, "log_level": log_level, "proxy_headers": True,
               "timeout_graceful_shutdown": 5}
    body_limits = limits.BodyLimits.from_mb(max_body_mb, max_inflated_mb)
    try:
        if workers == 1:
            uvicorn.run(create_app(storage, limits=body_limits), **options)
        else:
            storage.close()
            os.environ["KIOSK_HQ_DATABASE"] = database
            if _given_key_file() is not None:
                os.environ["KIOSK_HQ_KEY_FILE"] = str(_given_key_file())
            os.environ.update(body_limits.as_env())  # each worker's create_app reads them
            uvicorn.run("kiosk.hq.app:app_from_env", factory=True, workers=workers, **options)
    finally:
        storage.close()


@hq.command("add-kiosk")
@click.argument("name")
@click.option("--store", "store_id", default="store-1", show_default=True,
              help="The store this device belongs to (decides the changes it receives).")
@click.option("--role", type=click.Choice(["kiosk", "tablet"]), default="kiosk",
              show_default=True,
              help="What the device is: a store kiosk or a staff tablet (both sync, issue and "
                   "verify cards the same way).")
@click.option("--operator", is_flag=True,
              help="An operator token (publish changes, erase) instead of a device's.")
@click.option("--device-key", metavar="KEY",
              help="The device's key (`kiosk sync status` shows it): pinned now, "
                   "instead of on the device's first contact.")
@database_option
def add_kiosk(name: str, store_id: str, role: str, operator: bool, device_key: str | None,
              database: str) -> None:
    """Register a device (or an operator) and print its token (only a hash is kept: note
    it now)."""

    with _opened(database) as storage:
        token = storage.add_kiosk(name, store_id=store_id,
                                  role="operator" if operator else role)
        if device_key:
            storage.reset_device_key(name, device_key)
    click.echo(token)


@hq.command("remove-kiosk")
@click.argument("name")
@database_option
@json_option
def remove_kiosk(name: str, database: str, as_json: bool) -> None:
    """Remove device NAME from the chain at once (a stolen or retired device).

    Its token is refused from the next request on: it uploads, downloads and
    registers no more cards, so a card it issues from now on is accepted by no
    other device. The cards it registered before stay valid. Audited (`kiosk hq
    removals`).
    """

    with _opened(database) as storage:
        done = storage.remove_kiosk(name, by="operator:cli")
    if as_json:
        echo_json(done)
    else:
        click.echo(f"{name} removed; its token is refused from now on.")


@hq.command("removals")
@database_option
@json_option
def removals(database: str, as_json: bool) -> None:
    """The devices removed from the chain: name, store, role, when and by whom."""
    with _opened(database) as storage:
        rows = storage.removals()
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['name']} ({row['role']}, {row['store_id']}): removed "
                   f"{row['removed']} by {row['removed_by']}")


@hq.command("reset-device-key")
@click.argument("name")
@click.option("--device-key", metavar="KEY",
              help="Pin this key now; without it the kiosk's next registration pins its key.")
@database_option
def reset_device_key(name: str, device_key: str | None, database: str) -> None:
    """Forget the device key pinned for kiosk NAME (the kiosk was rebuilt or replaced).

    Card registrations are signed with the device key; until a key is pinned
    again, the first kiosk to register with NAME's token pins its own.
    """

    with _opened(database) as storage:
        storage.reset_device_key(name, device_key)
    click.echo(f"Device key of {name} {'pinned' if device_key else 'forgotten'}.")


@hq.command("erase")
@click.argument("customer_id")
@database_option
def erase(customer_id: str, database: str) -> None:
    """Erase a customer at head office; every kiosk erases them on its next sync.

    Head office keeps and broadcasts only a keyed digest of the id. With
    PostgreSQL, the deleted rows leave the table files at the next `kiosk hq scrub`.
    """
    with _opened(database) as storage:
        done = storage.erase(customer_id, origin="operator:cli")
        deferred = storage.deferred_scrub
    if not done:
        click.echo("already erased")
        return
    click.echo("erased; kiosks will erase on their next sync"
               + ("; run `kiosk hq scrub` to rewrite the tables" if deferred else ""))


@hq.command("scrub")
@database_option
@json_option
def scrub(database: str, as_json: bool) -> None:
    """Rewrite head office's tables so no deleted row survives in its files.

    PostgreSQL: VACUUM (FULL) of the tables erasures touch (they are locked while
    rewritten: run it nightly, when the chain is quiet). SQLite: VACUUM (deleted rows
    are overwritten at once anyway; this also clears files of an older head office).
    """
    with _opened(database) as storage:
        done = storage.scrub()
    if as_json:
        echo_json(done)
    else:
        click.echo("scrubbed: " + ", ".join(f"{k} {v}" for k, v in done.items()))


@hq.command("retract")
@click.argument("change_id", type=click.IntRange(1, 2**62))
@database_option
@json_option
def retract(change_id: int, database: str, as_json: bool) -> None:
    """Stop serving published change CHANGE_ID to kiosks (kept for the audit: who, when).

    Kiosks that already downloaded it keep what they did: publish a correcting change.
    """

    with _opened(database) as storage:
        done = storage.retract(change_id, by=f"cli:{_user()}")
    if as_json:
        echo_json(done)
    elif done["already_retracted"]:
        click.echo(f"change #{change_id} ({done['kind']}) was already retracted by "
                   f"{done['retracted_by']} at {done['at']}")
    else:
        click.echo(f"change #{change_id} ({done['kind']}) retracted; kiosks will not "
                   "receive it")


@hq.command("retractions")
@database_option
@json_option
def retractions(database: str, as_json: bool) -> None:
    """The retracted changes: which, who, when."""
    with _opened(database) as storage:
        rows = storage.retractions()
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"#{row['id']:<8} {row['kind']:<18} {row['retracted_by']:<24} {row['at']}")
    click.echo(f"{len(rows):,} retracted change(s)")


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


@hq.command("publish")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@database_option
def publish(file: Path, database: str) -> None:
    """Publish changes from a JSON file: {"changes": [{"kind", "store_id", "customer_id", "data"}]}.

    Kinds: product, stock, profile, revocation, consent_withdrawn, model.
    """
    from kiosk.hq.changes import decode_published
    from kiosk.hq.storage import InvalidChange

    try:
        changes = decode_published(file.read_bytes(), where="")
    except InvalidChange as error:
        raise click.ClickException(f"{file}: {error}") from None
    with _opened(database, source=file) as storage:
        ids = storage.publish(changes)
    click.echo(f"{len(ids):,} change(s) published")


@hq.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--store", "store_id", required=True,
              help="The store whose till the file comes from.")
@database_option
@json_option
def import_till(path: str, store_id: str, database: str, as_json: bool) -> None:
    """Import a till's transactions from PATH into head office (as `kiosk import` reads them).

    Purchase lines are kept per store; importing the same file again adds nothing.
    The new lines of customers consenting to personalisation or staff_profile go
    to devices as their purchase histories.
    """
    import sys

    from kiosk.hq import tills
    from kiosk.importer import UnknownLayoutError

    problem = tills.store_problem(store_id)
    if problem:
        raise click.BadParameter(problem.removeprefix("--store: "), param_hint="--store")
    storage = _storage(database)
    try:
        if as_json:
            report = tills.import_till_file(storage, path, store_id)
        else:
            with click.progressbar(length=1000, label="Importing", file=sys.stderr,
                                   show_eta=False) as bar:
                def progress(done: int, total: int) -> None:
                    bar.update(done * 1000 // max(total, 1) - bar.pos)

                report = tills.import_till_file(storage, path, store_id, progress=progress)
    except UnknownLayoutError as error:
        raise click.ClickException(f"{path}: {error}") from None
    except (OSError, EOFError) as error:  # unreadable or truncated gzip
        raise click.ClickException(f"{path}: cannot read the file: {error}") from None
    finally:
        storage.close()
    if as_json:
        echo_json(report.to_dict())
        return
    for line in tills.summary_lines(report):
        click.echo(line)


@hq.command("publish-catalogue")
@click.argument("kiosk_db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", "store_id", default=None,
              help="Publish this store's stock too (default: every store in the file).")
@database_option
def publish_catalogue(kiosk_db: Path, store_id: str | None, database: str) -> None:
    """Publish the products, prices and stock of a kiosk database (e.g. after kiosk import)."""
    from kiosk.store import catalogue

    source = Database(sqlite3.connect(f"file:{kiosk_db}?mode=ro", uri=True))
    try:
        changes = catalogue.changes_for_head_office(source, [store_id or None])
    finally:
        source.close()
    with _opened(database, source=kiosk_db) as storage:
        ids = storage.publish(changes)
    click.echo(f"{len(ids):,} change(s) published")


@hq.command("publish-model")
@click.argument("kiosk_db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--version", "version", type=int, default=None,
              help="Which training run (default: the latest).")
@database_option
def publish_model(kiosk_db: Path, version: int | None, database: str) -> None:
    """Publish a training run of a kiosk database (e.g. `kiosk train` on all stores' data).

    Kiosks install it as their newest model on the next sync. Runs hold item-level
    aggregates only, never a customer id.
    """
    from kiosk.hq.training import model_change, published_run
    from kiosk.store import recommend

    source = Database(sqlite3.connect(f"file:{kiosk_db}?mode=ro", uri=True))
    try:
        if version is None:
            version = recommend.newest_version(source)
        rows = recommend.run_rows(source, version)
    except sqlite3.OperationalError:
        raise click.ClickException(f"{kiosk_db} holds no trained models") from None
    finally:
        source.close()
    if not rows:
        raise click.ClickException(f"{kiosk_db} has no training run {version}")
    run = published_run(rows)
    with _opened(database, source=kiosk_db) as storage:
        storage.publish([model_change(run, str(version))])
    click.echo(f"training run {version} published ({len(run)} artefacts)")


@hq.command("train")
@click.option("--store", "store_id", default=None,
              help="Send the model to this store's devices only (default: every device). It "
                   "is trained on every store's purchases either way.")
@click.option("--quiet", is_flag=True, help="No progress lines.")
@database_option
@json_option
def train(store_id: str | None, quiet: bool, database: str, as_json: bool) -> None:
    """Train the recommenders on every store's till purchases and send them to devices.

    Purchases from `kiosk hq import` and the published catalogue, trained with
    the kiosk's own code (as `kiosk train`); the run is published as a model
    change that devices install on their next sync. Lines of customers without
    personalisation consent are used only as anonymous sales (store-level
    picks), never as their history; excluded and erased lines never.
    """
    from kiosk.hq import tills, training
    from kiosk.hq.storage import InvalidChange

    if store_id is not None and (problem := tills.store_problem(store_id)):
        raise click.BadParameter(problem.removeprefix("--store: "), param_hint="--store")
    storage = _storage(database)
    try:
        if store_id is not None and not training.store_known(storage, store_id):
            raise click.BadParameter("head office has no device and no purchases of this "
                                     "store (kiosk hq add-kiosk NAME --store STORE)",
                                     param_hint="--store")
        summary = training.train_and_publish(
            storage, store_id=store_id, progress=_progress(not (quiet or as_json)))
    except training.NothingToLearn as error:
        raise click.ClickException(str(error)) from None
    except InvalidChange as error:
        raise click.ClickException(f"the trained model cannot be published: {error}") from None
    finally:
        storage.close()
    if as_json:
        echo_json(summary)
        return
    click.echo(f"Trained {summary['version']} on {summary['purchases']:,} purchase lines of "
               f"{len(summary['stores'])} store(s) ({summary['customers']:,} customers' "
               f"histories, {summary['anonymised_lines']:,} lines as anonymous sales, "
               f"{summary['excluded_lines']:,} excluded)")
    click.echo(f"Recommenders: {', '.join(summary['recommenders'])}")
    if summary["failed"]:
        click.echo(f"Failed (left out): {', '.join(summary['failed'])}")
    click.echo(f"Published as change #{summary['change_id']} for "
               + (f"store {store_id}'s devices" if store_id else "every device"))


def _progress(enabled: bool) -> Any:
    last = {"percent": -1}

    def report(fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if enabled and percent != last["percent"]:
            last["percent"] = percent
            click.echo(f"{percent:3d}% {message}", err=True)

    return report


@hq.command("stats")
@database_option
@json_option
def stats(database: str, as_json: bool) -> None:
    """Events stored and duplicates ignored, per kiosk."""
    with _opened(database) as storage:
        data = storage.stats()
    if as_json:
        echo_json(data)
        return
    for name, k in data["kiosks"].items():
        click.echo(f"{name:<20} {k['store_id']:<12} {k['events']:>10,} events "
                   f"{k['duplicates_ignored']:>8,} duplicates ignored "
                   f"{k['dropped']:>6,} dropped")
    t = data["totals"]
    click.echo(f"total: {t['events']:,} events, {t['duplicates_ignored']:,} duplicates ignored, "
               f"{t['erasures']:,} erasures")


#: ``kiosk hq migrations`` exit codes besides 0 (up to date) and 1 (cannot read the database)
EXIT_PENDING = 3
EXIT_NEWER = 4


@hq.command("migrations")
@database_option
@click.option("--apply", "apply_pending", is_flag=True,
              help="Apply the pending migrations now, as head office's next start would.")
@json_option
def migrations(database: str, apply_pending: bool, as_json: bool) -> None:
    """The database's schema version: each migration applied, pending or newer.

    Without --apply nothing is changed (no key file is read). Exit status: 0 up to
    date; 3 migrations pending (head office applies them when it starts, or --apply);
    4 the database was migrated by a newer head office, which this one refuses;
    1 the database cannot be read.
    """
    from kiosk.hq.storage import StorageError, migration_status

    try:
        status = migration_status(database)
        if apply_pending and status["pending"] and not status["newer"]:
            _storage(database).close()
            status = migration_status(database)
    except (StorageError, sqlite3.Error) as error:
        raise click.ClickException(f"cannot read head office storage: {error}") from None
    if as_json:
        echo_json(status)
    else:
        _print_migrations(status)
    if status["newer"] or status["pending"]:
        click.get_current_context().exit(EXIT_NEWER if status["newer"] else EXIT_PENDING)


def _print_migrations(status: dict[str, Any]) -> None:
    notes = {"adopt": "tables made before versioned migrations: adopted on the next start",
             "newer": "unknown to this version: head office refuses this database",
             "pending": "applied on the next start"}
    for row in status["migrations"]:
        detail = row["applied"] or notes[row["state"]]
        if row["state"] == "newer":
            detail = f"{row['applied']}, {notes['newer']}"
        click.echo(f"{row['name']:<40} {row['state']:<8} {detail}")
    where = "" if status["database_exists"] else " (no database yet: made on the first start)"
    click.echo(f"schema version: {status['version'] or 'none'}; {len(status['pending'])} "
               f"pending, {len(status['newer'])} newer{where}")


@hq.command("merge")
@click.argument("keep")
@click.argument("other")
@database_option
@json_option
def merge(keep: str, other: str, database: str, as_json: bool) -> None:
    """Merge shopper OTHER into KEEP (the same person with two records); audited.

    KEEP gets OTHER's cards, history, events and fields (merged field by field:
    latest wins, a withdrawal or pause wins over a concurrent grant). OTHER
    becomes an alias of KEEP; devices move OTHER's rows to KEEP on their next sync.
    """

    with _opened(database) as storage:
        done = storage.merge_customers(keep, other, by=f"cli:{_user()}")
    if as_json:
        echo_json(done)
    else:
        moved = ", ".join(f"{table} {count}" for table, count in sorted(done["moved"].items()))
        click.echo(f"merged; rows moved: {moved or 'none'}; devices follow on their next sync")


@hq.group("customer")
def customer() -> None:
    """A shopper's record at head office."""


@customer.command("show")
@click.argument("customer_id")
@database_option
@json_option
def customer_show(customer_id: str, database: str, as_json: bool) -> None:
    """Everything head office holds about CUSTOMER_ID (their access request); audited.

    The record (fields with who and when), the consent log, cards by status,
    staff notes, how many events, and the audit of merges and staff actions.
    """

    with _opened(database) as storage:
        shown = storage.customer_record(customer_id, by=f"cli:{_user()}")
    if as_json:
        echo_json(shown)
        return
    person = shown["customer"]
    click.echo(f"First name: {person['first_name'] or '-'} (since {person['created']}, "
               f"{person['origin']})")
    for purpose, granted in sorted(shown["consents"].items()):
        click.echo(f"Consent {purpose}: {'yes' if granted else 'no'}")
    click.echo(f"Fields: {len(shown['fields'])}, consent answers logged: "
               f"{len(shown['consent_log'])}, notes: {len(shown['notes'])}")
    click.echo(f"Cards: {len(shown['cards']['active'])} active, "
               f"{len(shown['cards']['revoked'])} revoked; events: {shown['events']:,}")
    for entry in shown["audit"]:
        click.echo(f"  {entry['at']} {entry['action']} by {entry['by']}")


@hq.group("experiment")
def experiment() -> None:
    """Experiments in the stores: recommenders tested against a holdout
    (docs/experiments.md)."""


@experiment.command("validate")
@click.option("--runs", default=200, show_default=True, type=click.IntRange(1, 100_000),
              help="Simulated experiments of each kind (A/A, and with the effect).")
@click.option("--effect", default=0.05, show_default=True, type=click.FloatRange(-0.9, 10),
              help="The true relative effect injected into the treatment arm.")
@click.option("--shoppers", default=2000, show_default=True,
              type=click.IntRange(20, 1_000_000), help="Shoppers in each simulated experiment.")
@click.option("--seed", default=0, show_default=True, type=int)
@json_option
def experiment_validate(runs: int, effect: float, shoppers: int, seed: int,
                        as_json: bool) -> None:
    """Check the analysis on simulated shoppers, with the real assignment and statistics:
    A/A false positives, interval coverage and power."""
    from kiosk.experiments.simulate import validate

    found = validate(runs, effect, shoppers=shoppers, seed=seed)
    if as_json:
        echo_json(found)
        return
    click.echo(f"{runs} A/A and {runs} experiments with a {effect:+.1%} effect, "
               f"{shoppers:,} shoppers each ({found['method']} intervals):")
    click.echo(f"  A/A called significant at 5%: {found['aa_false_positive_rate']:.1%} "
               "(should be about 5%)")
    click.echo(f"  95% intervals containing the true effect: {found['ci_coverage']:.1%} "
               "(should be about 95%)")
    click.echo(f"  power (the effect found): {found['power']:.1%}")
