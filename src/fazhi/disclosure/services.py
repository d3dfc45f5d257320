"""Every write to 依申请公开 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from fazhi.core import attachments, numbering
from fazhi.core.attachments import check_file
from fazhi.core.audit import save_audited
from fazhi.core.locking import bump_version, lock
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor
from fazhi.law.deadlines import DeadlineError

from . import rules
from .choices import Answer, ApplicantClass, Channel, Form, Outcome, Status
from .models import Application, Consultation, DisclosureEvent

APP = "disclosure"


def _require(actor: Actor, orgs: tuple[Org, ...], message: str = "无权办理该机关的政府信息公开申请") -> None:
    if not any(can(actor, org, "disclosure.handle") for org in orgs):
        raise PermissionDenied(message)


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _save(app: Application, *, actor: Actor | None, reason: str) -> None:
    """Recompute the reply clock, check the record with the one validation, save it audited."""
    if app.pk is not None:
        bump_version(app)
    errors = rules.validate(app)
    if not errors and app.status != Status.ANSWERED:
        try:
            d = rules.reply_deadline(app, list(app.consultations.all()) if app.pk else [])
        except DeadlineError as exc:
            errors = {"extension_days": str(exc)}
        else:
            app.due_on = d.due if d else None
    if errors:
        if app.pk:
            app.refresh_from_db()
        raise ValidationError(errors)
    app.on_time = rules.is_on_time(app)
    app.full_clean(exclude=["created_by"])
    save_audited(app, actor=actor, reason=reason)


def _event(app: Application, action: str, *, on: date, actor: Actor | None, **facts: object) -> None:
    kind, on, note = rules.event(app, action, on, **facts)
    DisclosureEvent.objects.create(case=app, kind=kind, on=on, note=note, actor=_user(actor))


def _choice(value: str, choices: type[models.TextChoices], field: str, label: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: f"未知的{label}：{value}"})


@transaction.atomic
def register_application(
    *,
    actor: Actor,
    unit: Org,
    applicant: str,
    applicant_class: str,
    content: str,
    channel: str,
    received_on: date,
    form: str = Form.ELECTRONIC,
    contact: str = "",
) -> Application:
    """收到政府信息公开申请 (第二十九条): registers it and starts the 20-working-day clock (第三十三条)."""
    _require(actor, (unit.jurisdiction(), unit))
    return _register(
        actor,
        unit,
        reason="登记政府信息公开申请",
        applicant=applicant,
        applicant_class=applicant_class,
        contact=contact,
        content=content,
        form=form,
        channel=channel,
        received_on=received_on,
    )


def _register(
    actor: Actor | None, unit: Org, *, reason: str, received_on: date, **fields: str
) -> Application:
    """The one way an application is written: codes checked, numbered, the clock computed, audited, event kept."""
    _choice(fields["applicant_class"], ApplicantClass, "applicant_class", "申请人类别")
    _choice(fields["channel"], Channel, "channel", "申请渠道")
    _choice(fields["form"], Form, "form", "形式要求")
    _, number = numbering.next_number(unit, APP, received_on.year)
    text = {k: fields[k].strip() for k in ("applicant", "contact", "content")}
    app = Application(
        org=unit.jurisdiction(),
        unit=unit,
        number=number,
        applicant_class=fields["applicant_class"],
        form=fields["form"],
        channel=fields["channel"],
        received_on=received_on,
        created_by=_user(actor),
        **text,
    )
    _save(app, actor=actor, reason=reason)
    _event(app, "register", on=received_on, actor=actor)
    return app


# Scans and documents a citizen may enclose (身份证明, 申请书): the attachment allow-list without spreadsheets,
# each checked by its first bytes as well as its name (a renamed program is refused).
DOCUMENT_MAGIC = {
    ".pdf": (b"%PDF-",),
    ".ofd": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".wps": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def check_document(upload: UploadedFile[bytes]) -> None:
    """Refuse, in Chinese, an enclosed file that is not a document or a scan (by extension and by content)."""
    name = PurePath(upload.name or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in DOCUMENT_MAGIC:
        raise ValidationError(
            {"upload": f"附件「{name}」不是文件或扫描件：只接受 {'、'.join(sorted(DOCUMENT_MAGIC))} 格式"}
        )
    try:
        check_file(name, upload.size or 0)
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages[0]}) from exc
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(DOCUMENT_MAGIC[suffix]):
        raise ValidationError(
            {"upload": f"附件「{name}」的内容与扩展名{suffix}不符，不是有效的文件，未予接收"}
        )


@transaction.atomic
def submit_online(
    *,
    unit: Org,
    applicant: str,
    applicant_class: str,
    content: str,
    received_on: date,
    form: str = Form.ELECTRONIC,
    contact: str = "",
    upload: UploadedFile[bytes] | None = None,
) -> Application:
    """An application made by a citizen on the public portal (第二十七条、第二十九条, 互联网渠道): no account, so no
    permission to check; registered like any other, with the portal's receipt date as 收到申请之日 (第三十一条第三项:
    双方确认之日). The enclosed file, if any, must be a document (check_document) and is kept with the record."""
    if upload is not None:
        check_document(upload)
    if not applicant.strip():
        raise ValidationError({"applicant": "请填写申请人姓名或名称"})
    if not content.strip():
        raise ValidationError({"content": "请填写申请公开的政府信息的名称、文号或者便于查询的其他特征性描述"})
    app = _register(
        None,
        unit,
        reason="公众通过门户网站在线提交政府信息公开申请",
        applicant=applicant,
        applicant_class=applicant_class,
        contact=contact,
        content=content,
        form=form,
        channel=Channel.ONLINE,
        received_on=received_on,
    )
    if upload is not None:
        name = PurePath(upload.name or "").name[:200]
        attachments.store(record=app, upload=upload, actor=None, reason=f"在线申请附件“{name}”")
    return app


def _start(app: Application, actor: Actor, action: str) -> None:
    lock(app)
    _require(actor, (app.org, app.unit))
    rules.check_transition(app, action)


@transaction.atomic
def request_correction(*, case: Application, actor: Actor, requested_on: date) -> Application:
    """告知补正 (第三十条): the reply period will run from receipt of the corrected application."""
    _start(case, actor, "correction")
    case.correction_requested_on = requested_on
    case.status = Status.CORRECTING
    _save(case, actor=actor, reason="告知补正")
    late = rules.correction_deadline(case)
    _event(case, "correction", on=requested_on, actor=actor, late_after=late if requested_on > late else None)
    return case


@transaction.atomic
def record_corrected(*, case: Application, actor: Actor, corrected_on: date) -> Application:
    _start(case, actor, "corrected")
    case.corrected_on = corrected_on
    case.status = Status.PENDING
    _save(case, actor=actor, reason="收到补正的申请")
    _event(case, "corrected", on=corrected_on, actor=actor)
    return case


@transaction.atomic
def start_consultation(*, case: Application, actor: Actor, party: str, started_on: date) -> Consultation:
    """征求第三方（其他机关）意见 (第三十二条、第三十四条): the clock stops (第三十三条第三款)."""
    _start(case, actor, "consult")
    if started_on < case.received_on:
        raise ValidationError({"started_on": "征求意见日期不能早于收到申请日期"})
    c = Consultation.objects.create(application=case, party=party.strip(), started_on=started_on)
    case.status = Status.CONSULTING
    _save(case, actor=actor, reason="征求意见")
    _event(case, "consult", on=started_on, actor=actor, party=c.party)
    return c


@transaction.atomic
def end_consultation(*, case: Application, actor: Actor, ended_on: date) -> Application:
    _start(case, actor, "consulted")
    c = case.consultations.filter(ended_on__isnull=True).order_by("-started_on").first()
    if c is None:  # pragma: no cover - CONSULTING always has an open consultation
        raise ValidationError("没有正在进行的征求意见")
    if ended_on < c.started_on:
        raise ValidationError({"ended_on": "收到意见日期不能早于发出征求意见书日期"})
    c.ended_on = ended_on
    c.save(update_fields=["ended_on"])
    case.status = Status.PENDING
    _save(case, actor=actor, reason="收到意见")
    _event(case, "consulted", on=ended_on, actor=actor, party=c.party)
    return case


@transaction.atomic
def extend(*, case: Application, actor: Actor, days: int, extended_on: date, reason: str = "") -> Application:
    """延长答复期限 (第三十三条第二款): with the 工作机构负责人's consent, at most 20 working days, once."""
    _start(case, actor, "extend")
    if not 1 <= days <= 20:
        raise ValidationError({"days": "延长的期限最长不得超过20个工作日（条例第三十三条第二款）"})
    if case.due_on and extended_on > case.due_on:
        raise ValidationError({"extended_on": f"答复期限已于{case.due_on:%Y-%m-%d}届满，不能再延长"})
    case.extension_days = days
    _save(case, actor=actor, reason="延长答复期限")
    _event(case, "extend", on=extended_on, actor=actor, reason=reason.strip())
    return case


@transaction.atomic
def answer(*, case: Application, actor: Actor, answer: str, answered_on: date, note: str = "") -> Application:
    """答复 (第三十六条): the answer in the annual report's classes; on time if within the clock."""
    _start(case, actor, "answer")
    _choice(answer, Answer, "answer", "办理结果")
    if case.status == Status.CORRECTING and answer != Answer.NOT_CORRECTED:
        raise ValidationError({"answer": "申请待补正：收到补正的申请后再答复，或以“逾期不补正”结束"})
    if case.status == Status.CONSULTING:
        raise ValidationError(
            {"answer": "征求意见尚未结束，请先登记收到意见（逾期未提出意见的，以期满之日登记）"}
        )
    case.answer, case.answered_on, case.answer_note = answer, answered_on, note.strip()
    case.status = Status.ANSWERED
    _save(case, actor=actor, reason="答复")
    _event(case, "answer", on=answered_on, actor=actor)
    return case


@transaction.atomic
def record_dispute(
    *, case: Application, actor: Actor, kind: str, outcome: str, on: date, after_review: bool = False
) -> Application:
    """申请人就答复申请行政复议或提起行政诉讼 (第五十一条), for table 四 of the annual report."""
    _start(case, actor, "dispute")
    _choice(outcome, Outcome, "outcome", "结果")
    if kind == "review":
        case.review = outcome
    elif kind == "suit":
        case.suit, case.suit_after_review = outcome, after_review
    else:
        raise ValidationError({"kind": "请选择行政复议或行政诉讼"})
    _save(case, actor=actor, reason="登记复议诉讼")
    _event(case, "dispute", on=on, actor=actor, kind=kind, outcome=outcome)
    return case
