"""矛盾纠纷 services: every transition, the refusals (人民调解法 第二十六条、第三十三条), the audit rows, scope."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import JurisdictionSetting
from fazhi.mediation import selectors, services
from fazhi.mediation.choices import EventKind, Outcome, Status
from fazhi.mediation.models import Dispute
from tests.mediation import factories

D = date
pytestmark = pytest.mark.django_db


def test_register_numbers_the_dispute_and_sets_the_local_time_limit(tree, office):
    d = factories.dispute(office, unit=tree.unit_a, received_on=D(2025, 9, 1))
    assert d.org == tree.city and d.status == Status.MEDIATING
    assert d.number == "青城市调〔2025〕1号"
    assert d.handling_due == D(2025, 10, 1)  # 30 days by default (《人民调解工作若干规定》第三十三条)
    assert d.history.first().history_change_reason == "登记矛盾纠纷"
    assert [e.kind for e in d.events.all()] == [EventKind.REGISTERED]


def test_the_time_limit_is_a_setting_of_the_jurisdiction(tree, office):
    JurisdictionSetting.objects.create(org=tree.city, key="mediation.handling_days", value="15")
    d = factories.dispute(office, unit=tree.unit_a, received_on=D(2025, 9, 1))
    assert d.handling_due == D(2025, 9, 16)


def test_a_written_agreement_opens_the_thirty_days_for_judicial_confirmation(tree, office):
    d = factories.resolved(office, unit=tree.unit_a, concluded_on=D(2025, 9, 1))
    assert d.status == Status.RESOLVED
    assert d.confirmation_due == D(2025, 10, 9)  # +30 = 10/1, 国庆 through 10/8
    services.apply_confirmation(case=d, actor=office, applied_on=D(2025, 10, 9), court="青城市人民法院")
    services.record_confirmation(case=d, actor=office, confirmation="valid", confirmed_on=D(2025, 10, 15))
    services.follow_up(case=d, actor=office, followed_up_on=D(2025, 11, 1), performance="done")
    d.refresh_from_db()
    assert (d.confirmation, d.performance) == ("valid", "done")
    assert [e.kind for e in d.events.all()] == [
        EventKind.REGISTERED,
        EventKind.CONCLUDED,
        EventKind.APPLIED,
        EventKind.CONFIRMED,
        EventKind.FOLLOW_UP,
    ]
    assert d.history.first().history_change_reason == "回访"


def test_judicial_confirmation_after_thirty_days_is_refused_and_nothing_written(tree, office):
    d = factories.resolved(office, unit=tree.unit_a, concluded_on=D(2025, 9, 1))
    with pytest.raises(ValidationError) as exc:
        services.apply_confirmation(case=d, actor=office, applied_on=D(2025, 10, 10), court="青城市人民法院")
    assert "三十日内" in str(exc.value) and "2025年10月09日" in str(exc.value)
    d.refresh_from_db()
    assert d.confirmation_applied_on is None
    assert not d.events.filter(kind=EventKind.APPLIED).exists()


def test_an_oral_agreement_takes_effect_the_day_it_is_reached(tree, office):
    d = factories.dispute(office, unit=tree.unit_a)
    services.conclude(
        case=d, actor=office, outcome=Outcome.ORAL, concluded_on=D(2025, 9, 5), agreement="口头约定还款"
    )
    assert d.agreement_effective_on == D(2025, 9, 5)


def test_failure_must_tell_the_other_routes(tree, office):
    d = factories.dispute(office, unit=tree.unit_a)
    with pytest.raises(ValidationError, match="第二十六条"):
        services.conclude(case=d, actor=office, outcome=Outcome.FAILED, concluded_on=D(2025, 9, 5))
    d.refresh_from_db()
    assert d.status == Status.MEDIATING
    services.conclude(
        case=d, actor=office, outcome=Outcome.FAILED, concluded_on=D(2025, 9, 5), routes_told=True
    )
    assert d.status == Status.FAILED
    with pytest.raises(ValidationError, match="当前状态"):
        services.apply_confirmation(case=d, actor=office, applied_on=D(2025, 9, 6), court="青城市人民法院")


def test_an_agreement_needs_its_content_and_sessions_are_counted(tree, office):
    d = factories.dispute(office, unit=tree.unit_a)
    services.record_session(case=d, actor=office, held_on=D(2025, 9, 2), note="双方到场")
    services.record_session(case=d, actor=office, held_on=D(2025, 9, 3))
    assert d.sessions == 2
    with pytest.raises(ValidationError, match="协议内容"):
        services.conclude(
            case=d,
            actor=office,
            outcome=Outcome.WRITTEN,
            concluded_on=D(2025, 9, 5),
            agreement_effective_on=D(2025, 9, 5),
        )
    with pytest.raises(ValidationError, match="不能早于"):
        services.record_session(case=d, actor=office, held_on=D(2025, 8, 1))


def test_confirmation_only_after_an_application(tree, office):
    d = factories.resolved(office, unit=tree.unit_a)
    with pytest.raises(ValidationError, match="尚未申请司法确认"):
        services.record_confirmation(case=d, actor=office, confirmation="valid", confirmed_on=D(2025, 9, 10))


def test_scope_another_units_clerk_can_neither_see_nor_act(tree, office, clerk_a, clerk_b, county_office):
    d = factories.dispute(clerk_a, unit=tree.unit_a)
    assert list(selectors.visible_cases(clerk_a)) == [d]
    assert list(selectors.visible_cases(office)) == [d]
    assert not selectors.visible_cases(clerk_b).exists()
    assert not selectors.visible_cases(county_office).exists()
    with pytest.raises(PermissionDenied):
        services.record_session(case=d, actor=clerk_b, held_on=D(2025, 9, 2))
    with pytest.raises(PermissionDenied):
        factories.dispute(clerk_b, unit=tree.unit_a)
    assert Dispute.objects.count() == 1


def test_due_source_lists_disputes_still_being_mediated(tree, office, clerk_b):
    open_ = factories.dispute(office, unit=tree.unit_a, received_on=D(2025, 9, 1))
    factories.resolved(office, unit=tree.unit_a, parties="甲、乙")
    src = selectors.due_source()
    assert list(src.queryset(office)) == [open_]
    assert not src.queryset(clerk_b).exists()
    assert "一个月内调结" in src.rule


def test_edit_recomputes_the_time_limit_and_void_takes_it_out_of_figures(client, tree, office):
    from fazhi.indicators.registry import Period, compute

    d = factories.dispute(office, unit=tree.unit_a, received_on=D(2025, 9, 1))
    client.force_login(office)
    data = {
        "channel": d.channel,
        "committee": d.committee,
        "mediator": d.mediator,
        "source": d.source,
        "kind": d.kind,
        "parties": d.parties,
        "summary": d.summary,
        "received_on": "2025-09-05",
        "reason": "登记日期以登记簿为准",
        "version": d.version,
    }
    assert client.post(f"/mediation/{d.pk}/edit/", data).status_code == 302
    d.refresh_from_db()
    assert (d.received_on, d.handling_due) == (D(2025, 9, 5), D(2025, 10, 5))
    assert (
        client.post(f"/mediation/{d.pk}/void/", {"reason": "重复登记，与另一件为同一纠纷"}).status_code == 302
    )
    assert not Dispute.objects.filter(pk=d.pk).exists() and Dispute.all_objects.filter(pk=d.pk).exists()
    assert compute(tree.city, Period.year(2025), ["mediation.disputes"])["mediation.disputes"].value == 0
    assert not selectors.due_source().queryset(office).exists()
