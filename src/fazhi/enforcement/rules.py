"""Statutory rules of the 行政执法 case ledger: the 第四十二条 two-officer rule, the 第五十八条 法制审核 rule, the
第六十条 decision clock and the 三项制度 公示 clocks (via fazhi.law), allowed transitions, and the scoring of a case
file (案卷评查)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.calendar import WorkCalendar
from fazhi.law.deadlines import Deadline, compute

from .choices import (
    NO_PENALTY_LENIENCY,
    PUBLISH_7_KINDS,
    TWO_OFFICER_KINDS,
    EventKind,
    Grade,
    Leniency,
    PowerType,
    RectifyStatus,
    Status,
)

if TYPE_CHECKING:
    from fazhi.core.models import Org

    from .models import EnforcementCase, Officer, PowerItem

WORKFLOW = Workflow(
    status=Status,
    number_field="case_number",
    transitions_list=[
        T("review", {Status.FILED}, None, "登记法制审核", "行政处罚法第五十八条"),
        T("decide", {Status.FILED}, Status.DECIDED, "登记执法决定", "行政处罚法第五十七条、第六十条"),
        T("publish", {Status.DECIDED, Status.CLOSED}, None, "登记公示", "国办发〔2018〕118号"),
        T("close", {Status.DECIDED}, Status.CLOSED, "结案", ""),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check

# 案卷评查整改: the unit replies, the office accepts (销号) or returns the reply
RECTIFY_WORKFLOW = Workflow(
    status=RectifyStatus,
    number_field="number",
    noun="整改",
    transitions_list=[
        T("reply", {RectifyStatus.OPEN}, RectifyStatus.REPLIED, "回复整改情况", ""),
        T("accept", {RectifyStatus.REPLIED}, RectifyStatus.CLOSED, "销号", ""),
        T("send_back", {RectifyStatus.REPLIED}, RectifyStatus.OPEN, "退回重新整改", ""),
    ],
)
RECTIFY_SETTING = "enforcement.rectify_days"


def needs_rectification(grade: str, problems: str) -> bool:
    """A scored file gets a 整改 when it is below the pass line (不合格) or the reviewer found problems."""
    return grade == Grade.FAIL or bool((problems or "").strip())


def rectify_deadline(org: Org, reviewed_on: date) -> date:
    """The 整改 deadline: the jurisdiction's `enforcement.rectify_days` calendar days after the scoring (a local
    rule of the 案卷评查 campaign; no statute sets it)."""
    from datetime import timedelta

    from fazhi.core.jsettings import get_setting

    return reviewed_on + timedelta(days=int(get_setting(org, RECTIFY_SETTING)))


# -- clocks ---------------------------------------------------------------------------------------------


def decision_deadline(case: EnforcementCase, calendar: WorkCalendar | None = None) -> Deadline | None:
    """行政处罚法 第六十条: 自行政处罚案件立案之日起九十日内作出行政处罚决定 (calendar days: 第八十五条 names only
    二、三、五、七日 as working days). Only 行政处罚 cases run this clock."""
    if case.kind != PowerType.PENALTY or not case.filed_on:
        return None
    return compute("enforcement.penalty_decision", case.filed_on, calendar=calendar)


def publish_deadline(case: EnforcementCase, calendar: WorkCalendar | None = None) -> Deadline | None:
    """国办发〔2018〕118号: 许可、处罚 decisions published within 7 working days, other decisions within 20."""
    if not case.decided_on:
        return None
    rule = "enforcement.publish_decision" if case.kind in PUBLISH_7_KINDS else "enforcement.publish_other"
    return compute(rule, case.decided_on, calendar=calendar)


def warning_reply_deadline(org: Org, opened_on: date, calendar: WorkCalendar | None = None) -> Deadline:
    """The unit's written explanation of a 执法监督预警: the jurisdiction's `enforcement.warning_reply_days`
    working days from the warning (本地行政执法监督办法; the rule `enforcement.warning_reply`)."""
    from fazhi.core.jsettings import get_setting

    days = int(get_setting(org, "enforcement.warning_reply_days"))
    return compute("enforcement.warning_reply", opened_on, days=days, calendar=calendar)


def is_lenient(leniency: str) -> bool:
    return bool(leniency)


# -- the one validation of a case record ------------------------------------------------------------------


def _label(field: str) -> str:
    from .models import EnforcementCase

    return str(EnforcementCase._meta.get_field(field).verbose_name)  # type: ignore[union-attr]


def officer_problems(kind: str, on: date, officers: Iterable[Officer]) -> str:
    """行政处罚法 第四十二条第一款 ("执法人员不得少于两人"; 具有行政执法资格) and 行政强制法 第十八条第（二）项:
    the refusal when fewer than two officers hold a certificate valid on `on`, else ""."""
    if kind not in TWO_OFFICER_KINDS:
        return ""
    officers = list(officers)
    invalid = [o for o in officers if not o.valid_on(on)]
    valid = [o for o in officers if o.valid_on(on)]
    if len(valid) >= 2:
        return ""
    basis = "行政处罚法第四十二条" if kind == PowerType.PENALTY else "行政强制法第十八条"
    detail = "；".join(f"{o.name}（{o.cert_number}）的执法证在{on:%Y-%m-%d}无效" for o in invalid)
    return (
        f"执法人员不得少于两人且须持有有效执法证（{basis}）：{on:%Y-%m-%d}持有效执法证的仅{len(valid)}人"
        + (f"；{detail}" if detail else "")
    )


def validate(case: EnforcementCase, officers: Iterable[Officer] | None = None) -> dict[str, str]:
    """Every rule a case record obeys, whoever writes it (services after each action, the importer for each row,
    the demo). Pure; returns {field: first message}. `officers`: the case's officers (None: not checked)."""
    errors: dict[str, str] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, message)

    def not_before(field: str, earlier_field: str) -> None:
        value, earlier = getattr(case, field), getattr(case, earlier_field)
        if value and earlier and value < earlier:
            err(
                field,
                f"{_label(field)}（{value:%Y-%m-%d}）不能早于{_label(earlier_field)}（{earlier:%Y-%m-%d}）",
            )

    if officers is not None and case.filed_on:
        if problem := officer_problems(case.kind, case.filed_on, officers):
            err("officers", problem)
    if case.power_item_id and (
        problem := power_item_problem(
            case.power_item, unit_id=case.unit_id, kind=case.kind, filed_on=case.filed_on
        )
    ):
        err("power_item", problem)
    not_before("legal_review_on", "filed_on")
    not_before("decided_on", "filed_on")
    not_before("decided_on", "legal_review_on")
    not_before("published_on", "decided_on")
    not_before("closed_on", "decided_on")
    if case.decided_on and case.major and not case.legal_review_on:
        err(
            "legal_review_on",
            "重大执法决定未经法制审核，不得作出决定（行政处罚法第五十八条），请先登记法制审核",
        )
    if case.published_on and not case.decided_on:
        err("published_on", "尚未作出决定的案件不能登记公示")
    if case.closed_on and not case.decided_on:
        err("closed_on", "应先登记执法决定才能结案")
    amount = case.amount if case.amount is not None else Decimal(0)
    if amount < 0:
        err("amount", "罚没金额不能为负数")
    if case.kind != PowerType.PENALTY:
        if amount:
            err("amount", "只有行政处罚案件可以填写罚没金额")
        if case.leniency:
            err("leniency", "从轻、减轻、不予处罚只适用于行政处罚案件（行政处罚法第三十二条、第三十三条）")
    elif case.leniency in NO_PENALTY_LENIENCY and amount:
        err("amount", f"{Leniency(case.leniency).label}的案件不应有罚没金额（行政处罚法第三十三条）")
    return errors


def status_of(case: EnforcementCase) -> str:
    """The state a case's dates put it in (an imported case, whose actions are not replayed)."""
    return Status.CLOSED if case.closed_on else Status.DECIDED if case.decided_on else Status.FILED


def derive(case: EnforcementCase) -> None:
    """The fields computed from the record: the decision clock (fixed at 立案) and the 公示 clock."""
    d = decision_deadline(case)
    case.decision_due = d.due if d else None
    p = publish_deadline(case)
    case.publish_due = p.due if p else None


# -- the timeline ---------------------------------------------------------------------------------------


def event(case: EnforcementCase, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    note = ""
    if action == "file":
        kind, note = EventKind.FILED, f"{PowerType(case.kind).label} {case.facts}".strip()
    elif action == "review":
        kind, note = EventKind.REVIEWED, ("重大执法决定法制审核" if case.major else "")
    elif action == "decide":
        due = case.decision_due
        kind = EventKind.DECIDED
        parts = []
        if case.amount:
            parts.append(f"罚没 {case.amount:,.2f} 元")
        if case.leniency:
            parts.append(Leniency(case.leniency).label)
        if due and on > due:
            parts.append(f"逾期作出决定（期限 {due:%Y-%m-%d}）")
        note = "，".join(parts)
    elif action == "publish":
        due = case.publish_due
        kind, note = EventKind.PUBLISHED, (f"逾期公示（期限 {due:%Y-%m-%d}）" if due and on > due else "")
    elif action == "close":
        kind = EventKind.CLOSED
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def timeline(case: EnforcementCase, *, note: str = "") -> list[tuple[str, date, str]]:
    """The entries the actions would have left for a case known only by its final record (an imported row)."""
    first = event(case, "file", case.filed_on)
    out = [(first[0], first[1], (f"{first[2]}（{note}）" if note else first[2])[:300])]
    if case.legal_review_on:
        out.append(event(case, "review", case.legal_review_on))
    if case.decided_on:
        out.append(event(case, "decide", case.decided_on))
    if case.published_on:
        out.append(event(case, "publish", case.published_on))
    if case.closed_on:
        out.append(event(case, "close", case.closed_on))
    return out


# -- 案卷评查: the scoring sheet ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetItem:
    key: str
    label: str
    points: int
    basis: str
    machine: bool  # scored from the record itself


SHEET_VERSION = "2025版"
SHEET: tuple[SheetItem, ...] = (
    SheetItem("officers", "执法人员不少于两人且持有效执法证", 15, "行政处罚法第四十二条", True),
    SheetItem("legal_review", "重大执法决定经法制审核", 15, "行政处罚法第五十八条", True),
    SheetItem("decided_in_time", "在法定期限内作出决定", 10, "行政处罚法第六十条", True),
    SheetItem("published_in_time", "执法决定按时公示", 10, "国办发〔2018〕118号", True),
    SheetItem("legal_basis", "引用法律依据", 10, "行政处罚法第五十九条第一款第（三）项", True),
    SheetItem("facts", "事实清楚、证据确凿", 20, "行政处罚法第四十条", False),
    SheetItem("procedure", "程序合法（告知、陈述申辩、听证）", 10, "行政处罚法第四十四条、第六十三条", False),
    SheetItem("documents", "文书规范、全过程记录归档", 10, "行政处罚法第四十七条", False),
)
EXCELLENT_AT = 90  # 优秀: 90 分以上
PASS_AT = 70  # 合格: 70 分以上


def machine_scores(case: EnforcementCase, officers: Iterable[Officer]) -> dict[str, int]:
    """The machine-checkable items scored from the record: full points when the rule holds, 0 otherwise."""
    items = {i.key: i for i in SHEET}
    ok = {
        "officers": not officer_problems(PowerType.PENALTY, case.filed_on, officers),
        "legal_review": not case.major
        or bool(case.legal_review_on and case.decided_on and case.legal_review_on <= case.decided_on),
        "decided_in_time": not case.decision_due
        or bool(case.decided_on and case.decided_on <= case.decision_due),
        "published_in_time": bool(
            case.published_on and (not case.publish_due or case.published_on <= case.publish_due)
        ),
        "legal_basis": bool((case.legal_basis or "").strip()),
    }
    return {k: (items[k].points if v else 0) for k, v in ok.items()}


def grade_of(score: int) -> str:
    return Grade.EXCELLENT if score >= EXCELLENT_AT else Grade.PASS if score >= PASS_AT else Grade.FAIL


def total(scores: dict[str, int]) -> int:
    return sum(int(v) for v in scores.values())


def check_scores(scores: dict[str, Any]) -> dict[str, str]:
    """The reviewer's scores: every reviewer item present, an integer between 0 and its points."""
    errors: dict[str, str] = {}
    for item in SHEET:
        if item.machine:
            continue
        value = scores.get(item.key)
        if value is None or value == "":
            errors[item.key] = f"请填写「{item.label}」的得分"
            continue
        try:
            n = int(value)
        except (TypeError, ValueError):
            errors[item.key] = f"「{item.label}」的得分应为整数"
            continue
        if not 0 <= n <= item.points:
            errors[item.key] = f"「{item.label}」的得分应在0至{item.points}分之间"
    return errors


# -- 权责清单 ---------------------------------------------------------------------------------------------

# The fields of a power item a change (新增 / 变更 / 取消) records before and after.
POWER_FIELDS = (
    "name",
    "power_type",
    "law",
    "articles",
    "implementer",
    "entrusted_org",
    "responsibilities",
    "in_catalog",
    "delegated",
    "delegation_doc_number",
    "delegation_doc_title",
    "delegated_on",
)


def power_snapshot(item: PowerItem, fields: Iterable[str] = POWER_FIELDS) -> dict[str, Any]:
    """The item's recorded fields as JSON values (dates as ISO text)."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(item, name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def power_label(field: str) -> str:
    from .models import PowerItem

    return str(PowerItem._meta.get_field(field).verbose_name)  # type: ignore[union-attr]


def validate_power_item(item: PowerItem, *, township: bool) -> dict[str, str]:
    """The one check of a power item (services, importer, demo). `township`: whether the item's unit belongs to a
    乡镇（街道）, the only place a 赋权事项 can be exercised."""
    from .choices import Implementer

    errors: dict[str, str] = {}
    if not (item.code or "").strip():
        errors["code"] = "请填写事项编码"
    if not (item.name or "").strip():
        errors["name"] = "请填写事项名称"
    if item.power_type not in PowerType.values:
        kinds = "、".join(str(label) for label in PowerType.labels)
        errors["power_type"] = f"未知的职权类型「{item.power_type}」，应为{kinds}之一"
    if not (item.law or "").strip():
        errors["law"] = "缺少法律依据：请填写设定该职权的法律、法规或规章名称"
    if not (item.articles or "").strip():
        errors["articles"] = "缺少依据条款：请填写条款序号及内容"
    if item.implementer == Implementer.ENTRUSTED and not (item.entrusted_org or "").strip():
        errors["entrusted_org"] = "实施主体为受委托组织的，请填写受委托组织名称"
    if item.implementer == Implementer.UNIT and (item.entrusted_org or "").strip():
        errors["entrusted_org"] = "实施主体为本单位的，不填写受委托组织"
    if item.delegated:
        if not township:
            errors["delegated"] = "赋权事项只能列入乡镇（街道）单位的清单"
        if not (item.delegation_doc_number or "").strip():
            errors["delegation_doc_number"] = "赋权事项须填写赋权文件文号"
        if not item.delegated_on:
            errors["delegated_on"] = "赋权事项须填写赋权日期"
    elif item.delegation_doc_number or item.delegation_doc_title or item.delegated_on:
        errors["delegated"] = "填写了赋权文件，但未标记为赋权事项"
    return errors


def validate_change_document(doc_number: str, doc_date: date | None) -> dict[str, str]:
    """Every change of a list is made by a document: its 文号 and date are required."""
    errors = {}
    if not (doc_number or "").strip():
        errors["doc_number"] = "请填写调整文件文号（权责清单的每次调整须有文件依据）"
    if not doc_date:
        errors["doc_date"] = "请填写调整日期"
    return errors


def power_item_problem(item: PowerItem | None, *, unit_id: int, kind: str, filed_on: date | None) -> str:
    """Why a case cannot name `item` ("" when it can): the item must be of the case's unit, in force on the
    立案 date, and of the case's 执法类别."""
    if item is None:
        return ""
    if item.unit_id != unit_id:
        return f"权责事项「{item.code} {item.name}」不属于本执法单位的权责清单"
    if filed_on and item.added_on > filed_on:
        return f"权责事项「{item.code} {item.name}」于{item.added_on:%Y-%m-%d}列入清单，立案时尚未列入"
    if filed_on and item.removed_on and item.removed_on <= filed_on:
        return f"权责事项「{item.code} {item.name}」已于{item.removed_on:%Y-%m-%d}取消"
    if item.power_type != kind:
        return (
            f"权责事项「{item.code} {item.name}」的职权类型为{PowerType(item.power_type).label}，"
            f"与执法类别{PowerType(kind).label if kind in PowerType.values else kind}不符"
        )
    return ""
