"""A live count of the pages an import has done: on a terminal only, so logs and pipes stay clean."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def page_progress(stream: TextIO | None = None) -> Iterator[Callable[[], None]]:
    """A function to call once per page; it shows a progress line on ``stream`` (stderr) when that is a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield lambda: None
        return
    # A crawl is read as it streams, so the total is not known: a count and the time taken say enough.
    columns = (SpinnerColumn(), TextColumn("importing: {task.completed} pages"), TimeElapsedColumn())
    with Progress(*columns, console=Console(file=stream), transient=True) as progress:
        task = progress.add_task("import", total=None)
        yield lambda: progress.advance(task)
