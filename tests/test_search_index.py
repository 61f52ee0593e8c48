"""The Pagefind index: what it holds, a site without briefs, a failed run that keeps the old index, and the skip."""

import gzip
import json
import logging
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from crimebriefs.pagefind_indexer import page_file
from crimebriefs.search_index import (
    DIGEST,
    INDEXER,
    collect_records,
    index_built_site,
    pagefind_error,
    start_early,
    start_index,
)
from crimebriefs.search_records import brief_record, write_records
from tests.paths import SAMPLE_DIR, SAMPLE_PAGE
from tests.sites import SAMPLE_BRIEF, build, make_site

ATTRIBUTION = "Republished under the CC BY-NC 4.0 license."


def brief(slug, lang, title, body, topic="Drug Policy", kind="news"):
    return SimpleNamespace(
        url=f"briefs/{slug}/",
        save_as=f"briefs/{slug}/index.html",
        lang=lang,
        title=title,
        kind=kind,
        category=topic,
        _content=body,
    )


def site(tmp_path, search=True):
    """The article generator and the Pelican of a small site, as the signals hand them over."""
    output = tmp_path / "output"
    output.mkdir(exist_ok=True)
    settings = {"CRIMEBRIEFS_SEARCH": search, "PATH": str(tmp_path), "DEFAULT_LANG": "en"}
    generator = SimpleNamespace(
        settings=settings,
        output_path=str(output),
        articles=[brief("a", "en", "Cocaine <em>seized</em>", "<p>Police seized cocaine in Guayaquil.</p>")],
        translations=[brief("b", "es", "Cocaína incautada", "<p>La policía incautó cocaína.</p>", kind=None)],
        hidden_articles=[brief("c", "en", "Hidden", "<p>Unlisted marijuana.</p>")],
    )
    return generator, SimpleNamespace(settings=settings, output_path=str(output)), output


def build_index(generator, pelican) -> None:
    """The plugin's three steps, in the order of a build: read, render (with the index under way), end."""
    collect_records(generator)
    for article in generator.articles + generator.translations:
        # As the attribution does after the records are taken: no word of it is searched.
        article._content += f'\n<p data-pagefind-ignore="">{ATTRIBUTION}</p>'
    start_index(generator)
    index_built_site(pelican)


def fragments(bundle: Path, parts: bool = True) -> dict[str, dict]:
    """Pagefind's record of each page, as the search page reads it: URL → content, meta, filters.

    With ``parts``, those of the bundle's other parts too (a large index comes in parts).
    """
    found = {}
    for path in (bundle.rglob if parts else bundle.glob)("fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


def test_index_holds_the_published_briefs_with_their_meta_filters_and_bodies(tmp_path, capsys):
    generator, pelican, output = site(tmp_path)
    build_index(generator, pelican)
    assert "crimebriefs search: indexed 1 in en, 1 in es →" in capsys.readouterr().out
    entry = json.loads((output / "pagefind" / "parts" / "1" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {"en": 1, "es": 1}
    pages = fragments(output / "pagefind")
    assert sorted(pages) == ["/briefs/a/", "/briefs/b/"]  # the hidden brief is not searched
    english, spanish = pages["/briefs/a/"], pages["/briefs/b/"]
    assert english["content"] == "Police seized cocaine in Guayaquil."
    assert english["meta"] == {"title": "Cocaine seized", "kind": "news", "lang": "en"}
    assert english["filters"] == {"topic": ["Drug Policy"]}
    assert spanish["meta"] == {"title": "Cocaína incautada", "lang": "es"}
    assert not list(output.glob(".pagefind-*"))
    # Every file written whole: Pagefind is let finish its writes before it ends.
    assert [path for path in (output / "pagefind").rglob("*") if path.is_file() and not path.stat().st_size] == []


def parts_of(bundle: Path) -> dict[str, list[str]]:
    """Each part of the index the bundle lists → the URLs it holds."""
    listing = json.loads((bundle / "crimebriefs-parts.json").read_text(encoding="utf-8"))
    return {part["path"]: sorted(fragments(bundle / part["path"])) for part in listing}


def more_briefs(last_body: str = "<p>Brief h.</p>") -> list:
    return [brief(slug, "en", slug.title(), f"<p>Brief {slug}.</p>") for slug in "defg"] + [
        brief("h", "en", "H", last_body)
    ]


def test_a_large_index_comes_in_parts_and_an_edit_indexes_its_part_alone(tmp_path, capsys):
    generator, pelican, output = site(tmp_path)
    generator.articles += more_briefs()
    generator.settings["CRIMEBRIEFS_SEARCH_PART"] = 2
    build_index(generator, pelican)
    assert "crimebriefs search: indexed 6 in en, 1 in es →" in capsys.readouterr().out
    bundle = output / "pagefind"
    parts = parts_of(bundle)
    assert len(parts) > 1
    assert sorted(url for urls in parts.values() for url in urls) == sorted(fragments(bundle))
    assert len(fragments(bundle)) == 7
    # Each part is a whole bundle of Pagefind's, which the search page merges.
    assert all((bundle / path / "pagefind.js").is_file() for path in parts)
    files = {path: {f.name: f.stat().st_ino for f in (bundle / path).rglob("*.pf_fragment")} for path in parts}

    edited, _, _ = site(tmp_path)
    edited.settings["CRIMEBRIEFS_SEARCH_PART"] = 2
    edited.articles += more_briefs("<p>Brief h, now about extortion.</p>")
    build_index(edited, pelican)

    assert parts_of(bundle) == parts
    changed = [path for path in parts if "/briefs/h/" in parts[path]]
    assert "extortion" in fragments(bundle)["/briefs/h/"]["content"]
    for path in parts:
        now = {f.name: f.stat().st_ino for f in (bundle / path).rglob("*.pf_fragment")}
        # The other parts are the files of the last build, linked into the new bundle.
        assert (now == files[path]) is (path not in changed), path


def test_an_index_started_from_the_briefs_read_ahead_goes_on_when_they_are_the_briefs_as_read(tmp_path, caplog):
    generator, pelican, output = site(tmp_path)
    start_early(generator, [brief_record(a, "en") for a in generator.translations + generator.articles])
    with caplog.at_level(logging.DEBUG, logger="crimebriefs"):
        build_index(generator, pelican)
    assert "their index goes on" in caplog.text
    assert sorted(fragments(output / "pagefind")) == ["/briefs/a/", "/briefs/b/"]
    assert not list(output.glob(".pagefind-*"))


def test_an_index_started_from_briefs_read_ahead_is_made_again_when_the_briefs_as_read_differ(tmp_path, caplog):
    generator, pelican, output = site(tmp_path)
    told = [brief("a", "en", "A title Pelican will not read", "<p>Words Pelican will not read.</p>")]
    start_early(generator, [brief_record(a, "en") for a in told])
    with caplog.at_level(logging.DEBUG, logger="crimebriefs"):
        build_index(generator, pelican)
    assert "differ from those read ahead" in caplog.text
    pages = fragments(output / "pagefind")
    assert sorted(pages) == ["/briefs/a/", "/briefs/b/"]
    assert pages["/briefs/a/"]["meta"]["title"] == "Cocaine seized"
    assert not list(output.glob(".pagefind-*"))


def test_an_index_started_early_stops_when_the_briefs_as_read_have_none(tmp_path, capsys):
    generator, pelican, output = site(tmp_path)
    start_early(generator, [brief_record(a, "en") for a in generator.articles])
    generator.articles = generator.translations = []
    build_index(generator, pelican)
    assert "crimebriefs search: no briefs to index in" in capsys.readouterr().out
    assert not (output / "pagefind").exists()
    assert not list(output.glob(".pagefind-*"))


def test_a_site_without_briefs_is_not_indexed(tmp_path, capsys):
    generator, pelican, output = site(tmp_path)
    generator.articles = generator.translations = []
    build_index(generator, pelican)
    assert "crimebriefs search: no briefs to index in" in capsys.readouterr().out
    assert not (output / "pagefind").exists()


def test_a_failed_index_is_reported_and_the_previous_one_kept(tmp_path, caplog, monkeypatch):
    generator, pelican, output = site(tmp_path)
    (output / "pagefind").mkdir()
    (output / "pagefind" / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    # As if the Pagefind binary had gone missing from the environment.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind-here"))
    with caplog.at_level(logging.ERROR):
        build_index(generator, pelican)
    assert f"crimebriefs search: Pagefind could not index {output}: FileNotFoundError: [Errno 2]" in caplog.text
    assert "no-pagefind-here" in caplog.text
    assert (output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8") == "{}"
    assert not list(output.glob(".pagefind-*"))


def test_a_pagefind_that_stops_at_once_is_reported_and_the_build_goes_on(tmp_path, caplog, monkeypatch):
    generator, pelican, output = site(tmp_path)
    # As if the Pagefind binary were broken: it runs, answers nothing and ends.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with caplog.at_level(logging.ERROR):
        build_index(generator, pelican)
    assert f"crimebriefs search: Pagefind could not index {output}: Pagefind stopped" in caplog.text
    assert not (output / "pagefind").exists()
    assert not list(output.glob(".pagefind-*"))


def test_an_unchanged_site_is_not_indexed_again(tmp_path, capsys):
    generator, pelican, output = site(tmp_path)
    build_index(generator, pelican)
    # A new index replaces the whole bundle; this mark stays only while the bundle is kept.
    mark = output / "pagefind" / "kept"
    mark.touch()
    capsys.readouterr()

    generator, pelican, output = site(tmp_path)
    build_index(generator, pelican)
    assert "crimebriefs search: indexed 1 in en, 1 in es → " in (said := capsys.readouterr().out)
    assert "(unchanged since the last build)" in said
    assert mark.exists()

    generator, pelican, output = site(tmp_path)
    generator.articles[0]._content = "<p>Police seized heroin in Guayaquil.</p>"
    build_index(generator, pelican)
    assert "(unchanged since the last build)" not in capsys.readouterr().out
    assert not mark.exists()
    assert fragments(output / "pagefind")["/briefs/a/"]["content"] == "Police seized heroin in Guayaquil."

    # The same records, but the bundle in the output is not the one they made: it is made again.
    mark.touch()
    (output / "pagefind" / DIGEST).unlink()
    generator, pelican, output = site(tmp_path)
    generator.articles[0]._content = "<p>Police seized heroin in Guayaquil.</p>"
    build_index(generator, pelican)
    assert "(unchanged since the last build)" not in capsys.readouterr().out
    assert not mark.exists()


def test_search_can_be_turned_off(tmp_path):
    generator, pelican, output = site(tmp_path, search=False)
    build_index(generator, pelican)
    assert not (output / "pagefind").exists()


def test_pagefind_errors_are_reported_in_its_own_words_once():
    stderr = "Error: Pagefind was not able to build an index. \nMost likely, the directory was empty.\n" * 2
    assert pagefind_error(stderr) == "Error: Pagefind was not able to build an index."
    assert pagefind_error("Traceback (most recent call last):\n  ...\nOSError: boom\n") == "OSError: boom"


def test_the_built_site_is_searched_by_brief_bodies_without_their_attribution(test_site):
    pages = fragments(test_site / "output" / "pagefind")
    sample = pages["/" + SAMPLE_BRIEF.removesuffix("index.html")]
    assert sample["meta"]["title"] == "Ecuador Shifts Security Focus to Microtrafficking"
    assert "Serrano" in sample["content"]
    assert not [url for url, page in pages.items() if "Republished under" in page["content"]]
    assert not [url for url, page in pages.items() if "Reproducido bajo" in page["content"]]


def test_a_site_in_another_theme_is_indexed_too(tmp_path):
    site_dir = make_site(tmp_path, [SAMPLE_DIR / "sources.csv", SAMPLE_PAGE])
    with (site_dir / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nTHEME = "simple"\n')
    result = build(site_dir)
    assert "crimebriefs search: indexed 1 in en → output/pagefind" in result.stdout
    pages = fragments(site_dir / "output" / "pagefind")
    assert pages["/" + SAMPLE_BRIEF.removesuffix("index.html")]["meta"]["title"] == (
        "Ecuador Shifts Security Focus to Microtrafficking"
    )


def test_a_part_is_indexed_by_pagefinds_command_under_the_urls_of_its_records():
    assert page_file("/briefs/a/") == "briefs/a/index.html"
    assert page_file("/briefs/a.html") == "briefs/a.html"
    assert page_file("/") == "index.html"
    # URLs the command would name otherwise: they go through Pagefind's Python API, as given.
    for url in ("/briefs/a", "/briefs/a/index.html", "/briefs/año/", "/briefs/a b/", "/briefs/../a/", "briefs/a/"):
        assert page_file(url) is None, url


def test_briefs_at_urls_no_file_would_give_are_indexed_at_their_own_urls(tmp_path):
    generator, pelican, output = site(tmp_path)
    generator.articles[0].url = "briefs/a"  # as a site whose URLs end without a slash or .html
    generator.articles.append(brief("ñandú", "en", "Rheas", "<p>Smuggled rheas.</p>"))
    build_index(generator, pelican)
    assert sorted(fragments(output / "pagefind")) == ["/briefs/a", "/briefs/b/", "/briefs/ñandú/"]
    assert fragments(output / "pagefind")["/briefs/a"]["content"] == "Police seized cocaine in Guayaquil."


def test_pagefinds_command_ends_with_the_indexer_that_started_it(tmp_path):
    # Many long records: Pagefind takes seconds over them, and the indexer is stopped as soon as it starts it.
    records = [brief_record(brief(f"b{n}", "en", f"Brief {n}", "<p>" + "Police seized cocaine. " * 400 + "</p>"), "en")
               for n in range(3000)]  # fmt: skip
    work = tmp_path / "work"
    work.mkdir()
    digest = write_records(records, work / "records.jsonl")
    parts = [{"path": "parts/0", "digest": digest, "records": "records.jsonl"}]
    (work / "crimebriefs-parts.json").write_text(json.dumps(parts), encoding="utf-8")
    indexer = subprocess.Popen([sys.executable, "-P", str(INDEXER), str(work), str(tmp_path / "new"), str(tmp_path)])
    children = Path(f"/proc/{indexer.pid}/task/{indexer.pid}/children")
    deadline = time.monotonic() + 60
    while not (pagefind := children.read_text().split()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert pagefind, "the indexer started Pagefind's command"
    indexer.kill()  # as a build stops an index it no longer wants
    indexer.wait()
    deadline = time.monotonic() + 2
    while Path(f"/proc/{pagefind[0]}").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not Path(f"/proc/{pagefind[0]}").exists()


def test_briefs_whose_urls_would_clash_as_files_are_indexed_at_their_own_urls(tmp_path):
    for urls in (["briefs/x.html", "briefs/x.html/"], ["briefs/Y/", "briefs/y/"]):
        folder = tmp_path / urls[1].strip("/").replace("/", "-")
        folder.mkdir()
        generator, pelican, output = site(folder)
        # One URL's file is where the other's folder would be, or two differ only in case.
        generator.articles = [brief(f"n{n}", "en", "Brief", f"<p>Brief {n}.</p>") for n in range(2)]
        for article, url in zip(generator.articles, urls, strict=True):
            article.url = url
        build_index(generator, pelican)
        assert sorted(fragments(output / "pagefind")) == sorted(["/briefs/b/", *(f"/{url}" for url in urls)])
