"""Who wrote the report, for which jurisdiction and year, to whom, when, under which document number."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import parse_chinese_integer
from .text import HEADING_MARKER

ADMIN_SUFFIX = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|新区|省|市|州|县|区|旗|盟|镇|乡|街道|苏木)"
_BODY_SUFFIX = (
    r"(?:人民政府(?:办公室|办公厅)?|政府(?:办公室|办公厅)?|人大常委会|委员会|党委|"
    r"(?:市场|城市|城乡|区域|社区|[^省市州县区旗盟,:;。]){1,14}?(?:局|厅|委|办|署|院|室|中心|所|会|处|队))"
)  # a body's name may hold 市/区 in a word: 市场监督管理局, 城市管理局, 城乡规划局
# "XX人民政府关于2023年度…的报告", "XX市司法局2023年法治政府建设工作报告"
_AUTHORITY_IN_TITLE = re.compile(
    r"^(?P<auth>[^,:;。]{2,40}?" + _BODY_SUFFIX + r")(?:关于|(?=(?:20\d\d|[二〇○零一三四五六七八九]{4})年))"
)
_HEADER_AUTHORITY = re.compile(r"^(?P<auth>[^,:;。]{2,40}?)文件$")
_JURISDICTION = re.compile(rf"^(?P<j>[^,:;。]{{1,30}}?{ADMIN_SUFFIX}){_BODY_SUFFIX}$")
_PLACE_BEFORE_YEAR = re.compile(
    rf"(?:关于)?(?P<j>[\u4e00-\u9fff]{{1,20}}?{ADMIN_SUFFIX})(?:人民政府|政府)?(?:关于)?(?:20\d\d|[二〇○零一三四五六七八九]{{4}})年"
)
# "2023年度XX县法治政府建设情况报告"
_PLACE_AFTER_YEAR = re.compile(
    rf"年度?(?P<j>[\u4e00-\u9fff]{{2,20}}?{ADMIN_SUFFIX})(?:人民政府|政府)?(?:法治|依法)"
)
_PLACE_IN_OPENING = re.compile(
    rf"^(?:20\d\d|[二〇○零一三四五六七八九]{{4}})年(?:度|以来)?,(?:[^,。]{{0,40}}下,)?"
    rf"(?P<j>[\u4e00-\u9fff]{{2,12}}?{ADMIN_SUFFIX})"
    r"(?=人民政府|政府|党委|坚持|以|深入|认真|全面|紧紧|在|始终|围绕|立足|聚焦|[^,。]{0,8}?(?:局|委员会|办公室|办事处))"
)
# How a report names its own place without the name: "我县", "本区", "现将县人民政府…", "全镇".
_SELF_PLACE = re.compile(
    r"(?P<own>[我本])(?P<s1>自治县|县|区|市|州|镇|乡|街道|旗)"
    r"|(?:^|(?<=[,。;:、将由在]))(?P<s2>县|区|市|州|镇|乡|旗)(?:人民政府|政府)"
    r"|全(?P<s3>县|区|市|州|镇|乡|街道|旗)"
)
# The place a cited document of the report's own government is named after: "《岳阳县人民政府常务会会前学法制度》",
# "《2022年岳阳县人民政府…计划》", "《舞阳县法治政府建设示范创建工作实施方案》".
_CITED_PLACE = re.compile(
    r"《(?:(?:20\d\d|[二〇○零一三四五六七八九]{4})年度?)?"
    r"(?P<p>[\u4e00-\u9fff]{2,8}?(?P<s>自治县|自治州|自治旗|县|区|市|州|镇|乡|街道|旗|盟))"
)
_NOT_A_NAME = re.compile(
    r"关于|法治|建设|推进|实施|政府|中共|国务院|办公|印发|加强|工作|城市|社区|全面|深化|规范|管理|行政|发展|服务"
    r"|[的和与及之]"
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号")
_CN_YEAR = r"[二〇○零一三四五六七八九]{4}"
_CN_SMALL = r"[一二三四五六七八九十]{1,3}"
DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|{_CN_YEAR})\s*年\s*(?P<m>\d{{1,2}}|{_CN_SMALL})\s*月\s*(?P<d>\d{{1,2}}|{_CN_SMALL})\s*日"
)
_YEAR = re.compile(rf"((?:19|20)\d{{2}}|{_CN_YEAR})\s*年")
_ADDRESSEE_WORDS = re.compile(r"政府|人大|常委会|委员会|党委|市委|省委|县委|州委|区委|部门|厅|局|办公室|各")
_NOT_ADDRESSEE = re.compile(r"^(?:签发人|来源|联系人|发布|作者|抄送|附件|主题词|关键词|索引号|发文)")
_PLAN_TITLE = re.compile(r"要点|计划|方案|通知|意见|办法|规定|细则")
_REPORT_TITLE = re.compile(r"报告|总结|情况")


@dataclass
class Metadata:
    title: str = ""
    authority: str = ""
    jurisdiction: str = ""
    doc_number: str = ""
    year: int | None = None
    addressee: str = ""
    date: str = ""  # ISO yyyy-mm-dd, the date the report was signed (落款日期)
    is_annual_report: bool = True


def _to_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return parse_chinese_integer(s)


def _date_iso(m: re.Match) -> str:
    y, mo, d = _to_int(m.group("y")), _to_int(m.group("m")), _to_int(m.group("d"))
    if not y or not mo or not d or not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def jurisdiction_of(name: str) -> str:
    """ "临夏回族自治州人民政府" → "临夏回族自治州"; "叶城县司法局" → "叶城县";
    "新疆维吾尔自治区喀什地区叶城县人民政府" → "叶城县"; "郑州市金水区人民政府" → "金水区"."""
    name = name.strip()
    m = _JURISDICTION.match(name)
    place = m.group("j") if m else ""
    if not place:
        return ""
    m = re.match(r"^.{2,12}?(?:省|自治区)(.{2,}" + ADMIN_SUFFIX + r")$", place)
    if m:
        place = m.group(1)
    for higher in (r"市", r"(?:地区|自治州|盟)", r"州"):
        m = re.match(rf"^.{{1,12}}?{higher}(.{{2,}}(?:县|区|旗|市|镇|乡|街道))$", place)
        if m:
            place = m.group(1)
            break
    m = re.match(r"^.{1,12}?(?:县|区|市|旗)(.{2,}(?:镇|乡|街道|苏木))$", place)
    if m:
        place = m.group(1)  # a town: "滑县万古镇" → "万古镇"
    return place


def extract_metadata(text: str) -> Metadata:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    head = paragraphs[:15]
    md = Metadata()

    # Title: the first short paragraph naming a report (or, failing that, any document kind).
    for pattern in (r"报告|总结", r"情况|要点|通知|计划|方案"):
        for p in head:
            if (
                len(p) <= 90
                and re.search(pattern, p)
                and not p.endswith(("。", ":"))
                and "法治" in p
                and not HEADING_MARKER.match(p)
            ):
                md.title = p
                break
        if md.title:
            break
    if md.title:
        md.is_annual_report = bool(_REPORT_TITLE.search(md.title)) and not (
            _PLAN_TITLE.search(md.title) and "报告" not in md.title
        )

    # Issuing authority: "XX人民政府关于…" in the title, else the letterhead "XX文件", else the signature.
    m = _AUTHORITY_IN_TITLE.match(md.title)
    if m:
        md.authority = m.group("auth")
    else:
        for p in paragraphs[:5]:
            m = _HEADER_AUTHORITY.match(p)
            if m:
                md.authority = m.group("auth")
                break
    if not md.authority:
        md.authority = _signature(paragraphs)

    md.jurisdiction = jurisdiction_of(md.authority) if md.authority else ""
    if not md.jurisdiction and md.title:
        m = _PLACE_BEFORE_YEAR.search(md.title) or _PLACE_AFTER_YEAR.search(md.title)
        if m:
            md.jurisdiction = jurisdiction_of(m.group("j") + "人民政府") or m.group("j")

    if not md.jurisdiction:
        # No title: the opening sentence names the place ("2023年，通州区坚持…", "2022年，永嘉县司法局…").
        for p in paragraphs[:4]:
            m = _PLACE_IN_OPENING.search(p[:120])
            if m:
                md.jurisdiction = jurisdiction_of(m.group("j") + "人民政府") or m.group("j")
                break

    if not md.jurisdiction:
        # No title and no place in the opening: the place the report's own cited documents are named after.
        md.jurisdiction = _place_of_cited_documents(text)

    md.doc_number = _doc_number(paragraphs)

    # Reporting year: the year in the title, else the first year in the opening paragraphs.
    m = _YEAR.search(md.title)
    if not m:
        for p in paragraphs[:8]:
            if p == md.title or DATE.fullmatch(p):
                continue
            m = _YEAR.search(p)
            if m:
                break
    if m:
        md.year = _to_int(m.group(1))
        # A news item dated on its own dateline ("青石晚报 2020-03-20") reports that year or the one before: a year
        # its opening names earlier than that is history ("继2016年…获得表彰之后"), not the year it reports.
        published = _dateline(paragraphs[:3])
        if published and not _YEAR.search(md.title) and md.year < published[0] - 1:
            md.year = published[0] - 1 if published[1] <= 3 else published[0]

    for p in head:
        if (
            len(p) <= 60
            and p.endswith(":")
            and p != md.title
            and not _NOT_ADDRESSEE.match(p)
            and _ADDRESSEE_WORDS.search(p)
        ):
            md.addressee = p[:-1]
            break

    md.date = _signing_date(paragraphs)
    if md.year is None and md.date:
        md.year = int(md.date[:4]) - 1
    return md


_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")


def _dateline(paragraphs: list[str]) -> tuple[int, int] | None:
    """(year, month) of the first date written as a page's publication date ("2020-03-20 10:10"), if any."""
    for p in paragraphs:
        m = _ISO_DATE.search(p)
        if m and 1 <= int(m.group(2)) <= 12:
            return int(m.group(1)), int(m.group(2))
    return None


def _place_of_cited_documents(text: str) -> str:
    """The place named at the head of the cited 《…》 documents, of the kind the report calls its own ("我县"
    → a 县): the most frequent one, if no other place of that kind is cited as often."""
    weights: dict[str, int] = {}
    for m in _SELF_PLACE.finditer(text):
        kind = m.group("s1") or m.group("s2") or m.group("s3")
        weights[kind] = weights.get(kind, 0) + (1 if m.group("s3") else 2)
    if not weights:
        return ""
    own = max(weights, key=weights.get)
    if sorted(weights.values())[-2:] == [weights[own], weights[own]] and len(weights) > 1:
        return ""  # "我县" as often as "我镇": unclear
    own = {"自治县": "县", "自治州": "州", "自治旗": "旗"}.get(own, own)
    counts: dict[str, int] = {}
    for m in _CITED_PLACE.finditer(text):
        name, kind = m.group("p"), m.group("s")
        kind = {"自治县": "县", "自治州": "州", "自治旗": "旗"}.get(kind, kind)
        if kind != own or _NOT_A_NAME.search(name[: -len(m.group("s"))]):
            continue
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return ""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""
    return jurisdiction_of(ranked[0][0] + "人民政府") or ranked[0][0]


def _doc_number(paragraphs: list[str]) -> str:
    """The document's own number: on a line of its own in the letterhead, else anywhere but in a citation
    ("根据《…》(厅字〔2019〕28号)" cites another document)."""
    for p in paragraphs[:10]:
        if DOC_NUMBER.fullmatch(p):
            return re.sub(r"\s+", "", p)
    for p in paragraphs:
        for m in DOC_NUMBER.finditer(p):
            before = p[: m.start()]
            if before.count("(") > before.count(")") or before.count("《") > before.count("》"):
                continue
            if re.search(r"(?:根据|按照|依据|印发|转发)[^。]{0,40}$", before):
                continue
            return re.sub(r"\s+", "", m.group(0))
    return ""


def _signature(paragraphs: list[str]) -> str:
    """The signing authority: a short line just before the date line near the end."""
    for i in range(len(paragraphs) - 1, max(0, len(paragraphs) - 12), -1):
        if DATE.fullmatch(paragraphs[i]) and i > 0:
            prev = paragraphs[i - 1]
            if len(prev) <= 30 and re.search(_BODY_SUFFIX + "$", prev) and not prev.endswith("。"):
                return prev
    return ""


def _signing_date(paragraphs: list[str]) -> str:
    for p in reversed(paragraphs):
        m = DATE.fullmatch(p)
        if m:
            return _date_iso(m)
    for p in reversed(paragraphs):
        m = DATE.search(p)
        if m and len(p) <= 40 and re.search(r"印发|发布|日期|时间", p):
            return _date_iso(m)
    return ""
