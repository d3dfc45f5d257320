"""依申请公开 pages, report downloads and import."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.importing import import_file
from fazhi.disclosure.importers import DisclosureImporter
from fazhi.disclosure.models import Application

pytestmark = pytest.mark.django_db


def test_register_answer_through_pages(client, tree, office):
    client.force_login(office)
    resp = client.post(
        "/disclosure/new/",
        {
            "unit": tree.unit_a.pk,
            "applicant": "赵六",
            "applicant_class": "person",
            "content": "申请公开抽检结果",
            "form": "electronic",
            "channel": "post",
            "received_on": "2025-09-22",
        },
    )
    a = Application.objects.get()
    assert resp.status_code == 302
    page = client.get(f"/disclosure/{a.pk}/").content.decode()
    assert "2025-10-24" in page and "第三十三条" in page
    client.post(f"/disclosure/{a.pk}/action/answer/", {"answer": "disclosed", "answered_on": "2025-10-10"})
    a.refresh_from_db()
    assert a.on_time is True
    assert "予以公开" in client.get("/disclosure/?answer=disclosed").content.decode()


def test_report_page_and_downloads(client, tree, office, clerk_b):
    client.force_login(office)
    page = client.get(f"/disclosure/report/?org={tree.city.pk}&year=2025")
    assert page.status_code == 200 and "收到和处理政府信息公开申请情况" in page.content.decode()
    xlsx = client.get(f"/disclosure/report/?org={tree.city.pk}&year=2025&format=xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws["B4"].value == "一、本年新收政府信息公开申请数量"
    docx = client.get(f"/disclosure/report/?org={tree.city.pk}&year=2025&format=docx")
    assert docx.content[:2] == b"PK"
    client.force_login(clerk_b)
    assert client.get(f"/disclosure/report/?org={tree.city.pk}&year=2025").status_code == 403


def xlsx(rows):
    headers = [c.header for c in DisclosureImporter.columns]
    wb = Workbook()
    ws = wb.active
    ws.title = "依申请公开"
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_computes_the_clock_and_is_all_or_nothing(tree, office):
    good = {
        "受理机关": "青城市市场监督管理局",
        "申请人": "赵六",
        "申请人类别": "自然人",
        "申请公开的政府信息": "抽检结果",
        "申请渠道": "邮寄",
        "收到申请日期": date(2025, 9, 22),
        "答复日期": date(2025, 10, 27),
        "办理结果": "予以公开",
    }
    bad = {**good, "延长工作日数": 30}
    result = import_file("disclosure", xlsx([good, bad]), user=office)
    assert not result.ok and "第3行" in "；".join(result.messages())
    assert not Application.objects.exists()
    assert import_file("disclosure", xlsx([good]), user=office).ok
    a = Application.objects.get()
    assert (a.due_on, a.on_time, a.status) == (date(2025, 10, 24), False, "answered")
