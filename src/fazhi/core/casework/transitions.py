"""The envelope of every workflow action of one record type, declared once in the app's `services.py`.

Each action of a casework record runs the same way: one transaction, the record re-read under a row lock
(core.locking.lock), the actor's capability checked (the app's `permit`), the workflow asked whether the action is
allowed from the record's state now (core.workflow: the Chinese refusal citing its article), then the action's
own logic, the record saved with its derived fields, its one validation and the audit row (`save`), and its
timeline entry, worded by the app's `rules.event` (`event`). The service keeps only its own logic:

    FLOW = Transitions.of(  # rules.WORKFLOW, rules.event (the wording), rules.validate
        rules,
        permit=require_handler,  # (actor, record): raises PermissionDenied in Chinese
        events=LitigationEvent,
        derive=_derive,  # the due dates, before the validation
        clean_exclude=("created_by",),
    )

    @FLOW.action("close")
    def close_case(*, case: LitigationCase, actor: Actor, closed_on: date) -> LitigationCase:
        case.closed_on = closed_on
        FLOW.done(case, "close", actor=actor, history="结案", on=closed_on)  # status: the transition's target
        return case

Services stay keyword-only (`case=`, `actor=`, …) with their own signatures, so pages, the API and the importer
call them as before."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.audit import save_audited
from fazhi.core.locking import bump_version, lock
from fazhi.core.types import Actor
from fazhi.core.workflow import Workflow

F = TypeVar("F", bound=Callable[..., Any])
Permit = Callable[[Actor, Any], None]


def acting_user(actor: Actor | None) -> Actor | None:
    """The user to name in a history or timeline row: None for the system or an anonymous actor."""
    return actor if getattr(actor, "is_authenticated", False) else None


@dataclass(kw_only=True)
class Transitions:
    """The actions of one record type (see the module docstring).

    - `workflow`: the record type's core.workflow.Workflow (the app's `rules.WORKFLOW`);
    - `permit(actor, record)`: the default capability check of its actions (an action may name its own);
    - `events`, `wording`: the timeline model (a `case` foreign key, kind, on, note, actor) and the app's
      `rules.event(record, action, on, **facts) -> (kind, on, note)`, which the importer and the demo share;
    - `validate(record) -> {field: message}`: the one validation, run before every save;
    - `derive(record)`: the derived fields (due dates) recomputed before the validation; `complete(record)`: those
      recomputed once the record is valid (for a validation that reads their stored values);
    - `clean_exclude`: the fields `full_clean` leaves out (None: no `full_clean`), `validate_unique` its flag;
    - `record`: the service's keyword that carries the record ("case", "ticket", …)."""

    workflow: Workflow
    permit: Permit | None = None
    events: Any = None
    wording: Callable[..., tuple[str, date, str]] | None = None
    validate: Callable[..., dict[str, str]] | None = None
    derive: Callable[[Any], None] | None = None
    complete: Callable[[Any], None] | None = None
    clean_exclude: Iterable[str] | None = None
    validate_unique: bool = True
    record: str = "case"

    @classmethod
    def of(cls, rules: ModuleType, **declared: Any) -> Transitions:
        """The declaration for an app's `rules` module: its WORKFLOW, its `event` wording and its `validate`
        (each when it has one), and what `declared` adds or replaces."""
        found = {"wording": getattr(rules, "event", None), "validate": getattr(rules, "validate", None)}
        return cls(workflow=rules.WORKFLOW, **{**found, **declared})

    def action(self, name: str, *, permit: Permit | None = None) -> Callable[[F], F]:
        """Decorate the service of workflow action `name`: it runs in one transaction, after the row lock, the
        capability check (`permit`, else the declaration's) and the workflow's check of `name`."""
        check = permit or self.permit
        if check is None:
            raise TypeError(f"action {name!r}: no permit declared")
        if name not in self.workflow.transitions:
            raise KeyError(f"action {name!r} is not a transition of the workflow")

        def decorate(service: F) -> F:
            signature = inspect.signature(service)

            @functools.wraps(service)
            def run(**kwargs: Any) -> Any:
                signature.bind(**kwargs)  # a wrong or missing keyword is a TypeError before anything is done
                record, actor = kwargs[self.record], kwargs["actor"]
                with transaction.atomic():
                    lock(record)
                    check(actor, record)
                    self.workflow.check(record, name)
                    return service(**kwargs)

            run.transition = name  # type: ignore[attr-defined]
            return cast(F, run)

        return decorate

    def stamp(
        self, name: str, field: str, *, history: str, param: str | None = None, permit: Permit | None = None
    ) -> Callable[..., Any]:
        """The service of an action that records only its date, in `field`, taken from the keyword `param`
        (default: the field's name): e.g. `close_case = FLOW.stamp("close", "closed_on", history="结案")`, called
        `close_case(case=, actor=, closed_on=)`. The record moves to the transition's target (`done`)."""
        key = param or field
        keywords = (self.record, "actor", key)

        def service(**kwargs: Any) -> Any:
            record, on = kwargs[self.record], kwargs[key]
            setattr(record, field, on)
            self.done(record, name, actor=kwargs["actor"], history=history, on=on)
            return record

        service.__name__ = service.__qualname__ = name
        service.__doc__ = (
            f"{self.workflow.label(name)}: records {field} ({self.workflow.transitions[name].article})."
        )
        service.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [inspect.Parameter(k, inspect.Parameter.KEYWORD_ONLY) for k in keywords]
        )
        return self.action(name, permit=permit)(service)

    def save(self, record: Any, *, actor: Actor, reason: str, **context: Any) -> None:
        """Save the record audited (its history row names the actor and `reason`): count the change of a locked
        record, derive its fields, refuse it with the validation's messages (`context`: what the validation is
        given besides the record; the caller's object reverts to the stored row), `full_clean` it."""
        if record.pk is not None:
            bump_version(record)  # the record was locked by the calling service
        if self.derive is not None:
            self.derive(record)
        errors = self.validate(record, **context) if self.validate is not None else {}
        if errors:
            if record.pk:
                record.refresh_from_db()  # the caller's object as it was before the refused action
            raise ValidationError(errors)
        if self.complete is not None:
            self.complete(record)
        if self.clean_exclude is not None:
            record.full_clean(exclude=list(self.clean_exclude), validate_unique=self.validate_unique)
        save_audited(record, actor=actor, reason=reason)

    def event(self, record: Any, action: str, *, on: date, actor: Actor | None, **facts: Any) -> None:
        """The action's timeline entry, as the app's rules word it."""
        if self.events is None or self.wording is None:
            raise TypeError("no timeline declared (events=, wording=)")
        kind, on, note = self.wording(record, action, on, **facts)
        self.events.objects.create(case=record, kind=kind, on=on, note=note, actor=acting_user(actor))

    def done(self, record: Any, action: str, *, actor: Actor, history: str, on: date, **facts: Any) -> None:
        """The end of most actions: the record moves to the state the workflow's transition leads to (when it
        names one), is saved with `history` as its history row's reason (`save`) and its timeline entry written
        (`event`, with the action's `facts`)."""
        t = self.workflow.transitions.get(action)
        if t is not None and t.target is not None:
            setattr(record, self.workflow.status_field, t.target)
        self.save(record, actor=actor, reason=history)
        self.event(record, action, on=on, actor=actor, **facts)
