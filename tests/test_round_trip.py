"""A written brief read back by Pelican's reader has exactly the metadata the converter produced."""

import datetime

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from pelican.settings import read_settings

from crimebriefs.markdown_file import render_file
from crimebriefs.model import Brief, Paragraph, Status
from crimebriefs.reader import BriefReader
from tests.paths import REPO
from tests.test_fuzz import PROPERTY

SETTINGS = read_settings(path=str(REPO / "pelicanconf.py"))

# Field text as the parser leaves it: one line, no control characters, trimmed, in any script.
field_text = (
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)
TRICKY_TITLES = [
    'He said: "No" — it\'s #1',
    "Colombia: ¿Qué sigue? 'Paz total' & the ELN",
    "- a dash first: and - more",
    "yes",
    "2015-09-22",
    "null",
    "@handle %percent `tick` *star* [link]",
    "Cartel de Sinaloa: “El Chapo” y Zambada",
]


def read_back(tmp_path, brief: Brief) -> dict:
    path = tmp_path / "brief.md"
    path.write_text(render_file(brief), encoding="utf-8")
    return BriefReader(SETTINGS).read(str(path))[1]


def make_brief(title, topic, authors, tags, date=datetime.date(2015, 9, 22)) -> Brief:
    return Brief(
        origin="page.txt",
        key="page.txt",
        status=Status.PUBLISHED,
        title=title,
        kind="Brief",
        topic=topic,
        date=date,
        authors=authors,
        lang="es",
        tags=tags,
        source_url="https://insightcrime.org/news/brief/a-page/?from=x#top",
        blocks=[Paragraph("The body.")],
    )


def assert_same_metadata(metadata: dict, brief: Brief) -> None:
    assert isinstance(metadata["title"], Markup)
    assert metadata["title"].unescape() == brief.title
    assert metadata["topic"] == brief.topic
    assert metadata["category"].name == brief.topic.strip()
    assert metadata["date"].date() == brief.date
    assert [author.name for author in metadata["authors"]] == brief.authors
    assert [tag.name for tag in metadata.get("tags", [])] == brief.tags
    assert metadata["source"] == brief.source_url
    assert (metadata["kind"], metadata["lang"]) == (brief.kind, brief.lang)


def test_quotes_colons_accents_and_commas_survive_pelicans_reader(tmp_path):
    for title in TRICKY_TITLES:
        brief = make_brief(title, "Gender and Crime", ["José Núñez", "Douwe den Held"], ["Cocaine, Crack", "Ñ: sí"])
        assert_same_metadata(read_back(tmp_path, brief), brief)


@PROPERTY
@given(
    field_text,
    field_text,
    st.lists(field_text, min_size=1, max_size=3, unique=True),
    st.lists(field_text, max_size=3, unique=True),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)),
)
def test_any_metadata_the_converter_writes_reads_back_the_same(tmp_path_factory, title, topic, authors, tags, date):
    brief = make_brief(title, topic, authors, tags, date)
    assert_same_metadata(read_back(tmp_path_factory.mktemp("brief"), brief), brief)
