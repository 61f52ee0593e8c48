"""Edit-to-visible times of the preview server (`make devserver`): seconds from saving a file
to the served page showing the change, on the sample site or on a dump of N pages.

    .venv/bin/python -m bench.preview            # the sample site (content/ as it is)
    .venv/bin/python -m bench.preview 1000       # a dump of 1,000 pages made from the sample
"""

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.dump import site_skeleton, write_dump
from tests.live import LiveServer, add_raw_page, edit

REPO = Path(__file__).resolve().parents[1]
SLOW = 300
"""Seconds to wait for a change at most."""


def make_site(root: Path, pages: int) -> Path:
    """A copy of the repository's site; with ``pages``, its dump is replaced by that many pages."""
    site_skeleton(root)
    if pages:
        write_dump(root / "content" / "raw", pages)
    else:
        shutil.copytree(REPO / "content" / "raw", root / "content" / "raw")
    return root


def brief_url(brief: Path) -> str:
    return f"briefs/{brief.stem}/"


def edit_body(server: LiveServer, brief: Path, round_: int) -> float:
    marker = f"Body edit {round_}."
    edit(brief, "General Mejia himself", f"{marker} General Mejia himself")
    return server.wait_for_text(brief_url(brief), marker, SLOW)


def edit_title(server: LiveServer, brief: Path, round_: int) -> float:
    edit(brief, "\ntitle: ", f"\ntitle: Retitled {round_} ")
    return server.wait_for_text(brief_url(brief), f"Retitled {round_}", SLOW)


def add_page(server: LiveServer, round_: int) -> float:
    name, title = f"added_{round_}.txt", f"Added Page {round_}"
    start = time.perf_counter()
    add_raw_page(server.site / "content" / "raw", name, title)
    manifest = server.site / "content" / "briefs" / ".crimebriefs-import.json"
    server.wait_for(lambda: f'"key": "{name}"' in manifest.read_text("utf-8"), SLOW, "the import")
    brief = next(b for b, entry in json.loads(manifest.read_text("utf-8"))["briefs"].items() if entry["key"] == name)
    server.wait_for_text(brief_url(Path(brief)), title, SLOW)
    return time.perf_counter() - start


def edit_template(server: LiveServer, brief: Path, round_: int) -> float:
    marker = f"Template edit {round_}"
    edit(server.site / "theme" / "templates" / "base.html", "built with", f"{marker}, built with")
    return server.wait_for_text(brief_url(brief), marker, SLOW)


def measure(server: LiveServer, rounds: int) -> dict[str, list[float]]:
    briefs = sorted((server.site / "content" / "briefs").glob("*.md"))
    brief = briefs[len(briefs) // 2]
    times: dict[str, list[float]] = {"brief body": [], "brief title": [], "raw page added": [], "template": []}
    for round_ in range(rounds):
        for what, step in zip(times, (edit_body, edit_title, None, edit_template), strict=True):
            times[what].append(add_page(server, round_) if step is None else step(server, brief, round_))
            time.sleep(0.5)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="?", type=int, default=0, help="pages in the dump (default: the sample site)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = make_site(Path(folder), args.pages)
        server = LiveServer(site)
        start = time.perf_counter()
        try:
            server.start(timeout=SLOW)
            print(f"site: {args.pages or 'sample'} pages; first build and start: {time.perf_counter() - start:.1f} s")
            for what, seconds in measure(server, args.rounds).items():
                print(f"{what:15} edit-to-visible: median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
