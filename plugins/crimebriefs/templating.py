"""What the theme's templates can call, beside Pelican's own context."""

from crimebriefs.charts import briefs_per_year, year_chart
from crimebriefs.interface import long_date, words
from crimebriefs.listings import busiest_first, by_name, latest
from crimebriefs.settings import plugin_settings


def add_template_helpers(generator) -> None:
    """``generator_init``: give every generator's templates the plugin's settings and helpers."""
    generator.env.globals.update(
        crimebriefs=plugin_settings(generator.settings),
        words=words,
        year_chart=year_chart,
        briefs_per_year=briefs_per_year,
        busiest_first=busiest_first,
        by_name=by_name,
        latest=latest,
    )
    generator.env.filters["long_date"] = long_date
