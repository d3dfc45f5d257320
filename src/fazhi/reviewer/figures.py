"""Figures of the indicator catalog stated for the report's whole jurisdiction and year.

How a report states a figure: subject + verb + object + number + unit, in one clause
("全州各级行政复议机关 | 受理 | 行政复议案件 | 206 | 件"), sometimes with the number first and the verb at the
end ("对 | 77 | 件 | 市政府行政规范性文件 | 进行了合法性审核"), and rates right after their name
("纠错率 | 15.8%"). Generic verbs ("已审结184件", "成功率达100%") take their subject matter from the nearest
topic named earlier in the sentence ("行政复议 …, 已审结184件").

Each catalog key has rules: a keyword pattern that must end right before the number (only filler such as
"共" "达到" "(含结转)" between), the units it takes, the topic it needs, words that rule it out. A figure is
then dropped when the text shows it is not the jurisdiction's figure for the year:
- in the next-year plan section, or stated as a target (力争, 不低于, a later year …);
- cumulative over several years (自开通以来, 近三年, 2019年以来 …);
- for a part of the jurisdiction (市本级, 市直, a named 局, the courts);
- a previous year's figure or a change (上年, 同比, 2022年 …).
The first remaining figure of each key wins (reports give the total before its breakdown).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .numbers import DIGITS_RE, Quantity, find_quantities

# ---------------------------------------------------------------------------------------------------------
# Catalog


@cache
def catalog() -> dict[str, dict]:
    """The indicator catalog shipped with the indicators app (key → {zh, unit, …})."""
    with resources.files("fazhi.indicators").joinpath("catalog.yaml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loaders


# The figures the reviewer reads and `fazhi review --json` reports: the keys of the seed catalog
# (shared/indicators/catalog.yaml). The catalog of the indicators app has grown since (form figures, study,
# casework details); those keys are not the reviewer's contract, so nothing here iterates the catalog itself.
REVIEWED_KEYS: tuple[str, ...] = (
    "reconsideration.received",
    "reconsideration.concluded",
    "reconsideration.corrected",
    "reconsideration.correction_rate",
    "reconsideration.mediated",
    "reconsideration.mediation_rate",
    "reconsideration.settled_rate",
    "litigation.cases",
    "litigation.head_appearance_rate",
    "mediation.disputes",
    "mediation.resolved",
    "mediation.success_rate",
    "hotline.received",
    "hotline.closed",
    "hotline.satisfaction_rate",
    "enforcement.penalty_cases",
    "enforcement.license_cases",
    "enforcement.coercion_cases",
    "enforcement.lenient_cases",
    "enforcement.case_file_reviews",
    "legality.reviews",
    "legality.normative_docs_filed",
    "legality.filing_reviews",
    "legal_services.notary_cases",
    "legal_services.legal_aid_cases",
    "legal_services.appraisal_cases",
    "supervision.npc_suggestions",
    "supervision.cppcc_proposals",
    "supervision.suggestions_total",
    "disclosure.proactive_items",
    "disclosure.applications",
)


# ---------------------------------------------------------------------------------------------------------
# Rules

CASE_UNITS = frozenset({"件", "宗", "起", "个", "件次"})
DOC_UNITS = frozenset({"件", "份", "个", "项", "部", "篇"})
ITEM_UNITS = frozenset({"件", "条", "份", "个", "项"})
FILE_REVIEW_UNITS = frozenset({"宗", "件", "份", "卷", "本", "个"})
# A legality or filing review is counted once per document or decision, so "合法性审查13次" is 13 reviews (the
# catalog's count unit: 件/宗/次/条/人/项).
REVIEW_UNITS = DOC_UNITS | {"次", "件次"}

# What may stand between a keyword and its number.
FILLER = (
    r"(?:\s|共|共计|合计|总计|累计|计|达|达到|为|是|有|约|近|超|超过|逾|分别为|分别是|已达|已|增至|增加到|升至|"
    r"提升至|提升到|提高至|提高到|上升至|上升到|下降至|下降到|降至|降低至|降低到|减少至|减少到|回落至|"
    r"保持在|稳定在|保持|实现|均|全部|\([^()]{0,14}\)|各类|"
    r"连续[一二两三四五六七八九十\d]{1,2}年|继续|持续|始终|"
    r"件数|数量|案件数|总数|总量|数|案件|案|了|的|等)*"
)

# A service hotline: 12345, or a city's own citizen hotline named by its 4–5 digit number ("8890诉求",
# "6890热线", "8890平台"). The national sector lines (123xx/121xx: 12348 legal services, 12315 consumer
# complaints, 12333 social security …) are other bodies' lines, never the 12345 figures.
SECTOR_LINE = r"(?<![\d.])12(?!345)[0-3]\d\d(?![\d.])"
LOCAL_LINE = r"(?<![\d.])(?!12)\d{4,5}(?![\d.])(?=(?:热线|诉求|工单|平台|专线))"
NOT_A_COUNT = r"(?![余多万千亿]?[件宗起项条份个人名次通单%])"  # "12089件" is a count, not a line
TOPIC_PATTERNS = {
    # listed first so that "12348公共法律服务热线" is one mention, not a 热线 of the hotline topic
    "sector_line": SECTOR_LINE + r"(?:[\u4e00-\u9fff“”\"]{0,10}?(?:热线|平台|专线)|" + NOT_A_COUNT + ")",
    "reconsideration": r"行政复议|复议",
    "litigation": r"行政应诉|出庭应诉|应诉|行政诉讼",
    "court": r"法院|审判机关|检察院|检察机关|公安机关",
    # "调解案件/调解件数/调解成立": the wording of 乡镇市调解 statistics (Taiwan) and of some county summaries
    "mediation": r"矛盾纠纷|纠纷|人民调解|调解组织|调解员|调委会|三调|调解(?:案件|件数|成立|委员会)",
    "petition": r"信访",  # its own 受理 and 满意率, never the hotline's
    "hotline": r"12345|热线|接诉即办|市长信箱|政务服务便民|" + LOCAL_LINE + r"(?:热线|诉求|工单|平台|专线)",
    # grid management (网格化): its events and their 办结 are not the hotline's, though the two are often joined
    "grid": r"网格(?:事件|员|化|中心|平台)",
    "legal_services": r"公证|法律援助|司法鉴定|公共法律服务",
    "supervision": r"人大代表|政协委员|代表建议|委员提案|提案",
    "disclosure": r"政务公开|信息公开|政府信息",
    "legality": r"合法性审[核查]|备案审查|规范性文件|重大行政决策",
    "enforcement": r"行政执法|执法|行政处罚|行政许可|行政强制",
}
_TOPIC_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in TOPIC_PATTERNS.items()))


@dataclass(frozen=True, eq=False)  # one object per rule: identity is equality, hashing is cheap
class Rule:
    key: str
    kind: str  # "count" or "percent"
    keyword: str  # regex; must end right before the number (FILLER between)
    units: frozenset[str] | None = None  # for counts
    topics: frozenset[str] | None = None  # the nearest topic must be one of these
    not_topics: frozenset[str] = frozenset()
    reject: str | None = None  # regex on the clause up to the number
    context: str | None = None  # regex that must occur in the clause of the number
    context_in_sentence: bool = False  # … or anywhere earlier in its sentence
    context_reach: int = 0  # … or in as many characters before its sentence (a heading, the sentence before)
    priority: int = 1  # higher wins when several rules claim the same number
    strength: int = 1  # 0: weak wording ("收到申请"), used for its key only when nothing else is stated
    forward: str | None = None  # regex on the text after the number ("对77件文件进行了合法性审核")
    # A generic name ("满意率", "成功率") takes its topic from its own sentence only: the sentence before may
    # be about another matter, and a subject named in between ("好差评", "测评") is what it measures.
    own_sentence_topic: bool = False
    # The sentence names a sub-activity whose counts these are ("“法治体检”…审查合同1239份"), not the matter's.
    sentence_reject: str | None = None


def _r(key, kind, keyword, **kw) -> Rule:
    for name in ("units", "topics", "not_topics"):
        if name in kw and kw[name] is not None:
            kw[name] = frozenset(kw[name])
    return Rule(key, kind, keyword, **kw)


REC = {"reconsideration"}
# A campaign for enterprises ("法治体检", lawyers visiting firms) reviews their contracts: not the government's
# legality reviews.
SUB_ACTIVITY = r"法治体检|体检|律师[^,;。]{0,8}(?:走访|深入|进)|走访企业|为(?:民营|中小|小微)?企业"
# Suggestions and proposals as they arrive ("收到…移交办理的建议提案593件", "交办政协提案111件") are not yet
# handled: the catalog counts those 办结.
RECEIVED_FOR_HANDLING = r"收到|移交|(?<!承)交办|转交"
# A department that handles the tickets the hotline sends it ("我局…共办理政府12345热线47件,…满意率均达100%")
# states its own share of the hotline's work: the hotline is the object of its 办理, and the figures of that sentence
# are not the hotline's. (A town's or county's own report states its jurisdiction's share: that is its figure.)
HOTLINE_ASSIGNEE = re.compile(
    r"(?:办理|承办|答复|处理|回复)(?:了)?(?:上级|省|市|县|区|政府|政务服务|便民)*(?:12345|热线)"
)
DEPARTMENT_SELF = re.compile(r"我局|本局|我委|本委|我办|本办")
LENIENT_WORDS = r"两轻一免|首违不罚|轻微免罚|轻微违法|不予(?:行政)?处罚|免予(?:行政)?处罚|柔性执法|包容审慎|从轻|减轻(?:行政)?处罚|免罚|轻罚"

# A committee for one kind of dispute (医疗纠纷调解委员会, 交通事故纠纷调委会 …): its counts are a part of the
# jurisdiction's mediation, not its total.
SPECIALISED_MEDIATION = (
    r"(?:医疗|医患|交通事故|道路交通|劳动(?:争议)?|物业|婚姻家庭|消费|旅游|知识产权|金融|征地拆迁)纠纷?"
    r"(?:人民)?(?:调解(?:组织|委员会|中心|工作室)|调委会)"
)

RULES: tuple[Rule, ...] = (
    # 行政复议
    _r(
        "reconsideration.received",
        "count",
        r"(?:受理|新收|收案|立案)(?:了)?[^,;。]{0,10}?复议(?:申请|案件|案)?|复议(?:申请|案件)?(?:受理|新收|收案)(?:量|数)?",
        units=CASE_UNITS,
        reject=r"结转|上年|旧存|审结|办结|不予",
    ),
    _r(
        "reconsideration.received",
        "count",
        r"(?:受理|新收|收案)(?:了)?(?:各类)?(?:申请|案件)?",
        units=CASE_UNITS,
        topics=REC,
        priority=0,
        reject=r"结转|上年|旧存|不予",
    ),
    # "收到申请1113件" before "受理1033件": what arrived is not what was accepted; "办理" counts carried-over
    # cases too. Both only count when nothing better is stated.
    _r(
        "reconsideration.received",
        "count",
        r"(?:收到|接收|登记|办理)(?:了)?[^,;。]{0,10}?复议(?:案件)?(?:申请|案件)?|复议案件(?:总量|总数|数量)",
        units=CASE_UNITS,
        reject=r"结转|上年|旧存|审结|办结|不予",
        strength=0,
    ),
    _r(
        "reconsideration.concluded",
        "count",
        r"(?:审结|办结|结案|审理终结|作出(?:复议)?决定)(?:了)?(?:的)?(?:各类)?(?:行政)?(?:复议)?(?:申请|案件)?",
        units=CASE_UNITS,
        topics=REC,
        reject=r"结转|上年|旧存",
    ),
    _r(
        "reconsideration.corrected",
        "count",
        r"(?:直接)?(?:纠错|纠正)(?:违法或不当(?:行政)?行为)?(?:决定|案件)?",
        units=CASE_UNITS,
        topics=REC,
    ),
    _r(
        "reconsideration.correction_rate",
        "percent",
        r"(?:直接)?(?:纠错|纠正)率",
        not_topics={"litigation", "court"},
        reject=r"诉讼|一审|法院",
    ),
    _r(
        "reconsideration.mediated",
        "count",
        # "调解终止19件", "调解或因和解终止结案19件": closed by a mediation, counted as its kind, not as 终止.
        r"调解(?:、)?和解(?:结案|方式结案)?|和解|调解(?:结案)?|(?:调解|和解)(?:或|、)?(?:因)?(?:调解|和解)?终止(?:结案)?"
        r"|(?:以|通过)调解(?:、|和)?(?:和解)?(?:等)?(?:方式)?(?:结案|办结|化解)",
        units=CASE_UNITS,
        topics=REC,
    ),
    _r("reconsideration.mediation_rate", "percent", r"调解(?:、)?和解率|调解率|和解率|调撤率", topics=REC),
    _r("reconsideration.settled_rate", "percent", r"案结事了率", not_topics={"mediation", "hotline"}),
    # 行政应诉
    _r(
        "litigation.cases",
        "count",
        r"(?:行政)?应诉案件|(?:一审)?行政诉讼案件|(?:被诉|被起诉)(?:的)?(?:行政)?案件|行政应诉",
        units=CASE_UNITS,
        reject=r"法院[^,;。]{0,4}(?:审结|受理|判决)|败诉|胜诉|撤诉",
    ),
    _r(
        "litigation.cases",
        "count",
        r"(?:参加|办理|发生|收到|新收|受理)(?:各类)?(?:一审)?(?:行政)?(?:诉讼|应诉)?案件",
        units=CASE_UNITS,
        topics={"litigation"},
        priority=0,
    ),
    _r("litigation.head_appearance_rate", "percent", r"出庭(?:应诉)?率|出庭应诉比例"),
    # 矛盾纠纷
    _r(
        "mediation.disputes",
        "count",
        r"(?:排查|调处|化解|调解|受理|摸排)[^,;。]{0,8}?纠纷(?:案件)?|矛盾纠纷|各类纠纷|受理(?:的)?(?:民间)?调解(?:案件)?",
        units=CASE_UNITS,
        # "成功调处…纠纷N件" is what was settled (mediation.resolved); a specialised committee's own count is a part.
        reject=r"诉前|法院|仲裁|司法确认|成功(?:调处|调解|化解)|" + SPECIALISED_MEDIATION,
        not_topics={"reconsideration", "court"},
    ),
    _r(
        "mediation.disputes",
        "count",
        r"(?:排查|摸排|受理|调处|调解)(?:各类)?(?:案件)?",
        units=CASE_UNITS,
        topics={"mediation"},
        priority=0,
        reject=r"诉前|法院|仲裁|司法确认|成功(?:调处|调解|化解)|" + SPECIALISED_MEDIATION,
    ),
    _r(
        "mediation.resolved",
        "count",
        r"(?:化解|调处|调解)成功|成功(?:调解|调处|化解)(?:了)?(?:各类|民间)?(?:矛盾)?(?:纠纷)?|(?:化解|调结)(?:各类)?(?:案件)?|调解成立(?:案件|案)?",
        units=CASE_UNITS,
        topics={"mediation"},
        reject=r"诉前|法院|仲裁|司法确认",
    ),
    _r(
        "mediation.success_rate",
        "percent",
        # "调处率" is the share of disputes handled (调处/发生), not of those settled: not this figure. A 化解率 named
        # for where disputes end ("基层一线化解率", "源头化解率", "就地化解率") is the share settled there, a part.
        r"(?:调解|调处|化解)成功率|(?<!一线)(?<!基层)(?<!源头)(?<!就地)(?<!属地)(?<!诉前)(?<!实质性)化解率",
        not_topics={"reconsideration", "court"},
    ),
    _r("mediation.success_rate", "percent", r"成功率|成立率", topics={"mediation"}, own_sentence_topic=True),
    # 12345 热线
    _r(
        "hotline.received",
        "count",
        r"(?:受理|接听|接收|收到|接到|办理|转办|承办|服务)[^,;。]{0,8}?(?:诉求|工单|来电|来件|事项|问题|办件)"
        r"|(?:话务量|来电量|工单量|诉求量|受理量)",
        units=frozenset({"件", "个", "条", "件次", "次", "单", "通"}),
        topics={"hotline"},
    ),
    _r(
        "hotline.received",
        "count",
        r"(?:受理|接听|接收|接到|办理)(?:各类)?",
        units=frozenset({"件", "个", "条", "件次", "单", "通"}),
        topics={"hotline"},
        priority=0,
        reject=r"办结|按时|按期",
    ),
    _r(
        "hotline.closed",
        "count",
        r"办结|办理完结|已办结|办理完毕",
        units=frozenset({"件", "个", "条", "件次", "单"}),
        topics={"hotline"},
    ),
    _r(
        "hotline.satisfaction_rate",
        "percent",
        r"满意率|满意度",
        topics={"hotline"},
        reject=r"回访率|按时",
        own_sentence_topic=True,
    ),
    # 行政执法
    _r(
        "enforcement.lenient_cases",
        "count",
        r"(?:行政处罚|处罚)?(?:案件|案|决定)|(?:" + LENIENT_WORDS + r")",
        units=CASE_UNITS,
        context=LENIENT_WORDS,
        priority=2,
        forward=r"^[^,;。]{0,16}?(?:依法)?(?:不予(?:行政)?处罚|免予(?:行政)?处罚|免罚|从轻(?:或减轻)?(?:行政)?处罚|减轻(?:行政)?处罚)",
    ),
    _r(
        "enforcement.penalty_cases",
        "count",
        r"行政处罚(?:案件|决定书|决定|案)|处罚案件|(?:办理|查处|作出)[^,;。]{0,6}?(?:行政)?处罚(?:案件|决定)"
        r"|(?:实施|作出|做出|办理|查处)(?:各类|一般程序)?行政处罚",  # "实施行政处罚3012起"
        units=CASE_UNITS | {"份"},
        reject=LENIENT_WORDS,
    ),
    _r(
        "enforcement.license_cases",
        "count",
        r"行政许可(?:案件|事项|申请|决定|件)?|(?:办理|受理|作出)[^,;。]{0,4}?许可(?:案件|决定|事项)",
        units=CASE_UNITS,
        reject=r"清单|目录|权责",
    ),
    _r(
        "enforcement.coercion_cases",
        "count",
        r"行政强制(?:案件|措施|执行)?",
        units=CASE_UNITS | {"次"},
        reject=r"清单|目录|权责",
    ),
    _r(
        "enforcement.case_file_reviews",
        "count",
        r"案卷评查|评查(?:行政执法|执法)?(?:案卷|卷宗|案件)|(?:抽查|评查)[^,;。]{0,6}?案卷",
        units=FILE_REVIEW_UNITS,
    ),
    # "评查执法案卷320件次": 件次/卷次 count files. A bare 次 counts rounds of review ("开展叶城县行政案卷评查3次",
    # left out of seed 003's labels), even with the files as the object ("组织评查执法案卷3次").
    _r(
        "enforcement.case_file_reviews",
        "count",
        r"(?:评查|抽查)(?:了)?[^,;。]{0,6}?(?:案卷|卷宗)",
        units=frozenset({"件次", "卷次"}),
    ),
    # 合法性审核与备案
    _r(
        "legality.normative_docs_filed",
        "count",
        r"(?:报备|报送备案|提请备案|报请备案|上报备案|(?:向|报送)[^,;。]{1,12}?备案)[^,;。]{0,14}?(?:规范性文件|文件|规章)?",
        units=DOC_UNITS,
        priority=2,
        reject=r"备案审查|审查备案",
        forward=r"^[^,;。]{0,24}?(?:规范性文件|文件|规章)[^,;。]{0,6}?(?:报备|报送备案|提请备案|报请备案|上报备案|备案)(?!审)",
    ),
    _r(
        "legality.filing_reviews",
        "count",
        r"(?:备案审查|审查备案|备案审核|接收备案|收到备案|登记备案)[^,;。]{0,20}?(?:规范性文件|文件)?",
        units=REVIEW_UNITS,
        priority=2,
        forward=r"^[^,;。]{0,24}?(?:规范性文件|文件)[^,;。]{0,6}?(?:进行(?:了)?)?(?:备案审查|审查备案)",
    ),
    _r(
        "legality.reviews",
        "count",
        r"合法性(?:审核|审查)(?:把关)?(?:意见书|意见|文件|事项)?|(?:审核|审查)[^,;。]{0,30}?(?:决策|文件|事项|协议|合同|议题|涉法事务)",
        units=REVIEW_UNITS,
        reject=r"备案|报备|公平竞争|清理|立法",
        sentence_reject=SUB_ACTIVITY,
        forward=r"^(?:\([^()]{0,30}\))?[^;。]{0,30}?(?:文件|决策|议题|事项|协议|合同|涉法事务)[^;。]{0,20}?合法性(?:审核|审查)",
    ),
    # 公共法律服务
    _r(
        "legal_services.notary_cases",
        "count",
        r"公证(?:案件|事项|业务|文书|书)?",
        units=frozenset({"件", "份", "起", "宗"}),
        reject=r"上门|免费|减免",
    ),
    _r(
        "legal_services.notary_cases",
        "count",
        r"办证|出证|出具公证书",  # "公证处全年办证3200件"
        units=frozenset({"件", "份", "本"}),
        context=r"公证",
        reject=r"上门|免费|减免",
    ),
    _r(
        "legal_services.legal_aid_cases",
        "count",
        r"法律援助(?:案件|事项)?",
        units=CASE_UNITS,
        reject=r"刑事|民事|行政|认罪认罚|值班|补贴|经费",
    ),
    # "特殊群体法律援助案件办结89件;…办理援助案件1052件": 援助 alone, where the matter is legal services; "法律援助
    # 中心共受理指派案件4459件,其中法律援助案件450件…": 指派 is legal aid's own verb (法律援助法 第三十条), and
    # what the centre 受理指派 is its total, of which 法律援助案件 and 法律帮助 are parts.
    _r(
        "legal_services.legal_aid_cases",
        "count",
        r"(?:办理|受理|承办|指派)(?:各类)?援助(?:案件|事项)|(?:受理|办理|承办)?指派(?:各类)?(?:法律援助)?案件",
        units=CASE_UNITS,
        topics={"legal_services"},
        reject=r"刑事|民事|行政|认罪认罚|值班|补贴|经费",
        priority=0,
    ),
    _r(
        "legal_services.appraisal_cases",
        "count",
        r"司法鉴定(?:机构|所|中心)(?:共|全年)?(?:办理|受理|完成)(?:各类)?(?:鉴定)?(?:案件|业务|事项)",
        units=frozenset({"件", "份", "起", "宗"}),
    ),
    _r(
        "legal_services.appraisal_cases",
        "count",
        r"司法鉴定(?:案件|业务|事项)?",
        units=frozenset({"件", "份", "起", "宗"}),
    ),
    _r(
        "legal_services.appraisal_cases",
        "count",
        r"(?:办理|完成|受理)?鉴定(?:案件|业务|事项)",
        units=frozenset({"件", "份", "起", "宗"}),
        context=r"司法鉴定",
    ),
    # 人大建议、政协提案
    _r(
        "supervision.suggestions_total",
        "count",
        r"(?:人大)?代表(?:的)?建议(?:和|及|与|、)[省市县区州]?政协(?:委员)?(?:的)?提案"
        r"|(?:建议|议案)(?:和|及|与|、)提案|建议提案"
        r"|人大代表(?:和|及|与|、)政协委员(?:提出的)?(?:意见和)?建议(?:和提案)?",
        units=ITEM_UNITS,
        priority=2,
        reject=RECEIVED_FOR_HANDLING,
    ),
    _r(
        "supervision.npc_suggestions",
        "count",
        r"(?:人大)?代表(?:的)?(?:意见)?建议|人大建议",
        units=ITEM_UNITS,
        reject=RECEIVED_FOR_HANDLING,
    ),
    _r(
        "supervision.cppcc_proposals",
        "count",
        r"政协(?:委员)?(?:的)?提案|委员提案",
        units=ITEM_UNITS,
        reject=RECEIVED_FOR_HANDLING,
    ),
    # "市政协…会议以来,交由市政府办理的提案共92件": a 提案 is the 政协's (人大 makes 建议 and 议案).
    _r(
        "supervision.cppcc_proposals",
        "count",
        r"(?:办理|承办)的提案",
        units=ITEM_UNITS,
        context=r"政协",
        context_in_sentence=True,
    ),
    # 政务公开
    _r("disclosure.proactive_items", "count", r"主动公开(?:各类)?(?:政府|政务)?信息", units=ITEM_UNITS),
    _r(
        "disclosure.proactive_items",
        "count",
        r"(?:政府|政务)信息",
        units=ITEM_UNITS,
        context=r"主动公开",
        context_in_sentence=True,
        reject=r"申请",
    ),
    # "政府网站共发布各类信息46106条", "全年更新工作动态…信息162条": what a disclosure report says it published,
    # under its 主动公开 heading or sentence. Weak: a 主动公开 count stated otherwise comes first.
    _r(
        "disclosure.proactive_items",
        "count",
        r"(?:发布|更新|公开|推送)(?:了)?[^,;。\d]{0,16}?信息",
        units=frozenset({"条"}),
        context=r"主动公开|政务公开|信息公开|公开政府信息",
        context_reach=200,
        reject=r"申请|新媒体|微信|微博|公众号|头条|抖音|其中",
        strength=0,
    ),
    _r(
        "disclosure.applications",
        "count",
        r"(?:政府)?信息公开申请|公开政府信息(?:的)?申请|依申请公开(?:申请|件)?",
        units=ITEM_UNITS,
        forward=r"^[^,;。\d]{0,4}?(?:政府)?信息公开申请",  # "共受理36件政府信息公开申请"
    ),
)


@cache
def active_rules() -> tuple[Rule, ...]:
    """The rules of the reviewed keys that the catalog still defines: the reviewer reports those only."""
    keys = set(REVIEWED_KEYS) & set(catalog())
    return tuple(r for r in RULES if r.key in keys)


_COMPILED: dict[Rule, re.Pattern] = {r: re.compile(rf"(?:{r.keyword})(?={FILLER}$)") for r in RULES}
_FORWARD: dict[Rule, re.Pattern] = {r: re.compile(r.forward) for r in RULES if r.forward}
_REJECT: dict[Rule, re.Pattern] = {r: re.compile(r.reject) for r in RULES if r.reject}
_CONTEXT: dict[Rule, re.Pattern] = {r: re.compile(r.context) for r in RULES if r.context}
# Most numbers in a report are not catalog figures: one search tells whether any rule can apply.
_ANY_KEYWORD = re.compile("|".join(f"(?:{r.keyword})" for r in RULES))

# ---------------------------------------------------------------------------------------------------------
# Whole-jurisdiction, this-year tests

# A target: anywhere earlier in the sentence ("力争…"), or in the figure's own clause ("确保…达到").
TARGET = re.compile(r"力争|争取|预计|目标(?:是|为|值)")
TARGET_IN_CLAUSE = re.compile(
    r"确保[^,;。]{0,10}?(?:达到|不低于)|不低于|不少于|不超过|不高于|计划(?:完成|达到|办理)|要达到"
)
# A number that picks out some of a kind ("成功率达80%以上的调委会", "满意率90%以下的单位") is a threshold, not the figure.
THRESHOLD_AFTER = re.compile(r"\s*(?:及|或)?(?:以上|以下|以内|以外)的")
CUMULATIVE = re.compile(
    r"(?:自|从)[^,;。]{0,15}?(?:以来|至今)|(?:开通|成立|启动|运行|实施|建立|组建|建成|上线|创建|挂牌|开展|改革)以来"
    r"|历年|近[一二两三四五六七八九十\d]+年|[二两三四五六七八九十\d]+年(?:来|以来|间)|多年来|党的十[八九]大以来"
    r"|十[三四]五[”\"’]?(?:以来|期间)|累计至今|截至[^,;。]{0,14}?累计"
)
# Part of a year: a month, a quarter, a half, a week, or "截至9月底". December and "1-12月" are the whole year.
_MONTHS = r"(?<![\d.])(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})\s*月"
PART_OF_YEAR = re.compile(
    _MONTHS + r"|第?[一二三四1-4]季度|前三季度|上半年|下半年|(?<![\d.-])(\d{1,2})月份"
    r"|截[至止][到至]?(?:20\d\d\s*年)?(\d{1,2})月(?:底|末|份|\d{1,2}日)?|\d{1,2}月\d{1,2}日[至到—–-]\d{1,2}月\d{1,2}日|本周|第\d{1,2}周"
)


def part_of_year(text: str) -> str:
    """The words that make a figure one for part of a year ("1-6月", "第三季度", "截至9月底"), else ""."""
    for m in PART_OF_YEAR.finditer(text):
        if m.group(1) and m.group(2):
            if int(m.group(1)) == 1 and int(m.group(2)) == 12:
                continue  # "1-12月" is the year
        elif m.group(3) and int(m.group(3)) > 12:
            continue
        elif m.group(4) and int(m.group(4)) >= 12:
            continue  # "截至12月底/12月31日" is the year
        return m.group(0)
    return ""


YEAR = re.compile(r"(20\d\d)\s*年")
YEAR_RANGE = re.compile(r"(20\d\d)\s*年?\s*[-—–~至到]\s*(20\d\d)\s*年")
THIS_YEAR = re.compile(r"全年|今年|本年|年内|当年")
PREVIOUS = re.compile(r"上年|去年|上一年|前年|同比|较上年|比上年|同期")
SUBSCOPE = re.compile(
    r"(?:市|县|州|区|旗|盟)?本级|本部门|本单位|本局|我局|(?<![全各])(?:市|县|州|区)直(?:部门|单位|机关)?"
)
DEPARTMENT = re.compile(
    r"(?<![全各])(?:[市县州区省旗]|[\u4e00-\u9fff]{2,8}?(?:市|县|州|区))[\u4e00-\u9fff]{1,8}?(?:局|委员会|办公室|支队|大队)"
)
# A named county, district, town … as the subject: a part of the jurisdiction ("其中XX县受理…").
PLACE = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,6}?)(?:自治县|县|区|市|镇|乡|街道)(?![级直本政委域属内外])"
)
# The body that does a matter for the whole jurisdiction: its figure is the jurisdiction's figure.
RESPONSIBLE = {
    # 行政复议法 第四条: the 司法行政部门 is the government's 行政复议机构 and handles all its cases.
    "reconsideration": r"司法局|司法厅|复议",
    # 法律援助法 第十二条, 公证法, 人民调解法 第五条: legal aid, notaries and mediation are run by the 司法行政部门.
    "legal_services": r"司法局|司法厅|法律援助|公证|司法鉴定",
    "mediation": r"司法局|司法厅",
    # 政府信息公开条例 第四条: the 政府办公厅（室）is the government's disclosure office.
    "disclosure": r"办公室|办公厅|政务公开",
    "hotline": r"政务服务|12345|热线|便民",
    "legality": r"司法局|司法厅",
}
# Other bodies whose figures a government report may quote: courts, procuratorates, police, the 人大.
COURT = re.compile(r"法院|检察院|检察机关|公安机关|公安局|审判机关|人大常委会|人大常务委员会")
TITLE_QUOTE = re.compile(r"《[^》]*》")
# Who is named after 对/向 is the object or the recipient of the act, not its subject: "对乡镇和县直部门报送的
# 规范性文件备案审查23件", "向市政府和县人大常委会报备规范性文件18件".
OBJECT_OR_RECIPIENT = re.compile(r"(?<![针相绝核应面方导取走志倾])[对向](?![接标照比口外])[^,;。]*$")
PARENS = re.compile(r"\([^()]*\)")

SENTENCE_END = re.compile(r"[。!?;\n]")
FULL_STOP = re.compile(r"[。!?\n]")
BARE_RATE_OPENING = re.compile(r"(?:全年|总体|综合|整体|群众|市民|回访|平均|调解|调处|化解|\s)*")
# Subjects of satisfaction and success rates that are not catalog matters: a rate named after them measures
# them ("“好差评”…满意率100%", "群众满意度测评…"), whatever topic the sentence began with.
OTHER_RATED = re.compile(r"好差评|差评|测评|调查|评价(?!满意)|评议|政务服务(?![^,;。]{0,6}热线)")
CLAUSE_END = re.compile(r"[,。!?;:\n]")


@dataclass
class Figure:
    key: str
    value: float
    unit: str
    evidence: str
    start: int  # evidence span in the normalised text
    end: int
    number_start: int
    number_end: int
    approx: bool = False

    @property
    def label(self) -> str:
        return catalog().get(self.key, {}).get("zh", self.key)


@dataclass
class Candidate:
    figure: Figure
    rule: Rule
    keyword_end: int
    rejected: str = ""  # why it is not the year's jurisdiction-wide figure; "" if accepted


def _is_year(text: str, m: re.Match) -> bool:
    return len(m.group(0)) == 4 and text.startswith("年", m.end()) and 1990 <= int(m.group(0)) <= 2100


# A hotline's number is part of a name, not a figure: "受理答复8890诉求655件" keeps its verb.
def _is_service_number(text: str, m: re.Match) -> bool:
    digits = m.group(0)
    if not (4 <= len(digits) <= 5 and digits.isdigit()):
        return False
    return digits == "12345" or bool(
        re.match(r"[“”\"]?(?:热线|诉求|工单|平台|专线)", text[m.end() : m.end() + 3])
    )


MAX_SPAN = 400  # characters: no statement of a figure is longer
MAX_PARAGRAPH = 2000  # characters: the reach of a period stated at a paragraph's head


class _Index:
    """Sentence and clause boundaries, topic mentions and number positions of one text."""

    def __init__(self, text: str, quantities: list[Quantity]):
        self.text = text
        self.sentence_ends = [m.start() for m in SENTENCE_END.finditer(text)]
        self.clause_ends = [m.start() for m in CLAUSE_END.finditer(text)]
        topics = [(m.start(), m.end(), m.lastgroup) for m in _TOPIC_RE.finditer(text)]
        self.topic_ends = [t[1] for t in topics]
        self.topics = topics
        # Where a number's own wording can start: after the previous number, but not after a year
        # ("受理2023年度行政复议案件206件" keeps its verb).
        self.number_ends = sorted(
            {
                m.end()
                for m in DIGITS_RE.finditer(text)
                if not _is_year(text, m) and not _is_service_number(text, m)
            }
            | {q.end for q in quantities}
        )
        # Full sentences (a ";" ends a clause of the same sentence): the reach of a generic rate's topic.
        self.period_ends = [m.start() for m in FULL_STOP.finditer(text)]
        self.quantity_ends = sorted({q.end for q in find_quantities(text)})
        self.title_period = _title_period(text)

    # Windows are bounded so that text without punctuation (a table, junk) stays linear.
    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_left(self.sentence_ends, pos) - 1
        return max(self.sentence_ends[i] + 1 if i >= 0 else 0, pos - MAX_SPAN)

    def sentence_end(self, pos: int) -> int:
        i = bisect.bisect_left(self.sentence_ends, pos)
        return min(self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text), pos + MAX_SPAN)

    def paragraph_start(self, pos: int) -> int:
        floor = max(0, pos - MAX_SPAN)
        return max(self.text.rfind("\n", floor, pos) + 1, floor)

    def paragraph_head(self, pos: int) -> int:
        """Where pos's paragraph begins, looking back at most a long paragraph's length."""
        floor = max(0, pos - MAX_PARAGRAPH)
        return max(self.text.rfind("\n", floor, pos) + 1, floor)

    def clause_start(self, pos: int) -> int:
        i = bisect.bisect_left(self.clause_ends, pos) - 1
        return max(self.clause_ends[i] + 1 if i >= 0 else 0, pos - MAX_SPAN)

    def previous_number_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.number_ends, pos) - 1
        return self.number_ends[i] if i >= 0 else 0

    def previous_quantity_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.quantity_ends, pos) - 1
        return self.quantity_ends[i] if i >= 0 else 0

    def full_sentence_start(self, pos: int) -> int:
        i = bisect.bisect_left(self.period_ends, pos) - 1
        return max(self.period_ends[i] + 1 if i >= 0 else 0, pos - MAX_SPAN)

    def topic_before(self, pos: int, floor: int) -> str | None:
        t = self.topic_mention_before(pos, floor)
        return t[2] if t else None

    def first_topic_after(self, pos: int, limit: int) -> str | None:
        i = bisect.bisect_left(self.topic_ends, pos + 1)
        while i < len(self.topics) and self.topics[i][0] < pos:
            i += 1
        return self.topics[i][2] if i < len(self.topics) and self.topics[i][1] <= limit else None

    def topic_mention_before(self, pos: int, floor: int) -> tuple[int, int, str] | None:
        i = bisect.bisect_right(self.topic_ends, pos) - 1
        if i >= 0 and self.topics[i][0] >= floor:
            return self.topics[i]
        return None


def _unit_ok(rule: Rule, q: Quantity) -> bool:
    if rule.kind == "percent":
        return q.kind == "percent"
    return q.kind in {"count", "people"} and (rule.units is None or q.unit in rule.units)


def _match_backward(rule: Rule, phrase: str) -> re.Match | None:
    """The last place where the rule's keyword stands right before the number (only filler between)."""
    last = None
    for m in _COMPILED[rule].finditer(phrase):
        last = m
    return last


def find_candidates(
    text: str,
    *,
    report_year: int | None = None,
    excluded_spans=(),
    reporter: str = "",
    jurisdiction: str = "",
) -> list[Candidate]:
    """Every number the rules read as a catalog figure, accepted or rejected with the reason."""
    quantities = [q for q in find_quantities(text) if q.kind in {"count", "people", "percent"}]
    idx = _Index(text, quantities)
    rules = active_rules()
    out: list[Candidate] = []
    listed: set[int] = set()  # numbers read as part of a list statement
    for i, q in enumerate(quantities):
        if q.start in listed:
            continue
        pairs = _list_statement(idx, quantities, i)
        if pairs:
            listed.update(v.start for _, _, v in pairs)
            out += _listed_candidates(idx, pairs, rules, report_year, excluded_spans, reporter, jurisdiction)
            continue
        sent_start = idx.sentence_start(q.start)
        floor = max(sent_start, idx.previous_number_end(q.start), q.start - 60)
        phrase = text[floor : q.start]
        best: tuple[tuple[int, int, int], Rule, int, int] | None = None
        for rule in rules if _ANY_KEYWORD.search(phrase) else ():
            if not _unit_ok(rule, q):
                continue
            m = _match_backward(rule, phrase)
            if m is None:
                continue
            kw_start, kw_end = floor + m.start(), floor + m.end()
            clause_start = idx.clause_start(kw_start)
            if not _rule_applies(
                rule, idx, kw_start, kw_end, sent_start, text[clause_start : q.start], q.start
            ):
                continue
            score = (rule.priority, kw_end, -kw_start)  # the most specific, nearest, longest wording
            if best is None or score > best[0]:
                best = (score, rule, kw_start, kw_end)
        if best is None:
            fwd = _match_forward(idx, q, rules)
            if fwd is None:
                continue
            rule, ev_start, ev_end, kw_start, extra = fwd
            kw_end = ev_end
        else:
            _, rule, kw_start, kw_end = best
            clause_start = idx.clause_start(kw_start)
            ev_start = max(clause_start, idx.previous_quantity_end(kw_start))
            if (
                ev_start < kw_start
                and text[ev_start] == "中"
                and ev_start == idx.previous_quantity_end(kw_start)
            ):
                ev_start += 1  # "审结977件中直接纠错236件"
            while ev_start < kw_start and text[ev_start] in "、,()":
                ev_start += 1
            ev_end = q.end
        value = q.value
        if rule.key in SUMMED and best is not None:
            value, ev_end = _sum_listed_parts(text, q)
        elif best is None:
            value += extra
        figure = Figure(
            key=rule.key,
            value=value,
            unit=q.unit,
            evidence=text[ev_start:ev_end],
            start=ev_start,
            end=ev_end,
            number_start=q.start,
            number_end=q.end,
            approx=q.approx,
        )
        reason = _why_not_this_year(
            idx, q, kw_start, rule, report_year, excluded_spans, reporter, jurisdiction
        )
        out.append(Candidate(figure, rule, kw_end, reason))
    out += _none_received(idx, rules, report_year, excluded_spans, reporter, jurisdiction)
    if "\t" in text:
        out += _table_candidates(
            text,
            report_year=report_year,
            excluded_spans=excluded_spans,
            reporter=reporter,
            jurisdiction=jurisdiction,
        )
    out.sort(key=lambda c: c.figure.number_start)
    return out


# "全年未接到信息公开申请", "我局未收到政府信息公开申请": none, stated without a number (条例 第五十条 asks the
# report for the count of applications received, 0 included).
_NONE_RECEIVED = re.compile(
    r"(?:未|没有)(?:接到|收到|受理)(?:过)?(?:任何)?(?:(?:政府)?信息公开申请|依申请公开(?:申请|事项)?"
    r"|公开政府信息(?:的)?申请|(?:政府)?信息公开(?:的)?申请)"
)


def _none_received(idx, rules, report_year, excluded_spans, reporter, jurisdiction) -> list[Candidate]:
    rule = next((r for r in rules if r.key == "disclosure.applications"), None)
    if rule is None:
        return []
    out = []
    for m in _NONE_RECEIVED.finditer(idx.text):
        q = Quantity(0.0, "件", "count", m.start(), m.end())
        clause_start = idx.clause_start(m.start())
        if "其中" in idx.text[clause_start : m.start()]:
            continue  # "其中未收到法人提出的信息公开申请": none of a part
        figure = Figure(
            rule.key, 0.0, "件", idx.text[clause_start : m.end()], clause_start, m.end(), m.start(), m.end()
        )
        reason = _why_not_this_year(
            idx, q, m.start(), rule, report_year, excluded_spans, reporter, jurisdiction
        )
        out.append(Candidate(figure, rule, m.end(), reason))
    return out


# ---------------------------------------------------------------------------------------------------------
# Tables: rows of cells separated by a tab (text.normalise keeps them so). A row is read as the sentence its
# cells make: the row's name, the column's name unless it is a year, the value and the unit. Under
# "指标 | 2022年 | 2023年", the row "行政应诉案件数（件）| 142 | 156" of a 2023 report reads "行政应诉案件数156件";
# under "类别 | 受理（件）| 审结（件）", the row "行政复议 | 348 | 331" reads "行政复议受理348件", "行政复议审结331件".

_ROW = re.compile(r"^[^\n]*\t[^\n]*$", re.M)
_YEAR_CELL = re.compile(r"^(20\d\d)\s*年?度?$")
_UNIT_NOTE = re.compile(
    r"\((?:单位[:：]?)?(万件|万条|万人次|万人|件|宗|起|项|条|份|个|人次|人|次|%|百分比)\)"
)
_VALUE_CELL = re.compile(
    r"^(?:[\d,]+(?:\.\d+)?)(?:余|多)?(?:万|亿)?(?:余|多)?(?P<unit>%|件次|人次|[件宗起项条份个人次卷通])?$"
)


def _table_candidates(text: str, *, report_year, excluded_spans, reporter, jurisdiction) -> list[Candidate]:
    groups: list[list[re.Match]] = []
    for m in _ROW.finditer(text):
        if groups and not text[groups[-1][-1].end() : m.start()].strip():
            groups[-1].append(m)
        else:
            groups.append([m])
    out: list[Candidate] = []
    for group in groups:
        caption = text[max(0, group[0].start() - 120) : group[0].start()].strip().rsplit("\n", 1)[-1]
        caption_reason = _caption_reason(caption, report_year)
        # "…受理行政复议申请涉及的事项中,…具体情况见下表": a breakdown of that matter, whose columns (行政处罚,
        # 行政强制 …) name kinds of it, not figures of their own.
        topic = _TOPIC_RE.search(caption)
        caption_topic = topic.lastgroup if topic else None
        header: list[str] | None = None
        for row in group:
            cells = row.group(0).split("\t")
            values = [
                j for j, c in enumerate(cells) if j and _VALUE_CELL.match(c) and not _YEAR_CELL.match(c)
            ]
            if not values:
                header = cells  # the column names (years, kinds)
                continue
            if _VALUE_CELL.match(cells[0]) or (header is None and len(values) > 1):
                continue  # no name for the row, or columns without names
            offsets = [row.start()]
            for c in cells[:-1]:
                offsets.append(offsets[-1] + len(c) + 1)
            for j in values:
                column = header[j] if header is not None and j < len(header) else ""
                y = _YEAR_CELL.match(column)
                if y:
                    if report_year is None or int(y.group(1)) != report_year:
                        continue
                    column = ""
                cand = _read_cell(cells[0], column, cells[j], report_year, reporter, jurisdiction)
                if cand is None:
                    continue
                start, end = offsets[j], offsets[j] + len(cells[j])
                f = cand.figure
                f.evidence, f.start, f.end = row.group(0), row.start(), row.end()
                f.number_start, f.number_end = start, end
                if any(a <= row.start() < b for a, b in excluded_spans):
                    cand.rejected = "下一年度安排中的数字"
                elif caption_reason:
                    cand.rejected = caption_reason
                elif (
                    caption_topic and caption_topic != f.key.split(".")[0] and not _TOPIC_RE.search(cells[0])
                ):
                    cand.rejected = "表格为其他事项的分项统计"
                out.append(cand)
    return out


def _caption_reason(caption: str, report_year: int | None) -> str:
    """Why the line before a table makes its figures not the year's whole-jurisdiction ones."""
    if TARGET.search(caption) or TARGET_IN_CLAUSE.search(caption):
        return "目标或计划数"
    if CUMULATIVE.search(caption):
        return "累计数"
    if SUBSCOPE.search(caption):
        return "本级或部分单位的数字"
    years = [int(y) for y in YEAR.findall(YEAR_RANGE.sub("", caption))]
    if report_year and years and all(y != report_year for y in years):
        return "以前年度的数字" if max(years) < report_year else "以后年度的目标数"
    return ""


def _read_cell(name: str, column: str, cell: str, report_year, reporter, jurisdiction) -> Candidate | None:
    unit = _VALUE_CELL.match(cell).group("unit") or ""
    words = []
    for part in (name, column):
        m = _UNIT_NOTE.search(part)
        if m:
            unit = unit or ("%" if m.group(1) == "百分比" else m.group(1))
            part = part[: m.start()] + part[m.end() :]
        words.append(part.strip("-"))
    label = "".join(words)
    if not unit:
        unit = "%" if label.endswith(("率", "比例")) else "件"
    number = cell if _VALUE_CELL.match(cell).group("unit") else cell + unit
    sentence = label + number
    found = [
        c
        for c in find_candidates(
            sentence, report_year=report_year, reporter=reporter, jurisdiction=jurisdiction
        )
        if c.figure.number_start == len(label)
    ]
    return found[0] if found else None


# Several names, one statement: "办结率、满意率均为100%" gives each name the one value; "纠错率、调解和解率
# 分别为15.8%、22.8%" and "办结人大代表建议、政协提案分别为109件、214件" pair names and values in order.
_SHARED_TAIL = re.compile(r"(?:均|都|全部|皆)(?:为|是|达到|达|保持在|保持|在|实现|超过)?$")
_RESPECTIVE_TAIL = re.compile(r"分别(?:为|是|达到|达|有)?$")
_VALUE_GAP = frozenset({"、", "和", "及", "与", ",", "以及"})
_RATE_SEP = re.compile(r"(?<=[率度])(?:、|和|及|与|以及)")
_NAME_SEP = re.compile(r"、|和|及|与|以及")


def _list_statement(idx: _Index, quantities: list[Quantity], i: int) -> list[tuple[int, int, Quantity]]:
    """(name start, name end, value) for each name of a list statement whose first value is quantities[i]."""
    text, q = idx.text, quantities[i]
    lo = max(idx.clause_start(q.start), idx.previous_number_end(q.start))
    head = text[lo : q.start]
    respective = _RESPECTIVE_TAIL.search(head)
    tail = respective or (_SHARED_TAIL.search(head) if q.kind == "percent" else None)
    if tail is None:
        return []
    values = [q]
    if respective:
        for nxt in quantities[i + 1 :]:
            if nxt.kind != q.kind or text[values[-1].end : nxt.start] not in _VALUE_GAP:
                break
            values.append(nxt)
    names_end = lo + tail.start()
    segment = text[lo:names_end]
    want = len(values) if respective else None
    for sep in (_RATE_SEP, re.compile("、"), _NAME_SEP):
        if sep is _RATE_SEP and q.kind != "percent":
            continue
        cuts = [m.span() for m in sep.finditer(segment)]
        if not cuts or (want is not None and len(cuts) + 1 != want):
            continue
        bounds, pos = [], 0
        for a, b in cuts:
            bounds.append((lo + pos, lo + a))
            pos = b
        bounds.append((lo + pos, names_end))
        if any(a >= b for a, b in bounds):
            continue
        return [(a, b, values[k] if respective else q) for k, (a, b) in enumerate(bounds)]
    return []


# "受理、审结行政复议案件分别为120件、115件": the verbs of a list share the object named after the last one.
_LEADING_VERB = re.compile(
    r"^(?:全年|共|累计)?(?:新收|受理|收案|审结|办结|结案|办理|排查|化解|调处|调解|接听|接收)(?:了)?"
)


def _listed_candidates(idx, pairs, rules, report_year, excluded_spans, reporter, jurisdiction):
    text = idx.text
    out = []
    ev_start = pairs[0][0]
    while ev_start < pairs[0][1] and text[ev_start] in "、,()":
        ev_start += 1
    last = text[pairs[-1][0] : pairs[-1][1]]
    verb = _LEADING_VERB.match(last) if len(pairs) > 1 and pairs[0][2] is not pairs[-1][2] else None
    shared_object = last[verb.end() :] if verb else ""
    for n, (name_start, name_end, q) in enumerate(pairs):
        own = text[name_start:name_end]
        sent_start = idx.sentence_start(q.start)
        best = None
        for phrase in (own, own + shared_object) if shared_object and n < len(pairs) - 1 else (own,):
            clause = phrase  # a name's own words: "按时办结率、满意率" does not make 满意率 an on-time rate
            for rule in rules:
                if not _unit_ok(rule, q):
                    continue
                m = _match_backward(rule, phrase)
                if m is None:
                    continue
                kw_start, kw_end = name_start + m.start(), name_start + m.end()
                if not _rule_applies(rule, idx, kw_start, kw_end, sent_start, clause, name_end):
                    continue
                score = (rule.priority, kw_end, -kw_start)
                if best is None or score > best[0]:
                    best = (score, rule, kw_start, kw_end)
            if best is not None:
                break
        if best is None:
            continue
        _, rule, kw_start, kw_end = best
        figure = Figure(
            key=rule.key,
            value=q.value,
            unit=q.unit,
            evidence=text[ev_start : q.end],
            start=ev_start,
            end=q.end,
            number_start=q.start,
            number_end=q.end,
            approx=q.approx,
        )
        reason = _why_not_this_year(
            idx, q, kw_start, rule, report_year, excluded_spans, reporter, jurisdiction
        )
        out.append(Candidate(figure, rule, kw_end, reason))
    return out


# A catalog figure that is a total (合计) of kinds a report may list one by one:
# "审核规范性文件28件、重大行政决策12件、行政协议56份" is 96 reviews.
SUMMED = {"legality.reviews"}
_LISTED_PART = re.compile(
    r"[、,和及与](?:其他)?(?:重大行政决策|行政决策|决策事项|行政协议|协议|行政合同|合同|涉法事务|行政规范性文件"
    r"|规范性文件|文件|议题|重大事项)(?:事项|类|等)?(\d+)(件|份|个|项)"
)


def _sum_listed_parts(text: str, q: Quantity) -> tuple[float, int]:
    total, pos = q.value, q.end
    while m := _LISTED_PART.match(text, pos):
        total += int(m.group(1))
        pos = m.end()
    return total, pos


def _rule_applies(
    rule: Rule, idx: _Index, kw_start: int, kw_end: int, sent_start: int, clause: str, number_start: int
) -> bool:
    if rule in _REJECT and _REJECT[rule].search(PARENS.sub("", clause)):
        return False
    if rule.sentence_reject and re.search(
        rule.sentence_reject, idx.text[idx.full_sentence_start(kw_start) : number_start]
    ):
        return False
    if rule in _CONTEXT:
        scope = idx.text[sent_start:number_start] if rule.context_in_sentence else clause
        if rule.context_reach:
            scope = idx.text[max(0, sent_start - rule.context_reach) : number_start]
        if not _CONTEXT[rule].search(scope):
            return False
    if rule.own_sentence_topic:
        sentence_start = idx.full_sentence_start(kw_start)
        mention = idx.topic_mention_before(kw_end, sentence_start)
        if mention is None and BARE_RATE_OPENING.fullmatch(idx.text, sentence_start, kw_start):
            # A sentence that is only the rate ("群众满意率达98%。") goes on with the sentence before it.
            mention = idx.topic_mention_before(kw_end, max(idx.paragraph_start(kw_start), kw_start - 200))
        topic = mention[2] if mention else None
        if mention and OTHER_RATED.search(idx.text[mention[1] : kw_end]):
            topic = None
        if rule.topics is not None and topic not in rule.topics:
            return False
        if topic in rule.not_topics:
            return False
    elif rule.topics is not None or rule.not_topics:
        # The subject matter: the nearest topic named up to the keyword in its own sentence; a sentence that
        # names none goes on with the subject of the sentence before it, the first topic that sentence names
        # ("全国新收行政复议案件…,达到同期法院一审行政案件的2.5倍…。通过调解结案…": not the courts').
        floor = max(idx.paragraph_start(kw_start), kw_start - 200)
        own = idx.full_sentence_start(kw_start)
        topic = idx.topic_before(kw_end, max(own, floor))
        if rule.kind == "percent":
            topic = _subject_of_listed_rate(idx, kw_start, kw_end, max(own, floor))
        if topic is None and own > floor:
            topic = idx.first_topic_after(max(idx.full_sentence_start(own - 1), floor), own)
        if rule.topics is not None and topic not in rule.topics:
            return False
        if topic in rule.not_topics:
            return False
    return True


# A clause that is a rate and its value: "行政机关负责人出庭应诉率达100%".
_RATE_CLAUSE = re.compile(r"[^,;。]*?率[^,;。\d]{0,6}\d[\d.]*%\s*$")


def _subject_of_listed_rate(idx: _Index, kw_start: int, kw_end: int, floor: int) -> str | None:
    """In a list of rates ("实质性化解率达94%,行政机关负责人出庭应诉率达100%,调解率为40.74%"), a matter named inside
    an earlier rate's own name is that rate's, not the subject of the rates after it: look past it."""
    text = idx.text
    clause_start = idx.clause_start(kw_start)
    pos = kw_end
    while True:
        mention = idx.topic_mention_before(pos, floor)
        if mention is None:
            return None
        if mention[1] > clause_start:
            return mention[2]  # named in the rate's own clause
        m = CLAUSE_END.search(text, mention[1])
        own_clause = text[idx.clause_start(mention[0]) : m.start() if m else len(text)]
        if not _RATE_CLAUSE.match(own_clause):
            return mention[2]
        pos = mention[0]


def _match_forward(idx: _Index, q: Quantity, rules: tuple[Rule, ...]):
    """ "对77件市政府行政规范性文件……进行了合法性审核": the number first, the verb after it."""
    text = idx.text
    clause_start = idx.clause_start(q.start)
    before = text[clause_start : q.start]
    if len(before) > 10 or re.search(r"\d", before):
        return None
    sent_end = idx.sentence_end(q.end)
    after = text[q.end : min(sent_end, q.end + 80)]
    for rule in rules:
        if rule not in _FORWARD or not _unit_ok(rule, q):
            continue
        m = _FORWARD[rule].search(after)
        if m is None:
            continue
        # Numbers in the object other than a parenthesised breakdown belong to another statement, unless they
        # list more kinds of a total ("对9项重大行政决策和14份合同进行合法性审查" is 23 reviews).
        stripped = re.sub(r"\([^()]*\)", "", m.group(0))
        extra = 0.0
        if re.search(r"\d", stripped):
            parts = _listed_kinds(stripped, rule) if rule.key in SUMMED else None
            if parts is None:
                continue
            extra = parts
        return rule, clause_start, q.end + m.end(), clause_start, extra
    return None


def _listed_kinds(obj: str, rule: Rule) -> float | None:
    """The sum of the further counts in an object that lists kinds ("重大行政决策和14份合同"), or None when a
    number there belongs to something else."""
    total, pos = 0.0, 0
    for q2 in find_quantities(obj):
        gap = obj[pos : q2.start]
        if not _unit_ok(rule, q2) or not re.search(r"(?:、|和|及|与|以及)$", gap) or re.search(r"\d", gap):
            return None
        total += q2.value
        pos = q2.end
    if re.search(r"\d", obj[pos:]):
        return None
    return total


# A period stated at the head of a sentence or clause ("今年1-6月,…", "上半年全市…", "截至9月底,…", "2024年,…")
# holds for the paragraph's following sentences until another is stated. A date inside a clause ("于3月份印发…")
# tells when something was done, not the period of the figures after it; several years ("近三年来累计…") are an
# aside about their own sentence, not the paragraph's period.
_YEAR_HEAD = re.compile(r"(?:^|(?<=[,。!?;:\n]))\s*(?:(20\d\d)\s*年度?|全年|今年|本年|当年)(?![\d至])")


def _states_period(clause: str) -> bool:
    return bool(
        YEAR.search(clause) or THIS_YEAR.search(clause) or part_of_year(clause) or CUMULATIVE.search(clause)
    )


def _paragraph_period(prior: str, report_year: int | None) -> str | None:
    """Why a figure is not the year's when its paragraph stated another period before its sentence, "" when it
    stated the year, None when it stated none."""
    prior = PARENS.sub("", TITLE_QUOTE.sub("", prior))
    stated: list[tuple[int, str]] = []  # (where, why not the year; "" for the year itself)
    for m in PART_OF_YEAR.finditer(prior):
        if part_of_year(m.group(0)) and _is_clause_head(prior, m.start()):
            stated.append((m.start(), "年内部分时段的数字（" + m.group(0) + "，见段内前文）"))
    for m in _YEAR_HEAD.finditer(prior):
        y = m.group(1)
        earlier = bool(report_year and y and int(y) < report_year)
        if earlier and prior.startswith(("以来", "至今"), m.end()):
            continue  # several years: an aside of its sentence ("今年以来", "2024年以来" in 2024 are the year)
        stated.append(
            (m.end(), "以前年度的数字（" + m.group(0).strip() + "，见段内前文）" if earlier else "")
        )
    return max(stated)[1] if stated else None


# A heading states the period of what stands under it: "一、1月份全市行政调解案件情况" is January's, and so is all
# of a monthly report titled "…2025年1月行政调解工作情况分析报告". A heading's scope ends at the next heading of
# its kind ("二、…"); the text's first line, its title, holds for the whole text.
_HEADING_LINE = re.compile(r"[^\n。;!?]{1,60}")
_MONTHLY_TITLE = re.compile(
    r"20\d\d\s*年\s*(\d{1,2})\s*月(?!\d)份?[\u4e00-\u9fff]{0,12}?(?:工作|情况|运行|分析|通报|简报|数据|统计)"
)
_HEADING_KINDS = (
    ("一、", re.compile(r"[一二三四五六七八九十]{1,3}\s*[、.]")),
    ("(一)", re.compile(r"\([一二三四五六七八九十]{1,3}\)")),
    ("1.", re.compile(r"\d{1,2}\s*[、.](?!\d)")),
    ("(1)", re.compile(r"\(\d{1,2}\)")),
    ("第一部分", re.compile(r"第[一二三四五六七八九十]{1,3}(?:部分|章|节)")),
)


def _title_period(text: str) -> str:
    """The part of a year a monthly report's title names ("…司法局2025年1月行政调解工作情况分析报告"), else ""."""
    m = re.match(r"[^\n。,;:]{0,30}?" + _MONTHLY_TITLE.pattern, text)
    return m.group(0) if m and int(m.group(1)) < 12 else ""


def _heading_kind(line: str) -> str | None:
    for kind, marker in _HEADING_KINDS:
        if marker.match(line):
            return kind
    return None


def _heading_period(text: str, pos: int) -> str:
    """Why a figure at pos is not the year's when a heading above it states part of a year, else ""."""
    head = text.rfind("\n", 0, pos)
    seen: set[str] = set()
    while head > 0:
        start = text.rfind("\n", 0, head) + 1
        line = text[start:head].strip()
        head = start - 1
        if not line:
            continue
        kind = "title" if start == 0 or not text[:start].strip() else _heading_kind(line)
        if kind is None or kind in seen or not _HEADING_LINE.fullmatch(line):
            continue  # body text, or a heading of a section already passed ("一、" above "二、")
        seen.add(kind)
        part = part_of_year(line)
        m = _MONTHLY_TITLE.search(line) if not part else None
        if m and int(m.group(1)) < 12:
            part = m.group(0)
        if part:
            return "年内部分时段的数字（" + part + "，见标题）"
        if YEAR.search(line) or THIS_YEAR.search(line):
            return ""  # the heading states the year
    return ""


def _is_clause_head(text: str, pos: int) -> bool:
    """Whether only "今年" "2024年" or spaces stand between the start of its clause and pos."""
    start = max(text.rfind(c, 0, pos) for c in ",。!?;:\n") + 1
    return (
        re.fullmatch(r"\s*(?:(?:今年|本年|当年|(?:20\d\d)\s*年)\s*(?:度\s*)?)?", text[start:pos]) is not None
    )


def _why_not_this_year(
    idx: _Index,
    q: Quantity,
    kw_start: int,
    rule: Rule,
    report_year: int | None,
    excluded_spans,
    reporter: str,
    jurisdiction: str,
) -> str:
    text = idx.text
    for a, b in excluded_spans:
        if a <= q.start < b:
            return "下一年度安排中的数字"
    sent_start = idx.sentence_start(q.start)
    clause_start = idx.clause_start(min(kw_start, q.start))
    before = TITLE_QUOTE.sub("", text[sent_start : q.start])
    local = TITLE_QUOTE.sub("", text[clause_start : q.start])
    subject = OBJECT_OR_RECIPIENT.sub("", TITLE_QUOTE.sub("", text[clause_start : min(kw_start, q.start)]))
    if TARGET.search(before) or TARGET_IN_CLAUSE.search(local):
        return "目标或计划数"
    if THRESHOLD_AFTER.match(text, q.end):
        return "界定范围的门槛数"
    # A later year is a target ("2025年推动95%审批事项…"); a period such as "(2021—2025年)" is not.
    years = [int(y) for y in YEAR.findall(YEAR_RANGE.sub("", PARENS.sub("", before)))]
    if report_year and any(y > report_year for y in years):
        return "以后年度的目标数"
    # An aside in brackets has its own time: "受理264件(2019年以来累计受理1032件),审结251件" — the 251 is not
    # cumulative, the 1032 is, and the 全年 of the clause does not reach into the aside.
    if local.rfind("(") > local.rfind(")"):
        local = local[local.rfind("(") + 1 :]
    else:
        local = PARENS.sub("", local)
    before = PARENS.sub("", before)
    if THIS_YEAR.search(local):
        # "今年上半年…", "本年1-6月…": the 今年/本年 says whose half or months they are; the figure is still theirs
        part = part_of_year(local)
        if part:
            return "年内部分时段的数字（" + part + "）"
    else:
        for m in YEAR_RANGE.finditer(local):
            if int(m.group(1)) < int(m.group(2)) and (not report_year or int(m.group(2)) <= report_year):
                return "跨年度累计数"
        # "自2021年开通以来累计受理36万件，2023年受理13.2万件": a clause that names the report year is that
        # year's figure, whatever the sentence said before it.
        own_year = bool(report_year) and re.search(rf"{report_year}\s*年(?!以来|至今)", local) is not None
        if own_year:
            before = local
        for m in CUMULATIVE.finditer(before):
            ys = [int(y) for y in YEAR.findall(m.group(0))]
            if report_year and ys and all(y >= report_year for y in ys):
                continue  # "2023年以来" in the 2023 report is the year itself
            return "累计数（" + m.group(0) + "）"
        if report_year and re.search(r"(20\d\d)\s*年(?:以来|至今)", before):
            y = int(re.search(r"(20\d\d)\s*年(?:以来|至今)", before).group(1))
            if y < report_year:
                return "跨年度累计数"
        local_years = [int(y) for y in YEAR.findall(local)]
        if report_year and any(y < report_year for y in local_years):
            return "以前年度的数字"
        scope = before
        if re.match(r"\s*其中", text[sent_start:]):  # "9月份,共接到诉求46653件。其中,即时办结27929件"
            scope = text[idx.full_sentence_start(max(0, sent_start - 1)) : sent_start] + scope
        part = part_of_year(scope)
        if part:
            return "年内部分时段的数字（" + part + "）"
        if idx.title_period and not YEAR.search(local):
            return "年内部分时段的数字（" + idx.title_period + "，见标题）"
        if not _states_period(before):
            carried = _paragraph_period(text[idx.paragraph_head(sent_start) : sent_start], report_year)
            if carried is None:
                carried = _heading_period(text, idx.paragraph_head(sent_start))
            if carried:
                return carried
    if PREVIOUS.search(local):
        return "上年或同比数字"
    if rule.kind == "percent" and _rate_of_a_part(text, idx, q.start):
        return "部分单位的比率"
    reporter_is_unit = bool(reporter) and bool(re.search(r"(?:局|委员会|委|办公室|厅|中心)$", reporter))
    if (
        rule.key.startswith("hotline.")
        and HOTLINE_ASSIGNEE.search(text, idx.full_sentence_start(q.start), q.start)
        and (reporter_is_unit or DEPARTMENT_SELF.search(text, 0, 600))
    ):
        return "承办部门的热线工单数"
    # 政府信息公开条例 第五十条: "各级行政机关应当…向社会公布本行政机关政府信息公开工作年度报告" — a disclosure
    # figure of "我局" is the reporting organ's own, whoever the reporter was read as.
    own_organ = reporter_is_unit or rule.key.startswith("disclosure.")
    m = SUBSCOPE.search(subject)
    if m and not (own_organ and re.match(r"本局|我局|本部门|本单位", m.group(0))):
        return "本级或部分单位的数字"
    if COURT.search(subject):
        return "法院或其他机关的数字"
    m = DEPARTMENT.search(subject)
    if m and not (reporter and (m.group(0) in reporter or reporter.endswith(m.group(0)))):
        responsible = RESPONSIBLE.get(rule.key.split(".")[0])
        if not (responsible and re.search(responsible, m.group(0))):
            return "单个部门的数字"
    if _names_other_place(subject, jurisdiction):
        return "下级行政区的数字"
    return ""


# A body inside the jurisdiction that a "其中" sentence names as the doer of a part: "其中,司法助理员调解506件,
# 法律服务所调解555件;调委会调解1913件,调解成功率为97.5%" — the rate is the 调委会's, not the whole's.
_PART_DOER = re.compile(
    r"^(?:其中)?[\u4e00-\u9fff]{0,8}?(?:调委会|委员会|司法所|服务所|助理员|工作室|工作站|中心|法庭|派出所|组织|部门|单位"
    r"|乡镇|街道|社区|村)(?:共|全年)?(?:调解|调处|化解|受理|办理|审结|办结|接听|承办)"
)


def _rate_of_a_part(text: str, idx: _Index, pos: int) -> bool:
    """Whether the rate at pos follows, in a sentence of parts ("其中…"), a count whose clause names its doer."""
    start = idx.full_sentence_start(pos)
    sentence = text[start:pos]
    if not re.match(r"\s*其中", sentence):
        return False
    clauses = re.split(r"[,;:]", re.sub(r"^\s*其中\s*[,:]?", "", sentence))
    return any(_PART_DOER.match(c.strip()) for c in clauses[:-1])


# Not a place name: words of scope ("全市"), bodies, and the verbs that start a clause ("承办市人大代表建议").
_NOT_PLACE = re.compile(
    r"^[全各本我该每市县州区省两三多乡镇其]|政府|机关|部门|单位|法院|人大|政协|党委"
    r"|[办理审核受开展组织完成推进实施承建立设召发布计对向与和及在由按依经据共累各]"  # 宜兰各乡镇: every one of them
)


def _names_other_place(subject: str, jurisdiction: str) -> bool:
    stem = re.sub(
        r"(?:回族|藏族|彝族|蒙古族|维吾尔|壮族|苗族|土家族|哈萨克|自治|特别行政)+", "", jurisdiction
    )
    stem = re.sub(r"(?:州|市|县|区|旗|盟|省|地区)$", "", stem)
    subject = re.sub(r"^(?:其中|另外|此外)", "", subject)  # "其中城关镇调处纠纷860件"
    subject = re.sub(r"\d+\s*年度?", "", subject)  # "111年度各乡镇市受理…": a year is not part of a name
    # nor "今年" or months ("今年全市受理…", "1-12月全市…" name no place 今年全市, 月全市)
    subject = re.sub(r"(?:今年|本年|全年|当年|年内)度?", "", subject)
    subject = re.sub(
        r"(?:截[至止][到至]?)?(?:\d{1,2}\s*[-—–~至到]\s*)?\d{1,2}\s*月(?:份|底|末|\d{1,2}日)?", "", subject
    )
    for m in PLACE.finditer(subject):
        name = m.group(1)
        if _NOT_PLACE.search(name) or _NOT_PLACE.search(m.group(0)):
            continue
        if stem and (name.startswith(stem) or stem.startswith(name)):
            continue
        return True
    return False


def extract_figures(
    text: str,
    *,
    report_year: int | None = None,
    excluded_spans=(),
    reporter: str = "",
    jurisdiction: str = "",
) -> dict[str, Figure]:
    """key → the report's figure for its whole jurisdiction and year."""
    return choose(
        find_candidates(
            text,
            report_year=report_year,
            excluded_spans=excluded_spans,
            reporter=reporter,
            jurisdiction=jurisdiction,
        )
    )


def choose(candidates: list[Candidate]) -> dict[str, Figure]:
    """The figure of each key: the first stated, unless only weak wording ("收到申请") came first."""
    chosen: dict[str, tuple[int, Figure]] = {}
    for c in candidates:
        if c.rejected:
            continue
        current = chosen.get(c.figure.key)
        strong = 1 if c.rule.strength > 0 else 0
        if current is None or strong > current[0]:
            chosen[c.figure.key] = (strong, c.figure)
    return {k: v[1] for k, v in sorted(chosen.items(), key=lambda kv: kv[1][1].number_start)}
