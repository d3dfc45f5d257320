"""A deadline the user sets lies ahead: the forms name it in `future_fields` (core.forms.StyledForm refuses any
other date after today). The steering-loop e2e test found 整改期限 refused on the 问题台账's registration."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.plans import forms as plans_forms
from fazhi.supervision import forms as supervision_forms
from tests.plans.factories import import_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("form_cls", "field"),
    [
        (supervision_forms.ProblemForm, "rectify_due"),
        (supervision_forms.ReopenForm, "rectify_due"),
        (plans_forms.AssignForm, "deadline"),
        (plans_forms.UrgeForm, "reply_due"),
        (plans_forms.TaskForm, "deadline"),
    ],
)
def test_a_deadline_may_be_after_today(office, tree, form_cls, field):
    if form_cls is plans_forms.TaskForm:
        form = form_cls(plan=import_plan(office, tree.city))
    else:
        try:
            form = form_cls(user=office)
        except TypeError:
            form = form_cls()
    ahead = timezone.localdate() + timedelta(days=30)
    assert form.fields[field].clean(ahead.isoformat()) == ahead
