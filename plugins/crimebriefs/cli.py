"""``crimebriefs``: the command line. Argument wiring only; the work is in the modules."""

import argparse
import json
import sys
from pathlib import Path

# Each command imports what it needs when it runs: an import's worker processes load this module again
# (it is the program they were started from), and they need none of Pelican, Rich or the checks.


def run_convert(args: argparse.Namespace) -> int:
    from crimebriefs.convert import convert_paths, to_record
    from crimebriefs.read import CRAWL_SUFFIXES, is_url

    if args.url is not None and len(args.files) != 1:
        print(
            "crimebriefs convert: --url goes with a single file; with several, put their URLs in sources.csv",
            file=sys.stderr,
        )
        return 2
    if args.url is not None and not is_url(args.url):
        print(f"crimebriefs convert: --url {args.url!r} is not an http(s) URL", file=sys.stderr)
        return 2
    if args.url is not None and args.files[0].suffix.lower() in CRAWL_SUFFIXES:
        print(
            "crimebriefs convert: --url is for a text or HTML page; crawl records carry their own url", file=sys.stderr
        )
        return 2
    status = 0
    for converted in convert_paths(args.files, args.url):
        record = to_record(converted)
        if converted.error is not None:
            print(f"crimebriefs convert: {converted.error}", file=sys.stderr)
            status = max(status, int(converted.error.unreadable))
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        elif record["markdown"] is not None:
            print(record["markdown"], end="")
        else:
            print(f"# {record['origin']}: {record['status']}: {record['reason']}")
    return status


def run_import(args: argparse.Namespace) -> int:
    from crimebriefs.errors import ImportLockedError
    from crimebriefs.importer import import_dump
    from crimebriefs.progress import page_progress

    try:
        with page_progress() as advance:
            report = import_dump(args.raw_dir, args.into, force=args.force, on_page=advance)
    except ImportLockedError as exc:
        print(f"crimebriefs import: {exc}", file=sys.stderr)
        return 3
    counts, *details = report.lines()
    print(f"crimebriefs import {args.raw_dir} → {args.into}: {counts}")
    for line in details:
        print(line)
    return 1 if report.unreadable else 0


def run_audit(args: argparse.Namespace) -> int:
    from crimebriefs.audit import audit
    from crimebriefs.errors import AuditError

    try:
        report = audit(args.output_dir)
    except AuditError as exc:
        print(f"crimebriefs audit: {exc}", file=sys.stderr)
        return 2
    summary, *failures = report.lines()
    print(f"crimebriefs audit {args.output_dir}: {summary}", *failures, sep="\n")
    return 1 if failures else 0


def run_check(args: argparse.Namespace) -> int:
    from crimebriefs.errors import ConfigError
    from crimebriefs.plugin import shown
    from crimebriefs.settings import plugin_settings, site_settings
    from crimebriefs.validate import Severity, brief_files, check_briefs, plural, rules_from, tally

    try:
        settings = site_settings(args.settings)
        briefs_dir = Path(shown(plugin_settings(settings).briefs_dir))
    except ConfigError as exc:
        print(f"crimebriefs check: {exc}", file=sys.stderr)
        return 2
    paths = args.paths or [briefs_dir]
    missing = [path for path in paths if not path.exists()]
    if missing:
        print(f"crimebriefs check: {missing[0]}: no such file or folder", file=sys.stderr)
        return 2
    problems = check_briefs(paths, briefs_dir, rules_from(settings))
    for problem in problems:
        print(problem)
        if args.github:
            print(github_annotation(problem))
    count = len({found.resolve() for path in paths for found in brief_files(path)})
    print(f"crimebriefs check {' '.join(map(str, paths))}: {plural(count, 'brief')}, {tally(problems)}")
    return 1 if any(problem.severity is Severity.ERROR for problem in problems) else 0


def github_annotation(problem) -> str:
    """A GitHub Actions workflow command, which marks the line in a pull request's diff."""
    from crimebriefs.validate import Severity

    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}[problem.severity]
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = str(problem.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={path},line={problem.line}::{message}"


def run_new(args: argparse.Namespace) -> int:
    from crimebriefs.errors import ConfigError, ScaffoldError
    from crimebriefs.plugin import shown
    from crimebriefs.scaffold import Request, create_brief
    from crimebriefs.settings import plugin_settings, site_settings
    from crimebriefs.validate import rules_from

    request = Request(args.title, args.topic, tuple(args.authors), args.lang, args.new_topic)
    try:
        settings = site_settings(args.settings)
        briefs_dir = Path(shown(plugin_settings(settings).briefs_dir))
        path, draft = create_brief(request, briefs_dir, rules_from(settings), settings["DEFAULT_LANG"])
    except (ConfigError, ScaffoldError) as exc:
        print(f"crimebriefs new: {exc}", file=sys.stderr)
        return 2
    print(f"created {path}")
    if draft:
        print("It is a draft until you add its authors (see its review line).")
    print("Write the brief below the front matter; `make preview` shows it at http://localhost:8000/ as you save.")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="crimebriefs", description="Turn scraped crime-news pages into Markdown briefs."
    )
    commands = main.add_subparsers(dest="command", required=True)

    convert = commands.add_parser("convert", help="parse pages and print their briefs, without writing anything")
    convert.add_argument("files", nargs="+", type=Path, metavar="FILE")
    convert.add_argument("--url", help="the original URL of the page (one text or HTML file only)")
    convert.add_argument("--json", action="store_true", help="print one JSON object per page (JSON Lines)")
    convert.set_defaults(run=run_convert)

    import_ = commands.add_parser("import", help="import a dump folder into brief files")
    import_.add_argument("raw_dir", nargs="?", type=Path, default=Path("content/raw"), metavar="RAW_DIR")
    import_.add_argument("--into", type=Path, default=Path("content/briefs"), metavar="BRIEFS_DIR")
    import_.add_argument(
        "--force", action="store_true", help="re-import briefs edited by hand, saving each edited copy as .bak first"
    )
    import_.set_defaults(run=run_import)

    audit_ = commands.add_parser(
        "audit", help="check that every built page of a republished brief carries its attribution"
    )
    audit_.add_argument("output_dir", nargs="?", type=Path, default=Path("output"), metavar="OUTPUT_DIR")
    audit_.set_defaults(run=run_audit)
    check = commands.add_parser("check", help="check briefs' front matter without building; one line per problem")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the briefs)")
    check.add_argument("--settings", type=Path, help="the site's settings file (default: pelicanconf.py here)")
    check.add_argument("--github", action="store_true", help="also mark each problem in GitHub's pull-request view")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="create a brief to write, with its front matter filled in")
    new.add_argument("title", help="the brief's headline, in quotes")
    new.add_argument("--topic", required=True, help="its topic, as the site spells it")
    new.add_argument("--author", action="append", default=[], dest="authors", metavar="NAME", help="repeat for more")
    new.add_argument("--lang", help="its language (default: the site's, DEFAULT_LANG)")
    new.add_argument("--new-topic", action="store_true", help="the topic is new to the site, on purpose")
    new.add_argument("--settings", type=Path, help="the site's settings file (default: pelicanconf.py here)")
    new.set_defaults(run=run_new)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
