"""``crimebriefs``: the command line. Argument wiring only; the work is in the modules."""

import argparse
import json
import sys
from pathlib import Path

from crimebriefs.convert import convert_paths, to_record
from crimebriefs.errors import ImportLockedError
from crimebriefs.importer import import_dump
from crimebriefs.read import CRAWL_SUFFIXES, is_url


def run_convert(args: argparse.Namespace) -> int:
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
    try:
        report = import_dump(args.raw_dir, args.into, force=args.force)
    except ImportLockedError as exc:
        print(f"crimebriefs import: {exc}", file=sys.stderr)
        return 3
    counts, *details = report.lines()
    print(f"crimebriefs import {args.raw_dir} → {args.into}: {counts}")
    for line in details:
        print(line)
    return 1 if report.unreadable else 0


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
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
