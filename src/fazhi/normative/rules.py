"""Rules of the 行政规范性文件 register: the workflow, validity (有效期), the filing clocks (备案, per-jurisdiction
settings through fazhi.law), one validation and the timeline."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from fazhi.core.choices import OrgKind
from fazhi.core.jsettings import get_setting
from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, compute
from fazhi.law.statutes import guizhang, lifa

from .choices import CleanupOutcome, DocKind, EffectiveException, EventKind, Filing, ReviewResult, Status

if TYPE_CHECKING:
    from fazhi.core.models import Org

    from .models import NormativeDocument

WORKFLOW = Workflow(
    status=Status,
    number_field="registration_number",
    noun="规范性文件",
    transitions_list=[
        T(
            "publish",
            {Status.REGISTERED},
            Status.IN_FORCE,
            "统一印发（公布）",
            "国办发〔2018〕37号（三统一）",
        ),
        T(
            "file",
            {Status.IN_FORCE, Status.AMENDED, Status.REPEALED, Status.VOID, Status.EXPIRED},
            None,
            "报送备案",
            "本地行政规范性文件备案规定",
            when=lambda d: bool(open_filings(d)),
            refusal="该文件已按规定报送全部备案，无需再次报备。",
        ),
        T(
            "review",
            {Status.IN_FORCE, Status.AMENDED, Status.REPEALED, Status.VOID, Status.EXPIRED},
            None,
            "登记备案审查结果",
            "有件必备、有备必审、有错必纠",
            when=lambda d: d.government_filed_on is not None and not d.review_result,
            refusal="只有已报送政府备案、尚未登记审查结果的文件可以登记备案审查结果。",
        ),
        T("expire", {Status.IN_FORCE}, Status.EXPIRED, "有效期届满失效", "本地行政规范性文件有效期规定"),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check

# Per-jurisdiction settings (core.jsettings) are declared on the AppConfig (apps.py).


def is_government_document(doc: NormativeDocument) -> bool:
    """A document of the government itself (not of a department): filed with the 本级人大常委会 too."""
    return doc.issuer_id == doc.org_id


def is_rule(doc: NormativeDocument) -> bool:
    return doc.kind == DocKind.RULE


def is_city_rule(doc: NormativeDocument) -> bool:
    """A 规章 of a 设区的市 or 自治州 (a jurisdiction of city level), filed with the province too."""
    return is_rule(doc) and doc.org.kind == OrgKind.CITY


def filings(doc: NormativeDocument) -> list[str]:
    """Where the document must be filed. A 规范性文件: LAW.md §4c. A 规章: 立法法 第一百零九条第（四）项 — the 国务院
    and the 本级人大常委会; a 设区的市's, 自治州's also the 省、自治区 人大常委会 and 人民政府."""
    if is_rule(doc):
        out: list[str] = [Filing.STATE_COUNCIL, Filing.CONGRESS]
        if is_city_rule(doc):
            out += [Filing.PROVINCE_CONGRESS, Filing.GOVERNMENT]
        return out
    return [Filing.CONGRESS, Filing.GOVERNMENT] if is_government_document(doc) else [Filing.GOVERNMENT]


def filing_refusal(doc: NormativeDocument, filing: str) -> str:
    """Why `doc` is not filed with `filing` (a filing it does not have)."""
    label = Filing(filing).label if filing in Filing.values else filing
    if is_rule(doc):
        return f"该规章不报{label}备案（《{lifa.LAW}》{lifa.ARTICLE}）"
    if is_government_document(doc):
        return f"行政规范性文件不报{label}备案"
    return "部门制定的规范性文件只报本级人民政府备案"


def filing_rule(doc: NormativeDocument, filing: str) -> str:
    """The deadline rule of a filing: 立法法's for a 规章, the local one for a 规范性文件."""
    return f"normative.rule_filing_{filing}" if is_rule(doc) else f"normative.filing_{filing}"


#: the jurisdiction levels 立法法 第九十三条第一款 gives rule-making power (省、自治区、直辖市; 设区的市、自治州)
RULEMAKING_KINDS = (OrgKind.PROVINCE, OrgKind.CITY)


def has_rulemaking_power(org: Org) -> bool:
    """Whether the jurisdiction's government may make 规章: a 省级 or 市级 jurisdiction (立法法 第九十三条第一款) whose
    setting `normative.rulemaking_power` says so (第九十三条第四款: a 设区的市 begins when its province decides)."""
    return org.kind in RULEMAKING_KINDS and bool(get_setting(org, "normative.rulemaking_power"))


def rule_refusal(issuer: Org, org: Org) -> str:
    """Why `issuer` may not register a 规章 (empty when it may), citing the article."""
    if not has_rulemaking_power(org):
        return (
            f"{org.name}不具有规章制定权，不能登记规章。《{lifa.LAW}》{lifa.RULEMAKING_ARTICLE}："
            f"“{lifa.RULEMAKING_TEXT}”（具有规章制定权的，请在参数设置中设置“本级人民政府具有规章制定权”）"
        )
    if issuer.pk != org.pk:
        return (
            f"地方政府规章由本级人民政府制定，{issuer.name}不能制定规章（《{lifa.LAW}》{lifa.RULEMAKING_ARTICLE}、"
            f"{lifa.GOVERNMENT_ARTICLE}）；部门文件请登记为行政规范性文件。"
        )
    return ""


def open_filings(doc: NormativeDocument) -> list[str]:
    if not doc.published_on:
        return []
    return [f for f in filings(doc) if getattr(doc, f"{f}_filed_on") is None]


def filed_to(issuer: Org, org: Org) -> Org | None:
    """The government that reviews the filing: the 本级 government for a department's document, the next
    jurisdiction up for a government's own (None when it is outside the system)."""
    if issuer.pk != org.pk:
        return org
    parent = org.parent
    return parent.jurisdiction() if parent is not None else None


def filing_deadline(doc: NormativeDocument, filing: str) -> Deadline | None:
    """The filing period of `filing` from publication, with the jurisdiction's days and cited rule."""
    if not doc.published_on or filing not in filings(doc):
        return None
    if is_rule(doc):  # national law: the same 30日 everywhere, not a local setting
        return compute(filing_rule(doc, filing), doc.published_on)
    days = int(get_setting(doc.org, f"normative.filing_{filing}_days"))
    basis = str(get_setting(doc.org, f"normative.filing_{filing}_basis"))
    return compute(f"normative.filing_{filing}", doc.published_on, days=days, basis=basis)


def effective_deadline(doc: NormativeDocument) -> Deadline | None:
    """A 规章's earliest effective date (规章制定程序条例 第三十二条: "规章应当自公布之日起30日后施行"): the 31st day
    after publication, calendar days, not moved for holidays (fazhi.law.statutes.guizhang). None for a 规范性文件
    (its effective date is the local rule's) and before publication."""
    if not is_rule(doc) or not doc.published_on:
        return None
    return compute("normative.rule_effective", doc.published_on)


def effective_errors(doc: NormativeDocument) -> dict[str, str]:
    """An entered 施行日期 of a 规章 earlier than 30 days after publication is refused unless one of 第三十二条's cases
    is chosen with its reason; the cases are for 规章 only."""
    if not is_rule(doc):
        if doc.effective_exception or (doc.effective_reason or "").strip():
            return {
                "effective_exception": "自公布之日起施行的情形仅适用于地方政府规章（《规章制定程序条例》第三十二条）"
            }
        return {}
    if doc.effective_exception and doc.effective_exception not in EffectiveException.values:
        return {"effective_exception": f"未知的提前施行情形：{doc.effective_exception}"}
    if doc.effective_exception and not (doc.effective_reason or "").strip():
        return {
            "effective_reason": f"选择“{EffectiveException(doc.effective_exception).label}”的，请写明提前施行的理由"
        }
    earliest = doc.effective_earliest
    if doc.effective_on and earliest and doc.effective_on < earliest and not doc.effective_exception:
        return {
            "effective_on": (
                f"规章的施行日期（{doc.effective_on:%Y-%m-%d}）早于公布之日起30日后（最早{earliest:%Y-%m-%d}）。"
                f"《{guizhang.LAW}》{guizhang.ARTICLE}：“{guizhang.TEXT}”"
                "属于但书情形的，请选择自公布之日起施行的情形并写明理由。"
            )
        }
    return {}


def validity(org: Org, kind: str, provisional: bool, asked: int | None) -> tuple[int | None, str]:
    """The 有效期 in years a document is issued with (None: none) and the refusal ("" when allowed).

    A 行政规范性文件: at most N years (default 5), 暂行/试行 documents M years (default 2), per-jurisdiction settings
    (the local rules on 行政规范性文件; LAW.md §4d); blank takes the maximum.

    A 地方政府规章 has no 有效期 unless it states one itself. 规章制定程序条例 sets none: a 规章 stays in force until
    amended or repealed — "应当……及时组织开展规章清理工作。对不适应全面深化改革和经济社会发展要求、不符合上位法规定
    的规章，应当及时修改或者废止" (第三十七条), "可以组织对有关规章或者规章中的有关规定进行立法后评估" (第三十八条);
    立法法 第一百一十六条 likewise only "进行清理". The 5-year limit is a rule on 行政规范性文件, which the local rules
    define as documents "除政府规章外". (立法法 第九十三条第五款 — "规章实施满两年需要继续实施规章所规定的行政措施的，
    应当提请本级人民代表大会或者其常务委员会制定地方性法规" — is a duty to ask for a 地方性法规 for a 规章 made in
    place of one, not an expiry.) Texts read in LawRefBook/Laws: 行政法规/规章制定程序条例(2017-12-22).md,
    宪法相关法/立法法(2023-03-13).md."""
    if kind == DocKind.RULE:
        if asked is not None and asked < 1:
            return None, "有效期应为正整数年；规章未规定有效期的请留空"
        return asked, ""
    key = "normative.provisional_validity_years" if provisional else "normative.validity_years"
    limit = int(get_setting(org, key))
    years = asked or limit
    if years < 1 or years > limit:
        return None, f"有效期不得超过{limit}年（{'暂行、试行文件' if provisional else '本地规定'}）"
    return years, ""


def is_provisional(title: str) -> bool:
    return "暂行" in title or "试行" in title


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def expiry(effective_on: dt.date, years: int) -> dt.date:
    """The last day of validity: N years from the effective date, the day before the anniversary."""
    return add_years(effective_on, years) - dt.timedelta(days=1)


def notice_end(org: Org, today: dt.date) -> dt.date:
    """The latest expiry date that shows in the due list today (评估是否延续): today plus the jurisdiction's
    notice months (default six)."""
    months = int(get_setting(org, "normative.expiry_notice_months"))
    y, m = divmod(today.month - 1 + months, 12)
    year, month = today.year + y, m + 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def filed_on_time(doc: NormativeDocument) -> bool | None:
    """Whether every filing was made by its due date (None while one is still open)."""
    result = True
    for f in filings(doc):
        filed, due = getattr(doc, f"{f}_filed_on"), getattr(doc, f"{f}_due")
        if filed is None:
            return None
        if due and filed > due:
            result = False
    return result


# -- the one validation ------------------------------------------------------------------------------------------
def _label(field: str) -> str:
    from .models import NormativeDocument

    return str(NormativeDocument._meta.get_field(field).verbose_name)  # type: ignore[union-attr]


def validate(doc: NormativeDocument) -> dict[str, str]:
    """Every rule a document record obeys, whoever writes it (services, importer, demo). {field: message}."""
    errors: dict[str, str] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, message)

    def not_before(field: str, earlier_field: str) -> None:
        value, earlier = getattr(doc, field), getattr(doc, earlier_field)
        if value and earlier and value < earlier:
            err(
                field,
                f"{_label(field)}（{value:%Y-%m-%d}）不能早于{_label(earlier_field)}（{earlier:%Y-%m-%d}）",
            )

    if not (doc.title or "").strip():
        err("title", "请填写文件名称")
    if doc.published_on:
        if not (doc.doc_number or "").strip():
            err("doc_number", "公布的文件应有发文字号")
        if not (doc.legality_review or "").strip():
            # Issue 11: nothing is issued without its 合法性审核 (国办发〔2018〕115号; its wording is UNVERIFIED
            # in LAW.md §4b, so the refusal cites no article).
            err("legality_review", "未经合法性审核的规范性文件不得印发，请填写合法性审核编号")
        not_before("published_on", "registered_on")
        not_before("effective_on", "published_on")
        if not doc.effective_on:
            err("effective_on", "请填写施行日期")
    else:
        for f in ("effective_on", "congress_filed_on", "government_filed_on", "reviewed_on"):
            if getattr(doc, f):
                err(f, f"尚未公布的文件不能填写{_label(f)}")
    for key, message in effective_errors(doc).items():
        err(key, message)
    if doc.expires_on and doc.effective_on and doc.expires_on <= doc.effective_on:
        err("expires_on", "有效期届满日期应晚于施行日期")
    for f in ("congress_filed_on", "government_filed_on"):
        not_before(f, "published_on")
    if doc.congress_filed_on and doc.issuer_id != doc.org_id:
        err("congress_filed_on", "部门制定的规范性文件报本级人民政府备案，不报人大常委会")
    if is_rule(doc) and doc.issuer_id and doc.org_id:
        refusal = rule_refusal(doc.issuer, doc.org)
        if refusal:
            err("kind", refusal)
    for f in (Filing.STATE_COUNCIL, Filing.PROVINCE_CONGRESS):
        if getattr(doc, f"{f}_filed_on") and f not in filings(doc):
            err(f"{f}_filed_on", f"该文件不报{Filing(f).label}备案（《{lifa.LAW}》{lifa.ARTICLE}）")
        not_before(f"{f}_filed_on", "published_on")
    if doc.review_result:
        if not doc.government_filed_on:
            err("review_result", "文件尚未报送政府备案，不能登记备案审查结果")
        if not doc.reviewed_on:
            err("reviewed_on", "请填写备案审查日期")
        not_before("reviewed_on", "government_filed_on")
        if doc.review_result == ReviewResult.CORRECTED and not (doc.review_problem or "").strip():
            err("review_problem", "纠错的，请写明审查发现的问题")
    if doc.cleanup_outcome and not doc.cleaned_on:
        err("cleaned_on", "请填写清理结果公布日期")
    return errors


# -- the timeline ------------------------------------------------------------------------------------------------
def event(doc: NormativeDocument, action: str, on: dt.date, **facts: Any) -> tuple[str, dt.date, str]:
    note = ""
    if action == "register":
        kind, note = EventKind.REGISTERED, f"登记编号 {doc.registration_number}"
    elif action == "publish":
        kind = EventKind.PUBLISHED
        exception = (
            f"（{EffectiveException(doc.effective_exception).label}，自公布之日起30日内施行）"
            if doc.effective_exception
            else ""
        )
        note = f"{doc.doc_number}，{doc.effective_on:%Y-%m-%d}起施行{exception}" + (
            f"，有效期至{doc.expires_on:%Y-%m-%d}" if doc.expires_on else ""
        )
    elif action == "file":
        filing = facts["filing"]
        due = getattr(doc, f"{filing}_due")
        late = f"，逾期（期限 {due:%Y-%m-%d}）" if due and on > due else ""
        kind, note = EventKind.FILED, f"报{Filing(filing).label}备案{late}"
    elif action == "review":
        kind = EventKind.REVIEWED
        note = ReviewResult(doc.review_result).label + (
            f"：{doc.review_problem}" if doc.review_problem else ""
        )
    elif action == "clean":
        kind, note = (
            EventKind.CLEANED,
            CleanupOutcome(facts["outcome"]).label + f"（{facts.get('campaign', '')}）",
        )
    elif action == "expire":
        kind = EventKind.EXPIRED
    else:  # pragma: no cover
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def timeline(doc: NormativeDocument) -> list[tuple[str, dt.date, str]]:
    """The entries the actions would have left (an imported document)."""
    out = [event(doc, "register", doc.registered_on)]
    if doc.published_on:
        out.append(event(doc, "publish", doc.published_on))
    for f in filings(doc):
        on = getattr(doc, f"{f}_filed_on")
        if on:
            out.append(event(doc, "file", on, filing=f))
    if doc.review_result and doc.reviewed_on:
        out.append(event(doc, "review", doc.reviewed_on))
    if doc.cleanup_outcome and doc.cleaned_on:
        out.append(event(doc, "clean", doc.cleaned_on, outcome=doc.cleanup_outcome))
    return sorted(out, key=lambda e: e[1])


def status_of(doc: NormativeDocument, today: dt.date) -> str:
    """The state a document's dates put it in (an imported document)."""
    if doc.cleanup_outcome and doc.cleanup_outcome != CleanupOutcome.KEEP:
        from .choices import OUTCOME_STATUS

        return OUTCOME_STATUS[CleanupOutcome(doc.cleanup_outcome)]
    if not doc.published_on:
        return Status.REGISTERED
    if doc.expires_on and doc.expires_on < today:
        return Status.EXPIRED
    return Status.IN_FORCE
