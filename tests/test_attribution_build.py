"""Attribution in real publish builds, with our theme and with Pelican's ``simple``, and its audit."""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from crimebriefs.audit import MANIFEST_NAME
from tests.conftest import REPO, SAMPLE_PAGE, VARIANTS
from tests.sites import make_site, run_pelican

SAMPLE_URL = "https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"
# The two variants are invented pages, so their URLs are invented too.
SPANISH_URL = "https://insightcrime.org/es/noticias/la-disputa-por-los-puertos-del-pacifico/"
ORG_URL = "https://insightcrime.org/news/brief/court-orders-review-of-detention-conditions/"
OTHER_URL = "https://example.org/stories/a-story/"
BY_NC = "https://creativecommons.org/licenses/by-nc/4.0/"
BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"

SAMPLE = "briefs/ecuador-shifts-security-focus-to-microtrafficking/index.html"
SPANISH = "briefs/la-disputa-por-los-puertos-del-pacifico-reordena-el-mapa-criminal/index.html"
ORG = "briefs/court-orders-review-of-detention-conditions-for-women/index.html"
OTHER = "briefs/other-source/index.html"
CONTRIBUTOR = "briefs/port-report/index.html"

# A brief from another Creative Commons source, and one by the site's own contributor; neither has a summary.
OTHER_SOURCE_BRIEF = f"""---
title: A Story From Another Creative Commons Source
date: 2024-04-01
topic: Ports
authors:
- Jo Writer
source: {OTHER_URL}
publisher: Example Press
publisher_url: https://example.org/
license: CC BY-SA 4.0
---

First paragraph of the other story.

Last paragraph of the other story.
"""
CONTRIBUTOR_BRIEF = """---
title: What Our Reporter Saw at the Port
date: 2024-03-05
topic: Ports
authors:
- Ana Ríos
---

Our reporter spent a week at the port.

She came back with more questions than answers.
"""

# page → (the first and the last paragraph of its body, as they begin)
BODIES = {
    SAMPLE: ("Ecuador's authorities say", "Early indications point"),
    SPANISH: ("Las autoridades portuarias reportaron", "Lo que sí parece claro"),
    ORG: ("A regional court ordered", "The decision is unlikely"),
    OTHER: ("First paragraph of the other story", "Last paragraph of the other story"),
}
ORIGINALS = {SAMPLE: SAMPLE_URL, SPANISH: SPANISH_URL, ORG: ORG_URL, OTHER: OTHER_URL}


def attribution_site(root: Path, briefs: dict[str, str], theme: str | Path | None = None) -> Path:
    """The sample site with two more republished pages in its dump and the given hand-written briefs."""
    make_site(root, [SAMPLE_PAGE, VARIANTS / "es_two_authors.txt", VARIANTS / "en_topic_with_and.txt"])
    shutil.copy(REPO / "publishconf.py", root / "publishconf.py")
    (root / "content" / "raw" / "sources.csv").write_text(
        "file,url\n"
        f"{SAMPLE_PAGE.name},{SAMPLE_URL}\n"
        f"es_two_authors.txt,{SPANISH_URL}\n"
        f"en_topic_with_and.txt,{ORG_URL}\n",
        encoding="utf-8",
    )
    folder = root / "content" / "briefs"
    folder.mkdir()
    for name, text in briefs.items():
        (folder / name).write_text(text, encoding="utf-8")
    if theme is not None:
        with (root / "pelicanconf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"\nTHEME = {str(theme)!r}\n")
    return root


def publish(site: Path) -> subprocess.CompletedProcess:
    """``make publish``: the publish settings, with a site URL."""
    env = {**os.environ, "COLUMNS": "400", "SITEURL": "https://briefs.example.org"}
    command = [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py"]
    return subprocess.run(command, cwd=site, capture_output=True, text=True, check=False, env=env)


def audit(output: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "crimebriefs", "audit", str(output)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@dataclass
class Built:
    site: Path
    log: str

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / "output" / page).read_bytes(), "html.parser")


def build_with_theme(tmp_path_factory, theme: str) -> Built:
    if not VARIANTS.is_dir():
        pytest.skip("../shared/dumps/variants is not beside this checkout")
    briefs = {"other-source.md": OTHER_SOURCE_BRIEF, "port-report.md": CONTRIBUTOR_BRIEF}
    site = attribution_site(tmp_path_factory.mktemp(theme), briefs, theme=theme)
    result = publish(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return Built(site, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> Built:
    return build_with_theme(tmp_path_factory, "theme")


@pytest.fixture(scope="module")
def simple(tmp_path_factory) -> Built:
    return build_with_theme(tmp_path_factory, "simple")


@pytest.fixture(params=["ours", "simple"])
def built(request) -> Built:
    """The site built with each theme in turn."""
    return request.getfixturevalue(request.param)


def paragraph(soup: BeautifulSoup, start: str):
    (found,) = [p for p in soup.find_all("p") if p.get_text().strip().startswith(start)]
    return found


def before_and_after(soup: BeautifulSoup, first, last, href: str) -> tuple[list, list]:
    """The links to ``href`` before the first paragraph and after the last one, in document order."""
    order = {id(element): index for index, element in enumerate(soup.find_all(True))}
    links = soup.find_all("a", href=href)
    return (
        [a for a in links if order[id(a)] < order[id(first)]],
        [a for a in links if order[id(a)] > order[id(last)]],
    )


@pytest.mark.parametrize("page", sorted(BODIES))
def test_original_is_linked_once_before_the_first_paragraph_and_once_after_the_last(built, page):
    soup = built.soup(page)
    first, last = (paragraph(soup, start) for start in BODIES[page])
    before, after = before_and_after(soup, first, last, ORIGINALS[page])
    assert len(before) == 1 and len(after) == 1
    publisher = "Example Press" if page == OTHER else "InSight Crime"
    origin = "Publicado originalmente por" if page == SPANISH else "Originally published by"
    assert before[0].get_text() == after[0].get_text() == f"{origin} {publisher}"


def test_byline_credits_the_authors_and_the_publisher(built):
    assert "By Sam Tabory, InSight Crime" in built.soup(SAMPLE).get_text()
    assert "By Jo Writer, Example Press" in built.soup(OTHER).get_text()


def test_a_brief_by_the_publisher_names_it_once_in_its_byline(built):
    text = built.soup(ORG).get_text()
    assert "By InSight Crime ·" in text
    assert "InSight Crime, InSight Crime" not in text


def test_spanish_brief_is_attributed_in_spanish(built):
    text = " ".join(built.soup(SPANISH).get_text().split())
    assert "Por Lucía de la Torre y Marcos McAllister, InSight Crime" in text
    assert (
        "Reproducido bajo la licencia CC BY-NC 4.0. Solo se permite su reutilización con fines no comerciales." in text
    )


def test_licence_is_named_and_linked_to_its_deed_with_the_non_commercial_line(built):
    soup = built.soup(SAMPLE)
    (licence,) = soup.find_all("a", href=BY_NC)
    assert licence.get_text() == "CC BY-NC 4.0"
    assert licence["rel"] == ["license"]
    assert "Republished under the CC BY-NC 4.0 license. Reuse is for non-commercial purposes only." in soup.get_text()


def test_brief_from_another_source_carries_its_own_licence(built):
    soup = built.soup(OTHER)
    assert soup.find("a", href=BY_SA).get_text() == "CC BY-SA 4.0"
    assert soup.find("a", href=BY_NC) is None
    assert "non-commercial" not in soup.get_text()


def test_contributor_brief_carries_the_site_licence_and_no_republishing_notice(built):
    soup = built.soup(CONTRIBUTOR)
    text = soup.get_text()
    assert "Published under the CC BY-NC 4.0 license." in text
    assert soup.find("a", href=BY_NC)["rel"] == ["license"]
    assert "Originally published" not in text
    assert "non-commercial" not in text


def test_summaries_are_cut_from_the_body_not_from_the_credit_line(built):
    index = built.soup("index.html").get_text()
    assert "Our reporter spent a week at the port." in index
    assert "First paragraph of the other story." in index
    assert "Originally published" not in index


def test_the_feed_carries_the_attribution_with_the_content(built):
    feed = (built.site / "output" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert f'href="{SAMPLE_URL}"&gt;Originally published by InSight Crime' in feed


def test_the_publish_build_audits_its_pages_and_the_audit_command_agrees(built):
    assert "crimebriefs audit output: 4 republished pages checked, 0 failing" in built.log
    result = audit(built.site / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"crimebriefs audit {built.site / 'output'}: 4 republished pages checked, 0 failing\n"


def test_audit_names_the_page_that_lost_its_bottom_link(built, tmp_path):
    output = shutil.copytree(built.site / "output", tmp_path / "output")
    page = output / SAMPLE
    soup = BeautifulSoup(page.read_bytes(), "html.parser")
    soup.find("p", class_="crimebriefs-attribution-bottom").find("a", href=SAMPLE_URL).unwrap()
    page.write_text(str(soup), encoding="utf-8")
    result = audit(output)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"crimebriefs audit {output}: 4 republished pages checked, 1 failing",
        f"{page} (from content/briefs/ecuador-shifts-security-focus-to-microtrafficking.md): missing "
        f"the link to the original {SAMPLE_URL} after the last paragraph",
    ]


def test_audit_without_a_built_site_says_what_to_do(tmp_path):
    result = audit(tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path / MANIFEST_NAME}: not found; build the site with the crimebriefs plugin" in result.stderr


def test_json_ld_describes_the_news_article_and_its_origin(ours):
    soup = ours.soup(SAMPLE)
    (script,) = soup.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "NewsArticle"
    assert data["author"] == [{"@type": "Person", "name": "Sam Tabory"}]
    assert data["publisher"] == {"@type": "Organization", "name": "InSight Crime", "url": "https://insightcrime.org/"}
    assert data["isBasedOn"] == SAMPLE_URL
    assert data["license"] == BY_NC
    assert data["datePublished"].startswith("2015-09-22")
    assert data["inLanguage"] == "en"
    assert data["url"] == f"https://briefs.example.org/{SAMPLE.removesuffix('index.html')}"
    assert soup.find("link", rel="license")["href"] == BY_NC
    spanish = json.loads(ours.soup(SPANISH).find("script", type="application/ld+json").string)
    assert spanish["inLanguage"] == "es"
    assert [a["name"] for a in spanish["author"]] == ["Lucía de la Torre", "Marcos McAllister"]


BROKEN_ARTICLES = {
    "drops the body": '{% extends "base.html" %}{% block content %}<h1>{{ article.title }}</h1>'
    "{{ article.summary }}{% endblock %}",
    # The body is in the page, but where no reader sees it.
    "hides the body": '{% extends "base.html" %}{% block content %}<h1>{{ article.title }}</h1>'
    "<template>{{ article.content }}</template>{% endblock %}",
    "comments the body out": '{% extends "base.html" %}{% block content %}<h1>{{ article.title }}</h1>'
    "<!-- {{ article.content }} -->{% endblock %}",
}


@pytest.mark.parametrize("fault", BROKEN_ARTICLES)
def test_a_theme_that_drops_or_hides_the_body_fails_the_publish_build(tmp_path, fault):
    theme = tmp_path / "broken-theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").symlink_to(REPO / "theme" / "static")
    for template in (REPO / "theme" / "templates").iterdir():
        (theme / "templates" / template.name).symlink_to(template)
    (theme / "templates" / "article.html").unlink()
    (theme / "templates" / "article.html").write_text(BROKEN_ARTICLES[fault], encoding="utf-8")
    (tmp_path / "site").mkdir()
    site = attribution_site(tmp_path / "site", {}, theme=theme)
    result = publish(site)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "crimebriefs audit output: 3 republished pages checked, 3 failing" in log
    assert f"output/{SAMPLE} (from content/briefs/ecuador-shifts-security-focus-to-microtrafficking.md)" in log
    assert "missing the byline credit" in log and "the body (its last p is not on the page)" in log
    assert "AttributionError: 3 of 3 republished pages miss their attribution" in log


NO_SOURCE_BRIEF = """---
title: A Brief Whose Original Is Unknown
date: 2024-02-01
topic: Ports
authors:
- Somebody
publisher: InSight Crime
---

Text copied from somewhere.
"""


def test_a_brief_with_a_publisher_but_no_source_is_a_warning_in_development_and_stops_the_publish_build(tmp_path):
    site = attribution_site(tmp_path, {"no-source.md": NO_SOURCE_BRIEF})
    problem = 'content/briefs/no-source.md: publisher "InSight Crime" but no source'
    development = run_pelican(site)
    assert development.returncode == 0
    assert f"WARNING  crimebriefs attribution: {problem}" in development.stdout
    published = publish(site)
    log = published.stdout + published.stderr
    assert published.returncode != 0
    assert f"ERROR    crimebriefs attribution: {problem}" in log
    assert "1 problem with the attribution of republished briefs (listed above); the site was not built" in log
    assert not (site / "output" / "briefs").exists()
