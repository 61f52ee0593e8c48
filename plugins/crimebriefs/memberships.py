"""The briefs of each topic, tag and author, in lists that say at once whether a brief is among them.

To write a topic's, tag's or author's page, Pelican picks its briefs out of all the briefs by
date, asking of each whether it is in that one's list: a list looks through every item, so a
site of N briefs costs N times the briefs of every topic, tag and author, which grows with the
square of N (a few seconds at 5,000 briefs, in one process). Handed the same briefs in the same
order in a :class:`Members` list, Pelican makes the same pages, each question answered from a set.
The same goes for its archives by year (:func:`period_archives`).
"""

import calendar
from collections import defaultdict
from itertools import groupby
from operator import attrgetter


class Members(list):
    """A list whose ``in`` finds an item by identity in one step.

    Briefs, like any object without an equality of its own, equal only themselves: for them this
    is the answer ``list`` gives, found without looking through the list.
    """

    __slots__ = ("_ids", "_length")

    def __init__(self, items=()) -> None:
        super().__init__(items)
        self._ids: set[int] = set()
        self._length = -1

    def __contains__(self, item) -> bool:
        if type(item).__eq__ is not object.__eq__:
            return super().__contains__(item)
        if self._length != len(self):
            self._ids, self._length = {id(member) for member in self}, len(self)
        return id(item) in self._ids

    def __setitem__(self, index, value) -> None:
        self._length = -1  # the same length, other members
        super().__setitem__(index, value)


def answer_membership_at_once(generator) -> None:
    """``article_generator_finalized``: every topic's, tag's and author's briefs in a :class:`Members` list."""
    for name in ("categories", "authors"):
        pairs = getattr(generator, name)
        pairs[:] = [(item, Members(briefs)) for item, briefs in pairs]
        generator.context[name] = pairs
    tags = generator.tags
    for tag, briefs in tags.items():
        tags[tag] = Members(briefs)
    generator.context["tags"] = list(tags.items())


def period_archives(sorted_articles: list, articles: list, settings: dict) -> dict[str, list[dict]]:
    """Pelican's archives by year, month and day (``ArticlesGenerator._build_period_archives``), made by
    picking each period's articles out of all of them with a set rather than a list."""
    period_archives: dict[str, list[dict]] = defaultdict(list)
    granularity_key = {
        "year": attrgetter("date.year"),
        "month": attrgetter("date.year", "date.month"),
        "day": attrgetter("date.year", "date.month", "date.day"),
    }
    for granularity in ("year", "month", "day"):
        save_as_format = settings[f"{granularity.upper()}_ARCHIVE_SAVE_AS"]
        url_format = settings[f"{granularity.upper()}_ARCHIVE_URL"]
        if not save_as_format:
            continue
        for period, group in groupby(sorted_articles, key=granularity_key[granularity]):
            dates = Members(group)
            date = dates[0].date
            archive = {
                "dates": dates,
                "articles": [article for article in articles if article in dates],
                "save_as": save_as_format.format(date=date),
                "url": url_format.format(date=date),
            }
            if granularity == "year":
                archive["period"] = archive["period_num"] = (period,)
            else:
                month = calendar.month_name[period[1]]
                archive["period"] = (period[0], month) if granularity == "month" else (period[0], month, period[2])
                archive["period_num"] = tuple(period)
            period_archives[granularity].append(archive)
    return period_archives
