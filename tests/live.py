"""The preview server as a user runs it (`invoke livereload`), in a subprocess on a free loopback port."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """The status and text of a page; the status is 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


@dataclass
class LiveServer:
    """A running `invoke livereload` in ``site``; stop it with :meth:`stop`."""

    site: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def log(self) -> Path:
        """What the server prints; beside the content and the theme, so not watched."""
        return self.site / f"preview-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def start(self, timeout: float = 180) -> None:
        """Start the server and wait until it answers (it builds the site first)."""
        command = [sys.executable, "-m", "invoke", "livereload", "--port", str(self.port)]
        env = {**os.environ, "COLUMNS": "400"}
        with self.log.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(command, cwd=self.site, stdout=log, stderr=subprocess.STDOUT, env=env)
        self.wait_for(lambda: fetch(self.url)[0] == 200, timeout, "the preview to answer")

    def output(self) -> str:
        """Everything the server printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> float:
        """Poll ``condition`` until it holds; return the seconds it took. Fails after ``timeout``."""
        start = time.perf_counter()
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"the preview stopped ({self.process.returncode}):\n{self.output()}")
            if time.perf_counter() - start > timeout:
                raise AssertionError(f"gave up after {timeout} s waiting for {what}:\n{self.output()}")
            time.sleep(0.05)
        return time.perf_counter() - start

    def wait_for_text(self, path: str, text: str, timeout: float = 60) -> float:
        """Seconds until the page at ``path`` shows ``text``."""
        return self.wait_for(lambda: text in fetch(self.url + path)[1], timeout, f"{text!r} at /{path}")

    def stop(self) -> None:
        """Stop as Ctrl-C does; kill it if it does not stop."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a file, as an editor saves it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


SAMPLE_TITLE = "Ecuador Shifts Security Focus to Microtrafficking"


def add_raw_page(raw: Path, name: str, title: str) -> None:
    """A new page in a dump: a copy of its first page with the sample's title, under a new title."""
    first = next(page for page in sorted(raw.glob("*.txt")) if SAMPLE_TITLE in page.read_text("utf-8"))
    (raw / name).write_text(first.read_text("utf-8").replace(SAMPLE_TITLE, title), encoding="utf-8")
    with (raw / "sources.csv").open("a", encoding="utf-8") as sources:
        sources.write(f"{name},https://insightcrime.org/news/brief/{Path(name).stem}/\n")
