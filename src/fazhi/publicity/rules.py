"""Rules of 普法 records: the actions on an activity, the one validation, the timeline, and what completes a
责任清单 item (《关于实行国家机关"谁执法谁普法"普法责任制的意见》: each organ lists its 普法 duties and
carries them out)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow

from .choices import EventKind, Status

if TYPE_CHECKING:
    from .models import Activity, CultureSite, LegalLiterate, ModelVillage

WORKFLOW = Workflow(
    status=Status,
    number_field="title",
    noun="普法活动",
    transitions_list=[T("media", {Status.HELD}, None, "登记宣传报道", "")],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check


def links(text: str) -> list[str]:
    """The links of a text, one a line; raises ValueError naming a line that is not an http(s) address."""
    out = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        u = urlparse(line)
        if u.scheme not in ("http", "https") or not u.netloc:
            raise ValueError(f"第{n}行不是网址（应以 http:// 或 https:// 开头）：{line[:40]}")
        out.append(line)
    return out


def validate(activity: Activity) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (activity.title or "").strip():
        errors["title"] = "请填写活动名称"
    if not (activity.place or "").strip():
        errors["place"] = "请填写活动地点"
    try:
        links(activity.media or "")
    except ValueError as exc:
        errors["media"] = str(exc)
    return errors


#: what each register record must name, by model: field -> the Chinese refusal
REQUIRED = {
    "CultureSite": {"name": "请填写阵地名称", "location": "请填写阵地的具体位置"},
    "ModelVillage": {"village": "请填写村（社区）名称"},
    "LegalLiterate": {"name": "请填写法律明白人姓名", "village": "请填写所在村（社区）"},
}
#: a record's later date that may not precede its first: (model, later, first, message)
ORDER = (
    ("CultureSite", "accepted_on", "built_on", "验收日期不能早于建成日期"),
    ("CultureSite", "closed_on", "built_on", "撤除日期不能早于建成日期"),
    ("ModelVillage", "revoked_on", "named_on", "撤销命名日期不能早于命名日期"),
    ("LegalLiterate", "left_on", "registered_on", "退出日期不能早于确认日期"),
)


def validate_register(record: CultureSite | ModelVillage | LegalLiterate) -> dict[str, str]:
    """The one validation of the 阵地, 示范村 and 法律明白人 registers (services and importers alike)."""
    model = type(record).__name__
    errors = {f: msg for f, msg in REQUIRED[model].items() if not (getattr(record, f) or "").strip()}
    for name, later, first, message in ORDER:
        a, b = getattr(record, later, None), getattr(record, first, None)
        if name == model and a and b and a < b:
            errors[later] = f"{message}（{a:%Y-%m-%d}早于{b:%Y-%m-%d}）"
    return errors


def is_complete(done: int, required: int) -> bool:
    return done >= required


def event(activity: Activity, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    if action == "register":
        kind, note = EventKind.REGISTERED, f"{activity.get_kind_display()}，受众 {activity.audience} 人次"
    elif action == "media":
        kind, note = EventKind.MEDIA, f"新增报道 {facts['added']} 篇"
    else:  # pragma: no cover
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]
