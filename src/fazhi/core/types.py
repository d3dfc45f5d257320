"""Types shared by the typed layers (services, selectors, rules, permissions), defined once here.

`Actor` is who performs a change through a service: a signed-in user (every change is audited with it).
`Viewer` is who asks to read or is checked for a permission: the user of a request, possibly anonymous."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

Actor: TypeAlias = User
Viewer: TypeAlias = User | AnonymousUser
