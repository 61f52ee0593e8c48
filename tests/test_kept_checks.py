"""With Pelican's content cache, a rebuild checks again only the briefs that changed, finding what a check finds."""

import hashlib
from pathlib import Path

import pytest
from pelican.settings import read_settings

from crimebriefs import kept_checks, validate
from crimebriefs.kept_checks import KeptChecks
from crimebriefs.validate import check_briefs, rules_from
from tests.conftest import GOOD_BRIEF


def stamp(path: str) -> bytes:
    return hashlib.md5(Path(path).read_bytes()).digest()


def settings_for(tmp_path: Path, **more) -> dict:
    values = {"CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, **more}
    return read_settings(override=values)


@pytest.fixture
def briefs(tmp_path) -> Path:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for number in range(6):
        text = GOOD_BRIEF.replace("Ecuador Shifts Security Focus", f"Ecuador Shifts Focus {number}")
        (folder / f"brief-{number}.md").write_text(text, encoding="utf-8")
    (folder / "bad-date.md").write_text(GOOD_BRIEF.replace("2015-09-22", "2015-13-01"), encoding="utf-8")
    return folder


def check(briefs: Path, settings: dict, scanned: list | None = None, monkeypatch=None) -> list:
    if monkeypatch is not None:
        scan = validate.scan

        def counted(path, rules, with_problems):
            scanned.append(path.name)
            return scan(path, rules, with_problems)

        monkeypatch.setattr(validate, "scan", counted)
    kept = KeptChecks.for_build(settings, stamp)
    return check_briefs([briefs], briefs, rules_from(settings), 1, kept)


def test_a_rebuild_scans_only_the_edited_brief_and_finds_what_a_full_check_finds(briefs, tmp_path, monkeypatch):
    settings = settings_for(tmp_path)
    first = check(briefs, settings)
    assert [problem.path.name for problem in first] == ["bad-date.md"]
    edited = briefs / "brief-2.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("topic: Drug Policy", "topic: Drug Polcy"), "utf-8")
    scanned = []
    again = check(briefs, settings, scanned, monkeypatch)
    assert scanned == ["brief-2.md"]
    assert again == check_briefs([briefs], briefs, rules_from(settings), 1)
    assert any("Drug Polcy" in problem.message for problem in again)


def test_what_involves_other_briefs_is_found_again_from_all_of_them(briefs, tmp_path):
    settings = settings_for(tmp_path)
    check(briefs, settings)
    # brief-5 takes brief-1's slug: brief-1, unchanged, now shares it.
    five = briefs / "brief-5.md"
    five.write_text(five.read_text(encoding="utf-8").replace("---\n", "---\nslug: brief-1\n", 1), encoding="utf-8")
    again = check(briefs, settings)
    shared = sorted(problem.path.name for problem in again if "slug" in problem.message)
    assert shared == ["brief-1.md", "brief-5.md"]


def test_every_brief_is_checked_again_when_a_setting_or_the_plugin_changes(briefs, tmp_path, monkeypatch):
    check(briefs, settings_for(tmp_path))
    scanned = []
    check(briefs, settings_for(tmp_path, CRIMEBRIEFS_LANGUAGES=["en"]), scanned, monkeypatch)
    assert len(scanned) == 7
    scanned.clear()
    monkeypatch.setattr(kept_checks, "code_digest", lambda: "other code")
    check(briefs, settings_for(tmp_path, CRIMEBRIEFS_LANGUAGES=["en"]), scanned)
    assert len(scanned) == 7


def test_damaged_kept_checks_only_mean_a_full_check(briefs, tmp_path, monkeypatch):
    settings = settings_for(tmp_path)
    expected = check(briefs, settings)
    (tmp_path / "cache" / kept_checks.KEPT_NAME).write_bytes(b"not a pickle")
    scanned = []
    assert check(briefs, settings, scanned, monkeypatch) == expected
    assert len(scanned) == 7


def test_without_pelicans_content_cache_nothing_is_kept(tmp_path):
    settings = read_settings(override={"CACHE_PATH": str(tmp_path / "cache")})
    assert KeptChecks.for_build(settings, stamp) is None
    written_not_read = settings_for(tmp_path, LOAD_CONTENT_CACHE=False)
    assert KeptChecks.for_build(written_not_read, stamp).before == {}
