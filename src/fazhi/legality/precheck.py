"""Pre-check of a draft's text (合法性审核 辅助预审): split the draft into clauses and flag each clause whose words
suggest one of the things a 行政规范性文件 may not do. It helps the reviewer and never decides: a flag names the
clause, the rule, its citation and the words that triggered it; the reviewer judges.

Pure (no database): `precheck(text)` is used by the review page, `fazhi precheck FILE` and the tests alike.

Citations. Marked [P] were checked word for word against the statute text in the public repository
LawRefBook/Laws (行政法/行政许可法.md, 行政法/行政处罚法.md, 行政法/行政强制法.md, 宪法相关法/立法法(2023-03-13).md,
行政法规/公平竞争审查条例(2024-06-06).md). 国办发〔2018〕37号 is not in that repository: its words are quoted from a
secondary reproduction (../shared/LAW.md §4a, [S]) and say so in the citation ("未核对正式文本").

A clause that names its own basis (依照/根据/按照《…》, 法律、法规规定, 依法) is not flagged for (a) and (c): the
reviewer checks the basis, the pre-check only finds rules without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Protocol

MAX_CHARS = 1_000_000
UNVERIFIED_37 = (
    "国办发〔2018〕37号《关于加强行政规范性文件制定和监督管理工作的通知》（二手来源，未核对正式文本）"
)


class Matcher(Protocol):
    def finditer(self, string: str) -> Iterator[re.Match[str]]: ...


@dataclass(frozen=True)
class Rule:
    key: str
    name: str  # the rule as the reviewer reads it
    citation: str
    patterns: tuple[Matcher, ...]
    needs_no_basis: bool = True  # a clause citing its basis is not flagged
    negatable: bool = False  # a trigger right after 不/免/无需 (不向…收取费用) is not one


@dataclass(frozen=True)
class Clause:
    label: str  # 第三条第二款, 第三条（一）, 第2段
    text: str


@dataclass(frozen=True)
class Flag:
    label: str
    clause: str
    rule: str
    citation: str
    trigger: str

    def as_json(self) -> dict[str, str]:
        return asdict(self)


def _p(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_ANY = r"[^。；;]{0,30}?"


@dataclass(frozen=True)
class PrivateDuty:
    """A duty of conduct put on a 公民、法人或者其他组织: a modal (应当/须/必须) followed, in the same sentence, by a
    verb of setting up, disclosing, reporting, informing or documenting (建立…制度, 公示, 填报, 报送, 告知, 出具, 签订,
    对接, 保存, 采取…措施). The same words with an administrative organ as subject (the sentence before the modal
    names 政府/部门/机关/委员会…, or the administration's own work: 监督管理, 管理工作) are the organ's duty, not a
    burden, and are not matched. Issue 11's second labelled set: every clause it missed was such a duty."""

    duty: re.Pattern[str]
    organ: re.Pattern[str]

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        for m in self.duty.finditer(string):
            start = max(string.rfind(stop, 0, m.start()) for stop in "。；;！？") + 1
            if not self.organ.search(string, start, m.start()):
                yield m


PRIVATE_DUTY = PrivateDuty(
    re.compile(
        r"(应当|必须|(?<![无必])须)[^。；;]{0,40}?"
        r"(建立[^。；;，,]{0,25}?(制度|机制|系统|台账|档案|账户)|公示|公开|公布|标示|标明|明示|告知|通知|"
        r"发布(告示|公告)|填报|报送|报告|传送|上传|提供|出具|签订|对接|保存|留存|采取[^。；;，,]{0,15}?(措施|管理))"
    ),
    re.compile(
        r"政府|部门|机关|委员会|办事处|街道|乡镇|(?<!格)局|办公室|法院|检察院|有关单位|各单位|成员单位"
        r"|监督管理(?!服务)|管理工作"
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        "licence",
        "设定行政许可",
        "《中华人民共和国行政许可法》第十七条：“除本法第十四条、第十五条规定的外，其他规范性文件一律不得设定行政许可。”"
        f"；{UNVERIFIED_37}：不得“设定行政许可、行政处罚、行政强制等事项”",
        _p(
            rf"未经{_ANY}(批准|许可|审批|核准|同意){_ANY}不得",
            r"(须|必须|应当|应)(先)?(经|报)[^。；;]{0,20}?(批准|审批|核准|许可)",
            r"(须|必须|应当|应)(先)?(取得|领取|办理)[^。；;]{0,20}?(许可证|许可|准营证|准入证|资格证|备案证明)",
            r"实行[^。；;]{0,15}?(审批|许可|核准)(制度|制|管理)",
            r"(须|必须|应当|应)(先)?经[^。；;]{0,15}?登记[，,]?(取得|领取)",
        ),
    ),
    Rule(
        "penalty",
        "设定行政处罚",
        "《中华人民共和国行政处罚法》第十六条：“除法律、法规、规章外，其他规范性文件不得设定行政处罚。”"
        f"；{UNVERIFIED_37}",
        _p(
            r"(?<!加)处以?[^。；;]{0,20}?罚款",
            r"(并处|(?<!加)处|予以|给予)(警告|通报批评|罚款)",
            r"没收(违法所得|非法财物|[^。；;]{0,10}?(工具|物品|车辆))",
            r"(吊销|暂扣)[^。；;]{0,10}?(许可证|执照|证件|资质)",
            r"责令(停产停业|关闭|停业整顿)",
            r"(限制从业|行政拘留|降低资质等级)",
        ),
    ),
    Rule(
        "coercion",
        "设定行政强制",
        "《中华人民共和国行政强制法》第十条第四款：“法律、法规以外的其他规范性文件不得设定行政强制措施。”"
        "第十三条第一款：“行政强制执行由法律设定。”"
        f"；{UNVERIFIED_37}",
        _p(
            r"(予以|可以|可|将)?(查封|扣押|扣留|冻结)",
            r"(强制拆除|强制清除|强制执行|加处罚款|滞纳金|划拨存款)",
            r"停止供(水|电|热|气|燃气)",
        ),
    ),
    Rule(
        "conditions",
        "增加许可条件或者要求出具证明",
        "《中华人民共和国行政许可法》第十六条第四款：法规、规章“对行政许可条件作出的具体规定，不得增设违反上位法的其他条件”；"
        "第三十一条第一款：“行政机关不得要求申请人提交与其申请的行政许可事项无关的技术资料和其他材料。”"
        f"；{UNVERIFIED_37}：不得“增加办理行政许可事项的条件”“规定出具循环证明、重复证明、无谓证明的内容”",
        _p(
            r"(出具|开具|提供|提交)[^。；;]{0,25}?(证明|无犯罪记录|介绍信|担保函|承诺书)",
            r"(循环证明|重复证明|无谓证明)",
            r"(还|另|另行|额外)(须|需|应|应当)(具备|具有|满足|提供|提交)",
            r"(增设|增加)[^。；;]{0,10}?(条件|前置|环节|材料)",
        ),
        needs_no_basis=False,
    ),
    Rule(
        "burden",
        "减损权益或者增加义务",
        f"{UNVERIFIED_37}：不得“违法减损公民、法人和其他组织的合法权益或者增加其义务”"
        "；地方政府规章：《中华人民共和国立法法》第九十三条第六款：“没有法律、行政法规、地方性法规的依据，"
        "地方政府规章不得设定减损公民、法人和其他组织权利或者增加其义务的规范。”",
        _p(
            r"(缴纳|交纳|缴存|收取|收缴)[^。；;]{0,10}?(保证金|押金|费用|赞助费|管理费|服务费|集资)",
            r"(应当|须|必须)(缴纳|交纳|缴存|购买|捐赠|捐款|认购)",
            r"(纳入|列入)[^。；;]{0,15}?(黑名单|失信|不良记录|信用)",
            r"(应当|须|必须)[^。；;]{0,25}?(申请|办理|申报)(登记|换领|换证|备案)",
            r"(取消|停止|暂停|不予)[^。；;]{0,12}?(资格|待遇|补贴|补助|办理|登记|入学|落户|就业)",
            r"(限制|禁止)[^。；;]{0,12}?(出行|出境|就业|入学|落户|消费|乘坐|参加)",
        )
        + (PRIVATE_DUTY,),
        negatable=True,
    ),
    Rule(
        "competition",
        "排除或者限制公平竞争",
        "《公平竞争审查条例》第八条：政策措施不得含有“限定经营、购买或者使用特定经营者提供的商品或者服务”"
        "“设置不合理或者歧视性的准入、退出条件”等内容；第九条：不得“排斥、限制、强制或者变相强制外地经营者在本地投资经营"
        "或者设立分支机构”“排斥、限制或者变相限制外地经营者参加本地政府采购、招标投标”",
        _p(
            r"(须|必须|应当|应|限于|仅限)[^。；;]{0,15}?在本(市|县|区|省|地)[^。；;]{0,8}?(注册|登记|设立|纳税|缴纳社保|设分支机构)",
            r"本地(企业|供应商|经营者|产品|商品|品牌)(优先|为限)",
            r"优先(采购|使用|选用|选择)[^。；;]{0,8}?本(地|市|县|区|省)",
            r"(外地|外省|外市|市外|县外|区外|省外)(企业|经营者|商品|产品|供应商)[^。；;]{0,15}?(不得|禁止|限制|须|应当)",
            r"(指定|限定)[^。；;]{0,15}?(供应商|经营者|企业|品牌|商品|产品|服务机构|中介机构)",
            r"(只能|仅能|统一)[^。；;]{0,10}?(向|从|在)[^。；;]{0,15}?(购买|采购|购置|办理)",
            r"(总量调控|总量控制|数量控制|限量投放)",
        ),
        needs_no_basis=False,
    ),
    Rule(
        "inner_body",
        "以部门内设机构名义制发",
        f"{UNVERIFIED_37}：“严禁以部门内设机构名义制发行政规范性文件”",
        _p(
            r"本(办法|规定|细则|通知|意见|方案|规则)由[^。；;，,]{0,20}?(科|股|处|室|中心|大队)(负责)?(解释|制定|印发|发布)",
            r"^(?!.*政府办公室$)[^。；;，,\s]{2,24}?(局|委|办)[^。；;，,\s]{1,10}?(科|股|处|室)$",
        ),
        needs_no_basis=False,
    ),
)

BASIS = re.compile(
    r"(依照|依据|根据|按照|遵照)[^。；;]{0,8}?《"
    r"|法律、(行政)?法规(另有)?规定|法律法规(另有)?规定|依法(给予|予以|实施|办理|取得|处理|查处|处罚|追究)"
)

# Article headings: 第一条 / 第12条; items （一） / (一) / 1. / 一、 inside a paragraph.
ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+条)[\s　]*")
ITEM = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])\s*")
HEADING = re.compile(r"^\s*第[一二三四五六七八九十\d]+[章节]")
CN_DIGITS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


def split_clauses(text: str) -> list[Clause]:
    """The draft's clauses: each 款 of each 条 (and each numbered item inside it); a draft without 第X条 is split
    into its paragraphs and numbered items. Chapter headings and blank lines are not clauses."""
    clauses: list[Clause] = []
    article: str | None = None
    paragraph = 0
    loose = 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip().replace("\u3000", " ").strip()
        if not line or HEADING.match(line) and len(line) < 40:
            continue
        m = ARTICLE.match(line)
        if m:
            article, paragraph = m.group(1), 1
            body = line[m.end() :].strip()
            if body:
                clauses.append(Clause(article, body))
            continue
        item = ITEM.match(line)
        if article is not None:
            if item and item.group(1).startswith(("（", "(")):
                clauses.append(Clause(f"{article}{item.group(1)}", line[item.end() :].strip() or line))
            else:
                paragraph += 1
                clauses.append(Clause(f"{article}第{_cn(paragraph)}款", line))
            continue
        loose += 1
        clauses.append(Clause(f"第{loose}段", line))
    return clauses


NEGATION = re.compile(r"(不向|不再|不予收取|不收|免收|免于|免予|无需|无须)[^。；;，,]{0,10}$")


def _first_trigger(rule: Rule, text: str) -> str | None:
    for pattern in rule.patterns:
        for m in pattern.finditer(text):
            if rule.negatable and NEGATION.search(text[max(0, m.start() - 14) : m.start()]):
                continue
            return m.group(0)
    return None


def precheck(text: str) -> dict:
    """{"clauses": N, "flags": [{"label", "clause", "rule", "citation", "trigger"}, ...]} for a draft's text."""
    text = (text or "")[:MAX_CHARS]
    clauses = split_clauses(text)
    flags: list[Flag] = []
    for clause in clauses:
        based = bool(BASIS.search(clause.text))
        for rule in RULES:
            if rule.needs_no_basis and based:
                continue
            trigger = _first_trigger(rule, clause.text)
            if trigger:
                flags.append(Flag(clause.label, clause.text, rule.name, rule.citation, trigger))
    return {"clauses": len(clauses), "flags": [f.as_json() for f in flags]}


def annotated(text: str) -> list[dict]:
    """The draft clause by clause for the review page: each clause with its flags beside it and its text cut into
    parts, the triggering words marked ({"text", "mark"}), so the page shows why a clause was flagged."""
    result = precheck(text)
    by_label: dict[str, list[dict]] = {}
    for flag in result["flags"]:
        by_label.setdefault(flag["label"], []).append(flag)
    rows = []
    for clause in split_clauses((text or "")[:MAX_CHARS]):
        flags = [f for f in by_label.get(clause.label, []) if f["clause"] == clause.text]
        rows.append(
            {
                "label": clause.label,
                "parts": _marked(clause.text, [f["trigger"] for f in flags]),
                "flags": flags,
            }
        )
    return rows


def _marked(text: str, triggers: list[str]) -> list[dict]:
    spans: list[tuple[int, int]] = []
    for trigger in triggers:
        at = text.find(trigger)
        if at >= 0:
            spans.append((at, at + len(trigger)))
    parts: list[dict] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        if start > pos:
            parts.append({"text": text[pos:start], "mark": False})
        parts.append({"text": text[start:end], "mark": True})
        pos = end
    if pos < len(text):
        parts.append({"text": text[pos:], "mark": False})
    return parts
