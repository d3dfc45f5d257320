"""The casework kit's action envelope (core.casework.transitions), through 行政应诉's declaration: the capability
is checked before the workflow, a refusal writes nothing, an action moves the record to its transition's target
with one history row and one timeline entry, and a declared service keeps its keyword-only call."""

from __future__ import annotations

import inspect
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.casework.transitions import Transitions
from fazhi.litigation import rules, services
from fazhi.litigation.choices import Result, Status
from fazhi.litigation.models import LitigationCase, LitigationEvent
from tests import factories

pytestmark = pytest.mark.django_db
D = date


NUMBER = "（2025）青01行初15号"


@pytest.fixture
def suit(tree, office):
    received = D(2025, 9, 16)
    return factories.litigation_case(
        office, defendant=tree.unit_a, case_number=NUMBER, complaint_received_on=received
    )


def counts(case: LitigationCase) -> tuple[int, int, int]:
    case = LitigationCase.objects.get(pk=case.pk)
    return case.history.count(), LitigationEvent.objects.filter(case=case).count(), case.version


def test_the_capability_is_checked_before_the_workflow_and_nothing_is_written(suit, clerk_b):
    before = counts(suit)
    # 结案 is not allowed while pending, but another unit's clerk hears only that the suit is not theirs.
    with pytest.raises(PermissionDenied, match="无权办理该单位的应诉案件"):
        services.close_case(case=suit, actor=clerk_b, closed_on=D(2025, 12, 1))
    assert counts(suit) == before


def test_the_workflow_refusal_cites_the_state_and_writes_nothing(suit, office):
    before = counts(suit)
    with pytest.raises(ValidationError) as exc:
        services.close_case(case=suit, actor=office, closed_on=D(2025, 12, 1))
    assert exc.value.messages == [
        "案件 （2025）青01行初15号 当前状态为「审理中」，不能「结案」：只有「已判决/裁定」状态的案件可以结案。"
    ]
    assert counts(suit) == before


def test_an_action_moves_to_its_target_with_one_history_row_and_one_event(suit, office):
    history, events, version = counts(suit)
    services.record_judgment(case=suit, actor=office, result=Result.DISMISS_CLAIM, judged_on=D(2025, 11, 20))
    services.close_case(case=suit, actor=office, closed_on=D(2025, 12, 1))
    case = LitigationCase.objects.get(pk=suit.pk)
    assert (case.status, case.closed_on) == (Status.CLOSED, D(2025, 12, 1))
    assert counts(case) == (history + 2, events + 2, version + 2)
    assert case.history.first().history_change_reason == "结案"


def test_a_stamped_service_takes_only_its_keywords(suit, office):
    with pytest.raises(TypeError, match="closed"):
        services.close_case(case=suit, actor=office, closed=D(2025, 12, 1))
    assert services.close_case.__name__ == "close"
    assert list(inspect.signature(services.close_case).parameters) == ["case", "actor", "closed_on"]


def test_a_declaration_names_only_transitions_of_its_workflow():
    flow = Transitions(workflow=rules.WORKFLOW, permit=services.require_handler)
    with pytest.raises(KeyError):
        flow.action("reopen")
    with pytest.raises(TypeError):
        Transitions(workflow=rules.WORKFLOW).action("close")
