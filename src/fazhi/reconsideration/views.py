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

from . import forms, rules, selectors, services
from .choices import ActType, Status

# action name -> (form class, service, how form data maps to keyword arguments)
ACTIONS = {
    "request_correction": (forms.CorrectionForm, services.request_correction),
    "receive_correction": (forms.ReceiveCorrectionForm, services.receive_correction),
    "abandon": (forms.AbandonForm, services.mark_abandoned),
    "accept": (forms.AcceptForm, services.accept_case),
    "reject": (forms.RejectForm, services.reject_application),
    "serve_copy": (forms.CopyServedForm, services.record_copy_served),
    "reply": (forms.ReplyForm, services.record_reply),
    "hear": (forms.HearForm, services.record_hearing),
    "convert_to_ordinary": (forms.ConvertForm, services.convert_to_ordinary),
    "suspend": (forms.SuspendForm, services.suspend_case),
    "resume": (forms.ResumeForm, services.resume_case),
    "extend": (forms.ExtendForm, services.extend_case),
    "decide": (forms.DecideForm, services.decide_case),
    "close": (forms.CloseForm, services.close_case),
}


@login_required
def case_list(request):
    f = selectors.CaseFilters.from_params(list_params(request.GET))
    qs, drill = drilldown(request, selectors.filtered_cases(request.user, f))
    ctx = paged_list(request, qs.select_related("org", "respondent"), date_field="received_on")
    today = ctx["today"]
    return render(
        request,
        "reconsideration/list.html",
        {
            **ctx,
            "f": f,
            "drill": drill,
            "statuses": Status.choices,
            "act_types": ActType.choices,
            "respondents": visible_orgs(request.user).filter(kind="unit").order_by("path"),
            "years": range(today.year, today.year - 5, -1),
        },
    )


@login_required
def case_create(request):
    form = forms.RegisterForm(request.POST or None, user=request.user, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.register_application(
                actor=request.user,
                org=d["org"],
                respondent=d["respondent"],
                received_on=d["received_on"],
                applicants=form.applicants(),
                act_type=d["act_type"],
                act_field=d["act_field"],
                act_description=d["act_description"],
                channel=d["channel"],
                procedure=d["procedure"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or "无权登记该复议机关的案件")
        else:
            messages.success(request, f"已登记复议申请 {case.number}，受理审查期限 {case.acceptance_due:%Y年%m月%d日}。")
            return redirect("reconsideration:detail", pk=case.pk)
    return render(request, "reconsideration/create.html", {"form": form})


@login_required
def case_detail(request, pk: int):
    case = selectors.get_case(request.user, pk)
    computed = rules.deadlines(case)
    writable = can_write(request.user, case.org)
    today = timezone.localdate()
    forms_ = []
    if writable or can_write(request.user, case.respondent):
        names = [n for n in rules.allowed_actions(case) if writable or n == "reply"]
        forms_ = action_forms(names, actions=ACTIONS, transitions=rules.TRANSITIONS, initial_extra={"accept": {"procedure": case.procedure}}, version=case.version)
    return render(
        request,
        "reconsideration/detail.html",
        {
            "case": case,
            "deadlines": computed,
            "events": case.events.select_related("actor"),
            "applicants": case.applicants.all(),
            "suspensions": case.suspensions.all(),
            "litigations": _linked_litigations(request.user, case),
            "history": record_history(case),
            "action_forms": forms_,
            "today": today,
            "corrected": rules.is_corrected(case.decision) if case.decision else None,
        },
    )


def _linked_litigations(user, case):
    """The suits brought after this case that the user may read (a suit against the 复议机关 itself is outside a
    respondent's scope: its number and court are not shown)."""
    if not hasattr(case, "litigations"):  # the litigation app is not installed
        return []
    from fazhi.litigation.selectors import visible_cases

    return visible_cases(user).filter(reconsideration=case).order_by("complaint_received_on", "id")


@login_required
def case_action(request, pk: int, action: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = selectors.get_case(request.user, pk)
    run_action(request, case=case, actions=ACTIONS, transitions=rules.TRANSITIONS, action=action)
    return redirect("reconsideration:detail", pk=pk)
