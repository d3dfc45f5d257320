"""行政执法 services: the 第四十二条 two-officer rule, the 第五十八条 法制审核 rule, the 第六十条 decision clock,
公示, 结案, officers' warnings, case-file review, audit rows and who may write what.

2025 国庆: 10月1日(三)–10月8日(三) 放假, 9月28日(日) and 10月11日(六) 上班; 端午: 5月31日(六)–6月2日(一) 放假."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core.due import due_list
from fazhi.core.models import JurisdictionSetting
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.choices import CertStatus, EventKind, Grade, Leniency, Status
from fazhi.enforcement.models import CaseFileReview, EnforcementCase
from tests.enforcement import factories as f

pytestmark = pytest.mark.django_db
D = date


def collect(user):
    return due_list(user, "", timezone.localdate(), 100)


def text(exc: pytest.ExceptionInfo) -> str:
    return "；".join(exc.value.messages)


# -- 立案 and the decision clock ----------------------------------------------------------------------------
def test_penalty_decision_due_moves_past_the_national_day_holiday(tree, office):
    # 立案 Thu 2025-07-03; day 90 = Wed 10/1 (国庆) → the first working day after: Thu 10/9.
    case = f.case(office, tree.unit_a, filed_on=D(2025, 7, 3))
    assert case.decision_due == D(2025, 10, 9)
    assert (case.org, case.status) == (tree.city, Status.FILED)
    assert case.events.get().kind == EventKind.FILED
    assert case.history.first().history_change_reason == "立案"


def test_penalty_decision_due_past_the_dragon_boat_holiday_and_on_a_plain_monday(tree, office):
    # 立案 Mon 2025-03-03; day 90 = Sun 6/1, 端午 5/31–6/2 → Tue 6/3. 立案 Tue 4/1; day 90 = Mon 6/30.
    assert f.case(office, tree.unit_a, number="1", filed_on=D(2025, 3, 3)).decision_due == D(2025, 6, 3)
    assert f.case(office, tree.unit_a, number="2", filed_on=D(2025, 4, 1)).decision_due == D(2025, 6, 30)


def test_non_penalty_cases_have_no_decision_clock(tree, office):
    case = f.case(office, tree.unit_a, kind="license", officers=[])
    assert case.decision_due is None


def test_one_officer_is_refused_with_the_article(tree, office):
    one = f.officer(office, tree.unit_a, "QC-1")
    with pytest.raises(ValidationError) as exc:
        f.case(office, tree.unit_a, officers=[one])
    assert "第四十二条" in text(exc) and "仅1人" in text(exc)
    assert not EnforcementCase.objects.exists()


def test_an_expired_or_suspended_certificate_does_not_count(tree, office):
    ok = f.officer(office, tree.unit_a, "QC-1")
    expired = f.officer(office, tree.unit_a, "QC-2", name="张三", expires=D(2025, 3, 31))
    with pytest.raises(ValidationError) as exc:
        f.case(office, tree.unit_a, officers=[ok, expired], filed_on=D(2025, 4, 1))
    assert "张三（QC-2）的执法证在2025-04-01无效" in text(exc)
    suspended = f.officer(office, tree.unit_a, "QC-3")
    services.set_certificate_status(officer=suspended, actor=office, status=CertStatus.SUSPENDED)
    with pytest.raises(ValidationError):
        f.case(office, tree.unit_a, officers=[ok, suspended])
    assert not EnforcementCase.objects.exists()


def test_another_units_officer_is_refused(tree, office):
    a = f.officer(office, tree.unit_a, "QC-1")
    b = f.officer(office, tree.unit_b, "QC-2")
    with pytest.raises(ValidationError, match="不属于"):
        f.case(office, tree.unit_a, officers=[a, b])


def test_duplicate_number_is_refused(tree, office):
    f.case(office, tree.unit_a)
    with pytest.raises(ValidationError, match="已登记"):
        f.case(office, tree.unit_a)


# -- 法制审核, decision, 公示, 结案 --------------------------------------------------------------------------
def test_major_decision_without_legal_review_is_refused(tree, office):
    case = f.case(office, tree.unit_a, major=True)
    with pytest.raises(ValidationError) as exc:
        services.decide_case(case=case, actor=office, decided_on=D(2025, 5, 6), amount=200000)
    assert "第五十八条" in text(exc)
    case.refresh_from_db()
    assert case.decided_on is None and case.status == Status.FILED
    services.record_legal_review(case=case, actor=office, legal_review_on=D(2025, 5, 5))
    services.decide_case(
        case=case, actor=office, decided_on=D(2025, 5, 6), amount=200000, collective_discussion=True
    )
    case.refresh_from_db()
    assert case.status == Status.DECIDED and case.amount == Decimal("200000.00")
    assert [e.kind for e in case.events.all()] == [EventKind.FILED, EventKind.REVIEWED, EventKind.DECIDED]


def test_decision_before_filing_is_refused(tree, office):
    case = f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    with pytest.raises(ValidationError, match="不能早于立案日期"):
        services.decide_case(case=case, actor=office, decided_on=D(2025, 3, 31))


def test_first_offense_has_no_amount(tree, office):
    case = f.case(office, tree.unit_a)
    with pytest.raises(ValidationError, match="第三十三条"):
        services.decide_case(
            case=case, actor=office, decided_on=D(2025, 4, 9), amount=100, leniency=Leniency.FIRST_OFFENSE
        )
    services.decide_case(case=case, actor=office, decided_on=D(2025, 4, 9), leniency=Leniency.FIRST_OFFENSE)
    assert EnforcementCase.objects.get().leniency == Leniency.FIRST_OFFENSE


def test_late_decision_is_noted_and_publication_clock_runs(tree, office):
    case = f.case(office, tree.unit_a, filed_on=D(2025, 1, 2))
    services.decide_case(case=case, actor=office, decided_on=D(2025, 9, 26), amount=3000)
    case.refresh_from_db()
    assert case.events.get(kind=EventKind.DECIDED).note.endswith(
        f"逾期作出决定（期限 {case.decision_due:%Y-%m-%d}）"
    )
    # 7 working days from Fri 9/26: 9/28(日,上班) 9/29 9/30 | 国庆 | 10/9 10/10 10/11(六,上班) 10/13.
    assert case.publish_due == D(2025, 10, 13)
    services.publish_decision(case=case, actor=office, published_on=D(2025, 10, 10))
    services.close_case(case=case, actor=office, closed_on=D(2025, 10, 20))
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.published_on == D(2025, 10, 10)
    with pytest.raises(ValidationError):
        services.decide_case(case=case, actor=office, decided_on=D(2025, 10, 21))


def test_other_decisions_are_published_within_20_working_days(tree, office):
    case = f.case(office, tree.unit_a, kind="inspection", officers=[])
    services.decide_case(case=case, actor=office, decided_on=D(2025, 4, 1))
    case.refresh_from_db()
    # 20 working days from Tue 4/1: 清明 4/4–4/6, 劳动节 5/1–5/5 (4/27 Sun 上班) → Mon 4/28 is day 19? computed:
    assert case.publish_due == rules.publish_deadline(case).due
    assert case.publish_due > D(2025, 4, 28)


# -- permissions --------------------------------------------------------------------------------------------
def test_another_units_clerk_may_not_file_or_act(tree, office, clerk_a, clerk_b):
    f.pair(office, tree.unit_a)
    with pytest.raises(PermissionDenied):
        f.case(clerk_b, tree.unit_a)
    case = f.case(clerk_a, tree.unit_a)
    with pytest.raises(PermissionDenied):
        services.decide_case(case=case, actor=clerk_b, decided_on=D(2025, 5, 1))
    assert selectors.visible_cases(clerk_b).count() == 0
    assert selectors.visible_cases(clerk_a).count() == 1
    assert selectors.visible_officers(clerk_b).count() == 0


def test_leader_reads_but_may_not_write(tree, office, leader):
    case = f.case(office, tree.unit_a)
    assert selectors.visible_cases(leader).filter(pk=case.pk).exists()
    with pytest.raises(PermissionDenied):
        services.decide_case(case=case, actor=leader, decided_on=D(2025, 5, 1))


# -- officers' warnings in the due-date list ---------------------------------------------------------------
def test_expiring_certificate_and_training_shortfall_are_warnings(tree, office, settings):
    today = timezone.localdate()
    soon = f.officer(
        office,
        tree.unit_a,
        "QC-1",
        expires=today + timedelta(days=30),
        training_year=today.year,
        training_hours=80,
    )
    later = f.officer(office, tree.unit_a, "QC-2", training_year=today.year, training_hours=40)
    dues = collect(office)
    certs = [d for d in dues if d.source == "enforcement.certificate"]
    training = [d for d in dues if d.source == "enforcement.training"]
    assert [d.record.pk for d in certs] == [soon.pk]
    assert [d.record.pk for d in training] == [later.pk]  # 40 < 60 学时 (default)
    JurisdictionSetting.objects.create(org=tree.city, key="enforcement.training_hours", value="30")
    assert not [d for d in collect(office) if d.source == "enforcement.training"]
    services.record_training(officer=later, actor=office, year=today.year, hours=70, exam_passed=True)


def test_open_penalty_decisions_are_in_the_due_list(tree, office):
    case = f.case(office, tree.unit_a, filed_on=timezone.localdate())
    dues = [d for d in collect(office) if d.source == "enforcement.decision"]
    assert [d.record.pk for d in dues] == [case.pk]
    services.decide_case(case=case, actor=office, decided_on=timezone.localdate(), amount=10)
    assert not [d for d in collect(office) if d.source == "enforcement.decision"]
    assert [d.record.pk for d in collect(office) if d.source == "enforcement.publish"] == [case.pk]


# -- 案卷评查 ------------------------------------------------------------------------------------------------
def _decided(office, unit, n: int):
    officers = f.pair(office, unit)
    out = []
    for i in range(n):
        c = f.case(office, unit, number=f"罚{i}", officers=officers, filed_on=D(2025, 3, 3))
        services.decide_case(case=c, actor=office, decided_on=D(2025, 4, 1), amount=100)
        out.append(c)
    return out


def test_campaign_draws_the_same_files_with_the_same_seed(tree, office, clerk_a):
    _decided(office, tree.unit_a, 8)
    one = services.start_campaign(
        actor=office, org=tree.city, name="一", year=2025, sample_size=3, seed=42, started_on=D(2025, 11, 1)
    )
    two = services.start_campaign(
        actor=office, org=tree.city, name="二", year=2025, sample_size=3, seed=42, started_on=D(2025, 11, 1)
    )
    ids = lambda c: sorted(c.reviews.values_list("case_id", flat=True))  # noqa: E731
    assert ids(one) == ids(two) and len(ids(one)) == 3
    with pytest.raises(PermissionDenied):
        services.start_campaign(
            actor=clerk_a,
            org=tree.city,
            name="三",
            year=2025,
            sample_size=3,
            seed=1,
            started_on=D(2025, 11, 1),
        )


def test_scoring_machine_items_from_the_record_and_grade(tree, office, reviewer, clerk_a):
    _decided(office, tree.unit_a, 1)
    campaign = services.start_campaign(
        actor=office, org=tree.city, name="评查", year=2025, sample_size=1, seed=7, started_on=D(2025, 11, 1)
    )
    review = campaign.reviews.get()
    with pytest.raises(ValidationError, match="被评查单位"):
        services.assign_reviewer(review=review, actor=office, reviewer=clerk_a)
    services.assign_reviewer(review=review, actor=office, reviewer=reviewer)
    with pytest.raises(ValidationError, match="事实清楚"):
        services.score_review(review=review, actor=reviewer, scores={}, reviewed_on=D(2025, 11, 5))
    services.score_review(
        review=review, actor=reviewer, scores={"facts": 20, "procedure": 10, "documents": 8},
        reviewed_on=D(2025, 11, 5), problems="未公示处罚决定", rectify_due=D(2025, 12, 5),
    )  # fmt: skip
    review = CaseFileReview.objects.get()
    # officers 15 + legal_review 15 (not major) + decided in time 10 + not published 0 + basis cited 10 = 50
    assert review.scores["published_in_time"] == 0 and review.scores["officers"] == 15
    assert review.score == 50 + 38 and review.grade == Grade.PASS
    rect = review.rectification  # problems found: a 整改, replied by the unit, 销号 by the office
    services.reply_rectification(case=rect, actor=clerk_a, reply="已补充公示", replied_on=D(2025, 11, 18))
    services.accept_rectification(case=rect, actor=office, closed_on=D(2025, 11, 20))
    assert CaseFileReview.objects.get().rectified_on == D(2025, 11, 20)


def test_grade_thresholds():
    assert (rules.grade_of(90), rules.grade_of(89), rules.grade_of(70), rules.grade_of(69)) == (
        Grade.EXCELLENT, Grade.PASS, Grade.PASS, Grade.FAIL,
    )  # fmt: skip
