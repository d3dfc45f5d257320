"""Rules of 重大行政决策 (重大行政决策程序暂行条例): the workflow, the required steps, the clocks of 第十五条 (public
comment ≥30日) and 第十六条 (hearing materials 7日 before), one validation and the timeline."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, compute

from .choices import ALLOWING_OPINIONS, EvaluationTrigger, EventKind, LegalityOpinion, Meeting, Status, Step

if TYPE_CHECKING:
    from .models import Decision

OPEN = {Status.IN_PROGRESS}
DONE = {Status.DECIDED, Status.PUBLISHED}

WORKFLOW = Workflow(
    status=Status,
    number_field="number",
    noun="决策事项",
    transitions_list=[
        T(
            "draft",
            OPEN,
            None,
            "公布征求意见稿",
            "重大行政决策程序暂行条例第十五条",
            when=lambda d: d.needs_public,
            refusal="该事项依法不予公开，不向社会公开征求意见（重大行政决策程序暂行条例第十四条第一款）。",
        ),
        T("comment", OPEN, None, "登记公开征求意见", "重大行政决策程序暂行条例第十五条"),
        T("hearing", OPEN, None, "登记听证会", "重大行政决策程序暂行条例第十六条"),
        T("expert", OPEN, None, "登记专家论证", "重大行政决策程序暂行条例第十九条"),
        T("risk", OPEN, None, "登记风险评估", "重大行政决策程序暂行条例第二十二条"),
        T("legality", OPEN, None, "登记合法性审查意见", "重大行政决策程序暂行条例第二十五条"),
        T("decide", OPEN, Status.DECIDED, "登记集体讨论决定", "重大行政决策程序暂行条例第三十条"),
        T(
            "publish",
            {Status.DECIDED},
            Status.PUBLISHED,
            "登记决策公布",
            "重大行政决策程序暂行条例第三十二条",
        ),
        T(
            "archive",
            DONE,
            None,
            "登记归档",
            "重大行政决策程序暂行条例第三十三条",
            when=lambda d: d.archived_on is None,
            refusal="该决策已归档。",
        ),
        T("evaluate", {Status.PUBLISHED}, None, "登记决策后评估", "重大行政决策程序暂行条例第三十六条"),
        T("withdraw", OPEN, Status.WITHDRAWN, "调出目录", "重大行政决策程序暂行条例第三条第三款"),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check

ARTICLES = {
    Step.PUBLIC: "第十四条",
    Step.EXPERT: "第十九条",
    Step.RISK: "第二十二条",
    Step.LEGALITY: "第二十五条",
    Step.DISCUSSION: "第三十条",
    Step.PUBLICATION: "第三十二条",
    Step.ARCHIVE: "第三十三条",
    Step.EVALUATION: "第三十六条",
}


def comment_deadline(d: Decision) -> Deadline | None:
    """第十五条第一款: the earliest day the public comment period may end."""
    return compute("decisions.public_comment", d.comment_start) if d.comment_start else None


def hearing_deadline(d: Decision) -> Deadline | None:
    """第十六条第三款: the latest day to serve the hearing materials."""
    return compute("decisions.hearing_materials", d.hearing_on) if d.hearing_on else None


#: the longest public comment accepted on the portal (characters)
COMMENT_MAX = 2000
CLAUSE_RE = re.compile(r"^\s*(第[一二三四五六七八九十百千零〇两\d]+条)[\s　]*(.*)$")
PART_RE = re.compile(r"^\s*第[一二三四五六七八九十百千零〇两\d]+[编章节]([\s　].*)?$")


def split_clauses(text: str) -> list[tuple[str, str, str]]:
    """The draft's clauses as (part, heading, text): a clause starts at a line opening with 第X条; the lines of a
    chapter or section heading (第X章, 第X节) name the part of the clauses that follow; text before the first
    clause (title, preamble) is a clause without heading. A draft without 第X条 headings is one clause."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not any(CLAUSE_RE.match(ln) for ln in lines):
        body = text.strip()
        return [("", "", body)] if body else []
    out: list[tuple[str, str, list[str]]] = [("", "", [])]
    part = ""
    for ln in lines:
        m = CLAUSE_RE.match(ln)
        if m:
            out.append((part, m.group(1), [m.group(2)] if m.group(2).strip() else []))
        elif PART_RE.match(ln):
            part = ln.strip()[:100]
        elif ln.strip():
            out[-1][2].append(ln.strip())
    return [(p, h, "\n".join(body)) for p, h, body in out if h or body]


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def comment_open(d: Decision, today: dt.date) -> bool:
    """Whether the public may comment on the draft today: a matter in progress that takes public participation,
    whose draft is published and whose comment period (第十五条第一款) includes today."""
    return bool(
        d.status == Status.IN_PROGRESS
        and d.needs_public
        and d.draft_text
        and d.comment_start
        and d.comment_end
        and d.comment_start <= today <= d.comment_end
    )


def comment_closed_reason(d: Decision, today: dt.date) -> str:
    """Why a comment is refused today (\"\" when the period is open)."""
    if comment_open(d, today):
        return ""
    if (
        d.status != Status.IN_PROGRESS
        or not d.needs_public
        or not d.draft_text
        or not d.comment_start
        or not d.comment_end
    ):
        return "该决策事项目前不在公开征求意见期内，不接受意见。"
    if today < d.comment_start:
        return f"公开征求意见将于{_zh(d.comment_start)}开始，届时方可提交意见。"
    return f"公开征求意见已于{_zh(d.comment_end)}截止，不再接受意见。"


def comment_errors(text: str, name: str, contact: str) -> dict[str, str]:
    """The fields of a comment, however it came (the portal, a letter entered or imported): {field: message}."""
    errors = {}
    if not text:
        errors["text"] = "请填写意见内容"
    elif len(text) > COMMENT_MAX:
        errors["text"] = f"意见内容不能超过{COMMENT_MAX}字（现为{len(text)}字）"
    if len(name) > 60:
        errors["name"] = "姓名或名称不能超过60字"
    if len(contact) > 100:
        errors["contact"] = "联系方式不能超过100字"
    return errors


def offline_comment_refusal(d: Decision, received_on: dt.date) -> str:
    """Why a comment received offline on `received_on` cannot be entered ("" when it can): the draft must have
    been published for comment, and the day must fall in the comment period."""
    if not d.comment_start or not d.comment_end or not d.draft_text:
        return "该决策事项未公开征求意见（无征求意见稿），不能登记公众意见"
    if not d.comment_start <= received_on <= d.comment_end:
        return f"收到日期{_zh(received_on)}不在公开征求意见期间（{_zh(d.comment_start)}至{_zh(d.comment_end)}）内"
    return ""


def steps_done(d: Decision) -> dict[str, bool]:
    return {
        Step.PUBLIC: bool(d.comment_start or d.hearing_on),
        Step.EXPERT: bool(d.expert_on),
        Step.RISK: bool(d.risk_on),
        Step.LEGALITY: bool(d.legality_on and d.legality_opinion),
        Step.DISCUSSION: bool(d.discussed_on),
        Step.PUBLICATION: bool(d.published_on),
        Step.ARCHIVE: bool(d.archived_on),
        Step.EVALUATION: bool(d.evaluated_on),
    }


def required_steps(d: Decision) -> list[str]:
    """The steps before the collective discussion that this matter requires."""
    out: list[str] = []
    if d.needs_public:
        out.append(Step.PUBLIC)
    if d.needs_expert:
        out.append(Step.EXPERT)
    if d.needs_risk:
        out.append(Step.RISK)
    out.append(Step.LEGALITY)
    return out


def missing_before_decision(d: Decision) -> list[str]:
    """Why the decision may not be discussed yet, each reason citing its article (empty: it may)."""
    done = steps_done(d)
    reasons = [
        f"未履行{Step(s).label}程序（重大行政决策程序暂行条例{ARTICLES[Step(s)]}）"
        for s in required_steps(d)
        if not done[s] and s != Step.LEGALITY
    ]
    if d.needs_hearing and not d.hearing_on:
        reasons.append("须召开听证会而未召开（重大行政决策程序暂行条例第十六条）")
    if not done[Step.LEGALITY]:
        reasons.append(
            "决策草案未经合法性审查，不得提交决策机关讨论（重大行政决策程序暂行条例第二十五条第二款）"
        )
    elif d.legality_opinion not in ALLOWING_OPINIONS:
        reasons.append(
            "决策草案经审查不合法，不得提交决策机关讨论（重大行政决策程序暂行条例第二十五条第二款）"
        )
    return reasons


# -- the one validation ------------------------------------------------------------------------------------------
def _label(field: str) -> str:
    from .models import Decision

    return str(Decision._meta.get_field(field).verbose_name)  # type: ignore[union-attr]


def validate(d: Decision) -> dict[str, str]:
    errors: dict[str, str] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, message)

    def not_before(field: str, earlier_field: str) -> None:
        value, earlier = getattr(d, field), getattr(d, earlier_field)
        if value and earlier and value < earlier:
            err(
                field,
                f"{_label(field)}（{value:%Y-%m-%d}）不能早于{_label(earlier_field)}（{earlier:%Y-%m-%d}）",
            )

    if d.comment_start and not d.comment_end:
        err("comment_end", "请填写公开征求意见截止日期")
    if d.comment_end and not d.comment_start:
        err("comment_start", "请填写公开征求意见开始日期")
    not_before("comment_end", "comment_start")
    if d.comment_end and d.comment_earliest_end and d.comment_end < d.comment_earliest_end:
        if not (d.comment_shortened_reason or "").strip():
            err(
                "comment_shortened_reason",
                f"公开征求意见的期限一般不少于30日（至少至{d.comment_earliest_end:%Y-%m-%d}）；因情况紧急等原因缩短期限的，"
                "应当说明理由（重大行政决策程序暂行条例第十五条第一款）",
            )
    if d.comments_adopted > d.comments_received:
        err("comments_adopted", "采纳的意见条数不能多于收到的意见条数")
    if d.hearing_materials_served_on and not d.hearing_on:
        err("hearing_on", "请填写听证会日期")
    not_before("hearing_on", "listed_on")
    if d.legality_on and not d.legality_opinion:
        err("legality_opinion", "请选择合法性审查意见")
    if d.legality_opinion and not (d.legality_review or "").strip():
        err("legality_review", "请填写合法性审查编号")
    if d.discussed_on:
        if not d.meeting:
            err("meeting", "请选择讨论决策草案的会议（第三十条：常务会议或者全体会议）")
        for f in ("comment_end", "expert_on", "risk_on", "legality_on", "hearing_on"):
            value = getattr(d, f)
            if value and value > d.discussed_on:
                err(f, f"{_label(f)}（{value:%Y-%m-%d}）不能晚于集体讨论日期（{d.discussed_on:%Y-%m-%d}）")
    not_before("discussed_on", "listed_on")
    not_before("published_on", "discussed_on")
    not_before("archived_on", "discussed_on")
    not_before("evaluated_on", "published_on")
    if d.published_on and not d.discussed_on:
        err("published_on", "尚未集体讨论决定的决策不能公布")
    return errors


# -- the timeline ------------------------------------------------------------------------------------------------
def event(d: Decision, action: str, on: dt.date, **facts: Any) -> tuple[str, dt.date, str]:
    note = ""
    if action == "draft":
        kind = EventKind.PUBLIC
        note = f"公布征求意见稿（{facts.get('clauses', 0)}条），征求意见期{d.comment_start:%Y-%m-%d}至{d.comment_end:%Y-%m-%d}"
        if d.comment_shortened_reason:
            note += f"；缩短期限：{d.comment_shortened_reason}"
    elif action == "list":
        kind, note = EventKind.LISTED, d.adjustment_reason and f"目录调整：{d.adjustment_reason}"
    elif action == "comment":
        kind = EventKind.PUBLIC
        note = f"{d.comment_start:%Y-%m-%d}至{d.comment_end:%Y-%m-%d}，收到意见{d.comments_received}条，采纳{d.comments_adopted}条"
        if d.comment_shortened_reason:
            note += f"；缩短期限：{d.comment_shortened_reason}"
    elif action == "hearing":
        kind = EventKind.HEARING
        served, due = d.hearing_materials_served_on, d.hearing_materials_due
        note = f"听证会{d.hearing_on:%Y-%m-%d}" + (
            f"，材料{served:%Y-%m-%d}送达" + ("（未于7日前送达）" if due and served > due else "")
            if served
            else ""
        )
    elif action == "expert":
        kind, note = EventKind.EXPERT, d.expert_summary
    elif action == "risk":
        kind, note = EventKind.RISK, d.risk_conclusion
    elif action == "legality":
        kind, note = EventKind.LEGALITY, f"{d.legality_review} {LegalityOpinion(d.legality_opinion).label}"
    elif action == "decide":
        kind = EventKind.DECIDED
        note = f"{Meeting(d.meeting).label}：{d.decision_text}" + (
            f"；不同意见：{d.dissent}" if d.dissent else ""
        )
    elif action == "publish":
        kind = EventKind.PUBLISHED
    elif action == "archive":
        kind = EventKind.ARCHIVED
    elif action == "evaluate":
        kind = EventKind.EVALUATED
        note = EvaluationTrigger(d.evaluation_trigger).label + (
            f"：{d.evaluation_summary}" if d.evaluation_summary else ""
        )
    elif action == "withdraw":
        kind, note = EventKind.WITHDRAWN, facts.get("reason", "")
    else:  # pragma: no cover
        raise ValueError(f"unknown action {action}")
    return kind, on, (note or "")[:300]
