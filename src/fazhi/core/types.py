"""Types shared by the typed layers (services, selectors, rules, permissions).

`Actor` is who acts or asks: the signed-in user, or the anonymous user of a request. Defined once here so
that every service and selector names the same thing (`actor: Actor`)."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

Actor: TypeAlias = User | AnonymousUser
