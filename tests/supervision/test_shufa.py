"""述法 in the annual report and in the figures on one basis, the date held (述法日期); and a 述法 linked to the
leader as a person, so that two leaders of one name keep their own study records."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.indicators.registry import Period, compute
from fazhi.reports.builder.facts import collect
from fazhi.supervision import selectors, services
from tests.factories import make_user

from . import factories as f

pytestmark = pytest.mark.django_db
D = date
KEYS = ["supervision.shufa_leaders", "supervision.shufa_reviewed"]


def _sentence(org, year) -> str:
    facts = collect(org, year).get("shufa", [])
    assert len(facts) == 1, facts
    return facts[0].text


def test_the_reports_shufa_sentence_counts_what_the_figure_counts(tree, office, clerk_a, county_office):
    # 2025: the city's head and unit A's on 2024 held in Jan/Feb 2025; the county unit's on 2025 held in Dec
    city = services.record_shufa(
        actor=office, org=tree.city, year=2024, leader="陈市长", title="市长",
        held_on=D(2025, 1, 20), meeting="市委全面依法治市委员会会议",
    )  # fmt: skip
    services.review_shufa(case=city, actor=office, result="good", comment="好", reviewed_on=D(2025, 1, 25))
    f.shufa(clerk_a, tree.unit_a, year=2024, leader="王建国", held_on=D(2025, 2, 10))
    f.shufa(county_office, tree.county_unit, year=2025, leader="赵刚", held_on=D(2025, 12, 20))
    late = f.shufa(office, tree.unit_b, year=2025, leader="钱伟", held_on=D(2026, 1, 15))  # 2026's
    services.review_shufa(case=late, actor=office, result="good", comment="好", reviewed_on=D(2026, 1, 16))
    figures = compute(tree.city, Period.year(2025), KEYS)
    text = _sentence(tree.city, 2025)
    assert (
        text
        == "2024年度，主要负责人于2025年1月在市委全面依法治市委员会会议上述法，全年共3名领导干部开展述法，1份述法报告经评议。"
    )
    said = [
        int(re.search(p, text).group(1)) for p in (r"共(\d+)名领导干部开展述法", r"(\d+)份述法报告经评议")
    ]
    assert said == [figures[k].value for k in KEYS] == [3, 1]
    # 2026: the one held then, under its own 述法年度 2025
    figures = compute(tree.city, Period.year(2026), KEYS)
    assert _sentence(tree.city, 2026) == "全年共1名领导干部开展述法，1份述法报告经评议。"
    assert [figures[k].value for k in KEYS] == [1, 1]
    # a department's report names its head's 述法 in the year it was held
    assert "shufa" not in collect(tree.unit_b, 2025)
    assert collect(tree.unit_b, 2026)["shufa"][0].text.startswith("2025年度，主要负责人于2026年1月")


def _user(username, name, org):
    return make_user(username, org=org, role=Role.CLERK, first_name=name)


def test_two_leaders_of_one_name_keep_their_own_study_records(tree, office, clerk_a, clerk_b, login):
    from fazhi.education import services as education

    wang_a = _user("wang_a", "王建国", tree.unit_a)
    wang_b = _user("wang_b", "王建国", tree.unit_b)
    for unit, title in ((tree.unit_a, "学习行政复议法"), (tree.unit_b, "学习治安管理处罚法")):
        session = education.register_session(
            actor=office, unit=unit, kind="group", title=title, held_on=D(2024, 3, 5)
        )
        education.record_attendees(case=session, actor=office, people="王建国 局长")
    # each attendance is linked to the member of its own unit
    assert {(a.session.title, a.user) for a in selectors_attendances()} == {
        ("学习行政复议法", wang_a),
        ("学习治安管理处罚法", wang_b),
    }
    rec_a = f.shufa(clerk_a, tree.unit_a)  # 王建国, 2024: the unit's member of that name
    rec_b = f.shufa(clerk_b, tree.unit_b)
    assert (rec_a.person, rec_b.person) == (wang_a, wang_b)
    assert [a.session.title for a in selectors.study_record(office, rec_a)] == ["学习行政复议法"]
    assert [a.session.title for a in selectors.study_record(office, rec_b)] == ["学习治安管理处罚法"]
    page = login(office).get(reverse("supervision_shufa:detail", args=[rec_a.pk])).content.decode()
    assert "学法记录（1）" in page and "学习治安管理处罚法" not in page


def selectors_attendances():
    from fazhi.education.models import Attendance

    return Attendance.objects.select_related("session", "user")


def test_an_ambiguous_name_is_linked_to_nobody_and_reads_only_unlinked_attendances(
    tree, office, county_office
):
    from fazhi.education import services as education

    _user("wang_a", "王建国", tree.unit_a)
    _user("wang_b", "王建国", tree.unit_b)
    session = education.register_session(
        actor=county_office,
        unit=tree.county_unit,
        kind="group",
        title="学习行政处罚法",
        held_on=D(2024, 4, 1),
    )
    education.record_attendees(case=session, actor=county_office, people="王建国 局长")
    assert session.attendances.get().user is None  # two 王建国, neither in the county unit
    rec = f.shufa(county_office, tree.county_unit)
    assert rec.person is None
    assert [a.session.title for a in selectors.study_record(county_office, rec)] == ["学习行政处罚法"]


def test_a_chosen_person_must_bear_the_leaders_name(tree, office, clerk_a):
    from django.core.exceptions import ValidationError

    wang = _user("wang_a", "王建国", tree.unit_a)
    with pytest.raises(ValidationError) as exc:
        services.record_shufa(
            actor=clerk_a, org=tree.unit_a, year=2024, leader="李明", title="局长",
            held_on=D(2025, 1, 20), meeting="述法会", person=wang,
        )  # fmt: skip
    assert "与述法人李明不符" in str(exc.value)
    rec = services.record_shufa(
        actor=clerk_a, org=tree.unit_a, year=2024, leader="王建国", title="局长",
        held_on=D(2025, 1, 20), meeting="述法会", person=wang,
    )  # fmt: skip
    assert rec.person == wang and rec.history.get().person_id == wang.pk
