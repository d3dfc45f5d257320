"""A long import does not lock everyone out on SQLite: while `fazhi import` writes a large file into a SQLite
file database, a logged-in user's pages keep answering, each within a second.

Real processes on a real file database (not the in-memory test database): one `fazhi serve`, one `fazhi import`
of IMPORT_ROWS rows, and this test as the browser. One of the slower tests of the suite: 20,000 rows by default
(about 30 s alone, a minute on a busy machine); FAZHI_TEST_IMPORT_ROWS=100000 runs the full-size case (minutes:
most of it is reading and validating the file, not writing)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from fazhi.reconsideration.importers import ReconsiderationImporter
from tests import databases

ROOT = Path(__file__).resolve().parents[2]
IMPORT_ROWS = int(os.environ.get("FAZHI_TEST_IMPORT_ROWS", "20000"))
PAGES = ["/", "/reconsideration/", "/import/reconsideration/"]
LIMIT_SECONDS = 1.0

SETUP = """
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from tests import factories
call_command("migrate", verbosity=0, skip_checks=True)
people = factories.build_personas(factories.build_org_tree())
session = SessionStore()
session[SESSION_KEY] = str(people.office.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = people.office.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def write_csv(path: Path, n: int) -> None:
    """n valid 行政复议 rows of the test org tree, numbered on import (one numbering per year)."""
    headers = [c.header for c in ReconsiderationImporter.columns]
    start = dt.date(2016, 1, 1)
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        for i in range(n):
            values = {
                "复议机关": "青城市人民政府",
                "被申请人": "青城市市场监督管理局" if i % 2 else "青城市公安局",
                "行为类别": "行政处罚",
                "被申请复议的行政行为": f"罚款{i % 5000 + 100}元的行政处罚决定",
                "申请人": f"申请人{i}",
                "收到申请日期": (start + dt.timedelta(days=i % 3000)).isoformat(),
            }
            w.writerow([values.get(h, "") for h in headers])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str, session_key: str) -> tuple[int, str, float]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Cookie": f"sessionid={session_key}"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status, url = response.status, response.url
    except urllib.error.HTTPError as exc:
        status, url = exc.code, path
    return status, url, time.perf_counter() - started


# Its processes always use a SQLite file (the write lock under test is SQLite's), whatever the suite's database: it
# runs in the suite's SQLite run and would only repeat that run's work in the PostgreSQL one.
@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's write lock; runs in the suite's SQLite run"
)
@pytest.mark.timing
def test_pages_answer_within_a_second_while_a_large_import_writes(tmp_path):
    env = {
        **os.environ,
        "FAZHI_ENV": "test",
        "FAZHI_DEBUG": "false",
        "FAZHI_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    env.pop("FAZHI_DATABASE_URL", None)  # the default: a SQLite file under FAZHI_VAR_DIR
    python = [sys.executable]
    # The setup migrates the server's SQLite file: from this tree's migrated template when the session has one
    # (tests/databases.py), else from nothing (about 110 s of Django's migration state on a quiet machine, more
    # under CI's load), before anything this test measures.
    template = databases.sqlite_template()
    if template is not None:
        (tmp_path / "var").mkdir(exist_ok=True)
        shutil.copyfile(template, tmp_path / "var" / "fazhi.sqlite3")
    setup = subprocess.run(
        [*python, "-c", SETUP], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    assert setup.returncode == 0, setup.stderr
    session_key = setup.stdout.strip().splitlines()[-1]
    data = tmp_path / "cases.csv"
    write_csv(data, IMPORT_ROWS)

    port = free_port()
    server = subprocess.Popen(
        [*python, "-m", "fazhi", "serve", "--no-worker", f"--port={port}", "--verbosity=0"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    importer = None
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(port, "/", session_key)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)

        importer = subprocess.Popen(
            [*python, "-m", "fazhi", "import", "reconsideration", str(data), "--user=office"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        # The importer's progress bars go to stderr; the write phase starts with the "写入" bar.
        writing_since: list[float] = []
        stderr_chunks: list[bytes] = []

        def watch() -> None:
            assert importer is not None and importer.stderr is not None
            seen = b""
            for chunk in iter(lambda: importer.stderr.read1(4096), b""):
                stderr_chunks.append(chunk)
                seen = (seen + chunk)[-64:]
                if not writing_since and "写入".encode() in seen:
                    writing_since.append(time.monotonic())

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        answers: list[tuple[float, str, int, str, float]] = []
        i = 0
        while importer.poll() is None:
            path = PAGES[i % len(PAGES)]
            status, url, seconds = fetch(port, path, session_key)
            answers.append((time.monotonic(), path, status, url, seconds))
            i += 1
            time.sleep(0.05)
        finished = time.monotonic()
        out = importer.stdout.read().decode()
        watcher.join(timeout=5)
        assert importer.returncode == 0, b"".join(stderr_chunks).decode()[-2000:]
        assert f"导入成功：{IMPORT_ROWS} 条" in out
    finally:
        for proc in (importer, server):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()

    assert writing_since, "the import never reached its write phase"
    during_write = [a for a in answers if a[0] >= writing_since[0]]
    slowest = max(a[4] for a in answers)
    print(
        f"{IMPORT_ROWS} rows: {len(answers)} pages, {len(during_write)} of them in the "
        f"{finished - writing_since[0]:.1f} s of the write phase; slowest {slowest:.2f} s"
    )
    assert len(during_write) >= 5, (len(answers), finished - writing_since[0])
    slow_or_failed = [
        (path, status, url, round(s, 2))
        for _, path, status, url, s in answers
        if status != 200 or "/login/" in url or s > LIMIT_SECONDS
    ]
    assert slow_or_failed == [], slow_or_failed
