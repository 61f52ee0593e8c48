"""Import speeds alone, on synthetic dumps of N pages: ``make bench-import``.

    .venv/bin/python -m bench.imports [--sizes 5000 10000] [--html-sizes 1000] [--seed 1]

For each size, each import in a fresh process (as ``make bench`` runs them):

1. a text dump imported into an empty folder;
2. a no-op re-import of the same text dump into the folder just written;
3. a dump of saved HTML pages imported into an empty folder (``--html-sizes``, else the same sizes).

Each row gives pages per second, seconds, CPU seconds (the import's own process and any workers
it started; of them, the seconds spent in the system, mostly creating files) and peak memory (the
largest resident set of those processes). Nothing is written
to ``bench/results.json``: ``make bench`` reports the same figures with the rest of the pipeline.
"""

import argparse
import os
import tempfile
from pathlib import Path

from bench.one_import import import_run
from bench.synthetic import write_html_dump, write_text_dump

TARGETS = {"text import": "≥ 2,000 pages/s", "no-op re-import": "10,000 pages ≤ 1 s", "HTML import": "≥ 150 pages/s"}


def row(what: str, size: int, run: dict) -> str:
    rate = run["pages"] / run["seconds"] if run["seconds"] else float("inf")
    return (
        f"{what:<16} {size:>7} {rate:>9.0f} {run['seconds']:>8.2f} {run['cpu']:>8.2f} {run['system']:>8.2f}"
        f" {run['peak_mib']:>9.0f}"
        f"   {TARGETS[what]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000], help="pages per text dump")
    parser.add_argument("--html-sizes", type=int, nargs="*", help="pages per HTML dump (default: --sizes)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random prose")
    args = parser.parse_args()
    html_sizes = args.sizes if args.html_sizes is None else args.html_sizes
    lines = [
        f"{'':<16} {'pages':>7} {'pages/s':>9} {'seconds':>8} {'cpu s':>8} {'of it sys':>8} {'peak MiB':>9}   target"
    ]
    with tempfile.TemporaryDirectory(prefix="crimebriefs-bench-import-") as folder:
        root = Path(folder)
        for size in args.sizes:
            raw = root / f"text-{size}"
            write_text_dump(raw, size, args.seed)
            os.sync()  # the dump just written must not be flushed in the import's time
            first = import_run(raw, root / f"text-{size}-briefs")
            again = import_run(raw, root / f"text-{size}-briefs")
            lines += [row("text import", size, first), row("no-op re-import", size, again)]
            print(lines[-2], lines[-1], sep="\n", flush=True)
        for size in html_sizes:
            raw = root / f"html-{size}"
            write_html_dump(raw, size, args.seed + 1)
            os.sync()
            lines.append(row("HTML import", size, import_run(raw, root / f"html-{size}-briefs")))
            print(lines[-1], flush=True)
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
