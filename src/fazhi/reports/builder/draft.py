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

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.choices import OrgKind

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


@dataclass
class Draft:
    org: object
    year: int
    header: dict[str, str]
    sections: dict[str, str]
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class P:
    """A clause of a sentence; `required` clauses decide whether the sentence is written at all."""

    text: str
    required: bool = False


class _Writer:
    def __init__(self, source: FigureSource, voice: Voice, year: int):
        self.src = source
        self.v = voice
        self.year = year
        self.notes: list[Note] = []
        self.section = ""

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
            if p.required and not missing:
                missing = self._without_records(p.text)
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
        return lead + "，".join(p.text for p, _ in kept) + end

    def value(self, key: str, part: str = "value"):
        return self.src.raw(key, part)


def _para(*sentences: str) -> str:
    return "".join(s for s in sentences if s)


def _measures(w: _Writer) -> str:
    """一、主要举措和成效: one sub-heading per area of work, as the seeds do; each paragraph a few fixed sentences
    on what the office does every year and the sentences whose figures exist."""
    v, y = w.v, w.year
    out = []

    out.append("（一）坚持党的领导，健全法治政府建设推进机制")
    out.append(
        _para(
            f"{v.gov}坚持把法治政府建设作为全面依法治{v.level}的主体工程，纳入经济社会发展总体规划和年度工作计划，"
            "与经济社会发展同部署、同推进、同督促、同考核。",
            "**一是压紧压实法治建设责任。**严格落实党政主要负责人履行推进法治建设第一责任人职责规定，"
            f"制定{y}年度法治政府建设工作要点，将各项任务细化分解，逐项明确责任单位和完成时限。",
            "**二是发挥督察考评推动作用。**将法治政府建设纳入法治建设考评和领导班子、领导干部年度考核，"
            "组织开展法治政府建设督察，对督察发现的问题建立台账、跟踪整改、逐项销号。",
            w.s(
                P("开展法治督察和政府督查{{ supervision.inspections }}", required=True),
                "覆盖单位{{ supervision.inspected_units }}",
                "对落实不力的单位负责人开展约谈{{ supervision.interviews }}",
                lead="全年",
            ),
            w.s(
                "督察发现问题{{ supervision.problems_found }}",
                "已整改销号{{ supervision.problems_rectified }}",
                P("整改率{{ supervision.rectification_rate }}", required=True),
                lead="督察、评查和司法建议、检察建议等发现的问题全部纳入问题台账，",
            ),
            f"**三是严格落实年度报告制度。**按照{REGULATION}要求，按时向{v.superior}报告上一年度法治政府建设情况，"
            "并通过政府门户网站向社会公开，接受人民群众监督。",
        )
    )

    out.append("（二）深化“放管服”改革，依法全面履行政府职能")
    out.append(
        _para(
            "持续深化简政放权、放管结合、优化服务改革，动态调整权责清单和行政许可事项清单，"
            "推进政务服务“一网通办”和“高效办成一件事”。",
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
            "持续优化法治化营商环境，依法平等保护各类市场主体合法权益。",
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
            "坚持立改废释并举，加强重点领域、新兴领域立法和政府规章制定。",
            w.s(
                "制定地方性法规和政府规章{{ legislation.local_regulations }}",
                "建设基层立法联系点{{ legislation.contact_points }}",
                lead="全年",
            ),
            "严格落实《重大行政决策程序暂行条例》，公布年度重大行政决策事项目录，决策草案一律经合法性审查，"
            "做到“应审必审”。严格行政规范性文件制定和监督管理，落实合法性审核、集体审议和备案审查制度，"
            "做到“有件必备、有备必审、有错必纠”。",
            w.s(
                f"对{v.gov}行政规范性文件、重大行政决策和涉法事务进行合法性审核{{{{ legality.reviews }}}}",
                "审核重大合同和行政协议{{ legality.contract_reviews }}",
                "出具合法性审核意见建议{{ legality.opinions }}",
                lead="全年",
            ),
            w.s(
                "制发行政规范性文件{{ legality.normative_docs_issued }}",
                "按规定报送备案{{ legality.normative_docs_filed }}",
                "备案审查下级政府和部门行政规范性文件{{ legality.filing_reviews }}",
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
            "深入实施提升行政执法质量三年行动，全面落实行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”，"
            "推行行政裁量权基准制度，规范涉企行政检查。",
            w.s(
                "办理行政处罚案件{{ enforcement.penalty_cases }}",
                "行政许可案件{{ enforcement.license_cases }}",
                "行政强制案件{{ enforcement.coercion_cases }}",
                lead=f"全年，{v.place}各级行政执法机关",
            ),
            w.s(
                P("适用“两轻一免”等柔性执法方式办理案件{{ enforcement.lenient_cases }}", required=True),
                lead="坚持处罚与教育相结合，",
            ),
            w.s(
                "赋予乡镇（街道）行政执法事项{{ enforcement.township_delegated_items }}",
                lead="深化基层综合行政执法改革，",
            ),
            w.s(
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
                "执法监督和专项整治发现问题{{ enforcement.issues_found }}",
                "整改到位{{ enforcement.issues_rectified }}",
                "整改率{{ enforcement.rectification_rate }}",
                end="，以监督倒逼执法质量提升。",
            ),
        )
    )

    out.append("（五）发挥行政复议化解行政争议主渠道作用，加强和规范行政应诉")
    out.append(
        _para(
            "深入贯彻新修订的《中华人民共和国行政复议法》，畅通复议申请渠道，推行繁简分流和调解和解，"
            "充分发挥行政复议公正高效、便民为民的制度优势。",
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
            "健全行政机关负责人出庭应诉制度，加强行政应诉提醒督办，推动行政争议实质性化解。",
            w.s(
                P("行政机关新收一审行政诉讼案件{{ litigation.cases }}", required=True),
                lead=f"全年，{v.place}",
            ),
            w.s(
                P("审结行政诉讼案件{{ litigation.loss_rate.denominator }}", required=True),
                "其中败诉{{ litigation.loss_rate.numerator }}、败诉率{{ litigation.loss_rate }}",
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
            "健全人民调解、行政调解、司法调解联动工作体系，常态化开展矛盾纠纷排查化解，推进信访工作法治化。",
            w.s(
                "建有调解组织{{ mediation.organizations }}",
                "人民调解员{{ mediation.mediators }}",
                "开展调解员培训{{ mediation.trainings }}",
                lead=f"{v.place}",
            ),
            w.s(
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
                lead="依法分类处理信访诉求，",
            ),
            "加快推进公共法律服务体系建设，",
            w.s(
                "建成公共法律服务中心{{ legal_services.centers }}",
                "工作站{{ legal_services.stations }}",
                "工作室{{ legal_services.rooms }}",
                lead=f"{v.place}",
            )
            or "推动公共法律服务向基层延伸。",
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
            "全面落实“谁执法谁普法”普法责任制，深入开展宪法宣传周、民法典宣传月等主题活动，"
            "落实国家工作人员学法用法和领导干部应知应会法律法规清单制度。",
            w.s(
                "举办法治专题讲座{{ study.lectures }}",
                "培训各级干部{{ study.trainees }}",
                "组织国家工作人员学法用法考试{{ study.exams }}",
                "参考{{ study.exam_participants }}",
                "合格率{{ study.exam_pass_rate }}",
                lead="全年",
            ),
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
            "推进“法律明白人”培养工程和民主法治示范村（社区）创建，",
            w.s(
                "培养“法律明白人”{{ governance.legal_literates }}",
                "培育学法用法示范户{{ governance.model_households }}",
                "创建民主法治示范村（社区）{{ governance.model_villages }}",
            )
            or "全社会尊法学法守法用法氛围日益浓厚。",
        )
    )

    out.append("（八）自觉接受监督，强化行政权力制约")
    out.append(
        _para(
            f"自觉接受{v.level}人大及其常委会的法律监督和{v.level}政协的民主监督，支持人民法院依法受理和审理行政案件，"
            "认真落实司法建议、检察建议。",
            w.s(
                "办结人大代表建议{{ supervision.npc_suggestions }}",
                "政协委员提案{{ supervision.cppcc_proposals }}",
                "办结率{{ supervision.suggestion_completion_rate }}",
                lead="全年",
            ),
            "深化政务公开，",
            w.s(
                "主动公开政府信息{{ disclosure.proactive_items }}",
                "解读政策性文件{{ disclosure.interpretations }}",
                "依法办理政府信息公开申请{{ disclosure.applications }}",
                "回应群众关切{{ disclosure.responses }}",
                lead="全年",
            )
            or "依法及时公开政府信息，回应社会关切。",
        )
    )

    out.append("（九）依法预防处置突发事件，提升应急法治能力")
    out.append(
        _para(
            "健全突发事件应对体系，完善应急预案和监测预警、信息报告、应急响应机制，依法有序开展风险隐患排查和应急处置。",
            w.s(
                "修订完善应急预案{{ emergency.plans }}",
                "开展应急培训{{ emergency.trainees }}",
                lead="全年",
            ),
        )
    )
    return "\n".join(out)


def _target_shortfalls(w: _Writer, org) -> list[str]:
    """Targets of the year's work plan not met, each a sentence with the live figure."""
    from fazhi.indicators.targets import targets_for

    out = []
    for key, target in sorted(targets_for(org, w.year).items()):
        value = w.value(key)
        if value is None or target.met(value):
            continue
        name = display_name(key)
        out.append(
            f"{name}为{{{{ {key} }}}}，未达到{target.get_comparator_display()}{target.threshold.normalize():f}%的目标"
        )
    return out


def _shortcomings(w: _Writer, org) -> str:
    v, y = w.v, w.year
    points = [
        "法治建设责任落实还不够平衡，个别部门和乡镇（街道）对法治政府建设重视程度不够，"
        "存在重业务轻法治的现象，统筹推进的力度有待加大",
        "行政执法规范化水平有待提高，基层执法力量相对薄弱，执法人员能力素质与新形势新任务要求还有差距",
    ]
    corrected = w.value("reconsideration.correction_rate")
    if corrected is not None and corrected >= 10:
        points.append(
            "部分行政行为被复议纠错，全年行政复议纠错率为{{ reconsideration.correction_rate }}，"
            "反映出一些单位依法行政的能力和水平仍需提升"
        )
    shortfalls = _target_shortfalls(w, org)
    if shortfalls:
        points.append("行政应诉工作仍有短板，" + "，".join(shortfalls))
    overdue = w.value("reconsideration.overdue")
    if overdue:
        points.append(
            "行政复议办案质效有待提升，仍有{{ reconsideration.overdue }}行政复议案件超过法定期限未审结"
        )
    points.append("法治宣传教育的针对性和实效性有待增强，群众参与的广度和深度还不够")
    ordinals = "一二三四五六七八九十"
    body = "；".join(f"{ordinals[i]}是{p}" for i, p in enumerate(points)) + "。"
    return "\n".join(
        [
            f"{y}年，{v.place}法治政府建设虽然取得了新进展新成效，但对照上级部署要求和人民群众期盼，仍存在一些不足：{body}",
            "产生这些问题的原因，主要是：一些领导干部运用法治思维和法治方式推动工作的意识和能力还不够强；"
            "法治工作机构和队伍力量与承担的任务不相匹配；督察考核的激励约束作用发挥还不够充分，"
            "推进法治政府建设的制度机制还需进一步健全。",
        ]
    )


def _first_responsibility(w: _Writer) -> str:
    v, y = w.v, w.year
    return "\n".join(
        [
            f"{v.gov}主要负责人认真履行推进法治建设第一责任人职责，坚持把法治政府建设摆在全局工作的突出位置，"
            "做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。",
            _para(
                f"**一是带头学法尊法。**坚持政府常务会议会前学法制度，带头学习习近平法治思想和宪法、行政复议法等法律法规，"
                f"推动{v.place}各级领导干部提升运用法治思维和法治方式深化改革、推动发展、化解矛盾、维护稳定的能力。",
                w.s(
                    "组织领导干部集体学法{{ study.leader_sessions }}",
                    "党政主要负责人讲法{{ study.heads_lecturing }}",
                    "组织领导干部旁听庭审{{ study.court_observations }}",
                    lead="全年",
                ),
            ),
            _para(
                "**二是带头研究部署。**主持召开政府常务会议听取法治政府建设、行政复议和行政应诉等工作情况汇报，"
                f"研究解决法治政府建设中的重大问题，审定{y}年度法治政府建设工作要点，确保各项任务落地见效。",
                w.s(
                    P("政府常务会议研究法治政府建设有关议题{{ study.executive_meetings }}", required=True),
                    lead="全年",
                ),
            ),
            "**三是带头依法决策。**严格执行重大行政决策法定程序，坚持重大行政决策合法性审查和集体讨论决定，"
            "未经合法性审查或经审查不合法的，不提交会议讨论。",
            _para(
                "**四是带头接受监督。**支持和督促政府部门负责人出庭应诉，认真落实人民法院司法建议和检察机关检察建议，"
                "自觉接受人大监督、政协监督和社会监督，带头开展年度述法。",
                w.s(
                    P("行政机关负责人出庭应诉率{{ litigation.head_appearance_rate }}", required=True),
                    lead="全年",
                ),
            ),
        ]
    )


def _next_year(w: _Writer, org) -> str:
    from fazhi.indicators.targets import targets_for

    v, y = w.v, w.year + 1
    targets = targets_for(org, y)
    head = targets.get("litigation.head_appearance_rate")
    head_text = (
        f"行政机关负责人出庭应诉率{head.get_comparator_display()}{head.threshold.normalize():f}%"
        if head
        else ""
    )
    return "\n".join(
        [
            f"{y}年，{v.gov}将坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
            f"全面落实{v.superior}关于法治政府建设的决策部署，重点抓好以下工作：",
            "一是进一步压实法治建设责任。推动各级党政主要负责人切实履行推进法治建设第一责任人职责，"
            "完善法治督察、考评和述法工作机制，严格落实法治政府建设年度报告制度，确保年度报告按时公开。",
            "二是进一步提升依法行政制度建设质量。严格落实重大行政决策程序，加强行政规范性文件合法性审核和备案审查，"
            "推进行政规范性文件清理常态化。",
            "三是进一步促进严格规范公正文明执法。深化行政执法体制改革，全面落实行政执法“三项制度”，"
            "加强重点领域执法监督和案卷评查，提升基层综合执法能力。",
            "四是进一步发挥行政复议主渠道作用。坚持“应收尽收”“应调尽调”“应纠尽纠”，加强和规范行政应诉工作"
            + (f"，{head_text}" if head_text else "")
            + "。",
            "五是进一步推进矛盾纠纷多元化解和法治宣传教育。坚持和发展新时代“枫桥经验”，"
            "健全“三调联动”工作体系，深入开展法治宣传教育，夯实法治社会建设基础。",
        ]
    )


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
        "intro": (
            f"{year}年，在{v.superior}的坚强领导下，{v.org_name}坚持以习近平新时代中国特色社会主义思想为指导，"
            "全面贯彻党的二十大和二十届历次全会精神，深入学习贯彻习近平法治思想，"
            "认真落实《法治政府建设实施纲要（2021—2025年）》，围绕推进政府各项工作法治化，"
            f"扎实推进依法行政，{v.place}法治政府建设取得新的进展和成效。现将有关情况报告如下："
        ),
        "closing": "特此报告。",
        # 版记: the office that prints the document (印发日期 is the 成文日期 unless the author sets it).
        "print_office": f"{v.issuer}办公室",
    }


def generate(org, year: int, source: FigureSource | None = None, *, only: str | None = None) -> Draft:
    """The draft of `org`'s report on `year`; `only` regenerates one section."""
    source = source or FigureSource.for_year(org, year)
    w = _Writer(source, Voice.of(org), year)
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
    return Draft(org, year, default_header(org, year), sections, w.notes)
