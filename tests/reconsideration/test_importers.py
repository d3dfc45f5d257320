"""行政复议 import and export (fazhi.reconsideration.importers): an imported historical case is the case the
services would have produced from the same dates — status, number, due dates, applicants, timeline,
history — and a row the services would refuse is refused with the row, the column and the reason."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.core.models import ImportJob
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import ApplicantKind, Decision, EventKind, Status
from fazhi.reconsideration.importers import ReconsiderationImporter
from fazhi.reconsideration.models import Applicant, CaseEvent, ReconsiderationCase
from tests import factories

HEADERS = [c.header for c in ReconsiderationImporter.columns]
D = date
COMPARED = [
    "org_id", "respondent_id", "year", "seq", "number", "act_type", "act_field", "act_description", "channel",
    "applicant_summary", "procedure", "status", "received_on", "correction_notice_on", "correction_received_on",
    "accepted_on", "rejected_on", "copy_received_on", "replied_on", "extension_days", "extension_approved_on",
    "extension_approver", "decision", "termination_reason", "decided_on", "closed_on", "decision_note",
    "acceptance_due", "correction_due", "reply_due", "decision_due", "next_due",
]  # fmt: skip
DUES = ["status", "acceptance_due", "correction_due", "reply_due", "decision_due", "next_due"]


def row(**values) -> dict:
    base = {
        "复议机关": "青城市人民政府",
        "被申请人": "青城市市场监督管理局",
        "行为类别": "行政处罚",
        "被申请复议的行政行为": "罚款二千元的行政处罚决定",
        "申请人": "张三",
        "收到申请日期": D(2025, 3, 3),
    }
    base.update(values)
    return base


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "复议案件"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def run(rows, user):
    return import_file("reconsideration", xlsx(rows), user=user)


def values(case, fields=COMPARED):
    return {f: getattr(case, f) for f in fields}


# -- derived fields are the services' ------------------------------------------------------------------


def test_due_dates_and_status_are_those_of_the_services(tree, office):
    t = tree
    # Through the services: received, under review (acceptance clock running).
    received = factories.register_case(office, org=t.city, respondent=t.unit_a, received_on=D(2025, 3, 3))
    # Accepted, copy served: reply and decision clocks running.
    hearing = factories.accepted_case(
        office, org=t.city, respondent=t.unit_a, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 7)
    )
    services.record_copy_served(case=hearing, actor=office, received_on=D(2025, 3, 10))
    # 补正: notice served, materials not yet in.
    correction = factories.register_case(office, org=t.city, respondent=t.unit_a, received_on=D(2025, 3, 3))
    services.request_correction(case=correction, actor=office, notice_on=D(2025, 3, 5), items="身份证明")
    # Extended by 30 days (ordinary procedure).
    extended = factories.accepted_case(
        office, org=t.city, respondent=t.unit_a, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 7)
    )
    services.extend_case(case=extended, actor=office, approved_on=D(2025, 4, 30), days=30, approver="赵主任")
    # 简易程序, accepted after 补正.
    simple = factories.register_case(
        office, org=t.city, respondent=t.unit_a, received_on=D(2025, 3, 3), procedure="simplified"
    )
    services.request_correction(case=simple, actor=office, notice_on=D(2025, 3, 4), items="申请书")
    services.receive_correction(case=simple, actor=office, received_on=D(2025, 3, 12))
    services.accept_case(case=simple, actor=office, accepted_on=D(2025, 3, 14))

    rows = [
        row(),
        row(受理日期=D(2025, 3, 7), 被申请人收到副本日期=D(2025, 3, 10)),
        row(补正通知送达日期=D(2025, 3, 5)),
        row(受理日期=D(2025, 3, 7), 延长天数=30, 延期批准日期=D(2025, 4, 30), 延期批准人="赵主任"),
        row(
            审理程序="简易程序",
            补正通知送达日期=D(2025, 3, 4),
            收到补正材料日期=D(2025, 3, 12),
            受理日期=D(2025, 3, 14),
        ),
    ]
    result = run(rows, office)
    assert result.ok, result.messages()
    imported_ids = ReconsiderationCase.history.filter(history_change_reason="导入").values("id")
    imported = list(ReconsiderationCase.objects.filter(id__in=imported_ids).order_by("id"))
    for by_service, by_import in zip(
        (received, hearing, correction, extended, simple), imported, strict=True
    ):
        by_service.refresh_from_db()
        assert values(by_import, DUES) == values(by_service, DUES)
    assert imported[0].next_due is not None and imported[1].reply_due is not None


def test_final_state_follows_from_the_dates(tree, office):
    rows = [
        row(申请人="待审查"),
        row(申请人="补正中", 补正通知送达日期=D(2025, 3, 5)),
        row(申请人="视为放弃", 补正通知送达日期=D(2025, 3, 5), 结案日期=D(2025, 4, 30)),
        row(申请人="不予受理", 不予受理日期=D(2025, 3, 7)),
        row(申请人="审理中", 受理日期=D(2025, 3, 7)),
        row(申请人="已决定", 受理日期=D(2025, 3, 7), 复议决定="撤销", 决定日期=D(2025, 5, 6)),
        row(
            申请人="已结案",
            受理日期=D(2025, 3, 7),
            复议决定="维持",
            决定日期=D(2025, 5, 6),
            结案日期=D(2025, 5, 20),
        ),
        row(
            申请人="终止",
            受理日期=D(2025, 3, 7),
            复议决定="终止",
            终止原因="申请人撤回申请",
            决定日期=D(2025, 4, 1),
        ),
    ]
    result = run(rows, office)
    assert result.ok, result.messages()
    got = dict(ReconsiderationCase.objects.values_list("applicant_summary", "status"))
    assert got == {
        "待审查": Status.RECEIVED,
        "补正中": Status.CORRECTION,
        "视为放弃": Status.ABANDONED,
        "不予受理": Status.REJECTED,
        "审理中": Status.HEARING,
        "已决定": Status.DECIDED,
        "已结案": Status.CLOSED,
        "终止": Status.DECIDED,
    }
    rejected = ReconsiderationCase.objects.get(applicant_summary="不予受理")
    assert rejected.closed_on == D(2025, 3, 7)  # as services.reject_application sets it
    closed = ReconsiderationCase.objects.get(applicant_summary="已结案")
    assert (closed.decision, closed.next_due, closed.decision_due) == (Decision.UPHOLD, None, None)


def test_numbers_continue_the_office_sequence_and_given_numbers_keep_theirs(tree, office):
    factories.register_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 6)
    )  # 〔2025〕1号
    rows = [
        row(申请人="甲"),  # numbered on import
        row(申请人="乙", 案号="青府复〔2025〕2号"),  # claims seq 2, so 甲 gets 3
        row(申请人="丙", 案号="旧编号-17"),  # kept as given; seq allocated
        row(申请人="丁", 复议机关="青城县人民政府", 被申请人="青城县市场监督管理局"),
        row(申请人="戊", 收到申请日期=D(2024, 12, 30)),
    ]
    result = run(rows, office)
    assert result.ok, result.messages()
    got = {c.applicant_summary: (c.number, c.year, c.seq) for c in ReconsiderationCase.objects.all()}
    assert got["乙"] == ("青府复〔2025〕2号", 2025, 2)
    assert got["甲"] == ("青府复〔2025〕3号", 2025, 3)
    assert got["丙"] == ("旧编号-17", 2025, 4)
    assert got["丁"] == ("青县府复〔2025〕1号", 2025, 1)
    assert got["戊"] == ("青府复〔2024〕1号", 2024, 1)


def test_applicants_timeline_and_history_name_the_importer(tree, office):
    rows = [
        row(
            申请人="甲公司、乙公司",
            申请人类型="法人",
            受理日期=D(2025, 3, 7),
            被申请人收到副本日期=D(2025, 3, 10),
            答复日期=D(2025, 3, 20),
            复议决定="确认违法",
            决定日期=D(2025, 5, 6),
            结案日期=D(2025, 5, 20),
        )
    ]
    assert run(rows, office).ok
    case = ReconsiderationCase.objects.get()
    assert case.created_by == office
    assert [(a.name, a.kind) for a in case.applicants.order_by("id")] == [
        ("甲公司", ApplicantKind.LEGAL),
        ("乙公司", ApplicantKind.LEGAL),
    ]
    assert [(e.kind, e.on) for e in CaseEvent.objects.filter(case=case)] == [
        (EventKind.RECEIVED, D(2025, 3, 3)),
        (EventKind.ACCEPTED, D(2025, 3, 7)),
        (EventKind.COPY_SERVED, D(2025, 3, 10)),
        (EventKind.REPLIED, D(2025, 3, 20)),
        (EventKind.DECIDED, D(2025, 5, 6)),
        (EventKind.CLOSED, D(2025, 5, 20)),
    ]
    assert set(CaseEvent.objects.values_list("actor", flat=True)) == {office.pk}
    h = case.history.get()
    assert (h.history_type, h.history_user, h.history_change_reason, h.status, h.number) == (
        "+",
        office,
        "导入",
        Status.CLOSED,
        "青府复〔2025〕1号",
    )
    assert (
        Applicant.history.filter(case_id=case.pk, history_user=office, history_change_reason="导入").count()
        == 2
    )


# -- rows the services would refuse --------------------------------------------------------------------


def test_incoherent_rows_are_refused_with_row_column_and_reason(tree, office):
    rows = [
        row(受理日期=D(2025, 3, 7), 复议决定="维持", 决定日期=D(2025, 3, 5)),
        row(复议决定="维持", 决定日期=D(2025, 5, 6)),
        row(受理日期=D(2025, 3, 7), 复议决定="终止", 决定日期=D(2025, 4, 1)),
        row(受理日期=D(2025, 3, 7), 结案日期=D(2025, 5, 20)),
        row(审理程序="简易程序", 受理日期=D(2025, 3, 7), 延长天数=10, 延期批准人="赵主任"),
        row(受理日期=D(2025, 3, 7), 不予受理日期=D(2025, 3, 7)),
        row(复议机关="青城市公安局"),
        row(补正通知送达日期=D(2025, 3, 5), 结案日期=D(2025, 3, 10)),
        row(受理日期=D(2025, 3, 1)),
        row(延长天数=31),
        row(补正通知送达日期=D(2025, 3, 5), 受理日期=D(2025, 3, 7)),
    ]
    result = run(rows, office)
    assert result.messages() == [
        "第2行「决定日期」：决定日期（2025-03-05）不能早于受理日期（2025-03-07）",
        "第3行「受理日期」：作出复议决定的案件应当已受理，请填写受理日期",
        "第4行「终止原因」：决定终止的，应当写明终止原因（复议法第四十一条）。",
        "第5行「结案日期」：已受理的案件应先作出复议决定才能结案，请填写复议决定和决定日期",
        "第6行「延长天数」：适用简易程序的案件不能延期（复议法第六十二条第二款）",
        "第7行「不予受理日期」：同一案件不能既受理又不予受理",
        "第8行「复议机关」：复议机关应为一级人民政府（行政区划），「青城市公安局」是单位",
        "第9行「结案日期」：补正期限 2025-03-19 尚未届满，不能视为放弃",
        "第10行「受理日期」：受理日期（2025-03-01）不能早于收到申请日期（2025-03-03）",
        "第11行「延长天数」：应在0至30之间，现为31",
        "第12行「收到补正材料日期」：通知补正后未收到补正材料的申请不能受理，请填写收到补正材料日期",
    ]
    assert not ReconsiderationCase.objects.exists()


# -- permissions ---------------------------------------------------------------------------------------


# The import rungs of the permission ladder: an import obeys exactly the check of register_application
# (write access to the 复议机关 and a casework role), through import_file, the upload page and the CLI.

REFUSED_ROLE = "只有法治办或复议人员可以导入复议案件"


def test_a_clerk_cannot_import_even_as_the_respondent(tree, clerk_a, office):
    # The attack: clerk_a may write unit A (the 被申请人) but not the 复议机关; the row must not consume
    # the body's case numbers.
    assert run([row()], clerk_a).messages() == [REFUSED_ROLE]
    assert not ReconsiderationCase.objects.exists()
    case = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, 3))
    assert case.seq == 1


def test_a_clerk_of_another_unit_and_a_leader_cannot_import(tree, clerk_b, leader):
    assert run([row()], clerk_b).messages() == [REFUSED_ROLE]
    assert run([row()], leader).messages() == ["没有填报权限，不能导入"]
    assert not ReconsiderationCase.objects.exists()


def test_anonymous_cannot_import(tree):
    from django.contrib.auth.models import AnonymousUser

    assert run([row()], AnonymousUser()).messages() == ["没有填报权限，不能导入"]
    assert not ReconsiderationCase.objects.exists()


def test_another_jurisdictions_office_cannot_import_into_this_body(tree, county_office):
    assert run([row()], county_office).messages() == [
        "第2行：无权导入「青城市人民政府」的记录：无权办理该复议机关的案件"
    ]
    assert not ReconsiderationCase.objects.exists()
    assert run([row(复议机关="青城县人民政府", 被申请人="青城县市场监督管理局")], county_office).ok


def test_office_and_reviewer_import(tree, office, reviewer):
    assert run([row(申请人="甲")], office).ok
    assert run([row(申请人="乙", 被申请人="青城市公安局")], reviewer).ok
    assert ReconsiderationCase.objects.count() == 2


@pytest.mark.tasks
def test_the_upload_page_on_the_ladder(
    login, client, media, tree, office, clerk_a, clerk_b, leader, county_office
):
    for user in (clerk_a, clerk_b, leader):
        assert factories.post_import(login(user), "reconsideration", xlsx([row()])).status_code == 403
    response = factories.post_import(client, "reconsideration", xlsx([row()]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ImportJob.objects.exists() and not ReconsiderationCase.objects.exists()
    factories.post_import(login(county_office), "reconsideration", xlsx([row()]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.FAILED and job.imported == 0
    assert job.errors[0]["text"] == "第2行：无权导入「青城市人民政府」的记录：无权办理该复议机关的案件"
    assert not ReconsiderationCase.objects.exists()
    factories.post_import(login(office), "reconsideration", xlsx([row()]))
    assert ReconsiderationCase.objects.count() == 1


def test_the_cli_on_the_ladder(tree, clerk_a, leader, county_office, office, tmp_path):
    f = tmp_path / "cases.xlsx"
    f.write_bytes(xlsx([row()]))
    for user, message in (
        ("clerk_a", REFUSED_ROLE),
        ("leader", "没有填报权限，不能导入"),
        ("county_office", "无权导入「青城市人民政府」的记录"),
    ):
        err = io.StringIO()
        with pytest.raises(CommandError, match="未写入任何记录"):
            call_command("import", "reconsideration", str(f), user=user, stdout=io.StringIO(), stderr=err)
        assert message in err.getvalue()
    assert not ReconsiderationCase.objects.exists()
    call_command(
        "import", "reconsideration", str(f), user="office", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert ReconsiderationCase.objects.count() == 1


# -- export --------------------------------------------------------------------------------------------


def sheet_rows(data: bytes) -> list[list]:
    return [[c.value for c in r] for r in load_workbook(io.BytesIO(data))["复议案件"].iter_rows()]


def test_a_clerk_exports_only_the_own_unit(tree, office, clerk_a, clerk_b):
    rows = [row(申请人="甲"), row(申请人="乙", 被申请人="青城市公安局")]
    assert run(rows, office).ok
    data, count = export_bytes(clerk_a, "reconsideration")
    assert count == 1 and [r[7] for r in sheet_rows(data)[1:]] == ["甲"]
    data, count = export_bytes(clerk_b, "reconsideration")
    assert count == 1 and [r[7] for r in sheet_rows(data)[1:]] == ["乙"]
    assert export_bytes(office, "reconsideration")[1] == 2


def test_export_reimports_into_an_empty_database(tree, office):
    # Cases made both ways: through the services and by import; 管理领域 and 申请渠道 from the 字典 (stored by code).
    from fazhi.demo.city import load_dictionaries

    load_dictionaries()
    t = tree
    factories.decided_case(
        office,
        org=t.city,
        respondent=t.unit_b,
        received_on=D(2025, 2, 3),
        decided_on=D(2025, 3, 28),
        decision="revoke",
    )
    rows = [
        row(申请人="甲、乙", 申请人类型="其他组织", 管理领域="市场监管", 申请渠道="邮寄"),
        row(申请人="丙", 补正通知送达日期=D(2025, 3, 5), 收到补正材料日期=D(2025, 3, 10), 不予受理日期=D(2025, 3, 12)),
        row(申请人="丁", 补正通知送达日期=D(2025, 3, 5), 结案日期=D(2025, 4, 30)),
        row(申请人="戊", 受理日期=D(2025, 3, 7), 延长天数=15, 延期批准日期=D(2025, 4, 30), 延期批准人="赵主任",
            被申请人收到副本日期=D(2025, 3, 10), 答复日期=D(2025, 3, 18)),
        row(申请人="己", 复议机关="990121", 被申请人="990121A", 审理程序="简易程序", 受理日期=D(2025, 3, 4),
            复议决定="终止", 终止原因="达成和解撤回申请", 决定日期=D(2025, 3, 20), 结案日期=D(2025, 3, 21), 决定要旨="和解"),
    ]  # fmt: skip
    assert run(rows, office).ok
    before = sorted(tuple(values(c).values()) for c in ReconsiderationCase.objects.all())
    applicants_before = sorted(Applicant.objects.values_list("case__number", "name", "kind"))
    data, count = export_bytes(office, "reconsideration")
    assert count == 6
    ReconsiderationCase.objects.all().delete()

    result = import_file("reconsideration", data, user=office, filename="export.xlsx")
    assert result.ok, result.messages()
    after = sorted(tuple(values(c).values()) for c in ReconsiderationCase.objects.all())
    assert after == before
    assert sorted(Applicant.objects.values_list("case__number", "name", "kind")) == applicants_before


def test_a_case_numbered_while_the_import_runs_does_not_make_it_fail(tree, office, monkeypatch):
    """The import numbers its rows while validating, before it writes; a case registered in between (the API, a
    page, another import: found by scripts/multiprocess-test, where 34 of 41 imports failed on the unique
    org-year-seq) takes a number the import had planned. Writing, the import holds the sequence and numbers its
    rows after every case registered meanwhile; a number given in the file that a new case took refuses the
    whole import with the number named."""
    factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 6))  # 1号
    write = ReconsiderationImporter.write
    meanwhile: list[ReconsiderationCase] = []

    def register_first(self, built, *, progress):
        meanwhile.append(
            factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 2, 3))
        )
        return write(self, built, progress=progress)

    monkeypatch.setattr(ReconsiderationImporter, "write", register_first)
    result = run([row(申请人="甲"), row(申请人="乙")], office)
    assert result.ok, result.messages()
    assert meanwhile[0].number == "青府复〔2025〕2号"  # planned for 甲 while validating
    got = {c.applicant_summary: (c.number, c.seq) for c in ReconsiderationCase.objects.filter(year=2025)}
    assert got["甲"] == ("青府复〔2025〕3号", 3)  # after the case registered meanwhile
    assert got["乙"] == ("青府复〔2025〕4号", 4)
    # the office's next case continues after the import
    nxt = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 4, 1))
    assert nxt.number == "青府复〔2025〕5号"

    # a number the file gives, taken meanwhile: nothing is imported, and the number is named
    meanwhile.clear()
    result = run([row(申请人="己", 案号="青府复〔2025〕6号"), row(申请人="庚")], office)
    assert meanwhile[0].number == "青府复〔2025〕6号"
    assert not result.ok and "青府复〔2025〕6号" in " ".join(result.messages()), result.messages()
    # nothing of the file (the case registered meanwhile is rolled back with it here only because this test
    # registers it inside the import's transaction on PostgreSQL)
    assert not ReconsiderationCase.objects.filter(applicant_summary__in=["己", "庚"]).exists()
