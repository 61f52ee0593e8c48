"""The page tree the import reads HTML into is BeautifulSoup's tree of the page, element for element and string
for string, and an element copied into BeautifulSoup converts to the Markdown it would in BeautifulSoup's tree."""

import gc
import json
import re
import weakref

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.builder import HTMLTreeBuilder

from crimebriefs.html_markdown import BriefConverter
from crimebriefs.html_tree import Element, parse_html, to_soup
from tests.conftest import REPO, VARIANTS, needs_variants

FIXTURES = REPO / "tests" / "fixtures"
_LIST_ATTRIBUTES = HTMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES
_WORDS = re.compile(r"\S+")

# Markup where BeautifulSoup's lxml builder has rules of its own: spaces, string kinds, what splits a string.
TRICKY = [
    "<p>  spaced   <em> em </em>  text </p>\n\n \t <p>after blank lines</p>",
    "<pre>  a  \n  b <b> c </b>  </pre>  <p>\n</p><textarea>   </textarea>",
    "<p>漢<ruby>字<rt>ji <b>bold</b></rt><rp>(</rp></ruby> tail</p>",
    "<p>before<!-- a comment -->after<!---->end<!--   --></p>",
    "<p>a<?php echo 1 ?>b</p><p>c<!DOCTYPE html>d</p>",
    "\ufeff<!DOCTYPE html><!-- top --><html><body><p>x</p></body></html>\n<p>after the end</p>  <!-- c --> tail",
    "<p>one<p>two<div>three<li>four<td>five",
    "<table><tr><td>a<td>b<tr><th>c</table><ul><li>one<ul><li>two</ul></ul>",
    "<p>x<embed src='a'>inside?<p>y<source>z<track>",
    "<p>&nbsp;&amp;&lt;&#0;&#x1F600;&bogus;</p>\r\n<p>\r</p>",
    "<script>if (a < b) {}</script><style>p{}</style><template><p>t</p></template><noscript>n</noscript>",
    "<svg><p>in svg</p></svg><math><mi>x</mi></math><o:p>office</o:p><a:b c:d='e'>ns</a:b>",
    "<div class=' a  b ' id='i' rel='x y' hidden>c</div><a rel='nofollow  canonical' href='h'>l</a>",
    "<b>" * 300 + "deep" + "</b>" * 10 + "<i>" * 5 + "x",
    "",
    "   ",
    "<!-- only a comment -->",
    "<?xml version='1.0'?><p>x</p>",
]


def soup_nodes(node) -> list[tuple]:
    """Every element and string under ``node`` as BeautifulSoup has them."""
    found = []
    for each in node.descendants:
        if isinstance(each, Tag):
            attrs = {name: tuple(value) if isinstance(value, list) else value for name, value in each.attrs.items()}
            found.append(("element", each.name, attrs))
        else:
            found.append((type(each).__name__, str(each)))
    return found


def tree_nodes(node: Element) -> list[tuple]:
    """The same of the page tree, its attributes split into words where BeautifulSoup splits them."""
    found = []
    for each in node.descendants:
        if each.name is None:
            found.append((each.kind.__name__, each.value))
            continue
        lists = _LIST_ATTRIBUTES["*"] | _LIST_ATTRIBUTES.get(each.name, set())
        attrs = {name: tuple(_WORDS.findall(value)) if name in lists else value for name, value in each.attrs.items()}
        found.append(("element", each.name, attrs))
    return found


def saved_pages() -> list[str]:
    needs_variants()
    pages = [VARIANTS.joinpath("html_saved_page.html").read_text(encoding="utf-8")]
    pages += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.html"))]
    for line in VARIANTS.joinpath("crawl.jsonl").read_bytes().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("html"), str):
            pages.append(record["html"])
    return pages


def test_the_page_tree_is_beautifulsoups_tree_of_every_saved_page():
    for markup in saved_pages():
        assert tree_nodes(parse_html(markup)) == soup_nodes(BeautifulSoup(markup, "lxml"))


@pytest.mark.parametrize("markup", TRICKY)
@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_the_page_tree_is_beautifulsoups_tree_of_tricky_markup(markup):
    assert tree_nodes(parse_html(markup)) == soup_nodes(BeautifulSoup(markup, "lxml"))


def test_an_element_copied_into_beautifulsoup_is_the_same_element():
    for markup in saved_pages():
        article = parse_html(markup).find("article")
        if article is not None:
            assert soup_nodes(to_soup(article)) == tree_nodes(article)


@pytest.mark.parametrize(
    ("markup", "name", "number"),
    [
        ("<ol start='3'><li>a</li><li>b <a href='http://x.org/'>y</a></li></ol>", "li", 1),
        ("<table><tr><td>x</td></tr><tr><td><a href='http://x.org/'>c</a></td><td>d</td></tr></table>", "tr", 1),
        ("<table><thead><tr><th>h</th></tr></thead><tbody><tr><td><em>c</em></td></tr></tbody></table>", "tr", 1),
        ("<pre><div><b>  keep\n\n  lines </b><i>x</i></div></pre>", "div", 0),
        ("<p>a <b>b</b><script>s</script> <i>c</i>\n<!-- x --> d</p>", "p", 0),
    ],
)
def test_an_element_copied_into_beautifulsoup_converts_as_it_would_in_beautifulsoups_tree(markup, name, number):
    document = parse_html(markup)
    ours = [element for element in document.elements() if element.name == name][number]
    theirs = BeautifulSoup(markup, "lxml").find_all(name)[number]
    converter = BriefConverter("https://insightcrime.org/")
    expected = converter.process_tag(theirs, parent_tags=set()).strip("\n")
    assert converter.markdown(ours) == expected


def test_a_read_page_is_freed_as_soon_as_it_is_dropped_without_the_cycle_collector():
    gc.disable()
    try:
        document = parse_html("<article><h1>T</h1><p>a <b>b</b></p><script>x</script><embed><p>c</p></article>")
        article = document.find("article")
        article.find("script").decompose()
        article.find("embed").unwrap()
        article.wrap(article.children[1:2], "p")
        freed = weakref.ref(document), weakref.ref(article)
        del document, article
        assert [ref() for ref in freed] == [None, None]
    finally:
        gc.enable()
