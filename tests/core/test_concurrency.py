"""Lost updates (issue 8, defect 5): two simultaneous actions on one record, each on its own connection.

Each thread reads the case first (as the page did when it was drawn), then all threads pass a barrier together
and call the service. Every state-changing service re-reads its row under a lock inside its transaction
(core.locking.lock), so exactly one action succeeds and the other is refused against the winner's result.

Run against PostgreSQL (row locks: `export FAZHI_DATABASE_URL=$(./scripts/pg)`) and on SQLite (writers are
serialised by BEGIN IMMEDIATE): both must see exactly one success and a consistent database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from fazhi.collection import services as collection
from fazhi.collection.models import CollectionForm
from fazhi.core.models import Org
from fazhi.indicators.models import Target
from fazhi.indicators.registry import Period
from fazhi.indicators.targets import save_target
from fazhi.litigation import services as lit_services
from fazhi.litigation.choices import Result
from fazhi.litigation.models import LitigationCase, LitigationEvent
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import EventKind, Status
from fazhi.reconsideration.models import CaseEvent, ReconsiderationCase
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
D = date


def race(*actions: Callable[[], Callable[[], object]]) -> list[tuple[str, str]]:
    """Run the actions at the same moment, one thread and one connection each.

    Each action is called first to read what it needs (before the barrier) and returns the call that writes."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[tuple[str, str]] = [("missing", "")] * len(actions)

    def run(i: int, prepare) -> None:
        try:
            write = prepare()
            barrier.wait(timeout=20)
            write()
            outcomes[i] = ("ok", "")
        except ValidationError as exc:
            outcomes[i] = ("refused", "；".join(exc.messages))
        except Exception as exc:  # noqa: BLE001 - reported in the assertion message
            outcomes[i] = ("error", repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread is still waiting (deadlock?)"
    return outcomes


def stale(case_id: int) -> ReconsiderationCase:
    return ReconsiderationCase.objects.get(pk=case_id)


def test_the_race_runs_on_separate_connections(tree):
    seen = []

    def prepare():
        seen.append(id(connection.connection) if connection.connection else None)
        ReconsiderationCase.objects.exists()
        seen[-1] = id(connection.connection)
        return lambda: None

    assert race(prepare, prepare) == [("ok", ""), ("ok", "")]
    assert len(set(seen)) == 2


def test_accept_and_reject_at_once_exactly_one_succeeds(tree, office, reviewer):
    case = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, 3))

    def accept():
        c = stale(case.pk)
        return lambda: services.accept_case(case=c, actor=office, accepted_on=D(2025, 3, 5))

    def reject():
        c = stale(case.pk)
        return lambda: services.reject_application(
            case=c, actor=reviewer, rejected_on=D(2025, 3, 5), reason="不属于复议范围"
        )

    outcomes = race(accept, reject)
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    case.refresh_from_db()
    events = list(CaseEvent.objects.filter(case=case, kind__in=[EventKind.ACCEPTED, EventKind.REJECTED]))
    assert len(events) == 1
    if outcomes[0][0] == "ok":  # accepted: the reject saw a case under review and was refused
        assert case.status == Status.HEARING and case.accepted_on and case.rejected_on is None
        assert events[0].kind == EventKind.ACCEPTED
    else:
        assert case.status == Status.REJECTED and case.rejected_on and case.accepted_on is None
        assert events[0].kind == EventKind.REJECTED
    assert case.version == 2  # registered (1), then one change
    assert case.history.count() == 2


def test_two_extensions_of_twenty_days_at_once_only_one_is_recorded(tree, office, reviewer):
    case = factories.accepted_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 5)
    )
    decision_due = case.decision_due

    def extend(actor):
        def prepare():
            c = stale(case.pk)
            return lambda: services.extend_case(
                case=c, actor=actor, approved_on=D(2025, 4, 1), days=20, approver="李主任"
            )

        return prepare

    outcomes = race(extend(office), extend(reviewer))
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    refused = next(o[1] for o in outcomes if o[0] == "refused")
    assert "延长期限最多不得超过三十日" in refused and "本案已延长 20 日" in refused
    case.refresh_from_db()
    assert case.extension_days == 20
    assert CaseEvent.objects.filter(case=case, kind=EventKind.EXTENDED).count() == 1
    # 受理 2025-03-05 + 60 日 = 05-04, in the 劳动节 holiday, so 05-06; one extension of 20 days: 05-26 (not 06-15).
    assert decision_due == D(2025, 5, 6)
    assert case.decision_due == D(2025, 5, 26)


def test_two_judgments_of_one_suit_at_once_only_one_is_recorded(tree, office, clerk_a):
    suit = factories.litigation_case(
        office, defendant=tree.unit_a, case_number="（2025）青01行初7号", complaint_received_on=D(2025, 3, 3)
    )

    def judge(actor, result):
        def prepare():
            c = LitigationCase.objects.get(pk=suit.pk)
            return lambda: lit_services.record_judgment(
                case=c, actor=actor, result=result, judged_on=D(2025, 6, 1)
            )

        return prepare

    outcomes = race(judge(office, Result.REVOKE), judge(clerk_a, Result.DISMISS_CLAIM))
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    suit.refresh_from_db()
    assert suit.result == (Result.REVOKE if outcomes[0][0] == "ok" else Result.DISMISS_CLAIM)
    assert suit.lost == (suit.result == Result.REVOKE)
    assert LitigationEvent.objects.filter(case=suit, kind="judged").count() == 1
    assert suit.version == 2


# -- the other state-changing services: 统计填报表, 指标目标 --------------------------------------------------------
def test_closing_a_form_while_it_is_edited_is_not_undone(tree, office, sysadmin):
    form = collection.create_form(
        actor=office,
        owner=tree.city,
        name="2025年度统计表",
        period=Period.parse("2025"),
        keys=["legal_services.notary_cases"],
    )

    def close():
        f = CollectionForm.objects.get(pk=form.pk)
        return lambda: collection.close_form(form=f, actor=sysadmin)

    def edit():
        f = CollectionForm.objects.get(pk=form.pk)
        return lambda: collection.update_form(
            form=f, actor=office, name="2025年度统计表（修订）", keys=["legal_services.notary_cases"]
        )

    outcomes = race(close, edit)
    form.refresh_from_db()
    # Either order is a valid history (edit then close, or close then the edit refused), but the close stays.
    assert form.status == CollectionForm.Status.CLOSED, outcomes
    assert outcomes[0] == ("ok", "")
    assert outcomes[1] in [("ok", ""), ("refused", "填报表已下发，不能再修改指标；如需调整请新建填报表")]
    assert (form.name == "2025年度统计表（修订）") == (outcomes[1][0] == "ok")


def test_two_offices_setting_the_same_target_at_once_one_is_told_it_exists(tree, office, sysadmin):
    def save(actor, threshold):
        def prepare():
            org = Org.objects.get(pk=tree.city.pk)
            return lambda: save_target(
                actor=actor,
                key="litigation.loss_rate",
                org=org,
                year=2025,
                comparator="lt",
                threshold=threshold,
            )

        return prepare

    outcomes = race(save(office, 10), save(sysadmin, 8))
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    assert "已有该指标的目标" in next(o[1] for o in outcomes if o[0] == "refused")
    assert Target.objects.filter(key="litigation.loss_rate", org=tree.city, year=2025).count() == 1


def test_two_registrations_of_one_suit_at_once_one_is_refused_in_chinese(tree, office, clerk_a):
    def register(actor, plaintiff):
        def prepare():
            defendant = Org.objects.get(pk=tree.unit_a.pk)
            return lambda: lit_services.register_case(
                actor=actor,
                defendant=defendant,
                court="青城市中级人民法院",
                case_number="（2025）青01行初9号",
                plaintiff=plaintiff,
                act_type="penalty",
                act_description="罚款",
                complaint_received_on=D(2025, 5, 6),
            )

        return prepare

    outcomes = race(register(office, "李四"), register(clerk_a, "王五"))
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    assert "案号 （2025）青01行初9号 在 青城市中级人民法院 已登记" in next(
        o[1] for o in outcomes if o[0] == "refused"
    )
    assert LitigationCase.objects.count() == 1
