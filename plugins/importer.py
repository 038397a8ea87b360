"""Built-in plugin: ``kiosk import PATH``, real transactions into the store.

Reads the UCI Online Retail file or the neutral transactions CSV (see
docs/data.md), cleans and nets it, writes it in one transaction and enriches
the catalogue. A progress bar goes to stderr (not with ``--json``); the
summary lists rows read, kept and skipped by reason, and the names and
prices of known products the file changed or could not change. The
importer's table is core (``kiosk.store.catalogue``).
"""

from __future__ import annotations

import sys

import click

from kiosk import hookimpl


@hookimpl
def kiosk_register_commands(cli: click.Group) -> None:
    cli.add_command(_import_command())


def _import_command() -> click.Command:
    from kiosk.cli import db_option, echo_json, json_option, open_kiosk

    @click.command("import")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @db_option
    @click.option("--no-enrich", is_flag=True, help="Skip catalogue enrichment (themes, colours).")
    @json_option
    @click.pass_context
    def import_command(ctx: click.Context, path: str, db_path: str | None, no_enrich: bool,
                       as_json: bool) -> None:
        """Import transactions from PATH (UCI Online Retail or neutral CSV, gzipped or plain).

        Importing the same file again changes nothing.
        """
        from kiosk.importer import UnknownLayoutError, import_file
        from kiosk.importer.report import summary_lines

        kiosk = open_kiosk(ctx, db_path)
        try:
            if as_json:
                report = import_file(kiosk, path, enrich=not no_enrich)
            else:
                with click.progressbar(length=1000, label="Importing", file=sys.stderr,
                                       show_eta=False) as bar:
                    def progress(done: int, total: int) -> None:
                        bar.update(done * 1000 // max(total, 1) - bar.pos)

                    report = import_file(kiosk, path, progress, enrich=not no_enrich)
        except UnknownLayoutError as error:
            raise click.ClickException(f"{path}: {error}") from None
        except (OSError, EOFError) as error:  # unreadable or truncated gzip
            raise click.ClickException(f"{path}: cannot read the file: {error}") from None
        finally:
            kiosk.close()
        if as_json:
            echo_json(report.to_dict())
            return
        for line in summary_lines(report):
            click.echo(line)

    return import_command
