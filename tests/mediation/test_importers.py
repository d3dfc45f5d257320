"""矛盾纠纷 import and export: derived fields as the services derive them, all or nothing, Chinese errors."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.mediation.choices import EventKind, Status
from fazhi.mediation.importers import MediationImporter
from fazhi.mediation.models import Dispute
from tests.mediation import factories

HEADERS = [c.header for c in MediationImporter.columns]
D = date
pytestmark = pytest.mark.django_db


def row(**values) -> dict:
    base = {
        "调处单位": "青城市市场监督管理局",
        "调解组织": "某村人民调解委员会",
        "纠纷来源": "排查发现",
        "纠纷类型": "邻里纠纷",
        "当事人": "张三、李四",
        "纠纷简要情况": "通行纠纷",
        "登记日期": D(2025, 8, 25),
    }
    base.update(values)
    return base


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "矛盾纠纷"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_imported_dispute_has_the_services_derived_fields(tree, office):
    by_service = factories.resolved(office, unit=tree.unit_a, concluded_on=D(2025, 9, 1))
    result = import_file(
        "mediation",
        xlsx(
            [
                row(
                    调解结果="达成书面调解协议",
                    调解终结日期=D(2025, 9, 1),
                    协议内容="让出通道",
                    协议生效日期=D(2025, 9, 1),
                    申请司法确认日期=D(2025, 10, 9),
                    受理法院="青城市人民法院",
                )
            ]
        ),
        user=office,
    )
    assert result.ok, result.messages()
    d = Dispute.objects.exclude(pk=by_service.pk).get()
    assert (d.org, d.status, d.confirmation_due) == (tree.city, Status.RESOLVED, by_service.confirmation_due)
    assert d.handling_due == D(2025, 9, 24)
    assert d.number == "青城市调〔2025〕2号"
    assert [e.kind for e in d.events.all()] == [EventKind.REGISTERED, EventKind.CONCLUDED, EventKind.APPLIED]


def test_a_bad_row_writes_nothing_and_names_row_field_and_reason(tree, office, clerk_b):
    rows = [
        row(),
        row(调解结果="调解不成", 调解终结日期=D(2025, 9, 1)),
        row(
            调解结果="达成口头协议",
            调解终结日期=D(2025, 9, 1),
            协议内容="口头约定",
            申请司法确认日期=D(2025, 10, 10),
            受理法院="青城市人民法院",
        ),
        row(纠纷类型="吵架"),
    ]
    result = import_file("mediation", xlsx(rows), user=office)
    assert not result.ok
    messages = result.messages()
    assert messages[0].startswith("第3行「已告知其他救济途径」：调解不成的，应当终止调解")
    assert messages[1].startswith(
        "第4行「申请司法确认日期」：申请司法确认应当自调解协议生效之日起三十日内提出"
    )
    assert messages[2].startswith("第5行「纠纷类型」")
    assert not Dispute.objects.exists()
    # Another unit's clerk may not import unit A's disputes.
    result = import_file("mediation", xlsx([row()]), user=clerk_b)
    assert result.messages() == ["第2行：无权导入「青城市市场监督管理局」的记录"]


def test_export_reimports(tree, office):
    factories.resolved(office, unit=tree.unit_a, concluded_on=D(2025, 9, 1))
    data, count = export_bytes(office, "mediation")
    assert count == 1
    ws = load_workbook(io.BytesIO(data))["矛盾纠纷"]
    assert [c.value for c in ws[1]][: len(HEADERS)] == HEADERS
    Dispute.objects.all().delete()
    assert import_file("mediation", data, user=office).ok
    assert Dispute.objects.get().status == Status.RESOLVED
