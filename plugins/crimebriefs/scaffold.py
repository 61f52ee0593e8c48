"""A new brief for a contributor to write: its front matter filled in, a body to replace, never over a file."""

from dataclasses import dataclass
from pathlib import Path

from crimebriefs import brief_template
from crimebriefs.errors import ScaffoldError
from crimebriefs.files import write_new
from crimebriefs.markdown_file import front_matter_text
from crimebriefs.slugs import make_slug
from crimebriefs.validate import Rules, brief_files, closest, load, site_topics, slug_of

NO_AUTHORS_REVIEW = "Add the authors, then delete the status and review lines to publish."


@dataclass(frozen=True)
class Request:
    """What the contributor asked for."""

    title: str
    topic: str
    authors: tuple[str, ...] = ()
    lang: str | None = None
    """The brief's language; the site's default language when not given."""
    new_topic: bool = False
    """The topic is meant to be new to the site."""


def create_brief(request: Request, briefs_dir: Path, rules: Rules, default_lang: str) -> tuple[Path, bool]:
    """Write ``briefs_dir/<slug>.md``; return its path and whether it is a draft (no authors yet)."""
    title = " ".join(request.title.split())
    if not title:
        raise ScaffoldError("the title is empty; give the brief's headline in quotes")
    lang = request.lang or (default_lang if default_lang in rules.languages else rules.languages[0])
    if lang not in rules.languages:
        raise ScaffoldError(
            f'--lang "{lang}" is not one of the site\'s languages ({", ".join(rules.languages)}); '
            "add it to CRIMEBRIEFS_LANGUAGES in pelicanconf.py first"
        )
    topic = site_spelling(request.topic, site_topics(briefs_dir), rules, new_topic=request.new_topic)
    slug = make_slug(title)
    path = briefs_dir / f"{slug}.md"
    clash = next((other for other in brief_files(briefs_dir) if slug_of(other, load(other), rules)[0] == slug), None)
    if path.exists() or clash is not None:
        raise ScaffoldError(f'{clash or path} already has the slug "{slug}"; edit that brief, or choose another title')
    authors = [" ".join(author.split()) for author in request.authors if author.strip()]
    fields = {"title": title, "slug": slug, "date": rules.today, "topic": topic, "authors": authors, "lang": lang}
    if not authors:
        fields.update(status="draft", review=NO_AUTHORS_REVIEW)
    text = f"{front_matter_text(fields)}\n{brief_template.body()}"
    briefs_dir.mkdir(parents=True, exist_ok=True)
    try:
        write_new(path, text.encode("utf-8"))
    except FileExistsError as exc:
        raise ScaffoldError(f"{path} already exists; edit it, or choose another title") from exc
    return path, not authors


def site_spelling(topic: str, topics: list[str], rules: Rules, *, new_topic: bool) -> str:
    """The topic as the site's briefs already spell it; an unknown one only when it is meant."""
    topic = " ".join(topic.split())
    if not topic:
        raise ScaffoldError('the topic is empty; give one, like --topic "Drug Policy"')
    if topic in topics:
        return topic
    same = [known for known in topics if rules.topic_slug(known) == rules.topic_slug(topic)]
    if same:
        return same[0]
    if new_topic:
        return topic
    close = closest(topic, topics, cutoff=0.5)
    if close:
        hint = "did you mean " + " or ".join(f'"{known}"' for known in close) + "?"
    elif topics:
        hint = "the site's topics are " + ", ".join(f'"{known}"' for known in topics)
    else:
        hint = "the site has no topics yet"
    raise ScaffoldError(f'topic "{topic}" is not one of the site\'s topics; {hint} (--new-topic creates a new one)')
