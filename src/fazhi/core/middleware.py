"""Request policies that apply to every page: no caching of what a logged-in user sees, the password policy
(a forced change of an initial password, optional expiry) and the session refresh (idle timeout without a
write on every request)."""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from . import services

REFRESHED_KEY = "_fazhi_refreshed"


def _authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to an authenticated user (pages, exports, API) except
    static files, so shared or browser caches keep no copy of case data (等保: 剩余信息保护)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The API sets request.user when a token authenticates, after this middleware saw the request.
        if _authenticated(request) and not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, " + response["Cache-Control"]
        return response


class PasswordPolicyMiddleware:
    """Sends a logged-in user whose password must be changed (initial or expired) to the change page;
    only that page, logout and static files answer until it is done. API calls made with the session get 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _authenticated(request) and not self._exempt(request.path):
            reason = services.password_change_reason(request.user)
            if reason:
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": reason}, status=403)
                return redirect("core-password-change")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        return path in {reverse("core-password-change"), reverse("logout")} or path.startswith(
            settings.STATIC_URL
        )


@receiver(user_logged_in, dispatch_uid="fazhi.core.session_refreshed_at_login")
def _stamp_login(sender, request, user, **kwargs) -> None:
    """A login saves the session anyway: it counts as its refresh (also for Client.force_login in tests)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())


class SessionRefreshMiddleware:
    """Keeps the idle timeout (SESSION_COOKIE_AGE) without writing the session on every request.

    A session's expiry is set when it is saved. Saving on every request (SESSION_SAVE_EVERY_REQUEST) makes every
    page view a database write, and on SQLite every write waits for the single writer: a long import then
    blocked every logged-in page. Here the session is saved only when its last save is older than
    FAZHI_SESSION_REFRESH_SECONDS, so a session ends between (timeout - refresh) and timeout after the last
    request, never later."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            last = session.get(REFRESHED_KEY)
            stale = not isinstance(last, int) or not 0 <= now - last < settings.FAZHI_SESSION_REFRESH_SECONDS
            if stale or session.modified:  # a save that happens anyway (login …) records its time too
                session[REFRESHED_KEY] = now  # marks the session modified: SessionMiddleware saves it
        return response


class ParamErrorMiddleware:
    """Renders a ParamError with bad_request also when DEBUG is on (the demo and dev setups), where Django
    would show its technical page instead of handler400; the API answers its own {"detail": …}."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .params import ParamError
        from .views import bad_request

        return bad_request(request, exception) if isinstance(exception, ParamError) else None


_NUL = re.compile(r"%00|\x00")


def without_nul(query: str) -> str:
    """The query string with every NUL taken out ("%00" is always an escaped NUL: escapes read left to right,
    so "%2500" is an escaped percent sign followed by the text "00")."""
    return _NUL.sub("", query)


class DropNulMiddleware:
    """No query parameter carries a NUL into a view: no stored text holds one, and PostgreSQL refuses it in a
    query's text (a 500 from any view that filters on a parameter read straight from request.GET). The NUL is
    dropped, so "张%00三" reads as 张三, the way a search box reads invisible characters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            request.META["QUERY_STRING"] = without_nul(query)
            request.GET = QueryDict(request.META["QUERY_STRING"])
        return self.get_response(request)
