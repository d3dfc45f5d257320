"""Every write of 合法性审核 and of the 法律顾问/公职律师 register: one atomic, permission-checked, audited function
per action."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from fazhi.core import attachments, numbering
from fazhi.core.audit import save_audited
from fazhi.core.casework.transitions import Transitions, acting_user
from fazhi.core.importing.bulk import rows_added
from fazhi.core.jsettings import get_setting
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import CounselEventKind, CounselKind, CounselStatus, Opinion, Status, SubjectKind
from .models import Counsel, CounselEvent, CounselOpinion, ReviewEvent, ReviewPoint, ReviewRequest
from .precheck import precheck

APP = "legality"


def require_submit(actor: Actor, org: Org, unit: Org) -> None:
    """A unit's clerk submits its own drafts; the office may register one for any unit of its jurisdiction."""
    if not (can(actor, unit, "legality.submit") or can(actor, org, "legality.submit")):
        raise PermissionDenied("无权为该单位送审")


def require_review(actor: Actor, request: ReviewRequest) -> None:
    """Reviewing is the 法制机构's work, at the reviewing jurisdiction."""
    if not can(actor, request.org, "legality.review"):
        raise PermissionDenied("无权办理该合法性审核事项：审核由本级司法行政部门（法制机构）办理")


def review_days(org: Org) -> int:
    days = int(get_setting(org, rules.SETTING))
    if days <= 0:
        raise ValidationError(f"本级合法性审核办理时限设置为{days}个工作日，应为正整数，请在系统设置中修改")
    return days


def _set_office_clock(request: ReviewRequest, start: date) -> None:
    request.review_days = review_days(request.org)
    request.clock_from = start
    request.due_on = rules.office_deadline(start, request.review_days).due


def _derive(request: ReviewRequest) -> None:
    request.short_notice = rules.short_notice(request)
    request.on_time = rules.on_time(request)


# Every action of a request: one transaction, the row locked, the 法制机构's capability (the submitting unit's for a
# new draft or the materials), the workflow's check (rules.WORKFLOW); each save derives the notice and on-time
# flags, passes rules.validate and is audited; the timeline entry as rules.event words it.
FLOW = Transitions.of(
    rules, permit=require_review, events=ReviewEvent, derive=_derive, clean_exclude=("created_by", "reviewer")
)


def refresh_clocks(request: ReviewRequest, before: dict[str, Any]) -> None:
    """After 修改基本信息 (core.casework.editing): the clocks that ran from a corrected receipt date."""
    request.minimum_due = rules.minimum_review(request.received_on).due
    if "received_on" in before and request.clock_from == before["received_on"] and request.due_on:
        _set_office_clock(request, request.received_on)
    _derive(request)


def _next_number(org: Org, year: int) -> str:
    """The next number of the jurisdiction's sequence that no imported request already carries."""
    for _ in range(1000):
        _, number = numbering.next_number(org, APP, year)
        if not ReviewRequest.objects.filter(org=org, number=number).exists():
            return number
    raise ValidationError("审核编号已用尽，请在案号规则中调整本年度编号")  # pragma: no cover


@transaction.atomic
def register_request(
    *,
    actor: Actor,
    unit: Org,
    title: str,
    subject_kind: str,
    received_on: date,
    requested_by: date | None = None,
    subject_ref: str = "",
    draft_text: str = "",
    draft_file: Any = None,
) -> ReviewRequest:
    """收件: numbers the request, fixes the statutory minimum review time (第二十六条第二款) and the office's own
    time limit (per-jurisdiction setting), and flags a request that came too late. A draft file (.docx, .pdf,
    .txt) gives the draft text and is kept with the request as its attachment."""
    org = unit.jurisdiction()
    require_submit(actor, org, unit)
    if draft_file is not None:
        draft_text = draft_text_of(draft_file)
    if subject_kind not in SubjectKind.values:
        raise ValidationError({"subject_kind": f"未知的审核类别：{subject_kind}"})
    number = _next_number(org, received_on.year)
    request = ReviewRequest(
        org=org,
        unit=unit,
        number=number,
        title=title.strip(),
        subject_kind=subject_kind,
        subject_ref=subject_ref.strip(),
        draft_text=draft_text,
        received_on=received_on,
        requested_by=requested_by,
        minimum_due=rules.minimum_review(received_on).due,
        created_by=acting_user(actor),
    )
    _set_office_clock(request, received_on)
    FLOW.save(request, actor=actor, reason="合法性审核收件")
    FLOW.event(request, "register", on=received_on, actor=actor)
    if draft_file is not None:
        draft_file.seek(0)
        attachments.store(record=request, upload=draft_file, actor=acting_user(actor), reason="上传草案原件")
    return request


def draft_text_of(upload: Any) -> str:
    """The text of an uploaded draft (.docx, text .pdf, .txt), read as the report reviewer reads a report; an
    unreadable file (binary, empty, scanned PDF without text, old .doc) is refused with a Chinese reason."""
    from fazhi.reviewer.text import ReviewError, load_bytes

    name = getattr(upload, "name", "") or ""
    try:
        attachments.check_file(name, getattr(upload, "size", 0) or 0)
    except ValidationError as exc:
        raise ValidationError({"draft_file": exc.messages}) from None
    upload.seek(0)
    data = upload.read()
    try:
        text = load_bytes(data, name)
    except ReviewError as exc:
        raise ValidationError({"draft_file": f"草案文件“{name}”无法读取：{exc}"}) from None
    text = text.replace("\x00", "").strip()
    if not text:
        raise ValidationError({"draft_file": f"草案文件“{name}”中没有文字"})
    return text


@FLOW.action("start")
def start_review(
    *, case: ReviewRequest, actor: Actor, started_on: date, reviewer: Any = None, co_reviewers: str = ""
) -> ReviewRequest:
    if started_on < case.received_on:
        raise ValidationError({"started_on": "开始审核日期不能早于收件日期"})
    case.reviewer = reviewer or acting_user(actor)
    case.co_reviewers = co_reviewers.strip()
    case.status = Status.REVIEWING
    FLOW.save(case, actor=actor, reason="开始审核")
    name = case.reviewer.get_full_name() or case.reviewer.get_username() if case.reviewer else ""
    FLOW.event(case, "start", on=started_on, actor=actor, reviewer_name=f"承办人 {name}" if name else "")
    return case


@FLOW.action("return_materials")
def return_materials(*, case: ReviewRequest, actor: Actor, returned_on: date, reason: str) -> ReviewRequest:
    """退回 or 要求补充 (第二十六条第一款): the office's clock stops until the materials come back."""
    case.returned_on = returned_on
    case.return_reason = reason.strip()
    case.resubmitted_on = None
    case.due_on = None
    FLOW.done(case, "return_materials", actor=actor, history="退回补充材料", on=returned_on)
    return case


def _require_new_draft(actor: Actor, case: ReviewRequest) -> None:
    if not (can(actor, case.org, "legality.review") or can(actor, case.unit, "legality.submit")):
        raise PermissionDenied("无权为该单位上传新版本草案")


def _require_resubmit(actor: Actor, case: ReviewRequest) -> None:
    if not (can(actor, case.org, "legality.review") or can(actor, case.unit, "legality.submit")):
        raise PermissionDenied("无权为该单位补充送审材料")


@FLOW.action("new_draft", permit=_require_new_draft)
def upload_new_draft(
    *, case: ReviewRequest, actor: Actor, draft_file: Any, uploaded_on: date
) -> ReviewRequest:
    """A new version (稿) of the draft under review: its text replaces the one reviewed (the 预审 runs on it when
    the page is drawn), the file is kept as an attachment, and so is the version it replaces when that one was
    typed in rather than uploaded. The clocks do not move (a new draft is not a 补充材料 after a 退回)."""
    if uploaded_on < case.received_on:
        raise ValidationError({"uploaded_on": "收到日期不能早于收件日期"})
    text = draft_text_of(draft_file)
    if text == case.draft_text:
        raise ValidationError({"draft_file": "新上传的草案与现有草案文字相同，无需更新"})
    previous, version = case.draft_text, case.draft_version
    if previous and not attachments.attachments_of(case):  # the old version was typed in: keep it as a file
        old = ContentFile(previous.encode("utf-8"), name=f"{case.number}草案第{version}稿.txt")
        attachments.store(record=case, upload=old, actor=acting_user(actor), reason=f"保留草案第{version}稿")
    case.draft_text = text
    case.draft_version = version + 1
    FLOW.save(case, actor=actor, reason=f"上传新版本草案（第{version + 1}稿）")
    draft_file.seek(0)
    attachments.store(
        record=case,
        upload=draft_file,
        actor=acting_user(actor),
        reason=f"上传新版本草案（第{version + 1}稿）",
    )
    flags = len(precheck(text)["flags"])
    FLOW.event(case, "new_draft", on=uploaded_on, actor=actor, file_name=draft_file.name, flags=flags)
    return case


@FLOW.action("resubmit", permit=_require_resubmit)
def resubmit(*, case: ReviewRequest, actor: Actor, resubmitted_on: date) -> ReviewRequest:
    """The materials came back: the office's time limit runs again from that day."""
    case.resubmitted_on = resubmitted_on
    case.status = Status.REVIEWING
    if case.returned_on and resubmitted_on >= case.returned_on:
        _set_office_clock(case, resubmitted_on)
    FLOW.done(case, "resubmit", actor=actor, history="补充材料", on=resubmitted_on)
    return case


@FLOW.action("counsel")
def record_counsel_opinion(
    *, case: ReviewRequest, actor: Actor, counsel: Counsel, given_on: date, text: str = ""
) -> CounselOpinion:
    """A 法律顾问's or 公职律师's legal opinion on the draft (决策条例 第二十八条)."""
    ancestors = {c for c in case.org.path.strip("/").split("/") if c}
    if counsel.org.code not in ancestors:
        raise ValidationError({"counsel": f"{counsel.name}不在本级或上级的法律顾问、公职律师名册中"})
    if given_on < case.received_on:
        raise ValidationError({"given_on": "提出意见日期不能早于收件日期"})
    if counsel.end_on and given_on > counsel.end_on:
        raise ValidationError({"given_on": f"{counsel.name}已于{counsel.end_on:%Y-%m-%d}离任（聘期届满）"})
    opinion = CounselOpinion(
        request=case, counsel=counsel, org=case.org, unit=case.unit, given_on=given_on, text=text.strip()
    )
    save_audited(opinion, actor=actor, reason="登记法律顾问意见")
    case.counsel_consulted = True
    FLOW.done(case, "counsel", actor=actor, history="登记法律顾问意见", on=given_on, counsel=counsel)
    return opinion


@FLOW.action("give_opinion")
def give_opinion(
    *, case: ReviewRequest, actor: Actor, opinion: str, opinion_text: str, opinion_on: date, points: str = ""
) -> ReviewRequest:
    """出具合法性审核意见 (第二十八条): the conclusion, the written opinion and the points it raises."""
    if opinion not in Opinion.values:
        raise ValidationError({"opinion": f"未知的审核结论：{opinion}"})
    items = rules.split_points(points)
    if opinion == Opinion.AGREE_REVISED and not items:
        raise ValidationError({"points": "修改后同意的，请逐条列明修改意见"})
    case.opinion = opinion
    case.opinion_text = opinion_text.strip()
    case.opinion_on = opinion_on
    case.points_count = len(items)
    case.status = Status.OPINION
    FLOW.save(case, actor=actor, reason=f"出具审核意见：{Opinion(opinion).label}")
    raised = ReviewPoint.objects.bulk_create(
        ReviewPoint(request=case, org=case.org, unit=case.unit, raised_on=opinion_on, text=t) for t in items
    )
    rows_added(
        ReviewPoint, [point.pk for point in raised]
    )  # bulk_create sends no signal: the indicators' summary
    FLOW.event(case, "give_opinion", on=opinion_on, actor=actor)
    return case


close_request = FLOW.stamp("close", "closed_on", history="办结")


# -- the 法律顾问/公职律师 register ------------------------------------------------------------------------


def require_counsel(actor: Actor, org: Org, unit: Org) -> None:
    if not (can(actor, unit, "legality.counsel") or can(actor, org, "legality.counsel")):
        raise PermissionDenied("无权登记该单位的法律顾问、公职律师")


def _require_counsel_of(actor: Actor, counsel: Counsel) -> None:
    require_counsel(actor, counsel.org, counsel.unit)


def _counsel_note(counsel: Counsel, kind: str, on: date, note: str = "") -> tuple[str, date, str]:
    """A register entry: its kind (CounselEventKind) and the note as the service words it."""
    return kind, on, note.strip()[:300]


# The register's actions (rules.COUNSEL_WORKFLOW): saved after rules.validate_counsel, audited, with an entry.
COUNSEL = Transitions(
    workflow=rules.COUNSEL_WORKFLOW,
    permit=_require_counsel_of,
    events=CounselEvent,
    wording=_counsel_note,
    validate=rules.validate_counsel,
    clean_exclude=("created_by",),
)


@transaction.atomic
def register_counsel(
    *,
    actor: Actor,
    unit: Org,
    name: str,
    kind: str,
    start_on: date,
    end_on: date | None = None,
    firm: str = "",
    certificate_no: str = "",
    phone: str = "",
    note: str = "",
) -> Counsel:
    org = unit.jurisdiction()
    require_counsel(actor, org, unit)
    if kind not in CounselKind.values:
        raise ValidationError({"kind": f"未知的类别：{kind}"})
    counsel = Counsel(
        org=org,
        unit=unit,
        name=name.strip(),
        kind=kind,
        firm=firm.strip(),
        certificate_no=certificate_no.strip(),
        start_on=start_on,
        end_on=end_on,
        phone=phone.strip(),
        note=note.strip(),
        created_by=acting_user(actor),
    )
    COUNSEL.save(counsel, actor=actor, reason="登记法律顾问、公职律师")
    COUNSEL.event(
        counsel,
        CounselEventKind.REGISTERED,
        on=start_on,
        actor=actor,
        note=counsel.firm or counsel.certificate_no,
    )
    return counsel


@COUNSEL.action("end")
def end_counsel(*, case: Counsel, actor: Actor, end_on: date, reason: str = "") -> Counsel:
    """解聘、聘期届满 or 离任: the person leaves the register's count from the day after."""
    case.end_on = end_on
    case.status = CounselStatus.ENDED
    if reason.strip():
        case.note = reason.strip()[:300]
    COUNSEL.save(case, actor=actor, reason="离任（解聘）")
    COUNSEL.event(case, CounselEventKind.ENDED, on=end_on, actor=actor, note=reason)
    return case


@COUNSEL.action("renew")
def renew_counsel(*, case: Counsel, actor: Actor, end_on: date, renewed_on: date | None = None) -> Counsel:
    """续聘: a new end of the contract period."""
    case.end_on = end_on
    COUNSEL.save(case, actor=actor, reason="续聘")
    COUNSEL.event(
        case,
        CounselEventKind.RENEWED,
        on=renewed_on or timezone.localdate(),
        actor=actor,
        note=f"聘期至 {end_on:%Y-%m-%d}",
    )
    return case
