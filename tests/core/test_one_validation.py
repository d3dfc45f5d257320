"""One validation path per record type (issue 9 §3): the same bad record, entered through the services (the pages
and the API) or imported as a row, is refused on the same field with the same message: both call the app's
rules.validate."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from fazhi.core.importing import import_file
from fazhi.litigation import services as lit
from fazhi.litigation.choices import Appearance, Result
from fazhi.litigation.importers import LitigationImporter
from fazhi.reconsideration import services as recon
from fazhi.reconsideration.choices import Decision
from fazhi.reconsideration.importers import ReconsiderationImporter

D = date


def _xlsx(importer, rows: list[dict]) -> bytes:
    headers = [c.header for c in importer.columns]
    wb = Workbook()
    ws = wb.active
    ws.title = importer.sheet_name
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _header(importer, key: str) -> str:
    return next(c.header for c in importer.columns if c.key == key)


# -- 行政复议 ----------------------------------------------------------------------------------------------
RECON_BAD = [
    (
        {"accepted_on": D(2025, 3, 1)},
        "accepted_on",
        "受理日期（2025-03-01）不能早于收到申请日期（2025-03-03）",
    ),
    (
        {"rejected_on": D(2025, 3, 1)},
        "rejected_on",
        "不予受理日期（2025-03-01）不能早于收到申请日期（2025-03-03）",
    ),
    (
        {"correction_notice_on": D(2025, 3, 1)},
        "correction_notice_on",
        "补正通知送达日期（2025-03-01）不能早于收到申请日期（2025-03-03）",
    ),
    (
        {"correction_notice_on": D(2025, 3, 5), "correction_received_on": D(2025, 3, 4)},
        "correction_received_on",
        "收到补正材料日期（2025-03-04）不能早于补正通知送达日期（2025-03-05）",
    ),
    (
        {"correction_notice_on": D(2025, 3, 5), "closed_on": D(2025, 3, 10)},
        "closed_on",
        "补正期限 2025-03-19 尚未届满，不能视为放弃",
    ),
    (
        {"accepted_on": D(2025, 3, 7), "copy_received_on": D(2025, 3, 6)},
        "copy_received_on",
        "被申请人收到副本日期（2025-03-06）不能早于受理日期（2025-03-07）",
    ),
    (
        {"accepted_on": D(2025, 3, 7), "copy_received_on": D(2025, 3, 10), "replied_on": D(2025, 3, 9)},
        "replied_on",
        "答复日期（2025-03-09）不能早于被申请人收到副本日期（2025-03-10）",
    ),
    (
        {"accepted_on": D(2025, 3, 7), "extension_days": 10, "extension_approved_on": D(2025, 3, 6)},
        "extension_approved_on",
        "延期批准日期（2025-03-06）不能早于受理日期（2025-03-07）",
    ),
    (
        {"accepted_on": D(2025, 3, 7), "decision": Decision.UPHOLD, "decided_on": D(2025, 3, 5)},
        "decided_on",
        "决定日期（2025-03-05）不能早于受理日期（2025-03-07）",
    ),
    (
        {"accepted_on": D(2025, 3, 7), "decision": Decision.TERMINATE, "decided_on": D(2025, 4, 1)},
        "termination_reason",
        "决定终止的，应当写明终止原因（复议法第四十一条）。",
    ),
    (
        {
            "accepted_on": D(2025, 3, 7),
            "decision": Decision.UPHOLD,
            "decided_on": D(2025, 5, 6),
            "closed_on": D(2025, 5, 1),
        },
        "closed_on",
        "结案日期（2025-05-01）不能早于决定日期（2025-05-06）",
    ),
]


def _recon_through_services(t, actor, r: dict) -> None:
    """The record's steps, action by action, as a clerk would enter them on the case page."""
    case = recon.register_application(
        actor=actor, org=t.city, respondent=t.unit_a, received_on=D(2025, 3, 3),
        applicants=[{"name": "张三"}], act_type="penalty", act_description="罚款二千元的行政处罚决定",
    )  # fmt: skip
    if r.get("correction_notice_on"):
        case = recon.request_correction(
            case=case, actor=actor, notice_on=r["correction_notice_on"], items="补充材料"
        )
    if r.get("correction_received_on"):
        case = recon.receive_correction(case=case, actor=actor, received_on=r["correction_received_on"])
    if r.get("rejected_on"):
        case = recon.reject_application(
            case=case, actor=actor, rejected_on=r["rejected_on"], reason="超过申请期限"
        )
    if r.get("accepted_on"):
        case = recon.accept_case(case=case, actor=actor, accepted_on=r["accepted_on"])
    if r.get("copy_received_on"):
        case = recon.record_copy_served(case=case, actor=actor, received_on=r["copy_received_on"])
    if r.get("replied_on"):
        case = recon.record_reply(case=case, actor=actor, replied_on=r["replied_on"])
    if r.get("extension_days"):
        case = recon.extend_case(
            case=case,
            actor=actor,
            approved_on=r["extension_approved_on"],
            days=r["extension_days"],
            approver="赵主任",
        )
    if r.get("decision"):
        case = recon.decide_case(
            case=case, actor=actor, decision=r["decision"], decided_on=r["decided_on"],
            termination_reason=r.get("termination_reason", ""),
        )  # fmt: skip
    if r.get("closed_on"):
        if r.get("correction_notice_on") and not r.get("correction_received_on"):
            recon.mark_abandoned(case=case, actor=actor, on=r["closed_on"])
        else:
            recon.close_case(case=case, actor=actor, closed_on=r["closed_on"])


def _recon_row(r: dict) -> dict:
    row = {
        "复议机关": "青城市人民政府", "被申请人": "青城市市场监督管理局", "行为类别": "行政处罚",
        "被申请复议的行政行为": "罚款二千元的行政处罚决定", "申请人": "张三", "收到申请日期": D(2025, 3, 3),
    }  # fmt: skip
    for key, value in r.items():
        row[_header(ReconsiderationImporter, key)] = Decision(value).label if key == "decision" else value
    if r.get("extension_days"):
        row[_header(ReconsiderationImporter, "extension_approver")] = "赵主任"
    return row


@pytest.mark.parametrize(("record", "field", "message"), RECON_BAD)
def test_a_bad_reconsideration_record_gets_the_same_refusal_from_services_and_importer(
    tree, office, record, field, message
):
    with pytest.raises(ValidationError) as exc:
        _recon_through_services(tree, office, record)
    assert exc.value.message_dict == {field: [message]}

    result = import_file("reconsideration", _xlsx(ReconsiderationImporter, [_recon_row(record)]), user=office)
    assert result.messages() == [f"第2行「{_header(ReconsiderationImporter, field)}」：{message}"]


# -- 行政应诉 ----------------------------------------------------------------------------------------------
LIT_BAD = [
    ({"answered_on": D(2025, 3, 1)}, "answered_on", "提交答辩日期（2025-03-01）不能早于收到起诉状副本日期（2025-04-01）"),
    ({"hearing_on": D(2025, 3, 1), "appearance": Appearance.STAFF}, "held_on",
     "开庭日期（2025-03-01）不能早于收到起诉状副本日期（2025-04-01）"),
    ({"hearing_on": D(2025, 5, 1), "appearance": Appearance.HEAD}, "appearing_person", "负责人出庭的，请填写出庭负责人姓名"),
    ({"result": Result.REVOKE, "judged_on": D(2025, 3, 1)}, "judged_on",
     "裁判日期（2025-03-01）不能早于收到起诉状副本日期（2025-04-01）"),
    ({"hearing_on": D(2025, 6, 1), "appearance": Appearance.STAFF, "result": Result.REVOKE, "judged_on": D(2025, 5, 1)},
     "held_on", "开庭日期（2025-06-01）不能晚于裁判日期（2025-05-01）"),
    ({"result": Result.REVOKE, "judged_on": D(2025, 6, 1), "closed_on": D(2025, 5, 1)}, "closed_on",
     "结案日期（2025-05-01）不能早于裁判日期（2025-06-01）"),
]  # fmt: skip


def _lit_through_services(t, actor, r: dict) -> None:
    case = lit.register_case(
        actor=actor, defendant=t.unit_a, court="青城市中级人民法院", case_number="（2025）青01行初1号",
        plaintiff="李四", act_type="penalty", act_description="罚款决定", complaint_received_on=D(2025, 4, 1),
    )  # fmt: skip
    if r.get("answered_on"):
        case = lit.record_answer(case=case, actor=actor, answered_on=r["answered_on"])
    if r.get("hearing_on"):
        lit.record_hearing(case=case, actor=actor, held_on=r["hearing_on"], appearance=r["appearance"])
    if r.get("result"):
        case = lit.record_judgment(case=case, actor=actor, result=r["result"], judged_on=r["judged_on"])
    if r.get("closed_on"):
        lit.close_case(case=case, actor=actor, closed_on=r["closed_on"])


def _lit_row(r: dict) -> dict:
    row = {
        "受理法院": "青城市中级人民法院", "案号": "（2025）青01行初2号", "被告单位": "青城市市场监督管理局",
        "原告": "李四", "被诉行为类别": "行政处罚", "被诉行政行为": "罚款决定", "收到起诉状副本日期": D(2025, 4, 1),
    }  # fmt: skip
    labels = {"appearance": Appearance, "result": Result}
    for key, value in r.items():
        row[_header(LitigationImporter, key)] = labels[key](value).label if key in labels else value
    return row


@pytest.mark.parametrize(("record", "field", "message"), LIT_BAD)
def test_a_bad_litigation_record_gets_the_same_refusal_from_services_and_importer(
    tree, office, record, field, message
):
    with pytest.raises(ValidationError) as exc:
        _lit_through_services(tree, office, record)
    assert exc.value.message_dict == {field: [message]}

    result = import_file("litigation", _xlsx(LitigationImporter, [_lit_row(record)]), user=office)
    column = "hearing_on" if field == "held_on" else field  # the sheet's 开庭日期 is the hearing's held_on
    assert result.messages() == [f"第2行「{_header(LitigationImporter, column)}」：{message}"]
