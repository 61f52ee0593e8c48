"""Topic, tag and author lists answer membership at once, and year archives are Pelican's own."""

import datetime
import random
from collections import defaultdict
from types import SimpleNamespace

from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG

from crimebriefs.memberships import Members, answer_membership_at_once, period_archives


class Brief:
    """Like Pelican's articles: no equality of its own."""

    def __init__(self, number: int, date: datetime.datetime):
        self.number, self.date = number, date


def briefs(count: int, seed: int = 3) -> list[Brief]:
    chance = random.Random(seed)
    start = datetime.datetime(2009, 1, 1, tzinfo=datetime.UTC)
    return [Brief(n, start + datetime.timedelta(days=chance.randint(0, 5000))) for n in range(count)]


def test_a_brief_is_in_a_members_list_exactly_when_it_is_in_the_same_list():
    every = briefs(50)
    some = every[::3]
    members = Members(some)
    assert [brief in members for brief in every] == [brief in some for brief in every]
    members.append(every[1])
    assert every[1] in members
    members[0] = every[2]
    assert every[2] in members and every[0] not in members
    assert members == [every[2], *some[1:], every[1]]


def test_values_with_an_equality_of_their_own_are_compared_as_a_list_compares_them():
    members = Members(["Ecuador", 2.0])
    assert "Ecuador" in members and 2 in members and "Peru" not in members


def test_every_topic_tag_and_author_keeps_its_briefs_in_order_in_the_generator_and_its_context():
    every = briefs(30)
    generator = SimpleNamespace(
        categories=[("Ports", every[:10]), ("Prisons", every[10:])],
        authors=[("Sam", every[::2])],
        tags=defaultdict(list, {"cocaine": every[5:25]}),
        context={},
    )
    answer_membership_at_once(generator)
    for name in ("categories", "authors"):
        assert all(type(briefs) is Members for _, briefs in getattr(generator, name))
        assert generator.context[name] is getattr(generator, name)
    assert generator.categories == [("Ports", every[:10]), ("Prisons", every[10:])]
    assert generator.context["tags"] == [("cocaine", every[5:25])]
    assert type(generator.tags["cocaine"]) is Members
    # How Pelican picks a tag's briefs out of all of them, by date, for the tag's page.
    dates = sorted(every, key=lambda brief: brief.date)
    assert [brief for brief in dates if brief in generator.tags["cocaine"]] == [b for b in dates if b in every[5:25]]


def test_archives_by_year_month_and_day_are_those_pelican_makes():
    every = briefs(400)
    dates = sorted(every, key=lambda brief: brief.date, reverse=True)
    for granularities in (("YEAR",), ("YEAR", "MONTH", "DAY"), ()):
        settings = dict(DEFAULT_CONFIG)
        for granularity in granularities:
            settings[f"{granularity}_ARCHIVE_SAVE_AS"] = f"{granularity.lower()}/{{date:%Y-%m-%d}}/index.html"
            settings[f"{granularity}_ARCHIVE_URL"] = f"{granularity.lower()}/{{date:%Y-%m-%d}}/"
        pelicans = ArticlesGenerator._build_period_archives(None, dates, every, settings)
        ours = period_archives(dates, every, settings)
        assert ours == pelicans
        assert sorted(ours) == sorted(pelicans) == sorted(g.lower() for g in granularities)
