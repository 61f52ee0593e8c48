"""Rows of the overview pages (topics, tags, authors): each with its count and latest date."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from crimebriefs.by_identity import ByIdentity


@dataclass(frozen=True)
class Row:
    """One topic, tag or author on an overview page."""

    item: object
    """Pelican's Category, Tag or Author: its ``url`` and its name."""
    count: int
    """How many briefs it has."""
    latest: datetime.date
    """The date of its newest brief."""


def per_list(function: Callable) -> Callable:
    """Work a list out once, however many pages show it.

    Every page of a paginated listing is given the same lists (all the topics, all a tag's
    briefs): working them out again on each page would make a site's build grow with the square
    of its size. Lists are not hashable, so the few most recent are remembered by identity, and
    held, so that their identity cannot pass to another list.
    """
    recent = ByIdentity(most=16)

    @wraps(function)
    def remembered(items):
        # A list that grew is another list.
        return recent.get(items, (len(items),), lambda: function(items))

    return remembered


@per_list
def latest(articles) -> datetime.date:
    """The date of the newest of the briefs."""
    return max(article.date for article in articles)


@per_list
def busiest_first(pairs) -> list[Row]:
    """Pelican's ``(item, articles)`` pairs as rows: most briefs first, then most recent, then by name."""
    rows = [Row(item, len(articles), latest(articles)) for item, articles in pairs if articles]
    return sorted(rows, key=lambda row: (-row.count, -row.latest.toordinal(), str(row.item).casefold()))


def by_name(pairs) -> list[Row]:
    """The same rows in alphabetical order, for names (authors)."""
    return sorted(busiest_first(pairs), key=lambda row: str(row.item).casefold())
