"""Synthetic dumps of any size, in the layouts of the shared samples, with seeded random prose.

Every page keeps its layout's chrome, header, markers and links; only its title, topic, date,
byline, "see also" theme and the words of its paragraphs change. The same seed gives the same
dump, byte for byte.
"""

import csv
import random
import re
from pathlib import Path

import yaml

from bench.dump import AUTHORS, HEADER, MONTHS, SAMPLE, SEE_ALSO, THEMES, TOPICS

REPO = Path(__file__).resolve().parents[1]
HTML_SAMPLE = REPO.parent / "shared" / "dumps" / "variants" / "html_saved_page.html"
TITLE = "Ecuador Shifts Security Focus to Microtrafficking"
HTML_URL = "https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"
ARTICLE_PARAGRAPH = re.compile(r"(?m)^      <p>(?!<strong>)(.+)</p>$")
"""A paragraph of the saved page's article body (chrome paragraphs have classes or other indents)."""


def vocabulary() -> list[str]:
    """The words of the sample page: prose made of them reads like the source, case and punctuation aside."""
    return re.findall(r"[A-Za-z][a-z']+", SAMPLE.read_text(encoding="utf-8"))


class Prose:
    """Seeded random paragraphs."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.words = vocabulary()

    def sentence(self) -> str:
        words = self.random.choices(self.words, k=self.random.randint(8, 24))
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(2, 5)))


def text_page(number: int, prose: Prose) -> str:
    """A text page in the sample's layout: its long paragraphs are replaced by random ones."""
    title = f"{TITLE} Case {number}"
    header = (
        f"{TOPICS[number % len(TOPICS)]} / {number % 28 + 1} {MONTHS[number % 12]} {2010 + number % 15}"
        f" BY {AUTHORS[number % len(AUTHORS)]} EN"
    )
    page = (
        SAMPLE.read_text(encoding="utf-8")
        .replace(TITLE, title)
        .replace(HEADER, header)
        .replace(SEE_ALSO, f"SEE ALSO: Coverage of {THEMES[number % len(THEMES)]}")
    )
    body_start, body_end = page.index(header), page.index("InSight Crime Analysis")
    analysis_end = page.index("About InSight Crime") if "About InSight Crime" in page else len(page)
    lines = page.split("\n")
    offset, out = 0, []
    for line in lines:
        inside = body_start < offset < body_end or body_end < offset < analysis_end
        out.append(prose.paragraph() if inside and len(line) > 120 else line)
        offset += len(line) + 1
    return "\n".join(out)


def html_page(number: int, prose: Prose) -> str:
    """A saved HTML page in the variant's layout, with its own title, URL and paragraphs."""
    page = HTML_SAMPLE.read_text(encoding="utf-8").replace(TITLE, f"{TITLE} Case {number}")
    page = page.replace(HTML_URL, f"https://insightcrime.org/news/brief/html-case-{number}/")
    return ARTICLE_PARAGRAPH.sub(lambda _: f"      <p>{prose.paragraph()}</p>", page)


def write_text_dump(raw_dir: Path, count: int, seed: int = 1) -> None:
    """``count`` text pages and their ``sources.csv``."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    prose = Prose(seed)
    rows = []
    for number in range(count):
        name = f"page_{number:05d}.txt"
        (raw_dir / name).write_text(text_page(number, prose), encoding="utf-8")
        rows.append((name, f"https://insightcrime.org/news/brief/case-{number}/"))
    with (raw_dir / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("file", "url"))
        writer.writerows(rows)


def write_html_dump(raw_dir: Path, count: int, seed: int = 2) -> None:
    """``count`` saved HTML pages; each names its URL in its canonical link."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    prose = Prose(seed)
    for number in range(count):
        (raw_dir / f"page_{number:05d}.html").write_text(html_page(number, prose), encoding="utf-8")


NATIVE_FIELDS = {"title": "Title", "date": "Date", "topic": "Category", "summary": "Summary", "lang": "Lang"}


def native_brief(text: str, slug: str) -> str:
    """A brief with YAML front matter rewritten in Pelican's own ``Key: value`` metadata, which plain Pelican reads."""
    _, front, body = text.split("---\n", 2)
    fields = yaml.safe_load(front)
    lines = [f"{key}: {' '.join(str(fields[name]).split())}" for name, key in NATIVE_FIELDS.items() if name in fields]
    for name, key in (("tags", "Tags"), ("authors", "Authors")):
        if fields.get(name):
            lines.append(f"{key}: {', '.join(map(str, fields[name]))}")
    if "status" in fields:
        lines.append(f"Status: {fields['status']}")
    lines.append(f"Slug: {slug}")
    return "\n".join(lines) + "\n" + body


def write_native_briefs(briefs_dir: Path, into: Path) -> int:
    """Every brief of ``briefs_dir`` in Pelican's native metadata; returns how many."""
    into.mkdir(parents=True, exist_ok=True)
    count = 0
    for brief in sorted(briefs_dir.glob("*.md")):
        (into / brief.name).write_text(native_brief(brief.read_text(encoding="utf-8"), brief.stem), encoding="utf-8")
        count += 1
    return count
