"""Pieces of pages the theme makes once for every page that shows them."""

from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader
from pelican.settings import read_settings

from crimebriefs import templating

CARDS = Environment().from_string(
    '{% macro card(brief, level) %}{% call remembered(brief, "card", level, SITEURL) %}'
    "<h{{ level }}>{{ count(brief) }}</h{{ level }}>{% endcall %}{% endmacro %}"
    "{% for brief in briefs %}{{ card(brief, level) }}{% endfor %}"
)


def pages(briefs, siteurl=".", level=2):
    made = []

    def count(brief):
        made.append(brief.title)
        return brief.title

    html = CARDS.render(briefs=briefs, level=level, SITEURL=siteurl, count=count, remembered=templating.remembered)
    return html, made


def test_a_brief_card_is_made_once_for_every_page_that_shows_it_alike():
    templating._made.clear()
    briefs = [SimpleNamespace(title="One"), SimpleNamespace(title="Two")]
    first, made = pages(briefs)
    assert (first, made) == ("<h2>One</h2><h2>Two</h2>", ["One", "Two"])
    again, made_again = pages(briefs)
    assert (again, made_again) == (first, [])
    # Another heading level, or pages at another depth (other relative links): made anew.
    assert pages(briefs, level=3) == ("<h3>One</h3><h3>Two</h3>", ["One", "Two"])
    assert pages(briefs, siteurl="../..")[1] == ["One", "Two"]


def test_a_new_build_makes_its_cards_anew():
    templating._made.clear()
    brief = SimpleNamespace(title="Before")
    pages([brief])
    brief.title = "After"
    templating.add_template_helpers(SimpleNamespace(env=Environment(), settings=read_settings()))
    assert pages([brief]) == ("<h2>After</h2>", ["After"])


def environment(folder, cache_path, **options):
    env = Environment(loader=FileSystemLoader(str(folder)), **options)
    env.bytecode_cache = templating.compiled_templates(env, str(cache_path))
    return env


def test_a_template_compiled_in_one_build_is_loaded_compiled_in_the_next_until_its_source_changes(tmp_path):
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    cache = tmp_path / "cache"
    assert environment(tmp_path, cache).get_template("page.html").render(title="One") == "<h1>One</h1>"
    assert list((cache / templating.COMPILED_FOLDER).rglob("*.cache"))
    later = environment(tmp_path, cache)
    compiled = []
    later.compile = lambda *args, **kwargs: compiled.append(args) or Environment.compile(later, *args, **kwargs)
    assert later.get_template("page.html").render(title="Two") == "<h1>Two</h1>"
    assert compiled == []
    (tmp_path / "page.html").write_text("<h2>{{ title }}</h2>", encoding="utf-8")
    edited = environment(tmp_path, cache)
    assert edited.get_template("page.html").render(title="Three") == "<h2>Three</h2>"


def test_templates_compiled_with_other_options_are_kept_apart(tmp_path):
    (tmp_path / "page.html").write_text("{% if title %}\n  <h1>{{ title }}</h1>\n{% endif %}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    trimmed = environment(tmp_path, cache, trim_blocks=True, lstrip_blocks=True)
    assert trimmed.get_template("page.html").render(title="One") == "  <h1>One</h1>\n"
    plain = environment(tmp_path, cache)
    assert plain.bytecode_cache.directory != trimmed.bytecode_cache.directory
    assert plain.get_template("page.html").render(title="One") == "\n  <h1>One</h1>\n"
    with_i18n = environment(tmp_path, cache, extensions=["jinja2.ext.i18n"])
    assert with_i18n.bytecode_cache.directory not in (plain.bytecode_cache.directory, trimmed.bytecode_cache.directory)
    assert environment(tmp_path, cache).bytecode_cache.directory == plain.bytecode_cache.directory
