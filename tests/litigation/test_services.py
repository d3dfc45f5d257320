"""行政应诉 services: the answer deadline (行政诉讼法 第六十七条), court hearings and who appeared for the organ
(第三条第三款; 法释〔2020〕3号), judgments and the 败诉 flag, and who may record what.

行政诉讼法 periods are calendar days (no working-day clause); the start day is not counted and a last day that
is a 法定休假日 moves to the first working day after it (民事诉讼法 第八十五条, via 行政诉讼法 第一百零一条).
2025 国庆: 10月1日(三)–10月8日(三) 放假, 9月28日(日) and 10月11日(六) 上班."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.litigation import services
from fazhi.litigation.choices import Appearance, EventKind, Result, Status
from fazhi.litigation.models import CourtHearing, LitigationCase
from fazhi.reconsideration.choices import Decision
from tests import factories

pytestmark = pytest.mark.django_db
D = date


def text(exc: pytest.ExceptionInfo) -> str:
    return "；".join(exc.value.messages)


def reload(case) -> LitigationCase:
    return LitigationCase.objects.get(pk=case.pk)


@pytest.fixture
def suit(tree, office):
    """Unit A sued; complaint copy received Tue 2025-09-16."""
    return factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初15号",
        complaint_received_on=D(2025, 9, 16),
    )


# -- the answer deadline -------------------------------------------------------------------------------------------
def test_answer_due_moves_past_the_national_day_holiday(suit):
    # Received Tue 9/16; day 15 = Wed 10/1, a 法定休假日 (国庆 10/1–10/8) → first working day after: Thu 10/9.
    assert suit.answer_due == D(2025, 10, 9)
    assert suit.org.code == "990100"  # the jurisdiction of the defendant unit
    assert suit.status == Status.PENDING


def test_answer_due_on_an_ordinary_working_day(tree, office):
    # Received Mon 2025-03-03; day 15 = Tue 3/18, a working day.
    case = factories.litigation_case(
        office, defendant=tree.unit_b, case_number="（2025）青01行初3号", complaint_received_on=D(2025, 3, 3)
    )
    assert case.answer_due == D(2025, 3, 18)


def test_answer_due_on_a_makeup_sunday_depends_on_the_setting(tree, office, settings):
    # Received Sat 2025-09-13; day 15 = Sun 9/28, a 调休 working day. Counted as a working day (default), the
    # period ends that day; when the office does not count 调休 days, it moves to Mon 9/29.
    case = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初20号",
        complaint_received_on=D(2025, 9, 13),
    )
    assert case.answer_due == D(2025, 9, 28)
    settings.FAZHI_MAKEUP_WORKDAYS_COUNT = False
    case = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初21号",
        complaint_received_on=D(2025, 9, 13),
    )
    assert case.answer_due == D(2025, 9, 29)


def test_answers_in_time_and_late(tree, office, suit):
    case = services.record_answer(case=suit, actor=office, answered_on=D(2025, 10, 9))
    assert case.answered_on == D(2025, 10, 9)
    assert case.answer_due == D(2025, 10, 9)  # kept for the record
    assert case.events.get(kind=EventKind.ANSWERED).note == ""
    late = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初16号",
        complaint_received_on=D(2025, 9, 16),
    )
    services.record_answer(case=late, actor=office, answered_on=D(2025, 10, 10))
    assert late.events.get(kind=EventKind.ANSWERED).note == "逾期答辩（期限 2025-10-09）"
    with pytest.raises(ValidationError) as exc:
        services.record_answer(case=reload(suit), actor=office, answered_on=D(2025, 9, 15))
    assert "提交答辩日期（2025-09-15）不能早于收到起诉状副本日期（2025-09-16）" in text(exc)


# -- hearings and 负责人出庭 ----------------------------------------------------------------------------------------
def test_a_deputy_head_counts_as_head_appearance(suit, office):
    services.record_hearing(
        case=suit,
        actor=office,
        held_on=D(2025, 10, 20),
        appearance=Appearance.DEPUTY,
        appearing_person="赵六",
        appearing_title="副局长",
    )
    case = reload(suit)
    assert case.head_appeared is True
    assert (case.hearing_count, case.first_hearing_on) == (1, D(2025, 10, 20))
    assert case.events.get(kind=EventKind.HEARING).note == "负责人（副职/分管）出庭 副局长 赵六"


def test_a_lawyer_alone_is_not_a_head_appearance(suit, office):
    # 适用解释 第一百二十八条: "不得仅委托律师出庭".
    services.record_hearing(
        case=suit,
        actor=office,
        held_on=D(2025, 10, 20),
        appearance=Appearance.LAWYER_ONLY,
        appearing_person="钱律师",
    )
    assert reload(suit).head_appeared is False
    services.record_hearing(
        case=reload(suit),
        actor=office,
        held_on=D(2025, 10, 10),
        appearance=Appearance.STAFF,
        appearing_person="孙科长",
    )
    case = reload(suit)
    assert case.head_appeared is False
    # The first hearing is the earliest, whatever the order of entry.
    assert (case.hearing_count, case.first_hearing_on) == (2, D(2025, 10, 10))


def test_a_head_at_a_later_hearing_makes_the_case_count(suit, office):
    services.record_hearing(
        case=suit,
        actor=office,
        held_on=D(2025, 10, 10),
        appearance=Appearance.STAFF,
        appearing_person="孙科长",
    )
    services.record_hearing(
        case=reload(suit),
        actor=office,
        held_on=D(2025, 11, 3),
        appearance=Appearance.HEAD,
        appearing_person="周局长",
        appearing_title="局长",
    )
    case = reload(suit)
    assert case.head_appeared is True
    assert case.hearing_count == 2


def test_a_head_appearance_needs_the_heads_name(suit, office):
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(
            case=suit, actor=office, held_on=D(2025, 10, 20), appearance=Appearance.HEAD, appearing_person=" "
        )
    assert exc.value.message_dict == {"appearing_person": ["负责人出庭的，请填写出庭负责人姓名"]}
    assert CourtHearing.objects.count() == 0


def test_hearing_input_is_checked(suit, office):
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(case=suit, actor=office, held_on=D(2025, 10, 20), appearance="mayor")
    assert "未知的出庭情况" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(
            case=reload(suit), actor=office, held_on=D(2025, 9, 1), appearance=Appearance.STAFF
        )
    assert "开庭日期（2025-09-01）不能早于收到起诉状副本日期（2025-09-16）" in text(exc)


# -- judgment, appeal, closing ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("result", "lost"),
    [
        (Result.REVOKE, True),
        (Result.CONFIRM_ILLEGAL, True),
        (Result.ORDER_PERFORMANCE, True),
        (Result.CONFIRM_INVALID, True),
        (Result.ALTER, True),
        (Result.REVERSED_APPEAL, True),
        (Result.DISMISS_CLAIM, False),
        (Result.DISMISS_SUIT, False),
        (Result.WITHDRAWN, False),
        (Result.MEDIATED, False),
        (Result.UPHOLD_APPEAL, False),
    ],
)
def test_judgment_sets_the_loss_flag(suit, office, result, lost):
    case = services.record_judgment(case=suit, actor=office, result=result, judged_on=D(2025, 11, 10))
    assert case.status == Status.JUDGED
    assert reload(case).lost is lost
    assert case.events.get(kind=EventKind.JUDGED).note == Result(result).label + ("（败诉）" if lost else "")


def test_judgment_input_and_transitions(suit, office):
    with pytest.raises(ValidationError) as exc:
        services.record_judgment(case=suit, actor=office, result="win", judged_on=D(2025, 11, 10))
    assert "未知的裁判结果" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.record_judgment(
            case=reload(suit), actor=office, result=Result.REVOKE, judged_on=D(2025, 9, 1)
        )
    assert "裁判日期（2025-09-01）不能早于收到起诉状副本日期（2025-09-16）" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.close_case(case=reload(suit), actor=office, closed_on=D(2025, 12, 1))
    assert "当前状态为「审理中」，不能「结案」" in text(exc)
    case = services.record_judgment(
        case=reload(suit), actor=office, result=Result.REVOKE, judged_on=D(2025, 11, 10)
    )
    with pytest.raises(ValidationError) as exc:
        services.record_judgment(
            case=case, actor=office, result=Result.DISMISS_CLAIM, judged_on=D(2025, 11, 11)
        )
    assert "当前状态为「已判决/裁定」，不能「登记裁判结果」" in text(exc)
    with pytest.raises(ValidationError):
        services.record_hearing(
            case=reload(case), actor=office, held_on=D(2025, 11, 12), appearance=Appearance.STAFF
        )
    with pytest.raises(ValidationError) as exc:
        services.close_case(case=reload(case), actor=office, closed_on=D(2025, 11, 9))
    assert "结案日期（2025-11-09）不能早于裁判日期（2025-11-10）" in text(exc)


def test_appeal_and_close_after_judgment(suit, office):
    case = services.record_judgment(case=suit, actor=office, result=Result.REVOKE, judged_on=D(2025, 11, 10))
    case = services.record_appeal(case=case, actor=office, appealed_on=D(2025, 11, 20))
    assert case.appealed is True
    case = services.close_case(case=case, actor=office, closed_on=D(2025, 12, 1))
    assert case.status == Status.CLOSED
    assert list(case.events.order_by("on", "id").values_list("kind", "on")) == [
        (EventKind.REGISTERED, D(2025, 9, 16)),
        (EventKind.JUDGED, D(2025, 11, 10)),
        (EventKind.APPEALED, D(2025, 11, 20)),
        (EventKind.CLOSED, D(2025, 12, 1)),
    ]
    assert list(
        case.history.order_by("history_date", "history_id").values_list(
            "history_change_reason", "history_user__username"
        )
    ) == [
        ("登记应诉案件", "office"),
        ("裁判结果：撤销", "office"),
        ("上诉", "office"),
        ("结案", "office"),
    ]


def test_an_appeal_dated_before_the_judgment_is_refused(suit, office):
    case = services.record_judgment(case=suit, actor=office, result=Result.REVOKE, judged_on=D(2025, 11, 10))
    with pytest.raises(ValidationError) as exc:
        services.record_appeal(case=case, actor=office, appealed_on=D(2025, 11, 9))
    assert "上诉日期不能早于裁判日期" in text(exc)


# -- registration ------------------------------------------------------------------------------------------------
def test_a_case_number_is_registered_once_per_court(tree, office, suit):
    with pytest.raises(ValidationError) as exc:
        factories.litigation_case(
            office,
            defendant=tree.unit_b,
            case_number="（2025）青01行初15号",
            complaint_received_on=D(2025, 9, 20),
        )
    assert exc.value.message_dict == {
        "case_number": ["案号 （2025）青01行初15号 在 青城市中级人民法院 已登记"]
    }
    # The same number at another court is another case.
    other = factories.litigation_case(
        office,
        defendant=tree.unit_b,
        case_number="（2025）青01行初15号",
        complaint_received_on=D(2025, 9, 20),
        court="青城县人民法院",
    )
    assert other.pk != suit.pk


def test_a_suit_after_reconsideration_is_linked_to_the_case(tree, office):
    recon = factories.decided_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=D(2025, 6, 9),
        accepted_on=D(2025, 6, 11),
        decided_on=D(2025, 8, 1),
        decision=Decision.UPHOLD,
    )
    case = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初30号",
        complaint_received_on=D(2025, 8, 15),
        reconsideration=recon,
    )
    assert case.reconsideration == recon
    # The timeline says 经复议 without the number: a reader of the suit may not be allowed to read that case.
    assert case.events.get(kind=EventKind.REGISTERED).note == "经复议"
    assert list(recon.litigations.all()) == [case]


def test_county_units_suits_belong_to_the_county(tree, county_office):
    case = factories.litigation_case(
        county_office,
        defendant=tree.county_unit,
        case_number="（2025）青0121行初1号",
        complaint_received_on=D(2025, 3, 3),
        court="青城县人民法院",
    )
    assert case.org == tree.county


# -- who may record ----------------------------------------------------------------------------------------------
def test_the_defendants_clerk_may_record_its_own_suits_only(tree, clerk_a, clerk_b, leader, county_office):
    case = factories.litigation_case(
        clerk_a,
        defendant=tree.unit_a,
        case_number="（2025）青01行初40号",
        complaint_received_on=D(2025, 9, 16),
    )
    assert case.created_by == clerk_a
    services.record_answer(case=case, actor=clerk_a, answered_on=D(2025, 9, 30))
    for user in (clerk_b, leader, county_office):
        with pytest.raises(PermissionDenied) as exc:
            services.record_hearing(
                case=reload(case), actor=user, held_on=D(2025, 10, 20), appearance=Appearance.STAFF
            )
        assert str(exc.value) == "无权办理该单位的应诉案件"
        with pytest.raises(PermissionDenied):
            factories.litigation_case(
                user,
                defendant=tree.unit_a,
                case_number="（2025）青01行初41号",
                complaint_received_on=D(2025, 9, 16),
            )
    assert LitigationCase.objects.count() == 1
