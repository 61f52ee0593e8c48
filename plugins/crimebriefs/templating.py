"""What the theme's templates can call, beside Pelican's own context."""

from collections import OrderedDict

from crimebriefs.charts import briefs_per_year, year_chart
from crimebriefs.interface import long_date, words
from crimebriefs.listings import busiest_first, by_name, latest
from crimebriefs.settings import plugin_settings

MADE_AT_MOST = 50_000
"""Pieces of pages remembered at once: a few for each brief of a large site."""

_made: OrderedDict[tuple, tuple[object, str]] = OrderedDict()


def remembered(subject, *key, caller) -> str:
    """What the ``{% call %}`` block makes for ``subject`` and ``key``, made once in a build.

    A brief's card shows on a dozen pages, the same on each. The subject (a brief) is held by
    identity, and held, so that its identity cannot pass to another object.
    """
    whole = (id(subject), *key)
    made = _made.get(whole)
    if made is not None and made[0] is subject:
        return made[1]
    text = caller()
    _made[whole] = (subject, text)
    if len(_made) > MADE_AT_MOST:
        _made.popitem(last=False)
    return text


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
