"""One import, timed in a process of its own: ``python -m bench.one_import RAW BRIEFS`` prints its figures as JSON.

A module of its own, importing nothing else at the top: the import's worker processes load the
program that started them, so they load no more than a user's ``crimebriefs import`` would.
"""

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def import_run(raw: Path, briefs: Path) -> dict:
    """One import in a fresh process: its seconds, CPU seconds, pages and peak memory."""
    command = [sys.executable, "-m", "bench.one_import", str(raw), str(briefs)]
    output = subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def measure_import(raw: Path, briefs: Path) -> dict:
    from crimebriefs.importer import import_dump

    # Workers the import starts count too: their CPU time, and the largest of them in the peak memory.
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    before = [resource.getrusage(w) for w in who]
    start = time.perf_counter()
    report = import_dump(raw, briefs)
    seconds = time.perf_counter() - start
    after = [resource.getrusage(w) for w in who]
    pages = len(report.imported) + len(report.updated) + len(report.unchanged)
    user = sum(a.ru_utime - b.ru_utime for a, b in zip(after, before, strict=True))
    system = sum(a.ru_stime - b.ru_stime for a, b in zip(after, before, strict=True))
    peak = max(usage.ru_maxrss for usage in after) / 1024
    figures = {"seconds": seconds, "cpu": user + system, "system": system, "peak_mib": peak, "pages": pages}
    return {**figures, "written": len(report.imported)}


if __name__ == "__main__":
    print(json.dumps(measure_import(Path(sys.argv[1]), Path(sys.argv[2]))))
