"""Public comments on a draft through the API (list, one, 审核, 答复, a comment received offline), the
意见采纳情况说明 workbook, and the import of comments received offline (all-or-nothing, Chinese row errors).
The contact is masked for a role without personal.view_full; a unit's clerk sees only its unit's decisions."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.importing import import_file
from fazhi.decisions import services
from fazhi.decisions.choices import CommentAnswer, CommentChannel, CommentStatus
from fazhi.decisions.importers import OfflineCommentImporter
from fazhi.decisions.models import PublicComment
from tests import factories as core_factories

from . import factories as f

pytestmark = pytest.mark.django_db
D = date


def bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {core_factories.make_token(user).key}"}


@pytest.fixture
def draft(tree, office):
    d = f.open_for_comment(office, sponsor=tree.unit_a)
    third = d.clauses.get(heading="第三条")
    c = services.submit_comment(
        decision=d, clause_id=third.pk, text="建议低保家庭之外的困难家庭也免予调整。", name="李四",
        contact="13812345678", today=D(2025, 3, 10),
    )  # fmt: skip
    return d, third, c


def test_api_lists_and_shows_comments_masked_for_a_clerk(client, draft, office, clerk_a, clerk_b):
    d, third, c = draft
    got = client.get(f"/api/decisions/comments?decision_id={d.pk}", headers=bearer(clerk_a)).json()
    assert [i["id"] for i in got["items"]] == [c.pk] and got["next_cursor"] is None
    item = got["items"][0]
    assert (item["clause"], item["status"], item["channel"]) == ("第三条", "pending", "portal")
    assert item["contact"] == "138****5678" and item["name"] == "李*"
    full = client.get(f"/api/decisions/comments/{c.pk}", headers=bearer(office)).json()
    assert full["contact"] == "13812345678" and full["name"] == "李四"
    # another unit's clerk: not in the list, 404 on the record
    assert client.get("/api/decisions/comments", headers=bearer(clerk_b)).json()["items"] == []
    assert client.get(f"/api/decisions/comments/{c.pk}", headers=bearer(clerk_b)).status_code == 404
    assert client.get("/api/decisions/comments?status=nonsense", headers=bearer(office)).status_code == 400
    assert client.get("/api/decisions/comments").status_code == 401


def test_api_moderates_and_answers_through_the_services(client, draft, office, leader):
    d, third, c = draft
    url = f"/api/decisions/comments/{c.pk}"
    r = client.post(
        f"{url}/moderate", {"publish": False}, content_type="application/json", headers=bearer(office)
    )
    assert r.status_code == 400 and "不予公开的，请说明理由" in r.json()["detail"]
    r = client.post(
        f"{url}/moderate", {"publish": True}, content_type="application/json", headers=bearer(leader)
    )
    assert r.status_code == 403
    r = client.post(
        f"{url}/moderate", {"publish": True}, content_type="application/json", headers=bearer(office)
    )
    assert r.status_code == 200 and r.json()["status"] == CommentStatus.PUBLISHED
    r = client.post(
        f"{url}/answer", {"answer": "partly", "reason": "困难家庭另行研究救助。"}, content_type="application/json",
        headers=bearer(office),
    )  # fmt: skip
    assert r.status_code == 200 and r.json()["answer"] == CommentAnswer.PARTLY
    c.refresh_from_db()
    assert c.history.first().history_change_reason == "答复公众意见：部分采纳"
    assert c.history.first().history_user == office


def test_api_records_a_letter_in_the_period_only(client, draft, office):
    d, third, c = draft
    url = f"/api/decisions/cases/{d.pk}/comments"
    body = {
        "clause_id": third.pk,
        "received_on": "2025-04-08",
        "channel": "letter",
        "text": "来信：建议缓调。",
    }
    r = client.post(url, body, content_type="application/json", headers=bearer(office))
    assert r.status_code == 400 and "不在公开征求意见期间" in r.json()["detail"]
    r = client.post(
        url, {**body, "received_on": "2025-04-07"}, content_type="application/json", headers=bearer(office)
    )
    assert r.status_code == 201 and r.json()["channel"] == CommentChannel.LETTER
    assert PublicComment.objects.get(pk=r.json()["id"]).status == CommentStatus.PENDING


def test_the_adoption_workbook_lists_each_comment_with_its_answer(draft, office, login, clerk_b):
    d, third, c = draft
    services.moderate_comment(comment=c, actor=office, publish=True)
    services.answer_comment(comment=c, actor=office, answer=CommentAnswer.ADOPTED, reason="已修改第三条。")
    r = login(office).get(f"/decisions/{d.pk}/comments.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = [[cell.value for cell in row] for row in ws.iter_rows()]
    assert rows[0][0] == f"《{d.title}》公开征求意见采纳情况说明"
    assert "共收到意见1条，采纳（含部分采纳）1条" in rows[1][0]
    assert (
        rows[3][1] == "第三条"
        and rows[3][4] == c.text
        and rows[3][6] == "采纳"
        and rows[3][7] == "已修改第三条。"
    )
    assert "李四" not in str(rows) and "13812345678" not in str(rows)
    assert login(clerk_b).get(f"/decisions/{d.pk}/comments.xlsx").status_code == 404


def xlsx(rows):
    headers = [col.header for col in OfflineCommentImporter.columns]
    wb = Workbook()
    ws = wb.active
    ws.title = OfflineCommentImporter.sheet_name
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_of_letters_is_all_or_nothing_with_row_errors(draft, office, clerk_b):
    d, third, c = draft
    good = {"决策事项编号": d.number, "条文": "第三条", "收到日期": D(2025, 3, 20), "收到途径": "信函",
            "姓名或名称": "王五", "联系方式": "13900001111", "意见内容": "建议分两年调整。",
            "采纳情况": "不采纳", "答复（理由）": "一次调整到位更利于稳定预期。", "答复日期": D(2025, 4, 20)}  # fmt: skip
    late = {**good, "收到日期": D(2025, 4, 9), "采纳情况": None, "答复（理由）": None, "答复日期": None}
    nowhere = {**good, "条文": "第九条"}
    result = import_file("decisions_comments", xlsx([good, late, nowhere]), user=office)
    text = "；".join(result.messages())
    assert not result.ok and PublicComment.objects.count() == 1
    assert "第3行" in text and "不在公开征求意见期间" in text
    assert "第4行" in text and "征求意见稿中没有「第九条」" in text
    result = import_file("decisions_comments", xlsx([good]), user=clerk_b)
    assert not result.ok and "不存在或无权查看" in "；".join(result.messages())
    result = import_file(
        "decisions_comments",
        xlsx([good, {**good, "采纳情况": None, "答复（理由）": None, "答复日期": None}]),
        user=office,
    )
    assert result.ok, result.messages()
    letters = PublicComment.objects.filter(channel=CommentChannel.LETTER).order_by("id")
    assert [(x.status, x.answer) for x in letters] == [
        (CommentStatus.PENDING, CommentAnswer.NOT_ADOPTED),
        (CommentStatus.PENDING, ""),
    ]
    assert letters[0].history.first().history_user == office
