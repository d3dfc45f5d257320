"""修改基本信息 and 作废 of any record type (core.casework.editing), on the two casework apps: audited with a
reason, fields the statute fixes locked with why, the derived deadlines recomputed, a voided record kept but gone
from lists, figures and deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit import record_history
from fazhi.indicators.registry import Period, compute
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories


@pytest.fixture
def case(tree, office):
    return factories.register_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=date(2025, 9, 15)
    )


def test_edit_changes_the_record_with_a_reason_and_recomputes_deadlines(client, office, case):
    client.force_login(office)
    page = client.get(f"/reconsideration/{case.pk}/edit/")
    assert page.status_code == 200 and "修改原因" in page.content.decode()
    old_due = case.acceptance_due
    response = client.post(
        f"/reconsideration/{case.pk}/edit/",
        {
            "received_on": "2025-09-22",
            "act_type": case.act_type,
            "act_description": case.act_description,
            "reason": "收到日期登记错误，以收件登记簿为准",
            "version": case.version,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.received_on == date(2025, 9, 22) and case.acceptance_due > old_due
    latest = record_history(case)[0]
    assert latest.who == str(office) and any(c.new == date(2025, 9, 22) for c in latest.changes)
    assert case.history.latest().history_change_reason == "修改基本信息：收到日期登记错误，以收件登记簿为准"


def test_edit_needs_a_reason_and_refuses_locked_fields(client, office, case):
    from fazhi.reconsideration import services

    client.force_login(office)
    data = {"received_on": "2025-09-16", "act_type": case.act_type, "act_description": "x", "version": 1}
    response = client.post(f"/reconsideration/{case.pk}/edit/", {**data, "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    services.accept_case(case=case, actor=office, accepted_on=date(2025, 9, 17))
    case.refresh_from_db()
    page = client.get(f"/reconsideration/{case.pk}/edit/").content.decode()
    assert "行政复议法第三十条" in page and "disabled" in page
    response = client.post(
        f"/reconsideration/{case.pk}/edit/",
        {**data, "version": case.version, "reason": "试图改收到日期"},
    )
    case.refresh_from_db()
    assert case.received_on == date(2025, 9, 15)  # a disabled field keeps its value


def test_edit_and_void_are_refused_to_who_may_not_handle(client, leader, clerk_a, clerk_b, case):
    # 领导 reads; the respondent's clerk sees the case but does not handle 复议; another unit does not see it
    for user, status in ((leader, 403), (clerk_a, 403), (clerk_b, 404)):
        client.force_login(user)
        assert client.get(f"/reconsideration/{case.pk}/edit/").status_code == status
        assert (
            client.post(f"/reconsideration/{case.pk}/void/", {"reason": "不该能作废"}).status_code == status
        )
        assert "修改基本信息" not in client.get(f"/reconsideration/{case.pk}/").content.decode()
    assert ReconsiderationCase.objects.filter(pk=case.pk).exists()


def test_void_keeps_the_record_out_of_lists_figures_and_deadlines(client, tree, office, case):
    client.force_login(office)

    def received() -> int:
        return compute(tree.city, Period.year(2025), ["reconsideration.received"])[
            "reconsideration.received"
        ].value

    before = received()
    assert client.post(f"/reconsideration/{case.pk}/void/", {"reason": "abc"}).status_code == 302
    assert ReconsiderationCase.objects.filter(pk=case.pk).exists()  # too short a reason: nothing voided
    response = client.post(f"/reconsideration/{case.pk}/void/", {"reason": "重复登记，与另一件为同一申请"})
    assert response.status_code == 302 and response["Location"] == "/reconsideration/"
    assert not ReconsiderationCase.objects.filter(pk=case.pk).exists()
    voided = ReconsiderationCase.all_objects.get(pk=case.pk)
    assert voided.void_reason == "重复登记，与另一件为同一申请" and voided.voided_by == office
    assert received() == before - 1
    assert client.get(f"/reconsideration/{case.pk}/").status_code == 404
    assert str(case.number) not in client.get("/reconsideration/").content.decode()
    assert voided.history.latest().history_change_reason == "作废：重复登记，与另一件为同一申请"


def test_a_voided_suit_frees_its_number(client, tree, office):
    suit = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初9号",
        complaint_received_on=date(2025, 9, 16),
    )
    client.force_login(office)
    client.post(f"/litigation/{suit.pk}/void/", {"reason": "被告单位登记错误"})
    again = factories.litigation_case(
        office,
        defendant=tree.unit_b,
        case_number="（2025）青01行初9号",
        complaint_received_on=date(2025, 9, 16),
    )
    assert LitigationCase.objects.get().pk == again.pk
