"""Builds the default Word template of the annual report, src/fazhi/reports/templates_docx/annual_report.docx.

    python -m fazhi.reports.builder.make_template [OUT]

The layout is the 党政机关公文格式 (GB/T 9704—2012): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm with a
document grid of 22 lines × 28 characters; 份号 and 密级 (optional) at the top left; the 红头 (发文机关标志)
in red; the 发文字号 centred, or for a report to a higher authority at the left with 签发人 at the right; a red
separator line; the title in 2号方正小标宋简体; 主送机关; the body in 3号仿宋_GB2312, 一级标题 in 黑体, 二级标题
in 楷体_GB2312; 发文机关署名 and 成文日期; 附注 "（此件公开发布）"; the 版记 (抄送, 印发机关 and 印发日期 between
its rules) at the foot of the last page; page numbers "— 1 —" in 4号半角宋体, odd pages right, even pages left.

Fonts are named as offices have them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体), East Asian
attribute included (w:eastAsia), so WPS and Word use them. The server has none of them: its LibreOffice prints
the PDF with free Simplified Chinese faces that fonts.conf in this package substitutes for those names
(render_pdf.py).

The template's own help (the variables) is in `{#p … #}` paragraphs at its top, which docxtpl removes when it
renders."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

TEMPLATE_PATH = Path(__file__).resolve().parents[1] / "templates_docx" / "annual_report.docx"

# The faces GB/T 9704—2012 names, as offices' Windows machines have them.
TITLE_FONT = "方正小标宋简体"  # 发文机关标志, 标题
BODY_FONT = "仿宋_GB2312"  # 正文, 版记, 发文字号
H1_FONT = "黑体"  # 一级标题, 密级
H2_FONT = "楷体_GB2312"  # 二级标题, 签发人姓名
PAGE_FONT = "宋体"  # 页码
FONTS = (TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT, PAGE_FONT)
RED = RGBColor(0xE0, 0x00, 0x00)
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
SMALL_PT = 14  # 4号: 版记, 页码
INDENT = Pt(2 * BODY_PT)  # 首行缩进二字

# Page (GB/T 9704—2012 5.2): A4 210 × 297 mm, in twips (1/1440 in): 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
PAGE_W, PAGE_H = 11906, 16838
TOP, BOTTOM, LEFT, RIGHT = 2098, 1984, 1587, 1474  # 37, 35, 28, 26 mm
TYPE_W, TYPE_H = PAGE_W - LEFT - RIGHT, PAGE_H - TOP - BOTTOM  # 8845 × 12756 (156 × 225 mm)
LINES, CHARS = 22, 28
LINE_PITCH = TYPE_H // LINES  # 579 twips = 28.95 pt
LINE_PT = LINE_PITCH / 20
# w:charSpace: what each character's pitch adds to the Normal size, in 1/4096 pt: 28 characters of 3号 on 156 mm.
CHAR_SPACE = math.floor((TYPE_W / 20 / CHARS - BODY_PT) * 4096)  # -842

VARIABLES = [
    ("copy_no / secrecy", "份号（6位数字）/ 密级和保密期限，均可为空；为空时不印"),
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
    ("cc", "版记：抄送机关，如 市委办公室，市人大常委会办公室（模板在其后加句号）；为空时不印"),
    ("print_office / print_date_cn", "版记：印发机关和印发日期；为空时不印版记"),
    (
        "year / next_year / org_name / deadline_cn",
        "报告年度、下一年度、机构名称、公开期限（如 2026年4月1日）",
    ),
    ("figures", "正文引用的全部数据：token、name、text、formula（可做附表）"),
]


def _fonts(target, east: str, latin: str | None = None) -> None:
    """Set the East Asian and Latin faces of a style or run (python-docx sets only the Latin ones): Word and WPS
    take the face of Chinese text from w:eastAsia."""
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
    font: str = BODY_FONT,
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


def _page_number(footer, *, odd: bool) -> None:
    """ "— 1 —" in 4号半角宋体: odd pages at the right, even pages at the left, one character in (GB/T 9704 7.5)."""
    p = footer.paragraphs[0]
    pf = p.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    pf.first_line_indent = Pt(0)
    if odd:
        pf.right_indent = Pt(SMALL_PT)
    else:
        pf.left_indent = Pt(SMALL_PT)

    def run(text: str = ""):
        r = p.add_run(text)
        _fonts(r, PAGE_FONT)
        r.font.size = Pt(SMALL_PT)
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


def _off_grid(style):
    """Lay the style's paragraphs by their own line spacing: w:snapToGrid off (LibreOffice would otherwise round
    each line up to whole lines of the grid)."""
    ppr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(
        snap,
        *(
            f"w:{t}"
            for t in (
                "spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
                "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
            ).split()
        ),
    )
    return style


def _doc_grid(section) -> None:
    """22 lines × 28 characters: the document grid Word and WPS lay the body on."""
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _set(el, tag: str, **attrs) -> None:
    child = OxmlElement(tag)
    for k, v in attrs.items():
        child.set(qn(f"w:{k}"), str(v))
    el.append(child)


COLOPHON_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
  xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0"
  locked="0" layoutInCell="1" allowOverlap="0">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="1001" name="版记"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>
</a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"><a:spAutoFit/>
</wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""


def _colophon(doc, style, anchor_style) -> None:
    """版记 (GB/T 9704 7.5): 抄送 and 印发机关/印发日期 in 4号仿宋 between a thick first rule, a thin rule between
    them and a thick last rule that lies on the lower edge of the type area: a table in a text box anchored at
    the foot of the last page's type area, as wide as the type area (Word, WPS and LibreOffice all place a
    bottom-aligned text box there; LibreOffice ignores a floating table's bottom position)."""
    table = doc.add_table(rows=4, cols=1)
    tbl = table._tbl
    tpr = tbl.tblPr
    for el in list(tpr):
        tpr.remove(el)
    # CT_TblPr's children in the schema's order (Word refuses a file with them out of order).
    _set(tpr, "w:tblW", w=TYPE_W, type="dxa")
    _set(tpr, "w:jc", val="center")
    borders = OxmlElement("w:tblBorders")
    for side, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 4), ("insideV", 0)):
        _set(borders, f"w:{side}", val="single" if size else "nil", sz=size, space=0, color="000000")
    tpr.append(borders)
    _set(tpr, "w:tblLayout", type="fixed")
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        _set(mar, f"w:{side}", w=0, type="dxa")
    tpr.append(mar)
    grid = tbl.tblGrid
    for col in grid.findall(qn("w:gridCol")):
        col.set(qn("w:w"), str(TYPE_W))
    rows = table.rows
    texts = [
        ["{%tr if cc %}"],
        ["抄送：{{ cc }}。"],
        ["{%tr endif %}"],
        ["{{ print_office }}", "\t", "{{ print_date_cn }}印发"],
    ]
    for row, parts in zip(rows, texts, strict=True):
        cell = row.cells[0]
        cell.width = TYPE_W * 635  # twips → EMU
        p = cell.paragraphs[0]
        p.style = style
        for t in parts:
            p.add_run(t)
    # 抄送: left and right one character in; a second line aligns under the first name after the colon.
    cc_pf = rows[1].cells[0].paragraphs[0].paragraph_format
    cc_pf.left_indent = Pt(4 * SMALL_PT)
    cc_pf.first_line_indent = Pt(-3 * SMALL_PT)
    # Into the text box, which ends with a paragraph as every text container does.
    anchor = doc.add_paragraph(style=anchor_style)
    emu = 635  # per twip
    anchor._p.append(parse_xml(COLOPHON_BOX.format(cx=TYPE_W * emu, cy=2 * LINE_PITCH * emu)))
    box = anchor._p.find(".//" + qn("w:txbxContent"))
    box.append(tbl)
    end = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    _set(ppr, "w:pStyle", val=anchor_style.style_id)
    end.append(ppr)
    box.append(end)


def build(out: Path = TEMPLATE_PATH) -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.start_type = WD_SECTION.NEW_PAGE
    sec.page_width, sec.page_height = Twips(PAGE_W), Twips(PAGE_H)
    sec.top_margin, sec.bottom_margin = Twips(TOP), Twips(BOTTOM)
    sec.left_margin, sec.right_margin = Twips(LEFT), Twips(RIGHT)
    # The page number's dash line lies 7 mm below the type area: its 4号 line ends about 23 mm above the edge.
    sec.footer_distance = Mm(23)
    sec.header_distance = Mm(15)
    _doc_grid(sec)

    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT)
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
    # 份号: 6位3号阿拉伯数字, 版心左上角第一行; 密级和保密期限: 3号黑体, 第二行 (GB/T 9704 7.2.1, 7.2.2).
    copy_st = _para_style(doc, "Fazhi Copy Number", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
    secrecy_st = _para_style(doc, "Fazhi Secrecy", font=H1_FONT, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
    # 发文机关标志: 小标宋体, 红色, 居中; its upper edge 35 mm below the type area's (7.2.3).
    header_st = _para_style(
        doc,
        "Fazhi Red Header",
        font=TITLE_FONT,
        size=40,
        indent=Pt(0),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        color=RED,
        line=56,
        before=0,
        after=2 * LINE_PT,  # 发文字号在发文机关标志下空二行
    )
    number_st = _para_style(doc, "Fazhi Doc Number", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.CENTER)
    # 上行文: 发文字号居左空一字, 签发人居右空一字, 在同一行 (7.2.4, 7.2.5).
    signer_st = _para_style(doc, "Fazhi Doc Number Signer", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
    signer_st.paragraph_format.left_indent = Pt(BODY_PT)
    signer_st.paragraph_format.tab_stops.add_tab_stop(Twips(TYPE_W) - Pt(BODY_PT), WD_TAB_ALIGNMENT.RIGHT)
    # 红色分隔线: 发文字号之下 4 mm, 与版心等宽 (7.2.6).
    rule_st = _para_style(doc, "Fazhi Red Rule", size=6, indent=Pt(0), line=6, after=2 * LINE_PT - 6)
    # 标题: 2号小标宋体, 分隔线下空二行, 居中; 主送机关在标题下空一行 (7.3.1, 7.3.2).
    title_st = _para_style(
        doc,
        "Fazhi Title",
        font=TITLE_FONT,
        size=TITLE_PT,
        indent=Pt(0),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=35,
        before=0,
        after=LINE_PT,
    )
    # The 版头 is placed by its own measures (35 mm, 空二行, 4 mm), not on the body's line grid.
    for st in (header_st, number_st, signer_st, rule_st, title_st):
        _off_grid(st)
    addressee_st = _para_style(doc, "Fazhi Addressee", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
    body_st = _para_style(doc, "Fazhi Body")
    # 结构层次: 第一层黑体, 第二层楷体 (7.3.3).
    h1_st = _para_style(doc, "Fazhi Heading 1", font=H1_FONT, keep_next=True)
    h2_st = _para_style(doc, "Fazhi Heading 2", font=H2_FONT, keep_next=True)
    sign_st = _para_style(doc, "Fazhi Signature", indent=Pt(0), align=WD_ALIGN_PARAGRAPH.RIGHT)
    sign_st.paragraph_format.right_indent = Pt(4 * BODY_PT)  # 成文日期右空四字 (7.3.5)
    note_st = _para_style(doc, "Fazhi Note", align=WD_ALIGN_PARAGRAPH.LEFT)  # 附注: 居左空二字加圆括号
    print_st = _para_style(
        doc, "Fazhi Print Line", size=SMALL_PT, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT, line=LINE_PT
    )
    print_st.paragraph_format.left_indent = Pt(SMALL_PT)  # 印发机关左空一字, 印发日期右空一字
    print_st.paragraph_format.right_indent = Pt(SMALL_PT)
    print_st.paragraph_format.tab_stops.add_tab_stop(Twips(TYPE_W) - Pt(2 * SMALL_PT), WD_TAB_ALIGNMENT.RIGHT)

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

    para("{%p if copy_no %}", body_st)
    para("{{ copy_no }}", copy_st)
    para("{%p endif %}", body_st)
    para("{%p if secrecy %}", body_st)
    para("{{ secrecy }}", secrecy_st)
    para("{%p endif %}", body_st)
    para("{%p if doc_header %}", body_st)
    # 发文机关标志上边缘至版心上边缘 35 mm: one empty line of 99 pt (less the lines 份号/密级 take).
    para("{%p if not copy_no and not secrecy %}", body_st)
    para("", _off_grid(_para_style(doc, "Fazhi Header Space", indent=Pt(0), line=90)))
    para("{%p endif %}", body_st)
    para("{{ doc_header }}", header_st)
    para("{%p endif %}", body_st)
    para("{%p if signer %}", body_st)
    p = para("", signer_st)
    p.add_run("{{ doc_number }}")
    p.add_run("\t")
    p.add_run("签发人：")
    name = p.add_run("{{ signer }}")
    _fonts(name, H2_FONT)  # 签发人姓名用3号楷体字
    para("{%p else %}", body_st)
    para("{{ doc_number }}", number_st)
    para("{%p endif %}", body_st)
    rule = para("", rule_st)
    _border(rule, "bottom", size=12)
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
    _colophon(doc, print_st, _para_style(doc, "Fazhi Anchor", size=1, indent=Pt(0), line=1))
    para("{%p endif %}", body_st)

    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(sec.footer, odd=True)
    _page_number(sec.even_page_footer, odd=False)

    props = doc.core_properties
    props.title = "法治政府建设年度报告"  # the report's own title replaces it when rendered (render_docx)
    props.author = "法治 Fazhi"
    props.comments = ""
    props.keywords = "法治政府建设 年度报告"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_PATH)
    print(path)
