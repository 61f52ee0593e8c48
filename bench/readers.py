"""How fast saved HTML pages and crawl records convert, and how much memory a large crawl takes.

    .venv/bin/python bench/readers.py [--pages 3000] [--records 3000] [--large 10000 100000]

Pages and records are made from the shared samples, each with its own title and URL. Every
measurement runs in a fresh process, so its peak memory (maximum resident set size) is its own.
Rates are given per second of wall time and per second of CPU time: on a shared machine the
second is the steadier figure.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "dumps"
HTML_PAGE = SHARED / "variants" / "html_saved_page.html"
TEXT_PAGE = REPO / "content" / "raw" / "000_1a1af36754ae01df.txt"
TITLE = "Ecuador Shifts Security Focus to Microtrafficking"
URL = "https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"


def html_page(number: int) -> str:
    return HTML_PAGE.read_text(encoding="utf-8").replace(TITLE, f"{TITLE} {number}").replace(URL, f"{URL}{number}/")


def text_page(number: int) -> str:
    return TEXT_PAGE.read_text(encoding="utf-8").replace(TITLE, f"{TITLE} {number}")


def write_html_pages(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"page-{number:06}.html").write_text(html_page(number), encoding="utf-8")


def write_crawl(path: Path, count: int, html: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # One page of each shape is made once and numbered by substitution: writing stays fast.
    template = html_page(0) if html else text_page(0)
    with path.open("w", encoding="utf-8") as stream:
        for number in range(count):
            content = template.replace(f"{TITLE} 0", f"{TITLE} {number}")
            record = {"url": f"{URL}{number}/", ("html" if html else "text"): content}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def measure(command: str, source: Path, into: Path) -> dict:
    """Run one measurement in a fresh process: its seconds, pages and peak memory."""
    output = subprocess.run(
        [sys.executable, __file__, "--measure", command, str(source), str(into)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def run_measurement(command: str, source: Path, into: Path) -> None:
    from crimebriefs.convert import convert_paths
    from crimebriefs.importer import import_dump

    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    start = time.perf_counter()
    if command == "convert":
        files = sorted(source.iterdir()) if source.is_dir() else [source]
        pages = sum(1 for converted in convert_paths(files) if converted.brief is not None)
    else:
        report = import_dump(source, into)
        pages = len(report.imported) + len(report.unchanged) + len(report.updated)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    print(json.dumps({"seconds": seconds, "cpu": cpu, "pages": pages, "peak_mib": usage.ru_maxrss / 1024}))


def report(label: str, result: dict) -> None:
    pages, seconds, cpu = result["pages"], result["seconds"], result["cpu"]
    print(f"{label:<42} {pages:>7} pages {seconds:>7.1f} s {pages / seconds:>6.0f}/s "
          f"{pages / cpu:>6.0f}/CPU-s  peak RSS {result['peak_mib']:>4.0f} MiB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000, help="saved HTML pages and crawl records to time")
    parser.add_argument("--large", type=int, nargs="*", default=[10_000, 100_000], help="crawl sizes for memory")
    parser.add_argument("--measure", nargs=3, metavar=("COMMAND", "SOURCE", "INTO"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        command, source, into = args.measure
        run_measurement(command, Path(source), Path(into))
        return
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        write_html_pages(root / "html", args.pages)
        write_crawl(root / "crawl-html" / "crawl.jsonl", args.pages, html=True)
        write_crawl(root / "crawl-text" / "crawl.jsonl", args.pages, html=False)
        report("HTML pages, convert (parse only)", measure("convert", root / "html", root / "unused"))
        report("HTML pages, import (parse and write)", measure("import", root / "html", root / "briefs-html"))
        report("JSONL html records, convert", measure("convert", root / "crawl-html" / "crawl.jsonl", root / "u"))
        report("JSONL text records, convert", measure("convert", root / "crawl-text" / "crawl.jsonl", root / "u"))
        report("JSONL text records, import", measure("import", root / "crawl-text", root / "briefs-text"))
        for count in args.large:
            crawl = root / f"large-{count}" / "crawl.jsonl"
            write_crawl(crawl, count, html=False)
            size = crawl.stat().st_size / 2**20
            report(f"{count} text records ({size:.0f} MiB), convert", measure("convert", crawl, root / "u"))
            report(f"{count} text records, import", measure("import", crawl.parent, root / f"briefs-{count}"))


if __name__ == "__main__":
    main()
