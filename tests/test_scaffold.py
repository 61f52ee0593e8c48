"""``crimebriefs new`` and ``make brief``: a brief to write, spelt as the site spells it, never over a file."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from crimebriefs.brief_template import PLACEHOLDERS
from crimebriefs.cli import main
from tests.conftest import GOOD_BRIEF as GOOD
from tests.conftest import REPO

TODAY = datetime.date.today().isoformat()


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """A site folder with the repository's settings and two briefs, as the working folder."""
    shutil.copy(REPO / "pelicanconf.py", tmp_path / "pelicanconf.py")
    (tmp_path / "theme").symlink_to(REPO / "theme")
    briefs = tmp_path / "content" / "briefs"
    briefs.mkdir(parents=True)
    (briefs / "known.md").write_text(GOOD, encoding="utf-8")
    (briefs / "gender.md").write_text(GOOD.replace("Drug Policy", "Gender and Crime"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_new_writes_the_brief_with_its_fields_filled_in(site, capsys):
    code = main(["new", "Ecuador's Port Wars Heat Up", "--topic", "drug policy", "--author", "Ana Pérez",
                 "--author", "Sam Tabory"])  # fmt: skip
    assert code == 0
    path = site / "content" / "briefs" / "ecuadors-port-wars-heat-up.md"
    assert capsys.readouterr().out.startswith("created content/briefs/ecuadors-port-wars-heat-up.md\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "---\n"
        "title: Ecuador's Port Wars Heat Up\n"
        "slug: ecuadors-port-wars-heat-up\n"
        f"date: {TODAY}\n"
        "topic: Drug Policy\n"  # as the site spells it, not as typed
        "authors:\n- Ana Pérez\n- Sam Tabory\n"
        "lang: en\n"
        "---\n\n"
    )
    assert all(line in text for line in PLACEHOLDERS)


def test_new_in_spanish(site):
    assert main(["new", "Puertos en disputa", "--topic", "Drug Policy", "--author", "Ana", "--lang", "es"]) == 0
    assert front_matter(site / "content" / "briefs" / "puertos-en-disputa.md")["lang"] == "es"


def test_new_refuses_an_unknown_topic_with_the_closest_ones(site, capsys):
    assert main(["new", "A Title", "--topic", "Drug Polcy", "--author", "Ana"]) == 2
    assert capsys.readouterr().err == (
        'crimebriefs new: topic "Drug Polcy" is not one of the site\'s topics; did you mean "Drug Policy"? '
        "(--new-topic creates a new one)\n"
    )
    assert not (site / "content" / "briefs" / "a-title.md").exists()


def test_new_lists_the_topics_when_none_is_close(site, capsys):
    assert main(["new", "A Title", "--topic", "Extortion", "--author", "Ana"]) == 2
    assert capsys.readouterr().err == (
        "crimebriefs new: topic \"Extortion\" is not one of the site's topics; the site's topics are "
        '"Drug Policy", "Gender and Crime" (--new-topic creates a new one)\n'
    )


def test_new_topic_makes_a_topic_on_purpose(site):
    assert main(["new", "A Title", "--topic", "Extortion", "--author", "Ana", "--new-topic"]) == 0
    assert front_matter(site / "content" / "briefs" / "a-title.md")["topic"] == "Extortion"


def test_new_never_overwrites_a_file(site, capsys):
    path = site / "content" / "briefs" / "known.md"
    before = path.read_bytes()
    assert main(["new", "Known", "--topic", "Drug Policy", "--author", "Ana"]) == 2
    assert capsys.readouterr().err == (
        'crimebriefs new: content/briefs/known.md already has the slug "known"; '
        "edit that brief, or choose another title\n"
    )
    assert path.read_bytes() == before


def test_new_refuses_a_slug_another_brief_claims(site, capsys):
    other = site / "content" / "briefs" / "older.md"
    other.write_text(GOOD.replace("topic:", "slug: port-wars\ntopic:"), encoding="utf-8")
    assert main(["new", "Port Wars", "--topic", "Drug Policy", "--author", "Ana"]) == 2
    assert 'content/briefs/older.md already has the slug "port-wars"' in capsys.readouterr().err
    assert not (site / "content" / "briefs" / "port-wars.md").exists()


def test_new_without_authors_is_a_draft_that_says_what_to_add(site, capsys):
    assert main(["new", "A Title", "--topic", "Drug Policy"]) == 0
    fields = front_matter(site / "content" / "briefs" / "a-title.md")
    assert fields["status"] == "draft"
    assert fields["review"] == "Add the authors, then delete the status and review lines to publish."
    assert "draft until you add its authors" in capsys.readouterr().out


def test_new_refuses_a_language_the_site_does_not_have(site, capsys):
    assert main(["new", "A Title", "--topic", "Drug Policy", "--author", "Ana", "--lang", "fr"]) == 2
    assert capsys.readouterr().err == (
        'crimebriefs new: --lang "fr" is not one of the site\'s languages (en, es); '
        "add it to CRIMEBRIEFS_LANGUAGES in pelicanconf.py first\n"
    )


def test_a_scaffolded_brief_passes_the_check_once_its_placeholders_are_replaced(site, capsys):
    main(["new", "A Title", "--topic", "Gender and Crime", "--author", "Ana"])
    capsys.readouterr()
    assert main(["check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "crimebriefs check content/briefs: 3 briefs, 0 errors, 3 warnings"
    assert all("the template's placeholder" in line for line in out[:-1])
    path = site / "content" / "briefs" / "a-title.md"
    path.write_text(path.read_text(encoding="utf-8").split("---\n\n")[0] + "---\n\nOur own words.\n")
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "crimebriefs check content/briefs: 3 briefs, 0 errors, 0 warnings\n"


def test_make_brief_passes_quotes_apostrophes_and_dollars_through(site):
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        (site / name).symlink_to(REPO / name)
    (site / ".venv").symlink_to(REPO / ".venv")
    env = {**os.environ, "MAKEFLAGS": ""}
    title = """It's "Cheap": $5 a Dose"""
    result = subprocess.run(
        # -o: the linked environment counts as installed, whatever the dates of the files it came from.
        ["make", "--no-print-directory", "-o", ".venv/.installed", "brief", f"TITLE={title}", "TOPIC=drug policy",
         "AUTHOR=Ana O'Neill"],
        cwd=site, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    fields = front_matter(site / "content" / "briefs" / "its-cheap-5-a-dose.md")
    assert (fields["title"], fields["topic"], fields["authors"]) == (title, "Drug Policy", ["Ana O'Neill"])
    usage = subprocess.run(
        ["make", "-o", ".venv/.installed", "brief", "TITLE=x"], cwd=site, capture_output=True, text=True, check=False
    )
    assert usage.returncode != 0
    assert 'usage: make brief TITLE="..." TOPIC="..."' in usage.stderr


def test_a_broken_settings_file_is_named(site, capsys):
    (site / "pelicanconf.py").write_text('THEME = "nowhere"\n', encoding="utf-8")
    assert main(["new", "A Title", "--topic", "Drug Policy"]) == 2
    assert capsys.readouterr().err == "crimebriefs new: pelicanconf.py: Could not find the theme nowhere\n"
