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
        return lambda: services.reject_application(case=c, actor=reviewer, rejected_on=D(2025, 3, 5), reason="不属于复议范围")

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
            return lambda: services.extend_case(case=c, actor=actor, approved_on=D(2025, 4, 1), days=20, approver="李主任")

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
            return lambda: lit_services.record_judgment(case=c, actor=actor, result=result, judged_on=D(2025, 6, 1))

        return prepare

    outcomes = race(judge(office, Result.REVOKE), judge(clerk_a, Result.DISMISS_CLAIM))
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    suit.refresh_from_db()
    assert suit.result == (Result.REVOKE if outcomes[0][0] == "ok" else Result.DISMISS_CLAIM)
    assert suit.lost == (suit.result == Result.REVOKE)
    assert LitigationEvent.objects.filter(case=suit, kind="judged").count() == 1
    assert suit.version == 2
