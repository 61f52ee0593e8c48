"""Pieces of pages the theme makes once for every page that shows them."""

from types import SimpleNamespace

from jinja2 import Environment
from pelican.settings import read_settings

from crimebriefs import templating

CARDS = Environment().from_string(
    '{% macro card(brief, level) %}{% call remembered(brief, "card", level, SITEURL) %}'
    "<h{{ level }}>{{ count(brief) }}</h{{ level }}>{% endcall %}{% endmacro %}"
    "{% for brief in briefs %}{{ card(brief, level) }}{% endfor %}"
)


def pages(briefs, siteurl=".", level=2):
    made = []

    def count(brief):
        made.append(brief.title)
        return brief.title

    html = CARDS.render(briefs=briefs, level=level, SITEURL=siteurl, count=count, remembered=templating.remembered)
    return html, made


def test_a_brief_card_is_made_once_for_every_page_that_shows_it_alike():
    templating._made.clear()
    briefs = [SimpleNamespace(title="One"), SimpleNamespace(title="Two")]
    first, made = pages(briefs)
    assert (first, made) == ("<h2>One</h2><h2>Two</h2>", ["One", "Two"])
    again, made_again = pages(briefs)
    assert (again, made_again) == (first, [])
    # Another heading level, or pages at another depth (other relative links): made anew.
    assert pages(briefs, level=3) == ("<h3>One</h3><h3>Two</h3>", ["One", "Two"])
    assert pages(briefs, siteurl="../..")[1] == ["One", "Two"]


def test_a_new_build_makes_its_cards_anew():
    templating._made.clear()
    brief = SimpleNamespace(title="Before")
    pages([brief])
    brief.title = "After"
    templating.add_template_helpers(SimpleNamespace(env=Environment(), settings=read_settings()))
    assert pages([brief]) == ("<h2>After</h2>", ["After"])
