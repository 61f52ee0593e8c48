"""Text from a dump renders exactly as written, whatever Markdown syntax it contains."""

import html

import pytest

from crimebriefs.escape import escape_block
from tests.conftest import pelican_markdown

# Pelican's own Markdown set-up (extra, codehilite, meta), so the test sees what the site renders.
MARKDOWN = pelican_markdown()

TEXTS = [
    "A gang leader escaped <script>alert(1)</script> during a riot.",
    "Officials posted a [link](javascript:alert(1)) about it.",
    "# Not a heading",
    "> not a quote",
    "- not a list item",
    "+ nor this",
    "1984. A year, not a list.",
    "2) Neither this.",
    "*stars* and _underscores_ and snake_case_names stay.",
    "Back\\slash and `ticks` and **bold**.",
    "Fish & chips, &amp; stays literal, &#169; too.",
    "{% raw %}{{ SITEURL }}{% endraw %} and {filename}/../../etc/passwd",
    "Trailing attributes {#id .class}",
    "~~~ not a fence",
    "<http://example.com> is not a link",
    "Footnote[^1] and ![image](x.png)",
    "Qué pasó: «comillas» — and ‘quotes’.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_escaped_text_renders_as_written(text):
    rendered = MARKDOWN.reset().convert(escape_block(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    assert html.unescape(rendered[3:-4]) == text


def test_plain_prose_is_left_alone():
    text = "Ecuador's authorities say they are shifting their security focus, raising questions."
    assert escape_block(text) == text
