"""矛盾纠纷 pages and API: Chinese pages, the registration, an action, the figures and their drill-downs."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.mediation.models import Dispute
from tests.mediation import factories

D = date
pytestmark = pytest.mark.django_db


def no_codes(html: str) -> None:
    for code in ("mediating", "resolved", "pre_litigation", "neighbor", "sweep", "written"):
        assert not re.search(rf">\s*{code}\s*<", html), code


def test_list_detail_and_create_pages_are_chinese(login, office, tree):
    d = factories.resolved(office, unit=tree.unit_a, concluded_on=D(2025, 9, 1))
    c = login(office)
    html = c.get("/mediation/").content.decode()
    assert d.number in html and "调解成功" in html and "邻里纠纷" in html
    no_codes(html)
    html = c.get(f"/mediation/{d.pk}/").content.decode()
    assert "司法确认申请期限" in html and "第三十三条" in html
    no_codes(html)
    r = c.post(
        "/mediation/new/",
        {
            "unit": tree.unit_a.pk,
            "channel": "pre_litigation",
            "committee": "青城市诉前人民调解委员会",
            "mediator": "",
            "source": "court",
            "kind": "contract",
            "parties": "甲公司、乙公司",
            "summary": "货款纠纷",
            "received_on": "2025-09-10",
        },
        follow=True,
    )
    assert "已登记矛盾纠纷" in r.content.decode()
    assert Dispute.objects.filter(channel="pre_litigation").count() == 1


def test_api_register_and_refused_confirmation(login, office, tree):
    c = login(office)
    r = c.post(
        "/api/mediation/cases",
        {
            "unit_id": tree.unit_a.pk,
            "committee": "某村人民调解委员会",
            "source": "application",
            "kind": "family",
            "parties": "丙、丁",
            "summary": "赡养纠纷",
            "received_on": "2025-09-01",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    r = c.post(
        f"/api/mediation/cases/{pk}/actions/conclude",
        {
            "outcome": "written",
            "concluded_on": "2025-09-01",
            "agreement": "轮流赡养",
            "agreement_effective_on": "2025-09-01",
        },
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["confirmation_due"] == "2025-10-09"
    r = c.post(
        f"/api/mediation/cases/{pk}/actions/apply",
        {"applied_on": "2025-10-10", "court": "青城市人民法院"},
        content_type="application/json",
    )
    assert r.status_code in (400, 422), r.content
    assert "三十日内" in r.json()["detail"]
    assert Dispute.objects.get(pk=pk).confirmation_applied_on is None


def test_figures_come_from_the_records_and_drill_down_to_as_many_rows(tree, office):
    factories.resolved(office, unit=tree.unit_a, concluded_on=D(2025, 9, 1))
    factories.resolved(
        office, unit=tree.unit_a, parties="甲、乙", concluded_on=D(2025, 9, 2), channel="pre_litigation"
    )
    failed = factories.dispute(office, unit=tree.unit_b, parties="丙、丁")
    from fazhi.mediation import services

    services.conclude(
        case=failed, actor=office, outcome="failed", concluded_on=D(2025, 9, 3), routes_told=True
    )
    factories.dispute(office, unit=tree.unit_a, parties="戊、己")  # still mediating
    period = Period.year(2025)
    v = compute(
        tree.city,
        period,
        ["mediation.disputes", "mediation.resolved", "mediation.success_rate", "mediation.pre_litigation"],
    )
    assert v["mediation.disputes"].value == 4
    assert v["mediation.resolved"].value == 2
    assert v["mediation.pre_litigation"].value == 1
    rate = v["mediation.success_rate"]
    assert (rate.numerator, rate.denominator) == (2, 3)
    for key, expected in (
        ("mediation.disputes", 4),
        ("mediation.resolved", 2),
        ("mediation.pre_litigation", 1),
    ):
        assert drilldown_records(key, tree.city, period).count() == expected
    assert drilldown_records("mediation.success_rate", tree.city, period, "denominator").count() == 3
    # A unit sees its own figure.
    assert compute(tree.unit_b, period, ["mediation.disputes"])["mediation.disputes"].value == 1
