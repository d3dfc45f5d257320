"""Rules of 合法性审核: the workflow (收件 → 审核中 → (退回补充材料) → 出具意见 → 办结) with its articles, the two
clocks, the one validation and the timeline.

Clocks:
* the review time the submitter must allow, 重大行政决策程序暂行条例 第二十六条第二款 "一般不少于7个工作日"
  (rule `legality.minimum_review` in fazhi.law): a request whose 要求出具意见日期 falls before it came too late;
* the office's own time limit, a local rule: `legality.review_days` working days (per-jurisdiction setting), from
  receipt, or from the day the returned materials came back (the clock restarts, as 补正 does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.calendar import WorkCalendar, format_date
from fazhi.law.deadlines import Deadline, compute

from .choices import ALLOWING_OPINIONS, CounselKind, CounselStatus, EventKind, Opinion, Status, SubjectKind

if TYPE_CHECKING:
    from .models import Counsel, ReviewRequest

JUECE = "《重大行政决策程序暂行条例》"
SETTING = "legality.review_days"
DEFAULT_REVIEW_DAYS = 10


def _counsel_heard(request: ReviewRequest) -> bool:
    return request.subject_kind != SubjectKind.DECISION or request.counsel_consulted


WORKFLOW = Workflow(
    status=Status,
    number_field="number",
    noun="审核事项",
    transitions_list=[
        T("start", {Status.RECEIVED}, Status.REVIEWING, "开始审核", f"{JUECE}第二十七条"),
        T(
            "return_materials",
            {Status.RECEIVED, Status.REVIEWING},
            Status.RETURNED,
            "退回补充材料",
            f"{JUECE}第二十六条第一款",
        ),
        T("resubmit", {Status.RETURNED}, Status.REVIEWING, "登记补充材料", f"{JUECE}第二十六条第一款"),
        # a revised draft (新版本) replaces the text reviewed; the earlier versions stay as attachments
        T(
            "new_draft",
            {Status.RECEIVED, Status.REVIEWING, Status.RETURNED},
            None,
            "上传新版本草案",
            "",
        ),
        T("counsel", {Status.RECEIVED, Status.REVIEWING}, None, "登记法律顾问意见", f"{JUECE}第二十八条"),
        T(
            "give_opinion",
            {Status.REVIEWING},
            Status.OPINION,
            "出具审核意见",
            f"{JUECE}第二十八条",
            when=_counsel_heard,
            refusal=(
                "重大行政决策草案的合法性审查，应当组织法律顾问、公职律师提出法律意见"
                f"（{JUECE}第二十八条），请先登记法律顾问或公职律师的意见。"
            ),
        ),
        T("close", {Status.OPINION}, Status.CLOSED, "办结", ""),
    ],
)
allowed_actions = WORKFLOW.allowed

# The register of 法律顾问/公职律师: a person in office is renewed or leaves.
COUNSEL_WORKFLOW = Workflow(
    status=CounselStatus,
    number_field="name",
    noun="人员",
    transitions_list=[
        T("renew", {CounselStatus.ACTIVE}, None, "续聘", ""),
        T("end", {CounselStatus.ACTIVE}, CounselStatus.ENDED, "离任（解聘）", ""),
    ],
)
check_transition = WORKFLOW.check


# -- clocks -----------------------------------------------------------------------------------------------


def minimum_review(received_on: date, *, calendar: WorkCalendar | None = None) -> Deadline:
    """The first day the submitter may ask the opinion for: 7 working days after receipt (第二十六条第二款)."""
    return compute("legality.minimum_review", received_on, calendar=calendar)


def short_notice(request: ReviewRequest) -> bool:
    """Whether the submitter left less than the statutory review time (要求出具意见日期 before the minimum)."""
    return bool(request.requested_by and request.minimum_due and request.requested_by < request.minimum_due)


@dataclass(frozen=True)
class OfficeDeadline:
    """The office's own time limit (a local rule): due date and how it was counted."""

    due: date
    days: int
    start: date
    explanation: str


def office_deadline(start: date, days: int, *, calendar: WorkCalendar | None = None) -> OfficeDeadline:
    """`days` working days after `start` (the start day not counted, 法定休假日 left out)."""
    cal = calendar or WorkCalendar()
    due = cal.add_working_days(start, days)
    text = (
        f"本级合法性审核办理时限为{days}个工作日（本行政区域规定，在系统设置中维护），"
        f"自{format_date(start)}的次日起算，不含法定休假日，届满日为{format_date(due)}。"
    )
    return OfficeDeadline(due=due, days=days, start=start, explanation=text)


def allows(opinion: str) -> bool:
    """Whether an opinion lets the draft go on (决策条例 第二十五条第二款: unreviewed or unlawful drafts may not)."""
    return opinion in ALLOWING_OPINIONS


def split_points(text: str) -> list[str]:
    """The points of a written list, one per non-empty line, list markers (1. 一、 （1）) kept as written."""
    return [line.strip()[:500] for line in (text or "").splitlines() if line.strip()]


# -- the one validation -----------------------------------------------------------------------------------


def _label(field: str) -> str:
    from .models import ReviewRequest

    return str(ReviewRequest._meta.get_field(field).verbose_name)  # type: ignore[union-attr]


def validate(request: ReviewRequest) -> dict[str, str]:
    """Every rule a review record obeys, whoever writes it (services, importer, demo). {field: first message}."""
    errors: dict[str, str] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, message)

    def not_before(field: str, earlier_field: str) -> None:
        value, earlier = getattr(request, field), getattr(request, earlier_field)
        if value and earlier and value < earlier:
            err(
                field,
                f"{_label(field)}（{value:%Y-%m-%d}）不能早于{_label(earlier_field)}（{earlier:%Y-%m-%d}）",
            )

    if not (request.title or "").strip():
        err("title", "请填写送审事项")
    if request.subject_kind and request.subject_kind not in SubjectKind.values:
        err("subject_kind", f"未知的审核类别：{request.subject_kind}")
    not_before("requested_by", "received_on")
    not_before("returned_on", "received_on")
    not_before("resubmitted_on", "returned_on")
    if request.resubmitted_on and not request.returned_on:
        err("resubmitted_on", "填写了补充材料日期，请填写退回日期")
    if request.returned_on and not (request.return_reason or "").strip():
        err("return_reason", "退回补充材料的，请写明需要补充的材料或退回理由")
    if request.opinion or request.opinion_on:
        if request.opinion not in Opinion.values:
            err("opinion", "填写了出具意见日期，请选择审核结论（同意、修改后同意、不同意）")
        if not request.opinion_on:
            err("opinion_on", "填写了审核结论，请填写出具意见日期")
        if not (request.opinion_text or "").strip():
            err("opinion_text", "请填写书面审核意见")
        not_before("opinion_on", "received_on")
        not_before("opinion_on", "resubmitted_on")
        if request.returned_on and not request.resubmitted_on:
            err("opinion_on", "材料已退回、尚未补充的事项不能出具意见，请先填写补充材料日期")
    if request.closed_on:
        if not request.opinion:
            err("closed_on", "应先出具审核意见才能办结")
        not_before("closed_on", "opinion_on")
    return errors


def validate_counsel(counsel: Counsel) -> dict[str, str]:
    """The rules a register entry obeys (services, the edit page)."""
    errors: dict[str, str] = {}
    if counsel.kind == CounselKind.PUBLIC_LAWYER and not (counsel.certificate_no or "").strip():
        errors["certificate_no"] = "公职律师请填写公职律师证书编号"
    if counsel.kind == CounselKind.ADVISER and not (counsel.firm or "").strip():
        errors["firm"] = "法律顾问请填写所在律师事务所（执业机构）"
    if counsel.end_on and counsel.start_on and counsel.end_on < counsel.start_on:
        errors["end_on"] = "聘期届满（离任）日期不能早于聘任日期"
    return errors


def status_of(request: ReviewRequest) -> str:
    """The state a record's dates put it in (an imported row, whose actions are not replayed)."""
    if request.closed_on:
        return Status.CLOSED
    if request.opinion:
        return Status.OPINION
    if request.returned_on and not request.resubmitted_on:
        return Status.RETURNED
    return Status.REVIEWING if request.reviewer_id or request.resubmitted_on else Status.RECEIVED


def on_time(request: ReviewRequest) -> bool | None:
    """Whether the opinion came within the office's time limit (None while there is no opinion or no limit)."""
    if not request.opinion_on or not request.due_on:
        return None
    return request.opinion_on <= request.due_on


# -- the timeline -----------------------------------------------------------------------------------------


def event(request: ReviewRequest, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    """The timeline entry an action leaves (kind, date, note), `request` as the action left it."""
    note = ""
    if action == "register":
        kind = EventKind.RECEIVED
        note = f"{request.unit.name}送审" + ("；送审时间不足7个工作日" if request.short_notice else "")
    elif action == "start":
        kind, note = EventKind.STARTED, (facts.get("reviewer_name") or "")
    elif action == "return_materials":
        kind, note = EventKind.RETURNED, request.return_reason
    elif action == "resubmit":
        kind = EventKind.RESUBMITTED
        note = f"办理期限重新计算至 {request.due_on:%Y-%m-%d}" if request.due_on else ""
    elif action == "new_draft":
        kind = EventKind.NEW_DRAFT
        note = f"第{request.draft_version}稿（{facts.get('file_name', '')}），预审提示 {facts.get('flags', 0)} 处"
    elif action == "counsel":
        kind, note = EventKind.COUNSEL, str(facts.get("counsel") or "")
    elif action == "give_opinion":
        kind = EventKind.OPINION
        note = f"{Opinion(request.opinion).label}，意见建议 {request.points_count} 条"
        if request.on_time is False:
            note += f"（超过办理期限 {request.due_on:%Y-%m-%d}）"
    elif action == "close":
        kind = EventKind.CLOSED
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def timeline(request: ReviewRequest, *, note: str = "") -> list[tuple[str, date, str]]:
    """The entries the actions would have left for a request known only by its final record (an imported row)."""
    out = [event(request, "register", request.received_on)]
    if note:
        out[0] = (out[0][0], out[0][1], f"{out[0][2]}（{note}）")
    if request.returned_on:
        out.append((EventKind.RETURNED, request.returned_on, request.return_reason[:300]))
    if request.resubmitted_on:
        out.append((EventKind.RESUBMITTED, request.resubmitted_on, ""))
    if request.opinion_on:
        out.append(event(request, "give_opinion", request.opinion_on))
    if request.closed_on:
        out.append(event(request, "close", request.closed_on))
    return out
