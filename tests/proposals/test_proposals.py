"""建议提案: 交办 with the local reply period (a per-jurisdiction setting), answer, opinion, 办结, the figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import JurisdictionSetting
from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.proposals import selectors, services
from fazhi.proposals.choices import Status

pytestmark = pytest.mark.django_db
D = date


def assign(actor, unit, number="1", kind="npc", assigned_on=D(2025, 3, 20)):  # noqa: B008 - a constant date
    return services.assign(
        actor=actor,
        unit=unit,
        kind=kind,
        number=number,
        session="十七届三次会议",
        title="关于加强食品安全监管的建议",
        proposer="王伟",
        assigned_on=assigned_on,
    )


def test_the_reply_is_due_three_months_after_assignment_by_default(tree, office):
    p = assign(office, tree.unit_a)
    assert p.due_on == D(2025, 6, 20) and p.status == Status.ASSIGNED
    assert assign(office, tree.unit_a, number="2", assigned_on=D(2025, 11, 30)).due_on == D(2026, 2, 28)
    with pytest.raises(ValidationError, match="已登记"):
        assign(office, tree.unit_a)


def test_the_period_is_the_jurisdictions_setting(tree, office):
    JurisdictionSetting.objects.create(org=tree.city, key="proposals.reply_months", value="2")
    assert assign(office, tree.county_unit).due_on == D(2025, 5, 20)


def test_answer_opinion_and_close(tree, office, clerk_a):
    p = assign(office, tree.unit_a)
    with pytest.raises(PermissionDenied):
        assign(clerk_a, tree.unit_a, number="9")
    services.answer(case=p, actor=clerk_a, answered_on=D(2025, 6, 23), category="b")
    assert (p.status, p.on_time) == (Status.ANSWERED, False)
    with pytest.raises(ValidationError, match="请先登记代表委员"):
        services.close(case=p, actor=clerk_a, closed_on=D(2025, 7, 1))
    services.feedback(case=p, actor=clerk_a, satisfaction="basic", on=D(2025, 6, 30))
    services.close(case=p, actor=clerk_a, closed_on=D(2025, 7, 1))
    assert p.status == Status.CLOSED
    assert [e.kind for e in p.events.all()] == ["assigned", "answered", "feedback", "closed"]


def test_scope(tree, office, clerk_a, clerk_b):
    p = assign(office, tree.unit_a)
    assert list(selectors.visible_cases(clerk_a)) == [p]
    assert list(selectors.visible_cases(clerk_b)) == []
    with pytest.raises(PermissionDenied):
        services.answer(case=p, actor=clerk_b, answered_on=D(2025, 5, 1), category="a")
    assert [r.pk for r in selectors.due_source().annotated(clerk_a)] == [p.pk]


def test_figures(tree, office):
    a = assign(office, tree.unit_a)
    b = assign(office, tree.unit_b, number="2", kind="cppcc")
    assign(office, tree.county_unit, number="3")
    services.answer(case=a, actor=office, answered_on=D(2025, 5, 1), category="a")
    services.feedback(case=a, actor=office, satisfaction="satisfied", on=D(2025, 5, 9))
    services.answer(case=b, actor=office, answered_on=D(2025, 7, 1), category="c")
    services.feedback(case=b, actor=office, satisfaction="dissatisfied", on=D(2025, 7, 9))
    keys = [
        "supervision.npc_suggestions",
        "supervision.cppcc_proposals",
        "supervision.suggestions_total",
        "supervision.suggestions_received",
        "supervision.suggestion_completion_rate",
        "supervision.suggestion_on_time_rate",
        "supervision.suggestion_satisfaction_rate",
    ]
    got = compute(tree.city, Period.year(2025), keys)
    assert {k: (str(v.value), v.numerator, v.denominator) for k, v in got.items()} == {
        "supervision.npc_suggestions": ("1", None, None),
        "supervision.cppcc_proposals": ("1", None, None),
        "supervision.suggestions_total": ("2", None, None),
        "supervision.suggestions_received": ("3", None, None),
        "supervision.suggestion_completion_rate": ("66.7", 2, 3),
        "supervision.suggestion_on_time_rate": ("50.0", 1, 2),
        "supervision.suggestion_satisfaction_rate": ("50.0", 1, 2),
    }
    assert drilldown_records("supervision.suggestions_received", tree.city, Period.year(2025)).count() == 3


def test_pages(client, tree, office):
    client.force_login(office)
    resp = client.post(
        "/proposals/new/",
        {
            "kind": "cppcc",
            "session": "政协十二届三次会议",
            "number": "45",
            "title": "关于推进法治乡村建设的提案",
            "proposer": "李娜",
            "unit": tree.unit_a.pk,
            "assigned_on": "2025-03-20",
        },
    )
    assert resp.status_code == 302
    assert "2025年6月20日" in client.get(resp.url).content.decode()  # 答复期限: 3 months after 交办
    listing = client.get("/proposals/").content.decode()
    assert "政协委员提案第45号" in listing
