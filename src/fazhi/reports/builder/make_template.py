"""Builds the default Word template of the annual report, src/fazhi/reports/templates_docx/annual_report.docx.

    python -m fazhi.reports.builder.make_template [OUT]

The layout follows the 党政机关公文格式 (GB/T 9704—2012) as the seeds do: 红头 (发文机关标志) in red, 发文字号
(and 签发人 for a report to a higher authority), a red separator line, the title in a large serif face,
主送机关, the body in 三号 (16 pt) at 22 lines a page, 一级标题 in a sans face (黑体), 二级标题 in bold
serif, 发文机关署名 and 成文日期 at the end, 附注 "（此件公开发布）", and page numbers "— 1 —".

Fonts: the free Noto CJK faces that Debian's fonts-noto-cjk installs (scripts/install-office), so the PDF that
LibreOffice prints on the server shows every glyph: "Noto Serif CJK SC" stands for 仿宋/宋体/小标宋 and
"Noto Sans CJK SC" for 黑体. An office that prints on Windows with 方正小标宋/仿宋_GB2312 replaces the
template with its own 红头 file (README.md in this package lists the variables).

The template's own help (the variables) is in `{#p … #}` paragraphs at its top, which docxtpl removes when it
renders, and in the document's properties (备注)."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE_PATH = Path(__file__).resolve().parents[1] / "templates_docx" / "annual_report.docx"

SERIF = "Noto Serif CJK SC"  # 仿宋 / 宋体 / 小标宋
SANS = "Noto Sans CJK SC"  # 黑体
RED = RGBColor(0xE0, 0x00, 0x00)
BODY_PT = 16  # 三号
LINE_PT = 28.95  # 22 lines on the 225 mm type area
INDENT = Pt(2 * BODY_PT)  # 首行缩进二字

VARIABLES = [
    ("doc_header", "红头：发文机关标志，如 澜川市人民政府文件；为空时不印"),
    ("doc_number", "发文字号，如 澜政〔2026〕12号"),
    ("signer", "签发人（上行文）；为空时不印"),
    ("title", "标题，如 澜川市人民政府关于2025年度法治政府建设情况的报告"),
    ("addressee", "主送机关，如 省人民政府（模板在其后加全角冒号）"),
    ("intro / intro_rich", "开头段：纯文本 / 带数据的富文本（用 r 标签插入）"),
    ("sections", "五部分正文的列表；每项有 number、heading、title、key、text 和 blocks"),
    ("s.blocks", "每段：heading 为真时是二级标题；rich 为富文本（用 r 标签插入），text 为纯文本"),
    (
        "section",
        "按 key 取某一部分：measures_and_results、shortcomings_and_causes、"
        "leaders_first_responsibility、next_year_plan、other_matters",
    ),
    ("closing", "结束语，如 特此报告。"),
    ("issuer", "发文机关署名，如 澜川市人民政府"),
    ("date_cn", "成文日期，如 2026年3月20日"),
    ("public_note", "附注，如 此件公开发布；为空时不印"),
    ("print_office / print_date_cn", "版记：印发机关和印发日期；为空时不印版记"),
    (
        "year / next_year / org_name / deadline_cn",
        "报告年度、下一年度、机构名称、公开期限（如 2026年4月1日）",
    ),
    ("figures", "正文引用的全部数据：token、name、text、formula（可做附表）"),
]


def _fonts(target, east: str, latin: str | None = None) -> None:
    """Set the East Asian and Latin faces of a style or run (python-docx sets only the Latin ones)."""
    latin = latin or east
    target.font.name = latin
    rpr = target.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr, val in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east), ("w:cs", latin)):
        rfonts.set(qn(attr), val)


def _lang(style) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)


def _border(paragraph, side: str, color: str = "E00000", size: int = 12) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size))
    el.set(qn("w:space"), "1")
    el.set(qn("w:color"), color)
    bdr.append(el)


def _para_style(
    doc,
    name: str,
    *,
    font: str = SERIF,
    size: int = BODY_PT,
    bold: bool = False,
    indent=INDENT,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    color: RGBColor | None = None,
    line: float = LINE_PT,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
):
    st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = doc.styles["Normal"]
    st.quick_style = True
    _fonts(st, font)
    st.font.size = Pt(size)
    st.font.bold = bold
    if color is not None:
        st.font.color.rgb = color
    pf = st.paragraph_format
    pf.first_line_indent = indent
    pf.alignment = align
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.keep_with_next = keep_next
    pf.widow_control = True
    return st


def _page_number_footer(section) -> None:
    footer = section.footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)

    def run(text: str = ""):
        r = p.add_run(text)
        _fonts(r, SERIF)
        r.font.size = Pt(14)  # 4号
        return r

    run("— ")
    r = run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r._r.append(fc)
        elif text.strip() == "PAGE":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            r._r.append(it)
        else:
            t = OxmlElement("w:t")
            t.text = text
            r._r.append(t)
    run(" —")


def build(out: Path = TEMPLATE_PATH) -> Path:
    doc = Document()
    # 页面: A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (GB/T 9704—2012 5.2.1).
    sec = doc.sections[0]
    sec.start_type = WD_SECTION.NEW_PAGE
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    sec.footer_distance = Cm(2.2)

    normal = doc.styles["Normal"]
    _fonts(normal, SERIF)
    _lang(normal)
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_after = Pt(0)

    help_st = _para_style(
        doc,
        "Fazhi Help",
        size=10,
        indent=Pt(0),
        line=14,
        color=RGBColor(0x60, 0x60, 0x60),
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    header_st = _para_style(
        doc,
        "Fazhi Red Header",
        font=SERIF,
        size=40,
        bold=True,
        indent=Pt(0),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        color=RED,
        line=60,
        before=12,
        after=18,
    )
    number_st = _para_style(doc, "Fazhi Doc Number", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.CENTER)
    signer_st = _para_style(doc, "Fazhi Doc Number Signer", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
    signer_st.paragraph_format.left_indent = Pt(BODY_PT)
    signer_st.paragraph_format.tab_stops.add_tab_stop(Cm(15.6) - Pt(2 * BODY_PT), WD_TAB_ALIGNMENT.RIGHT)
    rule_st = _para_style(doc, "Fazhi Red Rule", size=6, indent=Pt(0), line=8, after=24)
    title_st = _para_style(
        doc,
        "Fazhi Title",
        size=22,
        bold=True,
        indent=Pt(0),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=36,
        before=0,
        after=LINE_PT,
    )
    addressee_st = _para_style(doc, "Fazhi Addressee", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
    body_st = _para_style(doc, "Fazhi Body")
    h1_st = _para_style(doc, "Fazhi Heading 1", font=SANS, keep_next=True)
    h2_st = _para_style(doc, "Fazhi Heading 2", bold=True, keep_next=True)
    sign_st = _para_style(doc, "Fazhi Signature", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.RIGHT)
    sign_st.paragraph_format.right_indent = Pt(4 * BODY_PT)  # 成文日期右空四字
    note_st = _para_style(doc, "Fazhi Note", align=WD_ALIGN_PARAGRAPH.LEFT)
    print_st = _para_style(
        doc, "Fazhi Print Line", size=14, indent=Pt(14), align=WD_ALIGN_PARAGRAPH.LEFT, before=2 * LINE_PT
    )
    print_st.paragraph_format.right_indent = Pt(14)
    print_st.paragraph_format.tab_stops.add_tab_stop(Cm(15.6) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)

    def para(text: str, style) -> object:
        p = doc.add_paragraph(style=style)
        if text:
            p.add_run(text)
        return p

    # The template's own help: removed by docxtpl when the report is rendered ({#p … #} comments).
    para(
        "{#p 法治政府建设年度报告 Word 模板（docxtpl / Jinja2）。本段及以下说明在生成报告时自动删除。#}",
        help_st,
    )
    para(
        "{#p 可替换为本机关的红头模板：保留下列变量和循环标签即可，字体、字号、页边距可自行调整。#}", help_st
    )
    for name, text in VARIABLES:
        para(f"{{#p 变量 {name}：{text}。#}}", help_st)
    para(
        "{#p 富文本段落用 r 标签插入（两个左花括号紧跟字母 r），如 intro_rich 和 b.rich；其他变量用普通双花括号。#}",
        help_st,
    )

    para("{%p if doc_header %}", body_st)
    para("{{ doc_header }}", header_st)
    para("{%p endif %}", body_st)
    # 上行文: 发文字号居左空一字, 签发人居右空一字; otherwise the number is centred (GB/T 9704—2012 7.2.4).
    para("{%p if signer %}", body_st)
    p = para("", signer_st)
    p.add_run("{{ doc_number }}")
    p.add_run("\t")
    p.add_run("签发人：{{ signer }}")
    para("{%p else %}", body_st)
    para("{{ doc_number }}", number_st)
    para("{%p endif %}", body_st)
    rule = para("", rule_st)
    _border(rule, "bottom", size=18)
    para("{{ title }}", title_st)
    para("{{ addressee }}：", addressee_st)
    para("{{r intro_rich }}", body_st)
    para("{%p for s in sections %}", body_st)
    para("{{ s.heading }}", h1_st)
    para("{%p for b in s.blocks %}", body_st)
    para("{%p if b.heading %}", body_st)
    para("{{r b.rich }}", h2_st)
    para("{%p else %}", body_st)
    para("{{r b.rich }}", body_st)
    para("{%p endif %}", body_st)
    para("{%p endfor %}", body_st)
    para("{%p endfor %}", body_st)
    para("{{ closing }}", body_st)
    para("", body_st)
    para("", body_st)
    para("{{ issuer }}", sign_st)
    para("{{ date_cn }}", sign_st)
    para("{%p if public_note %}", body_st)
    para("（{{ public_note }}）", note_st)
    para("{%p endif %}", body_st)
    para("{%p if print_office %}", body_st)
    pl = para("", print_st)
    pl.add_run("{{ print_office }}")
    pl.add_run("\t")
    pl.add_run("{{ print_date_cn }}印发")
    _border(pl, "top", color="000000", size=6)
    _border(pl, "bottom", color="000000", size=6)
    para("{%p endif %}", body_st)

    _page_number_footer(sec)

    props = doc.core_properties
    props.title = "法治政府建设年度报告模板"
    props.author = "法治 Fazhi"
    # docxtpl renders the document properties too, so the help here has no template tags.
    props.comments = (
        "docxtpl 模板。变量说明见文首灰色说明段（生成报告时自动删除）和 fazhi/reports/builder/README.md。"
    )
    props.keywords = "法治政府建设 年度报告 docxtpl"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_PATH)
    print(path)
