"""``crimebriefs check`` as a contributor runs it, and the same check at the start of real Pelican builds."""

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import GOOD_BRIEF, REPO, SAMPLE_DIR
from tests.sites import build, make_site, page, run_pelican

BAD_DATE = GOOD_BRIEF.replace("2015-09-22", "2015-13-01")
# What Pelican says when it meets a broken brief itself: a contributor should never have to read it.
PELICAN_VAGUE = ("could not find information", "Could not process", "Error parsing YAML", "Skipping", "Traceback")


def crimebriefs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crimebriefs", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


@pytest.fixture
def site(tmp_path) -> Path:
    """A site folder with the sample dump, its settings and theme."""
    root = make_site(tmp_path, sorted(SAMPLE_DIR.iterdir()))
    shutil.copy(REPO / "publishconf.py", root / "publishconf.py")
    (root / "content" / "briefs").mkdir()
    return root


def add(site: Path, name: str, text: str | bytes) -> Path:
    path = site / "content" / "briefs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def test_check_prints_each_problem_and_fails_on_errors(site):
    add(site, "bad-date.md", BAD_DATE)
    add(site, "misspelt.md", GOOD_BRIEF.replace("authors:", "autor: Sam\nauthors:"))
    result = crimebriefs("check", cwd=site)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'content/briefs/bad-date.md:3: date "2015-13-01" is not a valid date (use YYYY-MM-DD)',
        'content/briefs/misspelt.md:5: warning: unknown field "autor" (did you mean "authors"?)',
        "crimebriefs check content/briefs: 2 briefs, 1 error, 1 warning",
    ]


def test_check_passes_with_warnings_only(site):
    add(site, "misspelt.md", GOOD_BRIEF.replace("authors:", "autor: Sam\nauthors:"))
    assert crimebriefs("check", cwd=site).returncode == 0


def test_check_takes_files_and_folders(site):
    add(site, "bad-date.md", BAD_DATE)
    good = add(site, "good.md", GOOD_BRIEF)
    result = crimebriefs("check", "content/briefs/good.md", cwd=site)
    assert result.returncode == 0
    assert result.stdout == "crimebriefs check content/briefs/good.md: 1 brief, 0 errors, 0 warnings\n"
    assert crimebriefs("check", str(good.parent), cwd=site).returncode == 1


def test_check_marks_problems_for_github_pull_requests(site):
    add(site, "bad-date.md", BAD_DATE)
    result = crimebriefs("check", "--github", cwd=site)
    assert result.stdout.splitlines()[:2] == [
        'content/briefs/bad-date.md:3: date "2015-13-01" is not a valid date (use YYYY-MM-DD)',
        '::error file=content/briefs/bad-date.md,line=3::date "2015-13-01" is not a valid date (use YYYY-MM-DD)',
    ]


def test_check_names_a_path_that_is_not_there(site):
    result = crimebriefs("check", "content/briefs/nothing.md", cwd=site)
    assert result.returncode == 2
    assert result.stderr == "crimebriefs check: content/briefs/nothing.md: no such file or folder\n"


def test_check_on_the_bundled_content_is_clean():
    result = crimebriefs("check", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith(" 0 errors, 0 warnings\n")
    assert result.stdout.startswith("crimebriefs check content/briefs: ")


# --- inside real builds -----------------------------------------------------------------------


def broken_briefs(site: Path) -> None:
    add(site, "bad-date.md", BAD_DATE)
    add(site, "bad-yaml.md", GOOD_BRIEF.replace("title: Ecuador Shifts", "title: Ecuador: Shifts"))
    add(site, "latin1.md", GOOD_BRIEF.replace("Ecuador Shifts", "Policía Shifts").encode("latin-1"))
    add(site, "no-date.md", GOOD_BRIEF.replace("date: 2015-09-22\n", ""))
    add(site, "copy.md", GOOD_BRIEF.replace("topic:", "slug: good\ntopic:"))
    add(site, "good.md", GOOD_BRIEF.replace("Ecuador Shifts Security Focus", "A Good Brief"))


def test_a_preview_build_reports_our_lines_and_leaves_broken_briefs_out(site):
    broken_briefs(site)
    result = build(site)
    log = result.stdout + result.stderr
    for line in (
        'content/briefs/bad-date.md:3: date "2015-13-01" is not a valid date (use YYYY-MM-DD)',
        "content/briefs/bad-yaml.md:2: the front matter is not valid YAML: mapping values are not allowed",
        "content/briefs/latin1.md:2: the file is not UTF-8 text (byte 0xed on this line); save it as UTF-8",
        'content/briefs/no-date.md:6: date is missing; add a line "date: 2015-09-22" to the front matter',
        'content/briefs/copy.md:4: slug "good" is also the slug of content/briefs/good.md',
        'content/briefs/good.md:1: slug "good" is also the slug of content/briefs/copy.md',
        "crimebriefs check content/briefs: 6 errors, 0 warnings; briefs with errors are left out of the site",
    ):
        assert line in log
    for vague in PELICAN_VAGUE:
        assert vague not in log
    built = {path.parent.name for path in (site / "output" / "briefs").glob("*/index.html")}
    assert built == {"ecuador-shifts-security-focus-to-microtrafficking"}


def test_errors_stop_the_publish_build(site):
    add(site, "bad-date.md", BAD_DATE)
    result = run_pelican(site, "publishconf.py", siteurl="https://briefs.example.org")
    assert result.returncode == 1
    assert 'content/briefs/bad-date.md:3: date "2015-13-01" is not a valid date' in result.stdout
    assert result.stderr.strip().splitlines()[-1] == (
        "crimebriefs: 1 error in 1 brief, listed above; nothing was built "
        "(crimebriefs check lists them without building)"
    )
    assert not (site / "output").exists()


def test_warnings_do_not_stop_the_publish_build(site):
    add(site, "misspelt.md", GOOD_BRIEF.replace("authors:", "autor: Sam\nauthors:"))
    result = run_pelican(site, "publishconf.py", siteurl="https://briefs.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'content/briefs/misspelt.md:5: unknown field "autor" (did you mean "authors"?)' in result.stdout
    assert (site / "output" / "briefs" / "misspelt" / "index.html").is_file()


def test_a_scaffolded_brief_builds_into_the_site_under_its_topic(site):
    build(site)  # imports the sample, whose topic is Drug Policy
    created = crimebriefs("new", "Port Wars Heat Up", "--topic", "drug policy", "--author", "Ana Pérez", cwd=site)
    assert created.returncode == 0, created.stderr
    path = site / "content" / "briefs" / "port-wars-heat-up.md"
    header = path.read_text(encoding="utf-8").split("---\n\n")[0]
    path.write_text(header + "---\n\nRival gangs fight over the ports.\n", encoding="utf-8")
    build(site)
    assert "Rival gangs fight over the ports." in page(site, "briefs/port-wars-heat-up/index.html")
    topic = page(site, "topics/drug-policy/index.html")
    assert "Port Wars Heat Up" in topic
    assert "Ecuador Shifts Security Focus to Microtrafficking" in topic


def test_the_check_runs_again_on_each_rebuild_of_a_live_preview(site):
    add(site, "good.md", GOOD_BRIEF)
    env = {**os.environ, "COLUMNS": "400", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "--autoreload"]
    found = threading.Event()

    def break_the_brief_until_reported(live: subprocess.Popen) -> None:
        # The watcher starts some time after the first build; a change is made until one is seen.
        for attempt in range(60):
            if found.wait(2):
                return
            add(site, "good.md", BAD_DATE + "\n" * (attempt % 2))
        live.kill()  # never reported: ending the output ends the test, failed

    with subprocess.Popen(
        command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    ) as live:
        editor = threading.Thread(target=break_the_brief_until_reported, args=(live,))
        try:
            lines = iter(live.stdout.readline, "")
            assert any(line.startswith("Done:") for line in lines)
            editor.start()
            for line in lines:
                if 'content/briefs/good.md:3: date "2015-13-01" is not a valid date' in line:
                    found.set()
                    break
            assert found.is_set()
        finally:
            found.set()
            live.kill()
            if editor.is_alive():
                editor.join()
