"""The demo plan of 12345 (fazhi.hotline.demo): bulk final-state tickets whose derived fields are what the rules
compute, some open and overdue, and a sample through the services with its real history (bounce, 并单, 督办)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.demoplan import DemoContext
from fazhi.demo import city as demo_city
from fazhi.hotline import demo, rules
from fazhi.hotline.choices import EventKind, Outcome, Status
from fazhi.hotline.models import Assignment, Ticket, TicketEvent

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 20)


def test_demo_plan(db):
    root = demo_city.load_org_tree()
    demo_city.create_users("demo-pass-1234")
    line = demo.load(DemoContext(root=root, today=TODAY, seed=1, label="hotline", scale=0.02))
    assert line.startswith("12345工单")
    tickets = Ticket.objects.all()
    assert 400 <= tickets.count() <= 1200
    assert not tickets.filter(received_on__gt=TODAY).exists()
    assert tickets.filter(status=Status.CLOSED).count() > tickets.count() * 0.8
    assert tickets.filter(status__in=[Status.DISPATCHED, Status.HANDLING], due_on__lt=TODAY).exists()
    limits = rules.TimeLimits.of(root)
    for t in tickets.filter(status=Status.CLOSED).order_by("id")[:50]:
        assert t.due_on == limits.due(t.dispatched_on, t.category, t.urgency)
        assert t.on_time == rules.is_on_time(t)
        assert not rules.validate(t)
    assert Assignment.objects.filter(outcome=Outcome.RETURNED).exists()
    assert tickets.filter(status=Status.MERGED, merged_into__isnull=False).exists()
    assert TicketEvent.objects.filter(kind=EventKind.SUPERVISED).exists()
    sampled = tickets.filter(created_by__isnull=False).order_by("id").first()  # through the services
    assert sampled.history.count() >= 3 and sampled.history.last().history_user is not None
