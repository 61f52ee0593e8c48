"""The whole pipeline against plain Pelican, on synthetic dumps of N pages: ``make bench``.

    .venv/bin/python -m bench.pipeline [--sizes 1000 5000] [--pairs 2] [--seed 1]

For each size, in one run on this machine:

1. import speed of text pages and of saved HTML pages (pages per second), each in a fresh process;
2. a no-op re-import of the same text dump (seconds);
3. ``pelican content`` of our site from a cold start (import, check, attribution, theme, search
   index) against plain Pelican 4.12 building the same briefs, written in its native
   ``Key: value`` metadata, with its default theme and no plugins; ``--pairs`` paired runs, the
   order alternated, reported as the ratio of the medians, ours / plain;
4. a rebuild with Pelican's content cache after one brief was changed, against the cold build;
5. the peak memory (maximum resident set size) of the largest process of our build;
6. the bytes of HTML and CSS a reader loads for one brief page.

It prints a table and writes ``bench/results.json``. Figures vary with the machine and its load:
compare ratios, which pair the runs, rather than seconds.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.dump import site_skeleton
from bench.one_import import import_run
from bench.synthetic import write_html_dump, write_native_briefs, write_text_dump

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results.json"
PELICAN = [sys.executable, "-m", "pelican"]
CACHE = ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", "GZIP_CACHE=false"]
"""Pelican's content cache, its check by content hash already set in pelicanconf.py."""
PLAIN_SETTINGS = """\
# Plain Pelican: its default theme, no plugins (None would load every installed one).
PATH = "content"
TIMEZONE = "America/Guayaquil"
PLUGINS = []
"""
STYLESHEET = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"')


def timed(command: list[str], cwd: Path) -> dict:
    """Run ``command``; its seconds and the peak memory of the largest process it ran, in MiB."""
    start = time.perf_counter()
    with open(cwd / "bench.log", "ab") as log:
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd} (exit {process.returncode}); see {cwd / 'bench.log'}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}


def cold(site: Path, aside: Path, *generated: str) -> None:
    """Clear what a build made, by moving it into ``aside``: nothing is deleted until every figure is taken.

    On ext4 without a journal (some cloud machines), for up to five minutes after many files are deleted,
    creating a file near them costs ten to thirty times as much, as the kernel passes over their freed
    inodes: a build right after an ``rm -rf`` of the last one's output would be timed with that penalty.
    """
    aside.mkdir(exist_ok=True)
    for name in ("output", "cache", *generated):
        if (site / name).exists():
            os.rename(site / name, aside / str(len(os.listdir(aside))))


def ours(site: Path, cache: bool = False) -> dict:
    return timed([*PELICAN, "content", "-s", "pelicanconf.py", *(CACHE if cache else [])], site)


def plain(site: Path) -> dict:
    return timed([*PELICAN, "content", "-s", "plainconf.py", "-o", "output"], site)


def page_weight(output: Path) -> dict:
    """Bytes of one brief page's HTML and of the stylesheets it links."""
    page = next(iter(sorted((output / "briefs").glob("*/index.html"))))
    html = page.read_text(encoding="utf-8")
    css = sum((page.parent / href.split("?")[0]).resolve().stat().st_size for href in STYLESHEET.findall(html))
    return {"page": str(page.relative_to(output)), "html_bytes": page.stat().st_size, "css_bytes": css}


def bench_size(root: Path, size: int, pairs: int, seed: int) -> dict:
    print(f"\n{size} pages: generating the dumps…", flush=True)
    ours_site = site_skeleton(root / "ours")
    raw = ours_site / "content" / "raw"
    write_text_dump(raw, size, seed)
    write_html_dump(root / "html", size, seed + 1)
    result: dict = {"pages": size}
    aside = root / "set-aside"
    # The import flushes its briefs to disk in one pass; the dumps just written must not be timed with them.
    os.sync()

    text = import_run(raw, root / "text-briefs")
    noop = import_run(raw, root / "text-briefs")
    html = import_run(root / "html", root / "html-briefs")
    result["text_import"] = {**text, "pages_per_s": text["pages"] / text["seconds"]}
    result["html_import"] = {**html, "pages_per_s": html["pages"] / html["seconds"]}
    result["noop_reimport"] = noop
    print(f"imports: text {text['pages'] / text['seconds']:.0f}/s, HTML {html['pages'] / html['seconds']:.0f}/s")

    plain_site = root / "plain"
    briefs = write_native_briefs(root / "text-briefs", plain_site / "content")
    (plain_site / "plainconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    runs: dict[str, list[dict]] = {"ours": [], "plain": []}
    for pair in range(pairs):
        order = ("ours", "plain") if pair % 2 == 0 else ("plain", "ours")
        for which in order:
            if which == "ours":
                cold(ours_site, aside, "content/briefs")
                runs["ours"].append(ours(ours_site))
            else:
                cold(plain_site, aside)
                runs["plain"].append(plain(plain_site))
            print(f"pair {pair + 1}: {which} {runs[which][-1]['seconds']:.1f} s", flush=True)
    ours_s = statistics.median(run["seconds"] for run in runs["ours"])
    plain_s = statistics.median(run["seconds"] for run in runs["plain"])
    result["build"] = {
        "briefs": briefs,
        "ours_s": [run["seconds"] for run in runs["ours"]],
        "plain_s": [run["seconds"] for run in runs["plain"]],
        "ours_cpu_s": [run["cpu"] for run in runs["ours"]],
        "plain_cpu_s": [run["cpu"] for run in runs["plain"]],
        "ratio": ours_s / plain_s,
        "pair_ratios": [o["seconds"] / p["seconds"] for o, p in zip(runs["ours"], runs["plain"], strict=True)],
    }
    result["peak_rss_mib"] = {
        "ours": max(run["peak_mib"] for run in runs["ours"]),
        "plain": max(run["peak_mib"] for run in runs["plain"]),
    }
    result["brief_page"] = page_weight(ours_site / "output")

    # The cache is written by a cold build, then one brief changes and the site is built again.
    cold(ours_site, aside)
    cached_cold = ours(ours_site, cache=True)
    brief = sorted((ours_site / "content" / "briefs").glob("*.md"))[size // 2]
    brief.write_text(brief.read_text(encoding="utf-8") + "\nOne more sentence, added by an editor.\n", "utf-8")
    rebuild = ours(ours_site, cache=True)
    result["cached_rebuild"] = {
        "cold_s": cached_cold["seconds"],
        "rebuild_s": rebuild["seconds"],
        "ratio": rebuild["seconds"] / cached_cold["seconds"],
    }
    print(f"cached rebuild {rebuild['seconds']:.1f} s after a cold {cached_cold['seconds']:.1f} s", flush=True)
    return result


def table(results: list[dict]) -> str:
    rows = [
        ("text import, pages/s (target ≥ 2,000)", lambda r: f"{r['text_import']['pages_per_s']:.0f}"),
        ("HTML import, pages/s (target ≥ 150)", lambda r: f"{r['html_import']['pages_per_s']:.0f}"),
        ("no-op re-import, s (10,000: ≤ 1 s)", lambda r: f"{r['noop_reimport']['seconds']:.2f}"),
        ("our build, s (median)", lambda r: f"{statistics.median(r['build']['ours_s']):.1f}"),
        ("plain Pelican, s (median)", lambda r: f"{statistics.median(r['build']['plain_s']):.1f}"),
        ("ours / plain (target ≤ 1.0)", lambda r: f"{r['build']['ratio']:.2f}"),
        ("cached rebuild / cold (≤ 0.5)", lambda r: f"{r['cached_rebuild']['ratio']:.2f}"),
        ("peak RSS ours, MiB (10,000: ≤ 1,536)", lambda r: f"{r['peak_rss_mib']['ours']:.0f}"),
        ("peak RSS plain, MiB", lambda r: f"{r['peak_rss_mib']['plain']:.0f}"),
        ("brief page HTML + CSS, bytes", lambda r: f"{r['brief_page']['html_bytes'] + r['brief_page']['css_bytes']}"),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [f"{'pages':<{width}} " + " ".join(f"{r['pages']:>9}" for r in results)]
    lines += [f"{label:<{width}} " + " ".join(f"{cell(r):>9}" for r in results) for label, cell in rows]
    return "\n".join(lines)


def machine() -> dict:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000], help="pages per dump")
    parser.add_argument("--pairs", type=int, default=2, help="paired cold builds, ours and plain, per size")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random prose")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the results")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="crimebriefs-bench-") as folder:
        for size in args.sizes:
            results.append(bench_size(Path(folder) / str(size), size, args.pairs, args.seed))
    print("\n" + table(results))
    args.output.write_text(json.dumps({"machine": machine(), "results": results}, indent=1) + "\n", "utf-8")
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
