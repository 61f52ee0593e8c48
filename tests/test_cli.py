"""The ``crimebriefs`` command as a user runs it: JSON Lines out, exit status by the rules."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from crimebriefs.convert import RECORD_KEYS
from tests.conftest import SAMPLE_DIR, SAMPLE_PAGE

URL = "https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"


def crimebriefs(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crimebriefs", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_convert_json_prints_one_record_per_file_in_order(variants):
    files = [str(variants / "es_two_authors.txt"), str(SAMPLE_PAGE), str(variants / "empty.txt")]
    result = crimebriefs("convert", *files, "--json")
    assert result.returncode == 0, result.stderr
    out = records(result.stdout)
    assert [r["file"] for r in out] == files
    assert [r["status"] for r in out] == ["published", "published", "skipped"]
    for record in out:
        assert set(RECORD_KEYS) <= set(record)
    # URLs come from the sources.csv beside each file.
    assert out[1]["source_url"] == URL
    assert out[0]["source_url"] is None
    assert out[2]["authors"] == [] and out[2]["tags"] == [] and out[2]["title"] is None
    assert "empty file" in result.stderr


def test_convert_url_sets_the_source_of_a_single_file(variants):
    result = crimebriefs(
        "convert", str(variants / "en_topic_with_and.txt"), "--url", "https://example.org/a/", "--json"
    )
    (record,) = records(result.stdout)
    assert record["source_url"] == "https://example.org/a/"
    assert "\nsource: https://example.org/a/\n" in record["markdown"]


def test_convert_url_with_several_files_is_refused(variants):
    result = crimebriefs("convert", str(SAMPLE_PAGE), str(variants / "empty.txt"), "--url", URL, "--json")
    assert result.returncode == 2
    assert "--url goes with a single file" in result.stderr


def test_convert_exits_non_zero_only_when_a_file_cannot_be_read(tmp_path, variants):
    binary = crimebriefs("convert", str(variants / "binary.bin.txt"), "--json")
    assert binary.returncode == 0
    missing = crimebriefs("convert", str(tmp_path / "missing.txt"), str(SAMPLE_PAGE), "--json")
    assert missing.returncode == 1
    assert [r["status"] for r in records(missing.stdout)] == ["skipped", "published"]
    assert f"{tmp_path / 'missing.txt'}: no such file" in missing.stderr


def test_convert_without_json_prints_the_markdown_file():
    result = crimebriefs("convert", str(SAMPLE_PAGE))
    assert result.stdout.startswith("---\ntitle: Ecuador Shifts Security Focus to Microtrafficking\n")


def test_import_prints_a_summary_and_is_idempotent(tmp_path):
    raw = tmp_path / "content" / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    first = crimebriefs("import", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == (
        "crimebriefs import content/raw → content/briefs: "
        "1 imported, 0 updated, 0 unchanged, 0 drafts, 0 skipped, 0 kept, 0 errors"
    )
    second = crimebriefs("import", "content/raw", "--into", "content/briefs", cwd=tmp_path)
    assert "0 imported, 0 updated, 1 unchanged" in second.stdout


def test_import_reports_drafts_skips_and_errors(tmp_path, variants):
    result = crimebriefs("import", str(variants), "--into", str(tmp_path / "briefs"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    # 12 text pages, the saved HTML page and three good crawl records; crawl.jsonl:3 is a tag listing.
    assert "15 imported, 0 updated, 0 unchanged, 5 drafts, 3 skipped, 0 kept, 3 errors" in lines[0]
    assert any(line.startswith("draft: ") and line.endswith("missing date, topic and authors") for line in lines)
    assert any(line.startswith("skipped: ") and "listing_tag_page.txt" in line for line in lines)
    assert f"skipped: {variants / 'crawl.jsonl'}:3: tag listing page (by its URL)" in lines
    assert any(
        line.startswith("error: ") and line.endswith("empty.txt: empty file: no text to import") for line in lines
    )
    assert (
        f"error: {variants / 'crawl.jsonl'}:5: the line is cut off "
        "(not valid JSON: Unterminated string starting at column 52); skipped"
    ) in lines
