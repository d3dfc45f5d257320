"""行政执法案件 import and export: the sheet "执法案件" for the shared machinery in fazhi.core.importing.

A row is a case in its final (historical) state, as units export it from the provincial 行政执法平台. The same
rules as the services (rules.validate: two certified officers on the 立案 date for 处罚/强制, 法制审核 before a
重大执法决定, dates in order) and the same derived clocks (rules.derive), computed once per distinct date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone

from fazhi.core import codelists
from fazhi.core.choices import OrgKind
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
from fazhi.law.calendar import WorkCalendar

from . import rules, services
from .choices import PUBLISH_7_KINDS, Implementer, Leniency, PowerChange, PowerStatus, PowerType
from .forms import _split
from .models import EnforcementCase, EnforcementEvent, Officer, PowerItem, PowerItemChange

WRITE_CHUNK = 2000


@dataclass
class BuiltCase:
    case: EnforcementCase
    officer_ids: list[int]
    events: list[tuple[str, date, str]] = field(default_factory=list)


@register
class EnforcementImporter(Importer):
    app = "enforcement"
    title = "行政执法案件"
    sheet_name = "执法案件"
    model = EnforcementCase
    list_url_name = "enforcement:list"
    columns = (
        Column(
            "unit",
            "执法单位",
            ORG,
            required=True,
            help="作出执法决定的行政机关",
            width=20,
            aliases=("执法主体", "执法机关", "实施机关"),
        ),
        Column(
            "case_number",
            "案件编号",
            required=True,
            help="同一执法单位内不得重复",
            width=26,
            aliases=("案号", "处罚决定书文号", "决定书文号", "文书编号"),
        ),
        Column("kind", "执法类别", CHOICE, required=True, choices=PowerType),
        Column(
            "power_item",
            "权责事项编码",
            max_length=40,
            help="执法单位权责清单中的事项编码；留空为未对应",
            width=22,
        ),
        Column("domain", "执法领域", help="字典：执法领域", width=12),
        Column("party", "当事人", width=18, aliases=("行政相对人", "相对人", "当事人名称")),
        Column("facts", "案由", width=24, aliases=("违法事实", "违法行为", "主要违法事实")),
        Column("legal_basis", "法律依据", width=24, aliases=("处罚依据", "执法依据", "违法依据")),
        Column("filed_on", "立案日期", DATE, required=True, aliases=("立案时间",)),
        Column(
            "officers",
            "执法人员执法证号",
            max_length=200,
            help="以顿号分隔；行政处罚、行政强制须两名以上在立案日持有效执法证（行政处罚法第四十二条）",
            width=26,
        ),
        Column("major", "重大执法决定", BOOL, help="留空为否；须法制审核（行政处罚法第五十八条）"),
        Column("legal_review_on", "法制审核日期", DATE),
        Column("decided_on", "决定日期", DATE, aliases=("处罚决定日期", "决定时间")),
        Column(
            "amount",
            "罚没金额（元）",
            max_length=20,
            help="数字，可含两位小数；留空为0",
            aliases=("罚款金额", "罚没款金额", "罚款金额（元）"),
        ),
        Column(
            "leniency",
            "从轻减轻及不予处罚",
            CHOICE,
            choices=Leniency,
            help="行政处罚法第三十二条、第三十三条",
        ),
        Column("published_on", "公示日期", DATE),
        Column("closed_on", "结案日期", DATE),
    )
    notes = (
        "案件状态由所填日期推定：有结案日期为「已结案」；有决定日期为「已决定」；其余为「办理中」。",
        "决定期限（行政处罚法第六十条，立案之日起九十日）和公示期限（国办发〔2018〕118号）由系统计算，无需填写。",
        "导入人须对每行的执法单位或其所属行政区划有填报权限；导入的记录在修改历史中记为「导入」。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        self.file_numbers: dict[tuple[int, str], int] = {}
        unit_ids = sorted({v["unit"].id for _, v in rows if v.get("unit")})
        self.db_numbers: set[tuple[int, str]] = set()
        for part in chunked(unit_ids, 200):
            self.db_numbers.update(
                EnforcementCase.objects.filter(unit_id__in=part).values_list("unit_id", "case_number")
            )
        self.officers: dict[str, Officer] = {}
        numbers = sorted({n for _, v in rows for n in _split(v.get("officers") or "")})
        for part in chunked(numbers, 500):
            for o in Officer.objects.filter(cert_number__in=part):
                self.officers[o.cert_number] = o
        self.power_items: dict[tuple[int, str], PowerItem] = {}
        codes = sorted({v["power_item"] for _, v in rows if v.get("power_item")})
        for part in chunked(codes, 500):
            for p in PowerItem.objects.filter(code__in=part, unit_id__in=unit_ids):
                self.power_items[(p.unit_id, p.code)] = p
        self.decision_due: dict[date, date | None] = {}
        self.publish_due: dict[tuple[date, bool], date | None] = {}
        self.allowed: dict[int, bool] = {}
        self.calendar = WorkCalendar()  # one holiday table for every row's clocks

    def _derive(self, case: EnforcementCase) -> None:
        """rules.derive, memoised per date (the ledger has hundreds of distinct dates for thousands of rows)."""
        if case.kind == PowerType.PENALTY:
            if case.filed_on not in self.decision_due:
                d = rules.decision_deadline(case, self.calendar)
                self.decision_due[case.filed_on] = d.due if d else None
            case.decision_due = self.decision_due[case.filed_on]
        if case.decided_on:
            key = (case.decided_on, case.kind in PUBLISH_7_KINDS)
            if key not in self.publish_due:
                p = rules.publish_deadline(case, self.calendar)
                self.publish_due[key] = p.due if p else None
            case.publish_due = self.publish_due[key]

    def build(self, row: int, v: dict[str, Any]) -> BuiltCase | None:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        if unit.id not in self.allowed:
            try:
                services._require(self.user, (org, unit))  # the very check of file_case (page, API)
                self.allowed[unit.id] = True
            except PermissionDenied:
                self.allowed[unit.id] = False
        if not self.allowed[unit.id]:
            self.error(row, "unit", f"无权导入「{unit.name}」的执法案件")
            raise RowInvalid
        bad = False

        def err(key: str, message: str) -> None:
            nonlocal bad
            self.error(row, key, message)
            bad = True

        domain = ""
        if v["domain"]:
            domain = codelists.code_for(codelists.ENFORCEMENT_FIELD, v["domain"]) or ""
            if not domain:
                err("domain", f"执法领域「{v['domain']}」不在字典「执法领域」中")
        amount = Decimal(0)
        if v["amount"]:
            try:
                amount = Decimal(str(v["amount"]).replace(",", "").replace("，", "")).quantize(
                    Decimal("0.01")
                )
            except InvalidOperation:
                err("amount", f"罚没金额「{v['amount']}」不是数字")
        officers = []
        for number in _split(v["officers"] or ""):
            o = self.officers.get(number)
            if o is None:
                err("officers", f"系统中没有执法证号「{number}」，请先登记执法人员")
            elif o.unit_id != unit.id:
                err("officers", f"执法证号「{number}」（{o.name}）不属于{unit.name}")
            else:
                officers.append(o)
        power_item = None
        if v["power_item"]:
            power_item = self.power_items.get((unit.id, v["power_item"]))
            if power_item is None:
                err("power_item", f"{unit.name}的权责清单中没有事项编码「{v['power_item']}」")
        case = EnforcementCase(
            org=org,
            unit=unit,
            case_number=v["case_number"],
            kind=v["kind"],
            power_item=power_item,
            domain=domain,
            party=v["party"] or "",
            facts=v["facts"] or "",
            legal_basis=v["legal_basis"] or "",
            filed_on=v["filed_on"],
            major=bool(v["major"]),
            legal_review_on=v["legal_review_on"],
            decided_on=v["decided_on"],
            amount=amount,
            leniency=v["leniency"] or "",
            published_on=v["published_on"],
            closed_on=v["closed_on"],
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        for key, message in rules.validate(case, officers).items():
            err(key, message)
        key = (unit.id, v["case_number"])
        if key in self.file_numbers:
            err("case_number", f"案件编号「{key[1]}」与第{self.file_numbers[key]}行重复")
        elif key in self.db_numbers:
            err("case_number", f"案件编号「{key[1]}」在{unit.name}已登记")
        else:
            self.file_numbers[key] = row
        if bad:
            raise RowInvalid
        try:
            self._derive(case)
        except ValueError as exc:  # fazhi.law.deadlines.DeadlineError
            self.error(row, "filed_on", f"期限计算失败：{exc}")
            raise RowInvalid from None
        case.status = rules.status_of(case)
        return BuiltCase(
            case=case, officer_ids=[o.id for o in officers], events=rules.timeline(case, note=IMPORT_REASON)
        )

    def write(self, built: list[BuiltCase], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        now = timezone.now()
        through = EnforcementCase.officers.through
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            cases = bulk_create_audited(EnforcementCase, [b.case for b in part], user=user, when=now)
            links, events = [], []
            for b, c in zip(part, cases, strict=True):
                links += [{"enforcementcase_id": c.pk, "officer_id": oid} for oid in b.officer_ids]
                events += [
                    event_row(c.pk, k, on, note, actor_id=user_id, when=now) for k, on, note in b.events
                ]
            bulk_insert(through, links)
            bulk_insert(EnforcementEvent, events)
            done += len(part)
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(unit__path__startswith=org.path)
        if year:
            qs = qs.filter(filed_on__year=year)
        return qs.select_related("unit", "power_item").prefetch_related("officers").order_by("filed_on", "id")

    def export_row(self, c: EnforcementCase) -> list[Any]:
        return [
            self.orgs.label(c.unit),
            c.case_number,
            c.get_kind_display(),
            c.power_item.code if c.power_item else "",
            codelists.label(codelists.ENFORCEMENT_FIELD, c.domain),
            c.party,
            c.facts,
            c.legal_basis,
            c.filed_on,
            "、".join(o.cert_number for o in c.officers.all()),
            "是" if c.major else "否",
            c.legal_review_on,
            c.decided_on,
            str(c.amount) if c.amount else "",
            c.get_leniency_display() if c.leniency else "",
            c.published_on,
            c.closed_on,
        ]


# -- 权责清单 ---------------------------------------------------------------------------------------------


ACTIONS = {
    "": PowerChange.ADDED,
    "新增": PowerChange.ADDED,
    "变更": PowerChange.CHANGED,
    "调整": PowerChange.CHANGED,
    "修改": PowerChange.CHANGED,
    "取消": PowerChange.REMOVED,
    "删除": PowerChange.REMOVED,
    "废止": PowerChange.REMOVED,
}
UNCHANGED = "unchanged"  # a row naming a listed item as it stands (调整类型 blank, as the export writes it)
ITEM_REQUIRED = ("name", "power_type", "law", "articles")  # required unless the row 取消 its item


@register
class PowerItemImporter(Importer):
    """The office's 权责清单 workbook, as the 动态调整 documents list it: one row per item with its 调整类型 —
    新增 (or blank) enters a new item, 变更 replaces a listed item's content, 取消 takes it off the current list —
    each by the document named in the row, each recorded as a PowerItemChange (before and after) and audited.
    All rows or none; `plan` describes what a file will change before it is imported (the preview page)."""

    app = "enforcement_powers"
    title = "权责清单事项"
    sheet_name = "权责清单"
    model = PowerItem
    list_url_name = "enforcement:powers"
    staged = False  # 变更 and 取消 save existing items: one transaction, not SQLite's staged inserts
    columns = (
        Column(
            "unit",
            "职权部门",
            ORG,
            required=True,
            help="权责清单所属单位（乡镇赋权事项填乡镇单位）",
            width=22,
        ),
        Column("code", "事项编码", required=True, help="同一单位内不得重复", width=18),
        Column(
            "action",
            "调整类型",
            max_length=4,
            help="新增、变更或取消；留空为新增",
            aliases=("操作", "操作类型", "变更类型", "调整方式"),
        ),
        Column("name", "事项名称", help="取消时可留空，下同", width=30),
        Column("power_type", "职权类型", CHOICE, choices=PowerType),
        Column("law", "法律依据", help="法律、法规、规章名称", width=26),
        Column("articles", "依据条款", max_length=4000, help="条款序号及内容", width=40),
        Column("implementer", "实施主体", CHOICE, choices=Implementer, help="留空为本单位"),
        Column("entrusted_org", "受委托组织", help="实施主体为受委托组织时填写", width=20),
        Column("responsibilities", "责任事项", max_length=4000, width=40),
        Column("in_catalog", "列入行政执法事项目录", BOOL, help="留空为否"),
        Column("delegated", "赋权事项", BOOL, help="乡镇（街道）承接的赋权事项填「是」"),
        Column("delegation_doc_number", "赋权文件文号", width=20),
        Column("delegation_doc_title", "赋权文件名称", width=26),
        Column("delegated_on", "赋权日期", DATE),
        Column(
            "doc_number", "调整文件文号", required=True, max_length=80, help="本行调整所依据的文件", width=20
        ),
        Column("doc_title", "调整文件名称", max_length=200, width=26),
        Column("doc_date", "调整日期", DATE, required=True, help="新增、变更或取消生效的日期"),
        Column("note", "调整说明", max_length=300, help="调整理由，记入调整记录", width=26),
    )
    notes = (
        "每行为一项调整：调整类型填「新增」（或留空）、「变更」或「取消」，按所填文件调整职权部门的现行权责清单，"
        "调整前后的内容记入调整记录。",
        "「变更」按事项编码找到现行事项，以本行内容整体替换；「取消」的事项退出现行清单，记录和历史保留。",
        "调整类型留空而事项编码已在现行清单中的行（如导出的清单）：内容相同的不作调整；内容不同的不导入，请填「变更」。",
        "导入人须对每行的职权部门或其所属行政区划有填报权限；任何一行有误，整个文件都不导入。"
        "导入前可在权责清单页面「导入预览」中查看将新增、变更、取消的事项。",
    )

    def require_user(self) -> None:
        super().require_user()
        from fazhi.core.capabilities import all_capabilities
        from fazhi.core.permissions import can_any

        if not can_any(self.user, "enforcement.import"):
            raise PermissionDenied(f"无权{all_capabilities()['enforcement.import']}")

    def run(self, data: bytes, *, mapping: Mapping[str, Any] | None = None, **kwargs: Any):  # type: ignore[override]
        """`mapping[WHOLE_LIST]` ({doc_number, doc_title, doc_date, reason}) chooses the whole-list mode (整表更新):
        the file is each named unit's complete current list, so a listed item it does not name is 取消 by that
        document, and a row naming a listed item with other content is its 变更. Without it (逐项调整) only the
        rows' own 调整类型 act and an item the file omits stays listed."""
        whole = (mapping or {}).get(WHOLE_LIST)
        self.whole = WholeList.from_json(whole) if whole else None
        self.omitted: list[PowerItem] = []
        return super().run(data, mapping=mapping, **kwargs)

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        if self.whole is not None:
            for field_, message in self.whole.problems().items():
                self.error(None, field_, message)
        unit_ids = sorted({v["unit"].id for _, v in rows if v.get("unit")})
        self.file_units = unit_ids
        self.db_items: dict[tuple[int, str], PowerItem] = {}
        self.last_change: dict[int, date] = {}
        for part in chunked(unit_ids, 200):
            for p in PowerItem.all_objects.filter(unit_id__in=part):
                self.db_items[(p.unit_id, p.code)] = p
            self.last_change.update(
                PowerItemChange.objects.filter(item__unit_id__in=part)
                .values("item_id")
                .annotate(last=Max("doc_date"))
                .values_list("item_id", "last")
            )
        self.file_codes: dict[tuple[int, str], int] = {}
        self.allowed: dict[int, bool] = {}

    def build(self, row: int, v: dict[str, Any]) -> BuiltItem | None:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        if unit.id not in self.allowed:
            try:
                services._require(self.user, (org, unit))  # the very check of add_power_item
                self.allowed[unit.id] = True
            except PermissionDenied:
                self.allowed[unit.id] = False
        if not self.allowed[unit.id]:
            self.error(row, "unit", f"无权导入「{unit.name}」的权责清单")
            raise RowInvalid
        blank = not (v["action"] or "").strip()
        action = ACTIONS.get((v["action"] or "").strip())
        if action is None:
            self.error(row, "action", f"调整类型「{v['action']}」不是可选的值；可选：新增、变更、取消")
            raise RowInvalid
        if action == PowerChange.REMOVED and self.whole is not None:
            self.error(
                row,
                "action",
                "整表更新时文件列出的是单位现行的完整清单，不能填「取消」：要取消的事项不列入文件即可",
            )
            raise RowInvalid
        errors: dict[str, str] = {}
        key = (unit.id, v["code"])
        if key in self.file_codes:
            errors["code"] = f"事项编码「{key[1]}」与第{self.file_codes[key]}行重复"
        else:
            self.file_codes[key] = row
        existing = self.db_items.get(key)
        if action != PowerChange.ADDED:
            if existing is None:
                errors.setdefault(
                    "code", f"{unit.name}的权责清单中没有事项编码「{key[1]}」，不能{action.label}"
                )
            elif existing.status == PowerStatus.REMOVED:
                errors.setdefault(
                    "code", f"事项「{key[1]}」已于{existing.removed_on:%Y-%m-%d}取消，不能再{action.label}"
                )
            elif (last := self.last_change.get(existing.pk)) and v["doc_date"] < last:
                errors["doc_date"] = f"调整日期不能早于该事项上次调整的日期（{last:%Y-%m-%d}）"
        elif existing is not None and blank and existing.status != PowerStatus.REMOVED:
            pass  # a row of the list as exported: the same item unchanged, or a 变更 left unsaid (below)
        elif existing is not None:
            errors.setdefault(
                "code",
                f"事项编码「{key[1]}」已在{unit.name}的权责清单中"
                + (
                    "（已取消，编码不能再用）"
                    if existing.status == PowerStatus.REMOVED
                    else "；调整内容请填「变更」"
                ),
            )
        if action == PowerChange.REMOVED:
            if existing is not None and v["doc_date"] < existing.added_on:
                errors.setdefault("doc_date", f"取消日期不能早于列入清单日期（{existing.added_on:%Y-%m-%d}）")
            self._report(row, errors)
            if existing is None:  # not reached: a 取消 of an item not listed has its error above
                raise RowInvalid
            return BuiltItem(existing, v["doc_number"], v["doc_title"] or "", v["doc_date"], action, v)
        for name in ITEM_REQUIRED:
            if v[name] is None:
                errors.setdefault(name, "必填，不能为空")
        item = PowerItem(
            org=org,
            unit=unit,
            code=v["code"],
            name=v["name"] or "",
            power_type=v["power_type"] or "",
            law=v["law"] or "",
            articles=v["articles"] or "",
            implementer=v["implementer"] or Implementer.UNIT,
            entrusted_org=v["entrusted_org"] or "",
            responsibilities=v["responsibilities"] or "",
            in_catalog=bool(v["in_catalog"]),
            delegated=bool(v["delegated"]),
            delegation_doc_number=v["delegation_doc_number"] or "",
            delegation_doc_title=v["delegation_doc_title"] or "",
            delegated_on=v["delegated_on"],
            added_on=v["doc_date"],
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        township = self.orgs.jurisdiction(unit).kind == OrgKind.TOWNSHIP
        for field_, message in rules.validate_power_item(item, township=township).items():
            errors.setdefault(field_, message)
        built = BuiltItem(item, v["doc_number"], v["doc_title"] or "", v["doc_date"], action, v)
        if action == PowerChange.ADDED and existing is not None and "code" not in errors:
            # 调整类型 blank on a listed item (the export's rows): unchanged, or a change the row must name —
            # except in the whole-list mode, where the file states the current content: a 变更 by its document
            differs = rules.power_snapshot(existing) != rules.power_snapshot(item)
            if differs and self.whole is not None and not self.whole.problems():
                action = built.action = PowerChange.CHANGED
                built.doc_number, built.doc_title, built.doc_date = self.whole.document()
                built.reason = self.whole.reason
            elif differs and self.whole is None:
                errors["code"] = (
                    f"事项编码「{key[1]}」已在{unit.name}的权责清单中，本行内容与现行事项不同；"
                    "调整内容请在调整类型填「变更」"
                )
            else:
                built.item, built.action = existing, UNCHANGED
        if action == PowerChange.CHANGED and existing is not None and not errors:
            built.before = rules.power_snapshot(existing)
            built.changed = [
                k for k in rules.POWER_FIELDS if built.before[k] != rules.power_snapshot(item)[k]
            ]
            if not built.changed:
                errors["name"] = f"与现行事项「{existing.code}」的内容相同，没有需要变更的内容"
            elif (last := self.last_change.get(existing.pk)) and built.doc_date < last:
                errors["doc_date"] = f"调整日期不能早于该事项上次调整的日期（{last:%Y-%m-%d}）"
            built.item = existing
            built.values = {k: getattr(item, k) for k in built.changed}
        self._report(row, errors)
        return built

    def finish(self, built: list[tuple[int, Any]]) -> None:
        """The listed items of the file's units that the file does not name (`omitted`); in the whole-list mode
        each is 取消 by the mode's document, checked like a 取消 row (errors name the item, not a row)."""
        named = set(self.file_codes)
        for part in chunked(getattr(self, "file_units", []), 200):
            self.omitted += [
                p
                for p in PowerItem.objects.filter(unit_id__in=part, status=PowerStatus.CURRENT)
                .select_related("unit")
                .order_by("unit__path", "code")
                if (p.unit_id, p.code) not in named
            ]
        if self.whole is None or self.whole.problems():
            return
        doc_number, doc_title, doc_date = self.whole.document()
        for p in self.omitted:
            where = f"{p.unit.name}的事项「{p.code} {p.name}」（文件中未列出，将取消）"
            last = self.last_change.get(p.pk)
            if doc_date < p.added_on:
                self.error(
                    None, "doc_date", f"{where}：取消日期不能早于列入清单日期（{p.added_on:%Y-%m-%d}）"
                )
            elif last and doc_date < last:
                self.error(
                    None, "doc_date", f"{where}：调整日期不能早于该事项上次调整的日期（{last:%Y-%m-%d}）"
                )
            else:
                b = BuiltItem(
                    p, doc_number, doc_title, doc_date, PowerChange.REMOVED, reason=self.whole.reason
                )
                built.append((0, b))

    def _report(self, row: int, errors: dict[str, str]) -> None:
        """Record the row's errors and refuse it if there are any."""
        for field_, message in errors.items():
            self.error(row, field_, message)
        if errors:
            raise RowInvalid

    def plan(self, built: list[BuiltItem]) -> list[dict[str, Any]]:
        """What importing `built` will do, per row: unit, code, name, 调整类型 and, for 变更, each changed field
        before and after (the preview page)."""
        out = []
        for b in built:
            changes = [
                {
                    "field": rules.power_label(k),
                    "before": _shown(k, b.before[k]),
                    "after": _shown(k, b.values[k]),
                }
                for k in b.changed
            ]
            out.append(
                {
                    "unit": b.item.unit.name,
                    "code": b.item.code,
                    "name": b.item.name,
                    "action": b.action,
                    "action_label": "不变" if b.action == UNCHANGED else PowerChange(b.action).label,
                    "doc_number": b.doc_number,
                    "doc_date": b.doc_date,
                    "changes": changes,
                }
            )
        return out

    def write(self, built: list[BuiltItem], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        done = 0
        added = [b for b in built if b.action == PowerChange.ADDED]
        for part in chunked(added, WRITE_CHUNK):
            items = bulk_create_audited(PowerItem, [b.item for b in part], user=user, when=now)
            bulk_insert(
                PowerItemChange,
                [
                    {
                        "item_id": item.pk,
                        "seq": 1,
                        "action": PowerChange.ADDED,
                        "doc_number": b.doc_number,
                        "doc_title": b.doc_title,
                        "doc_date": b.doc_date,
                        "before": {},
                        "after": rules.power_snapshot(item),
                        "note": b.note or IMPORT_REASON,
                        "actor_id": user.pk if user else None,
                        "created_at": now,
                    }
                    for b, item in zip(part, items, strict=True)
                ],
            )
            done += len(part)
            progress(done)
        for b in built:  # 变更 and 取消: a list's few adjustments, each by the service that makes it by hand
            common = {
                "item": b.item,
                "actor": self.user,
                "doc_number": b.doc_number,
                "doc_date": b.doc_date,
                "doc_title": b.doc_title,
                "note": b.note or IMPORT_REASON,
            }
            if b.action == PowerChange.CHANGED:
                services.change_power_item(**common, **b.values)
            elif b.action == PowerChange.REMOVED:
                services.remove_power_item(**common)
            else:
                continue
            done += 1
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .selectors import PowerFilters, filtered_power_items

        if isinstance(filters, PowerFilters):
            f = filters
        else:
            f = PowerFilters.from_params(filters) if filters is not None else PowerFilters()
        qs = filtered_power_items(self.user, f)
        if org is not None:
            qs = qs.filter(unit__path__startswith=org.path)
        return qs.select_related("unit").prefetch_related("changes").order_by("unit__path", "code", "id")

    def export_row(self, item: PowerItem) -> list[Any]:
        first = next(iter(item.changes.all()), None)
        return [
            self.orgs.label(item.unit),
            item.code,
            "",  # 调整类型: the list as it stands
            item.name,
            item.get_power_type_display(),
            item.law,
            item.articles,
            item.get_implementer_display(),
            item.entrusted_org,
            item.responsibilities,
            "是" if item.in_catalog else "否",
            "是" if item.delegated else "否",
            item.delegation_doc_number,
            item.delegation_doc_title,
            item.delegated_on,
            first.doc_number if first else "",
            first.doc_title if first else "",
            item.added_on,
            "",
        ]


def _shown(name: str, value: Any) -> str:
    """A power item field's value as the preview shows it."""
    if name == "power_type" and value in PowerType.values:
        return str(PowerType(value).label)
    if name == "implementer" and value in Implementer.values:
        return str(Implementer(value).label)
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


@dataclass
class BuiltItem:
    item: PowerItem  # 新增: the unsaved item; 变更 and 取消: the listed item
    doc_number: str
    doc_title: str
    doc_date: date
    action: str = PowerChange.ADDED
    row: dict[str, Any] = field(default_factory=dict)
    before: dict[str, Any] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # 变更: the new value of each changed field

    reason: str = ""  # the whole-list mode's reason, for the 变更 and 取消 it makes

    @property
    def note(self) -> str:
        return self.reason or (self.row.get("note") or "").strip()


WHOLE_LIST = "whole_list"  # the key of the whole-list mode's settings in an import's mapping


@dataclass
class WholeList:
    """The whole-list mode (整表更新) of the 权责清单 import: the document that makes its 变更 and 取消, and why."""

    doc_number: str = ""
    doc_title: str = ""
    doc_date: date | None = None
    reason: str = ""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WholeList:
        raw = data.get("doc_date") or ""
        try:
            day = date.fromisoformat(raw) if isinstance(raw, str) and raw else None
        except ValueError:
            day = None
        return cls(
            doc_number=str(data.get("doc_number") or "").strip(),
            doc_title=str(data.get("doc_title") or "").strip(),
            doc_date=day,
            reason=str(data.get("reason") or "").strip(),
        )

    def to_json(self) -> dict[str, str]:
        return {
            "doc_number": self.doc_number,
            "doc_title": self.doc_title,
            "doc_date": self.doc_date.isoformat() if self.doc_date else "",
            "reason": self.reason,
        }

    def problems(self) -> dict[str, str]:
        """What the mode still needs: the document (文号, 日期) and the reason, named for the user."""
        out = {}
        if not self.doc_number:
            out["doc_number"] = "整表更新须填写调整文件文号：未列入文件的事项依该文件取消"
        if self.doc_date is None:
            out["doc_date"] = "整表更新须填写调整日期"
        if not self.reason:
            out["note"] = "整表更新须填写调整理由"
        return out

    def document(self) -> tuple[str, str, date]:
        """The document's 文号, 名称 and 日期 (called once `problems()` is empty)."""
        if self.doc_date is None:
            raise ValueError("整表更新须填写调整日期")
        return self.doc_number, self.doc_title, self.doc_date
