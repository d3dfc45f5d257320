"""The JSON API root (django-ninja): each app contributes a router from its api.py."""

from __future__ import annotations

from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from ninja import NinjaAPI
from ninja import errors as ninja_errors
from ninja.security import HttpBearer, django_auth

from fazhi.core.services import user_for_key
from fazhi.core.web import error_text


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the request then acts as the token's user.

    The header is parsed here, not by HttpBearer: the scheme "Bearer", one space and a well-formed token,
    so an empty, blank or malformed header is refused before any database lookup."""

    def __call__(self, request):
        scheme, _, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return self.authenticate(request, token)

    def authenticate(self, request, token):
        user = user_for_key(token)
        if user is None:
            return None
        request.user = user
        return user


api = NinjaAPI(
    title="Fazhi API",
    version="1",
    description="法治政府建设管理平台 JSON API。权限与页面一致：每个令牌以其用户的角色和数据范围行事。",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": error_text(exc)}, status=400)


@api.exception_handler(BadRequest)
def _bad_request(request, exc: BadRequest):
    return api.create_response(request, {"detail": str(exc) or "请求无效"}, status=400)


@api.exception_handler(ninja_errors.ValidationError)
def _invalid_input(request, exc: ninja_errors.ValidationError):
    """Parameters and bodies that do not fit their schema: 400 with a Chinese message naming each field."""
    return api.create_response(request, {"detail": "；".join(_error_zh(e) for e in exc.errors)}, status=400)


_ERRORS_ZH = {
    "missing": "必须填写",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_attributes_type": "应为对象",
    "json_invalid": "不是有效的 JSON",
    "extra_forbidden": "不是可接受的字段",
}


def _error_zh(error: dict) -> str:
    loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body", "payload", "form")]
    where = f"参数 {'.'.join(loc)}" if loc else "请求"
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        reason = {
            "greater_than_equal": "不应小于",
            "less_than_equal": "不应大于",
            "greater_than": "应大于",
            "less_than": "应小于",
        }[kind]
        return f"{where}{reason} {bound}"
    return f"{where}{_ERRORS_ZH.get(kind, '取值无效')}"


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "无权进行该操作"}, status=403)


def _central(*apps: str) -> list[tuple[str, str]]:
    """(label, router path) of the central apps among `apps` that have an api.py."""
    from importlib import import_module

    found = []
    for app in apps:
        try:
            import_module(f"fazhi.{app}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"fazhi.{app}.api":
                raise
            continue
        found.append((app, f"fazhi.{app}.api:router"))
    return found


def _mount() -> None:
    """The central apps' routers and, between them, each domain app's declared `api_router` (the app contract),
    each at /<label>/."""
    from fazhi.core.contract import domain_apps, resolve

    routers = _central("core", "law")
    routers += [(cfg.label, cfg.api_router) for cfg in domain_apps() if cfg.api_router]
    routers += _central("indicators", "reports")
    for label, path in routers:
        api.add_router(f"/{label}/", resolve(path))


_mount()
