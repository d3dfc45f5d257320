"""The first commands a new user types on a fresh install, before any database exists, answer or say plainly
what to do: never a Python traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

COMMANDS = [
    ["deadlines", "reconsideration.decision_ordinary", "2025-09-20"],
    ["deadlines", "--list"],
    ["indicators", "--year", "2025"],
    ["export", "reconsideration", "--out", "x.xlsx"],
    ["remind"],
    ["restatements", "--org", "620000", "--year", "2025"],
]


def run_fresh(tmp_path, args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    env.update(FAZHI_ENV="demo", FAZHI_VAR_DIR=str(tmp_path / "var"))
    return subprocess.run(
        [sys.executable, "-m", "fazhi", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_command_on_a_fresh_install_says_what_to_do(tmp_path, args):
    done = run_fresh(tmp_path, args)
    assert "Traceback" not in done.stderr, done.stderr
    if done.returncode:
        assert "fazhi migrate" in done.stderr and "fazhi demo" in done.stderr, done.stderr


def test_deadlines_list_needs_no_database(tmp_path):
    done = run_fresh(tmp_path, ["deadlines", "--list"])
    assert done.returncode == 0, done.stderr
    assert "reconsideration.decision_ordinary" in done.stdout
