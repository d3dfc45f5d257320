"""行政复议案件 import and export: the sheet "复议案件" for the shared machinery in fazhi.core.importing.

A row is a case in its final (historical) state. The status follows from the dates present, the rules a
hand entry obeys through the services are checked on each row (dates in order, a decision needs
acceptance, 终止 needs its reason …), and the due dates are derived by `services.recompute_deadlines`, so an
imported case is indistinguishable from one registered and processed through the pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from fazhi.core import codelists, numbering
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
    insert_audited,
    register,
)
from fazhi.law.choices import ActType

from . import rules, services
from .choices import ApplicantKind, Decision, Procedure, TerminationReason
from .models import Applicant, CaseEvent, ReconsiderationCase

# "临府复〔2024〕12号" and the bracket variants people type.
NUMBER_RE = re.compile(r"[〔\[(（【](\d{4})[〕\])）】]\s*第?(\d+)\s*号\s*$")
APPLICANT_SEP = re.compile(r"[、\n]+")
WRITE_CHUNK = 2000


@dataclass
class BuiltCase:
    case: ReconsiderationCase
    applicants: list[str]
    applicant_kind: str
    events: list[tuple[str, date, str]] = field(default_factory=list)
    wants_seq: bool = False  # seq (and, without a given number, the number) allocated in finish()
    auto_number: bool = False  # the number was allocated (the file gave none)


@register
class ReconsiderationImporter(Importer):
    app = "reconsideration"
    title = "行政复议案件"
    sheet_name = "复议案件"
    model = ReconsiderationCase
    list_url_name = "reconsideration:list"
    columns = (
        Column(
            "number",
            "案号",
            help="留空则按复议机关的案号规则自动编号（前缀〔年度〕序号号）；同一复议机关内不得重复",
            width=22,
        ),
        Column(
            "org", "复议机关", ORG, required=True, help="行政复议机关（一级人民政府，即行政区划）", width=18
        ),
        Column("respondent", "被申请人", ORG, required=True, help="作出被申请复议行为的行政机关", width=20),
        Column(
            "act_type",
            "行为类别",
            CHOICE,
            required=True,
            choices=ActType,
            help="复议法第十一条所列行为",
            width=16,
        ),
        Column(
            "act_field",
            "管理领域",
            CHOICE,
            choices=codelists.ListChoices(codelists.ENFORCEMENT_FIELD),
            help="字典：执法领域",
        ),
        Column("act_description", "被申请复议的行政行为", required=True, width=32),
        Column(
            "channel",
            "申请渠道",
            CHOICE,
            choices=codelists.ListChoices(codelists.CHANNEL),
            help="字典：申请渠道",
        ),
        Column("applicant_summary", "申请人", required=True, help="多名申请人以顿号「、」分隔", width=20),
        Column(
            "applicant_kind",
            "申请人类型",
            CHOICE,
            choices=ApplicantKind,
            help="留空为自然人；适用于本行全部申请人",
        ),
        Column("procedure", "审理程序", CHOICE, choices=Procedure, help="留空为普通程序"),
        Column("received_on", "收到申请日期", DATE, required=True),
        Column("correction_notice_on", "补正通知送达日期", DATE, help="复议法第三十一条"),
        Column("correction_received_on", "收到补正材料日期", DATE),
        Column("accepted_on", "受理日期", DATE),
        Column("rejected_on", "不予受理日期", DATE, help="不予受理的案件同时视为结案"),
        Column("copy_received_on", "被申请人收到副本日期", DATE, width=20),
        Column("replied_on", "答复日期", DATE),
        Column(
            "extension_days",
            "延长天数",
            INT,
            min_value=0,
            max_value=rules.MAX_EXTENSION_DAYS,
            help="复议法第六十二条：经批准可以延长，最多不超过三十日；简易程序不得延长",
        ),
        Column("extension_approved_on", "延期批准日期", DATE),
        Column("extension_approver", "延期批准人"),
        Column("decision", "复议决定", CHOICE, choices=Decision, help="复议法第六十三条至第七十四条"),
        Column(
            "termination_reason",
            "终止原因",
            CHOICE,
            choices=TerminationReason,
            help="仅复议决定为「终止」时填写（第四十一条）",
            width=24,
        ),
        Column("decided_on", "决定日期", DATE),
        Column("closed_on", "结案日期", DATE),
        Column("decision_note", "决定要旨", width=30),
    )
    notes = (
        "案件状态由所填日期推定：有不予受理日期为「不予受理」；有复议决定和决定日期为「已决定」，另有结案日期为「已结案」；"
        "已通知补正、未收到补正材料而有结案日期的为「视为放弃」；已受理未决定的为「审理中」；其余为「待审查」或「补正中」。",
        "各项期限（受理审查、补正、答复、决定期限）由系统按复议法自动计算，无需填写；中止记录请在导入后于案件页面登记。",
        "导入人须为法治办或复议人员，并对每行的复议机关有办理权限；导入的记录在修改历史中记为「导入」。",
    )

    refused = "只有法治办或复议人员可以导入复议案件"  # without reconsideration.import (Importer.require_user)

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        org_ids = {v["org"].id for _, v in rows if v.get("org") is not None}
        # (org, year) -> seqs in use; (org, number) in use; the last case read (writing, only later ones are
        # read again: _hold_numbers). One query for every org of the file.
        self.used_seqs, self.db_numbers, self.seen_upto = _in_use(org_ids)
        self.file_numbers: dict[tuple[int, str], int] = {}

    def build(self, row: int, v: dict[str, Any]) -> BuiltCase | None:
        org, respondent = v["org"], v["respondent"]
        bad = False

        def err(key: str, message: str) -> None:
            nonlocal bad
            self.error(row, key, message)
            bad = True

        try:
            # The very check of register_application (page, API): write access to the 复议机关 and a
            # casework role. Access to the 被申请人 alone is not enough: a row consumes the body's numbers.
            services.require_caseworker(self.user, org)
        except PermissionDenied as exc:
            self.error(row, "", f"无权导入「{org.name}」的记录：{exc}")
            raise RowInvalid from None
        case = ReconsiderationCase(
            org=org,
            year=v["received_on"].year,
            seq=0,
            number=v["number"] or "",
            respondent=respondent,
            act_type=v["act_type"],
            act_field=v["act_field"] or "",
            act_description=v["act_description"],
            channel=v["channel"] or "",
            applicant_summary="",
            procedure=v["procedure"] or Procedure.ORDINARY,
            received_on=v["received_on"],
            correction_notice_on=v["correction_notice_on"],
            correction_received_on=v["correction_received_on"],
            accepted_on=v["accepted_on"],
            rejected_on=v["rejected_on"],
            copy_received_on=v["copy_received_on"],
            replied_on=v["replied_on"],
            extension_days=v["extension_days"] or 0,
            extension_approved_on=v["extension_approved_on"],
            extension_approver=v["extension_approver"] or "",
            decision=v["decision"] or "",
            termination_reason=v["termination_reason"] or "",
            decided_on=v["decided_on"],
            closed_on=v["closed_on"],
            decision_note=v["decision_note"] or "",
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        # The final state, from the dates present; then the one validation the services run on each action.
        case.status = rules.status_of(case)
        try:
            services.recompute_deadlines(case, suspensions=[])
        except ValueError as exc:  # fazhi.law.deadlines.DeadlineError
            self.error(row, "", f"期限计算失败：{exc}")
            raise RowInvalid from None
        for key, message in rules.validate(case).items():
            err(key, message)
        if bad:
            raise RowInvalid
        if case.rejected_on:
            case.closed_on = case.rejected_on

        names = [n.strip() for n in APPLICANT_SEP.split(v["applicant_summary"]) if n.strip()]
        long_names = [n for n in names if len(n) > 100]
        if not names or long_names:
            err("applicant_summary", "申请人姓名/名称不超过100字" if long_names else "至少填写一名申请人")
            raise RowInvalid
        case.applicant_summary = "、".join(names)[:200]

        built = BuiltCase(
            case=case, applicants=names, applicant_kind=v["applicant_kind"] or ApplicantKind.PERSON
        )
        if case.number:
            key = (org.id, case.number)
            if key in self.file_numbers:
                err("number", f"案号「{case.number}」与第{self.file_numbers[key]}行重复")
            elif (org.id, case.number) in self.db_numbers:
                err("number", f"案号「{case.number}」在「{org.name}」已存在")
            self.file_numbers[key] = row
            m = NUMBER_RE.search(case.number)
            seqs = self.used_seqs.setdefault((org.id, case.year), set())
            if m and int(m.group(1)) == case.year and int(m.group(2)) not in seqs:
                case.seq = int(m.group(2))
                seqs.add(case.seq)
            else:
                built.wants_seq = True
        else:
            built.wants_seq = True
        if bad:
            raise RowInvalid
        built.events = rules.timeline(case, note=IMPORT_REASON)
        return built

    def finish(self, built: list[tuple[int, BuiltCase]]) -> None:
        """Numbers for rows without one, after every given number has claimed its seq: the 复议机关's
        numbering of the year (core.numbering), continued in memory over the rows of the file."""
        if self.errors:
            return
        taken = self.db_numbers | set(self.file_numbers)
        sequences: dict[tuple[int, int], Any] = {}
        for _, b in built:
            key = (b.case.org_id, b.case.year)
            if b.wants_seq and key not in sequences:
                sequences[key] = numbering.sequence(b.case.org, services.APP, b.case.year)
        self._allocate([b for _, b in built], sequences, self.used_seqs, taken)

    def _allocate(
        self,
        built: list[BuiltCase],
        sequences: dict[tuple[int, int], Any],
        used_seqs: dict[tuple[int, int], set[int]],
        taken: set[tuple[int, str]],
    ) -> None:
        """Give each row that wants one the next free seq of its 复议机关 and year after `sequences`' counters and
        `used_seqs`, and a row without a given number the number of that seq (not in `taken`)."""
        next_of: dict[tuple[int, int], int] = {}
        for b in built:
            if not b.wants_seq:
                continue
            case = b.case
            key = (case.org_id, case.year)
            seqs = used_seqs.setdefault(key, set())
            seq = next_of.get(key) or (max(max(seqs, default=0), sequences[key].last) + 1)
            while True:
                number = numbering.format_number(sequences[key], case.org, seq)
                if seq not in seqs and (case.number or (case.org_id, number) not in taken):
                    break
                seq += 1
            case.seq = seq
            seqs.add(seq)
            next_of[key] = seq + 1
            if not case.number:
                case.number = number
                b.auto_number = True
                taken.add((case.org_id, number))

    def _hold_numbers(self, built: list[BuiltCase]) -> None:
        """Writing: hold each 复议机关-year counter the file numbers in (core.numbering.hold, until commit) and read
        again the numbers in use. A case registered since the rows were validated (a page, the API, another
        import) keeps its number: the rows' allocated seqs and numbers move after it, and a number the file
        gives that it took refuses the import, nothing written. (scripts/multiprocess-test found imports failing
        on the unique seq when the API registered cases meanwhile.)"""
        orgs = {b.case.org_id: b.case.org for b in built}
        held = {
            key: numbering.hold(orgs[key[0]], services.APP, key[1])
            for key in sorted({(b.case.org_id, b.case.year) for b in built})
        }

        in_use, numbers, _ = _in_use(orgs, since=self.seen_upto)  # the cases registered meanwhile
        given = [b for b in built if not b.auto_number]
        for b in given:
            if (b.case.org_id, b.case.number) in numbers:
                raise IntegrityError(
                    f"案号「{b.case.number}」已被导入期间登记的案件使用，未导入任何记录；请核对案号后重新导入"
                )
        moved = [
            b
            for b in built
            if b.case.seq in in_use.get((b.case.org_id, b.case.year), ())
            or (b.auto_number and (b.case.org_id, b.case.number) in numbers)
        ]
        if not moved:
            return
        in_use, numbers, _ = _in_use(orgs)  # every number in use, to allocate again after
        moved_ids = {id(b) for b in moved}
        for b in built:  # allocate again after what is in use now; a given number keeps its number
            if b.auto_number:
                b.case.number = ""
            if b.auto_number or id(b) in moved_ids:
                b.wants_seq = True
        for b in given:
            if not b.wants_seq:
                in_use.setdefault((b.case.org_id, b.case.year), set()).add(b.case.seq)
        self._allocate(built, held, in_use, numbers | {(b.case.org_id, b.case.number) for b in given})

    def write(self, built: list[BuiltCase], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        self.now = timezone.now()
        done = 0
        self._hold_numbers(built)
        # The numbering continues after every seq the file used (given or allocated).
        last: dict[tuple[Any, int], int] = {}
        for b in built:
            key = (b.case.org, b.case.year)
            last[key] = max(last.get(key, 0), b.case.seq)
        for (org, year), upto in last.items():
            numbering.claim(org, services.APP, year, upto)
        for part in chunked(built, WRITE_CHUNK):
            cases = bulk_create_audited(ReconsiderationCase, [b.case for b in part], user=user, when=self.now)
            applicants, events = [], []
            now = self.now
            for b, case in zip(part, cases, strict=True):
                case_id = case.id
                for name in b.applicants:
                    applicants.append({"case_id": case_id, "kind": b.applicant_kind, "name": name})
                events.extend(
                    event_row(case_id, k, on, note, actor_id=user_id, when=now) for k, on, note in b.events
                )
            insert_audited(Applicant, applicants, user=user, when=self.now)
            bulk_insert(CaseEvent, events)
            done += len(part)
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(respondent__path__startswith=org.path))
        if year:
            qs = qs.filter(year=year)
        first_kind = Applicant.objects.filter(case=OuterRef("pk")).order_by("id").values("kind")[:1]
        return (
            qs.select_related("org", "respondent")
            .annotate(first_applicant_kind=Subquery(first_kind))
            .order_by("received_on", "id")
        )

    def export_row(self, c: ReconsiderationCase) -> list[Any]:
        labels = self.orgs.label
        kind = c.first_applicant_kind
        return [
            c.number,
            labels(c.org),
            labels(c.respondent),
            c.get_act_type_display(),
            c.act_field,
            c.act_description,
            c.channel,
            c.applicant_summary,
            ApplicantKind(kind).label if kind else "",
            c.get_procedure_display(),
            c.received_on,
            c.correction_notice_on,
            c.correction_received_on,
            c.accepted_on,
            c.rejected_on,
            c.copy_received_on,
            c.replied_on,
            c.extension_days or None,
            c.extension_approved_on,
            c.extension_approver,
            c.get_decision_display() if c.decision else "",
            c.get_termination_reason_display() if c.termination_reason else "",
            c.decided_on,
            c.closed_on,
            c.decision_note,
        ]


def _in_use(org_ids, since: int = 0) -> tuple[dict[tuple[int, int], set[int]], set[tuple[int, str]], int]:
    """The 复议机关s' cases after pk `since`: (org, year) -> seqs in use, the (org, number) pairs in use, and the
    last pk read (`since` when none)."""
    seqs: dict[tuple[int, int], set[int]] = {}
    numbers: set[tuple[int, str]] = set()
    upto = since
    rows = ReconsiderationCase.objects.filter(org_id__in=sorted(org_ids), pk__gt=since).values_list(
        "org_id", "year", "seq", "number", "pk"
    )
    for org_id, year, seq, number, pk in rows.iterator(chunk_size=5000):
        seqs.setdefault((org_id, year), set()).add(seq)
        numbers.add((org_id, number))
        upto = max(upto, pk)
    return seqs, numbers, upto
