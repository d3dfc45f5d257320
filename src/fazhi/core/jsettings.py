"""Per-jurisdiction settings: numbers and texts that are local rules, not law (an office's own 合法性审核 time
limit, 12345 time limits, yearly training hours …). The app that reads a setting declares it on its AppConfig:

    jurisdiction_settings = {"legality.review_days": ("合法性审核办理时限（工作日）", 10)}   # key: (label, default)

and reads it with `get_setting(org, key)`: the value set (core.models.JurisdictionSetting, edited by the office in
the admin) for the org's nearest jurisdiction at or above it, else the declared default. The value's type is the
default's (int, float, bool or str)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from .models import JurisdictionSetting, Org


def declared() -> dict[str, tuple[str, Any]]:
    """Every declared setting: key -> (Chinese label, default), in app order."""
    from .contract import domain_apps

    out: dict[str, tuple[str, Any]] = {}
    for cfg in domain_apps():
        out.update(cfg.jurisdiction_settings)
    return out


def parse(key: str, text: str) -> Any:
    """`text` as the type of `key`'s default; ValidationError (Chinese) when it does not fit."""
    spec = declared().get(key)
    if spec is None:
        raise ValidationError(f"未知的设置项：{key}")
    label, default = spec
    text = str(text).strip()
    try:
        if isinstance(default, bool):
            if text.lower() in ("1", "true", "是", "yes", "on"):
                return True
            if text.lower() in ("0", "false", "否", "no", "off"):
                return False
            raise ValueError
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
    except ValueError:
        kind = {bool: "是/否", int: "整数", float: "数字"}[type(default)]
        raise ValidationError(f"{label}：应填写{kind}，不能是「{text}」") from None
    return text


def shown(value: Any) -> str:
    """A setting's value as the pages print it: 是/否 for a yes-or-no setting."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def get_setting(org: Org, key: str) -> Any:
    """The value of `key` for `org`: set for it or its nearest ancestor, else the declared default."""
    spec = declared().get(key)
    if spec is None:
        raise KeyError(f"setting {key!r} is not declared by any app (jurisdiction_settings)")
    codes = [c for c in org.path.strip("/").split("/") if c]
    rows = dict(
        JurisdictionSetting.objects.filter(key=key, org__code__in=codes).values_list("org__code", "value")
    )
    for code in reversed(codes):
        if code in rows:
            return parse(key, rows[code])
    return spec[1]
