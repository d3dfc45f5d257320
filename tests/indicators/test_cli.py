"""`fazhi indicators`: the figures of the known dataset (tests/factories.py) as JSON and as text, filters, and
Chinese errors with a non-zero exit."""

from __future__ import annotations

import json
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connections

from fazhi.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime(2025, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def run(*args: str) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_json_shape_and_figures(indicator_data):
    payload = json.loads(run("--org", "990100", "--year", "2025", "--json"))
    assert list(payload) == ["org", "period", "indicators"]
    assert payload["org"] == "990100"
    assert payload["period"] == "2025"
    for key, value in payload["indicators"].items():
        assert list(value) == ["value", "unit", "numerator", "denominator"], key
    figures = payload["indicators"]
    # Rates are percentages (30.0 means 30.0%), with their numerator and denominator; counts have neither.
    assert figures["reconsideration.received"] == {
        "value": 11,
        "unit": "count",
        "numerator": None,
        "denominator": None,
    }
    assert figures["reconsideration.concluded"] == {
        "value": 10,
        "unit": "count",
        "numerator": None,
        "denominator": None,
    }
    assert figures["reconsideration.corrected"] == {
        "value": 3,
        "unit": "count",
        "numerator": None,
        "denominator": None,
    }
    assert figures["reconsideration.correction_rate"] == {
        "value": 30.0,
        "unit": "percent",
        "numerator": 3,
        "denominator": 10,
    }
    assert figures["reconsideration.mediated"]["value"] == 2
    assert figures["reconsideration.mediation_rate"] == {
        "value": 20.0,
        "unit": "percent",
        "numerator": 2,
        "denominator": 10,
    }
    assert figures["reconsideration.settled_rate"] == {
        "value": 80.0,
        "unit": "percent",
        "numerator": 8,
        "denominator": 10,
    }
    assert figures["litigation.cases"]["value"] == 5
    assert figures["litigation.head_appearance_rate"] == {
        "value": 60.0,
        "unit": "percent",
        "numerator": 3,
        "denominator": 5,
    }
    assert figures["litigation.loss_rate"] == {
        "value": 40.0,
        "unit": "percent",
        "numerator": 2,
        "denominator": 5,
    }
    assert figures["litigation.sued_after_reconsideration_rate"] == {
        "value": 20.0,
        "unit": "percent",
        "numerator": 2,
        "denominator": 10,
    }
    assert figures["litigation.after_reconsideration_loss_rate"] == {
        "value": 50.0,
        "unit": "percent",
        "numerator": 1,
        "denominator": 2,
    }


def test_json_for_a_unit_with_a_figure_without_data(indicator_data):
    payload = json.loads(
        run(
            "--org",
            "990121",
            "--year",
            "2025",
            "--json",
            "--key",
            "litigation.after_reconsideration_loss_rate",
            "--key",
            "reconsideration.correction_rate",
        )
    )
    assert payload == {
        "org": "990121",
        "period": "2025",
        "indicators": {
            "litigation.after_reconsideration_loss_rate": {
                "value": None,
                "unit": "percent",
                "numerator": 0,
                "denominator": 0,
            },
            "reconsideration.correction_rate": {
                "value": 0.0,
                "unit": "percent",
                "numerator": 0,
                "denominator": 2,
            },
        },
    }
    payload = json.loads(run("--org", "990100A", "--year", "2025", "--json", "--key", "litigation.loss_rate"))
    assert payload["indicators"] == {
        "litigation.loss_rate": {"value": 66.7, "unit": "percent", "numerator": 2, "denominator": 3}
    }


def test_a_quarter_by_period(indicator_data):
    payload = json.loads(
        run("--org", "990100", "--period", "2025Q1", "--json", "--key", "reconsideration.correction_rate")
    )
    assert payload == {
        "org": "990100",
        "period": "2025Q1",
        "indicators": {
            "reconsideration.correction_rate": {
                "value": 33.3,
                "unit": "percent",
                "numerator": 1,
                "denominator": 3,
            }
        },
    }


def test_text_output(indicator_data):
    out = run(
        "--org",
        "990100",
        "--year",
        "2025",
        "--key",
        "reconsideration.correction_rate",
        "--key",
        "litigation.loss_rate",
    )
    lines = out.splitlines()
    assert lines[0] == "青城市人民政府（990100） 2025年"
    assert "行政复议纠错率" in lines[1] and "30.0%" in lines[1] and "= 3/10" in lines[1]
    assert "行政应诉败诉率" in lines[2] and "40.0%" in lines[2] and "= 2/5" in lines[2]


def test_without_org_the_top_jurisdiction_is_used(indicator_data):
    payload = json.loads(run("--year", "2025", "--json", "--key", "reconsideration.corrected"))
    assert payload["org"] == "990100"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--org", "NOPE", "--year", "2025"), "机构代码 NOPE 不存在"),
        (("--org", "990100"), "请用 --year 指定年度"),
        (("--org", "990100", "--period", "2025Q9"), "无法识别的期间「2025Q9」"),
        (
            ("--org", "990100", "--year", "2025", "--key", "reconsideration.nope"),
            "未知指标：reconsideration.nope",
        ),
    ],
)
def test_errors_are_chinese(tree, args, message):
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert message in str(exc.value)


def test_no_orgs_at_all():
    with pytest.raises(CommandError) as exc:
        run("--year", "2025")
    assert "数据库中没有任何机构" in str(exc.value)


def test_the_fazhi_command_exits_non_zero_on_an_unknown_org(tree, capsys, monkeypatch):
    # run_from_argv closes every connection when it ends; keep the test's own transaction open.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exc:
        main(["indicators", "--org", "NOPE", "--year", "2025", "--json"])
    assert exc.value.code not in (0, None)
    assert "机构代码 NOPE 不存在" in capsys.readouterr().err


def test_the_fazhi_command_prints_json(indicator_data, capsys, monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)
    main(["indicators", "--org", "990100", "--year", "2025", "--json", "--key", "reconsideration.corrected"])
    assert json.loads(capsys.readouterr().out) == {
        "org": "990100",
        "period": "2025",
        "indicators": {
            "reconsideration.corrected": {"value": 3, "unit": "count", "numerator": None, "denominator": None}
        },
    }
