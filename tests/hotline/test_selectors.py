"""12345 工单 reads: org scope (the office its jurisdiction's tickets, a unit those dispatched to it), the due
source (open tickets at units by their due date), the figures (受理, 办结, 按时办结率, 满意率: drill-down rows =
figure) and the 分档分类 evaluation of units."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from fazhi.core.due import OVERDUE, due_summary, get_source
from fazhi.hotline import selectors, services
from fazhi.hotline.choices import Satisfaction
from fazhi.indicators.registry import Period, compute, drilldown_records

from . import factories

pytestmark = pytest.mark.django_db
D = date


def closed(office, clerk, tree, unit, *, reply_on, satisfaction="satisfied"):
    t = factories.dispatched(office, tree.city, unit, on=D(2025, 9, 30))  # due 2025-10-14
    services.sign_ticket(ticket=t, actor=clerk, signed_on=D(2025, 10, 9))
    services.reply_ticket(ticket=t, actor=clerk, replied_on=reply_on, reply="已办理")
    services.close_ticket(ticket=t, actor=office, closed_on=reply_on)
    if satisfaction:
        services.visit_ticket(ticket=t, actor=office, visited_on=reply_on, satisfaction=satisfaction)
    return t


def test_scope(tree, office, clerk_a, clerk_b, county_office):
    a = factories.dispatched(office, tree.city, tree.unit_a)
    b = factories.dispatched(office, tree.city, tree.unit_b)
    waiting = factories.ticket(office, tree.city)
    assert set(selectors.visible_cases(office)) == {a, b, waiting}
    assert list(selectors.visible_cases(clerk_a)) == [a]
    assert list(selectors.visible_cases(clerk_b)) == [b]
    assert not selectors.visible_cases(county_office).exists()


def test_filters(tree, office):
    a = factories.dispatched(office, tree.city, tree.unit_a, caller="赵六")
    factories.dispatched(office, tree.city, tree.unit_b, category="0101")
    f = selectors.CaseFilters.from_params
    assert list(selectors.filtered_cases(office, f({"q": a.number}))) == [a]
    assert list(selectors.filtered_cases(office, f({"q": "赵六"}))) == [a]
    assert list(selectors.filtered_cases(office, f({"unit": str(tree.unit_a.pk)}))) == [a]
    assert selectors.filtered_cases(office, f({"category": "0101"})).count() == 1
    with time_machine.travel(D(2025, 10, 15)):
        assert selectors.filtered_cases(office, f({"due": "overdue"})).count() == 2


def test_due_source_lists_open_tickets_of_the_unit(tree, office, clerk_a):
    factories.dispatched(office, tree.city, tree.unit_a)  # due 2025-10-14
    closed(office, clerk_a, tree, tree.unit_a, reply_on=D(2025, 10, 10))
    src = get_source("hotline.ticket")
    with time_machine.travel(D(2025, 10, 15)):
        assert due_summary(clerk_a, D(2025, 10, 15), only=[src])
        assert src.filtered(clerk_a, OVERDUE, D(2025, 10, 15)).count() == 1
        assert src.filtered(office, OVERDUE, D(2025, 10, 14)).count() == 0


def test_figures_and_their_drilldown(tree, office, clerk_a, clerk_b):
    closed(office, clerk_a, tree, tree.unit_a, reply_on=D(2025, 10, 14))  # on time, satisfied
    closed(office, clerk_a, tree, tree.unit_a, reply_on=D(2025, 10, 15), satisfaction="dissatisfied")  # late
    closed(office, clerk_b, tree, tree.unit_b, reply_on=D(2025, 10, 13), satisfaction=Satisfaction.BASIC)
    closed(
        office, clerk_b, tree, tree.unit_b, reply_on=D(2025, 10, 13), satisfaction=Satisfaction.UNREACHABLE
    )
    main = factories.dispatched(office, tree.city, tree.unit_a)
    dup = factories.ticket(office, tree.city)
    services.merge_ticket(ticket=dup, actor=office, into=main, merged_on=D(2025, 10, 9))
    period = Period.year(2025)
    keys = ["hotline.received", "hotline.closed", "hotline.on_time_rate", "hotline.satisfaction_rate"]
    v = compute(tree.city, period, keys)
    assert v["hotline.received"].value == 5  # the merged duplicate is not a request of its own
    assert v["hotline.closed"].value == 4
    assert str(v["hotline.on_time_rate"].value) == "75.0"  # 3 of 4
    assert str(v["hotline.satisfaction_rate"].value).startswith("66.7")  # 2 of 3 rated
    assert drilldown_records("hotline.received", tree.city, period).count() == 5
    assert drilldown_records("hotline.on_time_rate", tree.city, period).count() == 3
    assert drilldown_records("hotline.on_time_rate", tree.city, period, "denominator").count() == 4
    unit_a = compute(tree.unit_a, period, keys)  # a unit: the tickets dispatched to it
    assert (unit_a["hotline.closed"].value, str(unit_a["hotline.on_time_rate"].value)) == (2, "50.0")


def test_unit_evaluation_groups_by_type_and_tier(tree, office, clerk_a, clerk_b):
    tree.unit_a.unit_type = "政府部门"
    tree.unit_a.save()
    for _ in range(10):
        closed(office, clerk_a, tree, tree.unit_a, reply_on=D(2025, 10, 14))
    t = factories.dispatched(office, tree.city, tree.unit_b, on=D(2025, 11, 3))
    services.bounce_ticket(ticket=t, actor=clerk_b, bounced_on=D(2025, 11, 5), reason="非本单位职责")
    services.review_bounce(ticket=t, actor=office, reviewed_on=D(2025, 11, 5), approved=True)
    services.dispatch_ticket(ticket=t, actor=office, unit=tree.unit_a, dispatched_on=D(2025, 11, 5))
    groups = selectors.unit_evaluation(office, D(2025, 1, 1), D(2025, 12, 31))
    a = groups["政府部门"]["小件量"][0]
    assert (a.name, a.dispatched, a.closed, a.on_time_rate, a.grade) == (
        "青城市市场监督管理局",
        11,
        10,
        100.0,
        "好",
    )
    b = groups["其他单位"]["小件量"][0]
    assert (b.name, b.dispatched, b.returned, b.returned_days, b.grade) == (
        "青城市公安局",
        0,
        1,
        2,
        "样本不足",
    )
    assert selectors.unit_evaluation(clerk_b, D(2025, 1, 1), D(2025, 12, 31)) == {}
