"""行政规范性文件 import and export: derived fields as the services derive them, all or nothing, the writer's scope."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from fazhi.core.importing import import_file
from fazhi.normative.choices import Status
from fazhi.normative.importers import NormativeImporter
from fazhi.normative.models import NormativeDocument, NormativeEvent

from . import factories as f

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in NormativeImporter.columns]
D = date


def row(**values) -> dict:
    base = {
        "统一登记编号": "青城市规〔2024〕1号",
        "文件名称": "青城市城市供热管理办法",
        "制定机关": "青城市人民政府",
        "发文字号": "青政规〔2024〕1号",
        "合法性审核编号": "青法审〔2024〕3号",
        "登记日期": D(2025, 9, 1),
        "公布日期": D(2025, 9, 16),
        "施行日期": D(2025, 9, 16),
    }
    base.update(values)
    return base


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "规范性文件"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def run(rows, user):
    return import_file("normative", xlsx(rows), user=user)


def test_derived_fields_are_those_of_the_services(tree, office):
    by_service = f.published(office, issuer=tree.city)
    result = run([row(报人大常委会备案日期=D(2025, 10, 20), 报政府备案日期=D(2025, 9, 30))], office)
    assert result.ok, result.messages()
    doc = NormativeDocument.objects.get(registration_number="青城市规〔2024〕1号")
    for field in (
        "org_id",
        "filed_to_id",
        "congress_due",
        "government_due",
        "expires_on",
        "validity_years",
        "status",
    ):
        assert getattr(doc, field) == getattr(by_service, field), field
    assert doc.filed_on_time is False  # congress filing after Thu 10/16
    assert NormativeEvent.objects.filter(case=doc).count() == 4
    assert doc.history.first().history_change_reason == "导入"


def test_status_follows_the_dates(tree, office):
    rows = [
        row(统一登记编号="N1", 公布日期=None, 施行日期=None, 发文字号=None),
        row(统一登记编号="N2", 清理结果="废止", 清理结果公布日期=D(2025, 12, 1)),
        row(统一登记编号="N3", 公布日期=D(2019, 3, 1), 登记日期=D(2019, 2, 1), 施行日期=D(2019, 3, 1)),
    ]
    result = run(rows, office)
    assert result.ok, result.messages()
    status = dict(NormativeDocument.objects.values_list("registration_number", "status"))
    assert status == {"N1": Status.REGISTERED, "N2": Status.REPEALED, "N3": Status.EXPIRED}


def test_a_bad_row_writes_nothing_and_names_row_field_reason(tree, office):
    rows = [row(统一登记编号="N1"), row(统一登记编号="N2", 合法性审核编号=None)]
    result = run(rows, office)
    assert not result.ok
    assert NormativeDocument.objects.count() == 0
    text = "；".join(result.messages())
    assert "第3行" in text and "合法性审核" in text and "未经合法性审核" in text


def test_another_units_issuer_is_refused_and_nothing_written(tree, clerk_a):
    rows = [
        row(统一登记编号="N1", 制定机关="青城市市场监督管理局"),
        row(统一登记编号="N2", 制定机关="青城市公安局"),
    ]
    result = run(rows, clerk_a)
    assert not result.ok
    assert "无权导入「青城市公安局」" in "；".join(result.messages())
    assert NormativeDocument.objects.count() == 0


def test_duplicate_numbers_are_refused(tree, office):
    f.document(office, issuer=tree.city)  # 青城市规〔2025〕1号
    result = run(
        [row(统一登记编号="青城市规〔2025〕1号"), row(统一登记编号="X"), row(统一登记编号="X")], office
    )
    text = "；".join(result.messages())
    assert "已被使用" in text and "与第3行重复" in text


# -- 地方政府规章 in the import: the checks of the form --------------------------------------------------------------
def rule_row(**values) -> dict:
    # published Tue 2025-09-16: in force from Fri 10/17 at the earliest (规章制定程序条例 第三十二条)
    return row(
        **{
            "统一登记编号": "青城市规章〔2025〕1号",
            "文件名称": "青城市物业管理办法",
            "文件类型": "地方政府规章",
            "发文字号": "青城市人民政府令第12号",
            "施行日期": D(2025, 10, 17),
            "报国务院备案日期": D(2025, 10, 10),
            "报人大常委会备案日期": D(2025, 10, 10),
            "报省级人大常委会备案日期": D(2025, 10, 17),
        }
        | values
    )


def test_a_rule_row_is_imported_with_its_filings(tree, office):
    result = run([rule_row()], office)
    assert result.ok, result.messages()
    doc = NormativeDocument.objects.get()
    assert doc.kind == "rule" and doc.effective_earliest == D(2025, 10, 17)
    # 立法法 第一百零九条: day 30 = Thu 10/16 for all four filings
    assert doc.state_council_due == doc.province_congress_due == doc.government_due == D(2025, 10, 16)
    assert doc.filed_on_time is None  # the province's government not yet
    assert NormativeEvent.objects.filter(case=doc, kind="filed").count() == 3


def test_a_rule_row_obeys_the_checks_of_the_form(tree, office):
    rows = [
        rule_row(统一登记编号="R1", 制定机关="青城县人民政府"),
        rule_row(统一登记编号="R2", 制定机关="青城市市场监督管理局"),
        rule_row(统一登记编号="R3", 施行日期=D(2025, 10, 16)),
        rule_row(统一登记编号="R4", 施行日期=D(2025, 9, 16), 自公布之日起施行的情形="涉及国家安全"),
        row(统一登记编号="R5", 报国务院备案日期=D(2025, 10, 1)),
    ]
    result = run(rows, office)
    assert not result.ok
    assert NormativeDocument.objects.count() == 0
    text = "；".join(result.messages())
    assert "第2行" in text and "青城县人民政府不具有规章制定权" in text and "第九十三条第一款" in text
    assert "第3行" in text and "地方政府规章由本级人民政府制定" in text
    assert "第4行" in text and "第三十二条" in text and "最早2025-10-17" in text
    assert "第5行" in text and "请写明提前施行的理由" in text
    assert "第6行" in text and "该文件不报国务院备案" in text


def test_a_rule_in_force_at_once_with_its_case_and_reason(tree, office):
    reason = "公布后不立即施行将有碍规章施行"
    result = run(
        [rule_row(施行日期=D(2025, 9, 16), 自公布之日起施行的情形=reason, 提前施行理由="汛期在即")], office
    )
    assert result.ok, result.messages()
    doc = NormativeDocument.objects.get()
    assert doc.effective_exception == "hindrance" and doc.effective_on == D(2025, 9, 16)


def test_a_rule_row_has_no_validity_unless_it_states_one(tree, office):
    # 规章制定程序条例 has no 有效期 (a 规章 is not a 行政规范性文件): blank means none, a stated one has no 5-year cap
    result = run(
        [
            rule_row(),
            rule_row(
                统一登记编号="青城市规章〔2025〕2号", 发文字号="青城市人民政府令第13号", **{"有效期（年）": 8}
            ),
        ],
        office,
    )
    assert result.ok, result.messages()
    first, second = NormativeDocument.objects.order_by("registration_number")
    assert first.validity_years is None and first.expires_on is None
    assert second.validity_years == 8 and second.expires_on == D(2033, 10, 16)
