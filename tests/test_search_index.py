"""The Pagefind index: which files it reads, a site without briefs, and a failed run that keeps the old index."""

import logging
from types import SimpleNamespace

from crimebriefs.search_index import brief_patterns, index_built_site, index_site, pagefind_error

BRIEF_PAGE = '<html lang="{lang}"><body><h1>Menu</h1><div data-pagefind-body>{text}</div></body></html>'


def built_site(tmp_path, search=True):
    output = tmp_path / "output"
    for slug, lang, text in (("a", "en", "Cocaine seized"), ("b", "es", "Cocaína incautada")):
        (output / "briefs" / slug).mkdir(parents=True)
        (output / "briefs" / slug / "index.html").write_text(BRIEF_PAGE.format(lang=lang, text=text), encoding="utf-8")
    (output / "index.html").write_text('<html lang="en"><body><p>Home</p></body></html>', encoding="utf-8")
    settings = {
        "CRIMEBRIEFS_SEARCH": search,
        "PATH": str(tmp_path),
        "ARTICLE_SAVE_AS": "briefs/{slug}/index.html",
        "ARTICLE_LANG_SAVE_AS": "briefs/{slug}/index.html",
    }
    return SimpleNamespace(settings=settings, output_path=str(output)), output


def test_brief_pages_are_found_from_the_save_as_settings():
    assert brief_patterns("briefs/{slug}/index.html", "briefs/{slug}/index.html") == ["briefs/*/index.html"]
    assert brief_patterns("{date:%Y}/{slug}.html", "{slug}-{lang}.html") == ["*-*.html", "*/*.html"]


def test_index_covers_the_brief_pages_in_their_languages(tmp_path, capsys):
    pelican, output = built_site(tmp_path)
    index_built_site(pelican)
    assert (output / "pagefind" / "pagefind.js").is_file()
    assert not (output / ".pagefind-new").exists()
    assert "crimebriefs search: indexed 1 in en, 1 in es →" in capsys.readouterr().out
    # Once a page marks its body, Pagefind reads no page that does not, whatever the pattern lets in.
    assert index_site(output, ["index.html", "briefs/a/index.html"]) == {"en": 1}


def test_a_site_without_briefs_is_not_indexed(tmp_path, capsys):
    pelican, output = built_site(tmp_path)
    pelican.settings["ARTICLE_SAVE_AS"] = pelican.settings["ARTICLE_LANG_SAVE_AS"] = "news/{slug}.html"
    index_built_site(pelican)
    assert "crimebriefs search: no briefs to index in" in capsys.readouterr().out
    assert not (output / "pagefind").exists()


def test_a_failed_index_is_reported_and_the_previous_one_kept(tmp_path, caplog, monkeypatch):
    pelican, output = built_site(tmp_path)
    (output / "pagefind").mkdir()
    (output / "pagefind" / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    # As if the Pagefind binary had gone missing from the environment.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind-here"))
    with caplog.at_level(logging.ERROR):
        index_built_site(pelican)
    assert f"crimebriefs search: Pagefind could not index {output}: " in caplog.text
    assert caplog.text.rstrip().endswith("FileNotFoundError: [Errno 2] No such file or directory")
    assert (output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8") == "{}"
    assert not (output / ".pagefind-new").exists()


def test_search_can_be_turned_off(tmp_path):
    pelican, output = built_site(tmp_path, search=False)
    index_built_site(pelican)
    assert not (output / "pagefind").exists()


def test_pagefind_errors_are_reported_in_its_own_words_once():
    stderr = "Error: Pagefind was not able to build an index. \nMost likely, the directory was empty.\n" * 2
    assert pagefind_error(stderr) == "Error: Pagefind was not able to build an index."
    assert pagefind_error("Traceback (most recent call last):\n  ...\nOSError: boom\n") == "OSError: boom"
