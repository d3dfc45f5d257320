"""The dashboard's xlsx export and the sub-jurisdiction comparison (issue 3 §3)."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from fazhi.indicators import selectors
from fazhi.indicators.registry import Period, compute

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime(2025, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def test_export_lists_every_figure_with_its_base(login, office, tree, indicator_data):
    response = login(office).get("/indicators/export.xlsx", {"year": 2025, "org": tree.city.pk})
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    rows = {r[0]: r for r in wb["指标"].iter_rows(min_row=2, values_only=True)}
    engine = compute(tree.city, Period.year(2025))
    assert set(rows) == set(engine)
    rate = engine["reconsideration.correction_rate"]
    assert rows["reconsideration.correction_rate"][2:6] == (
        float(rate.value),
        "percent",
        rate.numerator,
        rate.denominator,
    )
    assert rows["reconsideration.corrected"][2] == engine["reconsideration.corrected"].value
    assert [r[0] for r in wb["下级行政区划对比"].iter_rows(min_row=2, values_only=True)] == ["青城县人民政府"]
    # the download is named in Chinese, not indicators-990100-2025.xlsx (issue 10 §5)
    assert unquote(response["Content-Disposition"]).endswith(f"{tree.city.name}2025年指标.xlsx")


def test_clerk_cannot_export_another_orgs_dashboard(login, clerk_a, tree, indicator_data):
    assert (
        login(clerk_a).get("/indicators/export.xlsx", {"year": 2025, "org": tree.city.pk}).status_code == 403
    )


def test_comparison_withholds_rates_below_the_minimum_sample(tree, indicator_data):
    (row,) = selectors.sub_jurisdiction_comparison(tree.city, 2025, min_sample=1_000)
    assert row["name"] == "青城县人民政府"
    assert row["correction_rate"] is None and row["head_appearance_rate"] is None
    received = compute(tree.county, Period.year(2025), ["reconsideration.received"])[
        "reconsideration.received"
    ].value
    assert row["received"] == received


def test_comparison_equals_the_engine_for_each_child(tree, indicator_data):
    (row,) = selectors.sub_jurisdiction_comparison(tree.city, 2025, min_sample=0)
    engine = compute(tree.county, Period.year(2025))
    for key, catalog_key in (
        ("correction_rate", "reconsideration.correction_rate"),
        ("head_appearance_rate", "litigation.head_appearance_rate"),
    ):
        v = engine[catalog_key]
        assert row[key] == (float(v.value) if v.value is not None else None)
        assert row[f"{key}_base"] == f"{v.numerator}/{v.denominator}"
