"""行政规范性文件 import and export: the sheet "规范性文件" for the shared machinery in fazhi.core.importing.

A row is a document in its historical state: registered, maybe published, filed, reviewed and cleaned up. The
filing due dates are computed as the services compute them (rules.filing_deadline, the jurisdiction's settings);
the status follows from the dates (rules.status_of). A row naming an issuer the user may not register for is
refused, and then nothing of the file is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from fazhi.core.importing import (
    CHOICE,
    DATE,
    IMPORT_REASON,
    INT,
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

from . import rules, services
from .choices import CleanupOutcome, DocKind, EffectiveException, ReviewResult
from .models import NormativeDocument, NormativeEvent

WRITE_CHUNK = 2000


@dataclass
class BuiltDocument:
    doc: NormativeDocument
    events: list[tuple[str, date, str]] = field(default_factory=list)


@register
class NormativeImporter(Importer):
    app = "normative"
    title = "行政规范性文件"
    sheet_name = "规范性文件"
    model = NormativeDocument
    list_url_name = "normative:list"
    columns = (
        Column("registration_number", "统一登记编号", required=True, help="全系统不得重复", width=24),
        Column("title", "文件名称", required=True, width=36),
        Column(
            "kind",
            "文件类型",
            CHOICE,
            choices=DocKind,
            help="留空为行政规范性文件；地方政府规章仅限具有规章制定权的本级人民政府",
            width=16,
        ),
        Column("issuer", "制定机关", ORG, required=True, help="所属行政区划由系统按机构树确定", width=22),
        Column("doc_number", "发文字号", max_length=80, width=22),
        Column("legality_review", "合法性审核编号", max_length=80, help="已印发的文件必须填写", width=20),
        Column("registered_on", "登记日期", DATE, required=True),
        Column("published_on", "公布日期", DATE),
        Column("effective_on", "施行日期", DATE),
        Column(
            "effective_exception",
            "自公布之日起施行的情形",
            CHOICE,
            choices=EffectiveException,
            help="仅规章：施行日期早于公布之日起30日后的，须选择（规章制定程序条例第三十二条）",
            width=22,
        ),
        Column("effective_reason", "提前施行理由", max_length=300, width=24),
        Column(
            "validity_years",
            "有效期（年）",
            INT,
            help="留空按本地规定（一般5年，暂行、试行2年）；地方政府规章未规定有效期的留空",
        ),
        Column("congress_filed_on", "报人大常委会备案日期", DATE, help="仅政府文件", width=20),
        Column("government_filed_on", "报政府备案日期", DATE, width=18),
        Column("state_council_filed_on", "报国务院备案日期", DATE, help="仅规章", width=18),
        Column(
            "province_congress_filed_on", "报省级人大常委会备案日期", DATE, help="仅设区的市的规章", width=22
        ),
        Column("review_result", "备案审查结果", CHOICE, choices=ReviewResult, width=16),
        Column("reviewed_on", "备案审查日期", DATE),
        Column("review_problem", "审查发现的问题", max_length=500, width=30),
        Column("review_correction", "纠正情况", max_length=500, width=30),
        Column("cleanup_outcome", "清理结果", CHOICE, choices=CleanupOutcome, width=12),
        Column("cleaned_on", "清理结果公布日期", DATE, width=18),
    )
    notes = (
        "状态由所填日期推定：有清理结果（修改、废止、宣布失效）的按清理结果；未填公布日期为「已登记待印发」；有效期已届满为「有效期届满失效」；其余为「有效」。",
        "备案期限按本级设置（自公布之日起的天数）自动计算，是否按时报备由系统判定，无需填写。",
        "导入人须对每行的制定机关或其所属行政区划有登记权限；导入的记录在修改历史中记为「导入」。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        self.file_numbers: dict[str, int] = {}
        numbers = sorted({v["registration_number"] for _, v in rows})
        self.db_numbers: set[str] = set()
        for part in chunked(numbers, 500):
            self.db_numbers.update(
                NormativeDocument.objects.filter(registration_number__in=part).values_list(
                    "registration_number", flat=True
                )
            )
        self.today = timezone.localdate()

    def build(self, row: int, v: dict[str, Any]) -> BuiltDocument | None:
        issuer = v["issuer"]
        org = self.orgs.jurisdiction(issuer)
        try:
            services._require(self.user, (org, issuer), "normative.handle", "")
        except PermissionDenied:
            self.error(row, "issuer", f"无权导入「{issuer.name}」的规范性文件")
            raise RowInvalid from None
        bad = False

        def err(key: str, message: str) -> None:
            nonlocal bad
            self.error(row, key, message)
            bad = True

        title = v["title"]
        doc = NormativeDocument(
            org=org,
            issuer=issuer,
            filed_to=rules.filed_to(issuer, org),
            kind=v["kind"] or DocKind.NORMATIVE,
            title=title,
            registration_number=v["registration_number"],
            doc_number=v["doc_number"] or "",
            legality_review=v["legality_review"] or "",
            registered_on=v["registered_on"],
            published_on=v["published_on"],
            effective_on=v["effective_on"],
            effective_exception=v["effective_exception"] or "",
            effective_reason=v["effective_reason"] or "",
            provisional=rules.is_provisional(title),
            congress_filed_on=v["congress_filed_on"],
            government_filed_on=v["government_filed_on"],
            state_council_filed_on=v["state_council_filed_on"],
            province_congress_filed_on=v["province_congress_filed_on"],
            review_result=v["review_result"] or "",
            reviewed_on=v["reviewed_on"],
            review_problem=v["review_problem"] or "",
            review_correction=v["review_correction"] or "",
            cleanup_outcome=v["cleanup_outcome"] or "",
            cleaned_on=v["cleaned_on"],
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        if doc.effective_on:
            years, refusal = rules.validity(org, doc.kind, doc.provisional, v["validity_years"])
            if refusal:
                err("validity_years", refusal)
            elif years:
                doc.validity_years = years
                doc.expires_on = rules.expiry(doc.effective_on, years)
        try:
            services._derive(doc)
        except ValueError as exc:  # fazhi.law.deadlines.DeadlineError
            err("published_on", f"备案期限计算失败：{exc}")
        for key, message in rules.validate(doc).items():
            err(key, message)
        number = doc.registration_number
        if number in self.file_numbers:
            err("registration_number", f"统一登记编号「{number}」与第{self.file_numbers[number]}行重复")
        elif number in self.db_numbers:
            err("registration_number", f"统一登记编号「{number}」已被使用")
        else:
            self.file_numbers[number] = row
        if bad:
            raise RowInvalid
        doc.status = rules.status_of(doc, self.today)
        if doc.cleanup_outcome and doc.cleanup_outcome != CleanupOutcome.KEEP:
            doc.ended_on = doc.cleaned_on
        events = [(k, on, (note or IMPORT_REASON)) for k, on, note in rules.timeline(doc)]
        return BuiltDocument(doc=doc, events=events)

    def write(self, built: list[BuiltDocument], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        now = timezone.now()
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            docs = bulk_create_audited(NormativeDocument, [b.doc for b in part], user=user, when=now)
            events = [
                event_row(d.pk, k, on, note, actor_id=user_id, when=now)
                for b, d in zip(part, docs, strict=True)
                for k, on, note in b.events
            ]
            bulk_insert(NormativeEvent, events)
            done += len(part)
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------
    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(issuer__path__startswith=org.path))
        if year:
            qs = qs.filter(registered_on__year=year)
        return qs.select_related("org", "issuer").order_by("registered_on", "id")

    def export_row(self, d: NormativeDocument) -> list[Any]:
        return [
            d.registration_number,
            d.title,
            d.get_kind_display(),
            self.orgs.label(d.issuer),
            d.doc_number,
            d.legality_review,
            d.registered_on,
            d.published_on,
            d.effective_on,
            d.get_effective_exception_display() if d.effective_exception else "",
            d.effective_reason,
            d.validity_years,
            d.congress_filed_on,
            d.government_filed_on,
            d.state_council_filed_on,
            d.province_congress_filed_on,
            d.get_review_result_display() if d.review_result else "",
            d.reviewed_on,
            d.review_problem,
            d.review_correction,
            d.get_cleanup_outcome_display() if d.cleanup_outcome else "",
            d.cleaned_on,
        ]
