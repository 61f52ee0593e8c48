"""A brief's attribution, from front matter and settings to the HTML blocks and JSON-LD."""

import datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from crimebriefs.attribution import bottom_html, resolve, top_html
from crimebriefs.errors import ConfigError
from crimebriefs.json_ld import news_article
from crimebriefs.licenses import deed_url, is_noncommercial
from crimebriefs.settings import plugin_settings

URL = "https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"
BY_NC = "https://creativecommons.org/licenses/by-nc/4.0/"


def attribution_settings(**overrides):
    return plugin_settings({"PATH": "content", "DEFAULT_LANG": "en", **overrides}).attribution


def text(html) -> str:
    return BeautifulSoup(str(html), "html.parser").get_text()


@pytest.mark.parametrize(
    ("name", "deed"),
    [
        ("CC BY-NC 4.0", BY_NC),
        ("cc by-nc-sa 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
        ("CC BY 3.0", "https://creativecommons.org/licenses/by/3.0/"),
        ("CC-BY-ND-2.5", "https://creativecommons.org/licenses/by-nd/2.5/"),
        ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        ("CC BY-SA-NC 4.0", None),
        ("CC BY-NC 5.0", None),
        ("All rights reserved", None),
    ],
)
def test_creative_commons_names_lead_to_their_deeds(name, deed):
    assert deed_url(name) == deed


def test_only_nc_licences_are_non_commercial():
    assert is_noncommercial("CC BY-NC-SA 4.0", None)
    assert is_noncommercial("Custom", "https://creativecommons.org/licenses/by-nc-nd/4.0/")
    assert not is_noncommercial("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/")


def test_republished_brief_credits_authors_and_publisher_in_its_byline():
    attribution, problems = resolve(
        {"source": URL, "publisher": "InSight Crime", "authors": ["Sam Tabory"]}, "en", attribution_settings()
    )
    assert problems == []
    assert attribution.byline == "By Sam Tabory, InSight Crime"
    assert (attribution.license, attribution.license_url) == ("CC BY-NC 4.0", BY_NC)
    assert text(top_html(attribution)) == "By Sam Tabory, InSight Crime · Originally published by InSight Crime"
    assert text(bottom_html(attribution)) == (
        "Originally published by InSight Crime. Republished under the CC BY-NC 4.0 license. "
        "Reuse is for non-commercial purposes only."
    )
    soup = BeautifulSoup(str(top_html(attribution)) + str(bottom_html(attribution)), "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == [URL, URL, BY_NC]
    assert soup.find("a", rel="license").get_text() == "CC BY-NC 4.0"


def test_a_brief_whose_author_is_the_publisher_credits_it_once():
    settings = attribution_settings()
    by_publisher, _ = resolve({"source": URL, "authors": ["InSight Crime"]}, "en", settings)
    no_author, _ = resolve({"source": URL}, "en", settings)
    assert by_publisher.byline == no_author.byline == "By InSight Crime"


def test_spanish_brief_is_attributed_in_spanish():
    attribution, _ = resolve(
        {"source": URL, "publisher": "InSight Crime", "authors": ["Lucía de la Torre", "Marcos McAllister"]},
        "es",
        attribution_settings(),
    )
    assert text(top_html(attribution)) == (
        "Por Lucía de la Torre y Marcos McAllister, InSight Crime · Publicado originalmente por InSight Crime"
    )
    assert text(bottom_html(attribution)) == (
        "Publicado originalmente por InSight Crime. Reproducido bajo la licencia CC BY-NC 4.0. "
        "Solo se permite su reutilización con fines no comerciales."
    )


def test_a_brief_in_a_language_without_wording_gets_the_site_language():
    attribution, _ = resolve({"source": URL}, "fr", attribution_settings(DEFAULT_LANG="es"))
    assert attribution.byline == "Por InSight Crime"


def test_front_matter_overrides_publisher_and_licence():
    attribution, problems = resolve(
        {"source": "https://example.org/story/", "publisher": "Example Press", "license": "CC BY-SA 4.0"},
        "en",
        attribution_settings(),
    )
    assert problems == []
    assert attribution.byline == "By Example Press"
    assert attribution.license_url == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert attribution.publisher_url is None
    assert text(bottom_html(attribution)) == (
        "Originally published by Example Press. Republished under the CC BY-SA 4.0 license."
    )


def test_contributor_brief_carries_the_site_licence_and_no_republishing_notice():
    attribution, problems = resolve({"authors": ["Ana Ríos"]}, "en", attribution_settings())
    assert problems == []
    assert not attribution.republished
    assert text(bottom_html(attribution)) == "Published under the CC BY-NC 4.0 license."
    custom, _ = resolve({}, "en", attribution_settings(CRIMEBRIEFS_SITE_LICENSE="Crime Briefs Terms"))
    assert str(bottom_html(custom)) == (
        '<p class="crimebriefs-attribution crimebriefs-attribution-license" data-pagefind-ignore>'
        "Published under the Crime Briefs Terms license.</p>"
    )


@pytest.mark.parametrize(
    ("metadata", "problem"),
    [
        (
            {"publisher": "InSight Crime"},
            'publisher "InSight Crime" but no source: add the original\'s URL as source (the reuse terms '
            "require links to it), remove publisher if the brief is your own, or keep it out with status: draft",
        ),
        ({"source": "insightcrime.org/x"}, 'source "insightcrime.org/x" is not an http(s) URL'),
        ({"source": ["https://a.org/"]}, "source must be text, not ['https://a.org/']"),
        (
            {"source": URL, "license": "Custom licence"},
            'license "Custom licence" has no deed to link to: add license_url, '
            'or name a Creative Commons licence such as "CC BY-NC 4.0"',
        ),
        (
            {"source": URL, "license": "CC BY 4.0", "license_url": BY_NC},
            f'license_url "{BY_NC}" is not the deed of CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
        ),
    ],
)
def test_front_matter_that_breaks_the_reuse_terms_is_named(metadata, problem):
    _, problems = resolve(metadata, "en", attribution_settings())
    assert problems == [problem]


def test_markup_in_names_is_shown_as_text():
    attribution, _ = resolve({"source": URL, "publisher": "<b>Press</b> & Co"}, "en", attribution_settings())
    html = str(top_html(attribution))
    assert "<b>" not in html
    assert "&lt;b&gt;Press&lt;/b&gt; &amp; Co" in html


def test_wording_can_be_changed_sentence_by_sentence():
    settings = attribution_settings(
        CRIMEBRIEFS_ATTRIBUTION_WORDING={"en": {"origin": "First published by {publisher}"}}
    )
    attribution, _ = resolve({"source": URL}, "en", settings)
    assert attribution.origin_text == "First published by InSight Crime"
    assert attribution.byline == "By InSight Crime"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"CRIMEBRIEFS_ATTRIBUTION_WORDING": {"en": {"origin": "Originally published"}}},
            "CRIMEBRIEFS_ATTRIBUTION_WORDING['en']['origin'] 'Originally published' must contain {publisher}",
        ),
        (
            {"CRIMEBRIEFS_ATTRIBUTION_WORDING": {"fr": {"by": "Par {names}"}}},
            "CRIMEBRIEFS_ATTRIBUTION_WORDING['fr']: unknown or missing sentence 'and'; "
            "expected: by, and, origin, license, own_license, noncommercial",
        ),
        (
            {"CRIMEBRIEFS_LICENSE": "CC BY-SA 4.0"},
            "CRIMEBRIEFS_LICENSE_URL 'https://creativecommons.org/licenses/by-nc/4.0/' is not the deed of "
            "CRIMEBRIEFS_LICENSE 'CC BY-SA 4.0': use 'https://creativecommons.org/licenses/by-sa/4.0/' or None",
        ),
        (
            {"CRIMEBRIEFS_LICENSE": "Custom", "CRIMEBRIEFS_LICENSE_URL": None},
            "CRIMEBRIEFS_LICENSE_URL is needed: 'Custom' is not a Creative Commons licence name such as "
            "'CC BY-NC 4.0', so its deed cannot be found",
        ),
        ({"CRIMEBRIEFS_ENFORCE_ATTRIBUTION": "yes"}, "CRIMEBRIEFS_ENFORCE_ATTRIBUTION must be True or False"),
    ],
)
def test_attribution_settings_that_make_no_sense_are_refused(overrides, message):
    with pytest.raises(ConfigError) as error:
        attribution_settings(**overrides)
    assert str(error.value).startswith(message)


def test_licence_url_setting_can_be_left_to_the_licence_name():
    settings = attribution_settings(CRIMEBRIEFS_LICENSE="CC BY-SA 4.0", CRIMEBRIEFS_LICENSE_URL=None)
    assert settings.license_url == "https://creativecommons.org/licenses/by-sa/4.0/"


def article() -> SimpleNamespace:
    """The few attributes of a Pelican article that the JSON-LD reads."""
    return SimpleNamespace(
        title="Ecuador &amp; Its &lt;Ports&gt;",
        date=datetime.datetime(2015, 9, 22, tzinfo=datetime.UTC),
        lang="en",
        url="briefs/ecuador/",
        metadata={"summary": "<p>Short &amp; clear.</p>"},
        tags=("Ecuador",),
    )


def test_json_ld_of_a_republished_brief_names_its_origin_and_licence():
    attribution, _ = resolve({"source": URL, "authors": ["Sam Tabory"]}, "en", attribution_settings())
    data = news_article(article(), attribution, {"SITEURL": "https://briefs.example.org", "SITENAME": "X"})
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Ecuador & Its <Ports>",
        "datePublished": "2015-09-22T00:00:00+00:00",
        "inLanguage": "en",
        "url": "https://briefs.example.org/briefs/ecuador/",
        "description": "Short & clear.",
        "keywords": ["Ecuador"],
        "author": [{"@type": "Person", "name": "Sam Tabory"}],
        "publisher": {"@type": "Organization", "name": "InSight Crime", "url": "https://insightcrime.org/"},
        "isBasedOn": URL,
        "license": BY_NC,
    }


def test_json_ld_of_a_contributor_brief_names_the_site_as_publisher():
    attribution, _ = resolve({"authors": ["Ana Ríos"]}, "en", attribution_settings())
    data = news_article(article(), attribution, {"SITEURL": "", "SITENAME": "Crime Briefs"})
    assert data["publisher"] == {"@type": "Organization", "name": "Crime Briefs"}
    assert "isBasedOn" not in data and "url" not in data
    assert data["license"] == BY_NC
