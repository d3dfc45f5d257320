"""统计填报: a form's lifecycle, the permission ladder, compute() over accepted submissions, reminders, xlsx."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.collection import selectors as collection_selectors
from fazhi.collection import services as collection
from fazhi.collection.models import CollectionReminder, CollectionTask
from fazhi.indicators.registry import Period, compute, drilldown_records

pytestmark = pytest.mark.django_db

Y2025 = Period.year(2025)
KEYS = ["reconsideration.head_hearing_rate", "legal_services.notary_cases", "services.online_rate"]
S = CollectionTask.Status


@pytest.fixture
def form(tree, office):
    return collection.create_form(
        actor=office, owner=tree.city, name="2025年度法治政府建设统计表", period=Y2025, keys=KEYS
    )


@pytest.fixture
def tasks(form, tree, office):
    created = collection.assign_form(
        form=form,
        actor=office,
        orgs=[tree.unit_a, tree.unit_b, tree.county, tree.county_unit],
        due_on=dt.date(2026, 1, 31),
    )
    return {t.org.code: t for t in created}


def fill_and_accept(task, *, filler, reviewer, **values):
    collection.save_values(task=task, actor=filler, values=values)
    collection.submit_task(task=task, actor=filler)
    return collection.accept_task(task=task, actor=reviewer)


# -- lifecycle --------------------------------------------------------------------------------------------


def test_lifecycle_define_assign_fill_submit_return_resubmit_accept(tree, office, clerk_a, form, tasks):
    task = tasks[tree.unit_a.code]
    assert form.status == "issued" and task.status == S.PENDING
    # the form asks for the rate's parts, not the rate
    assert [f.key for f in collection_selectors.task_fields(task)] == [
        "reconsideration.head_attended_hearings",
        "reconsideration.hearings_held",
        "legal_services.notary_cases",
        "services.online_rate",
    ]

    collection.save_values(
        task=task,
        actor=clerk_a,
        values={"reconsideration.head_attended_hearings": "90", "reconsideration.hearings_held": "100"},
    )
    task.refresh_from_db()
    assert task.status == S.DRAFT
    collection.submit_task(task=task, actor=clerk_a)
    task.refresh_from_db()
    assert task.status == S.SUBMITTED and task.submitted_by == clerk_a

    with pytest.raises(ValidationError, match="退回原因"):
        collection.return_task(task=task, actor=office, reason="  ")
    collection.return_task(task=task, actor=office, reason="调处纠纷件数与台账不符，请核对")
    task.refresh_from_db()
    assert task.status == S.RETURNED and task.return_reason == "调处纠纷件数与台账不符，请核对"

    collection.save_values(
        task=task,
        actor=clerk_a,
        values={"reconsideration.hearings_held": "120", "legal_services.notary_cases": 7},
    )
    collection.submit_task(task=task, actor=clerk_a)
    collection.accept_task(task=task, actor=office)
    task.refresh_from_db()
    assert task.status == S.ACCEPTED and task.reviewed_by == office and task.return_reason == ""

    # values keep their history: the denominator was 100, then 120, each change with its user
    hist = task.values.get(key="reconsideration.hearings_held").history.order_by("history_date")
    assert [h.value for h in hist] == [Decimal(100), Decimal(120)]
    assert {h.history_user for h in hist} == {clerk_a}
    reasons = [h.history_change_reason for h in task.history.order_by("history_date", "history_id")]
    assert reasons == [
        "下发填报任务",
        "开始填报",
        "提交",
        "退回：调处纠纷件数与台账不符，请核对",
        "更正后重新提交",
        "采纳",
    ]


def test_accepted_task_cannot_be_changed_until_returned(tree, office, clerk_a, tasks):
    task = fill_and_accept(
        tasks[tree.unit_a.code], filler=clerk_a, reviewer=office, **{"legal_services.notary_cases": 3}
    )
    with pytest.raises(ValidationError, match="已采纳"):
        collection.save_values(task=task, actor=clerk_a, values={"legal_services.notary_cases": 4})


def test_values_are_checked_in_chinese(tree, office, clerk_a, tasks):
    task = tasks[tree.unit_a.code]
    with pytest.raises(ValidationError) as exc:
        collection.save_values(
            task=task,
            actor=clerk_a,
            values={
                "legal_services.notary_cases": "3.5",
                "services.online_rate": "101",
                "reconsideration.hearings_held": "-1",
            },
        )
    text = "；".join(exc.value.messages)
    assert "「办理公证案件数」应为整数" in text
    assert "「政务服务事项网办率」是百分比，应在0至100之间" in text
    assert "「行政复议听证案件数」不能为负数" in text
    with pytest.raises(
        ValidationError,
        match="「行政机关负责人参加行政复议听证案件数」（9）不能大于「行政复议听证案件数」（5）",
    ):
        collection.save_values(
            task=task,
            actor=clerk_a,
            values={"reconsideration.head_attended_hearings": 9, "reconsideration.hearings_held": 5},
        )
    with pytest.raises(ValidationError, match="尚未填写任何数值"):
        collection.submit_task(task=task, actor=clerk_a)
    with pytest.raises(ValidationError, match="不是统计填报指标"):
        collection.create_form(
            actor=office, owner=tree.city, name="x", period=Y2025, keys=["reconsideration.received"]
        )


# -- permission ladder --------------------------------------------------------------------------------------


def test_clerk_fills_only_the_own_units_task(tree, clerk_a, clerk_b, office, tasks):
    task_b = tasks[tree.unit_b.code]
    with pytest.raises(PermissionDenied):
        collection.save_values(task=task_b, actor=clerk_a, values={"legal_services.notary_cases": 1})
    assert list(collection_selectors.visible_tasks(clerk_a)) == [tasks[tree.unit_a.code]]
    collection.save_values(
        task=tasks[tree.unit_a.code], actor=clerk_a, values={"legal_services.notary_cases": 1}
    )
    collection.submit_task(task=tasks[tree.unit_a.code], actor=clerk_a)
    with pytest.raises(PermissionDenied):  # a clerk does not review, not even the own unit
        collection.accept_task(task=tasks[tree.unit_a.code], actor=clerk_a)


def test_pages_permission_ladder(
    tree, clerk_a, clerk_b, office, leader, county_office, login, client, tasks, form
):
    task_a, task_b = tasks[tree.unit_a.code], tasks[tree.unit_b.code]
    url_a = reverse("collection:task", args=[task_a.pk])
    url_b = reverse("collection:task", args=[task_b.pk])
    save_b = reverse("collection:task_action", args=[task_b.pk, "save"])

    # anonymous: to the login page
    assert client.get(url_a).status_code == 302
    # clerk A: the own task yes, B's task is not found (page and action)
    a = login(clerk_a)
    assert a.get(url_a).status_code == 200
    assert a.get(url_b).status_code == 404
    assert a.post(save_b, {"v_legal_services.notary_cases": "5"}).status_code == 404
    assert not task_b.values.exists()
    assert a.get(reverse("collection:form_detail", args=[form.pk])).status_code == 404
    # clerk A fills in and submits through the page, cannot accept
    r = a.post(
        reverse("collection:task_action", args=[task_a.pk, "submit"]),
        {"v_legal_services.notary_cases": "5", "n_legal_services.notary_cases": "公证处报送"},
    )
    assert r.status_code == 302
    task_a.refresh_from_db()
    assert task_a.status == S.SUBMITTED
    assert a.post(reverse("collection:task_action", args=[task_a.pk, "accept"])).status_code == 403
    # leader: reads everything, changes nothing
    lead = login(leader)
    assert lead.get(url_b).status_code == 200
    assert lead.get(reverse("collection:form_detail", args=[form.pk])).status_code == 200
    assert lead.post(reverse("collection:task_action", args=[task_a.pk, "accept"])).status_code == 403
    assert lead.post(save_b, {"v_legal_services.notary_cases": "5"}).status_code == 403
    assert (
        lead.post(reverse("collection:form_assign", args=[form.pk]), {"due_on": "2026-02-01"}).status_code
        == 403
    )
    assert lead.get(reverse("collection:form_create")).status_code == 403
    # county office: fills the county's task, does not review the city's form
    county_task = tasks[tree.county.code]
    c = login(county_office)
    assert c.get(reverse("collection:task", args=[county_task.pk])).status_code == 200
    assert c.get(url_a).status_code == 404
    c.post(
        reverse("collection:task_action", args=[county_task.pk, "submit"]),
        {"v_legal_services.notary_cases": "2"},
    )
    county_task.refresh_from_db()
    assert county_task.status == S.SUBMITTED
    assert c.post(reverse("collection:task_action", args=[county_task.pk, "accept"])).status_code == 403
    # the city office returns with a reason, then accepts the corrected submission
    o = login(office)
    o.post(reverse("collection:task_action", args=[task_a.pk, "return"]), {"reason": "请附公证处台账"})
    task_a.refresh_from_db()
    assert task_a.status == S.RETURNED
    assert "请附公证处台账" in a.get(url_a).content.decode()
    a.post(
        reverse("collection:task_action", args=[task_a.pk, "submit"]),
        {"v_legal_services.notary_cases": "6"},
    )
    o.post(reverse("collection:task_action", args=[task_a.pk, "accept"]))
    task_a.refresh_from_db()
    assert task_a.status == S.ACCEPTED
    assert (
        compute(tree.unit_a, Y2025, ["legal_services.notary_cases"])["legal_services.notary_cases"].value == 6
    )


def test_office_defines_and_sends_a_form_through_the_pages(tree, office, login):
    o = login(office)
    assert o.get(reverse("collection:form_create")).status_code == 200
    r = o.post(
        reverse("collection:form_create"),
        {
            "name": "2025年上半年统计表",
            "owner": tree.city.pk,
            "period": "2025-01-01..2025-06-30",
            "keys": ["legal_services.legal_aid_cases", "reconsideration.head_hearing_rate"],
        },
    )
    assert r.status_code == 302
    form = collection_selectors.visible_forms(office).get(name="2025年上半年统计表")
    assert (form.period_start, form.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    r = o.post(
        reverse("collection:form_assign", args=[form.pk]),
        {"orgs": [tree.unit_a.pk, tree.county.pk], "due_on": "2025-07-15"},
    )
    assert r.status_code == 302
    assert set(form.tasks.values_list("org__code", flat=True)) == {tree.unit_a.code, tree.county.code}
    html = o.get(reverse("collection:form_detail", args=[form.pk])).content.decode()
    assert tree.unit_a.name in html and "按分子分母计算" not in html  # detail lists the tasks
    assert o.get(reverse("collection:forms")).status_code == 200


# -- compute(): accepted values, subtree aggregation, ratio of sums, None -----------------------------------------


def test_compute_serves_accepted_values_up_the_tree(tree, office, clerk_a, clerk_b, county_office, tasks):
    fill_and_accept(
        tasks[tree.unit_a.code],
        filler=clerk_a,
        reviewer=office,
        **{
            "legal_services.notary_cases": 10,
            "reconsideration.head_attended_hearings": 9,
            "reconsideration.hearings_held": 10,
            "services.online_rate": "98.5",
        },
    )
    fill_and_accept(
        tasks[tree.unit_b.code],
        filler=clerk_b,
        reviewer=office,
        **{
            "legal_services.notary_cases": 5,
            "reconsideration.head_attended_hearings": 1,
            "reconsideration.hearings_held": 30,
        },
    )
    # the county reports its own total (covering its unit); its unit's accepted figure is not added again
    fill_and_accept(
        tasks[tree.county.code], filler=county_office, reviewer=office, **{"legal_services.notary_cases": 7}
    )
    fill_and_accept(
        tasks[tree.county_unit.code],
        filler=county_office,
        reviewer=office,
        **{"legal_services.notary_cases": 100},
    )

    city = compute(tree.city, Y2025, KEYS)
    assert city["legal_services.notary_cases"].value == 10 + 5 + 7
    # ratio of sums: (9 + 1) / (10 + 30) = 25.0%, not the mean of 90% and 3.3%
    rate = city["reconsideration.head_hearing_rate"]
    assert (rate.value, rate.numerator, rate.denominator) == (Decimal("25.0"), 10, 40)
    # a rate reported only as a rate is not aggregated: the city has none of its own
    assert city["services.online_rate"].value is None
    assert city["services.online_rate"].display() == "无数据"
    assert compute(tree.unit_a, Y2025, ["services.online_rate"])["services.online_rate"].value == Decimal(
        "98.5"
    )
    assert (
        compute(tree.county, Y2025, ["legal_services.notary_cases"])["legal_services.notary_cases"].value == 7
    )
    assert (
        compute(tree.county_unit, Y2025, ["legal_services.notary_cases"])["legal_services.notary_cases"].value
        == 100
    )

    # drill-down: every accepted value behind the figure
    ids = set(
        drilldown_records("legal_services.notary_cases", tree.city, Y2025).values_list(
            "task__org__code", flat=True
        )
    )
    assert ids == {tree.unit_a.code, tree.unit_b.code, tree.county.code, tree.county_unit.code}
    assert city["legal_services.notary_cases"].drilldown.startswith("indicator=legal_services.notary_cases")


def test_nothing_accepted_is_none_never_zero(tree, office, clerk_a, clerk_b, tasks):
    collection.save_values(
        task=tasks[tree.unit_b.code], actor=clerk_b, values={"legal_services.notary_cases": 4}
    )
    collection.submit_task(task=tasks[tree.unit_b.code], actor=clerk_b)  # submitted, not accepted
    v = compute(tree.city, Y2025, ["legal_services.notary_cases", "reconsideration.head_hearing_rate"])
    assert v["legal_services.notary_cases"].value is None
    assert (
        v["reconsideration.head_hearing_rate"].value is None
        and v["reconsideration.head_hearing_rate"].denominator is None
    )
    assert (
        compute(tree.city, Period.year(2024), ["legal_services.notary_cases"])[
            "legal_services.notary_cases"
        ].value
        is None
    )
    # an accepted 0 is a real zero
    fill_and_accept(
        tasks[tree.unit_a.code], filler=clerk_a, reviewer=office, **{"legal_services.notary_cases": 0}
    )
    assert (
        compute(tree.city, Y2025, ["legal_services.notary_cases"])["legal_services.notary_cases"].value == 0
    )


def test_returning_an_accepted_task_takes_its_values_out(tree, office, clerk_a, tasks):
    task = fill_and_accept(
        tasks[tree.unit_a.code], filler=clerk_a, reviewer=office, **{"legal_services.notary_cases": 10}
    )
    collection.return_task(task=task, actor=office, reason="数据口径有误")
    assert (
        compute(tree.city, Y2025, ["legal_services.notary_cases"])["legal_services.notary_cases"].value
        is None
    )


def test_drilldown_page_marks_what_is_counted(tree, office, clerk_a, county_office, tasks, login):
    fill_and_accept(
        tasks[tree.county.code], filler=county_office, reviewer=office, **{"legal_services.notary_cases": 7}
    )
    fill_and_accept(
        tasks[tree.county_unit.code],
        filler=county_office,
        reviewer=office,
        **{"legal_services.notary_cases": 100},
    )
    url = (
        reverse("collection:values")
        + f"?indicator=legal_services.notary_cases&org={tree.city.pk}&period={Y2025.token}"
    )
    html = login(office).get(url).content.decode()
    assert "计入" in html and "已含在上级数中" in html and tree.county_unit.name in html
    assert login(clerk_a).get(url).status_code == 403  # the city is outside clerk A's scope


# -- reminders ----------------------------------------------------------------------------------------------


def at(day: dt.date):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    )


def test_remind_is_idempotent_and_skips_submitted_tasks(tree, office, clerk_a, clerk_b, tasks, login):
    fill_and_accept(
        tasks[tree.unit_b.code], filler=clerk_b, reviewer=office, **{"legal_services.notary_cases": 1}
    )
    collection.save_values(
        task=tasks[tree.county.code], actor=office, values={"legal_services.notary_cases": 1}
    )
    collection.submit_task(task=tasks[tree.county.code], actor=office)
    # due 2026-01-31; on 2026-02-03 unit A and the county's unit are three days late
    with at(dt.date(2026, 2, 3)):
        call_command("remind", stdout=io.StringIO())
        call_command("remind", stdout=io.StringIO())
    late = {tasks[tree.unit_a.code].pk, tasks[tree.county_unit.code].pk}
    assert sorted(CollectionReminder.objects.values_list("task_id", flat=True)) == sorted(late)
    r = CollectionReminder.objects.get(task=tasks[tree.unit_a.code])
    assert r.days_overdue == 3 and "已逾期3天" in r.message
    # the next day, one more each
    with at(dt.date(2026, 2, 4)):
        sent = collection.send_late_reminders()
        assert len(sent) == 2 and not collection.send_late_reminders()
    assert CollectionReminder.objects.filter(task=tasks[tree.unit_a.code]).count() == 2
    # the clerk sees the reminder on the own page, not unit B's
    with at(dt.date(2026, 2, 4)):
        html = login(clerk_a).get(reverse("collection:tasks")).content.decode()
        assert "催报提醒" in html and "已逾期4天" in html
        late_html = login(office).get(reverse("collection:late")).content.decode()
        assert tree.unit_a.name in late_html and tree.unit_b.name not in late_html


def test_a_claimed_task_is_not_reminded_twice(tree, tasks):
    # a second worker that read the task before the first claimed it loses the conditional update
    task = tasks[tree.unit_a.code]
    stale = CollectionTask.objects.get(pk=task.pk)
    collection.send_late_reminders(today=dt.date(2026, 2, 3))
    claimed = CollectionTask.objects.filter(pk=stale.pk, last_reminded_on=stale.last_reminded_on).update(
        last_reminded_on=dt.date(2026, 2, 3)
    )
    assert claimed == 0


# -- xlsx ---------------------------------------------------------------------------------------------------


def _sheet(rows):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "填报"
    ws.append(["指标代码", "指标名称", "单位", "数值", "说明"])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "填报.xlsx"
    return buf


def test_xlsx_template_and_upload_all_or_nothing(tree, clerk_a, tasks, login):
    from python_calamine import CalamineWorkbook

    task = tasks[tree.unit_a.code]
    a = login(clerk_a)
    data = a.get(reverse("collection:task_template", args=[task.pk])).content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("填报").to_python()
    assert rows[0][:4] == ["指标代码", "指标名称", "单位", "数值"]
    assert [r[0] for r in rows[1:]] == [
        "reconsideration.head_attended_hearings",
        "reconsideration.hearings_held",
        "legal_services.notary_cases",
        "services.online_rate",
    ]

    upload = reverse("collection:task_upload", args=[task.pk])
    bad = _sheet(
        [
            ["reconsideration.hearings_held", "", "", "十", ""],
            ["legal_services.notary_cases", "", "", 3.5, ""],
            ["study.lectures", "", "", 2, ""],
            ["services.online_rate", "", "", 99, ""],
        ]
    )
    r = a.post(upload, {"file": bad}, follow=True)
    html = r.content.decode()
    assert "第2行「数值」：「行政复议听证案件数」应为数字" in html
    assert "第3行「数值」：「办理公证案件数」应为整数" in html
    assert "第4行「指标代码」：「study.lectures」（法治专题讲座场次）不是本填报表的指标" in html
    assert not task.values.exists()  # all or nothing

    good = _sheet(
        [
            ["reconsideration.head_attended_hearings", "", "", 8, ""],
            ["reconsideration.hearings_held", "", "", 10, "含诉前调解"],
            ["legal_services.notary_cases", "", "", 3, ""],
        ]
    )
    a.post(upload, {"file": good})
    assert collection.task_values(task) == {
        "reconsideration.head_attended_hearings": 8,
        "reconsideration.hearings_held": 10,
        "legal_services.notary_cases": 3,
    }
    assert task.values.get(key="reconsideration.hearings_held").note == "含诉前调解"
    # clerk A cannot upload into unit B's task
    assert (
        a.post(
            reverse("collection:task_upload", args=[tasks[tree.unit_b.code].pk]), {"file": good}
        ).status_code
        == 404
    )


def test_task_list_queries_do_not_grow_with_rows(tree, office, form, tasks, login):
    o = login(office)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert o.get(reverse("collection:tasks")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    other = collection.create_form(
        actor=office, owner=tree.city, name="第二张表", period=Period.year(2024), keys=KEYS
    )
    collection.assign_form(
        form=other, actor=office, orgs=[tree.unit_a, tree.unit_b, tree.county], due_on=dt.date(2025, 1, 31)
    )
    assert count() == before


def test_a_zip_bomb_upload_is_refused_and_saves_nothing(tree, clerk_a, tasks, login):
    from tests.core.test_upload_limits import with_member

    task = tasks[tree.unit_a.code]
    good = _sheet([["reconsideration.head_attended_hearings", "", "", 8, ""]]).getvalue()
    bomb = io.BytesIO(with_member(good, "xl/sharedStrings.xml", 100 * 1024 * 1024))
    bomb.name = "填报.xlsx"
    r = login(clerk_a).post(reverse("collection:task_upload", args=[task.pk]), {"file": bomb}, follow=True)
    assert "可能是压缩炸弹，已拒绝" in r.content.decode()
    assert not task.values.exists()


def test_the_task_sheet_writes_typed_notes_as_text(tree, clerk_a, tasks):
    from openpyxl import load_workbook

    from fazhi.collection.importers import template_workbook

    task = tasks[tree.unit_a.code]
    note = '=HYPERLINK("http://x","y")'
    collection.save_values(
        task=task,
        actor=clerk_a,
        values={"reconsideration.hearings_held": 10},
        notes={"reconsideration.hearings_held": note},
    )
    ws = load_workbook(io.BytesIO(template_workbook(task)))["填报"]
    cell = next(c for r in ws.iter_rows() for c in r if c.value == note)
    assert cell.data_type == "s"


def test_one_click_reminder_and_export_from_the_late_page(tree, tasks, office, leader, login):
    """一键催报 sends now, once a day per task, recorded with the user; 导出 gives the page's rows (issue 10 §4)."""
    from fazhi.collection.models import CollectionReminder

    with at(dt.date(2026, 2, 4)):
        page = login(leader).get(reverse("collection:late")).content.decode()
        assert ">一键催报</button>" not in page and "fazhi remind" not in page  # 领导 reads only
        assert login(leader).post(reverse("collection:late_remind")).status_code == 403
        c = login(office)
        assert ">一键催报</button>" in c.get(reverse("collection:late")).content.decode()
        response = c.post(reverse("collection:late_remind"), {"q": "", "year": ""})
        assert response.status_code == 302
        sent = CollectionReminder.objects.filter(sent_on=dt.date(2026, 2, 4))
        assert sent.count() == 4
        assert {r.history.latest().history_user for r in sent} == {office}
        c.post(reverse("collection:late_remind"))  # a second click the same day sends nothing more
        assert sent.count() == 4
        export = c.get(reverse("collection:late_export"))
        assert "%E9%80%BE%E6%9C%9F%E6%9C%AA%E6%8A%A5" in export["Content-Disposition"]  # 逾期未报…xlsx
        import io

        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
        assert rows[0][0] == "填报机构" and len(rows) == 5
