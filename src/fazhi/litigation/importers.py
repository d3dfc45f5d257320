"""行政应诉案件 import and export: the sheet "应诉案件" for the shared machinery in fazhi.core.importing.

A row is a lawsuit in its final (historical) state with at most one court hearing (the one that tells
whether the organ's head appeared). Derived fields are computed as the services compute them: the
jurisdiction from the defendant, `answer_due` by `rules.answer_deadline` (fixed at registration), `lost`
by `rules.is_loss`, `head_appeared` by `rules.is_head_appearance`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from fazhi.core.importing import (
    BOOL,
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
from fazhi.law.choices import ActType
from fazhi.reconsideration.selectors import visible_cases as visible_reconsiderations

from . import rules, services
from .choices import Appearance, Instance, Result
from .models import CourtHearing, LitigationCase, LitigationEvent
from .selectors import visible_cases

WRITE_CHUNK = 2000


@dataclass
class BuiltCase:
    case: LitigationCase
    hearing: CourtHearing | None
    events: list[tuple[str, date, str]] = field(default_factory=list)


@register
class LitigationImporter(Importer):
    app = "litigation"
    title = "行政应诉案件"
    sheet_name = "应诉案件"
    model = LitigationCase
    list_url_name = "litigation:list"
    columns = (
        Column("court", "受理法院", required=True, width=22),
        Column("case_number", "案号", required=True, help="同一法院内不得重复", width=26),
        Column(
            "defendant",
            "被告单位",
            ORG,
            required=True,
            help="被诉行政机关；所属行政区划由系统按机构树确定",
            width=20,
        ),
        Column("stage", "审级", CHOICE, choices=Instance, help="留空为一审", width=10),
        Column("plaintiff", "原告", required=True, width=18),
        Column("act_type", "被诉行为类别", CHOICE, required=True, choices=ActType),
        Column("act_description", "被诉行政行为", required=True, width=30),
        Column(
            "reconsideration",
            "经复议案号",
            max_length=60,
            help="经过行政复议的，填写系统中已有的复议案号",
            width=22,
        ),
        Column("complaint_received_on", "收到起诉状副本日期", DATE, required=True, width=18),
        Column(
            "answered_on", "提交答辩日期", DATE, help="行政诉讼法第六十七条：收到起诉状副本之日起十五日内"
        ),
        Column("hearing_on", "开庭日期", DATE, help="有多次开庭的，填写负责人出庭的那一次，无则填首次开庭"),
        Column(
            "appearance",
            "出庭情况",
            CHOICE,
            choices=Appearance,
            help="行政诉讼法第三条第三款；法释〔2020〕3号",
            width=22,
        ),
        Column("appearing_person", "出庭人员", max_length=100, help="负责人出庭的，必须填写出庭负责人姓名"),
        Column("appearing_title", "出庭人员职务", max_length=60),
        Column(
            "absence_reason",
            "负责人未出庭理由",
            max_length=200,
            help="法释〔2020〕3号第八条所列正当理由",
            width=24,
        ),
        Column(
            "result", "裁判结果", CHOICE, choices=Result, help="行政诉讼法第六十九条至第七十八条", width=20
        ),
        Column("judged_on", "裁判日期", DATE),
        Column("appealed", "是否上诉", BOOL, help="留空为否"),
        Column("closed_on", "结案日期", DATE),
    )
    notes = (
        "案件状态由所填日期推定：有结案日期为「已结案」；有裁判结果和裁判日期为「已判决/裁定」；其余为「审理中」。",
        "答辩期限、是否败诉、负责人是否出庭由系统按行政诉讼法和法释〔2020〕3号自动计算，无需填写。",
        "导入人须对每行的被告单位或其所属行政区划有填报权限；导入的记录在修改历史中记为「导入」。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        self.file_numbers: dict[tuple[str, str], int] = {}
        numbers = sorted({v["case_number"] for _, v in rows})
        self.db_numbers: set[tuple[str, str]] = set()
        self.readable_numbers: set[tuple[str, str]] = set()  # the taken numbers whose suit the user may read
        for part in chunked(numbers, 500):
            self.db_numbers.update(
                LitigationCase.objects.filter(case_number__in=part).values_list("court", "case_number")
            )
            self.readable_numbers.update(
                visible_cases(self.user).filter(case_number__in=part).values_list("court", "case_number")
            )
        recon_numbers = sorted({v["reconsideration"] for _, v in rows if v.get("reconsideration")})
        self.recons: dict[str, list[tuple[int, int, int]]] = {}
        for part in chunked(recon_numbers, 500):
            # As the page's form: only a reconsideration case the user may read can be linked (or named).
            for pk, number, org_id, respondent_id in (
                visible_reconsiderations(self.user)
                .filter(number__in=part)
                .values_list("id", "number", "org_id", "respondent_id")
            ):
                self.recons.setdefault(number, []).append((pk, org_id, respondent_id))
        self.answer_due: dict[date, date | None] = {}

    def _answer_due(self, received: date) -> date | None:
        # Fixed when the complaint is registered (services.register_case), so computed before any answer.
        if received not in self.answer_due:
            d = rules.answer_deadline(LitigationCase(complaint_received_on=received))
            self.answer_due[received] = d.due if d else None
        return self.answer_due[received]

    def build(self, row: int, v: dict[str, Any]) -> BuiltCase | None:
        defendant = v["defendant"]
        org = self.orgs.jurisdiction(defendant)
        try:
            services.require_handler(
                self.user, (org, defendant)
            )  # the very check of register_case (page, API)
        except PermissionDenied:
            self.error(row, "", f"无权导入「{defendant.name}」的记录")
            raise RowInvalid from None
        bad = False

        def err(key: str, message: str) -> None:
            nonlocal bad
            self.error(row, key, message)
            bad = True

        received = v["complaint_received_on"]
        hearing_on, appearance = v["hearing_on"], v["appearance"] or ""
        person, title, absence = (
            v["appearing_person"] or "",
            v["appearing_title"] or "",
            v["absence_reason"] or "",
        )
        if (appearance or person or title or absence) and not hearing_on:
            err("hearing_on", "填写了出庭情况，请填写开庭日期")
        hearing = None
        if hearing_on:
            hearing = CourtHearing(
                held_on=hearing_on,
                appearance=appearance,
                appearing_person=person,
                appearing_title=title,
                absence_reason=absence,
            )
        case = LitigationCase(
            org=org,
            defendant=defendant,
            court=v["court"],
            case_number=v["case_number"],
            stage=v["stage"] or Instance.FIRST,
            plaintiff=v["plaintiff"],
            act_type=v["act_type"],
            act_description=v["act_description"],
            complaint_received_on=received,
            answered_on=v["answered_on"],
            result=v["result"] or "",
            judged_on=v["judged_on"],
            appealed=bool(v["appealed"]),
            closed_on=v["closed_on"],
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        # The one validation the services run on each action; a hearing's held_on is this sheet's 开庭日期.
        for key, message in rules.validate(case, [hearing] if hearing else []).items():
            err("hearing_on" if key == "held_on" else key, message)

        recon_id = None
        if v["reconsideration"]:
            found = self.recons.get(v["reconsideration"], [])
            if len(found) > 1:
                found = [f for f in found if f[2] == defendant.id] or found
            if not found:
                err(
                    "reconsideration",
                    f"系统中没有复议案号「{v['reconsideration']}」或无权查看，请先导入或登记该复议案件",
                )
            elif len(found) > 1:
                err("reconsideration", f"复议案号「{v['reconsideration']}」对应多个复议案件，无法确定")
            else:
                recon_id = found[0][0]

        key = (v["court"], v["case_number"])
        if key in self.file_numbers:
            err("case_number", f"案号「{key[1]}」（{key[0]}）与第{self.file_numbers[key]}行重复")
        elif key in self.readable_numbers:
            err("case_number", f"案号「{key[1]}」在{key[0]}已登记")
        elif key in self.db_numbers:  # another unit's suit: say the number is taken, not whose it is
            err("case_number", "案号已被使用：该法院的此案号已由其他单位登记，请核对法院和案号")
        else:
            self.file_numbers[key] = row
        if bad:
            raise RowInvalid

        case.reconsideration_id = recon_id
        try:
            case.answer_due = self._answer_due(received)
        except ValueError as exc:  # fazhi.law.deadlines.DeadlineError
            self.error(row, "complaint_received_on", f"答辩期限计算失败：{exc}")
            raise RowInvalid from None
        case.lost = rules.is_loss(case.result) if case.result else False
        case.status = rules.status_of(case)
        if hearing is not None:
            case.hearing_count = 1
            case.first_hearing_on = hearing_on
            case.head_appeared = rules.is_head_appearance(appearance)
        events = rules.timeline(case, [hearing] if hearing else [], note=IMPORT_REASON)
        return BuiltCase(case=case, hearing=hearing, events=events)

    def write(self, built: list[BuiltCase], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        self.now = timezone.now()
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            cases = bulk_create_audited(LitigationCase, [b.case for b in part], user=user, when=self.now)
            hearings, events = [], []
            for b, case in zip(part, cases, strict=True):
                if b.hearing is not None:
                    b.hearing.case_id = case.pk
                    hearings.append(b.hearing)
                for kind, on, note in b.events:
                    events.append(event_row(case.pk, kind, on, note, actor_id=user_id, when=self.now))
            bulk_create_audited(CourtHearing, hearings, user=user, when=self.now)
            bulk_insert(LitigationEvent, events)
            done += len(part)
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(defendant__path__startswith=org.path))
        if year:
            qs = qs.filter(complaint_received_on__year=year)
        readable = visible_reconsiderations(self.user).filter(pk=OuterRef("reconsideration_id"))
        return (
            qs.select_related("org", "defendant", "reconsideration")
            .annotate(reconsideration_readable=Exists(readable))
            .prefetch_related(Prefetch("hearings", queryset=CourtHearing.objects.order_by("held_on", "id")))
            .order_by("complaint_received_on", "id")
        )

    def export_row(self, c: LitigationCase) -> list[Any]:
        hearings = list(c.hearings.all())
        # The hearing that decides head_appeared: the first with the head present, else the first one.
        h = next(
            (x for x in hearings if rules.is_head_appearance(x.appearance)), hearings[0] if hearings else None
        )
        return [
            c.court,
            c.case_number,
            self.orgs.label(c.defendant),
            c.get_stage_display(),
            c.plaintiff,
            c.get_act_type_display(),
            c.act_description,
            c.reconsideration.number if c.reconsideration_id and c.reconsideration_readable else "",
            c.complaint_received_on,
            c.answered_on,
            h.held_on if h else None,
            h.get_appearance_display() if h else "",
            h.appearing_person if h else "",
            h.appearing_title if h else "",
            h.absence_reason if h else "",
            c.get_result_display() if c.result else "",
            c.judged_on,
            "是" if c.appealed else "否",
            c.closed_on,
        ]
