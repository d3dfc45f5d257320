"""合法性审核 import and export (fazhi.legality.importers): derived fields as the services derive them, all or
nothing with per-cell Chinese errors, the writer's scope, numbering of blank numbers, and an export that
re-imports."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.legality import services
from fazhi.legality.choices import EventKind, Opinion, Status
from fazhi.legality.importers import ReviewImporter
from fazhi.legality.models import ReviewEvent, ReviewPoint, ReviewRequest
from tests.legality import factories

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in ReviewImporter.columns]
D = date


def row(**values) -> dict:
    base = {
        "送审单位": "青城市市场监督管理局",
        "送审事项": "青城市停车收费管理办法（送审稿）",
        "审核类别": "行政规范性文件草案",
        "收件日期": D(2025, 9, 15),
    }
    base.update(values)
    return base


def xlsx(rows: list[dict], headers=HEADERS, sheet: str = "合法性审核") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def run(rows, user):
    return import_file("legality", xlsx(rows), user=user)


def test_derived_fields_are_those_of_the_services(tree, office, reviewer):
    by_service = factories.review(office, unit=tree.unit_a, requested_by=D(2025, 9, 19))
    services.start_review(case=by_service, actor=reviewer, started_on=D(2025, 9, 16))
    services.give_opinion(
        case=by_service,
        actor=reviewer,
        opinion=Opinion.AGREE_REVISED,
        opinion_text="修改后同意",
        opinion_on=D(2025, 9, 30),
        points="一、删除第五条\n二、补充依据",
    )
    result = run(
        [
            row(
                审核编号="青城市合审〔2024〕88号",
                要求出具意见日期=D(2025, 9, 19),
                审核结论="修改后同意",
                出具意见日期=D(2025, 9, 30),
                书面审核意见="修改后同意",
                意见建议="一、删除第五条\n二、补充依据",
            )
        ],
        office,
    )
    assert result.ok, result.messages()
    imported = ReviewRequest.objects.get(number="青城市合审〔2024〕88号")
    by_service.refresh_from_db()
    for f in ("org_id", "unit_id", "minimum_due", "short_notice", "review_days", "due_on", "status", "opinion",
              "points_count", "on_time", "clock_from"):  # fmt: skip
        assert getattr(imported, f) == getattr(by_service, f), f
    assert imported.status == Status.OPINION and imported.on_time is False
    assert ReviewPoint.objects.filter(request=imported).count() == 2
    assert list(ReviewEvent.objects.filter(case=imported).values_list("kind", flat=True)) == [
        EventKind.RECEIVED,
        EventKind.OPINION,
    ]
    assert imported.history.first().history_change_reason == "导入"


def test_blank_numbers_are_numbered_and_the_register_goes_on_after_them(tree, office):
    result = run([row(), row(送审事项="另一件")], office)
    assert result.ok, result.messages()
    numbers = sorted(ReviewRequest.objects.values_list("number", flat=True))
    assert numbers == ["青城市合审〔2025〕1号", "青城市合审〔2025〕2号"]
    assert factories.review(office, unit=tree.unit_a).number == "青城市合审〔2025〕3号"


def test_a_bad_row_writes_nothing_and_names_row_field_and_reason(tree, office):
    result = run(
        [
            row(),
            row(审核结论="同意", 出具意见日期=D(2025, 9, 1), 书面审核意见="同意"),
            row(审核类别="立法草案"),
        ],
        office,
    )
    assert not result.ok
    messages = "\n".join(result.messages())
    assert "第3行" in messages and "出具意见日期" in messages and "不能早于收件日期" in messages
    assert "第4行" in messages and "审核类别" in messages
    assert not ReviewRequest.objects.exists() and not ReviewEvent.objects.exists()


def test_another_units_row_is_refused(tree, clerk_a):
    result = run([row(), row(送审单位="青城市公安局")], clerk_a)
    assert not result.ok
    assert any("无权导入「青城市公安局」" in m for m in result.messages())
    assert not ReviewRequest.objects.exists()


def test_duplicate_numbers_are_refused(tree, office):
    factories.review(office, unit=tree.unit_a)  # 青城市合审〔2025〕1号
    result = run([row(审核编号="青城市合审〔2025〕1号"), row(审核编号="X1"), row(审核编号="X1")], office)
    messages = "\n".join(result.messages())
    assert "已使用" in messages and "与第3行重复" in messages
    assert ReviewRequest.objects.count() == 1


def test_the_export_reimports(tree, office, reviewer):
    r = factories.review(office, unit=tree.unit_a)
    services.start_review(case=r, actor=reviewer, started_on=D(2025, 9, 16))
    services.return_materials(case=r, actor=reviewer, returned_on=D(2025, 9, 17), reason="补充依据")
    data, count = export_bytes(office, "legality")
    assert count == 1
    ws = load_workbook(io.BytesIO(data))["合法性审核"]
    rows = list(ws.values)
    assert list(rows[0][: len(HEADERS)]) == HEADERS
    ReviewRequest.objects.all().delete()
    result = import_file("legality", data, user=office)
    assert result.ok, result.messages()
    again = ReviewRequest.objects.get()
    assert again.status == Status.RETURNED and again.due_on is None and again.return_reason == "补充依据"
