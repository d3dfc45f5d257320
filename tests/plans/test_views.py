"""工作要点 pages, API, figures and the command: importing a plan from a file (preview, bad files), the plan's
page with live figures and the link correction, the share's page and actions, 对照检查清单, `fazhi plans import`."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.plans import services
from fazhi.plans.models import Assignment, TaskTarget, WorkPlan
from tests.plans.factories import DATA, import_plan, plan_text, share

pytestmark = pytest.mark.django_db
D = date


def _upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (DATA / name).read_bytes())


def test_import_page_previews_then_imports(tree, office, login):
    c = login(office)
    r = c.post(
        "/plans/plans/import/",
        {"file": _upload("haidong_2024.txt"), "org": tree.city.pk, "dry_run": "on"},
    )
    html = r.content.decode()
    assert (
        r.status_code == 200
        and "预览：海东市2024年法治政府建设工作要点" in html
        and "9 个部分，28 项任务" in html
    )
    assert "→ 行政机关负责人出庭应诉率" in html and not WorkPlan.objects.exists()
    r = c.post("/plans/plans/import/", {"file": _upload("dept_plan_arabic_units.txt"), "org": tree.city.pk})
    assert r.status_code == 302, r.content.decode()[-3000:]
    plan = WorkPlan.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/plans/plans/{plan.pk}/"
    page = c.get(r["Location"]).content.decode()
    assert "青城市2025年法治政府建设工作要点" in page and "未对应的单位：市司法局、市城市管理局" in page
    assert "经行政复议后起诉比例控制在25%以内" in page and "经复议后起诉比例" in page  # target and its figure


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notice.txt", "关于召开会议的通知\n请准时参加。".encode(), "未识别到编号的工作任务"),
        ("plan.xls", b"x", "只能导入"),
        ("plan.docx", b"not a zip", "无法读取"),
    ],
)
def test_a_file_that_is_not_a_plan_imports_nothing(tree, office, login, name, content, message):
    r = login(office).post("/plans/plans/import/", {"file": _upload(name, content), "org": tree.city.pk})
    assert r.status_code == 200 and message in r.content.decode()
    assert not WorkPlan.objects.exists() and not Assignment.objects.exists()


def test_plan_page_live_figures_and_link_correction(tree, office, clerk_a, login, indicator_data):
    plan = import_plan(office, tree.city, "haidong_2024.txt", year=2025)
    c = login(office)
    page = c.get(f"/plans/plans/{plan.pk}/").content.decode()
    # 出庭应诉率 of the indicator dataset (3/5 = 60.0%) against 不低于90%
    assert "各级行政机关负责人出庭应诉率不低于90%" in page and "60.0%" in page and "未达标" in page
    t = TaskTarget.objects.get(task__plan=plan, text__contains="学法用法考试")
    r = c.post(f"/plans/targets/{t.pk}/link/", {"indicator": "study.leader_sessions"})
    assert r.status_code == 302
    t.refresh_from_db()
    assert t.indicator == "study.leader_sessions" and t.linked_by_hand
    r = c.post(f"/plans/targets/{t.pk}/link/", {"indicator": "bogus"}, follow=True)
    assert "指标目录中没有" in r.content.decode()
    # a clerk of unit A sees no plan without a share in it, and may not correct links
    assert login(clerk_a).get(f"/plans/plans/{plan.pk}/").status_code == 404


def test_share_page_and_actions(tree, office, clerk_a, login):
    plan = import_plan(office, tree.city)
    a = share(plan, 2, tree.unit_a)
    unit = login(clerk_a)
    html = unit.get(f"/plans/{a.pk}/").content.decode()
    assert "压实第一责任人职责" in html and "报送进展" in html and "督办" in html
    assert "采纳进展" not in html  # the unit does not review its own reports
    assert not {"not_started", "in_progress", "plans.", "None"} & set(
        re.findall(r"[A-Za-z_.]+", html.split("page-body", 1)[-1])
    )
    unit.post(
        f"/plans/{a.pk}/action/report/",
        {"reported_on": "2025-04-01", "percent": "100", "text": "已完成", "version": a.version},
    )
    office_c = login(office)
    html = office_c.get(f"/plans/{a.pk}/").content.decode()
    assert "采纳进展" in html and "退回进展" in html
    a.refresh_from_db()
    office_c.post(f"/plans/{a.pk}/action/accept/", {"reviewed_on": "2025-04-02", "version": a.version})
    a.refresh_from_db()
    assert a.status == "done"
    listing = office_c.get("/plans/?status=done").content.decode()
    assert f'href="/plans/{a.pk}/"' in listing


def test_checklist_exports(tree, office, login):
    from openpyxl import load_workbook

    plan = import_plan(office, tree.city)
    c = login(office)
    r = c.get(f"/plans/plans/{plan.pk}/checklist.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:3] == ("序号", "部分", "任务") and len(rows) == 2 + 4
    assert rows[3][2] == "压实第一责任人职责" and "青城市市场监督管理局" in rows[3][4]
    r = c.get(f"/plans/plans/{plan.pk}/checklist.docx")
    import docx

    doc = docx.Document(io.BytesIO(r.content))
    assert doc.tables[0].rows[0].cells[2].text == "任务" and len(doc.tables[0].rows) == 5
    assert c.get(f"/plans/plans/{plan.pk}/checklist.pdf").status_code == 404


@time_machine.travel(datetime(2025, 5, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_api(tree, office, clerk_a, login):
    plan = import_plan(office, tree.city)
    a = share(plan, 3, tree.unit_a)
    unit = login(clerk_a)
    items = unit.get("/api/plans/cases").json()["items"]
    assert {i["unit"] for i in items} == {"青城市市场监督管理局"} and len(items) == 2
    r = unit.post(
        f"/api/plans/cases/{a.pk}/actions/report",
        {"reported_on": "2025-05-01", "percent": 30, "text": "已修订裁量基准", "version": a.version},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content.decode()
    assert r.json()["status"] == "in_progress"
    task = plan.tasks.get(number=1)
    r = login(office).post(
        "/api/plans/cases",
        {"task_id": task.pk, "unit_id": tree.unit_b.pk, "lead": True},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content.decode()
    assert r.json()["lead"] is True and r.json()["deadline"] == "2025-12-31"
    assert (
        unit.post(
            "/api/plans/cases",
            {"task_id": task.pk, "unit_id": tree.unit_a.pk},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_figures_and_their_drilldown(tree, office, clerk_a):
    plan = import_plan(office, tree.city)
    a = share(plan, 2, tree.unit_a)
    services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 5, 1), text="完成", percent=100)
    services.accept_report(case=a, actor=office, reviewed_on=D(2025, 5, 2))
    b = share(plan, 2, tree.unit_b)
    services.urge(case=b, actor=office, urged_on=D(2025, 7, 2), reply_due=D(2025, 7, 12), note="逾期")
    year = Period.year(2025)
    v = compute(
        tree.city,
        year,
        ["plans.tasks", "plans.tasks_done", "plans.task_completion_rate", "plans.overdue", "plans.urged"],
    )
    # five shares due in 2025 (task 2: county, A, B; task 3: A, B); A's of task 2 done; all others past due
    assert (v["plans.tasks"].value, v["plans.tasks_done"].value, v["plans.urged"].value) == (5, 1, 1)
    assert str(v["plans.task_completion_rate"].value) == "20.0"
    assert v["plans.overdue"].value == 4  # today is after 2025: every open share is overdue
    for key in ("plans.tasks", "plans.tasks_done", "plans.overdue", "plans.urged"):
        assert drilldown_records(key, tree.city, year).count() == v[key].value
    unit = compute(tree.unit_a, year, ["plans.tasks", "plans.tasks_done"])
    assert (unit["plans.tasks"].value, unit["plans.tasks_done"].value) == (2, 1)


def test_command_import(tree, office, tmp_path):
    path = DATA / "haidong_2024.txt"
    out = io.StringIO()
    call_command(
        "plans",
        "import",
        str(path),
        "--org",
        tree.city.code,
        "--user",
        office.username,
        "--dry-run",
        "--json",
        stdout=out,
    )
    got = json.loads(out.getvalue())
    assert (got["title"], got["doc_number"], got["year"], got["parts"], len(got["tasks"])) == (
        "海东市2024年法治政府建设工作要点",
        "东政办〔2024〕29号",
        2024,
        9,
        28,
    )
    t22 = got["tasks"][21]
    assert t22["targets"][0] == {
        "text": "各级行政机关负责人出庭应诉率不低于90%",
        "indicator": "litigation.head_appearance_rate",
        "op": ">=",
        "value": 90,
        "unit": "%",
    }
    assert got["id"] is None and not WorkPlan.objects.exists()  # dry run
    other = tmp_path / "units.txt"
    other.write_text(plan_text("dept_plan_arabic_units.txt"), encoding="utf-8")
    out = io.StringIO()
    call_command(
        "plans", "import", str(other), "--org", tree.city.code, "--user", office.username, stdout=out
    )
    assert (
        "2 个部分、4 项任务" in out.getvalue()
        and "未对应的单位：市司法局、市政府办公室、市城市管理局" in out.getvalue()
    )
    assert WorkPlan.objects.count() == 1
    with pytest.raises(CommandError, match="已有"):
        call_command(
            "plans",
            "import",
            str(other),
            "--org",
            tree.city.code,
            "--user",
            office.username,
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="不存在"):
        call_command("plans", "import", str(other), "--org", "nope", stdout=io.StringIO())


@pytest.mark.parametrize("persona", ["office", "clerk_a", "leader"])
def test_no_codes_or_english_on_the_plans_pages(client, tree, office, clerk_a, personas, persona):
    from tests.pages.test_page_walk import walk

    plan = import_plan(office, tree.city, "haidong_2024.txt", year=2025)
    services.assign_task(actor=office, task=plan.tasks.get(number=22), unit=tree.unit_a, on=D(2025, 3, 1))
    found = walk(client, getattr(personas, persona))
    assert f"/plans/plans/{plan.pk}/" not in found and not {u for u in found if u.startswith("/plans/")}, (
        found
    )


def test_a_share_half_way_through_its_time_with_less_than_half_done_is_lagging(tree, office, clerk_a, client):
    """滞后 (时间过半、进度未过半): open, not yet late, past the middle of 下达 → 完成时限, progress under 50%."""
    from fazhi.plans import rules
    from fazhi.plans.models import halfway

    assert halfway(D(2025, 3, 1), D(2025, 12, 31)) == D(2025, 7, 31)  # 305 days: day 152 is 7月31日
    assert halfway(D(2025, 3, 1), D(2025, 3, 2)) == D(2025, 3, 1)
    plan = import_plan(office, tree.city)  # shares given on 2025-03-01
    a, b = share(plan, 2, tree.unit_a), share(plan, 2, tree.unit_b)
    assert a.halfway_on == halfway(a.assigned_on, a.deadline)
    with time_machine.travel(a.halfway_on - timedelta(days=1), tick=False):
        assert not rules.is_lagging(a, a.halfway_on - timedelta(days=1))
        assert compute(tree.city, Period.year(2025), ["plans.lagging"])["plans.lagging"].value == 0
    services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 5, 1), text="过半", percent=60)
    services.accept_report(case=a, actor=office, reviewed_on=D(2025, 5, 2))
    with time_machine.travel(a.halfway_on, tick=False):
        today = a.halfway_on
        a.refresh_from_db()
        b.refresh_from_db()
        assert (rules.is_lagging(a, today), rules.is_lagging(b, today)) == (False, True)
        assert rules.shown_status(b, today) == "滞后"
        v = compute(tree.city, Period.year(2025), ["plans.lagging"])["plans.lagging"].value
        assert v == drilldown_records("plans.lagging", tree.city, Period.year(2025)).count()
        assert v == sum(rules.is_lagging(s, today) for s in Assignment.objects.all())
        assert b in drilldown_records("plans.lagging", tree.city, Period.year(2025))
        client.force_login(office)
        page = client.get("/plans/", {"status": "lagging"}).content.decode()
        assert f"共 {v} 条" in page and page.count('title="时间过半、进度未过半">滞后</span>') == v
    with time_machine.travel(b.due + timedelta(days=1), tick=False):  # late now: 逾期, no longer 滞后
        assert rules.shown_status(b, b.due + timedelta(days=1)) == "逾期"
