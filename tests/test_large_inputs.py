"""Large inputs import with bounded memory, and the import shows its progress on a terminal only.

The large runs take minutes, so they carry the ``large`` marker: ``make fuzz`` (and CI) runs them,
``make test`` does not. Peak memory is measured in a fresh process and written to test-artefacts/.
"""

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import SAMPLE_PAGE

TITLE = "Ecuador Shifts Security Focus to Microtrafficking"
MIB = 1024 * 1024
ARTICLE_EVERY = 25
# Runs the work in a fresh interpreter and prints what it did and its peak resident memory.
MEASURE = """
import json, resource, sys
from pathlib import Path
from crimebriefs.convert import convert_paths, to_record
from crimebriefs.importer import import_dump
command, source, into = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
if command == "convert":
    records = [to_record(c) for c in convert_paths([source])]
    done = {"status": records[0]["status"], "body_chars": len(records[0]["body"] or "")}
else:
    report = import_dump(source, into)
    done = {"imported": len(report.imported), "skipped": len(report.skipped), "errors": len(report.errors)}
done["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(done))
"""


def measure(command: str, source: Path, into: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, command, str(source), str(into)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def record_figures(artefacts: Path, name: str, figures: dict) -> None:
    path = artefacts / "large-inputs.json"
    known = json.loads(path.read_text()) if path.exists() else {}
    known[name] = figures
    path.write_text(json.dumps(known, indent=1) + "\n")
    print(name, figures)


def write_crawl(path: Path, lines: int) -> None:
    """``lines`` records, as a crawl brings them: one article in 25, the rest tag listings of ~2 KB."""
    path.parent.mkdir(parents=True, exist_ok=True)
    article = SAMPLE_PAGE.read_text(encoding="utf-8")
    listing = "Home Tags Cocaine\n\n" + "A teaser for another article about cocaine seizures...\n\n" * 36
    with path.open("w", encoding="utf-8") as stream:
        for number in range(lines):
            if number % ARTICLE_EVERY == 0:
                text = article.replace(TITLE, f"{TITLE} {number}")
                record = {"url": f"https://insightcrime.org/news/brief/p-{number}/", "text": text}
            else:
                record = {"url": f"https://insightcrime.org/tag/cocaine/page/{number}/", "text": listing}
            stream.write(json.dumps(record) + "\n")


@pytest.mark.large
def test_a_50_mb_text_page_converts_with_bounded_memory(tmp_path, artefacts):
    page = tmp_path / "huge.txt"
    paragraphs = SAMPLE_PAGE.read_text(encoding="utf-8").split("\n\n")
    header, body = "\n\n".join(paragraphs[:4]), "\n\n".join(paragraphs[4:8])
    with page.open("w", encoding="utf-8") as stream:
        stream.write(header + "\n\n")
        while stream.tell() < 50 * MIB:
            stream.write(body + "\n\n")
    size = page.stat().st_size / MIB
    figures = measure("convert", page, tmp_path)
    record_figures(artefacts, "50 MB text page", {"file_mib": round(size, 1), **figures})
    assert figures["status"] == "published"
    assert figures["body_chars"] > 40 * MIB
    # The page, its text and its Markdown are each held once or twice; nothing grows beyond that.
    assert figures["peak_mib"] < 12 * size


@pytest.mark.large
def test_a_100000_line_crawl_imports_with_memory_that_does_not_grow_with_the_file(tmp_path, artefacts):
    peaks = {}
    for lines in (10_000, 100_000):
        crawl = tmp_path / str(lines) / "crawl.jsonl"
        write_crawl(crawl, lines)
        figures = measure("import", crawl.parent, tmp_path / f"briefs-{lines}")
        figures["file_mib"] = round(crawl.stat().st_size / MIB, 1)
        record_figures(artefacts, f"{lines}-line crawl import", figures)
        articles = lines // ARTICLE_EVERY
        assert (figures["imported"], figures["skipped"], figures["errors"]) == (articles, lines - articles, 0)
        peaks[lines] = figures
        crawl.unlink()
    # Lines are read one at a time: memory grows only by each page's line in the report and the
    # manifest (well under 1 KiB), never by the page's text (about 2.5 KiB a line here).
    growth_per_line = (peaks[100_000]["peak_mib"] - peaks[10_000]["peak_mib"]) * MIB / 90_000
    assert growth_per_line < 1024
    assert peaks[100_000]["peak_mib"] < peaks[100_000]["file_mib"]


def run_import_with_stderr(tmp_path: Path, on_terminal: bool) -> tuple[int, bytes]:
    raw = tmp_path / "raw"
    write_crawl(raw / "crawl.jsonl", 200)
    command = [sys.executable, "-m", "crimebriefs", "import", str(raw), "--into", str(tmp_path / "briefs")]
    if not on_terminal:
        result = subprocess.run(command, capture_output=True, check=False)
        return result.returncode, result.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the import ends
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(), shown


def test_the_import_shows_its_progress_on_a_terminal(tmp_path):
    status, shown = run_import_with_stderr(tmp_path, on_terminal=True)
    assert status == 0
    assert b"importing: " in shown and b" pages" in shown


def test_the_import_writes_no_progress_when_its_output_is_not_a_terminal(tmp_path):
    status, stderr = run_import_with_stderr(tmp_path, on_terminal=False)
    assert status == 0
    assert stderr == b""
