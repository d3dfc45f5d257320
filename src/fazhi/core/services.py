"""Mutations of core records that are not domain casework: API tokens and the user's own password."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .audit import save_audited
from .models import ApiToken, PasswordState
from .types import Actor

TOKEN_PREFIX = "fz_"  # noqa: S105 - the public marker of our tokens, not a secret
# The stored, clear part of a token used to find its row: "fz_" and 9 random characters.
TOKEN_LOOKUP_CHARS = 12
# A token as clients send it: URL-safe base64 only. New tokens are "fz_" + 43 characters (32 random bytes);
# tokens issued before hashing (40 hex characters) keep working until they expire.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,128}")
MAX_TOKEN_DAYS = 3650


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def _may_manage_tokens_of(actor: Actor, owner: Actor) -> bool:
    return actor.is_authenticated and actor.is_active and (actor.pk == owner.pk or actor.is_superuser)


@transaction.atomic
def issue_token(
    *, owner: Actor, name: str, actor: Actor, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for `owner`; returns the row and the secret, which is never stored nor shown again."""
    if not _may_manage_tokens_of(actor, owner):
        raise PermissionDenied("只能为自己创建令牌")
    if not owner.is_active:
        raise ValidationError({"user": "该用户已停用，不能创建令牌"})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写令牌用途"})
    now = timezone.now()
    if expires_at is None:
        expires_at = now + timedelta(days=settings.FAZHI_API_TOKEN_DAYS)
    if expires_at <= now:
        raise ValidationError({"expires_at": "有效期必须晚于当前时间"})
    if expires_at > now + timedelta(days=MAX_TOKEN_DAYS):
        raise ValidationError({"expires_at": f"有效期最长 {MAX_TOKEN_DAYS} 天"})
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=owner,
        name=name,
        prefix=key[:TOKEN_LOOKUP_CHARS],
        key_hash=_digest(key),
        created_by=actor,
        expires_at=expires_at,
    )
    save_audited(
        token, actor=actor, reason=f"创建 API 令牌“{name}”（{token.prefix}…），所属用户 {owner.username}"
    )
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: Actor) -> ApiToken:
    """Revoke a token at once; revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if not _may_manage_tokens_of(actor, token.user):
        raise PermissionDenied("只能吊销自己的令牌")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        save_audited(token, actor=actor, reason=f"吊销 API 令牌“{token.name}”（{token.prefix}…）")
    return token


LAST_USED_RESOLUTION = timedelta(minutes=1)


def user_for_key(key: str) -> Actor | None:
    """The active owner of a valid (well-formed, unexpired, unrevoked) token, or None. Records the use."""
    if not isinstance(key, str) or not TOKEN_SHAPE.fullmatch(key):
        return None
    digest = _digest(key)
    now = timezone.now()
    candidates = ApiToken.objects.select_related("user").filter(
        prefix=key[:TOKEN_LOOKUP_CHARS], revoked_at__isnull=True, expires_at__gt=now, user__is_active=True
    )
    for token in candidates:
        if hmac.compare_digest(token.key_hash, digest):
            # The use is recorded to the minute: a write on every call would queue each API request behind
            # any long write on SQLite (as sessions saved on every request did).
            if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            return token.user
    return None


# -- passwords -------------------------------------------------------------------------------------------
def require_password_change(*, user: Actor) -> None:
    """Mark a password set by an administrator as initial: the user must change it at the next request."""
    PasswordState.objects.update_or_create(user=user, defaults={"must_change": True})


@transaction.atomic
def change_own_password(*, user: Actor, new_password: str) -> None:
    """The user's own change of password (validators are checked by the form, and again here)."""
    password_validation.validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    PasswordState.objects.update_or_create(
        user=user, defaults={"must_change": False, "changed_at": timezone.now()}
    )


def password_change_reason(user: Actor) -> str:
    """Why the user must change the password now ("" when not): an initial password, or an expired one."""
    state = PasswordState.objects.filter(user=user).first()
    if settings.FAZHI_FORCE_PASSWORD_CHANGE and state is not None and state.must_change:
        return "首次登录或密码被管理员重置，请先修改密码。"
    max_age = settings.FAZHI_PASSWORD_MAX_AGE_DAYS
    if max_age:
        changed = (state.changed_at if state is not None else None) or user.date_joined
        if changed <= timezone.now() - timedelta(days=max_age):
            return f"密码已超过 {max_age} 天未修改，请修改密码。"
    return ""
