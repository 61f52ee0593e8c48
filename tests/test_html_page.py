"""Saved HTML pages convert into the same briefs as text pages, from the page's own signals."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from crimebriefs.convert import convert_paths, to_record
from crimebriefs.html_markdown import safe_url
from tests.conftest import REPO, VARIANTS, needs_variants, pelican_markdown
from tests.test_sample_page import CHROME_LINES, sample_record, source_paragraphs

SAVED_PAGE = VARIANTS / "html_saved_page.html"
FIXTURES = REPO / "tests" / "fixtures"
RICH_ARTICLE = FIXTURES / "rich_article.html"
SAMPLE_FIELDS = ("status", "title", "date", "topic", "authors", "kind", "lang", "tags", "source_url", "summary")


def convert(path: Path, url: str | None = None) -> dict:
    (converted,) = convert_paths([path], url)
    return to_record(converted)


def saved_page_variant(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """The saved sample page with some of its markup replaced, each replacement checked to apply."""
    html = SAVED_PAGE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in html, old
        html = html.replace(old, new)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def body_parts(record: dict) -> tuple[list[str], list[str]]:
    """The body's headings and its paragraphs, see-also links aside."""
    blocks = record["body"].split("\n\n")
    headings = [b for b in blocks if b.startswith("#")]
    return headings, [b for b in blocks if not b.startswith("#") and "{tag}" not in b]


def test_saved_page_has_the_text_samples_metadata(variants):
    record, text = convert(SAVED_PAGE), sample_record()
    assert {name: record[name] for name in SAMPLE_FIELDS} == {name: text[name] for name in SAMPLE_FIELDS}
    assert record["title"] == "Ecuador Shifts Security Focus to Microtrafficking"
    assert (record["date"], record["topic"], record["authors"]) == ("2015-09-22", "Drug Policy", ["Sam Tabory"])
    assert (record["kind"], record["lang"], record["tags"]) == ("Brief", "en", ["Microtrafficking", "Ecuador"])
    assert record["warnings"] == []


def test_saved_page_keeps_the_same_ten_paragraphs_and_one_subhead(variants):
    headings, paragraphs = body_parts(convert(SAVED_PAGE))
    assert headings == ["## InSight Crime Analysis"]
    assert paragraphs == source_paragraphs()
    assert len(paragraphs) == 10


def test_saved_page_writes_the_same_markdown_file_as_the_text_page(variants):
    assert convert(SAVED_PAGE)["markdown"] == sample_record()["markdown"]


def test_saved_page_leaves_out_navigation_share_donation_related_about_and_footer(variants):
    markdown_text = convert(SAVED_PAGE)["markdown"]
    for chrome in (*CHROME_LINES, "Home", "Click here", "Open Position", "© InSight Crime", "latin America’s largest"):
        assert chrome not in markdown_text, chrome


def test_canonical_link_is_the_source_url(tmp_path, variants):
    page = saved_page_variant(tmp_path, ('<meta property="og:url"', '<meta property="og:ignored"'))
    assert convert(page)["source_url"] == (
        "https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"
    )


def test_og_url_stands_in_for_a_missing_canonical_link(tmp_path, variants):
    page = saved_page_variant(tmp_path, ('<link rel="canonical"', '<link rel="alternate"'))
    assert convert(page)["source_url"].endswith("/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/")


def test_a_canonical_link_whose_host_is_broken_is_no_source_url(tmp_path, variants):
    canonical = "https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"
    record = convert(saved_page_variant(tmp_path, (canonical, "http://[not-an-address/")))
    assert (record["title"], record["source_url"]) == ("Ecuador Shifts Security Focus to Microtrafficking", None)


def test_a_given_url_wins_over_the_canonical_link_and_the_difference_is_reported(variants):
    record = convert(SAVED_PAGE, "https://insightcrime.org/news/brief/ecuador-microtrafficking/")
    assert record["source_url"] == "https://insightcrime.org/news/brief/ecuador-microtrafficking/"
    assert record["warnings"] == [
        "the page's canonical link https://insightcrime.org/news/brief/"
        "new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/ differs from its given URL "
        "https://insightcrime.org/news/brief/ecuador-microtrafficking/; keeping the given URL"
    ]


def test_visible_header_wins_over_page_metadata_and_the_difference_is_reported(tmp_path, variants):
    page = saved_page_variant(
        tmp_path,
        ('content="Drug Policy"', 'content="Security Policy"'),
        ('content="2015-09-22T12:00:00+00:00"', 'content="2015-09-23T01:00:00+00:00"'),
        ('<meta name="author" content="Sam Tabory">', '<meta name="author" content="Web Desk">'),
    )
    first, second = convert(page), convert(page)
    assert (first["topic"], first["date"], first["authors"]) == ("Drug Policy", "2015-09-22", ["Sam Tabory"])
    assert first["warnings"] == [
        "the page's metadata gives the topic 'Security Policy'; the visible header's 'Drug Policy' is kept",
        "the page's metadata gives the date '2015-09-23'; the visible header's '2015-09-22' is kept",
        "the page's metadata gives the authors 'Web Desk'; the visible header's 'Sam Tabory' is kept",
    ]
    assert second == first


def test_page_metadata_fills_what_the_visible_header_does_not_say(tmp_path, variants):
    page = saved_page_variant(
        tmp_path,
        (
            '<div class="meta"><a href="/category/drug-policy/" rel="category tag">DRUG POLICY</a> / '
            '<span class="date">22 SEP 2015</span> BY <a class="author" href="/author/sam-tabory/">SAM TABORY</a> '
            '<a class="lang-switch" href="#">EN</a></div>',
            "",
        ),
    )
    record = convert(page)
    assert record["status"] == "published"
    assert (record["topic"], record["date"], record["authors"], record["lang"]) == (
        "Drug Policy",
        "2015-09-22",
        ["Sam Tabory"],
        "en",
    )
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("Lucía de la Torre y Marcos McAllister", ["Lucía de la Torre", "Marcos McAllister"]),
        ("Sam Tabory, Jane Doe & John Roe", ["Sam Tabory", "Jane Doe", "John Roe"]),
        ("https://insightcrime.org/author/sam-tabory/", []),
    ],
)
def test_author_meta_names_are_split_as_a_byline_is(tmp_path, variants, authors, expected):
    page = saved_page_variant(
        tmp_path,
        ('<div class="meta">', '<div class="byline-gone" hidden>'),
        ('<meta name="author" content="Sam Tabory">', f'<meta name="author" content="{authors}">'),
    )
    assert convert(page)["authors"] == expected


def test_json_ld_fills_what_meta_tags_do_not_give(tmp_path, variants):
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, '
        '{"@type": "NewsArticle", "headline": "Ecuador Shifts Security Focus to Microtrafficking", '
        '"datePublished": "2015-09-22", "articleSection": ["Drug Policy", "Ecuador"], "inLanguage": "en-US", '
        '"author": [{"@type": "Person", "name": "Sam Tabory"}]}]}</script>\n</head>'
    )
    page = saved_page_variant(
        tmp_path,
        ('<div class="meta">', '<div class="byline-gone" hidden>'),
        ('<meta property="article:published_time"', '<meta property="ignored:published_time"'),
        ('<meta property="article:section"', '<meta property="ignored:section"'),
        ('<meta name="author"', '<meta name="ignored"'),
        ('<html lang="en-US">', "<html>"),
        ('<meta property="og:locale" content="en_US">', ""),
        ("</head>", json_ld),
    )
    record = convert(page)
    assert (record["topic"], record["date"], record["authors"], record["lang"]) == (
        "Drug Policy",
        "2015-09-22",
        ["Sam Tabory"],
        "en",
    )


def test_a_json_ld_block_that_is_not_json_is_reported(tmp_path, variants):
    page = saved_page_variant(tmp_path, ("</head>", '<script type="application/ld+json">{"@type": </script></head>'))
    assert convert(page)["warnings"] == ["JSON-LD block 1 is not valid JSON; ignored"]


def test_og_title_stands_in_for_a_missing_h1(tmp_path, variants):
    page = saved_page_variant(
        tmp_path,
        (
            '<h1 class="entry-title">Ecuador Shifts Security Focus to Microtrafficking</h1>',
            "",
        ),
    )
    record = convert(page)
    assert record["title"] == "Ecuador Shifts Security Focus to Microtrafficking"
    assert record["status"] == "published"


def test_article_markup_survives_as_markdown():
    record = convert(RICH_ARTICLE)
    assert record["body"] == "\n\n".join(
        [
            "![Contenedores en el puerto de Buenaventura]"
            "(https://es.insightcrime.org/wp-content/uploads/puerto.jpg)\n\nContenedores en Buenaventura",
            "Las autoridades del **puerto de Buenaventura** decomisaron *tres toneladas* de cocaína, según un "
            "[informe reciente](https://es.insightcrime.org/investigaciones/informe-puertos/) y la "
            "[DIAN](https://www.dian.gov.co/).",
            "Los decomisos se concentraron en tres terminales:",
            "- Terminal norte, con **1,2 toneladas**;\n- Terminal sur;\n- Muelle de cabotaje.",
            "### Cómo se esconde la carga",
            "1. Dentro de frutas congeladas.\n2. En dobles fondos de contenedores.",
            "> “Los grupos cambian de terminal cada vez que reforzamos una”, dijo un funcionario.",
            "| Año | Toneladas |\n| --- | --- |\n| 2020 | 12 |\n| 2021 | 31 |",
            "*Vea también:* [Colombia](<{tag}Colombia>)",
            "## Análisis de InSight Crime",
            "El aumento de los decomisos no significa necesariamente que haya más droga en circulación.",
            "La competencia por los puertos seguirá marcando la violencia en la región.",
        ]
    )


def test_article_metadata_comes_from_breadcrumb_lang_and_meta_tags():
    record = convert(RICH_ARTICLE)
    assert record["title"] == "Puertos bajo presión"  # the visible <h1>, not og:title
    assert record["kind"] == "Análisis"  # from the breadcrumb
    assert record["lang"] == "es"  # from <html lang="es-CO">
    assert (record["topic"], record["date"]) == ("Puertos", "2022-04-05")
    assert record["authors"] == ["Ana Gómez", "Luis Pardo"]
    assert record["tags"] == ["Colombia"]  # the see-also line and article:tag name the same tag
    assert record["source_url"] == "https://es.insightcrime.org/noticias/analisis/puertos-bajo-presion/"


def test_article_chrome_blocks_are_left_out():
    markdown_text = convert(RICH_ARTICLE)["markdown"]
    for chrome in ("Logo", "Inicio", "Compartir", "Necesitamos recursos", "DONAR", "boletín", "Contenido relacionado",
                   "Otra nota", "Sobre InSight Crime", "Comentarios", "falta contexto", "© Sitio"):  # fmt: skip
        assert chrome not in markdown_text, chrome


def test_article_markdown_renders_to_the_same_structure():
    html = BeautifulSoup(pelican_markdown().convert(convert(RICH_ARTICLE)["body"]), "html.parser")
    assert [li.get_text() for li in html.select("ul > li")] == [
        "Terminal norte, con 1,2 toneladas;",
        "Terminal sur;",
        "Muelle de cabotaje.",
    ]
    assert len(html.select("ol > li")) == 2
    assert html.select_one("blockquote p").get_text().startswith("“Los grupos cambian")
    assert [cell.get_text() for cell in html.select("table th, table td")] == ["Año", "Toneladas", "2020", "12",
                                                                              "2021", "31"]  # fmt: skip
    image = html.select_one("img")
    assert (image["src"], image["alt"]) == (
        "https://es.insightcrime.org/wp-content/uploads/puerto.jpg",
        "Contenedores en el puerto de Buenaventura",
    )
    assert [a["href"] for a in html.select("p a") if a["href"].startswith("http")] == [
        "https://es.insightcrime.org/investigaciones/informe-puertos/",
        "https://www.dian.gov.co/",
    ]
    assert html.select_one("strong").get_text() == "puerto de Buenaventura"
    assert html.select_one("h3").get_text() == "Cómo se esconde la carga"


def test_relative_links_without_any_source_url_are_left_as_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><article><h1>A Title</h1><p>See <a href="/report/">the report</a> and '
        '<a href="https://example.org/x">this</a>.</p></article></body></html>',
        encoding="utf-8",
    )
    record = convert(page)
    assert record["source_url"] is None
    assert record["body"] == "See the report and [this](https://example.org/x)."


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/tag/x/", "https://insightcrime.org/tag/x/"),
        ("../other/", "https://insightcrime.org/news/other/"),
        ("//cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg"),
        ("https://example.org/a b(c)", "https://example.org/a%20b%28c%29"),
        ("https://example.org/{filename}/x", "https://example.org/%7Bfilename%7D/x"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" java\tscript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html;base64,PHNjcmlwdD4=", None),
        ("vbscript:msgbox(1)", None),
        ("file:///etc/passwd", None),
        ("#section-2", None),
        ("", None),
        (None, None),
    ],
)
def test_link_urls_are_absolute_http_or_dropped(href, expected):
    assert safe_url(href, "https://insightcrime.org/news/brief/") == expected


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "<<<>>>",
        "just some words, no markup at all",
        "<html><head><title>Only a title</title></head></html>",
        "<p>unclosed <b>bold <i>italic <table><tr><td>cell",
        "\x00\x01",
    ],
)
def test_broken_or_empty_html_gives_a_clear_outcome(tmp_path, markup):
    page = tmp_path / "page.html"
    page.write_text(markup, encoding="utf-8")
    record = convert(page)
    assert record["status"] in ("draft", "skipped")
    assert record["reason"]


def test_messages_about_an_html_page_name_the_line_of_its_markup():
    record = convert(FIXTURES / "hostile_markup.html")
    assert record["warnings"][0] == "line 26: byline part '<img src=x onerror=alert(1)>' is not a name; left out"


def html_body(tmp_path: Path, article: str) -> str:
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><h1>A Title</h1>{article}</article></body></html>", encoding="utf-8")
    return convert(page)["body"]


def test_hidden_text_is_left_out_however_long(tmp_path):
    hidden = "<p>Hidden words a reader of the page never sees, repeated at length.</p>" * 5
    body = html_body(tmp_path, f'<div style="display: none">{hidden}</div><div hidden>{hidden}</div><p>Seen.</p>')
    assert body == "Seen."


def test_a_wrapper_holding_most_of_the_text_stays_whatever_its_class(tmp_path):
    article = (
        '<div class="content has-sidebar"><p>The first paragraph of the story.</p><p>The second one.</p></div>'
        '<div class="share-links"><p>Share this</p></div>'
    )
    assert html_body(tmp_path, article) == "The first paragraph of the story.\n\nThe second one."


@pytest.mark.parametrize("opening", ["<b>", "<div><span>", "<em><a href='/x'>"])
def test_markup_nested_thousands_deep_keeps_its_text_and_the_rest_of_the_page(tmp_path, opening):
    needs_variants()
    deep = "<p>" + opening * 5000 + "Words buried deep.</p>"
    record = convert(saved_page_variant(tmp_path, ("<p>At his swearing-in", deep + "<p>At his swearing-in")))
    assert record["status"] == "published"
    assert "Words buried deep." in record["body"]
    assert "At his swearing-in ceremony" in record["body"]
