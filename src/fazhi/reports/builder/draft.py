"""A first draft of the whole annual report from the year's records (the indicator engine), in the seeds' style.

The structure is the one the 《法治政府建设与责任落实督察工作规定》 (中办国办 厅字〔2019〕28号) requires of an
annual report on building a law-based government — five contents: 上一年度推进法治政府建设的主要举措和成效;
存在的不足和原因; 党政主要负责人履行推进法治建设第一责任人职责情况; 下一年度主要安排; 其他需要报告的情况 —
and, by the same 规定, the report is made public before 4月1日 (LAW.md §5; the article numbers are not
cross-checked, so the 规定 is cited as a whole).

Every figure in the draft is a placeholder, so it stays live until the report is published. A sentence is
written only when the figures it needs exist; each sentence left out is returned as a note naming the missing
figures, so the office sees what a 统计填报 form or a later module would add."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.reportfacts import TOPICS, ReportFact
from fazhi.indicators.registry import catalog

from . import facts as report_facts
from .placeholders import PLACEHOLDER_RE, FigureSource, display_name, find

REGULATION = "《法治政府建设与责任落实督察工作规定》"

SECTION_KEYS = (
    "measures_and_results",
    "shortcomings_and_causes",
    "leaders_first_responsibility",
    "next_year_plan",
    "other_matters",
)
SECTION_NUMBERS = dict(zip(SECTION_KEYS, "一二三四五", strict=True))
SECTION_TITLES = {
    "measures_and_results": "主要举措和成效",
    "shortcomings_and_causes": "存在的不足和原因",
    "leaders_first_responsibility": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "next_year_plan": "下一年度主要安排",
    "other_matters": "其他需要报告的情况",
}


def section_heading(key: str, year: int) -> str:
    """The printed heading: the statutory content, dated like the seeds ("一、2023年法治政府建设的主要举措和成效")."""
    n = SECTION_NUMBERS[key]
    return {
        "measures_and_results": f"{n}、{year}年度法治政府建设主要举措和成效",
        "shortcomings_and_causes": f"{n}、存在的不足和原因",
        "leaders_first_responsibility": f"{n}、党政主要负责人履行推进法治建设第一责任人职责情况",
        "next_year_plan": f"{n}、{year + 1}年度推进法治政府建设主要安排",
        "other_matters": f"{n}、其他需要报告的情况",
    }[key]


def disclosure_deadline(year: int) -> date:
    """每年4月1日之前 the report on `year` is made public (督察工作规定; LAW.md §5)."""
    return date(year + 1, 4, 1)


def default_signed_on(year: int, today: date | None = None) -> date:
    """The 成文日期 a new draft proposes: today, but not before the year after the report's (the author sets the
    real signing date)."""
    return max(today or timezone.localdate(), date(year + 1, 1, 1))


def publication_sentence(voice: Voice, year: int, signed_on: date) -> str:
    """How the report says it is made public: "于2026年4月1日前…公开" only while that date is still ahead of the
    signing date; a report signed on or after 4月1日 does not promise what has already passed."""
    deadline = disclosure_deadline(year)
    when = f"于{deadline.year}年{deadline.month}月{deadline.day}日前" if signed_on < deadline else ""
    return (
        f"按照{REGULATION}要求，本报告在报送{voice.superior}的同时，"
        f"{when}通过{voice.issuer}门户网站向社会公开，接受人民群众监督。"
    )


# ---------------------------------------------------------------------------------------------------------
# How the report speaks of its org: 全市 / 市政府 / 市委 …


LEVEL_CHARS = ("街道", "市", "县", "区", "州", "盟", "旗", "省", "镇", "乡")


def _level(name: str) -> str:
    for ch in LEVEL_CHARS:
        if name.endswith(ch):
            return ch
    return "市"


@dataclass(frozen=True)
class Voice:
    org_name: str
    issuer: str  # 澜川市人民政府
    place: str  # 全市
    gov: str  # 市政府
    party: str  # 市委
    superior: str  # 省委、省政府
    level: str  # 市
    doc_abbr: str  # 澜政 (document number prefix)
    addressee: str  # 省人民政府

    @classmethod
    def of(cls, org) -> Voice:
        if org.kind == OrgKind.UNIT:
            j = org.jurisdiction()
            jname = place_name(j)
            jl = _level(jname)
            short = org.name.removeprefix(j.name).removeprefix(jname) or org.name
            return cls(
                org.name,
                org.name,
                "本部门",
                short,
                "本部门党组（党委）",
                f"{jl}委、{jl}政府",
                jl,
                f"{jname[0]}{short[:1]}",
                f"{government_name(j)}",
            )
        name = place_name(org)
        lv = _level(name)
        parent = org.parent
        if org.kind == OrgKind.PROVINCE:
            superior, addressee = "党中央、国务院", "党中央、国务院"
        else:
            up = _level(place_name(parent)) if parent is not None and parent.kind != OrgKind.UNIT else None
            up = up or {"city": "省", "county": "市", "township": "县"}.get(org.kind, "省")
            superior, addressee = f"{up}委、{up}政府", f"{up}人民政府"
        if lv == "街道":
            return cls(
                name,
                government_name(org),
                "全街道",
                "街道办事处",
                "街道党工委",
                superior,
                lv,
                f"{name[0]}街",
                addressee,
            )
        return cls(
            name,
            government_name(org),
            f"全{lv}",
            f"{lv}政府",
            f"{lv}委",
            superior,
            lv,
            f"{name[0]}政",
            addressee,
        )


def place_name(org) -> str:
    """澜川市 for the org 澜川市 or 澜川市人民政府 (the tree may name the jurisdiction either way)."""
    for suffix in ("人民政府", "办事处"):
        if org.name.endswith(suffix) and len(org.name) > len(suffix):
            return org.name.removesuffix(suffix)
    return org.name


def government_name(org) -> str:
    """The issuing authority: 澜川市人民政府; 江滨街道办事处."""
    if org.name.endswith(("人民政府", "办事处")):
        return org.name
    return f"{org.name}办事处" if org.name.endswith("街道") else f"{org.name}人民政府"


# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A sentence left out of the draft because its figures have no data."""

    section: str
    text: str  # the sentence as it would read, figures named
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Backing:
    """A sentence of the draft and the records it rests on (an app's `ReportFact`, or the reports' own)."""

    section: str
    text: str
    basis: str
    url: str = ""


@dataclass
class Draft:
    org: object
    year: int
    header: dict[str, str]
    sections: dict[str, str]
    notes: list[Note] = field(default_factory=list)
    backings: list[Backing] = field(default_factory=list)

    @property
    def gaps(self) -> list[Gap]:
        return [g for key, text in self.sections.items() for g in gaps_in(text, key)]


# ---------------------------------------------------------------------------------------------------------
# Marked gaps: what no record backs is left to the author, never printed as fact.

GAP_RE = re.compile(r"【待补充：([^】]*)】")


@dataclass(frozen=True)
class Gap:
    section: str  # a key of SECTION_KEYS, or "intro"
    text: str  # what the author is asked to write


def gap(what: str) -> str:
    """The marker of a gap: 【待补充：法治督察的开展和发现问题的整改销号情况】."""
    return f"【待补充：{what}】"


def gaps_in(text: str, section: str = "") -> list[Gap]:
    return [Gap(section, m.group(1)) for m in GAP_RE.finditer(text or "")]


@dataclass(frozen=True)
class P:
    """A clause of a sentence; `required` clauses decide whether the sentence is written at all."""

    text: str
    required: bool = False


class _Writer:
    def __init__(
        self, source: FigureSource, voice: Voice, year: int, facts: dict[str, list[ReportFact]] | None = None
    ):
        self.src = source
        self.v = voice
        self.year = year
        self.facts = facts or {}
        self.notes: list[Note] = []
        self.backings: list[Backing] = []
        self.section = ""

    def has_fact(self, topic: str) -> bool:
        return bool(self.facts.get(topic))

    def fact(self, topic: str, *, lead: str = "", or_gap: bool = True) -> str:
        """The sentences the apps' records back on `topic` (each kept with its basis), else the marked gap left to
        the author (or nothing, `or_gap=False`)."""
        found = self.facts.get(topic, [])
        if not found:
            return gap(TOPICS[topic]) if or_gap else ""
        for f in found:
            self.backings.append(Backing(self.section, f.text, f.basis, f.url))
        return lead + "".join(f.text for f in found)

    def own(self, text: str, basis: str, url: str = "") -> str:
        """A sentence backed by the reports' own records (the annual reports already published)."""
        self.backings.append(Backing(self.section, text, basis, url))
        return text

    def _missing(self, text: str) -> list[str]:
        """Names of the figures of `text` without data; a key the catalog lacks counts as missing (the draft
        must not fail because a catalog entry was renamed)."""
        out = []
        for m in PLACEHOLDER_RE.finditer(text):
            try:
                ph = find(m.group(0))[0]
            except ValidationError:
                out.append(m.group(1))
                continue
            if not self.src.has(ph.key, ph.part):
                out.append(display_name(ph.key, ph.part))
        return out

    def _without_records(self, text: str) -> list[str]:
        """Names of the figures of a required clause that count nothing (0): the records hold none of that work,
        so the report does not assert it (a 0 from an app the office does not use is not a fact worth signing)."""
        out = []
        for m in PLACEHOLDER_RE.finditer(text):
            try:
                ph = find(m.group(0))[0]
            except ValidationError:
                continue
            if self.src.raw(ph.key, ph.part) == 0:
                out.append(f"{display_name(ph.key, ph.part)}（记录中为0）")
        return out

    def _note(self, text: str, missing: list[str]) -> None:
        self.notes.append(Note(self.section, text, tuple(dict.fromkeys(missing))))

    def s(self, *parts: P | str, lead: str = "", end: str = "。") -> str:
        """A sentence of clauses joined by "，": clauses whose figures are missing are left out (and noted);
        when a required clause or every clause is missing, the whole sentence is."""
        ps = [p if isinstance(p, P) else P(p) for p in parts]
        kept, dropped = [], []
        for p in ps:
            missing = self._missing(p.text)
            if not missing:
                zeros = self._without_records(p.text)
                # a required figure that counts nothing, or a clause all of whose figures count nothing, is not
                # a fact worth signing ("办理0件"): left out and noted
                if p.required or (zeros and len(zeros) == len(PLACEHOLDER_RE.findall(p.text))):
                    missing = zeros
            if missing and p.required:
                self._note(
                    lead + "，".join(q.text for q in ps) + end,
                    [*missing, *self._missing(lead + "".join(q.text for q in ps))],
                )
                return ""
            (dropped if missing else kept).append((p, missing))
        if not kept:
            if dropped:
                self._note(
                    lead + "，".join(p.text for p, _ in dropped) + end, [m for _, ms in dropped for m in ms]
                )
            return ""
        for p, missing in dropped:
            self._note(p.text, missing)
        return lead + "，".join(self._with_yoy(p) for p, _ in kept) + end

    def _with_yoy(self, p: P) -> str:
        """A required clause's count followed by its change over last year when both years have it (同比增长12.5%,
        同比下降3.0%, 同比持平), computed from both years' records on the same basis."""
        if not p.required:
            return p.text
        try:
            first = next(iter(find(p.text)), None)
        except ValidationError:
            return p.text
        if first is None or first.part != "value" or catalog().get(first.key, {}).get("unit") == "percent":
            return p.text
        if not self.src.has(first.key, "yoy"):
            return p.text
        return f"{p.text}，{{{{ {first.key}.yoy }}}}"

    def value(self, key: str, part: str = "value"):
        return self.src.raw(key, part)


def _para(*sentences: str) -> str:
    return "".join(s for s in sentences if s)


def _measures(w: _Writer) -> str:
    """一、主要举措和成效: one sub-heading per area of work, as the seeds do; each paragraph the sentences the
    records back (the apps' facts, the figures that exist) and, for the work no record shows, a marked gap."""
    v = w.v
    out = []

    out.append("（一）坚持党的领导，健全法治政府建设推进机制")
    out.append(
        _para(
            "**一是压紧压实法治建设责任。**",
            w.fact("work_plan"),
            w.s(
                P("工作要点任务分工{{ plans.tasks }}", required=True),
                "已完成{{ plans.tasks_done }}",
                "完成率{{ plans.task_completion_rate }}",
                "对推进滞后的{{ plans.urged }}任务分工发出督办",
                lead="全年",
            ),
            "**二是发挥督察考评推动作用。**",
            w.fact("inspection"),
            w.fact("assessment", or_gap=False),
            w.s(
                P("开展法治督察和政府督查{{ supervision.inspections }}", required=True),
                "覆盖单位{{ supervision.inspected_units }}",
                "对落实不力的单位负责人开展约谈{{ supervision.interviews }}",
                lead="全年",
            ),
            w.s(
                "问题台账登记督察、案卷评查、司法建议、检察建议等发现的问题{{ supervision.problems_found }}",
                "已整改销号{{ supervision.problems_rectified }}",
                P("整改率{{ supervision.rectification_rate }}", required=True),
                lead="全年",
            ),
            "**三是严格落实年度报告制度。**",
            _last_report(w),
        )
    )

    out.append("（二）深化“放管服”改革，依法全面履行政府职能")
    out.append(
        _para(
            gap("简政放权、权责清单和行政许可事项清单动态调整、政务服务改革的举措"),
            w.s(
                "权责清单行政职权事项{{ services.power_items }}",
                "行政许可事项清单事项{{ services.license_items }}",
                "政务服务事项{{ services.service_items }}",
                lead=f"动态调整后，{v.place}",
            ),
            w.s(
                "受理政务服务事项{{ services.cases_handled }}",
                "政务服务事项网办率达{{ services.online_rate }}",
                "承诺时限压缩比达{{ services.time_compression_rate }}",
                "平均跑动次数降至{{ services.avg_visits }}",
                lead="全年",
            ),
            w.s(
                "实现“跨省通办”事项{{ services.cross_province_items }}",
                "办理“一件事一次办”集成服务{{ services.one_thing_cases }}",
                "办理“证照分离”审批{{ services.license_separation_cases }}",
                "公共资源交易电子化率{{ services.e_trading_rate }}",
            ),
            w.s(
                P("受理群众诉求{{ hotline.received }}", required=True),
                "办结{{ hotline.closed }}",
                "按时办结率{{ hotline.on_time_rate }}",
                "群众满意率{{ hotline.satisfaction_rate }}",
                lead="用好12345政务服务便民热线，全年",
            ),
            w.s(
                "政法机关办理涉企案件{{ business.enterprise_cases }}",
                "为企业挽回经济损失{{ business.recovered_amount }}",
                "开展“送法进企业”活动{{ business.law_to_enterprise_events }}",
                "组织民营企业“法治体检”{{ business.legal_checkups }}",
                lead="全年",
            ),
        )
    )

    out.append("（三）健全依法行政制度体系，严格合法性审核")
    out.append(
        _para(
            w.s(
                "制定地方性法规和政府规章{{ legislation.local_regulations }}",
                "建设基层立法联系点{{ legislation.contact_points }}",
                lead="全年",
            ),
            w.fact("decision_catalog", or_gap=False),
            w.fact("major_decisions"),
            w.s(
                f"对{v.gov}行政规范性文件、重大行政决策和涉法事务进行合法性审核{{{{ legality.reviews }}}}",
                "审核重大合同和行政协议{{ legality.contract_reviews }}",
                "出具合法性审核意见建议{{ legality.opinions }}",
                "按时办结率{{ legality.review_on_time_rate }}",
                lead="全年",
            ),
            w.s(
                P("法律顾问、公职律师参与合法性审核{{ counsel.participations }}", required=True),
                "审核事项征求法律顾问、公职律师意见的比例{{ counsel.review_share }}",
            ),
            w.s(
                "制发行政规范性文件{{ legality.normative_docs_issued }}",
                "按规定报送备案{{ legality.normative_docs_filed }}",
                "报备率{{ legality.normative_filing_rate }}",
                "报备及时率{{ legality.normative_filing_timely_rate }}",
                "备案审查下级政府和部门行政规范性文件{{ legality.filing_reviews }}",
                "经审查纠正{{ legality.filing_corrections }}",
            ),
            w.s(
                P("清理行政规范性文件{{ legality.docs_cleaned }}", required=True),
                "废止或宣布失效{{ legality.docs_repealed }}",
            ),
            w.s(
                "聘请法律顾问{{ counsel.legal_advisers }}",
                "发展公职律师{{ counsel.public_lawyers }}",
                "配备法律顾问的村（社区）{{ counsel.advised_villages }}",
                lead="充分发挥法律顾问和公职律师作用，",
            ),
        )
    )

    out.append("（四）严格规范公正文明执法，强化行政执法监督")
    out.append(
        _para(
            gap("行政执法“三项制度”、行政裁量权基准和涉企行政检查的落实情况"),
            w.s(
                "办理行政处罚案件{{ enforcement.penalty_cases }}",
                "行政许可案件{{ enforcement.license_cases }}",
                "行政强制案件{{ enforcement.coercion_cases }}",
                lead=f"全年，{v.place}各级行政执法机关",
            ),
            w.s(
                P("适用“两轻一免”等柔性执法方式办理案件{{ enforcement.lenient_cases }}", required=True),
                "其中初次违法不予处罚{{ enforcement.first_offense_cases }}",
                lead="坚持处罚与教育相结合，",
            ),
            w.s(
                "行政处罚案件按期作出决定率{{ enforcement.on_time_decision_rate }}",
                "行政执法决定按时公示率{{ enforcement.on_time_publication_rate }}",
                lead="全年，",
            ),
            w.s(
                "赋予乡镇（街道）行政执法事项{{ enforcement.township_delegated_items }}",
                lead="深化基层综合行政执法改革，",
            ),
            w.s(
                "持证行政执法人员{{ enforcement.officers }}",
                "组织行政执法人员集中培训{{ enforcement.trainings }}",
                "培训{{ enforcement.officer_trainees }}",
                "考试通过率{{ enforcement.exam_pass_rate }}",
                lead="加强执法队伍建设，",
            ),
            w.s(
                "开展“双随机、一公开”抽查{{ enforcement.random_inspections }}",
                "检查市场主体{{ enforcement.random_inspected_entities }}",
            ),
            w.s(
                "组织开展行政执法案卷评查{{ enforcement.case_file_reviews }}",
                "案卷优秀率{{ enforcement.case_file_excellent_rate }}",
                "执法监督和专项整治发现问题{{ enforcement.issues_found }}",
                "整改到位{{ enforcement.issues_rectified }}",
                "整改率{{ enforcement.rectification_rate }}",
                end="，以监督倒逼执法质量提升。",
            ),
            w.s(
                P("行政执法监督平台生成预警{{ enforcement.warnings }}", required=True),
                "经执法单位说明或情形消除关闭{{ enforcement.warnings_closed }}",
                "关闭率{{ enforcement.warning_closed_rate }}",
                lead="运用执法数据开展监督，全年",
            ),
        )
    )

    out.append("（五）发挥行政复议化解行政争议主渠道作用，加强和规范行政应诉")
    out.append(
        _para(
            w.s(
                P("新收行政复议申请{{ reconsideration.received }}", required=True),
                "依法受理{{ reconsideration.accepted }}",
                "上年结转{{ reconsideration.carried_over }}",
                lead=f"全年，{v.place}各级行政复议机关",
            ),
            w.s(
                P("审结行政复议案件{{ reconsideration.correction_rate.denominator }}", required=True),
                "其中纠错{{ reconsideration.correction_rate.numerator }}、纠错率{{ reconsideration.correction_rate }}",
                "调解和解{{ reconsideration.mediation_rate.numerator }}、调解和解率{{ reconsideration.mediation_rate }}",
            ),
            w.s(
                P(
                    "已审结案件中有{{ reconsideration.settled_rate.numerator }}行政争议经复议后未再提起行政诉讼",
                    required=True,
                ),
                "案结事了率{{ reconsideration.settled_rate }}",
                end="，行政复议化解行政争议主渠道作用进一步发挥。",
            ),
            w.s(
                P("组织听证{{ reconsideration.head_hearing_rate.denominator }}", required=True),
                "行政机关负责人参加听证{{ reconsideration.head_hearing_rate.numerator }}",
                "参加率{{ reconsideration.head_hearing_rate }}",
                lead="推行行政复议听证，",
            ),
            w.s(
                P("发布行政复议典型案例{{ reconsideration.typical_cases_published }}", required=True),
                end="，以案释法、以案促改。",
            ),
        )
    )
    out.append(
        _para(
            # one basis per sentence: 一审 新收 and 审结 together, 二审 apart, 败诉率 over every judgment (the
            # catalog's, as on the dashboard) said to be so
            w.s(
                P("行政机关新收一审行政诉讼案件{{ litigation.cases }}", required=True),
                "审结一审案件{{ litigation.first_judged }}",
                lead=f"全年，{v.place}",
            ),
            w.s(P("法院审结二审案件{{ litigation.second_judged }}", required=True)),
            w.s(
                P("一审、二审合计审结{{ litigation.loss_rate.denominator }}", required=True),
                "其中行政机关败诉{{ litigation.loss_rate.numerator }}、败诉率{{ litigation.loss_rate }}",
            ),
            w.s(
                P(
                    "开庭审理的{{ litigation.head_appearance_rate.denominator }}案件中，行政机关负责人出庭应诉"
                    "{{ litigation.head_appearance_rate.numerator }}",
                    required=True,
                ),
                "出庭应诉率{{ litigation.head_appearance_rate }}",
            ),
        )
    )

    out.append("（六）坚持和发展新时代“枫桥经验”，推进矛盾纠纷多元化解")
    out.append(
        _para(
            w.s(
                "建有调解组织{{ mediation.organizations }}",
                "人民调解员{{ mediation.mediators }}",
                "开展调解员培训{{ mediation.trainings }}",
                lead=f"{v.place}",
            ),
            w.s(
                "组织矛盾纠纷排查{{ mediation.sweeps }}",
                P("排查调处各类矛盾纠纷{{ mediation.disputes }}", required=True),
                "调解成功{{ mediation.resolved }}",
                "调解成功率{{ mediation.success_rate }}",
                lead=f"全年，{v.place}",
            ),
            w.s(
                "开展诉前调解{{ mediation.pre_litigation }}",
                "出具司法确认书{{ mediation.judicial_confirmations }}",
                lead="深化诉源治理，",
            ),
            w.s(
                "登记信访事项{{ petitions.received }}",
                "按诉访分离导入诉讼、复议、仲裁等法定途径{{ petitions.routed }}",
                "按期告知率{{ petitions.notice_on_time_rate }}",
                "按期办结率{{ petitions.on_time_rate }}",
                "领导干部定期接待群众来访{{ petitions.leader_receptions }}",
                lead="依法分类处理信访诉求，",
            ),
            w.s(
                "建成公共法律服务中心{{ legal_services.centers }}",
                "工作站{{ legal_services.stations }}",
                "工作室{{ legal_services.rooms }}",
                lead=f"{v.place}",
            ),
            w.s(
                "提供法律咨询{{ legal_services.consultations }}",
                "办理公证案件{{ legal_services.notary_cases }}",
                "法律援助案件{{ legal_services.legal_aid_cases }}",
                "司法鉴定案件{{ legal_services.appraisal_cases }}",
                lead="全年",
            ),
        )
    )

    out.append("（七）深入开展法治宣传教育，营造浓厚法治氛围")
    out.append(
        _para(
            w.fact("publicity_duty"),
            w.fact("study_list", or_gap=False),
            w.s(
                "举办法治专题讲座{{ study.lectures }}",
                "培训各级干部{{ study.trainees }}",
                "组织国家工作人员学法用法考试{{ study.exams }}",
                "参考{{ study.exam_participants }}",
                "合格率{{ study.exam_pass_rate }}",
                lead="全年",
            ),
            w.fact("publicity_events"),
            w.s(
                "开展普法宣传活动{{ publicity.events }}",
                "受教育群众{{ publicity.audience }}",
                "发放宣传资料{{ publicity.materials }}",
                lead="全年",
            ),
            w.s(
                "刊播法治类新闻报道{{ publicity.media_items }}",
                "推送新媒体普法作品{{ publicity.online_items }}",
            ),
            w.s(
                "建成法治文化阵地{{ publicity.culture_sites }}",
                "培养“法律明白人”{{ governance.legal_literates }}",
                "培育学法用法示范户{{ governance.model_households }}",
                "创建民主法治示范村（社区）{{ governance.model_villages }}",
            ),
        )
    )

    out.append("（八）自觉接受监督，强化行政权力制约")
    out.append(
        _para(
            w.s(
                "办结人大代表建议{{ supervision.npc_suggestions }}",
                "政协委员提案{{ supervision.cppcc_proposals }}",
                "办结率{{ supervision.suggestion_completion_rate }}",
                "按期答复率{{ supervision.suggestion_on_time_rate }}",
                "代表委员满意率{{ supervision.suggestion_satisfaction_rate }}",
                lead="全年",
            ),
            w.s(
                "主动公开政府信息{{ disclosure.proactive_items }}",
                "解读政策性文件{{ disclosure.interpretations }}",
                "依法办理政府信息公开申请{{ disclosure.applications }}",
                "按期答复率{{ disclosure.on_time_rate }}",
                "回应群众关切{{ disclosure.responses }}",
                lead="深化政务公开，全年",
            ),
            w.s("因政府信息公开答复引发行政复议{{ disclosure.reviews }}、行政诉讼{{ disclosure.suits }}"),
        )
    )

    out.append("（九）依法预防处置突发事件，提升应急法治能力")
    out.append(
        _para(
            w.s(
                "修订完善应急预案{{ emergency.plans }}",
                "开展应急培训{{ emergency.trainees }}",
                lead="全年",
            ),
        )
    )
    return "\n".join(_fill(out))


def _target_shortfalls(w: _Writer, org) -> list[str]:
    """Targets of the year's work plan not met, each a sentence with the live figure."""
    from fazhi.indicators.targets import targets_for

    out = []
    for key, target in sorted(targets_for(org, w.year).items()):
        value = w.value(key)
        if value is None or target.met(value):
            continue
        name = display_name(key)
        text = f"{name}为{{{{ {key} }}}}，未达到{target.get_comparator_display()}{target.threshold.normalize():f}%的目标"
        # the target is the work plan's (indicators.targets): the sentence rests on it and on the figure
        w.backings.append(Backing(w.section, text, f"{w.year}年度工作目标：{name}"))
        out.append(text)
    return out


def _shortcomings(w: _Writer, org) -> str:
    """The shortfalls the records show (复议纠错, unmet targets, overdue cases, tasks and 整改); what they do not
    show, and the causes, are left to the author."""
    v, y = w.v, w.year
    points = []
    corrected = w.value("reconsideration.correction_rate")
    if corrected is not None and corrected >= 10:
        points.append(
            "部分行政行为被复议纠错，全年行政复议纠错率为{{ reconsideration.correction_rate }}，"
            "一些单位依法行政的能力和水平仍需提升"
        )
    shortfalls = _target_shortfalls(w, org)
    if shortfalls:
        points.append("部分工作目标未实现，" + "，".join(shortfalls))
    if w.value("reconsideration.overdue"):
        points.append(
            "行政复议办案质效有待提升，仍有{{ reconsideration.overdue }}行政复议案件超过法定期限未审结"
        )
    if w.value("plans.overdue"):
        points.append("工作要点任务推进不够平衡，仍有{{ plans.overdue }}任务分工超过完成时限未完成")
    if w.value("supervision.rectification_overdue"):
        points.append(
            "问题整改还不够到位，问题台账中仍有{{ supervision.rectification_overdue }}问题超过整改期限未整改到位"
        )
    ordinals = "一二三四五六七八九十"
    body = "；".join(f"{ordinals[i]}是{p}" for i, p in enumerate(points))
    first = (
        f"对照上级部署要求和人民群众期盼，{y}年{v.place}法治政府建设仍存在一些不足：{body}；"
        + gap("记录未反映的其他不足")
        if points
        else gap(f"{y}年法治政府建设存在的不足")
    )
    return "\n".join([first, gap("产生不足的原因")])


def _first_responsibility(w: _Writer) -> str:
    """The 第一责任人 duties, each from the records that show them (学法, 常务会议, 决策, 出庭, 述法)."""
    return "\n".join(
        [
            gap(f"{w.v.gov}主要负责人履行推进法治建设第一责任人职责的总体情况"),
            _para(
                "**一是带头学法尊法。**",
                w.fact("leader_study"),
                w.s(
                    "组织领导干部集体学法{{ study.leader_sessions }}",
                    "党政主要负责人讲法{{ study.heads_lecturing }}",
                    "组织领导干部旁听庭审{{ study.court_observations }}",
                    lead="全年",
                ),
                w.fact("court_observation", or_gap=False),
            ),
            _para(
                "**二是带头研究部署。**",
                w.s(
                    P("政府常务会议研究法治政府建设有关议题{{ study.executive_meetings }}", required=True),
                    lead="全年",
                )
                or gap("主持政府常务会议研究法治政府建设议题的情况"),
            ),
            _para(
                "**三是带头依法决策。**",
                w.s(
                    P(
                        "重大行政决策草案提交集体讨论前经合法性审查{{ legality.decision_reviews }}",
                        required=True,
                    ),
                    lead="全年",
                )
                or gap("重大行政决策履行法定程序的情况"),
            ),
            _para(
                "**四是带头接受监督。**",
                w.s(
                    P("行政机关负责人出庭应诉率{{ litigation.head_appearance_rate }}", required=True),
                    lead="全年",
                ),
                w.fact("shufa"),
            ),
        ]
    )


def _next_year(w: _Writer, org) -> str:
    """Section 四 from next year's work plan and targets; without a plan, left to the author."""
    from fazhi.indicators.targets import targets_for

    y = w.year + 1
    targets = targets_for(org, y)
    lines = [w.fact("next_year_plan", lead=f"{y}年，")]
    head = targets.get("litigation.head_appearance_rate")
    if head is not None:
        lines.append(
            w.own(
                f"{y}年行政机关负责人出庭应诉率的目标为{head.get_comparator_display()}{head.threshold.normalize():f}%。",
                f"{y}年度工作目标",
            )
        )
    return "\n".join(lines)


def _last_report(w: _Writer) -> str:
    """Last year's report, as published (the reports' own records), or the gap."""
    from fazhi.reports.models import AnnualReport, AnnualReportStatus

    prev = (
        AnnualReport.objects.filter(
            org=w.src.org, year=w.year - 1, status=AnnualReportStatus.PUBLISHED, published_on__isnull=False
        )
        .only("published_on", "public_url")
        .first()
    )
    if prev is None or prev.published_on is None:
        return gap(f"{w.year - 1}年度法治政府建设情况报告的报送和公开情况")
    d = prev.published_on
    return w.own(
        f"{w.year - 1}年度法治政府建设情况报告于{d.year}年{d.month}月{d.day}日向社会公开。",
        f"{w.year - 1}年度报告（已公开）",
        prev.public_url,
    )


def _fill(lines: list[str]) -> list[str]:
    """A sub-heading none of whose sentences the records back keeps its place with a gap for the author."""
    out = []
    for i, line in enumerate(lines):
        if line.strip():
            out.append(line)
        elif i and is_heading(lines[i - 1]):
            title = re.sub(r"^（[一二三四五六七八九十]+）", "", lines[i - 1])
            out.append(gap(f"“{title}”方面的工作情况"))
    return out


def is_heading(line: str) -> bool:
    return bool(re.match(r"^（[一二三四五六七八九十]+）", line)) and "。" not in line


def _other(w: _Writer) -> str:
    return publication_sentence(w.v, w.year, default_signed_on(w.year))


def default_header(org, year: int, *, today: date | None = None) -> dict[str, str]:
    v = Voice.of(org)
    signed = default_signed_on(year, today)
    return {
        "doc_header": f"{v.issuer}文件",
        "issuer": v.issuer,
        # The 发文字号 comes from the office's numbering when the report is published (services.assign_number);
        # the author may type one before.
        "doc_number": "",
        "signer": "",
        "addressee": v.addressee,
        "title": f"{v.issuer}关于{year}年度法治政府建设情况的报告",
        "signed_on": signed.isoformat(),
        # The opening asserts nothing the records do not show; the author adds the year's summary.
        "intro": f"现将{v.org_name}{year}年度法治政府建设情况报告如下：",
        "closing": "特此报告。",
        # 版记: the office that prints the document (印发日期 is the 成文日期 unless the author sets it).
        "print_office": f"{v.issuer}办公室",
    }


def generate(org, year: int, source: FigureSource | None = None, *, only: str | None = None) -> Draft:
    """The draft of `org`'s report on `year`; `only` regenerates one section."""
    source = source or FigureSource.for_year(org, year)
    w = _Writer(source, Voice.of(org), year, report_facts.collect(org, year))
    builders = {
        "measures_and_results": lambda: _measures(w),
        "shortcomings_and_causes": lambda: _shortcomings(w, org),
        "leaders_first_responsibility": lambda: _first_responsibility(w),
        "next_year_plan": lambda: _next_year(w, org),
        "other_matters": lambda: _other(w),
    }
    sections = {}
    for key in SECTION_KEYS if only is None else (only,):
        w.section = key
        sections[key] = builders[key]()
    return Draft(org, year, default_header(org, year), sections, w.notes, w.backings)
