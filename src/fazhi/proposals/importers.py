"""人大代表建议 and 政协委员提案 import and export: the sheet "建议提案" for the shared machinery in
fazhi.core.importing. Each row is one assigned proposal with what has happened to it so far (答复, 代表委员意见,
办结); the reply due date is computed from the jurisdiction's setting, as 交办 computes it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from fazhi.core.importing import (
    CHOICE,
    DATE,
    IMPORT_REASON,
    ORG,
    Column,
    Importer,
    RowInvalid,
    bulk_create_audited,
    bulk_insert,
    chunked,
    event_row,
    register,
)
from fazhi.core.jsettings import get_setting

from . import rules, services
from .choices import Category, Kind, Satisfaction, Status
from .models import Proposal, ProposalEvent

#: how 办理结果 is written in the offices' ledgers: "A", "A类", or the whole label
CATEGORY_TEXT = {
    **{c.value.upper(): c.value for c in Category},
    **{f"{c.value.upper()}类": c.value for c in Category},
    **{str(c.label): c.value for c in Category},
}


def category_of(text: str) -> str:
    """The 办理结果 code of a cell ("A类" → "a"); ValueError naming the accepted forms."""
    found = CATEGORY_TEXT.get(text.strip().upper()) or CATEGORY_TEXT.get(text.strip())
    if found is None:
        raise ValueError(f"「{text}」不是办理结果；请填 A类、B类 或 C类")
    return found


@register
class ProposalImporter(Importer):
    app = "proposals"
    title = "建议提案"
    sheet_name = "建议提案"
    model = Proposal
    list_url_name = "proposals:list"
    columns = (
        Column(
            "kind", "类别", CHOICE, required=True, choices=Kind, width=16, aliases=("建议提案类别", "类型")
        ),
        Column(
            "session",
            "届次会议",
            required=True,
            width=24,
            help="如 市十七届人大三次会议",
            aliases=("会议", "届次", "会议名称"),
        ),
        Column(
            "number",
            "建议（提案）号",
            required=True,
            aliases=("编号", "建议号", "提案号", "建议编号", "提案编号", "案号"),
        ),
        Column("title", "标题", required=True, width=32, aliases=("案由", "题目", "建议题目", "提案题目")),
        Column(
            "proposer",
            "领衔代表（委员）",
            required=True,
            aliases=("领衔人", "提出人", "领衔代表", "领衔委员", "提案人", "代表姓名", "委员姓名"),
        ),
        Column("unit", "主办单位", ORG, required=True, width=22, aliases=("承办单位", "主办单位名称")),
        Column("co_units", "协办单位", width=22, aliases=("会办单位", "协办单位名称")),
        Column("assigned_on", "交办日期", DATE, required=True, aliases=("交办时间",)),
        Column("answered_on", "答复日期", DATE, aliases=("答复时间", "书面答复日期")),
        Column(
            "category",
            "办理结果",
            help="A类、B类或C类；已答复的必填",
            aliases=("答复类别", "办理类别", "答复结果", "办理结果类别"),
        ),
        Column(
            "satisfaction",
            "代表委员意见",
            CHOICE,
            choices=Satisfaction,
            aliases=("满意度", "反馈意见", "代表意见", "委员意见", "满意程度"),
        ),
        Column("closed_on", "办结日期", DATE, aliases=("办结时间",)),
    )
    notes = (
        "每行为一件已交办的建议或提案；答复期限按本级“建议提案答复时限”参数从交办日期计算，无需填写。",
        "导入人须为主办单位所属行政区划的法治办（政府办）；同一届次会议的建议（提案）号不得重复；"
        "任何一行有误，整个文件都不导入。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        numbers = sorted({v["number"] for _, v in rows if v.get("number")})
        self.db_keys: set[tuple[int, str, str, str]] = set()
        for part in chunked(numbers, 200):
            self.db_keys.update(
                Proposal.all_objects.filter(number__in=part).values_list(
                    "org_id", "kind", "session", "number"
                )
            )
        self.file_keys: dict[tuple[int, str, str, str], int] = {}
        self.months: dict[int, int] = {}
        self.allowed: dict[int, bool] = {}

    def _allowed(self, org) -> bool:
        if org.id not in self.allowed:
            try:
                services._require(self.user, (org,))  # the very check of 交办 (services.assign)
                self.allowed[org.id] = True
            except PermissionDenied:
                self.allowed[org.id] = False
        return self.allowed[org.id]

    def build(self, row: int, v: dict[str, Any]) -> Proposal:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        if not self._allowed(org):
            self.error(row, "unit", f"无权交办「{org.name}」的建议提案")
            raise RowInvalid
        if org.id not in self.months:
            self.months[org.id] = int(get_setting(org, rules.SETTING))
        errors: dict[str, str] = {}
        category = ""
        if v["category"]:
            try:
                category = category_of(v["category"])
            except ValueError as exc:
                errors["category"] = str(exc)
        answered_on, satisfaction, closed_on = v["answered_on"], v["satisfaction"] or "", v["closed_on"]
        status = Status.CLOSED if closed_on else Status.ANSWERED if answered_on else Status.ASSIGNED
        p = Proposal(
            org=org,
            unit=unit,
            kind=v["kind"],
            number=v["number"],
            session=v["session"],
            title=v["title"],
            proposer=v["proposer"],
            co_units=v["co_units"] or "",
            assigned_on=v["assigned_on"],
            due_on=rules.reply_due(v["assigned_on"], self.months[org.id]),
            status=status,
            answered_on=answered_on,
            category=category,
            satisfaction=satisfaction,
            closed_on=closed_on,
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        p.on_time = (answered_on <= p.due_on) if answered_on else None
        errors = rules.validate(p) | errors
        if (category or satisfaction) and not answered_on:
            errors.setdefault("answered_on", "填写了办理结果或代表委员意见的，请填写答复日期")
        if closed_on and not answered_on:
            errors.setdefault("answered_on", "已办结的，请填写答复日期")
        if closed_on and not satisfaction:
            errors.setdefault(
                "satisfaction", "已办结的，请填写代表委员对答复的意见（满意、基本满意或不满意）"
            )
        key = (org.id, p.kind, p.session, p.number)
        label = f"{p.session}{Kind(p.kind).label}第{p.number}号"
        if key in self.file_keys:
            errors.setdefault("number", f"{label}与第{self.file_keys[key]}行重复")
        elif key in self.db_keys:
            errors.setdefault("number", f"{label}已登记")
        else:
            self.file_keys[key] = row
        for name, message in errors.items():
            self.error(row, name, message)
        if errors:
            raise RowInvalid
        return p

    def write(self, built: list[Proposal], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        actor_id = user.pk if user else None
        done = 0
        for part in chunked(built, 2000):
            saved = bulk_create_audited(Proposal, part, user=user, when=now)
            events = []
            for p in saved:
                steps = [("register", p.assigned_on)]
                if p.answered_on:
                    steps.append(("answer", p.answered_on))
                if p.satisfaction:
                    steps.append(("feedback", p.closed_on or p.answered_on))
                if p.closed_on:
                    steps.append(("close", p.closed_on))
                for action, on in steps:
                    kind, on, note = rules.event(p, action, on)
                    events.append(
                        event_row(p.pk, kind, on, note or IMPORT_REASON, actor_id=actor_id, when=now)
                    )
            bulk_insert(ProposalEvent, events)
            done += len(part)
            progress(done)
        return done

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path))
        if year:
            qs = qs.filter(assigned_on__year=year)
        return qs.select_related("unit").order_by("assigned_on", "id")

    def export_row(self, p: Proposal) -> list[Any]:
        return [
            p.get_kind_display(),
            p.session,
            p.number,
            p.title,
            p.proposer,
            self.orgs.label(p.unit),
            p.co_units,
            p.assigned_on,
            p.answered_on,
            f"{p.category.upper()}类" if p.category else "",
            p.get_satisfaction_display() if p.satisfaction else "",
            p.closed_on,
        ]
