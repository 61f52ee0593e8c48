"""What the brief reader makes of a brief's fields without asking Markdown, it makes as Markdown would."""

import copy

from hypothesis import given
from hypothesis import strategies as st
from pelican.settings import read_settings

from crimebriefs.reader import PLAIN_PROSE, BriefReader
from tests.test_fuzz import PROPERTY


def reader(**markdown) -> BriefReader:
    settings = read_settings()
    settings["MARKDOWN"] = {**copy.deepcopy(settings["MARKDOWN"]), **markdown}
    return BriefReader(settings)


PELICANS = reader()


@PROPERTY
@given(st.from_regex(PLAIN_PROSE, fullmatch=True))
def test_a_summary_of_plain_prose_is_the_paragraph_markdown_makes_of_it(text):
    assert PELICANS.prose_is_paragraph
    assert PELICANS.markdown_html(text) == PELICANS._md.reset().convert(text)


def test_a_summary_with_markup_or_on_several_lines_is_left_to_markdown():
    assert (
        PELICANS.markdown_html("Police *seized* 2 tonnes & more") == "<p>Police <em>seized</em> 2 tonnes &amp; more</p>"
    )
    assert PELICANS.markdown_html("Ecuador: the review") == "<p>Ecuador: the review</p>"
    assert PELICANS.markdown_html("One line.\n\nAnother.") == "<p>One line.</p>\n<p>Another.</p>"
    assert PELICANS.markdown_html("1. A list") == "<ol>\n<li>A list</li>\n</ol>"


def test_a_site_whose_markdown_changes_punctuation_has_every_summary_made_by_markdown():
    smart = reader(extensions=["markdown.extensions.smarty"], extension_configs={})
    assert not smart.prose_is_paragraph
    assert smart.markdown_html("Prices rose -- again...") == "<p>Prices rose &ndash; again&hellip;</p>"
