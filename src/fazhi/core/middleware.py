"""Request middleware of core."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

REFRESHED_KEY = "_fazhi_refreshed"


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
