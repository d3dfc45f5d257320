"""执法监督预警: each kind fires on a crafted record and not on a clean one (dates checked by hand), the scan is
idempotent, breaches stay open for the unit's explanation while remediable warnings close themselves, closing
needs the explanation, and who sees and closes what.

Hand-checked clocks: 立案 Tue 2025-04-01 → day 90 = Mon 2025-06-30 (第六十条, calendar days). 处罚决定 Tue 2025-05-20
→ 7 working days (国办发〔2018〕118号) = Wed 5/21, Thu 5/22, Fri 5/23, Mon 5/26, Tue 5/27, Wed 5/28, Thu 5/29."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from fazhi.enforcement import services
from fazhi.enforcement.choices import WarningKind, WarningState
from fazhi.enforcement.models import EnforcementCase, EnforcementWarning, Officer
from fazhi.enforcement.scan import jump_of
from fazhi.indicators.registry import Period, compute
from tests.enforcement import factories as f

pytestmark = pytest.mark.django_db
D = date
K = WarningKind


def scan(day: date, scope=None):
    return services.scan_warnings(today=day, scope=scope)


def of(kind: str):
    return EnforcementWarning.objects.filter(kind=kind)


# -- 处罚决定超期 (第六十条) --------------------------------------------------------------------------------------


def test_an_undecided_penalty_case_is_warned_the_day_after_day_90(tree, office):
    case = f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    assert case.decision_due == D(2025, 6, 30)
    scan(D(2025, 6, 30))  # the due day itself: still in time
    assert not of(K.DECISION_OVERDUE).exists()
    scan(D(2025, 7, 1))
    w = of(K.DECISION_OVERDUE).get()
    assert (w.case, w.unit, w.org, w.opened_on, w.state) == (
        case,
        tree.unit_a,
        tree.city,
        D(2025, 7, 1),
        "open",
    )
    assert "处罚决定期限2025-06-30" in w.detail and "至2025-07-01仍未作出决定" in w.detail
    assert w.history.get().history_change_reason == "执法监督预警扫描"


def test_a_decision_after_day_90_is_warned_and_one_on_day_90_is_not(tree, office):
    late = f.case(office, tree.unit_a, number="L", filed_on=D(2025, 4, 1))
    in_time = f.case(office, tree.unit_a, number="T", filed_on=D(2025, 4, 1))
    services.decide_case(case=late, actor=office, decided_on=D(2025, 7, 2), amount=500)
    services.decide_case(case=in_time, actor=office, decided_on=D(2025, 6, 30), amount=500)
    scan(D(2025, 7, 10))
    w = of(K.DECISION_OVERDUE).get()
    assert w.case == late and "2025-07-02才作出决定，逾期2日" in w.detail


# -- 无有效执法证执法 (第四十二条) ---------------------------------------------------------------------------------


def test_an_officer_whose_certificate_did_not_cover_the_filing_date_is_warned(tree, office):
    clean = f.case(office, tree.unit_a, number="C", filed_on=D(2025, 4, 1))
    a, b = f.pair(office, tree.unit_b)
    crafted = f.case(office, tree.unit_b, number="X", filed_on=D(2025, 4, 1), officers=[a, b])
    # The register is corrected afterwards: b's certificate had expired on 2025-03-31, the day before 立案.
    Officer.objects.filter(pk=b.pk).update(expires_on=D(2025, 3, 31))
    scan(D(2025, 4, 10))
    w = of(K.UNCERTIFIED_OFFICER).get()
    assert w.case == crafted and w.case != clean and w.unit == tree.unit_b
    assert b.cert_number in w.detail and "有效期2023-01-01至2025-03-31" in w.detail
    assert "持有效执法证的执法人员仅1人（行政处罚法第四十二条）" in w.detail


def test_a_certificate_expiring_on_the_filing_date_still_covers_it(tree, office):
    a, b = f.pair(office, tree.unit_a)
    f.case(office, tree.unit_a, filed_on=D(2025, 4, 1), officers=[a, b])
    Officer.objects.filter(pk=b.pk).update(expires_on=D(2025, 4, 1))
    scan(D(2025, 4, 10))
    assert not of(K.UNCERTIFIED_OFFICER).exists()


# -- 未按时公示 (国办发〔2018〕118号) ------------------------------------------------------------------------------


def test_a_decision_published_after_its_7_working_days_is_warned(tree, office):
    late = f.case(office, tree.unit_a, number="L", filed_on=D(2025, 4, 1))
    in_time = f.case(office, tree.unit_a, number="T", filed_on=D(2025, 4, 1))
    unpublished = f.case(office, tree.unit_a, number="U", filed_on=D(2025, 4, 1))
    for c in (late, in_time, unpublished):
        services.decide_case(case=c, actor=office, decided_on=D(2025, 5, 20), amount=500)
    late.refresh_from_db()
    assert late.publish_due == D(2025, 5, 29)
    services.publish_decision(case=late, actor=office, published_on=D(2025, 5, 30))
    services.publish_decision(case=in_time, actor=office, published_on=D(2025, 5, 29))
    scan(D(2025, 5, 29))  # nothing is late yet on the due day
    assert not of(K.PUBLISH_LATE).exists()
    scan(D(2025, 6, 10))
    got = {w.case.case_number: w.detail for w in of(K.PUBLISH_LATE)}
    assert set(got) == {"L", "U"}
    assert "公示期限2025-05-29" in got["L"] and "2025-05-30才公示" in got["L"]
    assert "至2025-06-10仍未公示" in got["U"]


# -- 重大执法决定未经法制审核 (第五十八条) -----------------------------------------------------------------------


def test_a_major_decision_without_legal_review_is_warned(tree, office):
    reviewed = f.case(office, tree.unit_a, number="R", filed_on=D(2025, 4, 1), major=True)
    services.record_legal_review(case=reviewed, actor=office, legal_review_on=D(2025, 5, 10))
    services.decide_case(case=reviewed, actor=office, decided_on=D(2025, 5, 12), amount=50000)
    crafted = f.case(office, tree.unit_a, number="M", filed_on=D(2025, 4, 1))
    services.decide_case(case=crafted, actor=office, decided_on=D(2025, 5, 12), amount=50000)
    # Marked 重大 after the decision (a corrected ledger row): the decision had no 法制审核.
    EnforcementCase.objects.filter(pk=crafted.pk).update(major=True)
    scan(D(2025, 5, 20))
    w = of(K.MAJOR_NO_REVIEW).get()
    assert w.case == crafted and "2025-05-12作出，未经法制审核（行政处罚法第五十八条）" in w.detail


# -- 执法数据异常波动 (house rule) ---------------------------------------------------------------------------------

HISTORY = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9]  # 2024-06 … 2025-05: median 10, MAD 1


def _month_of_decisions(unit, year: int, month: int, n: int) -> None:
    EnforcementCase.objects.bulk_create(
        EnforcementCase(
            org=unit.jurisdiction(),
            unit=unit,
            case_number=f"J{year}{month:02d}-{i}",
            kind="penalty",
            filed_on=D(year, month, 1),
            decided_on=D(year, month, 10),
            amount=Decimal(1000),
            status="decided",
        )
        for i in range(n)
    )


def _history(unit, june: int) -> None:
    for k, n in enumerate(HISTORY):
        y, m = (2024, 6 + k) if k < 7 else (2025, k - 6)
        _month_of_decisions(unit, y, m, n)
    _month_of_decisions(unit, 2025, 6, june)


def test_the_jump_rule_by_hand():
    h = [Decimal(v) for v in HISTORY]
    # median 10, MAD 1: 1.4826 × 1 = 1.48 is below √10 = 3.16, the scale; |20 − 10| = 10 > 3 × 3.16 = 9.49,
    # |19 − 10| = 9 is not more.
    median, scale = jump_of(Decimal(20), h)
    assert median == Decimal(10) and round(scale, 4) == Decimal("3.1623")
    assert jump_of(Decimal(19), h) is None
    assert jump_of(Decimal(14), h) is None  # the former rule's 3 × max(MAD, 10%) = 3 flagged this
    assert jump_of(Decimal(0), h) is not None  # a fall counts as well as a rise
    assert jump_of(Decimal(1), h) is None  # |1 − 10| = 9
    # a spread-out history: the robust deviation is the scale (MAD 5 × 1.4826 = 7.41 > √20)
    spread = [Decimal(v) for v in (10, 30, 15, 25, 20, 20, 10, 30, 15, 25, 20, 20)]
    assert jump_of(Decimal(42), spread) is None and jump_of(Decimal(43), spread) is not None
    # Fewer than 6 months with decisions in the history: not judged.
    assert jump_of(Decimal(100), [Decimal(0)] * 7 + [Decimal(10)] * 5) is None


def test_a_month_far_from_the_units_own_count_is_warned_and_amounts_are_not_judged(tree):
    _history(tree.unit_a, june=20)  # 20 decisions of 1,000 元: the count jumps
    _history(tree.unit_b, june=19)  # 19: within 3 × √10, no warning
    scan(D(2025, 7, 5))
    got = {(w.unit, w.month, w.key.rsplit(":", 1)[1]) for w in of(K.JUMP)}
    assert got == {(tree.unit_a, D(2025, 6, 1), "count")}
    w = of(K.JUMP).get()
    assert "2025年6月作出行政处罚决定20件，前12个月中位数10.0件" in w.detail and "本办预警规则" in w.detail


def test_an_open_amount_jump_of_the_former_rule_is_closed_by_the_scan(tree):
    old = EnforcementWarning.objects.create(
        org=tree.city, unit=tree.unit_a, kind=K.JUMP, key=f"jump:{tree.unit_a.pk}:2025-06:amount",
        month=D(2025, 6, 1), opened_on=D(2025, 7, 1), detail="罚没金额异常",
    )  # fmt: skip
    result = scan(D(2025, 7, 5))
    old.refresh_from_db()
    assert (old.state, result.closed) == ("closed", 1) and "罚没金额不再作为异常波动判断" in old.explanation


# -- the register: 执法证到期, 培训学时 (remediable: closed by the scan) --------------------------------------------


def test_a_certificate_expiring_within_90_days_is_warned_and_closes_itself_when_renewed(tree, office):
    o = f.officer(office, tree.unit_a, "QC-9", expires=D(2025, 9, 1))
    scan(D(2025, 6, 1))  # 6/1 + 90 = 8/30: not yet
    assert not of(K.CERT_EXPIRING).exists()
    scan(D(2025, 6, 10))  # 6/10 + 90 = 9/8 ≥ 9/1
    w = of(K.CERT_EXPIRING).get()
    assert w.officer == o and "将于2025-09-01到期" in w.detail
    Officer.objects.filter(pk=o.pk).update(expires_on=D(2030, 8, 31))  # 换证
    result = scan(D(2025, 6, 20))
    w.refresh_from_db()
    assert (result.closed, w.state, w.closed_on, w.closed_by) == (1, "closed", D(2025, 6, 20), None)
    assert w.explanation.startswith("系统复核：预警条件已消除")


def test_training_hours_are_warned_in_the_last_quarter_only(tree, office):
    short = f.officer(office, tree.unit_a, "QC-1", training_year=2025, training_hours=40)
    f.officer(office, tree.unit_a, "QC-2", training_year=2025, training_hours=60)
    scan(D(2025, 9, 30))
    assert not of(K.TRAINING_SHORT).exists()
    scan(D(2025, 10, 1))
    w = of(K.TRAINING_SHORT).get()
    assert w.officer == short and "2025年度培训40.0学时，低于本级要求的60学时" in w.detail
    services.record_training(officer=short, actor=office, year=2025, hours=64)
    scan(D(2025, 10, 20))
    w.refresh_from_db()
    assert w.state == WarningState.CLOSED


def test_an_enforcing_power_item_without_a_case_in_twelve_months_is_warned_until_a_case_is_filed(
    tree, office
):
    """零执法 from the 权责清单: a 行政处罚 item listed 2024-01-15 with no case in the 12 months up to 2025-06-01 is
    warned (a scan of every jurisdiction, scope None, as the daily timer runs it); a case filed under it puts the
    condition right, and the next scan closes the warning itself."""
    from tests.enforcement.test_powers import item

    idle = item(office, tree.unit_a, code="CF-9")
    scan(D(2025, 6, 1))
    w = of(K.ZERO_ENFORCEMENT).get()
    assert w.unit == tree.unit_a and "零执法" in w.detail and "CF-9" in w.detail
    f.case(office, tree.unit_a, number="ZF-1", power_item=idle, filed_on=D(2025, 6, 10))
    scan(D(2025, 6, 11))
    w.refresh_from_db()
    assert w.state == WarningState.CLOSED and w.closed_by is None


# -- idempotence and what stays open -------------------------------------------------------------------------


def test_a_second_scan_opens_nothing_and_a_breach_stays_open_after_the_case_is_decided(tree, office):
    case = f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    first = scan(D(2025, 7, 1))
    again = scan(D(2025, 7, 1))
    assert (first.opened, again.opened, again.closed) == (1, 0, 0)
    services.decide_case(case=case, actor=office, decided_on=D(2025, 7, 3), amount=500)
    later = scan(D(2025, 7, 4))
    w = of(K.DECISION_OVERDUE).get()
    assert (later.opened, later.closed, w.state) == (0, 0, "open")  # still waits for the unit's explanation
    assert EnforcementWarning.objects.count() == 1


def test_a_warning_of_a_voided_case_closes_itself(tree, office):
    case = f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    scan(D(2025, 7, 1))
    EnforcementCase.objects.filter(pk=case.pk).update(voided_at="2025-07-02T09:00:00+08:00")
    scan(D(2025, 7, 3))
    w = of(K.DECISION_OVERDUE).get()
    assert w.state == "closed" and "已作废" in w.explanation


def test_a_scan_of_one_jurisdiction_leaves_the_others_alone(tree, office):
    f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    f.case(office, tree.county_unit, filed_on=D(2025, 4, 1))
    scan(D(2025, 7, 1), scope=tree.county)
    assert list(EnforcementWarning.objects.values_list("unit", flat=True)) == [tree.county_unit.pk]


# -- closing with the unit's explanation ----------------------------------------------------------------------


@pytest.fixture
def warning(tree, office):
    f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    scan(D(2025, 7, 1))
    return of(K.DECISION_OVERDUE).get()


def test_closing_without_an_explanation_is_refused_in_chinese(warning, clerk_a):
    with pytest.raises(ValidationError) as exc:
        services.close_warning(warning=warning, actor=clerk_a, explanation="  ", closed_on=D(2025, 7, 5))
    assert exc.value.message_dict == {"explanation": ["请填写单位说明：关闭预警须说明原因及整改情况"]}
    warning.refresh_from_db()
    assert warning.state == "open"


def test_the_units_clerk_closes_with_an_explanation_audited(warning, clerk_a):
    services.close_warning(
        warning=warning, actor=clerk_a, explanation="案情复杂，已补办延期手续", closed_on=D(2025, 7, 5)
    )
    warning.refresh_from_db()
    assert (warning.state, warning.closed_on, warning.closed_by) == ("closed", D(2025, 7, 5), clerk_a)
    last = warning.history.first()
    assert (last.history_user, last.history_change_reason) == (clerk_a, "说明并关闭预警")
    with pytest.raises(ValidationError, match="已于2025-07-05关闭"):
        services.close_warning(warning=warning, actor=clerk_a, explanation="再次", closed_on=D(2025, 7, 6))


def test_another_units_clerk_and_the_leader_cannot_close(warning, clerk_b, leader):
    for who in (clerk_b, leader):
        with pytest.raises(PermissionDenied):
            services.close_warning(warning=warning, actor=who, explanation="说明", closed_on=D(2025, 7, 5))


# -- pages -----------------------------------------------------------------------------------------------


def test_the_page_lists_by_unit_and_each_sees_its_own(
    warning, tree, office, login, clerk_a, clerk_b, county_office
):
    b1 = f"/enforcement/{f.case(office, tree.unit_b, number='B1', filed_on=D(2025, 4, 1)).pk}/"
    scan(D(2025, 7, 1))
    page = login(office).get("/enforcement/warnings/")
    text = page.content.decode()
    assert page.status_code == 200 and "各单位待说明预警" in text
    assert "青城市市场监督管理局" in text and "青城市公安局" in text and "处罚决定超期" in text
    assert f"/enforcement/{warning.case_id}/" in text  # linked to its record
    own = login(clerk_a).get("/enforcement/warnings/").content.decode()
    # B1's link, not the bare "B1": a page's random CSRF token or CSP nonce holds "B1" now and then.
    assert f"/enforcement/{warning.case_id}/" in own and b1 not in own
    other = login(clerk_b).get("/enforcement/warnings/").content.decode()
    assert f"/enforcement/{warning.case_id}/" not in other and b1 in other
    assert "没有符合条件" in login(county_office).get("/enforcement/warnings/").content.decode()
    by_kind = login(office).get(f"/enforcement/warnings/?kind=jump&unit={tree.unit_a.pk}&state=all")
    assert "没有符合条件" in by_kind.content.decode()
    assert login(office).get("/enforcement/warnings/?unit=abc").status_code == 400


def test_the_close_page_requires_the_explanation_and_its_permission(warning, login, clerk_a, clerk_b, leader):
    url = f"/enforcement/warnings/{warning.pk}/close/"
    assert login(clerk_b).get(url).status_code == 404
    assert login(leader).get(url).status_code == 403
    assert login(leader).post(url, {"explanation": "x", "closed_on": "2025-07-05"}).status_code == 403
    c = login(clerk_a)
    blank = c.post(url, {"explanation": "", "closed_on": "2025-07-05"})
    assert blank.status_code == 200 and "请填写单位说明" in blank.content.decode()
    done = c.post(url, {"explanation": "已补办延期审批手续", "closed_on": "2025-07-05"})
    assert done.status_code == 302
    warning.refresh_from_db()
    assert warning.state == "closed" and warning.explanation == "已补办延期审批手续"
    closed = c.get("/enforcement/warnings/?state=closed").content.decode()
    assert "已补办延期审批手续" in closed


# -- command and figures ----------------------------------------------------------------------------------


def test_the_command_scans_and_a_second_run_opens_nothing(tree, office, capsys, monkeypatch):
    from fazhi.cli import main

    f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    call_command("enforcement_warnings", "--date", "2025-07-01")
    out = capsys.readouterr().out
    assert "处罚决定超期：1 项" in out and "新生成预警 1 条" in out
    call_command("enforcement_warnings", "--date", "2025-07-01", "--org", tree.city.code)
    assert "新生成预警 0 条" in capsys.readouterr().out
    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    main(["enforcement-warnings", "--date", "2025-07-01"])  # the command line spells it with a hyphen
    main(["--help"])
    assert seen == [["fazhi", "enforcement_warnings", "--date", "2025-07-01"], ["fazhi", "--help"]]


def test_the_figures_count_open_warnings_and_the_closed_rate(warning, tree, office, clerk_a):
    f.case(office, tree.unit_b, number="B1", filed_on=D(2025, 4, 1))
    scan(D(2025, 7, 1))
    services.close_warning(warning=warning, actor=clerk_a, explanation="已说明", closed_on=D(2025, 7, 5))
    keys = ["enforcement.open_warnings", "enforcement.warnings", "enforcement.warning_closed_rate"]
    city = compute(tree.city, Period.parse("2025"), keys)
    assert [city[k].value for k in keys] == [1, 2, 50]
    unit_a = compute(tree.unit_a, Period.parse("2025"), keys)
    assert [unit_a[k].value for k in keys] == [0, 1, 100]
