"""`fazhi remind` for every app's due and overdue obligations: notices to the responsible users, e-mail when
configured, nothing sent twice on one day (see tests/core/due_data.py for the obligations and their dates)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from fazhi.core import notices
from fazhi.core.models import Notice
from tests.core import due_data
from tests.core.due_data import TODAY, at


@pytest.fixture
def data(tree, office, clerk_a, clerk_b, reviewer):
    office.email, clerk_a.email = "office@example.gov.cn", "clerk_a@example.gov.cn"
    office.save(update_fields=["email"])
    clerk_a.save(update_fields=["email"])
    return due_data.build(tree, office)


def run() -> str:
    out = io.StringIO()
    call_command("remind", stdout=out)
    return out.getvalue()


def test_responsible_users_are_the_units_clerks_and_the_jurisdictions_office(
    tree, office, reviewer, clerk_a, clerk_b, leader, sysadmin, county_office
):
    assert set(notices.responsible_users(tree.unit_a)) == {clerk_a, office, reviewer}
    # a jurisdiction's own obligations: its office and reviewers, not the leader, the administrator or the county
    assert set(notices.responsible_users(tree.city)) == {office, reviewer}
    assert set(notices.responsible_users(tree.county_unit)) == {county_office}


def test_remind_sends_one_notice_per_user_and_obligation_and_nothing_twice(
    data, office, reviewer, clerk_a, clerk_b
):
    with at(TODAY):
        out = run()
        assert "到期/逾期事项 5 件，新发站内消息 13 条，邮件 6 封" in out
        # R1 (city: office, reviewer), L1 (unit A: clerk_a, office, reviewer), T-B (unit B: clerk_b, office,
        # reviewer) overdue; R2 (city), L2 (unit B) due within 7 days; T-A is not yet due.
        per_user = Counter(Notice.objects.values_list("recipient__username", flat=True))
        assert per_user == {"office": 5, "reviewer": 5, "clerk_a": 1, "clerk_b": 2}
        # e-mail to those with an address (office and clerk A); the others get the notice only
        assert sorted(Counter(m.to[0] for m in mail.outbox).items()) == [
            ("clerk_a@example.gov.cn", 1),
            ("office@example.gov.cn", 5),
        ]
        n = Notice.objects.get(recipient=clerk_a)
        assert (
            n.title == f"行政应诉：{data['L1'].case_number} · 王五 已逾期7天" and "2026年03月09日" in n.body
        )
        assert n.url == f"/litigation/{data['L1'].pk}/"
        assert mail.outbox[0].subject.startswith("【法治】")
        # the second run of the day sends nothing
        out = run()
        assert "新发站内消息 0 条，邮件 0 封" in out
    assert Notice.objects.count() == 13 and len(mail.outbox) == 6
    # the next day the obligations still open are reminded again (one more day overdue)
    with at(TODAY + dt.timedelta(days=1)):
        assert "新发站内消息 13 条" in run()
    assert Notice.objects.filter(recipient=clerk_a, title__contains="已逾期8天").exists()


def test_a_notice_claimed_by_another_worker_is_not_sent_again(data, office):
    with at(TODAY):
        first = notices.send_due_reminders()
        second = notices.send_due_reminders()
    assert len(first.notices) == 13 and not second.notices and second.obligations == 5
    assert notices.claim_notice(recipient=office, key=first.notices[0].key, title="x") is None


@override_settings(FAZHI_EMAIL_ENABLED=False)
def test_without_email_only_notices(data):
    with at(TODAY):
        result = notices.send_due_reminders()
    assert len(result.notices) == 13 and result.emailed == 0 and not mail.outbox


def test_late_collection_reminders_still_run(data):
    from fazhi.collection.models import CollectionReminder

    with at(TODAY):
        out = run()
    assert "本次催报 1 条" in out and CollectionReminder.objects.get().task == data["TB"]


@pytest.mark.tasks
def test_remind_on_the_task_queue_does_the_same_run(data, office, reviewer, clerk_a, clerk_b):
    # The daily timer enqueues the run (deploy/systemd/fazhi-remind.service) and waits for the worker's result.
    with at(TODAY):
        out = io.StringIO()
        call_command("remind", "--enqueue", "--wait", "60", stdout=out)
        assert "已加入后台任务队列：期限提醒和催报" in out.getvalue()
        assert "到期/逾期事项 5 件，新发站内消息 13 条，邮件 6 封" in out.getvalue()
        assert Notice.objects.count() == 13
        call_command("remind", "--enqueue", stdout=io.StringIO())  # once a day: the second run sends nothing
        assert Notice.objects.count() == 13
