"""The preview server (`make devserver`, `invoke livereload`), run for real on a copy of the site.

One server serves the whole module; the tests run in order, each editing its own files.
"""

import asyncio
import concurrent.futures
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tornado.websocket import websocket_connect

from tests.conftest import REPO, SAMPLE_DIR
from tests.live import LiveServer, add_raw_page, edit, fetch

BRIEF = "briefs/ecuador-shifts-security-focus-to-microtrafficking/"


def run_async(coroutine):
    """Run a coroutine to its end in a thread of its own: Playwright's sync API may hold this thread's loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


BRIEF_FILE = "content/briefs/ecuador-shifts-security-focus-to-microtrafficking.md"
PROTOCOL = "http://livereload.com/protocols/official-7"
STAMP_PLUGIN = '''"""Shows which version of its code built the site."""

from pelican import signals

STAMP = "stamp one"


def stamp(pelican):
    pelican.settings["SITESUBTITLE"] = STAMP


def register():
    signals.initialized.connect(stamp)
'''


def make_site(root: Path) -> Path:
    """A site like the repository's, with a theme to edit and a small plugin of its own."""
    shutil.copy(REPO / "tasks.py", root / "tasks.py")
    shutil.copy(REPO / "pelicanconf.py", root / "pelicanconf.py")
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nPLUGINS = ["crimebriefs", "sitestamp"]\n')
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "plugins" / "sitestamp").mkdir(parents=True)
    (root / "plugins" / "crimebriefs").symlink_to(REPO / "plugins" / "crimebriefs")
    (root / "plugins" / "sitestamp" / "__init__.py").write_text(STAMP_PLUGIN, encoding="utf-8")
    shutil.copytree(SAMPLE_DIR, root / "content" / "raw")
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = LiveServer(make_site(tmp_path_factory.mktemp("site")))
    try:
        server.start()
        yield server
    finally:
        server.stop()


def builds(server: LiveServer) -> int:
    return server.output().count("Preview built after a change")


def html_stamps(output: Path) -> dict[str, int]:
    return {path.relative_to(output).as_posix(): path.stat().st_mtime_ns for path in output.rglob("*.html")}


async def handshake(server: LiveServer):
    """Connect as livereload.js does in a browser showing the site, and wait until the server counts it."""
    connected = server.output().count("Browser Connected")
    socket = await websocket_connect(f"ws://127.0.0.1:{server.port}/livereload")
    await socket.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL]}))
    hello = json.loads(await asyncio.wait_for(socket.read_message(), 10))
    assert hello["command"] == "hello" and PROTOCOL in hello["protocols"]
    await socket.write_message(json.dumps({"command": "info", "url": server.url, "plugins": {}}))
    server.wait_for(lambda: server.output().count("Browser Connected") > connected, 10, "the browser to be counted")
    return socket


async def next_reload(socket, timeout: float) -> dict:
    while True:
        message = json.loads(await asyncio.wait_for(socket.read_message(), timeout))
        if message["command"] == "reload":
            return message


def test_make_devserver_runs_invoke_livereload_on_the_given_port():
    dry_run = subprocess.run(["make", "-n", "devserver", "PORT=8123"], cwd=REPO, capture_output=True, text=True)
    assert dry_run.returncode == 0, dry_run.stderr
    assert ".venv/bin/invoke livereload --port 8123" in dry_run.stdout


def test_the_preview_serves_the_site_on_loopback_with_the_reload_script(server):
    status, html = fetch(server.url + BRIEF)
    assert status == 200
    assert re.search(r"<h1[^>]*>Ecuador Shifts Security Focus to Microtrafficking</h1>", html)
    assert "/livereload.js?port=" in html
    assert f"Previewing at http://127.0.0.1:{server.port}/" in server.output()
    assert (server.site / "cache").is_dir()


def test_an_edited_brief_shows_and_only_the_pages_showing_it_are_rendered_again(server):
    output = server.site / "output"
    before = html_stamps(output)
    edit(server.site / BRIEF_FILE, "General Mejia himself", "Edited in the preview. General Mejia himself")
    seconds = server.wait_for_text(BRIEF, "Edited in the preview.")
    print(f"edit-to-visible on the sample site: {seconds:.2f} s")
    after = html_stamps(output)
    rendered = sorted(path for path in after if after[path] != before.get(path))
    assert rendered == [
        "2015/index.html",
        "authors/sam-tabory/index.html",
        f"{BRIEF}index.html",
        "index.html",
        "tags/ecuador/index.html",
        "tags/microtrafficking/index.html",
        "topics/drug-policy/index.html",
    ]


def test_an_edited_page_shows(server):
    edit(server.site / "content" / "pages" / "about.md", "\n\n", "\n\nA sentence added while previewing.\n\n")
    server.wait_for_text("about/", "A sentence added while previewing.")


def test_a_new_page_in_the_raw_dump_is_imported_and_built_once(server):
    imports = server.output().count("crimebriefs import content/raw → content/briefs: 1 imported")
    add_raw_page(server.site / "content" / "raw", "added.txt", "Port Seizures Double on the Pacific Coast")
    server.wait_for_text("briefs/port-seizures-double-on-the-pacific-coast/", "Port Seizures Double on the Pacific")
    assert (server.site / "content" / "briefs" / "port-seizures-double-on-the-pacific-coast.md").is_file()
    assert server.output().count("crimebriefs import content/raw → content/briefs: 1 imported") == imports + 1
    # The files the import wrote are not edits: give the watcher time to (wrongly) rebuild again.
    settled = builds(server)
    time.sleep(1.5)
    assert builds(server) == settled


def test_a_template_edit_renders_every_page_again(server):
    edit(server.site / "theme" / "templates" / "base.html", "Built with", "Previewed and built with")
    server.wait_for_text(BRIEF, "Previewed and built with")
    for path in ("", "about/", "archives/", "tags/ecuador/"):
        assert "Previewed and built with" in fetch(server.url + path)[1], path


def test_a_stylesheet_edit_is_served(server):
    edit(server.site / "theme" / "static" / "css" / "crimebriefs.css", ":root {", ":root { --previewed: 1;")
    server.wait_for_text("theme/css/crimebriefs.css", "--previewed: 1;")


def test_a_broken_template_is_reported_and_the_last_good_build_stays_until_it_is_fixed(server):
    template = server.site / "theme" / "templates" / "article.html"
    before = builds(server)
    edit(template, "{% block content %}", "{% block content %}{% if %}")
    server.wait_for(lambda: "The rebuild failed" in server.output(), 60, "the failure to be reported")
    assert re.search(r"TemplateSyntaxError.*Expected an expression", server.output())
    status, html = fetch(server.url + BRIEF)
    assert status == 200 and "Edited in the preview." in html
    edit(template, "{% if %}", "<p>Fixed.</p>")
    server.wait_for_text(BRIEF, "<p>Fixed.</p>")
    assert builds(server) == before + 1


def test_open_browsers_are_told_to_reload_after_each_rebuild(server):
    async def two_edits() -> list[dict]:
        socket = await handshake(server)
        messages = []
        for number in (1, 2):
            edit(server.site / BRIEF_FILE, "General Mejia himself", f"Reload {number}. General Mejia himself")
            messages.append(await next_reload(socket, 60))
        socket.close()
        return messages

    # Two edits in quick succession each reload the page.
    assert [message["path"] for message in run_async(two_edits())] == [BRIEF_FILE, BRIEF_FILE]
    assert "Reload 2." in fetch(server.url + BRIEF)[1]


def test_after_edits_the_preview_shows_what_a_full_build_makes(server, tmp_path):
    fresh = tmp_path / "fresh"
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(fresh)]
    result = subprocess.run(command, cwd=server.site, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    output = server.site / "output"
    made = sorted(path.relative_to(fresh).as_posix() for path in fresh.rglob("*") if path.is_file())
    assert made == sorted(path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file())
    for name in made:
        assert (output / name).read_bytes() == (fresh / name).read_bytes(), name


def test_a_plugin_edit_restarts_the_preview_with_the_new_code(server):
    plugin = server.site / "plugins" / "sitestamp" / "__init__.py"
    edit(plugin, 'STAMP = "stamp one"', 'STAMP = "stamp two"')
    server.wait_for_text("", "stamp two", timeout=120)


def test_a_settings_edit_restarts_the_preview_and_reconnecting_browsers_reload(server):
    async def reconnect() -> dict:
        socket = await handshake(server)
        message = await next_reload(socket, 10)
        socket.close()
        return message

    edit(server.site / "pelicanconf.py", 'SITENAME = "Crime Briefs"', 'SITENAME = "Renamed Briefs"')
    server.wait_for_text("", "Renamed Briefs", timeout=120)
    assert run_async(reconnect())["path"] == "*"


def test_broken_settings_are_reported_and_the_preview_comes_back_once_they_are_fixed(server):
    settings = server.site / "pelicanconf.py"
    edit(settings, 'SITENAME = "Renamed Briefs"', 'SITENAME = "Fixed Briefs"\nDEFAULT_PAGINATION = (')
    server.wait_for(lambda: "The preview cannot build: fix pelicanconf.py" in server.output(), 120, "the error")
    assert "SyntaxError" in server.output()
    # The restarted process reports the error before it listens again: wait for it to answer.
    server.wait_for(lambda: fetch(server.url)[0] != 0, 60, "the restarted preview to answer")
    status, html = fetch(server.url)
    assert status == 200 and "Renamed Briefs" in html
    edit(settings, "\nDEFAULT_PAGINATION = (", "")
    server.wait_for_text("", "Fixed Briefs", timeout=120)
