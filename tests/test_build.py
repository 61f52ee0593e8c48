"""A real ``pelican content`` build, in a temporary copy of the site."""

import re

import pytest

from tests.paths import SAMPLE_DIR
from tests.sites import SAMPLE_BRIEF as BRIEF
from tests.sites import all_output, build, make_site, page, run_pelican


@pytest.fixture(scope="module")
def site(test_site):
    return test_site


def test_sample_brief_is_built_at_a_pretty_url(site):
    html = page(site, BRIEF)
    assert ">Ecuador Shifts Security Focus to Microtrafficking</h1>" in html
    assert 'href="../../authors/sam-tabory/">Sam Tabory</a>' in html
    assert 'href="../../topics/drug-policy/">Drug Policy</a>' in html
    assert html.count("<p>") >= 10
    assert "<h2>InSight Crime Analysis</h2>" in html


def test_topic_author_and_tag_pages_list_the_brief(site):
    for path in ("topics/drug-policy/index.html", "authors/sam-tabory/index.html",
                 "tags/microtrafficking/index.html", "tags/ecuador/index.html"):  # fmt: skip
        assert "Ecuador Shifts Security Focus to Microtrafficking" in page(site, path), path


def test_see_also_links_reach_the_local_tag_pages(site):
    html = page(site, BRIEF)
    links = re.findall(r'<a href="([^"]+)">(Microtrafficking|Ecuador)</a>', html)
    assert ("../../tags/microtrafficking/", "Microtrafficking") in links
    assert ("../../tags/ecuador/", "Ecuador") in links
    for href, _ in links:
        assert (site / "output" / "briefs" / "x" / href / "index.html").resolve().is_file()
    assert "{tag}" not in html


def test_drafts_do_not_appear_in_the_site(site):
    output = all_output(site)
    assert "GameChangers 2030" not in output
    assert "Leadership arrests often fragment gangs" not in output
    assert "Customs agents at a border crossing" not in output
    assert not (site / "output" / "drafts").exists()
    # ...but they are on disk, with what an editor must add.
    drafts = [
        p for p in (site / "content" / "briefs").glob("*.md") if "\nstatus: draft\n" in p.read_text(encoding="utf-8")
    ]
    assert len(drafts) == 5


def test_spanish_brief_is_built_in_spanish(site):
    html = page(site, "briefs/la-disputa-por-los-puertos-del-pacifico-reordena-el-mapa-criminal/index.html")
    assert '<html lang="es">' in html
    # The credit line names the authors and the publisher; the footer links each author's page.
    assert "Por Lucía de la Torre y Marcos McAllister, InSight Crime</span>" in html
    assert re.search(r"Autores:</span>\s*<a[^>]*>Lucía de la Torre</a>\s*<a[^>]*>Marcos McAllister</a>", html)
    assert 'href="../../tags/puertos/">Puertos</a>' in html


def test_markup_from_the_dump_is_shown_as_text(site):
    output = all_output(site)
    assert "<script>alert" not in output
    assert "<iframe" not in output
    assert "onerror=alert(1)>" not in output.replace("onerror=alert(1)&gt;", "")
    html = page(site, "briefs/alerttitle-gang-leader-escapes/index.html")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Gang Leader Escapes" in html


def test_listings_and_bad_files_make_no_pages(site):
    output = all_output(site)
    assert "Record Shipment Seized Days Before Talks Start" not in output
    assert "Extortion Complaints Fall for Third Year" not in output


def test_import_summary_is_printed_by_the_build(tmp_path):
    site = make_site(tmp_path, sorted(SAMPLE_DIR.iterdir()))
    first = build(site)
    assert "crimebriefs import content/raw → content/briefs: 1 imported, 0 updated, 0 unchanged" in first.stdout
    second = build(site)
    assert "0 imported, 0 updated, 1 unchanged" in second.stdout


def test_import_can_be_turned_off(tmp_path):
    site = make_site(tmp_path, sorted(SAMPLE_DIR.iterdir()))
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nCRIMEBRIEFS_IMPORT = False\n")
    result = build(site)
    assert "crimebriefs import" not in result.stdout
    assert not (site / "content" / "briefs").exists()


def test_a_misspelt_setting_stops_the_build_with_its_name(tmp_path):
    site = make_site(tmp_path, sorted(SAMPLE_DIR.iterdir()))
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nCRIMEBRIEFS_IMPORTS = False\n")
    result = run_pelican(site)
    assert result.returncode != 0
    assert "unknown setting CRIMEBRIEFS_IMPORTS" in result.stdout + result.stderr
