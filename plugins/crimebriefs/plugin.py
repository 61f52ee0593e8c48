"""The Pelican signal handlers."""

import logging
from pathlib import Path

from pelican.log import console

from crimebriefs.importer import ImportReport, import_dump
from crimebriefs.read import dump_files
from crimebriefs.settings import plugin_settings

logger = logging.getLogger(__name__)


def import_raw_dump(pelican) -> ImportReport | None:
    """``initialized``: check the settings, then import the raw dump before content is read.

    Returns the report, or None when there was nothing to import; the preview server calls it
    again before a rebuild when the dump changes.
    """
    settings = plugin_settings(pelican.settings)
    if not settings.run_import or not settings.raw_dir.is_dir() or next(dump_files(settings.raw_dir), None) is None:
        return None
    report = import_dump(settings.raw_dir, settings.briefs_dir)
    counts, *details = report.lines()
    # Printed like Pelican's own "Done:" line; the page-by-page details go to the log.
    raw, briefs = shown(settings.raw_dir), shown(settings.briefs_dir)
    console.print(f"crimebriefs import {raw} → {briefs}: {counts}", markup=False, highlight=False, soft_wrap=True)
    for line in details:
        level = (
            logging.ERROR
            if line.startswith("error:")
            else logging.WARNING
            if line.startswith(("kept:", "warning:"))
            else logging.INFO
        )
        logger.log(level, "crimebriefs %s", line)
    return report


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
