"""行政执法 import (all-or-nothing, the same rules and clocks as the services), pages in Chinese, the figures and
their drill-downs."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import Workbook

from fazhi.core.importing import import_file
from fazhi.enforcement import services
from fazhi.enforcement.importers import EnforcementImporter
from fazhi.enforcement.models import EnforcementCase, EnforcementEvent
from fazhi.indicators.registry import Period, compute, drilldown_records
from tests.enforcement import factories as f

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in EnforcementImporter.columns]
D = date


def row(**values) -> dict:
    base = {
        "执法单位": "青城市市场监督管理局",
        "案件编号": "青市监罚〔2025〕10号",
        "执法类别": "行政处罚",
        "立案日期": D(2025, 7, 3),
        "执法人员执法证号": "QC990100A-001、QC990100A-002",
        "决定日期": D(2025, 8, 1),
        "罚没金额（元）": "5000",
        "法律依据": "《食品安全法》第一百二十四条",
    }
    base.update(values)
    return base


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "执法案件"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_derives_the_clocks_as_the_services_do(tree, office):
    f.pair(office, tree.unit_a)
    by_service = f.case(office, tree.unit_a, number="S1", filed_on=D(2025, 7, 3))
    result = import_file(
        "enforcement",
        xlsx(
            [
                row(),
                row(
                    **{"案件编号": "2", "执法类别": "行政许可", "执法人员执法证号": "", "罚没金额（元）": ""}
                ),
            ]
        ),
        user=office,
    )
    assert result.ok, result.messages()
    imported = EnforcementCase.objects.get(case_number="青市监罚〔2025〕10号")
    assert imported.decision_due == by_service.decision_due == D(2025, 10, 9)
    assert imported.status == "decided" and imported.officers.count() == 2
    assert EnforcementEvent.objects.filter(case=imported).count() == 2
    assert imported.history.get().history_change_reason == "导入"


def test_a_bad_row_writes_nothing_and_names_row_field_reason(tree, office):
    f.pair(office, tree.unit_a)
    rows = [
        row(),
        row(案件编号="11", 执法人员执法证号="QC990100A-001"),  # one officer
        row(案件编号="12", 决定日期=D(2025, 7, 1)),  # decision before 立案
        row(案件编号="13", 重大执法决定="是"),  # no 法制审核
    ]
    result = import_file("enforcement", xlsx(rows), user=office)
    assert not result.ok
    text = result.messages()
    joined = "\n".join(text) if isinstance(text, list) else str(text)
    assert "第3行" in joined and "第四十二条" in joined
    assert "不能早于立案日期" in joined and "第五十八条" in joined
    assert not EnforcementCase.objects.exists()


def test_another_units_cases_are_refused(tree, office, clerk_b):
    f.pair(office, tree.unit_a)
    result = import_file("enforcement", xlsx([row()]), user=clerk_b)
    assert not result.ok and not EnforcementCase.objects.exists()


def test_pages_are_chinese(tree, office, client):
    case = f.case(office, tree.unit_a)
    client.force_login(office)
    for url in (
        "/enforcement/",
        f"/enforcement/{case.pk}/",
        "/enforcement/new/",
        "/enforcement/officers/",
        "/enforcement/reviews/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        body = page.content.decode()
        assert "行政" in body, url
        text = re.sub(r"<[^>]+>", " ", body.split("<body", 1)[-1])
        assert not re.search(r"\b(penalty|filed|decided|first_offense)\b", text), url


def test_figures_and_drilldowns_count_the_same_rows(tree, office):
    officers = f.pair(office, tree.unit_a)
    for i, (lenient, amount) in enumerate([("first_offense", 0), ("", 3000), ("lighter", 500)]):
        c = f.case(office, tree.unit_a, number=str(i), officers=officers, filed_on=D(2025, 3, 3))
        services.decide_case(case=c, actor=office, decided_on=D(2025, 4, 1), amount=amount, leniency=lenient)
    period = Period.year(2025)
    values = compute(tree.city, period, ["enforcement.penalty_cases", "enforcement.first_offense_cases",
                                         "enforcement.lenient_cases",
                                         "enforcement.on_time_decision_rate"])  # fmt: skip
    assert values["enforcement.penalty_cases"].value == 3
    assert values["enforcement.first_offense_cases"].value == 1
    assert values["enforcement.lenient_cases"].value == 2
    assert str(values["enforcement.on_time_decision_rate"].value) == "100.0"
    for key in ("enforcement.penalty_cases", "enforcement.first_offense_cases", "enforcement.lenient_cases"):
        assert drilldown_records(key, tree.city, period).count() == values[key].value
    # a unit's own figures: the cases it decided
    assert compute(tree.unit_b, period, ["enforcement.penalty_cases"])["enforcement.penalty_cases"].value == 0
