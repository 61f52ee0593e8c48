"""What the theme's templates can call, beside Pelican's own context."""

from crimebriefs.by_identity import ByIdentity
from crimebriefs.charts import briefs_per_year, year_chart
from crimebriefs.interface import long_date, words
from crimebriefs.listings import busiest_first, by_name, latest
from crimebriefs.settings import plugin_settings

MADE_AT_MOST = 50_000
"""Pieces of pages remembered at once: a few for each brief of a large site."""

_made = ByIdentity(MADE_AT_MOST)


def remembered(subject, *key, caller) -> str:
    """What the ``{% call %}`` block makes for ``subject`` and ``key``, made once in a build.

    A brief's card shows on a dozen pages, the same on each.
    """
    return _made.get(subject, key, caller)


def add_template_helpers(generator) -> None:
    """``generator_init``: give every generator's templates the plugin's settings and helpers."""
    _made.clear()  # a new build: its briefs are new objects, perhaps with new words
    generator.env.globals.update(
        crimebriefs=plugin_settings(generator.settings),
        words=words,
        year_chart=year_chart,
        briefs_per_year=briefs_per_year,
        busiest_first=busiest_first,
        by_name=by_name,
        latest=latest,
        remembered=remembered,
    )
    generator.env.filters["long_date"] = long_date
