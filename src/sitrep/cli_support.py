"""What every sitrep command shares: the stderr console, the skip log, date and output options."""
from __future__ import annotations

import os
from datetime import date
from typing import Any, Optional

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)


class SkipLog:
    """One line per skipped item on stderr ("sitrep: skipped: file:line: why"); counts them so the
    exit status can say something was skipped."""

    def __init__(self, console: Console = err):
        self.console = console
        self.count = 0

    def __call__(self, message: Any, *more: Any) -> None:
        self.count += 1
        text = ": ".join(str(m) for m in (message, *more))
        self.console.print(f"sitrep: skipped: {text}", markup=False, highlight=False)


def parse_date(value: Optional[str], option: str = "--published") -> Optional[date]:
    """A YYYY-MM-DD option value, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value!r}", param_hint=option)


def output_file(value: Optional[str]) -> Optional[str]:
    """An --output path whose folder exists (checked before any work is done, not after), or a
    usage error naming the option."""
    if value in (None, "-"):
        return value
    folder = os.path.dirname(os.path.abspath(value))
    if not os.path.isdir(folder):
        raise typer.BadParameter(f"no such folder: {folder}", param_hint="--output")
    if os.path.isdir(value):
        raise typer.BadParameter(f"a folder, not a file: {value}", param_hint="--output")
    return value
