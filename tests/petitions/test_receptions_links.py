"""领导接访 records with their figure, and 诉访分离 linked to the 复议 or 诉讼 case in Fazhi it went to (chosen among
the cases the user may see, through those apps' selectors)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.indicators.registry import Period, compute
from fazhi.indicators.selectors import drill_url
from fazhi.petitions import selectors, services
from fazhi.petitions.choices import EventKind
from fazhi.petitions.models import LeaderReception, Petition
from tests import factories as common
from tests.petitions import factories

D = date
pytestmark = pytest.mark.django_db
TOTAL = re.compile(r"共 (\d+) 条")
REASON = "属于行政复议范围，已告知信访人依法申请行政复议"


def recon_case(office, tree, respondent=None):
    return common.register_case(
        office, org=tree.city, respondent=respondent or tree.unit_a, received_on=D(2025, 9, 20)
    )


def test_a_routed_petition_links_the_reconsideration_case(tree, office, login):
    case = recon_case(office, tree)
    p = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 9, 16))
    assert selectors.case_choices(office, p, route="reconsideration") == [
        (case.number, f"{case.applicant_summary}，2025-09-20收到")
    ]
    with pytest.raises(ValidationError) as exc:
        services.route(
            case=p,
            actor=office,
            routed_on=D(2025, 9, 18),
            route="reconsideration",
            reason=REASON,
            case_number="无此案号",
        )
    assert "没有您可查看的案号为「无此案号」的行政复议案件" in str(exc.value)
    p.refresh_from_db()
    assert p.route == "" and p.reconsideration_case is None
    services.route(
        case=p,
        actor=office,
        routed_on=D(2025, 9, 18),
        route="reconsideration",
        reason=REASON,
        case_number=case.number,
    )
    p.refresh_from_db()
    assert p.reconsideration_case == case
    html = login(office).get(f"/petitions/{p.pk}/").content.decode()
    assert f'href="/reconsideration/{case.pk}/"' in html and case.number in html


def test_link_after_routing_and_what_each_user_may_pick(tree, office, clerk_b, login):
    theirs = recon_case(office, tree, respondent=tree.unit_a)  # clerk B (unit B) may not see it
    p = factories.petition(office, unit=tree.unit_b, received_on=D(2025, 9, 16))
    services.route(case=p, actor=office, routed_on=D(2025, 9, 18), route="reconsideration", reason=REASON)
    assert selectors.case_choices(clerk_b, p) == []
    with pytest.raises(ValidationError) as exc:
        services.link_case(case=p, actor=clerk_b, case_number=theirs.number)
    assert "没有您可查看" in str(exc.value)
    c = login(office)
    html = c.get(f"/petitions/{p.pk}/").content.decode()
    assert 'list="routable-cases"' in html and f'<option value="{theirs.number}">' in html
    p.refresh_from_db()
    r = c.post(
        f"/petitions/{p.pk}/action/link/", {"case_number": theirs.number, "version": p.version}, follow=True
    )
    assert r.status_code == 200
    p.refresh_from_db()
    assert p.reconsideration_case == theirs
    assert p.events.filter(kind=EventKind.LINKED).count() == 1
    with pytest.raises(ValidationError):  # linked once; the action is no longer offered
        services.link_case(case=p, actor=office, case_number=theirs.number)
    html = login(clerk_b).get(f"/petitions/{p.pk}/").content.decode()
    assert theirs.number in html and "您无权查看该案件" in html


def test_litigation_route_links_a_litigation_case_only(tree, office):
    suit = common.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初12号",
        complaint_received_on=D(2025, 10, 9),
    )
    recon = recon_case(office, tree)
    p = factories.petition(office, unit=tree.unit_a)
    services.route(case=p, actor=office, routed_on=D(2025, 9, 18), route="litigation", reason="涉诉事项")
    with pytest.raises(ValidationError):
        services.link_case(case=p, actor=office, case_number=recon.number)
    services.link_case(case=p, actor=office, case_number=suit.case_number)
    assert p.litigation_case == suit and p.reconsideration_case is None
    q = factories.petition(office, unit=tree.unit_a, petitioner="钱七")
    with pytest.raises(ValidationError) as exc:  # 仲裁 is not kept in Fazhi
        services.route(
            case=q,
            actor=office,
            routed_on=D(2025, 9, 18),
            route="arbitration",
            reason="仲裁",
            case_number="x",
        )
    assert "只有导入行政复议或诉讼程序" in str(exc.value)


def test_leader_receptions_with_their_petitions_and_figure(tree, office, clerk_b, login):
    p1 = factories.petition(
        office, unit=tree.unit_a, channel="leader", received_on=D(2025, 9, 15), received_by="副市长李明"
    )
    p2 = factories.petition(
        office,
        unit=tree.unit_a,
        channel="leader",
        received_on=D(2025, 9, 15),
        petitioner="孙八",
        received_by="副市长李明",
    )
    late = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 9, 20), petitioner="周九")
    r = services.record_reception(
        actor=office,
        unit=tree.city,
        leader="李明",
        leader_title="副市长",
        held_on=D(2025, 9, 15),
        place="市人民来访接待中心",
        matters="征地补偿",
        visitors=5,
        petitions=[p1, p2],
    )
    assert r.history.count() == 1 and set(r.petitions.all()) == {p1, p2}
    with pytest.raises(ValidationError) as exc:
        services.record_reception(
            actor=office,
            unit=tree.city,
            leader="李明",
            leader_title="副市长",
            held_on=D(2025, 9, 15),
            place="市人民来访接待中心",
            matters="征地补偿",
            petitions=[late],
        )
    assert "晚于接访日期" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.record_reception(
            actor=office,
            unit=tree.city,
            leader="",
            leader_title="副市长",
            held_on=D(2025, 10, 15),
            place="x",
            matters="y",
        )
    assert "请填写接访领导" in str(exc.value)
    assert LeaderReception.objects.count() == 1
    services.record_reception(
        actor=office,
        unit=tree.county,
        leader="王强",
        leader_title="县长",
        held_on=D(2025, 10, 15),
        place="县人民来访接待中心",
        matters="政策咨询",
    )
    values = compute(tree.city, Period.year(2025))
    assert values["petitions.leader_receptions"].value == 2
    assert compute(tree.county, Period.year(2025))["petitions.leader_receptions"].value == 1
    c = login(office)
    url = drill_url(values["petitions.leader_receptions"])
    assert url.startswith("/petitions/receptions/")
    assert int(TOTAL.search(c.get(url).content.decode()).group(1)) == 2
    html = c.get(f"/petitions/?reception={r.pk}").content.decode()
    assert p1.number in html and p2.number in html and late.number not in html
    r2 = c.post(
        "/petitions/receptions/new/",
        {
            "unit": tree.city.pk,
            "leader": "赵刚",
            "leader_title": "市长",
            "held_on": "2025-11-17",
            "place": "市人民来访接待中心",
            "visitors": 3,
            "matters": "拖欠工资",
            "petitions": [late.pk],
        },
        follow=True,
    )
    assert "已登记领导接访" in r2.content.decode()
    assert login(clerk_b).get("/petitions/receptions/").content.decode().count("<tr><td><a href=") == 0
    assert Petition.objects.count() == 3
