"""A dump of N text pages made from the sample page, for benchmarks on a site of realistic size."""

import csv
import shutil
from pathlib import Path

from tests.live import SAMPLE_TITLE

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content" / "raw" / "000_1a1af36754ae01df.txt"

HEADER = "DRUG POLICY / 22 SEP 2015 BY SAM TABORY EN"
SEE_ALSO = "SEE ALSO: Coverage of Microtrafficking"

TOPICS = ["DRUG POLICY", "COSTA RICA", "GENDER AND CRIME", "EXTORTION", "PRISONS", "COCAINE", "MEXICO", "ECUADOR"]
AUTHORS = ["SAM TABORY", "DOUWE DEN HELD", "MARIA ALEJANDRA NAVARRETE", "CHRIS DALBY", "JAMES BARGENT"]
THEMES = ["Microtrafficking", "Ecuador", "Cocaine", "Prisons", "Extortion", "Money Laundering", "Gangs", "Police"]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def write_dump(raw_dir: Path, count: int) -> None:
    """Write ``count`` distinct pages and their ``sources.csv`` into ``raw_dir``."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    sample = SAMPLE.read_text(encoding="utf-8")
    rows = []
    for number in range(count):
        title = f"{SAMPLE_TITLE} Case {number}"
        header = (
            f"{TOPICS[number % len(TOPICS)]} / {number % 28 + 1} {MONTHS[number % 12]} {2010 + number % 15}"
            f" BY {AUTHORS[number % len(AUTHORS)]} EN"
        )
        page = (
            sample.replace(SAMPLE_TITLE, title)
            .replace(HEADER, header)
            .replace(SEE_ALSO, f"SEE ALSO: Coverage of {THEMES[number % len(THEMES)]}")
        )
        name = f"page_{number:05d}.txt"
        (raw_dir / name).write_text(page, encoding="utf-8")
        rows.append((name, f"https://insightcrime.org/news/brief/case-{number}/"))
    with (raw_dir / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("file", "url"))
        writer.writerows(rows)


def site_skeleton(root: Path) -> Path:
    """A copy of the repository's site, settings, theme and pages, without its dump or briefs."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "tasks.py"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "plugins").symlink_to(REPO / "plugins")
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("raw", "briefs"))
    return root
