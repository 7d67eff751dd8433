"""The `sitrep` command line: extract, ingest, query, export, benchmark, serve."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import Enum
from typing import Optional

import typer

from . import __version__
from .cli_support import SkipLog, err, output_file, parse_date
from .export.writers import write
from .input.readers import read_documents
from .model import Document
from .pipeline import Pipeline

app = typer.Typer(
    help="sitrep: conflict news in, structured, geocoded, de-duplicated events out (ACLED-style).",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode="markdown")


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    table = "table"
    isaf = "isaf"


def progress(docs: Iterator[Document], label: str) -> Iterator[Document]:
    """A progress line on stderr (documents done and rate) when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from docs
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label)
        for i, doc in enumerate(docs, 1):
            yield doc
            if i % 50 == 0:
                bar.update(task, completed=i)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Text files, folders (recursive), .jsonl/.csv files, or - for stdin."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Write here instead of stdout (atomically).",
                                          callback=output_file),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs that lack one."),
) -> None:
    """Extract events from articles and write them (no store). One record per event; `--format isaf`
    writes one ISAF-benchmark record per document."""
    errors = SkipLog()
    pipeline = Pipeline()
    docs = progress(pipeline.pipe(read_documents(paths, published=parse_date(published), on_error=errors),
                                  on_error=errors), "extracting")
    if format is Format.isaf:
        from .export.isaf import isaf_records

        records = isaf_records(docs)
        n = write(records, "jsonl", output)
    else:
        records = (ev.to_record() for doc in docs for ev in doc.events)
        n = write(records, format.value, output)
    err.print(f"{n} {'documents' if format is Format.isaf else 'events'} written"
              + (f", {errors.count} items skipped" if errors.count else ""), markup=False)
    raise typer.Exit(1 if errors.count else 0)


@app.command()
def bench(
    path: Optional[str] = typer.Argument(None, help="A .jsonl/.csv file or folder of articles (default: the bundled examples)."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="Also run this export's roll-up (jsonl or isaf)."),
    passes: int = typer.Option(5, help="Timed passes after one warm-up pass."),
) -> None:
    """Documents per second of the full pipeline on one process, beside a bare tokenise-and-split-sentences pass."""
    from .bench import run_bench

    run_bench(path, format.value, passes, err)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def _register_optional() -> None:
    """Commands whose modules live with their subsystem (store, web)."""
    try:
        from .store.commands import register
    except ImportError:  # pragma: no cover - store not installed in this build
        return
    register(app)


_register_optional()


@app.command()
def serve(
    db: str = typer.Option("sitrep.db", "--db", help="The SQLite store to serve."),
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    write_token: Optional[str] = typer.Option(None, envvar="SITREP_WRITE_TOKEN", help="Token that allows POST /api/ingest (else read-only)."),
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the offline dashboard at /."""
    import os

    import uvicorn

    from .web.app import create_app

    if not os.path.exists(db):
        err.print(f"sitrep: no store at {db} (run `sitrep ingest ... --db {db}` first)", markup=False)
        raise typer.Exit(1)

    uvicorn.run(create_app(db, write_token=write_token), host=host, port=port, log_level="info")


if __name__ == "__main__":  # pragma: no cover
    app()
