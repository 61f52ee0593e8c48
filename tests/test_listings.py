"""The rows of the overview pages, and the facts every page of a listing repeats."""

import datetime
from types import SimpleNamespace

from crimebriefs.listings import busiest_first, by_name, latest


class Brief(SimpleNamespace):
    """A brief that counts how often its date is read."""

    reads = 0

    @property
    def date(self):
        Brief.reads += 1
        return self._date


def briefs(*days: int) -> list[Brief]:
    return [Brief(_date=datetime.date(2024, 1, day)) for day in days]


def test_rows_put_the_busiest_first_then_the_most_recent_then_by_name():
    pairs = [("Zeta", briefs(1, 2)), ("alpha", briefs(3)), ("Beta", briefs(9)), ("Gamma", briefs(5, 6)), ("Empty", [])]
    rows = busiest_first(pairs)
    assert [(row.item, row.count, row.latest.day) for row in rows] == [
        ("Gamma", 2, 6), ("Zeta", 2, 2), ("Beta", 1, 9), ("alpha", 1, 3)
    ]  # fmt: skip
    assert [row.item for row in by_name(pairs)] == ["alpha", "Beta", "Gamma", "Zeta"]


def test_every_page_of_a_listing_reuses_what_its_first_page_worked_out():
    # A tag of a thousand briefs has fifty pages; each must not read all thousand dates again.
    tag = briefs(*range(1, 29)) * 36
    Brief.reads = 0
    assert all(latest(tag).day == 28 for _ in range(50))
    assert Brief.reads == len(tag)
    topics = [("Extortion", tag)]
    first = busiest_first(topics)
    assert all(busiest_first(topics) is first for _ in range(50))


def test_another_list_is_worked_out_afresh_even_when_its_items_are_the_same():
    older, newer = briefs(1, 2), briefs(1, 2)
    assert latest(older).day == 2
    newer.append(Brief(_date=datetime.date(2025, 3, 4)))
    assert latest(newer) == datetime.date(2025, 3, 4)
    older.append(Brief(_date=datetime.date(2026, 5, 6)))
    # The same list, grown: its length is part of what it is remembered by.
    assert latest(older) == datetime.date(2026, 5, 6)
