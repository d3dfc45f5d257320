"""案卷评查 campaigns: reviewers assigned to files (never from the reviewed unit; a reviewer sees and scores only
their own files unless they hold the office capability), 整改 for files below the pass line or with problems
(deadline per jurisdiction, in the due-date list; the unit replies, the office accepts or sends back), and the
campaign's progress."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.due import due_list
from fazhi.core.models import JurisdictionSetting
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseFileReview, Rectification
from fazhi.enforcement.selectors import campaign_progress
from tests.enforcement import factories as f

pytestmark = pytest.mark.django_db
D = date
GOOD = {"facts": 20, "procedure": 10, "documents": 10}  # with the machine's 50 (unpublished: 0 of 10): 90
POOR = {"facts": 5, "procedure": 2, "documents": 2}  # 50 + 9 = 59: 不合格


@pytest.fixture
def campaign(tree, office):
    """Two decided files of unit A and two of unit B, all four drawn."""
    for unit, prefix in ((tree.unit_a, "甲"), (tree.unit_b, "乙")):
        officers = f.pair(office, unit)
        for i in range(2):
            c = f.case(office, unit, number=f"{prefix}罚{i}", officers=officers, filed_on=D(2025, 3, 3))
            services.decide_case(case=c, actor=office, decided_on=D(2025, 4, 1), amount=100)
    return services.start_campaign(
        actor=office,
        org=tree.city,
        name="2025年度评查",
        year=2025,
        sample_size=4,
        seed=3,
        started_on=D(2025, 11, 1),
    )


def files(campaign, unit):
    return list(campaign.reviews.filter(case__unit=unit).select_related("case", "case__unit").order_by("id"))


def test_a_reviewer_from_the_reviewed_unit_is_refused_and_told_why(tree, office, clerk_a, campaign):
    a1 = files(campaign, tree.unit_a)[0]
    with pytest.raises(ValidationError) as exc:
        services.assign_reviewer(review=a1, actor=office, reviewer=clerk_a)
    text = str(exc.value)
    assert "王丽是被评查单位青城市市场监督管理局的工作人员" in text or "被评查单位" in text
    assert "自己评查自己" in text and "回避" in text
    # several files at once: all or none
    b1 = files(campaign, tree.unit_b)[0]
    with pytest.raises(ValidationError):
        services.assign_reviewers(campaign=campaign, actor=office, reviewer=clerk_a, reviews=[b1, a1])
    assert not CaseFileReview.objects.filter(reviewer__isnull=False).exists()
    services.assign_reviewers(campaign=campaign, actor=office, reviewer=clerk_a, reviews=[b1])
    assert CaseFileReview.objects.get(reviewer=clerk_a) == b1
    assert b1.history.first().history_user == office  # audited


def test_only_the_office_assigns(tree, reviewer, clerk_b, campaign):
    with pytest.raises(PermissionDenied):
        services.assign_reviewer(review=files(campaign, tree.unit_a)[0], actor=reviewer, reviewer=clerk_b)


def test_a_reviewer_sees_and_scores_only_their_files(tree, office, reviewer, campaign, login):
    a1, a2 = files(campaign, tree.unit_a)
    services.assign_reviewer(review=a1, actor=office, reviewer=reviewer)
    c = login(reviewer)
    page = c.get("/enforcement/reviews/").content.decode()
    assert a1.case.case_number in page and a2.case.case_number not in page
    assert c.get(f"/enforcement/reviews/{a2.pk}/score/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.score_review(review=a2, actor=reviewer, scores=GOOD, reviewed_on=D(2025, 11, 5))
    r = c.post(
        f"/enforcement/reviews/{a1.pk}/score/",
        {"score_facts": 20, "score_procedure": 10, "score_documents": 10, "reviewed_on": "2025-11-05"},
    )
    assert r.status_code == 302
    assert CaseFileReview.objects.get(pk=a1.pk).score == 90
    # the office sees every file of the campaign
    office_page = login(office).get("/enforcement/reviews/").content.decode()
    assert a1.case.case_number in office_page and a2.case.case_number in office_page


def test_the_campaign_page_assigns_and_shows_progress(tree, office, reviewer, clerk_a, campaign, login):
    c = login(office)
    a1, a2 = files(campaign, tree.unit_a)
    url = f"/enforcement/reviews/campaigns/{campaign.pk}/"
    r = c.post(url, {"reviewer": clerk_a.pk, "reviews": [a1.pk]})
    page = r.content.decode()
    assert r.status_code == 200 and "自己评查自己" in page and "回避" in page
    assert c.post(url, {"reviewer": reviewer.pk, "reviews": [a1.pk, a2.pk]}).status_code == 302
    services.score_review(review=a1, actor=reviewer, scores=POOR, reviewed_on=D(2025, 11, 5))
    assert campaign_progress(campaign) == {
        "total": 4, "assigned": 2, "scored": 1, "rectify_open": 1, "rectify_closed": 0,
    }  # fmt: skip
    page = c.get(url).content.decode()
    assert "抽取案卷" in page and "已分配" in page and "整改未销号" in page and "待整改" in page
    assert login(clerk_a).post(url, {"reviewer": reviewer.pk, "reviews": [a1.pk]}).status_code in (403, 404)


def test_a_file_below_the_pass_line_or_with_problems_gets_a_rectification(tree, office, campaign):
    a1, a2 = files(campaign, tree.unit_a)
    b1, _ = files(campaign, tree.unit_b)
    services.score_review(review=a1, actor=office, scores=POOR, reviewed_on=D(2025, 11, 5))
    services.score_review(
        review=a2, actor=office, scores=GOOD, reviewed_on=D(2025, 11, 5), problems="送达回证缺失"
    )
    services.score_review(
        review=b1, actor=office, scores=GOOD, reviewed_on=D(2025, 11, 5)
    )  # 优秀, no problems
    fail, found = Rectification.objects.get(review=a1), Rectification.objects.get(review=a2)
    assert (fail.due, fail.unit, fail.status) == (D(2025, 12, 5), tree.unit_a, "open")  # 30 days, the default
    assert "不合格" in fail.problems and found.problems == "送达回证缺失"
    assert not Rectification.objects.filter(review=b1).exists()
    assert fail.history.first().history_user == office  # audited


def test_the_deadline_is_the_jurisdictions_setting(tree, office, campaign):
    JurisdictionSetting.objects.create(org=tree.city, key="enforcement.rectify_days", value="15")
    a1 = files(campaign, tree.unit_a)[0]
    services.score_review(review=a1, actor=office, scores=POOR, reviewed_on=D(2025, 11, 5))
    assert Rectification.objects.get().due == D(2025, 11, 20)


def test_the_unit_replies_the_office_sends_back_then_accepts(tree, office, clerk_a, clerk_b, campaign, login):
    a1 = files(campaign, tree.unit_a)[0]
    services.score_review(review=a1, actor=office, scores=POOR, reviewed_on=D(2025, 11, 5))
    rect = Rectification.objects.get()
    rows = due_list(clerk_a, "", D(2025, 11, 10), source="enforcement.rectify")
    assert [(r.record, r.due_on) for r in rows] == [(rect, D(2025, 12, 5))]
    assert not due_list(clerk_b, "", D(2025, 11, 10), source="enforcement.rectify")  # another unit's
    # the unit replies on the kit's action page; another unit cannot see it
    unit = login(clerk_a)
    detail = unit.get(f"/enforcement/rectifications/{rect.pk}/").content.decode()
    assert "回复整改情况" in detail
    assert login(clerk_b).get(f"/enforcement/rectifications/{rect.pk}/").status_code == 404
    r = unit.post(
        f"/enforcement/rectifications/{rect.pk}/action/reply/",
        {"reply": "已补正决定书，补齐送达回证", "replied_on": "2025-11-20", "version": rect.version},
    )
    assert r.status_code == 302
    rect.refresh_from_db()
    assert (rect.status, rect.replied_on) == ("replied", D(2025, 11, 20))
    assert not due_list(clerk_a, "", D(2025, 11, 21), source="enforcement.rectify")
    # the unit cannot 销号 its own 整改
    with pytest.raises(PermissionDenied):
        services.accept_rectification(case=rect, actor=clerk_a, closed_on=D(2025, 11, 21))
    with pytest.raises(ValidationError, match="退回意见"):
        services.send_back_rectification(case=rect, actor=office, note=" ", returned_on=D(2025, 11, 22))
    services.send_back_rectification(
        case=rect, actor=office, note="送达回证缺当事人签字", returned_on=D(2025, 11, 22), due=D(2025, 12, 10)
    )
    rect.refresh_from_db()
    assert (rect.status, rect.returns, rect.due) == ("open", 1, D(2025, 12, 10))
    services.reply_rectification(case=rect, actor=clerk_a, reply="已补签字", replied_on=D(2025, 11, 28))
    services.accept_rectification(case=rect, actor=office, closed_on=D(2025, 12, 1))
    rect.refresh_from_db()
    assert (rect.status, rect.closed_on) == ("closed", D(2025, 12, 1))
    assert CaseFileReview.objects.get(pk=a1.pk).rectified_on == D(2025, 12, 1)
    assert [e.kind for e in rect.events.order_by("id")] == ["open", "reply", "send_back", "reply", "accept"]
    assert [h.history_user for h in rect.history.order_by("history_id")][-1] == office
    assert campaign_progress(campaign)["rectify_closed"] == 1


def test_a_reply_needs_its_content_and_the_right_state(tree, office, clerk_a, campaign):
    a1 = files(campaign, tree.unit_a)[0]
    services.score_review(review=a1, actor=office, scores=POOR, reviewed_on=D(2025, 11, 5))
    rect = Rectification.objects.get()
    with pytest.raises(ValidationError, match="整改情况"):
        services.reply_rectification(case=rect, actor=clerk_a, reply="", replied_on=D(2025, 11, 20))
    with pytest.raises(ValidationError, match="不能早于"):
        services.reply_rectification(case=rect, actor=clerk_a, reply="已改", replied_on=D(2025, 11, 1))
    with pytest.raises(ValidationError):
        services.accept_rectification(case=rect, actor=office, closed_on=D(2025, 11, 21))  # not replied yet


def test_the_api_lists_rectifications_and_runs_their_actions(tree, office, clerk_a, campaign, login):
    a1 = files(campaign, tree.unit_a)[0]
    services.score_review(review=a1, actor=office, scores=POOR, reviewed_on=D(2025, 11, 5))
    rect = Rectification.objects.get()
    c = login(clerk_a)
    items = c.get("/api/enforcement/rectifications/cases").json()["items"]
    assert [(i["id"], i["status"], i["due"]) for i in items] == [(rect.pk, "open", "2025-12-05")]
    r = c.post(
        f"/api/enforcement/rectifications/cases/{rect.pk}/actions/reply",
        {"reply": "已整改", "replied_on": "2025-11-20"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "replied"
    r = login(office).post(
        f"/api/enforcement/rectifications/cases/{rect.pk}/actions/accept",
        {"closed_on": "2025-11-25"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"
