"""任务分工 import (plans.importers): new shares assigned, given ones changed, collected progress recorded and
accepted; all or nothing with Chinese row/field errors; units matched by name, short name or code in the plan's
org tree; audited; the export imports back unchanged."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from openpyxl import Workbook, load_workbook

from fazhi.core.choices import OrgKind
from fazhi.core.exporting import export_bytes
from fazhi.core.importing import get_importer, import_file
from fazhi.plans import services
from fazhi.plans.importers import ShareImporter
from fazhi.plans.models import Assignment, ProgressReport
from tests.factories import make_org, make_user
from tests.plans.factories import import_plan, share

pytestmark = pytest.mark.django_db
D = date
HEADERS = [c.header for c in ShareImporter.columns]
TODAY = D(2025, 5, 10)
PLAN = "青城市2025年法治政府建设工作要点"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(**values) -> dict:
    base = {"年度": 2025, "工作要点": f"《{PLAN}》", "任务序号": 1, "责任单位": "青城市市场监督管理局"}
    base.update(values)
    return base


def state():
    shares = {
        (a.task.number, a.unit.name): (a.lead, a.deadline, a.due, a.percent, a.status, a.version)
        for a in Assignment.objects.select_related("task", "unit")
    }
    return shares, ProgressReport.objects.count(), sum(a.history.count() for a in Assignment.objects.all())


def test_the_importer_is_registered_through_the_app_contract():
    assert get_importer("plans") is ShareImporter


def test_shares_are_assigned_changed_and_their_progress_recorded(tree, office):
    plan = import_plan(office, tree.city)
    given = share(plan, 2, tree.unit_a)
    rows = [
        row(牵头单位="是", 完成时限="2025-09-30"),  # task 1: 青城市市场监督管理局 leads, new
        row(任务序号=4, 责任单位="市公安局", 下达日期="2025-04-01"),  # the plan's short form, new
        row(任务序号=3, 责任单位="990100B"),  # a code: 青城市公安局, given by the plan already
        row(
            任务序号=2, 完成时限="2025-07-31", 进展情况="已召开述法部署会", 报送日期="2025-05-06",
            **{"完成进度（%）": 40},
        ),
    ]  # fmt: skip
    result = import_file("plans", xlsx(rows), user=office)
    assert result.ok, result.messages()
    lead = share(plan, 1, tree.unit_a)
    assert (lead.lead, lead.deadline, lead.assigned_on, lead.status) == (
        True,
        D(2025, 9, 30),
        TODAY,
        "not_started",
    )
    police = share(plan, 4, tree.unit_b)
    assert (police.lead, police.assigned_on, police.deadline) == (False, D(2025, 4, 1), D(2025, 12, 31))
    given.refresh_from_db()
    assert (given.deadline, given.due, given.percent, given.status) == (
        D(2025, 7, 31),
        D(2025, 7, 31),
        40,
        "in_progress",
    )
    report = given.reports.get()
    assert (report.text, report.reported_on, report.status, report.reviewed_on) == (
        "已召开述法部署会", D(2025, 5, 6), "accepted", TODAY,
    )  # fmt: skip
    reasons = [h.history_change_reason for h in given.history.order_by("history_id")]
    assert reasons[-3:] == ["导入任务分工", "报送进展", "采纳进展"]
    assert (
        lead.history.get().history_change_reason == "分解下达任务"
        and lead.history.get().history_user == office
    )


def test_a_bad_row_imports_nothing_and_names_row_field_and_reason(tree, office, clerk_a):
    make_org(
        "990200B", "青山市公安局", OrgKind.UNIT, parent=make_org("990200", "青山市人民政府", OrgKind.CITY)
    )
    plan = import_plan(office, tree.city)
    a = share(plan, 2, tree.unit_a)
    services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 4, 1), text="过半", percent=60)
    services.accept_report(case=a, actor=office, reviewed_on=D(2025, 4, 2))
    before = state()
    rows = [
        row(),  # fine on its own
        row(工作要点="青城市2026年法治政府建设工作要点"),
        row(任务序号=9),
        row(责任单位="青城市教育局"),
        row(责任单位="青山市公安局"),
        row(任务序号=2, **{"完成进度（%）": 40}, 进展情况="回退", 报送日期="2025-05-01"),
        row(任务序号=4, **{"完成进度（%）": 80}, 报送日期="2025-05-01"),  # a share of its own
        row(任务序号=3, 完成时限="2025-02-01", 下达日期="2025-03-01"),
        row(任务序号=4, 责任单位="市公安局", 进展情况="已部署", 报送日期="2025-06-01"),
        row(任务序号=2, 责任单位=tree.county.name, 下达日期="2025-04-01"),  # the county's share of task 2
        row(),
    ]
    result = import_file("plans", xlsx(rows), user=office)
    assert result.messages() == [
        "第3行「工作要点」：2025年度没有标题或文号为「青城市2026年法治政府建设工作要点」的工作要点（请先导入工作要点）",
        f"第4行「任务序号」：《{PLAN}》中没有第9项任务",
        "第5行「责任单位」：未找到机构「青城市教育局」，请填写系统中已有的机构名称或代码",
        f"第6行「责任单位」：青山市公安局不属于青城市人民政府，不能承担《{PLAN}》的任务",
        "第7行「完成进度（%）」：完成进度（40%）低于已采纳的进度（60%）",
        "第8行「进展情况」：填写完成进度时请填写进展情况",
        "第9行「完成时限」：完成时限（2025-02-01）不能早于下达日期（2025-03-01）",
        "第10行「报送日期」：日期 2025-06-01 晚于今天，历史记录的日期不能在将来",
        "第11行「下达日期」：该分工已于2025-03-01下达，下达日期不能修改（清空或填写原日期）",
        "第12行「责任单位」：与第2行重复：同一单位同一任务只能有一行",
    ]
    assert state() == before


def test_only_the_plans_office_imports_its_shares(tree, office, clerk_a, county_office, leader):
    import_plan(office, tree.city)
    before = state()
    assert import_file("plans", xlsx([row()]), user=clerk_a).messages() == [
        f"第2行「工作要点」：无权管理《{PLAN}》的任务分工"
    ]
    # the county holds a share of task 2 (各县区人民政府): it sees the plan, but may not manage its shares
    assert import_file("plans", xlsx([row()]), user=county_office).messages() == [
        f"第2行「工作要点」：无权管理《{PLAN}》的任务分工"
    ]
    other = make_user("other_office", org=make_org("990200", "青山市人民政府", OrgKind.CITY), role="office")
    assert import_file("plans", xlsx([row()]), user=other).messages() == [
        f"第2行「工作要点」：2025年度没有标题或文号为「{PLAN}」的工作要点（请先导入工作要点）"
    ]
    assert not import_file("plans", xlsx([row()]), user=leader).ok
    assert state() == before


def test_the_export_imports_back_unchanged(tree, office, clerk_a):
    plan = import_plan(office, tree.city)
    a = share(plan, 2, tree.unit_a)
    services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 4, 1), text="已部署", percent=30)
    services.accept_report(case=a, actor=office, reviewed_on=D(2025, 4, 2))
    services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 5, 1), text="过半", percent=60)
    services.accept_report(case=a, actor=office, reviewed_on=D(2025, 5, 2))
    b = share(plan, 3, tree.unit_b)
    services.report_progress(
        case=b, actor=office, reported_on=D(2025, 5, 3), text="待审", percent=20
    )  # pending
    services.assign_task(
        actor=office, task=plan.tasks.get(number=4), unit=tree.unit_b, on=D(2025, 4, 1), deadline=D(2025, 8, 31), lead=True
    )  # fmt: skip
    before = state()
    data, count = export_bytes(office, "plans")
    sheet = [[c.value for c in r] for r in load_workbook(io.BytesIO(data))["任务分工"].iter_rows()]
    assert sheet[0] == HEADERS and count == Assignment.objects.count() == len(sheet) - 1
    mine = next(r for r in sheet[1:] if r[2] in (2, "2") and r[3] == "青城市市场监督管理局")
    assert [str(x) for x in mine[:3]] == ["2025", PLAN, "2"] and mine[7:9] in ([60, "过半"], ["60", "过半"])
    result = import_file("plans", data, user=office)
    assert result.ok, result.messages()
    assert state() == before
    # and the exported file, edited, changes what was edited
    wb = load_workbook(io.BytesIO(data))
    ws = wb["任务分工"]
    for r in ws.iter_rows(min_row=2):
        if str(r[2].value) == "2" and r[3].value == "青城市市场监督管理局":
            r[7].value, r[8].value, r[9].value = 100, "已全部完成", "2025-05-09"
    buf = io.BytesIO()
    wb.save(buf)
    assert import_file("plans", buf.getvalue(), user=office).ok
    a.refresh_from_db()
    assert (a.percent, a.status, a.completed_on) == (100, "done", D(2025, 5, 9))


def test_a_share_given_late_in_the_year_keeps_the_plans_past_deadline(tree, office):
    """On 2025-11-20 a new unit gets its share of task 2 (6月底前): the plan's own deadline has passed, the share
    is given anyway, overdue at once; a deadline the row sets for the unit alone still cannot precede it."""
    plan = import_plan(office, tree.city)
    make_org("990100C", "青城市教育局", OrgKind.UNIT, parent=tree.city)
    late = D(2025, 11, 20)
    with time_machine.travel(late, tick=False):
        bad = [
            row(任务序号=2, 责任单位="青城市教育局"),
            row(任务序号=4, 责任单位="青城市教育局", 完成时限="2025-06-30"),
        ]
        result = import_file("plans", xlsx(bad), user=office)
        assert result.messages() == [
            "第3行「完成时限」：完成时限（2025-06-30）不能早于下达日期（2025-11-20）"
        ]
        assert not Assignment.objects.filter(unit__code="990100C").exists()
        result = import_file("plans", xlsx(bad[:1]), user=office)
        assert result.messages() == [], result.messages()
        a = Assignment.objects.get(unit__code="990100C")
        assert (a.task, a.assigned_on, a.deadline, a.due) == (
            plan.tasks.get(number=2),
            late,
            D(2025, 6, 30),
            D(2025, 6, 30),
        )
