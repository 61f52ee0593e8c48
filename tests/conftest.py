"""Shared paths, built sites and the browser for the tests."""

import os
from pathlib import Path

import markdown
import pytest
from pelican.settings import DEFAULT_CONFIG

from tests import sites
from tests.paths import ARTEFACTS, REPO, SAMPLE_DIR, SAMPLE_PAGE, SHARED_DUMPS, VARIANTS

__all__ = ["ARTEFACTS", "REPO", "SAMPLE_DIR", "SAMPLE_PAGE", "SHARED_DUMPS", "VARIANTS"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def needs_variants() -> None:
    if not VARIANTS.is_dir():
        pytest.skip("../shared/dumps/variants is not beside this checkout")


# A brief as a contributor writes it, with every required field.
GOOD_BRIEF = """---
title: Ecuador Shifts Security Focus
date: 2015-09-22
topic: Drug Policy
authors:
- Sam Tabory
---

Ecuador's authorities say they are shifting their security focus.
"""


@pytest.fixture
def variants() -> Path:
    needs_variants()
    return VARIANTS


@pytest.fixture(scope="session")
def test_site(tmp_path_factory) -> Path:
    """The test site built as ``make html`` builds it: relative URLs, no feeds."""
    needs_variants()
    site = sites.make_test_site(tmp_path_factory.mktemp("site"))
    # The search index in parts of three briefs, as a large site's comes: the search page merges them.
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("CRIMEBRIEFS_SEARCH_PART = 3\n")
    sites.build(site)
    return site


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The test site built with publishconf.py for http://127.0.0.1:PORT/sub and served there."""
    needs_variants()
    host = sites.StaticHost("/sub/")
    try:
        site = sites.make_test_site(tmp_path_factory.mktemp("published"))
        sites.build(site, "publishconf.py", siteurl=host.url)
        host.serve(site / "output")
        yield sites.Served(site, host.url)
    finally:
        host.close()


@pytest.fixture(scope="session")
def served_test_site(test_site):
    """The ``make html`` build of the test site (relative URLs) served at the root of a static host."""
    host = sites.StaticHost("/").serve(test_site / "output")
    yield sites.Served(test_site, host.url)
    host.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright: one browser for the whole run."""
    if not CHROMIUM.exists():
        message = (
            f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's package "
            "(sudo apt-get install -y chromium)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must install it (.ci/run does)", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """``open_page(url, width=1280, scheme="light")``: a fresh tab, closed after the test."""
    contexts = []

    def open_(url: str, width: int = 1280, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        tab = context.new_page()
        tab.goto(url)
        return tab

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    ARTEFACTS.mkdir(exist_ok=True)
    return ARTEFACTS


def pelican_markdown() -> markdown.Markdown:
    """Markdown set up as Pelican's reader sets it up: every configured extension loaded."""
    config = DEFAULT_CONFIG["MARKDOWN"]["extension_configs"]
    return markdown.Markdown(extensions=list(config), extension_configs=config)
