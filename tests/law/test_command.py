"""`fazhi deadlines`: list, compute, JSON shape, Chinese errors with a non-zero exit."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.law.deadlines import RULES

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("deadlines", *args, stdout=out)
    return out.getvalue()


def test_list_prints_every_rule_with_citation():
    out = run("--list")
    for rule in RULES.values():
        assert rule.name in out
        assert rule.citation in out


def test_json_output_shape():
    # 2025-09-16 + 15 = 10/1 (国庆) → 10/9.
    data = json.loads(run("litigation.answer", "2025-09-16", "--json"))
    assert list(data) == ["rule", "start", "due", "citation", "text", "explanation", "warnings"]
    assert data["due"] == "2025-10-09"
    assert data["warnings"] == []
    assert "国庆节假期" in data["explanation"]  # ensure_ascii=False keeps Chinese readable


def test_json_with_pause_extension_and_fact():
    # See test_deadlines: 2025-03-03, paused 3/10–3/19, extended 30 → 6/11.
    data = json.loads(
        run(
            "reconsideration.decision_ordinary",
            "2025-03-03",
            "--pause",
            "2025-03-10:2025-03-19:中止",
            "--extension",
            "30",
            "--json",
        )
    )
    assert data["due"] == "2025-06-11"
    data = json.loads(
        run("reconsideration.acceptance_review", "2025-01-06", "--fact", "corrected_on=2025-01-24", "--json")
    )
    assert data["start"] == "2025-01-24" and data["due"] == "2025-02-07"


def test_open_pause_json_due_is_null():
    data = json.loads(
        run("reconsideration.decision_ordinary", "2025-03-03", "--pause", "2025-03-10:", "--json")
    )
    assert data["due"] is None
    assert "中止期间，期限暂停计算" in data["explanation"]


def test_text_output_and_warning():
    out = run("reconsideration.acceptance_review", "2026-12-30")
    assert "期限届满日：2027-01-06" in out
    assert "2027年国务院节假日安排尚未录入" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no.such.rule", "2025-01-01"), "未知的期限规则"),
        (("litigation.answer", "2025-13-01"), "不是有效日期"),
        (("reconsideration.decision_ordinary", "2025-03-03", "--extension", "31"), "最多不得超过30日"),
        (("litigation.answer",), "请给出规则名和起算日期"),
    ],
)
def test_errors_are_chinese_command_errors(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("deadlines", *args, stdout=StringIO())


def test_cli_exit_code_and_stderr(capsys):
    # Through the `fazhi` entry point: non-zero exit, message on stderr.
    from fazhi.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["deadlines", "no.such.rule", "2025-01-01"])
    assert exc.value.code != 0
    assert "未知的期限规则" in capsys.readouterr().err
