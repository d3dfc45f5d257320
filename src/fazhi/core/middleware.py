"""Request policies that apply to every page: no caching of what a logged-in user sees, and the password
policy (a forced change of an initial password, optional expiry)."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from . import services


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
        return path in {reverse("core-password-change"), reverse("logout")} or path.startswith(settings.STATIC_URL)
