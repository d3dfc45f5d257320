"""The generic pages of a record type (CaseKind): list, create, detail, action, and their URL patterns.

Views stay thin: parse the query at the edge (the kind's filter class, `list_params` for drill-downs), call the
kind's selectors and services, render the app's templates with the context every app's pages share."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone

from fazhi.core.audit import record_history
from fazhi.core.locking import parse_version
from fazhi.core.personal import mask_form, unmask_changes
from fazhi.core.web import (
    action_forms,
    drilldown,
    error_text,
    failed_action,
    list_params,
    paged_list,
    run_action,
)

from .kind import CaseKind


def _links(kind: CaseKind) -> dict:
    """What every page of the kind links to (its templates extend core/casework/*.html)."""
    return {
        "kind": kind,
        "list_url": reverse(kind.url_name("list")),
        "create_url": reverse(kind.url_name("create")),
        "detail_prefix": reverse(kind.url_name("detail"), args=[0])[:-2],
    }


def case_list(request, *, kind: CaseKind):
    f = kind.filters.from_params(list_params(request.GET))
    qs, drill = drilldown(request, kind.filtered(request.user, f))
    ctx = paged_list(
        request,
        qs.select_related(*kind.related),
        date_field=kind.date_field,
        sorts=kind.sorts,
        count_pieces=kind.count_pieces(request.user),
        sorted_read=kind.sorted_read,
    )
    today = ctx["today"]
    ctx.update(
        _links(kind),
        f=f,
        drill=drill,
        years=range(today.year, today.year - 5, -1),
        can_create=kind.can_create(request.user),
        can_import=kind.can_import(request.user),
    )
    ctx.update(kind.list_context(request, ctx))
    return render(request, kind.template("list"), ctx)


def case_create(request, *, kind: CaseKind):
    form = kind.create_form(
        request.POST or None, request.FILES or None, user=request.user, initial=kind.create_initial()
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = kind.create(request.user, form)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or kind.create_denied)
        else:
            messages.success(request, kind.created_message(case))
            return redirect(kind.url_name("detail"), pk=case.pk)
    return render(request, kind.template("create"), {**_links(kind), "form": form})


def case_detail(request, pk: int, *, kind: CaseKind):
    case = kind.get(request.user, pk)
    names = kind.shown_actions(request.user, case)
    forms_ = action_forms(
        names,
        actions=kind.actions,
        transitions=kind.transitions,
        initial_extra=kind.action_initial(case),
        version=case.version,
        failed=failed_action(request, case),
    )
    ctx = {
        **_links(kind),
        "action_base": reverse(kind.url_name("action"), args=[case.pk, "x"])[:-2],
        "case": case,
        # a register without a timeline (no `events`) shows an empty 办理过程
        "events": case.events.select_related("actor") if hasattr(case, "events") else [],
        "history": record_history(case),
        "action_forms": forms_,
        "today": timezone.localdate(),
        "can_handle": kind.can_handle(request.user, case),
        "edit_url": reverse(kind.url_name("edit"), args=[case.pk]) if kind.edit_fields else None,
        "void_url": reverse(kind.url_name("void"), args=[case.pk]),
    }
    ctx.update(kind.detail_context(request, case))
    return render(request, kind.template("detail"), ctx)


def case_action(request, pk: int, action: str, *, kind: CaseKind):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = kind.get(request.user, pk)
    done = run_action(request, case=case, actions=kind.actions, transitions=kind.transitions, action=action)
    url = reverse(kind.url_name("detail"), args=[pk])
    return redirect(url if done else f"{url}#action-{action}")


def case_edit(request, pk: int, *, kind: CaseKind):
    """修改基本信息: the kind's edit fields, locked ones shown with why, a reason required (core.casework.editing)."""
    from .editing import edit_record

    case = kind.get(request.user, pk)
    if not kind.edit_fields or not kind.can_handle(request.user, case):
        raise PermissionDenied("无权修改该记录")
    form = kind.edit_form(case, request.POST or None)
    hidden = mask_form(form, case, request.user)  # phones and ID numbers masked (core.personal)
    if request.method == "POST" and form.is_valid():
        changes = {
            f: form.cleaned_data[f]
            for f in kind.edit_fields
            if f in form.cleaned_data and not form.fields[f].disabled
        }
        changes = unmask_changes(changes, hidden)
        try:
            edit_record(
                kind,
                record=kind.get(request.user, pk),
                actor=request.user,
                changes=changes,
                reason=form.cleaned_data["reason"],
                version=parse_version(request.POST.get("version")),
            )
        except ValidationError as exc:
            for field, messages_ in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                form.add_error(field if field in form.fields else None, "；".join(messages_))
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or "无权修改该记录")
        else:
            messages.success(request, "已修改基本信息，修改前后的内容见「修改历史」。")
            return redirect(kind.url_name("detail"), pk=pk)
    return render(request, "core/casework/edit.html", {**_links(kind), "case": case, "form": form})


def case_void(request, pk: int, *, kind: CaseKind):
    """作废 with a reason: the record leaves every list and figure; its history keeps who, when and why."""
    from .editing import void_record

    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = kind.get(request.user, pk)
    try:
        void_record(
            kind,
            record=case,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            version=parse_version(request.POST.get("version")),
        )
    except ValidationError as exc:
        messages.error(request, f"作废未完成：{error_text(exc)}")
        return redirect(kind.url_name("detail"), pk=pk)
    messages.success(
        request, f"已作废 {case}：不再出现在列表和统计中，作废人、时间和原因记入修改历史和操作日志。"
    )
    return redirect(kind.url_name("list"))


def _view(func, kind: CaseKind):
    def view(request, *args, **kwargs):
        return func(request, *args, kind=kind, **kwargs)

    view.__name__ = view.__qualname__ = func.__name__
    view.__doc__ = func.__doc__
    return login_required(view)


def urlpatterns(kind: CaseKind) -> list:
    """list, create, detail, action, edit and void of `kind`, under the app's namespace (`app_name = kind.app`)."""
    return [
        path("", _view(case_list, kind), name="list"),
        path("new/", _view(case_create, kind), name="create"),
        path("<int:pk>/", _view(case_detail, kind), name="detail"),
        path("<int:pk>/action/<str:action>/", _view(case_action, kind), name="action"),
        path("<int:pk>/edit/", _view(case_edit, kind), name="edit"),
        path("<int:pk>/void/", _view(case_void, kind), name="void"),
    ]
