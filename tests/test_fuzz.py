"""Any text, any bytes, any crawl line → a brief with a status, or a read error naming the file; never a crash.

Pages are the real layouts (../shared/dumps/variants and the bundled sample) mutated line by line,
re-encoded and re-terminated, as well as random text and bytes. ``make test`` runs a few examples
of each property with a fixed derandomised seed; ``make fuzz`` runs ``FUZZ_EXAMPLES`` of each,
seeded by ``FUZZ_SEED``.
"""

import json
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crimebriefs.convert import convert_paths, to_record
from crimebriefs.errors import ReadError
from crimebriefs.markdown_file import front_matter
from crimebriefs.model import Status
from tests.paths import SAMPLE_PAGE, VARIANTS

FUZZING = "FUZZ_EXAMPLES" in os.environ
PROPERTY = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    # The suite's run is the same every time; a fuzz run explores anew from --hypothesis-seed.
    derandomize=not FUZZING,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def _seed_pages() -> list[str]:
    paths = [SAMPLE_PAGE]
    if VARIANTS.is_dir():
        paths += sorted(p for p in VARIANTS.iterdir() if p.suffix in (".txt", ".html") and p.name != "binary.bin.txt")
    return [p.read_bytes().decode("utf-8", "replace") for p in paths]


def _seed_records() -> list[dict]:
    crawl = VARIANTS / "crawl.jsonl"
    if not crawl.is_file():
        return [{"url": "https://insightcrime.org/news/brief/x/", "text": SAMPLE_PAGE.read_text(encoding="utf-8")}]
    records = []
    for line in crawl.read_bytes().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the file has a cut-off line on purpose
        if isinstance(record, dict):
            records.append(record)
    return records


SEED_PAGES = _seed_pages()
SEED_RECORDS = _seed_records()

# Unicode as dumps bring it: accents, NBSP, curly quotes, right-to-left, emoji, controls, lone surrogates aside.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
HUGE_LINE = st.sampled_from(["x" * 300_000, "palabra " * 40_000, "<b><i>" * 3_000, "É" * 100_000])


@st.composite
def mutated(draw, text: str) -> str:
    """``text`` with lines dropped, swapped, duplicated, replaced, padded with a huge line, or cut short."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["drop", "swap", "duplicate", "unicode", "insert", "huge", "upper"]))
        if operation == "drop":
            del lines[at]
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "unicode":
            lines[at] = draw(any_text)
        elif operation == "insert":
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(any_text) + lines[at][cut:]
        elif operation == "huge":
            lines.insert(at, draw(HUGE_LINE))
        else:
            lines[at] = lines[at].upper()
    result = "\n".join(lines)
    if draw(st.booleans()):
        result = result[: draw(st.integers(0, len(result)))]
    return result


page_text = st.one_of(st.sampled_from(SEED_PAGES).flatmap(mutated), any_text)


@st.composite
def encoded(draw, text: str) -> bytes:
    """``text`` as a dump may store it: another line end, another encoding, with or without a BOM."""
    text = text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, "replace")
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


page_bytes = st.one_of(page_text.flatmap(encoded), st.binary(max_size=2000))

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=10,
)


@st.composite
def crawl_record(draw) -> dict:
    """A real record with its text or HTML mutated, its url changed, or a key of the wrong type."""
    record = dict(draw(st.sampled_from(SEED_RECORDS)))
    for name in ("text", "html"):
        if name in record:
            record[name] = draw(mutated(record[name]))
    change = draw(st.sampled_from(["none", "url", "content", "extra"]))
    if change == "url":
        record["url"] = draw(st.one_of(json_value, st.just("https://insightcrime.org/" + draw(any_text))))
    elif change == "content":
        record[draw(st.sampled_from(["text", "html"]))] = draw(json_value)
    elif change == "extra":
        record[draw(any_text)] = draw(json_value)
    return record


@st.composite
def crawl_line(draw) -> bytes:
    """One line of a crawl file: a record, a cut-off record, any JSON, any text or any bytes."""
    kind = draw(st.sampled_from(["record", "record", "cut", "json", "text", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300)).replace(b"\n", b" ")
    if kind == "text":
        return draw(any_text).replace("\n", " ").encode("utf-8", "surrogatepass")
    if kind == "json":
        return json.dumps(draw(json_value), ensure_ascii=draw(st.booleans())).encode("utf-8")
    line = json.dumps(draw(crawl_record()), ensure_ascii=draw(st.booleans())).encode("utf-8")
    if kind == "cut":
        line = line[: draw(st.integers(0, len(line)))]
    return line


def check_converted(path: Path) -> int:
    """Convert ``path`` and check every page it gives; returns how many there were."""
    count = 0
    for converted in convert_paths([path]):
        count += 1
        assert converted.origin.startswith(str(path))
        record = to_record(converted)
        json.dumps(record, ensure_ascii=False)
        if converted.error is not None:
            assert isinstance(converted.error, ReadError)
            assert record["status"] == Status.SKIPPED.value
            assert converted.error.reason
            continue
        brief = converted.brief
        assert brief.status in Status
        if brief.status is Status.SKIPPED:
            assert brief.reason
            continue
        # What is written reads back as the very fields that were meant.
        header = record["markdown"].split("\n---\n", 1)[0].removeprefix("---\n")
        assert yaml.safe_load(header) == front_matter(brief)
    return count


def convert_bytes(data: bytes, suffix: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_bytes(data)
        return check_converted(path)


@PROPERTY
@given(page_bytes)
def test_any_text_page_gives_a_brief_with_a_status_or_an_error_naming_the_file(data):
    assert convert_bytes(data, ".txt") == 1


@PROPERTY
@given(page_bytes)
def test_any_html_page_gives_a_brief_with_a_status_or_an_error_naming_the_file(data):
    assert convert_bytes(data, ".html") == 1


@PROPERTY
@given(st.lists(crawl_line(), min_size=1, max_size=4), st.sampled_from([b"\n", b"\r\n"]))
def test_any_crawl_line_gives_a_brief_with_a_status_or_an_error_naming_the_line(lines, end):
    data = end.join(lines) + end
    expected = sum(1 for line in data.split(b"\n") if line.strip()) or 1
    assert convert_bytes(data, ".jsonl") == expected


@PROPERTY
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".md", ""]))
def test_any_bytes_under_any_name_give_a_status_or_an_error_naming_the_file(data, suffix):
    assert convert_bytes(data, suffix) >= 1


def test_mutations_come_from_every_real_layout():
    # A property over the real layouts proves little if they went missing.
    assert len(SEED_PAGES) >= (16 if VARIANTS.is_dir() else 1)
    assert any("<html" in page.lower() for page in SEED_PAGES) or not VARIANTS.is_dir()
