"""The audit trail: each record's history and the one operation log across all records (操作日志), with who,
when, the reason, and each change as before → after in the labels users read (choice labels, not codes)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.audit import operation_log, record_history
from fazhi.litigation import services as lit_services
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import Decision
from tests import factories

pytestmark = pytest.mark.django_db
LOG = reverse("core-operation-log")


@pytest.fixture
def decided(tree, office, reviewer):
    """Registered and accepted by the office, decided 撤销 by the reviewer."""
    case = factories.accepted_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=date(2025, 1, 24),
        accepted_on=date(2025, 1, 27),
    )
    return services.decide_case(
        case=case, actor=reviewer, decision=Decision.REVOKE, decided_on=date(2025, 3, 1)
    )


def changes(entry) -> dict[str, tuple]:
    return {c.field: (c.old, c.new) for c in entry.changes}


def test_record_history_newest_first_with_labels(decided):
    entries = record_history(decided)
    assert [(e.action, e.label, e.who) for e in entries] == [
        ("修改", "作出决定：撤销", "周建华"),
        ("修改", "受理", "林晓燕"),
        ("新增", "收到申请", "林晓燕"),
    ]
    decision = changes(entries[0])
    # Choice fields show their labels: 审理中 → 已决定, (empty) → 撤销.
    assert decision["状态"] == ("审理中", "已决定")
    assert decision["复议决定"] == ("", "撤销")
    assert decision["决定日期"] == (None, date(2025, 3, 1))
    # Derived fields (due dates, editable=False) are recomputed from the inputs and not listed as changes.
    assert "决定期限" not in decision
    acceptance = changes(entries[1])
    assert acceptance["状态"] == ("待审查", "审理中")
    assert entries[2].changes == []  # a creation has no before


def test_operation_log_spans_every_record_type(decided, office):
    suit = factories.litigation_case(
        office,
        defendant=decided.respondent,
        case_number="（2025）青01行初15号",
        complaint_received_on=date(2025, 9, 16),
    )
    suit = lit_services.record_judgment(
        case=suit, actor=office, result="revoke", judged_on=date(2025, 11, 10)
    )
    lit_services.record_appeal(case=suit, actor=office, appealed_on=date(2025, 11, 20))
    log = operation_log(limit=100)
    models = {e.model for e in log}
    assert {"行政复议案件", "申请人", "行政应诉案件"} <= models
    judgment = next(e for e in log if e.model == "行政应诉案件" and e.label == "裁判结果：撤销")
    assert judgment.who == "林晓燕"
    assert changes(judgment)["状态"] == ("审理中", "已判决/裁定")
    assert changes(judgment)["裁判日期"] == (None, date(2025, 11, 10))
    appeal = next(e for e in log if e.label == "上诉")
    assert changes(appeal) == {"是否上诉": ("否", "是")}  # booleans in words
    assert changes(judgment)["裁判结果"] == ("", "撤销")
    # Newest first.
    assert [e.when for e in log] == sorted((e.when for e in log), reverse=True)


def test_operation_log_search_by_user_or_reason(decided):
    by_reviewer = operation_log(query="reviewer")
    assert by_reviewer and {e.who for e in by_reviewer} == {"周建华"}
    by_reason = operation_log(query="作出决定")
    assert [e.label for e in by_reason] == ["作出决定：撤销"]
    assert operation_log(query="没有这样的操作") == []


def test_operation_log_page_for_the_administrator(login, sysadmin, decided):
    response = login(sysadmin).get(LOG)
    assert response.status_code == 200
    page = response.content.decode()
    assert "作出决定：撤销" in page
    assert "审理中 → 已决定" in page
    assert "（空） → 撤销" in page
    assert "周建华" in page
    response = login(sysadmin).get(LOG, {"q": "受理"})
    assert "作出决定：撤销" not in response.content.decode()


def test_log_pages_are_for_administrators_only(login, client, office, leader, clerk_a):
    for user in (office, leader, clerk_a):
        for name in ("core-operation-log", "core-login-log"):
            assert login(user).get(reverse(name)).status_code == 403
    for name in ("core-operation-log", "core-login-log"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_operation_log_is_searched_by_the_persons_name_too(decided):
    assert {e.who for e in operation_log(query="周建华")} == {"周建华"}
