"""The workflow of a record type, declared once in the app's `rules.py`: its states, the actions that move a
record between them (each with the article it rests on), and the Chinese refusal when an action is not allowed.

    WORKFLOW = Workflow(
        status=Status,
        transitions=[
            Transition("accept", {Status.RECEIVED}, Status.HEARING, "受理", "复议法第三十条"),
            Transition("extend", {Status.HEARING}, None, "延期", "复议法第六十二条",
                       when=lambda case: case.procedure != Procedure.SIMPLIFIED,
                       refusal="适用简易程序的案件…不能延期（复议法第六十二条第二款）。"),
        ],
    )

Services call `WORKFLOW.check(record, action)` before they change anything; pages list `WORKFLOW.allowed(record)`.
A transition's `target` is None when the action records a fact without changing the state."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Transition:
    name: str
    sources: Collection[str]  # any collection of states; stored as a frozenset (__post_init__)
    target: str | None
    label: str
    article: str = ""
    #: an extra condition on the record beyond its state, and the refusal when it does not hold
    when: Callable[[Any], bool] | None = None
    refusal: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(self.sources))


@dataclass
class Workflow:
    #: the record's status choices (a TextChoices class): labels for the refusals
    status: Any
    transitions_list: Iterable[Transition]
    #: the record attribute that names it in a refusal ("案件 临府复〔2024〕12号 当前状态为…")
    number_field: str = "number"
    noun: str = "案件"
    status_field: str = "status"
    transitions: dict[str, Transition] = field(init=False)

    def __post_init__(self) -> None:
        self.transitions = {t.name: t for t in self.transitions_list}

    @property
    def states(self) -> list[str]:
        return list(self.status.values)

    def label(self, action: str) -> str:
        return self.transitions[action].label

    def _state(self, record) -> str:
        return getattr(record, self.status_field)

    def allowed(self, record) -> list[str]:
        """The actions the record's state (and the transitions' conditions) allow now, in declaration order."""
        state = self._state(record)
        return [
            name
            for name, t in self.transitions.items()
            if state in t.sources and (t.when is None or t.when(record))
        ]

    def check(self, record, action: str) -> None:
        """Raise ValidationError with the Chinese refusal when `action` is not allowed for `record` now."""
        t = self.transitions[action]
        state = self._state(record)
        if state not in t.sources:
            allowed = "、".join(self.status(s).label for s in sorted(t.sources))
            number = getattr(record, self.number_field, "")
            raise ValidationError(
                f"{self.noun} {number} 当前状态为「{self.status(state).label}」，不能「{t.label}」："
                f"只有「{allowed}」状态的{self.noun}可以{t.label}。"
            )
        if t.when is not None and not t.when(record):
            raise ValidationError(t.refusal or f"{self.noun}不符合「{t.label}」的条件（{t.article}）。")

    def target(self, record, action: str) -> str:
        """The state after `action` (unchanged for actions that only record a fact)."""
        t = self.transitions[action]
        return t.target if t.target is not None else self._state(record)
