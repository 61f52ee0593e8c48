"""A small bar chart of briefs per year, drawn at build time as inline SVG.

The chart needs no script and is read out by screen readers: the SVG is an image whose title
names it and whose description lists every year's count.
"""

from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup, escape

HEIGHT = 56
"""Height of the tallest bar, in pixels."""
LABELS = 16
"""Room under the bars for the year labels and above them for the peak count."""
MAX_WIDTH = 320
"""The chart never grows wider than this, so it fits a 360 px phone screen."""


def briefs_per_year(articles: Iterable) -> list[tuple[int, int]]:
    """``(year, count)`` from the first year to the last, quiet years included with 0."""
    counts = Counter(article.date.year for article in articles)
    if not counts:
        return []
    return [(year, counts[year]) for year in range(min(counts), max(counts) + 1)]


def year_chart(articles: Iterable, subject: str, chart_id: str = "year-chart") -> Markup:
    """The SVG chart of briefs per year on ``subject``; empty when there is nothing to draw."""
    years = briefs_per_year(articles)
    if not years:
        return Markup("")
    step = max(4, min(24, MAX_WIDTH // len(years)))
    bar = max(2, step - max(1, step // 4))
    # Wide enough for two year labels even when there is a single bar.
    width = max(step * len(years), 64)
    peak = max(count for _, count in years)
    top, bottom = LABELS, LABELS + HEIGHT
    peak_year = next(year for year, count in years if count == peak)
    bars = []
    for i, (year, count) in enumerate(years):
        height = round(HEIGHT * count / peak)
        x = i * step
        if height:
            bars.append(f'<rect x="{x}" y="{bottom - height}" width="{bar}" height="{height}"/>')
        if year == peak_year:
            # The number stays inside the chart even above the first or last bar.
            label_x = min(max(x + bar / 2, 8), width - 8)
            bars.append(f'<text x="{label_x:g}" y="{top - 4}" text-anchor="middle">{count}</text>')
    first, last = years[0][0], years[-1][0]
    labels = f'<text x="0" y="{bottom + LABELS - 3}">{first}</text>'
    if last != first:
        labels += f'<text x="{width}" y="{bottom + LABELS - 3}" text-anchor="end">{last}</text>'
    title = escape(f"Briefs per year on {subject}")
    desc = "; ".join(f"{year}: {count}" for year, count in years)
    return Markup(
        f'<svg class="year-chart" width="{width}" height="{bottom + LABELS}" viewBox="0 0 {width} {bottom + LABELS}"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{title}</title><desc id="{chart_id}-desc">{desc}</desc>'
        f'<line x1="0" y1="{bottom + 0.5}" x2="{width}" y2="{bottom + 0.5}"/>'
        f"{''.join(bars)}{labels}</svg>"
    )
