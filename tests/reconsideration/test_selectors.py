"""行政复议 selectors: what each persona sees, filters, due-soon/overdue lists on a frozen "today", keyset pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.core.params import ParamError
from fazhi.law.choices import ActType
from fazhi.reconsideration import selectors, services
from fazhi.reconsideration.casework import KIND
from fazhi.reconsideration.choices import Decision, Status
from fazhi.reconsideration.selectors import CaseFilters
from tests import factories

pytestmark = pytest.mark.django_db
D = date
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def cases(tree, office):
    """Four cases, with their current due dates worked out by hand:

    a_soon     unit A, received Wed 2025-02-26 → review 5 working days: 2/27, 2/28, 3/3, 3/4, Wed 3/5
    b_overdue  unit B, received Mon 2025-02-10 → review: 2/11, 2/12, 2/13, 2/14, Mon 2/17
    a_later    unit A, accepted Fri 2025-02-14 → decision 60 days: Tue 4/15
    county     county unit at the county, decided (no clock)
    """
    return {
        "a_soon": factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 2, 26), applicant="王五"
        ),
        "b_overdue": factories.register_case(
            office,
            org=tree.city,
            respondent=tree.unit_b,
            received_on=D(2025, 2, 10),
            act_type=ActType.LICENSE,
            act_description="不予许可决定",
        ),
        "a_later": factories.accepted_case(
            office,
            org=tree.city,
            respondent=tree.unit_a,
            received_on=D(2025, 2, 12),
            accepted_on=D(2025, 2, 14),
        ),
        "county": factories.decided_case(
            office,
            org=tree.county,
            respondent=tree.county_unit,
            received_on=D(2024, 12, 2),
            accepted_on=D(2024, 12, 4),
            decided_on=D(2025, 1, 10),
            decision=Decision.UPHOLD,
        ),
    }


def ids(qs) -> set[int]:
    return set(qs.values_list("id", flat=True))


def test_stored_due_dates_of_the_fixture(cases):
    assert cases["a_soon"].next_due == D(2025, 3, 5)
    assert cases["b_overdue"].next_due == D(2025, 2, 17)
    assert cases["a_later"].next_due == D(2025, 4, 15)
    assert cases["county"].next_due is None


def test_each_persona_sees_its_scope(cases, office, reviewer, clerk_a, clerk_b, leader, county_office):
    everything = {c.pk for c in cases.values()}
    assert ids(selectors.visible_cases(office)) == everything
    assert ids(selectors.visible_cases(reviewer)) == everything
    assert ids(selectors.visible_cases(leader)) == everything
    # A clerk sees the cases in which the own unit is the respondent, nothing else.
    assert ids(selectors.visible_cases(clerk_a)) == {cases["a_soon"].pk, cases["a_later"].pk}
    assert ids(selectors.visible_cases(clerk_b)) == {cases["b_overdue"].pk}
    # The county office sees the county's cases, not the city's.
    assert ids(selectors.visible_cases(county_office)) == {cases["county"].pk}
    assert ids(selectors.visible_cases(AnonymousUser())) == set()


def test_another_units_case_is_a_404(cases, clerk_a, clerk_b, county_office):
    assert selectors.get_case(clerk_a, cases["a_soon"].pk) == cases["a_soon"]
    with pytest.raises(Http404):
        selectors.get_case(clerk_b, cases["a_soon"].pk)
    with pytest.raises(Http404):
        selectors.get_case(county_office, cases["a_soon"].pk)
    with pytest.raises(PermissionDenied):
        selectors.get_case(AnonymousUser(), cases["a_soon"].pk)


def test_filters(cases, office):
    def found(**kwargs):
        return ids(selectors.filtered_cases(office, CaseFilters(**kwargs)))

    assert found(q="王五") == {cases["a_soon"].pk}
    assert found(q="青县府复") == {cases["county"].pk}
    assert found(q="不予许可") == {cases["b_overdue"].pk}
    assert found(status=Status.HEARING) == {cases["a_later"].pk}
    assert found(respondent=cases["a_soon"].respondent_id) == {cases["a_soon"].pk, cases["a_later"].pk}
    assert found(act_type=ActType.LICENSE) == {cases["b_overdue"].pk}
    assert found(year=2024) == {cases["county"].pk}
    assert found(org=cases["county"].org_id) == {cases["county"].pk}


def test_filters_from_query_parameters_refuse_garbage():
    # A hand-edited filter is a 400 naming the parameter (issue 8), not silently "no filter".
    f = CaseFilters.from_params({"q": " 张三 ", "respondent": "", "year": "2025", "due": "soon"})
    assert f == CaseFilters(q="张三", respondent=None, year=2025, due="soon")
    with pytest.raises(ParamError, match="参数 respondent（被申请人）应为正整数"):
        CaseFilters.from_params({"respondent": "abc"})


def test_due_soon_and_overdue_on_a_frozen_today(cases, office, clerk_a):
    # Today Sat 2025-03-01. Soon = due today..3/8: a_soon (3/5). Overdue = due before today: b_overdue (2/17).
    # a_later (4/15) is neither; the decided county case has no clock.
    with time_machine.travel(datetime(2025, 3, 1, 10, tzinfo=SHANGHAI), tick=False):
        assert ids(selectors.filtered_cases(office, CaseFilters(due="soon"))) == {cases["a_soon"].pk}
        assert ids(selectors.filtered_cases(office, CaseFilters(due="overdue"))) == {cases["b_overdue"].pk}
        assert selectors.due_counts(office) == {"overdue": 1, "soon": 1, "open": 3}
        # The clerk of unit A counts only unit A's cases.
        assert selectors.due_counts(clerk_a) == {"overdue": 0, "soon": 1, "open": 2}
    # A week later (Sat 3/8) a_soon is overdue too and a_later is still not due within 7 days.
    with time_machine.travel(datetime(2025, 3, 8, 10, tzinfo=SHANGHAI), tick=False):
        assert ids(selectors.filtered_cases(office, CaseFilters(due="overdue"))) == {
            cases["a_soon"].pk,
            cases["b_overdue"].pk,
        }
        assert ids(selectors.filtered_cases(office, CaseFilters(due="soon"))) == set()
    # On Tue 4/8 the decision due 4/15 is exactly 7 days away: due soon.
    with time_machine.travel(datetime(2025, 4, 8, 10, tzinfo=SHANGHAI), tick=False):
        assert cases["a_later"].pk in ids(selectors.filtered_cases(office, CaseFilters(due="soon")))


def test_a_rejected_case_leaves_the_overdue_list(cases, office):
    with time_machine.travel(datetime(2025, 3, 1, 10, tzinfo=SHANGHAI), tick=False):
        services.reject_application(
            case=cases["b_overdue"], actor=office, rejected_on=D(2025, 2, 14), reason="超过申请期限"
        )
        assert selectors.due_counts(office) == {"overdue": 0, "soon": 1, "open": 2}


def test_keyset_pages_are_newest_first_and_disjoint(tree, office):
    start = D(2025, 1, 6)
    for i in range(7):
        factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=start + timedelta(days=i // 2)
        )
    first = KIND.page(office, CaseFilters(), size=3)
    assert len(first.rows) == 3 and first.next_cursor
    second = KIND.page(office, CaseFilters(), cursor=first.next_cursor, size=3)
    third = KIND.page(office, CaseFilters(), cursor=second.next_cursor, size=3)
    rows = first.rows + second.rows + third.rows
    assert len(rows) == 7 and len({r.pk for r in rows}) == 7
    assert third.next_cursor is None
    keys = [(r.received_on, r.pk) for r in rows]
    assert keys == sorted(keys, reverse=True)


def test_counts_by_respondent_and_act_type(cases, office, clerk_a):
    assert {r["respondent__name"]: r["n"] for r in selectors.counts_by_respondent(office, 2025)} == {
        "青城市市场监督管理局": 2,
        "青城市公安局": 1,
    }
    assert {r["act_type"]: r["n"] for r in selectors.counts_by_act_type(clerk_a)} == {"penalty": 2}
