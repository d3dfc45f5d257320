"""合法性审核 services: the workflow 收件 → 审核中 → (退回补充材料) → 出具意见 → 办结 with its refusals, the two clocks
(the statutory minimum review time, 决策条例 第二十六条第二款; the office's own time limit, a per-jurisdiction
setting), counsel opinions (第二十八条), the points raised, who may do what, and the audit rows.

2025 国庆: 10月1日(三)–10月8日(三) 放假, 9月28日(日) and 10月11日(六) 上班."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import JurisdictionSetting
from fazhi.legality import services
from fazhi.legality.choices import CounselKind, CounselStatus, EventKind, Opinion, Status, SubjectKind
from fazhi.legality.models import ReviewPoint, ReviewRequest
from tests.legality import factories

pytestmark = pytest.mark.django_db
D = date


def text(exc: pytest.ExceptionInfo) -> str:
    return "；".join(exc.value.messages)


def reload(r) -> ReviewRequest:
    return ReviewRequest.objects.get(pk=r.pk)


@pytest.fixture
def request_a(tree, clerk_a):
    """Unit A's draft, received Mon 2025-09-15, the opinion asked for by Fri 2025-09-19."""
    return factories.review(clerk_a, unit=tree.unit_a, requested_by=D(2025, 9, 19))


def test_registration_numbers_and_fixes_both_clocks(request_a, tree):
    r = request_a
    assert r.org == tree.city and r.unit == tree.unit_a
    assert r.number == "青城市合审〔2025〕1号"
    assert r.status == Status.RECEIVED
    # 7 working days after Mon 9/15: Wed 9/24 (第二十六条第二款); asked for Fri 9/19 → too late.
    assert r.minimum_due == D(2025, 9, 24)
    assert r.short_notice is True
    # The office's default 10 working days: 9/16–19 (4), 9/22–26 (9), Sun 9/28, a 调休 working day (10).
    assert r.review_days == 10 and r.due_on == D(2025, 9, 28)
    events = list(r.events.values_list("kind", "note"))
    assert events == [(EventKind.RECEIVED, "青城市市场监督管理局送审；送审时间不足7个工作日")]
    assert r.history.first().history_change_reason == "合法性审核收件"


def test_enough_time_is_not_flagged(tree, clerk_a):
    r = factories.review(clerk_a, unit=tree.unit_a, requested_by=D(2025, 9, 24))
    assert r.short_notice is False


def test_the_office_time_limit_is_a_jurisdiction_setting(tree, office):
    JurisdictionSetting.objects.create(org=tree.city, key="legality.review_days", value="5")
    # Received Fri 9/26: 5 working days = Sun 9/28 (调休), Mon 9/29, Tue 9/30, Thu 10/9, Fri 10/10.
    r = factories.review(office, unit=tree.unit_b, received_on=D(2025, 9, 26))
    assert r.review_days == 5 and r.due_on == D(2025, 10, 10)
    # The county inherits the city's value unless it sets its own.
    c = factories.review(office, unit=tree.county_unit, received_on=D(2025, 9, 26))
    assert c.review_days == 5
    JurisdictionSetting.objects.create(org=tree.county, key="legality.review_days", value="15")
    c2 = factories.review(office, unit=tree.county_unit, received_on=D(2025, 9, 15))
    assert c2.review_days == 15 and c2.number == "青城县合审〔2025〕2号"


def test_the_whole_way_with_a_return(request_a, reviewer, clerk_a, office, tree):
    r = services.start_review(case=request_a, actor=reviewer, started_on=D(2025, 9, 16), co_reviewers="李四")
    assert r.status == Status.REVIEWING and r.reviewer == reviewer
    r = services.return_materials(case=r, actor=reviewer, returned_on=D(2025, 9, 17), reason="请补充制定依据")
    assert r.status == Status.RETURNED and r.due_on is None
    # The unit brings the materials back; the clock restarts from that day, Fri 9/26: 9/28 (调休), 9/29, 9/30,
    # 10/9, 10/10, 10/11 (调休), 10/13, 10/14, 10/15, 10/16 (10th working day).
    r = services.resubmit(case=r, actor=clerk_a, resubmitted_on=D(2025, 9, 26))
    assert r.status == Status.REVIEWING
    assert r.clock_from == D(2025, 9, 26) and r.due_on == D(2025, 10, 16)
    adviser = factories.counsel(office, unit=tree.city)
    services.record_counsel_opinion(
        case=r, actor=reviewer, counsel=adviser, given_on=D(2025, 9, 29), text="无异议"
    )
    r = reload(r)
    assert r.counsel_consulted is True
    r = services.give_opinion(
        case=r,
        actor=reviewer,
        opinion=Opinion.AGREE_REVISED,
        opinion_text="经审查，建议修改后提请审议。",
        opinion_on=D(2025, 10, 20),
        points="1. 第五条罚款超出上位法幅度\n\n2. 补充制定依据\n",
    )
    assert r.status == Status.OPINION and r.points_count == 2 and r.on_time is False
    assert list(ReviewPoint.objects.filter(request=r).values_list("text", flat=True)) == [
        "1. 第五条罚款超出上位法幅度",
        "2. 补充制定依据",
    ]
    r = services.close_request(case=r, actor=reviewer, closed_on=D(2025, 10, 21))
    assert r.status == Status.CLOSED
    kinds = list(r.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.RECEIVED,
        EventKind.STARTED,
        EventKind.RETURNED,
        EventKind.RESUBMITTED,
        EventKind.COUNSEL,
        EventKind.OPINION,
        EventKind.CLOSED,
    ]
    assert "超过办理期限 2025-10-16" in r.events.get(kind=EventKind.OPINION).note
    reasons = list(
        r.history.order_by("history_date", "history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons[0] == "合法性审核收件" and reasons[-1] == "办结"


def test_a_clerk_may_submit_but_not_review(request_a, clerk_a, clerk_b, tree):
    with pytest.raises(PermissionDenied, match="审核由本级司法行政部门"):
        services.start_review(case=request_a, actor=clerk_a, started_on=D(2025, 9, 16))
    with pytest.raises(PermissionDenied, match="无权为该单位送审"):
        factories.review(clerk_b, unit=tree.unit_a)


def test_the_county_office_does_not_review_the_citys_requests(request_a, county_office):
    with pytest.raises(PermissionDenied):
        services.start_review(case=request_a, actor=county_office, started_on=D(2025, 9, 16))


def test_the_leader_only_reads(request_a, leader, tree):
    with pytest.raises(PermissionDenied):
        services.start_review(case=request_a, actor=leader, started_on=D(2025, 9, 16))
    with pytest.raises(PermissionDenied):
        factories.review(leader, unit=tree.unit_a)


def test_no_opinion_before_the_review_starts(request_a, reviewer):
    with pytest.raises(ValidationError) as exc:
        services.give_opinion(
            case=request_a,
            actor=reviewer,
            opinion=Opinion.AGREE,
            opinion_text="同意",
            opinion_on=D(2025, 9, 20),
        )
    assert "当前状态为「已收件」" in text(exc)


def test_a_decision_draft_needs_a_counsel_opinion(tree, office, reviewer):
    """决策条例 第二十八条: 应当组织法律顾问、公职律师提出法律意见."""
    r = factories.review(office, unit=tree.unit_a, subject_kind=SubjectKind.DECISION)
    services.start_review(case=r, actor=reviewer, started_on=D(2025, 9, 16))
    with pytest.raises(ValidationError) as exc:
        services.give_opinion(
            case=r, actor=reviewer, opinion=Opinion.AGREE, opinion_text="同意", opinion_on=D(2025, 9, 20)
        )
    assert "第二十八条" in text(exc)
    lawyer = factories.counsel(office, unit=tree.unit_a, kind=CounselKind.PUBLIC_LAWYER, name="王公职")
    services.record_counsel_opinion(case=r, actor=reviewer, counsel=lawyer, given_on=D(2025, 9, 18))
    r = services.give_opinion(
        case=reload(r), actor=reviewer, opinion=Opinion.AGREE, opinion_text="同意", opinion_on=D(2025, 9, 20)
    )
    assert r.status == Status.OPINION and r.on_time is True


def test_revised_needs_its_points_and_an_opinion_needs_its_text(request_a, reviewer):
    services.start_review(case=request_a, actor=reviewer, started_on=D(2025, 9, 16))
    with pytest.raises(ValidationError) as exc:
        services.give_opinion(
            case=request_a,
            actor=reviewer,
            opinion=Opinion.AGREE_REVISED,
            opinion_text="修改",
            opinion_on=D(2025, 9, 20),
        )
    assert "逐条列明修改意见" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.give_opinion(
            case=request_a, actor=reviewer, opinion=Opinion.AGREE, opinion_text=" ", opinion_on=D(2025, 9, 20)
        )
    assert "请填写书面审核意见" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.give_opinion(
            case=request_a,
            actor=reviewer,
            opinion=Opinion.AGREE,
            opinion_text="同意",
            opinion_on=D(2025, 9, 1),
        )
    assert "不能早于收件日期" in text(exc)
    r = reload(request_a)
    assert r.status == Status.REVIEWING and r.opinion == "" and not r.points.exists()


def test_a_counsel_of_another_jurisdiction_or_out_of_office_is_refused(
    request_a, reviewer, office, county_office, tree
):
    services.start_review(case=request_a, actor=reviewer, started_on=D(2025, 9, 16))
    other = factories.counsel(county_office, unit=tree.county_unit, name="县顾问")
    with pytest.raises(ValidationError, match="不在本级或上级"):
        services.record_counsel_opinion(
            case=request_a, actor=reviewer, counsel=other, given_on=D(2025, 9, 17)
        )
    gone = factories.counsel(office, unit=tree.city, name="离任顾问", end_on=D(2025, 6, 30))
    with pytest.raises(ValidationError, match="已于2025-06-30离任"):
        services.record_counsel_opinion(case=request_a, actor=reviewer, counsel=gone, given_on=D(2025, 9, 17))


def test_the_counsel_register(tree, office, clerk_a):
    with pytest.raises(ValidationError) as exc:
        services.register_counsel(
            actor=office,
            unit=tree.unit_a,
            name="无证",
            kind=CounselKind.PUBLIC_LAWYER,
            start_on=D(2024, 1, 1),
        )
    assert "公职律师证书编号" in text(exc)
    with pytest.raises(ValidationError, match="律师事务所"):
        services.register_counsel(
            actor=office, unit=tree.city, name="无所", kind=CounselKind.ADVISER, start_on=D(2024, 1, 1)
        )
    # A unit's clerk keeps its own unit's 公职律师 on the register, not another unit's.
    c = factories.counsel(clerk_a, unit=tree.unit_a, kind=CounselKind.PUBLIC_LAWYER, name="赵公职")
    assert c.org == tree.city and c.status == CounselStatus.ACTIVE
    with pytest.raises(PermissionDenied):
        factories.counsel(clerk_a, unit=tree.unit_b, kind=CounselKind.PUBLIC_LAWYER, name="钱公职")
    c = services.renew_counsel(case=c, actor=office, end_on=D(2027, 12, 31))
    assert c.end_on == D(2027, 12, 31)
    c = services.end_counsel(case=c, actor=office, end_on=D(2025, 12, 31), reason="调离")
    assert c.status == CounselStatus.ENDED and c.end_on == D(2025, 12, 31)
    with pytest.raises(ValidationError, match="已离任"):
        services.end_counsel(case=c, actor=office, end_on=D(2026, 1, 1))
    assert list(c.events.order_by("id").values_list("kind", flat=True)) == ["registered", "renewed", "ended"]


def test_a_bad_setting_is_refused_in_chinese(tree, office):
    JurisdictionSetting.objects.create(org=tree.city, key="legality.review_days", value="0")
    with pytest.raises(ValidationError, match="应为正整数"):
        factories.review(office, unit=tree.unit_a)
    assert not ReviewRequest.objects.exists()


def test_clearance_for_the_apps_downstream(request_a, reviewer, tree):
    """决策条例 第二十五条第二款: a draft not reviewed, or found unlawful, may not go on."""
    from fazhi.legality.selectors import clearance

    assert "找不到合法性审核事项「X」" in clearance(tree.city, "X")
    assert "尚未出具审核意见" in clearance(tree.unit_a, request_a.number)
    services.start_review(case=request_a, actor=reviewer, started_on=D(2025, 9, 16))
    services.give_opinion(
        case=request_a,
        actor=reviewer,
        opinion=Opinion.DISAGREE,
        opinion_text="不合法",
        opinion_on=D(2025, 9, 20),
    )
    assert "「不同意」" in clearance(tree.city, request_a.number) and "第二十五条第二款" in clearance(
        tree.city, request_a.number
    )
    r = factories.review(reviewer, unit=tree.unit_b)
    services.start_review(case=r, actor=reviewer, started_on=D(2025, 9, 16))
    services.give_opinion(
        case=r, actor=reviewer, opinion=Opinion.AGREE, opinion_text="同意", opinion_on=D(2025, 9, 20)
    )
    assert clearance(tree.unit_b, r.number) == ""
    assert "找不到" in clearance(tree.county, r.number)  # another jurisdiction's number is not this one's
