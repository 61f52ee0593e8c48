"""Every layout in ../shared/dumps/variants gives the status and fields a careful reader would."""

import pytest

from crimebriefs.convert import convert_paths, to_record
from tests.conftest import VARIANTS

# file → the fields a careful reader gives it; fields not named here are checked elsewhere.
EXPECTED = {
    "en_topic_with_and.txt": {
        "status": "published",
        "title": "Court Orders Review of Detention Conditions for Women",
        "kind": "Brief",
        "topic": "Gender and Crime",
        "date": "2020-12-17",
        "authors": ["InSight Crime"],
        "lang": "en",
        "tags": [],
    },
    "en_unit_byline_nbsp.txt": {
        "status": "published",
        "title": "Mining Gangs Move Into Protected Forest Reserves",
        "kind": "Analysis",
        "topic": "Illegal Mining",
        "date": "2014-03-03",
        "authors": ["Venezuela Investigative Unit"],
        "lang": "en",
        "tags": ["Illegal Mining"],
    },
    "es_two_authors.txt": {
        "status": "published",
        "title": "La disputa por los puertos del Pacífico reordena el mapa criminal",
        "kind": "Análisis",
        "topic": "Puertos",
        "date": "2021-08-09",
        "authors": ["Lucía de la Torre", "Marcos McAllister"],
        "lang": "es",
        "tags": ["Puertos", "Ecuador"],
    },
    "en_profile_header.txt": {
        "status": "published",
        "title": "Isthmus Profile",
        "kind": "Profile",
        "topic": "Central America",
        "date": "2019-05-02",
        "authors": [],
        "lang": "en",
    },
    "latin1_encoded.txt": {
        "status": "published",
        "title": "Policía Detains Suspects in Bogotá",
        "kind": "Brief",
        "topic": "Colombia",
        "date": "2015-01-05",
        "authors": ["Ana Pérez"],
        "lang": "en",
    },
    "hostile_markup.txt": {
        "status": "published",
        "title": "<script>alert('title')</script> Gang Leader Escapes",
        "kind": "Brief",
        "topic": "Prisons",
        "date": "2014-06-02",
        "authors": [],
        "lang": "en",
    },
    "en_header_no_meta.txt": {
        "status": "draft",
        "reason": "missing date, topic and authors",
        "title": "GameChangers 2030: Five Trends That Shaped Organized Crime This Year",
        "kind": "Analysis",
        "topic": None,
        "date": None,
        "authors": [],
        "lang": "en",
    },
    "body_only_single_newlines.txt": {
        "status": "draft",
        "reason": "missing title, date, topic and authors",
        "title": None,
        "date": None,
        "lang": "en",
    },
    "org_date_prefix.txt": {
        "status": "draft",
        "reason": "missing title, topic and authors",
        "title": None,
        "date": "2022-03-14",
        "lang": "en",
        "summary": "The organization presented its annual report on homicides at a public event attended by "
        "researchers and journalists. The report covers twenty countries.",
    },
    "legacy_caption.txt": {
        "status": "draft",
        "reason": "missing title, date, topic and authors",
        "title": None,
        "date": None,
        "lang": "en",
    },
    "legacy_banner.txt": {
        "status": "draft",
        "reason": "missing title, date, topic and authors",
        "title": None,
        "date": None,
        "lang": "en",
    },
    "listing_tag_page.txt": {"status": "skipped", "title": None, "body": None, "markdown": None},
    "listing_country_hub.txt": {"status": "skipped", "title": None, "body": None, "markdown": None},
    "empty.txt": {"status": "skipped", "reason": "empty file: no text to import", "markdown": None},
    "binary.bin.txt": {
        "status": "skipped",
        "reason": "binary file (it contains NUL bytes), not a text page",
        "markdown": None,
    },
}

# file → the body's paragraphs and headings, in order (see-also links aside).
BODIES = {
    "body_only_single_newlines.txt": [
        "The arrest of a local gang leader has set off a scramble among rival cliques for control of bus "
        "extortion routes in the capital.",
        "Police said the leader was detained during a raid on a safe house in the city's north.",
        "## InSight Crime Analysis",
        "Leadership arrests often fragment gangs rather than weaken them, and the resulting competition can "
        "raise violence in the short term.",
    ],
    "org_date_prefix.txt": [
        "The organization presented its annual report on homicides at a public event attended by researchers "
        "and journalists. The report covers twenty countries.",
        "It is available in English and Spanish.",
    ],
    "legacy_caption.txt": [
        "Coast guard units intercepted a speedboat carrying more than a ton of cocaine off the northern coast, "
        "the third such seizure this month.",
        "Officials said the boat had left from a river delta two days earlier and was heading north.",
        "The interception shows how maritime routes remain central to regional trafficking.",
    ],
    "legacy_banner.txt": [
        "Customs agents at a border crossing found fuel stolen from pipelines hidden in a tanker truck, "
        "officials said.",
        "The case adds to a growing list of fuel theft investigations in the area.",
    ],
    "en_unit_byline_nbsp.txt": [
        "Armed groups have expanded illegal gold mining operations into two forest reserves, according to "
        "satellite images reviewed by environmental monitors.",
        "The images show new clearings along three rivers since January.",
        "## InSight Crime Analysis",
        "Mining camps in remote areas are hard to police, and local officials say they lack boats and fuel to "
        "reach them.",
    ],
    "en_profile_header.txt": [
        "The isthmus sits between the main producing and consuming regions, which has made it a transit "
        "corridor for decades.",
        "## Geography",
        "Long coastlines and porous land borders make smuggling routes hard to monitor.",
        "## History",
        "Civil conflicts left a surplus of weapons and trained fighters in several countries.",
    ],
    "es_two_authors.txt": [
        "Las autoridades portuarias reportaron un aumento sostenido en los decomisos de contenedores durante el "
        "primer semestre del año, una señal de que los grupos criminales han cambiado sus rutas.",
        "Según cifras oficiales, los decomisos pasaron de 12 a 31 toneladas en comparación con el mismo período "
        "del año anterior.",
        "## Análisis de InSight Crime",
        "El aumento de los decomisos no significa necesariamente que haya más droga en circulación. También "
        "puede reflejar mejores controles en los puertos principales.",
        "Lo que sí parece claro es que la competencia entre grupos locales por el acceso a los puertos seguirá "
        "marcando la violencia en la región.",
    ],
}


def record_for(name: str) -> dict:
    (converted,) = convert_paths([VARIANTS / name])
    return to_record(converted)


def test_every_variant_file_has_an_expectation(variants):
    assert sorted(p.name for p in variants.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_variant_fields(variants, name):
    record = record_for(name)
    for field, expected in EXPECTED[name].items():
        assert record[field] == expected, f"{name}: {field}"


@pytest.mark.parametrize("name", sorted(BODIES))
def test_variant_body_blocks(variants, name):
    blocks = [b for b in record_for(name)["body"].split("\n\n") if "{tag}" not in b]
    assert blocks == BODIES[name]


def test_draft_file_says_what_an_editor_must_add(variants):
    markdown = record_for("en_header_no_meta.txt")["markdown"]
    assert "\nstatus: draft\n" in markdown
    assert (
        "\nreview: Add the date, topic and authors, then delete the status and review lines to publish.\n" in markdown
    )


def test_skipped_pages_say_why(variants):
    assert record_for("listing_tag_page.txt")["reason"] == (
        "listing page (site tagline): line 1 reads 'Investigation and Analysis of Organized Crime'"
    )
    assert record_for("listing_country_hub.txt")["reason"] == "country hub page: line 2 reads 'Latest News'"


def test_latin1_page_says_it_fell_back(variants):
    assert record_for("latin1_encoded.txt")["warnings"] == ["not UTF-8 (byte 18); decoded as Windows-1252 (Latin-1)"]


def test_hostile_byline_is_not_taken_for_an_author(variants):
    record = record_for("hostile_markup.txt")
    assert record["warnings"] == ["line 6: byline part '<img src=x onerror=alert(1)>' is not a name; left out"]


def test_hostile_body_is_escaped_text(variants):
    body = record_for("hostile_markup.txt")["body"]
    assert "<script" not in body and "<iframe" not in body
    assert "&lt;script>" in body
    assert "\\[link\\](javascript:alert(1))" in body


def test_legacy_sidebar_and_caption_are_gone(variants):
    markdown = record_for("legacy_caption.txt")["markdown"]
    for line in (
        "Police officers inspect a seized speedboat",
        "Investigations",
        "• 1",
        "Prev Next",
        "Counting Seizures",
    ):
        assert line not in markdown
