"""``crimebriefs check``'s rules: every mistake is one line naming the file, the line and the fix."""

import datetime
import shutil
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG

from crimebriefs.brief_template import body
from crimebriefs.importer import import_dump
from crimebriefs.validate import Severity, check_briefs, rules_from
from tests.conftest import GOOD_BRIEF, SAMPLE_DIR

TODAY = datetime.date(2025, 6, 1)
RULES = rules_from({**DEFAULT_CONFIG, "PATH": "content"}, today=TODAY)
BRIEFS = Path("content/briefs")

GOOD = GOOD_BRIEF


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """A briefs folder with two good briefs, worked on from the site's folder as a contributor would."""
    monkeypatch.chdir(tmp_path)
    BRIEFS.mkdir(parents=True)
    (BRIEFS / "known.md").write_text(GOOD, encoding="utf-8")
    (BRIEFS / "gender.md").write_text(GOOD.replace("Drug Policy", "Gender and Crime"), encoding="utf-8")
    return tmp_path


def check(text: str | bytes, name: str = "x.md") -> list[str]:
    path = BRIEFS / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return [str(problem) for problem in check_briefs([path], BRIEFS, RULES)]


def test_a_good_brief_has_no_problem(site):
    assert check(GOOD.replace("Ecuador Shifts", "Peru Shifts")) == []


# Each case: the brief's text, then the exact lines `crimebriefs check` prints for it.
CASES = {
    "missing title": (
        "---\ndate: 2015-09-22\ntopic: Drug Policy\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:6: title is missing; add a line "title: '
         'Ecuador Shifts Security Focus to Microtrafficking" to the front matter'],
    ),
    "missing date": (
        "---\ntitle: A\ntopic: Drug Policy\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:6: date is missing; add a line "date: 2015-09-22" to the front matter'],
    ),
    "missing topic": (
        "---\ntitle: A\ndate: 2015-09-22\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:6: topic is missing; add a line "topic: Drug Policy" to the front matter'],
    ),
    "missing authors": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic: Drug Policy\n---\nText.\n",
        ['content/briefs/x.md:5: authors is missing; add a line "authors:" to the front matter, '
         'with one "- Sam Tabory" line per author below it'],
    ),
    "empty title": (
        '---\ntitle: ""\ndate: 2015-09-22\ntopic: Drug Policy\nauthors:\n- Sam Tabory\n---\nText.\n',
        ['content/briefs/x.md:2: title is empty; write it like "title: '
         'Ecuador Shifts Security Focus to Microtrafficking"'],
    ),
    "empty topic": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic:\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:4: topic is empty; write it like "topic: Drug Policy"'],
    ),
    "empty authors": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic: Drug Policy\nauthors: []\n---\nText.\n",
        ['content/briefs/x.md:5: authors is empty; add one "- Sam Tabory" line per author below "authors:"'],
    ),
    "unparseable date": (
        "---\ntitle: A\ndate: 2015-13-01\ntopic: Drug Policy\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:3: date "2015-13-01" is not a valid date (use YYYY-MM-DD)'],
    ),
    "date in another format": (
        "---\ntitle: A\ndate: 22/09/2015\ntopic: Drug Policy\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:3: date "22/09/2015" is not a valid date (use YYYY-MM-DD)'],
    ),
    "future date": (
        "---\ntitle: A\ndate: 2025-06-02\ntopic: Drug Policy\nauthors:\n- Sam Tabory\n---\nText.\n",
        ["content/briefs/x.md:3: warning: date 2025-06-02 is in the future; "
         "the brief will be listed as the newest until then (check the year)"],
    ),
    "topic near an existing one": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic: Drug Polcy\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:4: warning: topic "Drug Polcy" is used by no other brief; did you mean '
         '"Drug Policy"? (keep it if a new topic is meant)'],
    ),
    "topic spelt differently": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic: drug policy\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:4: warning: topic "drug policy" is spelt "Drug Policy" in other briefs; '
         "use the same spelling"],
    ),
    "a text where a list belongs": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic: Drug Policy\nauthors: Sam Tabory, Ana Pérez\n---\nText.\n",
        ['content/briefs/x.md:5: authors is a single text ("Sam Tabory, Ana Pérez"); write it as a list, '
         'one "- Sam Tabory" line per author below "authors:"'],
    ),
    "a list where a text belongs": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic:\n- Drug Policy\n- Ecuador\nauthors:\n- Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:4: topic is a list; write one value, as text: "topic: Drug Policy"'],
    ),
    "unknown field near a known one": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic: Drug Policy\nautor: Sam Tabory\n---\nText.\n",
        ['content/briefs/x.md:5: warning: unknown field "autor" (did you mean "authors"?)',
         'content/briefs/x.md:6: authors is missing; add a line "authors:" to the front matter, '
         'with one "- Sam Tabory" line per author below it'],
    ),
    "unknown field like nothing known": (
        GOOD.replace("topic:", "mood: grim\ntopic:"),
        ['content/briefs/x.md:4: warning: unknown field "mood"; the fields a brief can have are listed in '
         "CONTRIBUTING.md"],
    ),
    "a language the site does not have": (
        GOOD.replace("topic:", "lang: fr\ntopic:"),
        ['content/briefs/x.md:4: lang "fr" is not one of the site\'s languages (en, es); use one of them, '
         "or add it to CRIMEBRIEFS_LANGUAGES in pelicanconf.py"],
    ),
    "a malformed source": (
        GOOD.replace("topic:", "source: insightcrime.org/news/brief/x/\ntopic:"),
        ['content/briefs/x.md:4: source "insightcrime.org/news/brief/x/" is not a web address; '
         "give the full address, starting with https://"],
    ),
    "a summary over the length": (
        GOOD.replace("topic:", f"summary: {'Word ' * 61}\ntopic:"),
        ["content/briefs/x.md:4: warning: summary is 304 characters long, over the site's 300; "
         "shorten it to a sentence or two"],
    ),
    "invalid YAML": (
        "---\ntitle: Ecuador: A New Focus\ndate: 2015-09-22\n---\nText.\n",
        ["content/briefs/x.md:2: the front matter is not valid YAML: mapping values are not allowed in this "
         'context (a value that contains ": " must be in quotes; other lines are "name: value")'],
    ),
    "an unclosed quote": (
        '---\ntitle: A\ndate: 2015-09-22\ntopic: "Drug Policy\nauthors:\n- Sam Tabory\n---\nText.\n',
        ["content/briefs/x.md:4: the front matter is not valid YAML: found unexpected end of stream "
         "(a quote opened here is never closed)"],
    ),
    "a tab": (
        "---\ntitle: A\ndate: 2015-09-22\ntopic: Drug Policy\nauthors:\n\t- Sam Tabory\n---\nText.\n",
        ["content/briefs/x.md:6: the front matter is not valid YAML: found character that cannot start any "
         "token (indent with spaces; YAML does not allow tabs)"],
    ),
    "no front matter": (
        "title: A\ndate: 2015-09-22\n\nText.\n",
        ['content/briefs/x.md:1: no front matter: the file must start with a line "---", then the fields, '
         'then another "---"'],
    ),
    "front matter never closed": (
        "---\ntitle: A\ndate: 2015-09-22\n\nText.\n",
        ['content/briefs/x.md:1: the front matter is never closed; add a line "---" after the last field'],
    ),
    "front matter that is a list": (
        "---\n- title\n- date\n---\nText.\n",
        ['content/briefs/x.md:2: the front matter is a list; it must be "name: value" lines'],
    ),
    "a field given twice": (
        GOOD.replace("topic:", "title: B\ntopic:"),
        ["content/briefs/x.md:4: title is given twice (also on line 2); keep one"],
    ),
    "an unknown status": (
        GOOD.replace("topic:", "status: publish\ntopic:"),
        ['content/briefs/x.md:4: status "publish" is not one of published, draft, hidden (did you mean "published"?)'],
    ),
    "the template's placeholder text left in": (
        GOOD.split("---\n\n")[0] + "---\n\n" + body(),
        ["content/briefs/x.md:9: warning: this line is the template's placeholder; write your own text",
         "content/briefs/x.md:11: warning: this line is the template's placeholder; write your own text",
         "content/briefs/x.md:15: warning: this line is the template's placeholder; write your own text"],
    ),
    "a draft from the import": (
        "---\nlang: en\npublisher: InSight Crime\nstatus: draft\n"
        "review: Add the title, date, topic and authors, then delete the status and review lines to publish.\n"
        "---\nText.\n",
        ["content/briefs/x.md:4: note: draft, kept out of the site: Add the title, date, topic and authors, "
         "then delete the status and review lines to publish."],
    ),
    "a draft written by hand": (
        "---\ntitle: A\nstatus: draft\n---\nText.\n",
        ["content/briefs/x.md:3: note: draft, kept out of the site; it still needs date, topic and authors"],
    ),
    "a republished page that names no author": (
        "---\ntitle: Isthmus Profile\ndate: 2019-05-02\ntopic: Central America\nkind: Profile\n"
        "source: https://insightcrime.org/isthmus/\npublisher: InSight Crime\nlicense: CC BY-NC 4.0\n---\nText.\n",
        [],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_is_one_line_with_file_line_and_fix(site, case):
    text, expected = CASES[case]
    assert check(text) == expected


def test_a_summary_at_the_length_is_fine(site):
    assert check(GOOD.replace("topic:", f"summary: {'x' * 300}\ntopic:")) == []
    assert len(check(GOOD.replace("topic:", f"summary: {'x' * 301}\ntopic:"))) == 1


def test_a_file_not_in_utf8_names_the_line_of_the_bad_byte(site):
    latin1 = GOOD.replace("Ecuador Shifts", "Policía Shifts").encode("latin-1")
    assert check(latin1) == [
        "content/briefs/x.md:2: the file is not UTF-8 text (byte 0xed on this line); save it as UTF-8"
    ]


def test_two_briefs_with_one_slug_are_both_named(site):
    (BRIEFS / "2015").mkdir()
    (BRIEFS / "2015" / "known.md").write_text(GOOD, encoding="utf-8")
    (BRIEFS / "copy.md").write_text(GOOD.replace("topic:", "slug: gender\ntopic:"), encoding="utf-8")
    problems = [str(problem) for problem in check_briefs([BRIEFS], BRIEFS, RULES)]
    assert problems == [
        'content/briefs/2015/known.md:1: slug "known" is also the slug of content/briefs/known.md; '
        "two briefs cannot share one web address (rename this file)",
        'content/briefs/copy.md:4: slug "gender" is also the slug of content/briefs/gender.md; '
        "two briefs cannot share one web address (change its slug line)",
        'content/briefs/gender.md:1: slug "gender" is also the slug of content/briefs/copy.md; '
        "two briefs cannot share one web address (rename this file)",
        'content/briefs/known.md:1: slug "known" is also the slug of content/briefs/2015/known.md; '
        "two briefs cannot share one web address (rename this file)",
    ]


def test_slugs_collide_as_pelican_makes_them_from_file_names(site):
    (BRIEFS / "Known.markdown").write_text(GOOD, encoding="utf-8")
    problems = check_briefs([BRIEFS / "Known.markdown"], BRIEFS, RULES)
    assert [problem.message for problem in problems] == [
        'slug "known" is also the slug of content/briefs/known.md; two briefs cannot share one web address '
        "(rename this file)"
    ]


def test_checking_one_file_still_compares_it_with_the_whole_folder(site):
    problems = check(GOOD.replace("Drug Policy", "Gender & Crime"))
    assert problems == [
        'content/briefs/x.md:4: warning: topic "Gender & Crime" is used by no other brief; did you mean '
        '"Gender and Crime"? (keep it if a new topic is meant)'
    ]


def test_a_new_topic_unlike_any_other_is_fine(site):
    assert check(GOOD.replace("Drug Policy", "Illegal Mining")) == []


def test_hidden_files_and_other_suffixes_are_not_briefs(site):
    (BRIEFS / ".draft.md").write_text("not a brief", encoding="utf-8")
    (BRIEFS / "known.md.bak").write_text("not a brief", encoding="utf-8")
    (BRIEFS / ".crimebriefs-import.json").write_text("{}", encoding="utf-8")
    assert check_briefs([BRIEFS], BRIEFS, RULES) == []


def test_every_problem_of_a_file_is_reported_not_only_the_first(site):
    text = "---\ntitle: A\ndate: 2015-13-01\ntopic: [Drug Policy]\nautor: Sam\nlang: fr\n---\nText.\n"
    problems = check(text)
    assert [line.split(": ", 1)[0] for line in problems] == [
        "content/briefs/x.md:3",
        "content/briefs/x.md:4",
        "content/briefs/x.md:5",
        "content/briefs/x.md:6",
        "content/briefs/x.md:7",
    ]


def test_windows_line_endings_and_a_byte_order_mark_are_read_like_pelican_does(site):
    assert check(b"\xef\xbb\xbf" + GOOD.replace("Ecuador", "Peru").replace("\n", "\r\n").encode()) == []


def test_imported_briefs_are_valid_drafts_and_republished_pages(tmp_path, variants):
    briefs = tmp_path / "briefs"
    import_dump(variants, briefs)
    import_dump(SAMPLE_DIR, briefs)
    problems = check_briefs([briefs], briefs, RULES)
    assert [p for p in problems if p.severity is not Severity.NOTE] == []
    assert len(problems) == 5  # the five drafts, each with what its review line asks for


def test_the_check_reads_only_the_briefs_it_is_given_and_the_folder(site, tmp_path):
    outside = tmp_path / "elsewhere" / "known.md"
    outside.parent.mkdir()
    shutil.copy(BRIEFS / "known.md", outside)
    problems = check_briefs([outside], BRIEFS, RULES)
    assert [problem.message for problem in problems] == [
        f'slug "known" is also the slug of {BRIEFS / "known.md"}; two briefs cannot share one web address '
        "(rename this file)"
    ]


def test_a_list_of_lists_is_refused_with_the_plain_form(site):
    text = GOOD_BRIEF.replace("authors:\n- Sam Tabory", "authors:\n- - Sam Tabory\n  - Ana Pérez")
    assert check(text) == ['content/briefs/x.md:5: authors must be a plain list, one "- Sam Tabory" line per author']
