"""行政应诉 import and export (fazhi.litigation.importers): derived fields as the services derive them —
the jurisdiction from the defendant, answer_due (行政诉讼法 第六十七条), lost, head_appeared — all or nothing,
the writer's scope, and an export that re-imports."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.core.models import ImportJob
from fazhi.litigation.choices import Appearance, EventKind, Result, Status
from fazhi.litigation.importers import LitigationImporter
from fazhi.litigation.models import CourtHearing, LitigationCase, LitigationEvent
from tests import factories

HEADERS = [c.header for c in LitigationImporter.columns]
D = date
COMPARED = [
    "org_id", "defendant_id", "court", "case_number", "stage", "plaintiff", "act_type", "act_description",
    "reconsideration_id", "status", "complaint_received_on", "answer_due", "answered_on", "result", "judged_on",
    "lost", "appealed", "closed_on", "head_appeared", "hearing_count", "first_hearing_on",
]  # fmt: skip


def row(**values) -> dict:
    base = {
        "受理法院": "青城市中级人民法院",
        "案号": "（2025）青01行初1号",
        "被告单位": "青城市市场监督管理局",
        "原告": "李四",
        "被诉行为类别": "行政处罚",
        "被诉行政行为": "罚款决定",
        "收到起诉状副本日期": D(2025, 4, 1),
    }
    base.update(values)
    return base


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "应诉案件"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def run(rows, user):
    return import_file("litigation", xlsx(rows), user=user)


def values(case) -> tuple:
    return tuple(getattr(case, f) for f in COMPARED)


def test_derived_fields_are_those_of_the_services(tree, office):
    by_service = factories.judged_litigation(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初9号",
        complaint_received_on=D(2025, 4, 1),
        hearing=(D(2025, 5, 10), Appearance.HEAD),
        result=Result.REVOKE,
        judged_on=D(2025, 6, 2),
    )
    rows = [
        row(
            案号="（2025）青01行初10号",
            开庭日期=D(2025, 5, 10),
            出庭情况="负责人（正职）出庭",
            出庭人员="王局长",
            出庭人员职务="局长",
            裁判结果="撤销",
            裁判日期=D(2025, 6, 2),
        )
    ]
    result = run(rows, office)
    assert result.ok, result.messages()
    imported = LitigationCase.objects.get(case_number="（2025）青01行初10号")
    by_service.refresh_from_db()
    assert values(imported)[8:] == values(by_service)[8:]  # all but the court, number, parties and act
    assert (imported.org, imported.defendant, imported.status, imported.lost, imported.head_appeared) == (
        tree.city,
        tree.unit_a,
        Status.JUDGED,
        True,
        True,
    )
    assert imported.answer_due == by_service.answer_due and imported.answer_due is not None


def test_answer_due_is_fixed_at_registration_even_when_answered(tree, office):
    by_service = factories.litigation_case(
        office, defendant=tree.unit_a, case_number="（2025）青01行初9号", complaint_received_on=D(2025, 4, 1)
    )
    assert run([row(提交答辩日期=D(2025, 4, 20))], office).ok
    imported = LitigationCase.objects.get(case_number="（2025）青01行初1号")
    assert imported.answer_due == by_service.answer_due
    late = LitigationEvent.objects.get(case=imported, kind=EventKind.ANSWERED)
    assert late.note == f"逾期答辩（期限 {imported.answer_due:%Y-%m-%d}）"


def test_states_hearings_history_and_timeline(tree, office):
    rows = [
        row(案号="A1"),
        row(案号="A2", 开庭日期=D(2025, 5, 6), 出庭情况="仅委托律师出庭", 负责人未出庭理由="出差"),
        row(案号="A3", 裁判结果="驳回诉讼请求", 裁判日期=D(2025, 6, 1), 是否上诉="是"),
        row(
            案号="A4",
            审级="二审",
            裁判结果="驳回上诉、维持原判",
            裁判日期=D(2025, 6, 1),
            结案日期=D(2025, 6, 15),
            被告单位="990121A",
        ),
    ]
    assert run(rows, office).ok
    got = {
        c.case_number: (c.status, c.lost, c.head_appeared, c.appealed, c.org.code)
        for c in LitigationCase.objects.all()
    }
    assert got == {
        "A1": (Status.PENDING, False, False, False, "990100"),
        "A2": (Status.PENDING, False, False, False, "990100"),
        "A3": (Status.JUDGED, False, False, True, "990100"),
        "A4": (Status.CLOSED, False, False, False, "990121"),
    }
    hearing = CourtHearing.objects.get()
    assert (hearing.case.case_number, hearing.appearance, hearing.absence_reason) == (
        "A2",
        Appearance.LAWYER_ONLY,
        "出差",
    )
    assert CourtHearing.history.get().history_change_reason == "导入"
    assert (
        LitigationCase.history.filter(
            history_user=office, history_change_reason="导入", history_type="+"
        ).count()
        == 4
    )
    a4 = LitigationCase.objects.get(case_number="A4")
    assert [e.kind for e in a4.events.all()] == [EventKind.REGISTERED, EventKind.JUDGED, EventKind.CLOSED]


def test_a_suit_after_reconsideration_links_the_case(tree, office):
    recon = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 6))
    result = run([row(经复议案号=recon.number), row(案号="B2", 经复议案号="青府复〔2019〕99号")], office)
    assert result.messages() == [
        "第3行「经复议案号」：系统中没有复议案号「青府复〔2019〕99号」或无权查看，请先导入或登记该复议案件"
    ]
    assert run([row(经复议案号=recon.number)], office).ok
    assert LitigationCase.objects.get().reconsideration == recon


def test_incoherent_rows_and_duplicates_are_refused(tree, office):
    factories.litigation_case(
        office, defendant=tree.unit_a, case_number="（2025）青01行初1号", complaint_received_on=D(2025, 4, 1)
    )
    rows = [
        row(),  # already registered at that court
        row(案号="C1", 开庭日期=D(2025, 5, 6), 出庭情况="负责人（副职/分管）出庭"),
        row(案号="C2", 结案日期=D(2025, 6, 1)),
        row(案号="C3", 裁判结果="撤销"),
        row(案号="C4", 提交答辩日期=D(2025, 3, 1)),
        row(案号="C5", 出庭情况="未出庭"),
        row(案号="C5"),
        row(案号="C6", 是否上诉="也许"),
    ]
    result = run(rows, office)
    assert result.messages() == [
        "第2行「案号」：案号「（2025）青01行初1号」在青城市中级人民法院已登记",
        "第3行「出庭人员」：负责人出庭的，请填写出庭负责人姓名",
        "第4行「结案日期」：应先登记裁判结果才能结案，请填写裁判结果和裁判日期",
        "第5行「裁判日期」：填写了裁判结果，请填写裁判日期",
        "第6行「提交答辩日期」：提交答辩日期（2025-03-01）不能早于收到起诉状副本日期（2025-04-01）",
        "第7行「开庭日期」：填写了出庭情况，请填写开庭日期",
        "第8行「案号」：案号「C5」（青城市中级人民法院）与第7行重复",
        "第9行「是否上诉」：应填写「是」或「否」，现为「也许」",
    ]
    assert LitigationCase.objects.count() == 1


def test_a_clerk_imports_and_exports_the_own_unit_only(tree, office, clerk_a):
    result = run([row(), row(案号="D2", 被告单位="青城市公安局")], clerk_a)
    assert result.messages() == ["第3行：无权导入「青城市公安局」的记录"]
    assert not LitigationCase.objects.exists()
    assert run([row(案号="D1"), row(案号="D2", 被告单位="青城市公安局")], office).ok
    data, count = export_bytes(clerk_a, "litigation")
    sheet = [[c.value for c in r] for r in load_workbook(io.BytesIO(data))["应诉案件"].iter_rows()]
    assert count == 1 and sheet[0] == HEADERS and [r[1] for r in sheet[1:]] == ["D1"]


# The import rungs of the permission ladder: an import obeys exactly the check of register_case (write
# access to the defendant or its jurisdiction), through import_file, the upload page and the CLI.


def test_a_clerk_of_another_unit_leader_and_anonymous_cannot_import(tree, clerk_b, leader):
    from django.contrib.auth.models import AnonymousUser

    assert run([row()], clerk_b).messages() == ["第2行：无权导入「青城市市场监督管理局」的记录"]
    assert run([row()], leader).messages() == ["没有填报权限，不能导入"]
    assert run([row()], AnonymousUser()).messages() == ["没有填报权限，不能导入"]
    assert not LitigationCase.objects.exists()


def test_another_jurisdictions_office_cannot_import_the_citys_suits(tree, county_office):
    assert run([row()], county_office).messages() == ["第2行：无权导入「青城市市场监督管理局」的记录"]
    assert run([row(被告单位="青城县市场监督管理局")], county_office).ok


@pytest.mark.tasks
def test_the_upload_page_on_the_ladder(login, client, media, tree, clerk_a, clerk_b, leader):
    assert factories.post_import(login(leader), "litigation", xlsx([row()])).status_code == 403
    response = factories.post_import(client, "litigation", xlsx([row()]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ImportJob.objects.exists()
    factories.post_import(login(clerk_b), "litigation", xlsx([row()]))  # clerk B into unit A
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.FAILED and job.imported == 0
    assert job.errors[0]["text"] == "第2行：无权导入「青城市市场监督管理局」的记录"
    assert not LitigationCase.objects.exists()
    factories.post_import(login(clerk_a), "litigation", xlsx([row()]))
    assert LitigationCase.objects.get().defendant == tree.unit_a


def test_the_cli_on_the_ladder(tree, clerk_a, clerk_b, leader, tmp_path):
    f = tmp_path / "suits.xlsx"
    f.write_bytes(xlsx([row()]))
    for user, message in (
        ("clerk_b", "无权导入「青城市市场监督管理局」的记录"),
        ("leader", "没有填报权限，不能导入"),
    ):
        err = io.StringIO()
        with pytest.raises(CommandError, match="未写入任何记录"):
            call_command("import", "litigation", str(f), user=user, stdout=io.StringIO(), stderr=err)
        assert message in err.getvalue()
    assert not LitigationCase.objects.exists()
    call_command("import", "litigation", str(f), user="clerk_a", stdout=io.StringIO(), stderr=io.StringIO())
    assert LitigationCase.objects.count() == 1


def test_export_reimports_into_an_empty_database(tree, office):
    factories.judged_litigation(
        office,
        defendant=tree.unit_b,
        case_number="（2025）青01行初9号",
        complaint_received_on=D(2025, 4, 1),
        hearing=(D(2025, 5, 10), Appearance.DEPUTY),
        result=Result.CONFIRM_ILLEGAL,
        judged_on=D(2025, 6, 2),
    )
    rows = [
        row(案号="E1", 提交答辩日期=D(2025, 4, 10)),
        row(案号="E2", 审级="再审", 原告="某公司", 开庭日期=D(2025, 5, 6), 出庭情况="委托工作人员出庭", 出庭人员="科员小王",
            裁判结果="原告撤诉", 裁判日期=D(2025, 5, 20), 结案日期=D(2025, 5, 21)),
    ]  # fmt: skip
    assert run(rows, office).ok
    before = sorted(values(c) for c in LitigationCase.objects.all())
    hearings_before = sorted(
        CourtHearing.objects.values_list("case__case_number", "held_on", "appearance", "appearing_person")
    )
    data, count = export_bytes(office, "litigation")
    assert count == 3
    LitigationCase.objects.all().delete()
    result = import_file("litigation", data, user=office, filename="export.xlsx")
    assert result.ok, result.messages()
    assert sorted(values(c) for c in LitigationCase.objects.all()) == before
    hearings_after = sorted(
        CourtHearing.objects.values_list("case__case_number", "held_on", "appearance", "appearing_person")
    )
    assert hearings_after == hearings_before
