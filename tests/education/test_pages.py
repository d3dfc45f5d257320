"""学法用法 pages, API and import: Chinese on screen, the same services behind each, all-or-nothing import."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import Workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.education import services
from fazhi.education.importers import EducationImporter
from fazhi.education.models import StudyListItem, StudySession
from tests import factories

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in EducationImporter.columns]


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_register_through_the_page_then_list_and_detail(client, tree, office):
    client.force_login(office)
    resp = client.post(
        "/education/new/",
        {
            "unit": tree.unit_a.pk,
            "kind": "court",
            "title": "旁听行政案件庭审",
            "held_on": "2025-06-03",
            "court": "青城市中级人民法院",
            "court_case": "李四诉市场监管局行政处罚案",
        },
    )
    s = StudySession.objects.get()
    assert resp.status_code == 302 and resp.url == f"/education/{s.pk}/"
    page = client.get(f"/education/{s.pk}/").content.decode()
    assert "旁听庭审" in page and "青城市中级人民法院" in page
    assert not re.search(r"\b(court|lecture|held|pre_meeting)\b", visible_text(page))
    listing = client.get("/education/?kind=court").content.decode()
    assert f'href="/education/{s.pk}/"' in listing


def test_a_refused_registration_says_why_in_chinese(client, tree, office):
    client.force_login(office)
    resp = client.post(
        "/education/new/", {"unit": tree.unit_a.pk, "kind": "court", "title": "旁听", "held_on": "2025-06-03"}
    )
    assert resp.status_code == 200 and "旁听庭审请填写旁听法院" in resp.content.decode()
    assert not StudySession.objects.exists()


def test_study_list_page(client, tree, office, clerk_b):
    client.force_login(office)
    resp = client.post(
        "/education/list/", {"org": tree.city.pk, "year": 2025, "law": "民法典", "audience": "全体领导干部"}
    )
    assert resp.status_code == 302
    assert "民法典" in client.get("/education/list/?year=2025").content.decode()
    client.force_login(clerk_b)
    assert "民法典" not in client.get("/education/list/?year=2025").content.decode()
    assert StudyListItem.objects.count() == 1


def test_api_register_and_action(client, tree, office):
    headers = {"Authorization": f"Bearer {factories.make_token(office).key}"}
    resp = client.post(
        "/api/education/cases",
        {"unit_id": tree.unit_a.pk, "kind": "exam", "title": "学法用法考试", "held_on": "2025-07-01"},
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    resp = client.post(
        f"/api/education/cases/{pk}/actions/scores",
        {"scores": "甲 90\n乙 40", "pass_mark": "60"},
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 200 and resp.json()["passed_count"] == 1


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "学法活动"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(**values) -> dict:
    base = {
        "组织单位": "青城市市场监督管理局",
        "形式": "法治专题讲座",
        "主题": "学习民法典",
        "举办日期": date(2025, 3, 1),
    }
    return {**base, "主讲人": "王伟", **values}


def test_import_writes_sessions_with_their_attendees(tree, office):
    result = import_file("education", xlsx([row(参加人员="李娜 副局长；张强 科长")]), user=office)
    assert result.ok, result.messages()
    s = StudySession.objects.get()
    assert (s.org, s.attendee_count) == (tree.city, 3)
    assert sorted(s.attendances.values_list("name", flat=True)) == ["张强", "李娜", "王伟"]


def test_a_bad_row_writes_nothing_and_names_row_field_reason(tree, office):
    result = import_file("education", xlsx([row(), row(形式="旁听庭审", 主讲人="")]), user=office)
    assert not result.ok
    text = "；".join(result.messages())
    assert "第3行" in text and "旁听法院" in text
    assert not StudySession.objects.exists()


def test_export_reimports(tree, office):
    services.register_session(
        actor=office,
        unit=tree.unit_a,
        kind="lecture",
        title="学习民法典",
        held_on=date(2025, 3, 1),
        speaker="王伟",
    )
    data, count = export_bytes(office, "education")
    assert count == 1
    StudySession.objects.all().delete()
    result = import_file("education", data, user=office)
    assert result.ok, result.messages()
    assert StudySession.objects.get().attendee_count == 1


def test_edit_and_void_through_the_kit(client, tree, clerk_a, clerk_b):
    s = services.register_session(
        actor=clerk_a,
        unit=tree.unit_a,
        kind="lecture",
        title="学习民法典",
        held_on=date(2025, 3, 1),
        speaker="王伟",
    )
    client.force_login(clerk_a)
    resp = client.post(
        f"/education/{s.pk}/edit/",
        {"title": "学习民法典合同编", "speaker": "王伟", "reason": "主题登记不全", "version": s.version},
    )
    s.refresh_from_db()
    assert resp.status_code == 302 and s.title == "学习民法典合同编"
    client.force_login(clerk_b)
    assert client.post(f"/education/{s.pk}/void/", {"reason": "重复登记"}).status_code == 404
    client.force_login(clerk_a)
    client.post(f"/education/{s.pk}/void/", {"reason": "重复登记", "version": s.version})
    assert not StudySession.objects.filter(pk=s.pk).exists()
