from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.audit import record_history
from fazhi.core.permissions import can_write, visible_orgs
from fazhi.core.web import action_forms, drilldown, error_text, list_params, paged_list, run_action
from fazhi.reconsideration.selectors import visible_cases as visible_reconsiderations

from . import forms, rules, selectors, services
from .choices import Status

ACTIONS = {
    "answer": (forms.AnswerForm, services.record_answer),
    "hearing": (forms.HearingForm, services.record_hearing),
    "judge": (forms.JudgmentForm, services.record_judgment),
    "appeal": (forms.AppealForm, services.record_appeal),
    "close": (forms.CloseForm, services.close_case),
}


@login_required
def case_list(request):
    f = selectors.CaseFilters.from_params(list_params(request.GET))
    qs, drill = drilldown(request, selectors.filtered_cases(request.user, f))
    ctx = paged_list(request, qs.select_related("org", "defendant", "reconsideration"), date_field="complaint_received_on")
    today = ctx["today"]
    return render(
        request,
        "litigation/list.html",
        {
            **ctx,
            "f": f,
            "drill": drill,
            "statuses": Status.choices,
            "defendants": visible_orgs(request.user).filter(kind="unit").order_by("path"),
            "years": range(today.year, today.year - 5, -1),
        },
    )


@login_required
def case_create(request):
    form = forms.RegisterForm(request.POST or None, user=request.user, initial={"complaint_received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.register_case(
                actor=request.user,
                defendant=d["defendant"],
                court=d["court"],
                case_number=d["case_number"],
                plaintiff=d["plaintiff"],
                act_type=d["act_type"],
                act_description=d["act_description"],
                complaint_received_on=d["complaint_received_on"],
                stage=d["stage"],
                reconsideration=d["reconsideration_number"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or "无权登记该单位的应诉案件")
        else:
            messages.success(request, f"已登记应诉案件 {case.case_number}，答辩期限 {case.answer_due:%Y年%m月%d日}。")
            return redirect("litigation:detail", pk=case.pk)
    return render(request, "litigation/create.html", {"form": form})


@login_required
def case_detail(request, pk: int):
    case = selectors.get_case(request.user, pk)
    today = timezone.localdate()
    forms_ = []
    if can_write(request.user, case.org, case.defendant):
        names = [n for n in rules.allowed_actions(case) if not (n == "answer" and case.answered_on)]
        forms_ = action_forms(names, actions=ACTIONS, transitions=rules.TRANSITIONS, version=case.version)
    answer = rules.answer_deadline(case)
    return render(
        request,
        "litigation/detail.html",
        {
            "case": case,
            # The linked reconsideration case only when the user may read it; otherwise the page says 是 only.
            "reconsideration": visible_reconsiderations(request.user).filter(pk=case.reconsideration_id).first()
            if case.reconsideration_id
            else None,
            "answer": answer,
            "hearings": case.hearings.all(),
            "events": case.events.select_related("actor"),
            "history": record_history(case),
            "action_forms": forms_,
            "today": today,
        },
    )


@login_required
def case_action(request, pk: int, action: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = selectors.get_case(request.user, pk)
    run_action(request, case=case, actions=ACTIONS, transitions=rules.TRANSITIONS, action=action)
    return redirect("litigation:detail", pk=pk)
