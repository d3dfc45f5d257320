"""Every write to annual reports: create (with a generated draft), edit, regenerate, publish. One function per
action, keyword-only, atomic, permission checked, audited (django-simple-history records actor and reason).

Rendering (`render`) is here too because the CLI, the pages and the publication all print the same way."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import save_audited
from fazhi.core.locking import check_version, lock, touch
from fazhi.core.permissions import can, can_write
from fazhi.reports.models import AnnualReport, AnnualReportStatus, FigureRef, ReportSection

from . import draft as drafting
from .placeholders import FigureSource
from .render_docx import ReportContent, render_content, render_docx, validate
from .render_pdf import docx_to_pdf

if TYPE_CHECKING:
    from fazhi.core.models import Org
    from fazhi.core.types import Actor, Viewer

HEADER_FIELDS = (
    "doc_header",
    "issuer",
    "doc_number",
    "signer",
    "addressee",
    "title",
    "signed_on",
    "intro",
    "closing",
    "public_note",
    "print_office",
    "print_date",
    "cc",
    "copy_no",
    "secrecy",
)
FORMATS = ("docx", "pdf")
UNNUMBERED_RE = re.compile(r"〔\d{4}〕\s*号")  # 澜政〔2026〕　号: a number without its sequence
NUMBERING_APP = "reports"  # the office's 发文字号 (core.numbering; prefix and pattern editable in 案号规则)
PROMISE_RE = re.compile(r"于(\d{4})年(\d{1,2})月(\d{1,2})日(?:前|之前)[^。；]*?公开")


def can_edit(user: Viewer, org: Org) -> bool:
    """法治办 (and administrators) write their jurisdiction's reports; a department's report may also be
    written by its own 部门填报员. Leaders only read."""
    return can(user, org, "reports.edit" if org.is_jurisdiction else "reports.edit_unit")


def require_edit(user: Viewer, org: Org) -> None:
    if not can_write(user, org):
        raise PermissionDenied("无权编辑该机关的年度报告")
    if not can_edit(user, org):
        raise PermissionDenied("只有法治办可以编辑本级政府的年度报告")


def _require_draft(report: AnnualReport) -> None:
    if report.is_published:
        raise ValidationError("报告已公开，不能再修改；已公开的文件和数据保持不变")


# ---------------------------------------------------------------------------------------------------------
# Content and rendering


def content_of(report: AnnualReport) -> ReportContent:
    sections = {s.key: s.text for s in report.sections.all()}
    return ReportContent(
        org=report.org,
        year=report.year,
        sections={k: sections.get(k, "") for k in drafting.SECTION_KEYS},
        doc_header=report.doc_header,
        issuer=report.issuer,
        doc_number=report.doc_number,
        signer=report.signer,
        addressee=report.addressee,
        title=report.title,
        signed_on=report.signed_on,
        intro=report.intro,
        closing=report.closing,
        public_note=report.public_note,
        print_office=report.print_office,
        print_date=report.print_date,
        cc=report.cc,
        copy_no=report.copy_no,
        secrecy=report.secrecy,
    )


def gaps_of(content: ReportContent) -> list[drafting.Gap]:
    """The marked gaps 【待补充：…】 left in the opening and the sections, in order."""
    out = drafting.gaps_in(content.intro, "intro")
    for key in drafting.SECTION_KEYS:
        out += drafting.gaps_in(content.sections.get(key, ""), key)
    return out


def broken_promises(content: ReportContent, on: date) -> list[str]:
    """The sentences that promise publication "于…日前" by a date that is not after `on` (the signing or
    publication date): a promise already broken when the report is signed or published."""
    texts = [content.intro] + [content.sections.get(k, "") for k in drafting.SECTION_KEYS]
    out = []
    for text in texts:
        for m in PROMISE_RE.finditer(text or ""):
            try:
                promised = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if promised <= on:
                out.append(m.group(0))
    return out


def is_upward(content: ReportContent | AnnualReport) -> bool:
    """A 报告 goes to a higher authority (上行文): it names its 签发人 (GB/T 9704—2012 7.2.5)."""
    return (content.title or "").endswith("报告")


def numbering_prefix(org: Org, year: int, *, create: bool = False) -> str:
    """The office's 发文字号 prefix: set in 案号规则 (app reports), else the government's short form (澜政),
    which `create` makes the office's numbering (editable there afterwards)."""
    from fazhi.core import numbering
    from fazhi.core.models import NumberSequence

    if not NumberSequence.objects.filter(org=org, app=NUMBERING_APP).exists():
        if not create:
            return drafting.Voice.of(org).doc_abbr
        numbering.set_prefix(org, NUMBERING_APP, drafting.Voice.of(org).doc_abbr, year=year)
    return numbering.prefix(org, NUMBERING_APP, year)


def assign_number(report: AnnualReport, year: int) -> str:
    """The report's 发文字号 from the office's numbering: the next number of `year`, or, when the author typed one
    in the office's form (澜政〔2026〕12号), that one, claimed so the counter never hands it out again."""
    from fazhi.core import numbering

    prefix = numbering_prefix(report.org, year, create=True)
    typed = (report.doc_number or "").strip()
    if typed and not UNNUMBERED_RE.search(typed):
        m = re.fullmatch(rf"{re.escape(prefix)}〔(\d{{4}})〕(\d+)号", typed)
        if m:
            numbering.claim(report.org, NUMBERING_APP, int(m.group(1)), int(m.group(2)))
        return typed
    return numbering.next_number(report.org, NUMBERING_APP, year)[1]


def draft_content(
    org: Org, year: int, source: FigureSource | None = None
) -> tuple[ReportContent, drafting.Draft]:
    """A report generated on the fly (nothing saved): what `fazhi report` prints when no report was saved."""
    d = drafting.generate(org, year, source)
    h = d.header
    content = ReportContent(
        org=org,
        year=year,
        sections=d.sections,
        doc_header=h["doc_header"],
        issuer=h["issuer"],
        doc_number=h["doc_number"],
        signer=h["signer"],
        addressee=h["addressee"],
        title=h["title"],
        signed_on=date.fromisoformat(h["signed_on"]),
        intro=h["intro"],
        closing=h["closing"],
        print_office=h["print_office"],
    )
    return content, d


def render(content: ReportContent, fmt: str, source: FigureSource | None = None) -> bytes:
    if fmt not in FORMATS:
        raise ValidationError(f"未知的格式：{fmt}（可用 docx、pdf）")
    source = source or FigureSource.for_year(content.org, content.year, links=False)
    if UNNUMBERED_RE.search(content.doc_number):  # never print 澜政〔2026〕　号
        content = dataclasses.replace(content, doc_number="")
    docx = render_docx(content, source)
    return docx if fmt == "docx" else docx_to_pdf(docx)


def file_name(content: ReportContent | AnnualReport, fmt: str) -> str:
    return f"{content.title or '法治政府建设年度报告'}.{fmt}"


# ---------------------------------------------------------------------------------------------------------
# Writes


@transaction.atomic
def create_report(*, org: Org, year: int, actor: Actor, source: FigureSource | None = None) -> AnnualReport:
    """Start the report of `org` on `year` with a complete first draft from the year's records."""
    require_edit(actor, org)
    if year < 2000 or year > timezone.localdate().year:
        raise ValidationError({"year": f"报告年度应在 2000 年至今年之间：{year}"})
    lock(
        org
    )  # serialise two 生成 of the same org, so the second is refused below rather than by the constraint
    if AnnualReport.objects.filter(org=org, year=year).exists():
        raise ValidationError({"year": f"{org.name}{year}年度的报告已存在"})
    content, _ = draft_content(org, year, source)
    report = AnnualReport(
        org=org,
        year=year,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{f: getattr(content, f) for f in HEADER_FIELDS},
    )
    report.full_clean(exclude=["created_by"])
    save_audited(report, actor=actor, reason="生成年度报告草稿")
    for key in drafting.SECTION_KEYS:
        save_audited(
            ReportSection(report=report, key=key, text=content.sections[key]), actor=actor, reason="生成草稿"
        )
    return report


@transaction.atomic
def update_report(
    *,
    report: AnnualReport,
    actor: Actor,
    header: dict[str, Any] | None = None,
    sections: dict[str, str] | None = None,
    version: int | None = None,
) -> AnnualReport:
    """Save the office's edits: header fields and section texts. Unknown placeholders are refused, naming them.

    `version` is the report's version when the editor was opened: a page drawn before another save is refused."""
    require_edit(actor, report.org)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    check_version(report, version)
    _require_draft(report)
    header = {k: v for k, v in (header or {}).items() if k in HEADER_FIELDS}
    sections = {k: v for k, v in (sections or {}).items() if k in drafting.SECTION_KEYS}
    content = content_of(report)
    for k, v in header.items():
        setattr(content, k, v)
    content.sections.update(sections)
    validate(content)
    changed = [k for k, v in header.items() if getattr(report, k) != v]
    for k in changed:
        setattr(report, k, header[k])
    if changed:
        report.full_clean(exclude=["created_by"])
        save_audited(
            report,
            actor=actor,
            reason="修改报告："
            + "、".join(
                str(AnnualReport._meta.get_field(k).verbose_name)  # type: ignore[union-attr]  # header fields are concrete
                for k in changed
            ),
        )
    existing = {s.key: s for s in report.sections.all()}
    for key, text in sections.items():
        text = text.replace("\r\n", "\n")
        section = existing.get(key) or ReportSection(report=report, key=key)
        if section.pk and section.text == text:
            continue
        section.text = text
        save_audited(section, actor=actor, reason=f"修改{section.get_key_display()}")
        changed.append(key)
    if changed:
        touch(report)
    return report


@transaction.atomic
def regenerate_draft(
    *, report: AnnualReport, actor: Actor, section: str | None = None, source: FigureSource | None = None
) -> AnnualReport:
    """Replace the narrative (one section, or all five and the opening) with a fresh draft from the records."""
    lock(report)
    require_edit(actor, report.org)
    _require_draft(report)
    if section is not None and section not in drafting.SECTION_KEYS:
        raise ValidationError(f"未知的报告部分：{section}")
    d = drafting.generate(report.org, report.year, source, only=section)
    existing = {s.key: s for s in report.sections.all()}
    for key, text in d.sections.items():
        s = existing.get(key) or ReportSection(report=report, key=key)
        s.text = text
        save_audited(s, actor=actor, reason="重新生成草稿")
    if section is None:
        report.intro = d.header["intro"]
        save_audited(report, actor=actor, reason="重新生成草稿")
    touch(report)
    return report


#: a FigureRef that keeps a record-backed sentence rather than one figure (its `formula` is the basis)
FACT_KEY, FACT_PART = "report_fact", "fact"


def _lock_reported_period(*, org: Org, year: int, actor: Actor) -> None:
    """Once the report is public its figures must not move: the period-lock service freezes the year's records
    for the org (fazhi.indicators.locks)."""
    from fazhi.indicators.locks import lock_period

    lock_period(org=org, year=year, actor=actor, reason=f"{year}年度法治政府建设报告已公开")


@transaction.atomic
def publish_report(
    *, report: AnnualReport, actor: Actor, published_on: date, public_url: str
) -> AnnualReport:
    """公开: record the public address and date, freeze the figures and the files as published, lock the period.

    The 规定 requires the report be made public before 4月1日; a later date is accepted (the list shows it as
    逾期公开), a future one is not. A report whose figures have no data cannot be published."""
    require_edit(actor, report.org)
    report = AnnualReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    _require_draft(report)
    errors = {}
    public_url = (public_url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(public_url)
    except ValidationError:
        errors["public_url"] = "请填写报告公开的网址（http:// 或 https:// 开头）"
    if published_on is None:
        errors["published_on"] = "请填写公开日期"
    elif published_on > timezone.localdate():
        errors["published_on"] = f"公开日期不能晚于今天：{published_on:%Y-%m-%d}"
    elif published_on < date(report.year, 1, 1):
        errors["published_on"] = f"公开日期不能早于报告年度：{published_on:%Y-%m-%d}"
    elif published_on < report.signed_on:
        errors["published_on"] = (
            f"公开日期{published_on:%Y-%m-%d}早于成文日期{report.signed_on:%Y-%m-%d}：请先修改成文日期"
        )
    if is_upward(report) and not report.signer.strip():
        errors["signer"] = "报告是上行文，须填写签发人（本机关主要负责人）"
    if report.secrecy.strip() and report.public_note.strip():
        errors["secrecy"] = f"标有密级“{report.secrecy}”的报告不能公开发布：请删除密级或附注"
    if errors:
        raise ValidationError(errors)
    content = content_of(report)
    gaps = gaps_of(content)
    if gaps:
        shown = "；".join(f"{drafting.SECTION_TITLES.get(g.section, '开头')}：{g.text}" for g in gaps[:5])
        raise ValidationError(
            f"报告中仍有{len(gaps)}处【待补充】内容，不能公开：{shown}{'等' if len(gaps) > 5 else ''}。"
            "请撰写或删除这些内容后再公开"
        )
    broken = broken_promises(content, max(published_on, report.signed_on))
    if broken:
        raise ValidationError(
            "正文承诺的公开期限已过，不能这样公开："
            + "；".join(f"“{b}”" for b in broken)
            + f"。成文日期{report.signed_on:%Y-%m-%d}、公开日期{published_on:%Y-%m-%d}：请修改这句话"
        )
    report.doc_number = assign_number(report, report.signed_on.year)
    content.doc_number = report.doc_number
    source = FigureSource.for_year(report.org, report.year, links=False)
    rendered = render_content(content, source)
    if rendered.missing:
        names = "、".join(dict.fromkeys(f.name for f in rendered.missing))
        raise ValidationError(f"报告中仍有无数据的数字，不能公开：{names}。请补录数据或修改正文后再公开")
    docx = render_docx(content, source)
    report.status = AnnualReportStatus.PUBLISHED
    report.published_on = published_on
    report.public_url = public_url
    report.pdf_error = ""
    report.docx_file.save(f"{report.org.code}-{report.year}.docx", ContentFile(docx), save=False)
    report.version += 1  # locked above; an editor opened before publication is refused as stale
    save_audited(report, actor=actor, reason=f"公开报告：{public_url}")
    labels = ["intro"] + [s["key"] for s in rendered.sections]
    block_lists = [rendered.intro] + [s["blocks"] for s in rendered.sections]
    refs, pos = [], 0
    for label, bl in zip(labels, block_lists, strict=True):
        for b in bl:
            for run in b.runs:
                f = run.figure
                if f is None:
                    continue
                pos += 1
                refs.append(
                    FigureRef(
                        report=report,
                        position=pos,
                        section=label,
                        key=f.key,
                        part=f.part,
                        name=f.name,
                        text=f.text,
                        value=f.value,
                        formula=f.formula[:300],
                        drilldown=f.drilldown[:300],
                    )
                )
    # The sentences the apps' records back (app contract report_facts): the counts inside them (从8个方面明确28项
    # 任务) stay traceable like the figures, kept with the records they rest on and the page listing them. Only a
    # sentence the published text still holds as drafted is claimed; one the author rewrote is the author's.
    texts = {"intro": content.intro, **content.sections}
    for b in drafting.generate(report.org, report.year, source).backings:
        if b.text and b.text in texts.get(b.section, ""):
            pos += 1
            refs.append(
                FigureRef(
                    report=report,
                    position=pos,
                    section=b.section,
                    key=FACT_KEY,
                    part=FACT_PART,
                    name="由业务记录写出的表述",
                    text=b.text[:200],
                    formula=b.basis[:300],
                    drilldown=b.url[:300],
                )
            )
    FigureRef.objects.bulk_create(refs)
    _lock_reported_period(org=report.org, year=report.year, actor=actor)
    from .tasks import render_published_pdf

    transaction.on_commit(lambda: render_published_pdf.enqueue(report.pk))
    return report


def store_published_pdf(report_id: int) -> AnnualReport:
    """Print the published Word file to PDF and keep it with the report (run by the background task)."""
    report = AnnualReport.objects.get(pk=report_id)
    if not report.is_published or not report.docx_file:
        return report
    try:
        with report.docx_file.open("rb") as fh:
            pdf = docx_to_pdf(fh.read())
    except Exception as exc:  # noqa: BLE001 - the office sees why, the public page offers the Word file
        AnnualReport.objects.filter(pk=report.pk).update(pdf_error=str(exc)[:500])
        report.pdf_error = str(exc)[:500]
        return report
    report.pdf_file.save(f"{report.org.code}-{report.year}.pdf", ContentFile(pdf), save=False)
    AnnualReport.objects.filter(pk=report.pk).update(pdf_file=report.pdf_file.name, pdf_error="")
    return report
