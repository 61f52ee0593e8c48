"""The publish build (publishconf.py): a site that works under a GitHub Pages project sub-path."""

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from crimebriefs.errors import ConfigError
from crimebriefs.settings import plugin_settings
from tests.conftest import REPO, SAMPLE_DIR, VARIANTS
from tests.crawl import crawl, serve_under
from tests.sites import make_site, make_test_site

SUB_PATH = "/crimebriefs/"
DRAFT_TEXTS = ("GameChangers 2030", "Leadership arrests often fragment gangs", "Customs agents at a border crossing")


def publish(site: Path, siteurl: str | None, *extra: str) -> subprocess.CompletedProcess:
    """``pelican content -s publishconf.py``, as ``make publish SITEURL=...`` runs it."""
    env = {key: value for key, value in os.environ.items() if key != "SITEURL"}
    if siteurl is not None:
        env["SITEURL"] = siteurl
    command = [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", *extra]
    return subprocess.run(command, cwd=site, capture_output=True, text=True, check=False, env={**env, "COLUMNS": "400"})


def publishable_site(root: Path, raw_files: list[Path]) -> Path:
    """A site with the given dump, its settings and pages as in the repository."""
    return make_site(root, raw_files)


@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> SimpleNamespace:
    """The sample and the variants, published for and served under a sub-path, then crawled."""
    if not VARIANTS.is_dir():
        pytest.skip("../shared/dumps/variants is not beside this checkout")
    site = make_test_site(tmp_path_factory.mktemp("site"))
    output = site / "output"
    with serve_under(output, SUB_PATH) as base:
        result = publish(site, base.rstrip("/"))
        assert result.returncode == 0, result.stdout + result.stderr
        from_the_front = crawl(base)
        every_page = crawl(base, also=[base + url for url in urls_of(output)])
    return SimpleNamespace(site=site, output=output, base=base, crawl=every_page, from_the_front=from_the_front)


def output_files(output: Path, pattern: str) -> list[Path]:
    return sorted(path for path in output.rglob(pattern) if path.is_file())


def urls_of(output: Path) -> list[str]:
    """Every page and feed of the output, as URLs relative to the site's address."""
    files = output_files(output, "*.html") + output_files(output, "*.xml")
    return [path.relative_to(output).as_posix().removesuffix("index.html") for path in files]


def test_every_internal_link_and_asset_of_every_page_of_a_sub_path_site_answers(project_site):
    assert project_site.crawl.broken == []
    fetched = {url.removeprefix(project_site.base) for url in project_site.crawl.fetched}
    assert set(urls_of(project_site.output)) <= fetched
    kinds = set(project_site.crawl.fetched.values())
    assert {"text/html", "text/css", "application/xml"} <= kinds


def test_a_site_built_for_the_domain_root_is_caught_broken_under_a_sub_path(tmp_path):
    site = publishable_site(tmp_path, sorted(SAMPLE_DIR.iterdir()))
    with serve_under(site / "output", SUB_PATH) as base:
        result = publish(site, base.removesuffix(SUB_PATH))
        assert result.returncode == 0, result.stdout + result.stderr
        broken = {url.removeprefix(base.removesuffix(SUB_PATH)) for url, status, _ in crawl(base).broken}
    assert {"/theme/css/crimebriefs.css", "/feeds/all.atom.xml", "/archives/"} <= broken


def test_every_brief_and_feed_can_be_reached_from_the_front_page(project_site):
    reached = {url.removeprefix(project_site.base) for url in project_site.from_the_front.fetched}
    wanted = [url for url in urls_of(project_site.output) if url.startswith(("briefs/", "feeds/"))]
    assert len(wanted) > 10
    assert [url for url in wanted if url not in reached] == []


def test_links_and_feed_entries_are_absolute_under_the_siteurl(project_site):
    base = project_site.base
    brief = (project_site.output / "briefs/ecuador-shifts-security-focus-to-microtrafficking/index.html").read_text()
    hrefs = re.findall(r'(?:href|src)="([^"#][^"]*)"', brief)
    # Every link that is not to another site is absolute, under the sub-path.
    # (The theme's favicon is inline, a data: URL, and goes nowhere.)
    internal = [
        href for href in hrefs if urlsplit(href).netloc in ("", urlsplit(base).netloc) and not href.startswith("data:")
    ]
    assert len(internal) > 10 and all(href.startswith(base) for href in internal), internal
    assert f'href="{base}tags/microtrafficking/">Microtrafficking</a>' in brief
    feed = (project_site.output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    entries = re.findall(r'<link href="([^"]+)" rel="alternate"', feed)
    assert f"{base}briefs/ecuador-shifts-security-focus-to-microtrafficking/" in entries
    assert all(entry.startswith(base) for entry in entries)
    assert (project_site.output / "feeds" / "topics" / "drug-policy.atom.xml").is_file()


def test_drafts_and_the_raw_dump_are_not_published(project_site):
    published = "\n".join(path.read_text(encoding="utf-8") for path in output_files(project_site.output, "*.*ml"))
    for text in DRAFT_TEXTS:
        assert text not in published
    assert not (project_site.output / "drafts").exists()
    # The only text file is the theme's robots.txt; no page of the dump is published.
    assert [path.name for path in output_files(project_site.output, "*.txt")] == ["robots.txt"]
    assert output_files(project_site.output, "*.md") == []
    assert output_files(project_site.output, "sources.csv") == []


def test_github_pages_gets_a_nojekyll_file_and_no_cname_unless_asked(project_site):
    assert (project_site.output / ".nojekyll").read_bytes() == b""
    assert not (project_site.output / "CNAME").exists()


def test_a_custom_domain_setting_writes_cname(tmp_path):
    site = publishable_site(tmp_path, sorted(SAMPLE_DIR.iterdir()))
    with (site / "publishconf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nCRIMEBRIEFS_CNAME = "Briefs.Example.org"\n')
    result = publish(site, "https://briefs.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "output" / "CNAME").read_text(encoding="ascii") == "briefs.example.org\n"
    assert 'href="https://briefs.example.org/tags/' in (site / "output" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["https://briefs.example.org/", "briefs", "briefs.example.org/path", 42])
def test_a_cname_that_is_not_a_bare_domain_is_refused_with_its_value(value):
    with pytest.raises(ConfigError) as error:
        plugin_settings({"PATH": "content", "CRIMEBRIEFS_CNAME": value})
    assert str(error.value) == f"CRIMEBRIEFS_CNAME must be a bare domain such as briefs.example.org, not {value!r}"


def test_publishing_without_a_siteurl_stops_and_says_how_to_give_it(tmp_path):
    site = publishable_site(tmp_path, sorted(SAMPLE_DIR.iterdir()))
    result = publish(site, None)
    assert result.returncode != 0
    assert "make publish SITEURL=https://USER.github.io/REPO" in result.stderr
    assert not (site / "output").exists()


def test_make_publish_builds_the_repository_site_for_its_siteurl(tmp_path):
    output = tmp_path / "output"
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "publish",
            "SITEURL=https://user.github.io/crimebriefs/",
            f"OUTPUTDIR={output}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    index = (output / "index.html").read_text(encoding="utf-8")
    assert (
        'href="https://user.github.io/crimebriefs/briefs/ecuador-shifts-security-focus-to-microtrafficking/"' in index
    )
    assert (output / "feeds" / "all.atom.xml").is_file()
    assert (output / ".nojekyll").is_file()
