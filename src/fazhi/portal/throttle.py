"""Throttling of the portal's public forms per address: at most FAZHI_PORTAL_POSTS_PER_HOUR posts (default 5) from
one address in any hour, counted in the database so that every server process sees the same count."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import PublicPost

WINDOW = timedelta(hours=1)


def limit() -> int:
    return int(getattr(settings, "FAZHI_PORTAL_POSTS_PER_HOUR", 5))


def address_of(request) -> str:
    """The visitor's address as a salted digest (the raw address is personal data and is not kept)."""
    raw = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{raw}".encode()).hexdigest()


def allow(request, section: str) -> bool:
    """Record a post from the request's address; False when the address has used up its hour."""
    address = address_of(request)
    now = timezone.now()
    PublicPost.objects.filter(at__lt=now - WINDOW * 24).delete()
    if PublicPost.objects.filter(address=address, at__gte=now - WINDOW).count() >= limit():
        return False
    PublicPost.objects.create(address=address, section=section)
    return True
