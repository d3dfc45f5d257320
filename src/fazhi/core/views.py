from __future__ import annotations

from datetime import datetime, time

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import services
from .audit import operation_log
from .models import ApiToken
from .permissions import can_any
from .web import error_text, form_errors_text


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return ctx


def _require_admin(user) -> None:
    if not can_any(user, "system.admin"):
        raise PermissionDenied("仅系统管理员可查看日志")


@login_required
def operation_log_view(request):
    _require_admin(request.user)
    q = request.GET.get("q", "").strip()
    entries = operation_log(query=q, limit=100)
    return render(request, "core/operation_log.html", {"entries": entries, "q": q})


@login_required
def login_log_view(request):
    _require_admin(request.user)
    q = request.GET.get("q", "").strip()
    successes = AccessLog.objects.order_by("-attempt_time")
    failures = AccessFailureLog.objects.order_by("-attempt_time")
    if q:
        successes = successes.filter(username__icontains=q)
        failures = failures.filter(username__icontains=q)
    rows = [
        {
            "time": a.attempt_time,
            "username": a.username,
            "ip": a.ip_address,
            "result": "成功",
            "ua": a.user_agent,
        }
        for a in successes[:100]
    ] + [
        {
            "time": f.attempt_time,
            "username": f.username,
            "ip": f.ip_address,
            "result": "锁定" if f.locked_out else "失败",
            "ua": f.user_agent,
        }
        for f in failures[:100]
    ]
    rows.sort(key=lambda r: r["time"], reverse=True)
    # the person's name for a known login; what was typed otherwise (a wrong or unknown user name)
    names = {
        u.username: str(u)
        for u in get_user_model().objects.filter(username__in={r["username"] for r in rows})
    }
    for r in rows:
        r["name"] = names.get(r["username"], "")
        r["ua"] = "" if r["ua"] in (None, "", "<unknown>", "unknown", "None") else r["ua"]
    locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    return render(request, "core/login_log.html", {"rows": rows[:100], "locked": locked, "q": q})


# -- 个人设置: password and API tokens -------------------------------------------------------------------
class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100, help_text="如：统计系统对接")
    expires_on = forms.DateField(
        label="有效期至",
        required=False,
        help_text=f"留空则 {settings.FAZHI_API_TOKEN_DAYS} 天后过期",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day is not None and day <= timezone.localdate():
            raise forms.ValidationError("有效期必须晚于今天")
        return day


def _token_owner(request):
    """The user whose tokens the page shows: oneself, or (superusers only) the user named by ?user=ID."""
    raw = request.GET.get("user") or request.POST.get("user")
    if not raw or raw == str(request.user.pk):
        return request.user
    if not request.user.is_superuser:
        raise PermissionDenied("只有超级管理员可以管理其他用户的令牌")
    if not raw.isdigit() or len(raw) > 18:
        raise Http404("用户不存在")
    return get_object_or_404(get_user_model(), pk=int(raw))


@login_required
def tokens_view(request):
    owner = _token_owner(request)
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(datetime.combine(day, time.max.replace(microsecond=0))) if day else None
        )
        try:
            token, new_key = services.issue_token(
                owner=owner, name=form.cleaned_data["name"], actor=request.user, expires_at=expires_at
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            form = TokenForm()
            messages.success(request, f"已创建令牌“{token.name}”。请立即复制保存，离开本页后将无法再次查看。")
    elif request.method == "POST":
        messages.error(request, form_errors_text(form))
    tokens = ApiToken.objects.filter(user=owner).order_by("-created_at")
    now = timezone.now()
    rows = [{"token": t, "status": t.status_at(now)} for t in tokens]
    return render(
        request,
        "core/tokens.html",
        {"owner": owner, "form": form, "rows": rows, "new_key": new_key, "for_other": owner != request.user},
    )


@login_required
@require_POST
def token_revoke_view(request, pk: int):
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
    if token.user_id != request.user.pk and not request.user.is_superuser:
        raise Http404("令牌不存在")
    services.revoke_token(token=token, actor=request.user)
    messages.success(request, f"已吊销令牌“{token.name}”")
    url = reverse("core-tokens")
    if token.user_id != request.user.pk:
        url += f"?user={token.user_id}"
    return redirect(url)


@login_required
def password_change_view(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_own_password(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "密码已修改")
        return redirect("home")
    reason = services.password_change_reason(request.user)
    return render(request, "core/password_change.html", {"form": form, "reason": reason})


# -- the due-date protocol and notices ----------------------------------------------------------------------


@login_required
def due_list_view(request):
    """待办期限: every open obligation of the user's scope, of every app, by due date; filter by 已逾期/即将到期
    and by source; keyset pages."""
    from . import due

    kind = request.GET.get("kind", "")
    if kind not in due.KINDS:
        kind = ""
    srcs = due.sources()
    source = request.GET.get("source", "")
    if source not in {s.key for s in srcs}:
        source = ""
    today = timezone.localdate()
    rows, next_cursor = due.due_page(
        request.user, kind, today, source=source, cursor=request.GET.get("cursor")
    )
    summary = due.due_summary(request.user, today, only=[s for s in srcs if not source or s.key == source])
    return render(
        request,
        "core/due_list.html",
        {
            "rows": rows,
            "kind": kind,
            "kinds": due.KINDS,
            "kind_label": due.KINDS.get(kind, ""),
            "source": source,
            "sources": srcs,
            "summary": summary,
            "next_cursor": next_cursor,
            "today": today,
        },
    )


@login_required
def notice_list_view(request):
    from .models import Notice

    qs = Notice.objects.filter(recipient=request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    # newest first, keyset by id (ids grow with created_at)
    cursor = request.GET.get("cursor", "")
    if cursor.isdigit():
        qs = qs.filter(pk__lt=int(cursor))
    rows = list(qs.order_by("-id")[:51])
    next_cursor = rows[49].pk if len(rows) > 50 else None
    return render(
        request,
        "core/notices.html",
        {"rows": rows[:50], "next_cursor": next_cursor, "unread_only": unread_only},
    )


@login_required
@require_POST
def notice_read_view(request, pk: int):
    from . import notices
    from .models import Notice

    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    notices.mark_read(user=request.user, notice_id=notice.pk)
    if request.POST.get("go") and notice.url.startswith("/"):
        return redirect(notice.url)
    return redirect("core-notices")


@login_required
@require_POST
def notice_read_all_view(request):
    from . import notices

    n = notices.mark_read(user=request.user)
    messages.success(request, f"已将 {n} 条消息标为已读")
    return redirect("core-notices")


def bad_request(request, exception=None):
    """handler400: a bad query or form parameter (core.params.ParamError) is explained in the layout; the
    message of any other 400 (e.g. a disallowed host) is not shown, it may carry what the client should not see."""
    from .params import ParamError

    message = str(exception) if isinstance(exception, ParamError) else "请求无效，请检查地址或表单后重试。"
    if not hasattr(request, "user"):  # refused before the middleware that the layout needs
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return render(request, "400.html", {"message": message}, status=400)


# -- error pages (handler403/404/500): Chinese, inside the layout, with the reason and a way back ---------------------


def _error_page(request, status: int, title: str, message: str):
    if not hasattr(request, "user"):  # refused before the middleware the layout needs
        return HttpResponse(f"{title}：{message}", status=status, content_type="text/plain; charset=utf-8")
    return render(
        request, "error.html", {"title": title, "message": message, "status": status}, status=status
    )


def permission_denied(request, exception=None):
    """handler403: the service's or the page's refusal (a Chinese sentence) is shown as the reason."""
    reason = (
        str(exception) if exception is not None and str(exception) else "您的角色没有进行此项操作的权限。"
    )
    return _error_page(request, 403, "无权访问", reason)


def page_not_found(request, exception=None):
    """handler404: a record of another org is a 404 too (as if it did not exist): say both."""
    reason = str(exception) if isinstance(exception, Http404) and exception.args else ""
    if not reason or reason.isascii():  # Django's own messages are English ("No X matches the given query.")
        reason = "页面不存在，或该记录不在您的查看范围内。"
    return _error_page(request, 404, "页面不存在", reason)


def server_error(request):
    """handler500: nothing of the error is shown (it is logged); the layout may itself be what failed."""
    message = "系统处理请求时出错，已记录。请稍后重试；问题持续时请联系系统管理员。"
    try:
        return _error_page(request, 500, "系统错误", message)
    except Exception:  # noqa: BLE001 - the last resort must not fail
        return HttpResponse(f"系统错误：{message}", status=500, content_type="text/plain; charset=utf-8")
