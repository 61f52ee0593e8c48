"""Rows of the overview pages (topics, tags, authors): each with its count and latest date."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One topic, tag or author on an overview page."""

    item: object
    """Pelican's Category, Tag or Author: its ``url`` and its name."""
    count: int
    """How many briefs it has."""
    latest: datetime.date
    """The date of its newest brief."""


def busiest_first(pairs) -> list[Row]:
    """Pelican's ``(item, articles)`` pairs as rows: most briefs first, then most recent, then by name."""
    rows = [Row(item, len(articles), max(a.date for a in articles)) for item, articles in pairs if articles]
    return sorted(rows, key=lambda row: (-row.count, -row.latest.toordinal(), str(row.item).casefold()))


def by_name(pairs) -> list[Row]:
    """The same rows in alphabetical order, for names (authors)."""
    return sorted(busiest_first(pairs), key=lambda row: str(row.item).casefold())
