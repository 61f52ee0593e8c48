"""The chart of briefs per year: counts with quiet years, and an SVG that says what it shows."""

import datetime
from types import SimpleNamespace

from bs4 import BeautifulSoup

from crimebriefs.charts import MAX_WIDTH, briefs_per_year, year_chart


def briefs(*years: int) -> list:
    return [SimpleNamespace(date=datetime.datetime(year, 6, 1, tzinfo=datetime.UTC)) for year in years]


def test_counts_run_from_the_first_year_to_the_last_with_quiet_years_at_zero():
    assert briefs_per_year(briefs(2021, 2018, 2021, 2020)) == [(2018, 1), (2019, 0), (2020, 1), (2021, 2)]
    assert briefs_per_year([]) == []


def test_chart_names_its_subject_and_lists_every_year_for_screen_readers():
    svg = BeautifulSoup(year_chart(briefs(2018, 2020, 2020), "Drug <Policy> & Co"), "html.parser").svg
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "year-chart-title year-chart-desc"
    assert svg.title.get_text() == "Briefs per year on Drug <Policy> & Co"
    assert svg.desc.get_text() == "2018: 1; 2019: 0; 2020: 2"
    assert [text.get_text() for text in svg.select("text")] == ["2", "2018", "2020"]


def test_bars_are_as_tall_as_their_counts():
    svg = BeautifulSoup(year_chart(briefs(2018, 2020, 2020, 2020, 2020), "X"), "html.parser").svg
    heights = [int(rect["height"]) for rect in svg.select("rect")]
    assert heights == [14, 56]


def test_a_long_run_of_years_still_fits_a_phone_screen():
    svg = BeautifulSoup(year_chart(briefs(1990, 2025), "X"), "html.parser").svg
    assert int(svg["width"]) <= MAX_WIDTH


def test_no_briefs_draw_no_chart():
    assert year_chart([], "X") == ""
