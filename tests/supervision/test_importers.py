"""考评得分 import: all or nothing, each error names row, field and reason; the assessor's scope; export."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.supervision import services
from fazhi.supervision.importers import ScoreImporter
from fazhi.supervision.models import UnitScore

from . import factories as f

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in ScoreImporter.columns]


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "考评得分"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(**values) -> dict:
    base = {"考评年度": 2025, "被考评单位": "青城市市场监督管理局", "考评项目序号": 1, "得分": "18.5"}
    base.update(values)
    return base


def test_a_bad_row_writes_nothing_and_names_row_field_and_reason(tree, office, reviewer):
    f.scheme(office, tree)
    rows = [
        row(),
        row(被考评单位="青城市公安局", 得分="21"),
        row(考评项目序号=9),
        row(考评年度=2024),
        row(被考评单位="青城县市场监督管理局"),
        row(考评项目序号=3, 得分="2"),
        row(得分="十分"),
        row(),
    ]
    result = import_file("supervision", xlsx(rows), user=reviewer)
    assert result.messages() == [
        "第3行「得分」：「第一责任人职责」的得分应在 0 至 20 之间",
        "第4行「考评项目序号」：「青城市2025年度法治建设考评细则」中没有序号为 9 的考评项目",
        "第5行「考评年度」：2024年度没有正在评分的、考评青城市市场监督管理局的考评方案",
        "第6行「考评年度」：2025年度没有正在评分的、考评青城县市场监督管理局的考评方案",
        "第7行「得分」：扣分项「败诉扣分」的得分应在 -5 至 0 之间（填负数表示扣分）",
        "第8行「得分」：得分「十分」不是数字",
        "第9行「考评项目序号」：与第2行重复：同一单位同一项目只能有一个得分",
    ]
    assert not UnitScore.objects.exists()


def test_scores_import_replace_earlier_ones_and_export(tree, office, reviewer):
    s = f.scheme(office, tree)
    first = s.items.get(seq=1)
    services.score_unit(
        case=s, actor=reviewer, item=first, unit=tree.unit_a, score=Decimal(10), scored_on=s.adopted_on
    )
    rows = [
        row(),
        row(被考评单位="青城市公安局", 得分="19"),
        row(考评项目序号=3, 得分="-1.5", 计分依据="败诉1件"),
    ]
    result = import_file("supervision", xlsx(rows), user=reviewer)
    assert result.ok, result.messages()
    got = {(x.unit.name, x.item.seq): x.score for x in UnitScore.objects.select_related("unit", "item")}
    assert got == {
        ("青城市市场监督管理局", 1): Decimal("18.50"),
        ("青城市公安局", 1): Decimal("19.00"),
        ("青城市市场监督管理局", 3): Decimal("-1.50"),
    }
    assert UnitScore.objects.get(unit=tree.unit_a, item=first).history.count() == 2
    data, count = export_bytes(reviewer, "supervision")
    sheet = [[c.value for c in r] for r in load_workbook(io.BytesIO(data))["考评得分"].iter_rows()]
    assert count == 3 and sheet[0] == HEADERS


def test_a_clerk_or_the_county_cannot_import_the_citys_scores(tree, office, clerk_a, county_office, leader):
    f.scheme(office, tree)
    for who in (clerk_a, county_office):
        result = import_file("supervision", xlsx([row()]), user=who)
        assert result.messages() == ["第2行：无权为「青城市2025年度法治建设考评细则」评分"], who
    assert not import_file("supervision", xlsx([row()]), user=leader).ok
    assert not UnitScore.objects.exists()


def test_a_published_schemes_scores_are_not_imported(tree, office, reviewer):
    s = f.scheme(office, tree)
    services.publish_results(case=s, actor=office, published_on=s.adopted_on)
    result = import_file("supervision", xlsx([row()]), user=reviewer)
    assert "没有正在评分的" in result.messages()[0]
