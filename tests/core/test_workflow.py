"""core.workflow: one generic description of a record type's states and transitions, each with its article
and its Chinese refusal; both casework apps declare theirs with it (rules.WORKFLOW)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.contract import domain_apps
from fazhi.core.workflow import Transition, Workflow
from fazhi.litigation import rules as lit_rules
from fazhi.litigation.choices import Status as LitStatus
from fazhi.reconsideration import rules as recon_rules
from fazhi.reconsideration.choices import Procedure, Status


class Light(models.TextChoices):
    RED = "red", "红灯"
    GREEN = "green", "绿灯"
    OFF = "off", "关闭"


WF = Workflow(
    status=Light,
    noun="信号灯",
    transitions_list=[
        Transition("go", {Light.RED}, Light.GREEN, "放行", "某法第一条"),
        Transition("stop", {Light.GREEN}, Light.RED, "停止", "某法第二条"),
        Transition("note", {Light.RED, Light.GREEN}, None, "登记", "某法第三条"),
        Transition(
            "switch_off", {Light.RED}, Light.OFF, "关闭", "某法第四条",
            when=lambda r: r.night, refusal="只有夜间可以关闭（某法第四条）。",
        ),
    ],
)  # fmt: skip


def light(status, night=False, number="甲1"):
    return SimpleNamespace(status=status, night=night, number=number)


def test_allowed_lists_the_actions_of_the_state_and_their_conditions_in_order():
    assert WF.allowed(light(Light.RED)) == ["go", "note"]
    assert WF.allowed(light(Light.RED, night=True)) == ["go", "note", "switch_off"]
    assert WF.allowed(light(Light.GREEN)) == ["stop", "note"]
    assert WF.allowed(light(Light.OFF)) == []
    assert WF.states == ["red", "green", "off"]


def test_check_refuses_in_chinese_with_the_states_that_allow_the_action():
    WF.check(light(Light.RED), "go")
    with pytest.raises(ValidationError) as exc:
        WF.check(light(Light.GREEN, number="甲2"), "go")
    assert exc.value.messages == [
        "信号灯 甲2 当前状态为「绿灯」，不能「放行」：只有「红灯」状态的信号灯可以放行。"
    ]
    with pytest.raises(ValidationError) as exc:
        WF.check(light(Light.RED), "switch_off")
    assert exc.value.messages == ["只有夜间可以关闭（某法第四条）。"]


def test_target_is_the_new_state_or_the_same_for_actions_that_record_a_fact():
    assert WF.target(light(Light.RED), "go") == Light.GREEN
    assert WF.target(light(Light.GREEN), "note") == Light.GREEN
    assert WF.label("stop") == "停止"


def test_both_apps_declare_their_workflow_once_with_articles_and_known_states():
    for wf, status in ((recon_rules.WORKFLOW, Status), (lit_rules.WORKFLOW, LitStatus)):
        for t in wf.transitions.values():
            assert t.label and t.sources <= set(status.values)
            assert t.target is None or t.target in status.values
        assert sum(1 for t in wf.transitions.values() if t.article) >= len(wf.transitions) - 1
    assert recon_rules.check_transition == recon_rules.WORKFLOW.check
    assert not hasattr(recon_rules, "TRANSITIONS") and not hasattr(lit_rules, "TRANSITIONS")
    # The procedure conditions of 复议法 第五十五条 and 第六十二条第二款 are the transitions' own.
    simplified = SimpleNamespace(status=Status.HEARING, procedure=Procedure.SIMPLIFIED, number="x")
    assert "convert_to_ordinary" in recon_rules.WORKFLOW.allowed(simplified)
    assert "extend" not in recon_rules.WORKFLOW.allowed(simplified)
    # Each app names its rules module in its declaration.
    declared = {cfg.label: cfg.rules for cfg in domain_apps()}
    assert declared["reconsideration"] == "fazhi.reconsideration.rules"
    assert declared["litigation"] == "fazhi.litigation.rules"
