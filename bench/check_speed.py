"""How long ``crimebriefs check`` takes on a large briefs folder: ``python bench/check_speed.py [COUNT]``."""

import sys
import tempfile
import time
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from crimebriefs.validate import check_briefs, rules_from

TOPICS = ("Drug Policy", "Gender and Crime", "Illegal Mining", "Prisons", "Colombia", "Ecuador", "El Chapo")


def brief(number: int) -> str:
    return (
        f"---\ntitle: Brief number {number}\ndate: 2015-09-22\ntopic: {TOPICS[number % len(TOPICS)]}\n"
        f"authors:\n- Sam Tabory\nlang: en\ntags:\n- Ecuador\n- Microtrafficking\n"
        f"summary: {'A sentence of a summary. ' * 8}\nsource: https://insightcrime.org/news/{number}/\n"
        "publisher: InSight Crime\nlicense: CC BY-NC 4.0\n---\n\n" + "A paragraph of the body.\n\n" * 20
    )


def main(count: int) -> None:
    rules = rules_from({**DEFAULT_CONFIG, "PATH": "content"})
    with tempfile.TemporaryDirectory() as folder:
        briefs = Path(folder)
        for number in range(count):
            (briefs / f"brief-{number}.md").write_text(brief(number), encoding="utf-8")
        start = time.perf_counter()
        problems = check_briefs([briefs], briefs, rules)
        whole = time.perf_counter() - start
        start = time.perf_counter()
        check_briefs([briefs / "brief-0.md"], briefs, rules)
        one = time.perf_counter() - start
    print(
        f"{count} briefs: whole folder {whole:.2f} s ({whole / count * 1000:.2f} ms a brief), {len(problems)} problems"
    )
    print(f"one file against the folder: {one:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
