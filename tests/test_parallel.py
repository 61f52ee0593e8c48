"""Pages parsed in worker processes give the same files and report as pages parsed one by one here."""

import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from bench.synthetic import write_text_dump
from crimebriefs import parallel
from crimebriefs.files import TEMPORARY_SUFFIX
from crimebriefs.importer import AT_ONCE_PAGES, import_dump
from crimebriefs.manifest import MANIFEST_NAME
from crimebriefs.parallel import map_in_order
from tests.conftest import VARIANTS, needs_variants

PARENT = os.getpid()


def square(number: int) -> int:
    return number * number


def square_or_die(number: int) -> int:
    if os.getpid() != PARENT and number == 7:
        os._exit(1)  # a worker killed mid-job (out of memory, say)
    return number * number


@pytest.fixture
def eager_workers(monkeypatch) -> list:
    """Workers started at the first piece of work and up before the next; returns what was sent to them."""
    monkeypatch.setattr(parallel, "START_AFTER_SECONDS", 0)
    monkeypatch.setattr(parallel._Workers, "start", lambda self: parallel._Workers._start(self, "spawn"))
    sent = []
    submit = ProcessPoolExecutor.submit

    def recording(self, function, *args, **kwargs):
        if function is parallel._apply:
            sent.append(args[1])
        return submit(self, function, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", recording)
    return sent


def test_results_come_back_in_order_with_the_items_passed_over(eager_workers):
    items = list(range(200))
    results = list(map_in_order(square, items, lambda n: n % 3 != 0, workers=1))
    assert results == [(n, None if n % 3 == 0 else n * n) for n in items]
    assert eager_workers


def test_without_workers_nothing_leaves_the_process(eager_workers):
    assert list(map_in_order(square, range(50), lambda n: True, workers=0)) == [(n, n * n) for n in range(50)]
    assert eager_workers == []


def test_a_worker_that_dies_leaves_its_work_to_this_process(eager_workers):
    assert list(map_in_order(square_or_die, range(100), lambda n: True, workers=1)) == [(n, n * n) for n in range(100)]


def report_lines(report, folder: Path) -> list[str]:
    return [line.replace(str(folder), "BRIEFS") for line in report.lines()]


def test_parallel_and_serial_imports_give_the_same_files_and_report(tmp_path, eager_workers):
    needs_variants()
    raw = tmp_path / "raw"
    shutil.copytree(VARIANTS, raw)
    write_text_dump(raw / "synthetic", 60)
    for number in range(3):  # the same title three times: -2 and -3, in the pages' order
        shutil.copy(raw / "synthetic" / "page_00001.txt", raw / f"copy-{number}.txt")
    serial = import_dump(raw, tmp_path / "serial", workers=0)
    assert eager_workers == []
    both = import_dump(raw, tmp_path / "parallel", workers=1)
    assert eager_workers, "no page was parsed by a worker"
    assert report_lines(both, tmp_path / "parallel") == report_lines(serial, tmp_path / "serial")
    files = {p.name: p.read_bytes() for p in (tmp_path / "serial").iterdir() if p.suffix == ".md"}
    assert {p.name: p.read_bytes() for p in (tmp_path / "parallel").iterdir() if p.suffix == ".md"} == files
    assert any(name.endswith("-3.md") for name in files)
    # The manifest too: the same names for the same pages.
    manifest = ".crimebriefs-import.json"
    assert (tmp_path / "parallel" / manifest).read_bytes() == (tmp_path / "serial" / manifest).read_bytes()
    assert not list((tmp_path / "parallel").glob(f".*{TEMPORARY_SUFFIX}"))


def test_briefs_workers_wrote_that_the_folder_already_holds_leave_no_temporary_file(tmp_path, eager_workers):
    raw, briefs = tmp_path / "raw", tmp_path / "briefs"
    write_text_dump(raw, 60)
    import_dump(raw, briefs, workers=1)
    # Without its record, every page is new to the import: a worker writes each brief aside, and the
    # import then finds the same file already there and adopts it.
    (briefs / MANIFEST_NAME).unlink()
    eager_workers.clear()
    report = import_dump(raw, briefs, workers=1)
    assert eager_workers, "no page was parsed by a worker"
    assert len(report.unchanged) == 60 and not report.imported
    assert not list(briefs.glob(f".*{TEMPORARY_SUFFIX}"))


KILLED_IMPORT = """
import sys
from pathlib import Path
from crimebriefs import parallel
from crimebriefs.files import TEMPORARY_SUFFIX
from crimebriefs.importer import import_dump
from crimebriefs.manifest import MANIFEST_NAME
parallel.START_AFTER_SECONDS = 0
if sys.argv[3] == "spawn":
    parallel._Workers.start = lambda self: parallel._Workers._start(self, "spawn")
sent = parallel._OrderedMap._dispatch
def announcing(self):
    sent(self)
    if self.workers is not None and self.workers.usable():
        print("workers", *(p.pid for p in self.workers.pool._processes.values()), flush=True)
parallel._OrderedMap._dispatch = announcing
import_dump(Path(sys.argv[1]), Path(sys.argv[2]), workers=1)
"""


@pytest.mark.parametrize("start", ["spawn", "fork"])
def test_an_import_killed_while_its_workers_parse_leaves_no_worker_and_no_lock(tmp_path, start):
    raw, briefs = tmp_path / "raw", tmp_path / "briefs"
    # A large dump's workers start at once, forked from the import when nothing else runs in it.
    pages = 300 if start == "spawn" else AT_ONCE_PAGES + 100
    write_text_dump(raw, pages)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, str(raw), str(briefs), start], stdout=subprocess.PIPE, text=True
    )
    workers = [int(pid) for pid in process.stdout.readline().split()[1:]]
    assert workers
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)
    report = import_dump(raw, briefs, workers=0)  # the lock is free, and the job gets done
    assert len(report.imported) + len(report.unchanged) == pages and not report.kept


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A worker that exited but is not yet reaped by its dead parent's adopter is a zombie: gone all the same.
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


EARLY_END = """
import sys
from pathlib import Path
from crimebriefs import parallel
from crimebriefs.importer import import_dump
parallel.START_AFTER_SECONDS = 0
import_dump(Path(sys.argv[1]), Path(sys.argv[2]), workers=1)
"""


def test_an_import_that_ends_while_its_workers_start_exits_quietly(tmp_path):
    raw = tmp_path / "raw"
    write_text_dump(raw, 20)
    for run in range(3):  # the end comes at a different moment of the workers' start each time
        done = subprocess.run(
            [sys.executable, "-c", EARLY_END, str(raw), str(tmp_path / f"briefs-{run}")], capture_output=True, text=True
        )
        assert (done.returncode, done.stderr) == (0, "")


AT_ONCE = """
import sys
import threading
from crimebriefs.parallel import map_in_order
from tests.test_parallel import square
if sys.argv[1] == "thread":
    threading.Thread(target=threading.Event().wait, daemon=True).start()  # as the preview server's would
results = list(map_in_order(square, range(2000), lambda n: True, workers=1, at_once=True))
print(results == [(n, n * n) for n in range(2000)])
"""


@pytest.mark.parametrize("beside", ["alone", "thread"])
def test_workers_started_at_once_give_the_same_results_forked_or_spawned(beside):
    done = subprocess.run([sys.executable, "-c", AT_ONCE, beside], capture_output=True, text=True)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", "True\n")


def test_workers_are_forked_only_where_nothing_but_the_main_thread_runs(monkeypatch):
    started = []
    monkeypatch.setattr(parallel._Workers, "_start", lambda self, method: started.append(method))
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    parallel._Workers(1, __name__).start()
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    parallel._Workers(1, __name__).start()
    deadline = time.monotonic() + 10
    while len(started) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert started == ["fork", "spawn"]
