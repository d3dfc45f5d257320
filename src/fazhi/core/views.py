from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import render

from .audit import operation_log
from .choices import Role
from .permissions import has_role


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return ctx


def _require_admin(user) -> None:
    if not has_role(user, Role.ADMIN):
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
        {"time": a.attempt_time, "username": a.username, "ip": a.ip_address, "result": "成功", "ua": a.user_agent}
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
    locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    return render(request, "core/login_log.html", {"rows": rows[:100], "locked": locked, "q": q})


def bad_request(request, exception=None):
    """handler400: a bad query or form parameter (core.params.ParamError) is explained in the layout; the
    message of any other 400 (e.g. a disallowed host) is not shown, it may carry what the client should not see."""
    from .params import ParamError

    message = str(exception) if isinstance(exception, ParamError) else "请求无效，请检查地址或表单后重试。"
    if not hasattr(request, "user"):  # refused before the middleware that the layout needs
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return render(request, "400.html", {"message": message}, status=400)


class ParamErrorMiddleware:
    """Renders a ParamError with bad_request also when DEBUG is on (the demo and dev setups), where Django
    would show its technical page instead of handler400; the API answers its own {"detail": …}."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .params import ParamError

        return bad_request(request, exception) if isinstance(exception, ParamError) else None
