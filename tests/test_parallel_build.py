"""The build shares its work among processes, and a cached rebuild renders only the pages an edit changes."""

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pelican.settings import read_settings

from crimebriefs import audit, page_stamps, processes
from crimebriefs.reader import BriefReader
from crimebriefs.validate import check_briefs, rules_from
from tests import sites
from tests.conftest import needs_variants

CACHE = ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", "GZIP_CACHE=false"]
SITE_FILES = ("*.html", "*.xml", "*.txt", "*.json")


def pelican(site: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", *options]
    env = {**os.environ, "COLUMNS": "400"}
    result = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def site_files(output: Path) -> dict[str, bytes]:
    """Every page and data file of a built site, but the search index (its names are Pagefind's hashes).

    The sitemap's modification times of undated pages are the time of the build: they are left out.
    """
    return {
        str(path.relative_to(output)): re.sub(rb"<lastmod>[^<]*</lastmod>", b"", path.read_bytes())
        for pattern in SITE_FILES
        for path in output.rglob(pattern)
        if "pagefind" not in path.relative_to(output).parts
    }


def page_times(output: Path) -> dict[str, int]:
    return {str(path.relative_to(output)): path.stat().st_mtime_ns for path in output.rglob("*.html")}


@pytest.fixture(scope="module")
def test_site_copy(tmp_path_factory) -> Path:
    needs_variants()
    return sites.make_test_site(tmp_path_factory.mktemp("parallel"))


def test_pages_read_checked_and_rendered_by_two_processes_are_those_one_process_makes(test_site_copy, tmp_path):
    site = test_site_copy
    log = pelican(site, "-D", "-e", "CRIMEBRIEFS_PROCESSES=2")
    shared = site_files(site / "output")
    output = log.stdout + log.stderr
    for work in ("check_briefs.<locals>.<lambda>", "BriefReader._render", "ParallelWriter._render"):
        assert re.search(rf"{re.escape(work)}: \d+ items\s+in 2\s+processes", output), f"{work} ran in one process"
    pelican(site, "-e", "CRIMEBRIEFS_PROCESSES=1")
    alone = site_files(site / "output")
    assert sorted(shared) == sorted(alone)
    assert [name for name in shared if shared[name] != alone[name]] == []
    # The sitemap hears of every page, though they were written by other processes.
    assert shared["sitemap.xml"].count(b"<url>") >= len([name for name in shared if name.startswith("briefs/")])


def test_the_index_starts_from_the_briefs_read_ahead_and_they_are_the_briefs_as_read(tmp_path):
    needs_variants()
    site = sites.make_test_site(tmp_path)
    common = {"date": "2024-03-01", "topic": "Prisons", "authors": ["Ana Ruiz"], "tags": ["Ecuador"], "summary": "S."}
    named = sites.write_brief(site, "file-name", "Named otherwise.", title="Its own slug", lang="es", kind="Análisis",
                              **common)  # fmt: skip
    named.write_text(named.read_text(encoding="utf-8").replace("---\n", "---\nslug: its-own-slug\n", 1), "utf-8")
    sites.write_brief(site, "unlisted", "Kept out of the lists.", title="Unlisted", status="hidden", lang="en",
                      kind="Brief", **common)  # fmt: skip
    sites.write_brief(site, "unfinished", "Half a brief.", title="Unfinished", status="draft", lang="en",
                      kind="Brief", **common)  # fmt: skip
    log = pelican(site, "-D")
    output = log.stdout + log.stderr
    assert "the briefs as read are those read ahead; their index goes on" in output
    assert "differ from those read ahead" not in output
    assert (site / "output" / "briefs" / "its-own-slug" / "index.html").is_file()


def test_a_cached_rebuild_renders_only_the_pages_that_show_the_edited_body(tmp_path):
    needs_variants()
    site = sites.make_test_site(tmp_path)
    first = pelican(site, *CACHE)
    assert "crimebriefs audit output:" in first.stdout + first.stderr
    before = page_times(site / "output")
    expected = {entry.page: entry for entry in audit.read_manifest(site / "output")}
    brief = site / "content" / "briefs" / "ecuador-shifts-security-focus-to-microtrafficking.md"
    brief.write_text(brief.read_text(encoding="utf-8") + "\nA sentence an editor added.\n", encoding="utf-8")

    second = pelican(site, *CACHE, "-D")

    after = page_times(site / "output")
    rendered = sorted(name for name in after if after[name] != before.get(name))
    assert sites.SAMPLE_BRIEF in rendered
    # The index started before Pelican read the briefs, from the edited one read ahead and the others' cache.
    assert "the briefs as read are those read ahead; their index goes on" in second.stdout + second.stderr
    assert "A sentence an editor added." in sites.page(site, sites.SAMPLE_BRIEF)
    # Its page, and the listing pages it is on; nothing else.
    assert all(name == sites.SAMPLE_BRIEF or not name.startswith("briefs/") for name in rendered), rendered
    assert len(rendered) < len(after) / 4, rendered
    # Pages left as they were are still audited, from what the last build found on them.
    log = second.stdout + second.stderr
    checked = first.stdout.split("crimebriefs audit output: ")[1].split(" republished")[0]
    assert f"crimebriefs audit output: {checked} republished pages checked, 0 failing" in log
    # What the audit expects of the other pages is taken from the last build, and is what it found then.
    now = {entry.page: entry for entry in audit.read_manifest(site / "output")}
    assert now[sites.SAMPLE_BRIEF].last != expected[sites.SAMPLE_BRIEF].last
    assert {page: entry for page, entry in now.items() if page != sites.SAMPLE_BRIEF} == {
        page: entry for page, entry in expected.items() if page != sites.SAMPLE_BRIEF
    }


def built_with_cache_then_a_page_deleted(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """The test site built with the content cache, its pages' times, then the Spanish brief's page deleted."""
    needs_variants()
    site = sites.make_test_site(tmp_path)
    pelican(site, *CACHE)
    before = page_times(site / "output")
    (site / "output" / sites.SPANISH_BRIEF).unlink()
    return site, before


def test_a_cached_rebuild_renders_every_page_again_when_a_setting_changes_or_a_page_is_gone(tmp_path):
    site, before = built_with_cache_then_a_page_deleted(tmp_path)

    pelican(site, *CACHE, "-e", 'SITESUBTITLE="Another subtitle"')

    after = page_times(site / "output")
    assert sorted(after) == sorted(before)
    assert [name for name in after if after[name] == before[name]] == []
    assert "Another subtitle" in sites.page(site, "index.html")


def test_an_unchanged_cached_rebuild_renders_nothing_but_a_missing_page(tmp_path):
    site, before = built_with_cache_then_a_page_deleted(tmp_path)

    pelican(site, *CACHE)

    after = page_times(site / "output")
    assert [name for name in after if after[name] != before.get(name)] == [sites.SPANISH_BRIEF]


def test_without_the_content_cache_every_page_is_rendered_again(tmp_path):
    needs_variants()
    site = sites.make_test_site(tmp_path)
    pelican(site, *CACHE)
    before = page_times(site / "output")

    pelican(site)

    after = page_times(site / "output")
    assert [name for name in after if after[name] == before[name]] == []


def test_check_in_two_processes_finds_what_one_process_finds(test_site):
    briefs = test_site / "content" / "briefs"
    settings = read_settings(str(test_site / "pelicanconf.py"))
    rules = rules_from(settings)
    alone = check_briefs([briefs], briefs, rules, processes=1)
    assert alone, "the test site's briefs include broken ones"
    assert check_briefs([briefs], briefs, rules, processes=2) == alone


def test_a_brief_read_ahead_is_read_as_pelican_reads_it(test_site):
    settings = read_settings(str(test_site / "pelicanconf.py"))
    paths = sorted(str(path) for path in (test_site / "content" / "briefs").glob("*.md"))
    ahead, plain = BriefReader(settings), BriefReader(settings)
    ahead.prepare(paths, processes=2)
    assert len(ahead.prepared) >= len(paths) - 3  # only briefs whose front matter is broken are left to read()
    ends = dict(ahead.body_ends)
    assert len(ends) >= 5
    for path in paths:
        content, metadata = ahead.read(path)
        if "source" in metadata:
            # The audit's first and last blocks of a republished body, found as the attribution would find them.
            assert ends[audit.body_digest(content)] == audit.body_ends(content), path
        expected_content, expected_metadata = plain.read(path)
        assert content == expected_content, path
        assert {k: str(v) for k, v in metadata.items()} == {k: str(v) for k, v in expected_metadata.items()}, path
    assert ahead.prepared == {}


def test_work_shared_among_processes_comes_back_in_order():
    # In a fresh process: this one may run threads (servers of other tests), and then nothing is forked.
    script = (
        "import os, json\n"
        "from crimebriefs import processes\n"
        "results = processes.map_forked(lambda item: (item * item, os.getpid()), list(range(200)), 2)\n"
        "print(json.dumps({'squares': [s for s, _ in results], 'pids': sorted({p for _, p in results}),"
        " 'me': os.getpid()}))\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    found = json.loads(output)
    assert found["squares"] == [item * item for item in range(200)]
    assert found["me"] not in found["pids"]


def test_an_error_in_a_process_is_raised_in_the_build():
    script = (
        "import os\n"
        "from crimebriefs import processes\n"
        "def fail_on_seven(item):\n"
        "    if item == 7:\n"
        "        raise ValueError(f'item {item} is bad in process {os.getpid()}')\n"
        "    return item\n"
        "try:\n"
        "    processes.map_forked(fail_on_seven, list(range(100)), 2)\n"
        "except ValueError as error:\n"
        "    print(error, 'raised in', os.getpid())\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    found = re.fullmatch(r"item 7 is bad in process (\d+) raised in (\d+)\n", output)
    assert found and found[1] != found[2], output


def test_no_process_is_forked_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        pids = {pid for pid in processes.map_forked(lambda item: os.getpid(), list(range(100)), 2)}
    finally:
        stop.set()
        thread.join()
    assert pids == {os.getpid()}


def test_few_items_are_not_worth_a_process():
    assert processes.usable(2, 10) == 1
    assert processes.usable(1, 10_000) == 1
    assert processes.usable(4, 24) == 3
    assert processes.usable(2, 10_000) == 2


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("<body><main>{c}</main></body>", True),
        ("<body><!-- earlier --><main>{c}</main></body>", True),
        ('<head><script type="application/ld+json">{{}}</script></head><body>{c}</body>', True),
        ("<body><!-- {c} --></body>", False),
        ("<body><template>{c}</template></body>", False),
        ("<body><script>{c}</script></body>", False),
        ("<body><TEXTAREA>{c}</TEXTAREA></body>", False),
        ("<body><main>only the summary</main></body>", False),
    ],
)
def test_a_page_shows_the_content_verbatim_only_where_a_reader_sees_it(page, shown):
    content = '<p class="credit">By Sam Tabory</p>\n<p>The body.</p>'
    assert audit.shows_verbatim(page.format(c=content), content) is shown


def test_pages_are_paginated_by_pelicans_rule_whichever_writer_renders_them():
    settings = {"PAGINATED_TEMPLATES": {"tag": None}}
    articles, dates = ["a", "b"], ["b", "a"]
    kwargs = {"articles": articles, "dates": dates, "tag": "x"}
    assert page_stamps.paginated_lists(settings, "tag", None, kwargs) == {"articles": articles, "dates": dates}
    # A generator that asks for no pagination gets none, though the template is paginated elsewhere.
    assert page_stamps.paginated_lists(settings, "tag", {}, kwargs) == {}
    assert page_stamps.paginated_lists(settings, "article", None, kwargs) == {}


def test_what_a_page_is_made_of_reads_the_same_in_every_process():
    script = (
        "from crimebriefs.page_stamps import digest, plain\n"
        "from crimebriefs.interface import long_date\n"
        "print(digest(plain({'tags': {'Ecuador', 'Cocaine', 'Gangs', 'Police'}, 'filter': long_date, 'n': [1, 2]})))\n"
    )
    runs = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
        for _ in range(3)
    }
    assert len(runs) == 1
