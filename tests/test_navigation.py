"""Links between briefs: older and newer in the topic, and related briefs."""

import datetime
from types import SimpleNamespace

from crimebriefs.navigation import link_briefs


def brief(slug: str, year: int, topic: str | None, *tags: str) -> SimpleNamespace:
    return SimpleNamespace(slug=slug, date=datetime.date(year, 1, 1), category=topic, tags=list(tags))


def test_older_and_newer_follow_dates_within_the_topic_only():
    a, b, c = brief("a", 2010, "Ports"), brief("b", 2012, "Ports"), brief("c", 2014, "Ports")
    other = brief("other", 2011, "Prisons")
    link_briefs([c, other, a, b], related=3)
    assert (b.older_in_topic, b.newer_in_topic) == (a, c)
    assert (a.older_in_topic, c.newer_in_topic) == (None, None)
    assert (other.older_in_topic, other.newer_in_topic) == (None, None)


def test_related_briefs_share_the_most_topic_and_tags_then_are_closest_in_time():
    subject = brief("subject", 2015, "Ports", "Ecuador", "Cocaine")
    both = brief("both", 2005, None, "Ecuador", "Cocaine")
    near = brief("near", 2016, None, "Ecuador")
    far = brief("far", 1990, None, "Cocaine")
    unrelated = brief("unrelated", 2015, "Prisons", "Mexico")
    link_briefs([subject, both, near, far, unrelated], related=2)
    assert subject.related == [both, near]
    assert unrelated.related == []


def test_related_briefs_leave_out_the_older_and_newer_links():
    older, subject, newer = (
        brief("older", 2010, "Ports"),
        brief("subject", 2012, "Ports"),
        brief("newer", 2014, "Ports"),
    )
    other = brief("other", 2020, "Ports")
    link_briefs([older, subject, newer, other], related=3)
    assert subject.related == [other]


def test_related_can_be_turned_off():
    a, b = brief("a", 2010, "Ports"), brief("b", 2012, "Ports")
    link_briefs([a, b], related=0)
    assert a.related == [] and a.newer_in_topic is b
