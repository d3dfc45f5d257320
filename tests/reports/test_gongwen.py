"""The annual report in 公文 form (GB/T 9704—2012).

The Word file read from its XML: the faces offices have (w:eastAsia), sizes, page and type area, the 22 × 28
grid, page numbers, 签发人 for a report to a higher authority, the 版记; the document's title. The PDF: only
Simplified Chinese faces, embedded, and the report's title; its first page against a reference image, so a
template change that breaks the 红头 is seen. Dates and the 发文字号: the number from the office's numbering on
publication, the publication sentence that follows the dates.

The Word tests need no database (a figure source without data and texts without placeholders)."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from django.core.exceptions import ValidationError
from lxml import etree

from fazhi.core import numbering
from fazhi.indicators.registry import Period
from fazhi.reports.builder import draft as drafting
from fazhi.reports.builder import make_template
from fazhi.reports.builder.placeholders import FigureSource
from fazhi.reports.builder.render_docx import ReportContent, render_docx
from fazhi.reports.builder.render_pdf import docx_to_pdf, line_grid, soffice_path
from fazhi.reports.builder.services import render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
REFERENCE = Path(__file__).parent / "data" / "gongwen_first_page.png"
TITLE = "青川市人民政府关于2025年度法治政府建设情况的报告"
PARAGRAPH = (
    "市政府坚持把法治政府建设作为全面依法治市的主体工程，纳入经济社会发展总体规划和年度工作计划，"
    "与经济社会发展同部署、同推进、同督促、同考核，严格落实党政主要负责人履行推进法治建设第一责任人职责。"
)


def _content(**kw) -> ReportContent:
    sections = {
        key: "\n".join(
            [f"（{n}）坚持党的领导，健全推进机制" for n in "一"] + [PARAGRAPH] * (3 if i == 0 else 1)
        )
        for i, key in enumerate(drafting.SECTION_KEYS)
    }
    fields = {
        "doc_header": "青川市人民政府文件",
        "issuer": "青川市人民政府",
        "doc_number": "青政〔2026〕7号",
        "signer": "李明",
        "addressee": "省人民政府",
        "title": TITLE,
        "signed_on": date(2026, 3, 20),
        "intro": "2025年，青川市坚持以习近平新时代中国特色社会主义思想为指导，扎实推进依法行政。现将有关情况报告如下：",
        "closing": "特此报告。",
        "print_office": "青川市人民政府办公室",
        "print_date": date(2026, 3, 21),
        "cc": "市委办公室，市人大常委会办公室，市政协办公室",
        **kw,
    }
    return ReportContent(org=SimpleNamespace(name="青川市"), year=2025, sections=sections, **fields)


def _source() -> FigureSource:
    return FigureSource(SimpleNamespace(name="青川市"), Period.year(2025), values={}, links=False)


def _xml(docx: bytes, name: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read(name))


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _style(styles, name: str):
    for st in styles.iterfind("w:style", NS):
        if st.find("w:name", NS).get(_w("val")) == name:
            return st
    raise AssertionError(f"no style {name}")


def _style_font(styles, name: str) -> tuple[str, int, str | None]:
    """(East Asian face, size in half-points, colour) of a paragraph style."""
    rpr = _style(styles, name).find("w:rPr", NS)
    return (
        rpr.find("w:rFonts", NS).get(_w("eastAsia")),
        int(rpr.find("w:sz", NS).get(_w("val"))),
        rpr.find("w:color", NS).get(_w("val")) if rpr.find("w:color", NS) is not None else None,
    )


def _paragraphs(doc) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(_w("t"))) for p in doc.iter(_w("p"))]


# ---------------------------------------------------------------------------------------------------------
# The Word file


def test_docx_uses_the_gb_faces_and_sizes_with_east_asian_attributes():
    docx = render_docx(_content(), _source())
    styles = _xml(docx, "word/styles.xml")
    assert _style_font(styles, "Fazhi Title")[:2] == ("方正小标宋简体", 44)  # 2号
    assert _style_font(styles, "Fazhi Body")[:2] == ("仿宋_GB2312", 32)  # 3号
    assert _style_font(styles, "Fazhi Heading 1")[:2] == ("黑体", 32)
    assert _style_font(styles, "Fazhi Heading 2")[:2] == ("楷体_GB2312", 32)
    assert _style_font(styles, "Fazhi Red Header") == ("方正小标宋简体", 80, "E00000")
    assert _style_font(styles, "Normal")[:2] == ("仿宋_GB2312", 32)
    # Every face the document uses is one of the GB faces (no Noto, no 宋体-like serif standing in for 仿宋).
    used = [
        st for st in styles.iterfind("w:style", NS) if st.get(_w("styleId")).startswith(("Fazhi", "Normal"))
    ]
    used += [_xml(docx, part) for part in ("word/document.xml", "word/footer1.xml", "word/footer2.xml")]
    faces = {
        v
        for el in used
        for rf in el.iter(_w("rFonts"))
        for k, v in rf.attrib.items()
        if k in (_w("eastAsia"), _w("ascii"), _w("hAnsi"))
    }
    assert faces == set(make_template.FONTS), faces
    # Word and WPS take the face of Chinese text from w:eastAsia: the body's runs inherit it from their style.
    doc = _xml(docx, "word/document.xml")
    body = [p for p in doc.iter(_w("p")) if PARAGRAPH[:10] in "".join(t.text or "" for t in p.iter(_w("t")))]
    assert body and all(p.find("w:pPr/w:pStyle", NS).get(_w("val")) == "FazhiBody" for p in body)


def test_docx_page_is_the_standard_type_area_with_22_lines_of_28_characters():
    doc = _xml(render_docx(_content(), _source()), "word/document.xml")
    sect = doc.find("w:body/w:sectPr", NS)
    size, mar, grid = (sect.find(f"w:{t}", NS) for t in ("pgSz", "pgMar", "docGrid"))
    assert (int(size.get(_w("w"))), int(size.get(_w("h")))) == (11906, 16838)  # A4
    twips_mm = 25.4 / 1440
    top, left = int(mar.get(_w("top"))) * twips_mm, int(mar.get(_w("left"))) * twips_mm
    width = (11906 - int(mar.get(_w("left"))) - int(mar.get(_w("right")))) * twips_mm
    height = (16838 - int(mar.get(_w("top"))) - int(mar.get(_w("bottom")))) * twips_mm
    assert (round(top), round(left), round(width), round(height)) == (37, 28, 156, 225)  # 天头, 订口, 版心
    assert grid.get(_w("type")) == "linesAndChars"
    line_pitch, char_space = int(grid.get(_w("linePitch"))), int(grid.get(_w("charSpace")))
    text_h = 16838 - int(mar.get(_w("top"))) - int(mar.get(_w("bottom")))
    assert text_h // line_pitch == 22
    char_pitch = 16 + char_space / 4096  # pt, on the 3号 Normal size
    text_w_pt = (11906 - int(mar.get(_w("left"))) - int(mar.get(_w("right")))) / 20
    assert int(text_w_pt // char_pitch) == 28


def test_docx_page_numbers_are_dashed_odd_right_even_left_in_4hao_song():
    docx = render_docx(_content(), _source())
    settings = _xml(docx, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    rels = _xml(docx, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    # The body's section (the 版记 has a section of its own after it, without page numbers).
    sect = _xml(docx, "word/document.xml").find("w:body/w:p/w:pPr/w:sectPr", NS)
    refs = {
        r.get(_w("type")): targets[
            r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        ]
        for r in sect.iterfind("w:footerReference", NS)
    }
    assert set(refs) == {"default", "even"}
    for kind, align, indent in (("default", "right", "right"), ("even", "left", "left")):
        footer = _xml(docx, f"word/{refs[kind]}")
        p = footer.find("w:p", NS)
        assert p.find("w:pPr/w:jc", NS).get(_w("val")) == align
        assert int(p.find("w:pPr/w:ind", NS).get(_w(indent))) == 280  # 空一字 (14 pt)
        text = "".join(t.text or "" for t in p.iter(_w("t")))
        assert text == "— 1 —"
        assert "PAGE" in "".join(t.text or "" for t in p.iter(_w("instrText")))
        for r in p.iterfind("w:r", NS):
            assert r.find("w:rPr/w:rFonts", NS).get(_w("eastAsia")) == "宋体"
            assert r.find("w:rPr/w:rFonts", NS).get(_w("ascii")) == "宋体"  # 半角数字
            assert r.find("w:rPr/w:sz", NS).get(_w("val")) == "28"  # 4号


def test_report_to_a_higher_authority_names_its_signer_in_kaiti():
    doc = _xml(render_docx(_content(), _source()), "word/document.xml")
    line = next(p for p in doc.iter(_w("p")) if "签发人" in "".join(t.text or "" for t in p.iter(_w("t"))))
    runs = [r for r in line.iterfind("w:r", NS) if r.find("w:t", NS) is not None]
    assert "".join(r.find("w:t", NS).text for r in runs) == "青政〔2026〕7号签发人：李明"
    name = runs[-1]
    assert name.find("w:t", NS).text == "李明"
    assert name.find("w:rPr/w:rFonts", NS).get(_w("eastAsia")) == "楷体_GB2312"  # 签发人姓名用3号楷体字
    # A document that is not addressed upward prints its number centred, without 签发人.
    doc = _xml(render_docx(_content(signer=""), _source()), "word/document.xml")
    paras = _paragraphs(doc)
    assert "青政〔2026〕7号" in paras and not any("签发人" in p for p in paras)


def test_colophon_has_cc_and_print_office_and_date_between_rules():
    doc = _xml(render_docx(_content(), _source()), "word/document.xml")
    tables = list(doc.iter(_w("tbl")))
    assert len(tables) == 1
    tbl = tables[0]
    rows = ["".join(t.text or "" for t in tr.iter(_w("t"))) for tr in tbl.iterfind("w:tr", NS)]
    assert rows == [
        "抄送：市委办公室，市人大常委会办公室，市政协办公室。",
        "青川市人民政府办公室2026年3月21日印发",
    ]
    borders = tbl.find("w:tblPr/w:tblBorders", NS)
    assert borders.find("w:top", NS).get(_w("val")) == "single"
    assert borders.find("w:bottom", NS).get(_w("val")) == "single"
    assert borders.find("w:insideH", NS).get(_w("val")) == "single"
    assert int(borders.find("w:top", NS).get(_w("sz"))) > int(borders.find("w:insideH", NS).get(_w("sz")))
    # In a text box anchored at the foot of the type area, as wide as it.
    anchor = next(a for a in tbl.iterancestors() if a.tag.endswith("}anchor"))
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    position = anchor.find(f"{wp}positionV")
    assert (position.get("relativeFrom"), position.find(f"{wp}align").text) == ("margin", "bottom")
    assert int(anchor.find(f"{wp}extent").get("cx")) == 8845 * 635
    # Without 抄送 the 版记 keeps its 印发 line; without 印发机关 there is no 版记.
    doc = _xml(render_docx(_content(cc=""), _source()), "word/document.xml")
    assert ["".join(t.text or "" for t in tr.iter(_w("t"))) for tr in doc.iter(_w("tr"))] == [
        "青川市人民政府办公室2026年3月21日印发"
    ]
    doc = _xml(render_docx(_content(print_office=""), _source()), "word/document.xml")
    assert not list(doc.iter(_w("tbl")))


def test_copy_number_and_secrecy_are_printed_only_when_given():
    paras = [p for p in _paragraphs(_xml(render_docx(_content(), _source()), "word/document.xml")) if p]
    assert paras[0] == "青川市人民政府文件"
    paras = [
        p
        for p in _paragraphs(
            _xml(render_docx(_content(copy_no="000012", secrecy="秘密★1年"), _source()), "word/document.xml")
        )
        if p
    ]
    assert paras[:3] == ["000012", "秘密★1年", "青川市人民政府文件"]


def test_document_title_is_the_reports_title_with_the_builtin_and_a_replaced_template(tmp_path, settings):
    def core_title(docx: bytes) -> str:
        core = _xml(docx, "docProps/core.xml")
        return core.find("{http://purl.org/dc/elements/1.1/}title").text

    assert core_title(render_docx(_content(), _source())) == TITLE
    own = make_template.build(tmp_path / "own.docx")  # an office's own 红头 file, its title property its own
    from docx import Document

    d = Document(str(own))
    d.core_properties.title = "某某局红头模板"
    d.save(str(own))
    settings.FAZHI_REPORT_TEMPLATE = str(own)
    docx = render_docx(_content(), _source())
    assert core_title(docx) == TITLE
    assert "签发人" in "".join(_paragraphs(_xml(docx, "word/document.xml")))


def test_a_number_without_its_sequence_is_never_printed():
    docx = render(_content(doc_number="青政〔2026〕　号"), "docx", _source())
    text = "".join(_paragraphs(_xml(docx, "word/document.xml")))
    assert "〔2026〕" not in text and "签发人：李明" in text


def test_line_grid_for_libreoffice_condenses_the_characters_instead():
    docx = line_grid(render_docx(_content(), _source()))
    grid = _xml(docx, "word/document.xml").find("w:body/w:sectPr/w:docGrid", NS)
    assert grid.get(_w("type")) == "lines" and grid.get(_w("charSpace")) is None
    normal = _style(_xml(docx, "word/styles.xml"), "Normal")
    spacing = int(normal.find("w:rPr/w:spacing", NS).get(_w("val")))  # 1/20 pt
    assert 28 * (16 + spacing / 20) <= 8845 / 20 < 29 * (16 + spacing / 20)


# ---------------------------------------------------------------------------------------------------------
# The PDF


@pytest.fixture
def pdf():
    if os.environ.get("FAZHI_SKIP_PDF") == "1":
        pytest.skip("FAZHI_SKIP_PDF=1: PDF rendering not tested on request")
    if soffice_path() is None:
        pytest.fail("LibreOffice (soffice) is not installed: run scripts/install-office")
    return lambda content: docx_to_pdf(render_docx(content, _source()))


def _pdf_fonts(data: bytes) -> dict[str, bool]:
    """Every font of the PDF: base name (subset tag removed) → embedded."""
    from pypdf import PdfReader

    out = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
            fd = next((d["/FontDescriptor"].get_object() for d in desc if "/FontDescriptor" in d), {})
            name = re.sub(r"^[A-Z]{6}\+", "", str(font["/BaseFont"]).lstrip("/"))
            out[name] = any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return out


def test_pdf_embeds_simplified_chinese_faces_only_and_carries_the_title(pdf):
    from pypdf import PdfReader

    data = pdf(_content())
    fonts = _pdf_fonts(data)
    assert fonts and all(fonts.values()), fonts  # embedded
    assert not [f for f in fonts if re.search(r"(jp|kr|tc|hk|JP|KR|TC|HK)\b|CJKjp|CJKkr|CJKtc|CJKhk", f)], (
        fonts
    )
    assert {re.sub(r"-.*", "", f) for f in fonts} <= {"FandolSong", "FandolFang", "FandolKai", "FandolHei"}, (
        fonts
    )
    # 小标宋 (title, 红头) in a heavy Song, 仿宋 body, 黑体 and 楷体 headings, 宋体 page numbers.
    assert {
        "FandolSong-Bold",
        "FandolFang-Regular",
        "FandolHei-Regular",
        "FandolKai-Regular",
        "FandolSong-Regular",
    } <= set(fonts)
    assert PdfReader(io.BytesIO(data)).metadata.title == TITLE


def _first_page_grey(data: bytes, size=(105, 149)):
    import pypdfium2
    from PIL import Image

    doc = pypdfium2.PdfDocument(data)
    try:
        img = doc[0].render(scale=150 / 72).to_pil()
    finally:
        doc.close()
    return img.convert("RGB"), img.convert("L").resize(size, Image.Resampling.BOX)


def _mean_difference(a, b) -> float:
    from PIL import ImageChops, ImageStat

    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def test_first_page_matches_the_reference_layout_and_a_broken_red_header_does_not(pdf):
    """The first page, greyed and shrunk to 105 × 149 pixels, differs from the committed reference by a mean of
    less than 4 grey levels of 255; a page without its 红头 differs by more than 8 (10 when written).
    FAZHI_UPDATE_REFERENCE=1 writes the reference anew (then look at it before committing it)."""
    from PIL import Image

    colour, grey = _first_page_grey(pdf(_content()))
    if os.environ.get("FAZHI_UPDATE_REFERENCE") == "1":
        grey.save(REFERENCE)
    reference = Image.open(REFERENCE).convert("L")
    assert _mean_difference(grey, reference) < 4
    # The 红头 and the rule under the 发文字号 are red: many red pixels, all above the title.
    w, h = colour.size
    red = [
        (x, y)
        for y in range(0, h, 2)
        for x in range(0, w, 2)
        if (px := colour.getpixel((x, y)))[0] > 180 and px[1] < 90 and px[2] < 90
    ]
    assert len(red) > 500 and all(y < h * 0.42 for _, y in red)
    # The comparison is not so tolerant that it misses a template that loses its 红头 and red rule.
    _, broken = _first_page_grey(pdf(_content(doc_header="")))
    assert _mean_difference(broken, reference) > 8


def _longer(extra: int) -> ReportContent:
    content = _content()
    first = drafting.SECTION_KEYS[0]
    content.sections = {**content.sections, first: content.sections[first] + ("\n" + PARAGRAPH) * (4 * extra)}
    return content


def test_docx_colophon_has_its_own_section_from_the_next_even_page_without_page_numbers():
    doc = _xml(render_docx(_content(), _source()), "word/document.xml")
    body = doc.find("w:body", NS)
    last = body.find("w:sectPr", NS)
    assert last.find("w:type", NS).get(_w("val")) == "evenPage"
    breaks = [p for p in body.iterfind("w:p", NS) if p.find("w:pPr/w:sectPr", NS) is not None]
    assert len(breaks) == 1
    # The 版记 follows the break; the body's section keeps its numbered footers, the 版记's has empty ones.
    assert breaks[0].getnext().find(".//wp:docPr", {"wp": WP}).get("name") == "版记"
    body_refs = {r.get(_w("type")) for r in breaks[0].iterfind("w:pPr/w:sectPr/w:footerReference", NS)}
    assert body_refs == {"default", "even"}
    zf = zipfile.ZipFile(io.BytesIO(render_docx(_content(), _source())))
    rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    for ref in last.iterfind("w:footerReference", NS):
        footer = etree.fromstring(zf.read("word/" + target[ref.get(R_ID)]))
        assert "".join(footer.itertext()).strip() == "" and not list(footer.iter(_w("fldSimple")))
    # Without a 版记 the document keeps one section.
    doc = _xml(render_docx(_content(print_office=""), _source()), "word/document.xml")
    assert doc.find("w:body/w:sectPr/w:type", NS) is None
    assert not [p for p in doc.iter(_w("p")) if p.find("w:pPr/w:sectPr", NS) is not None]


def test_pdf_colophon_is_alone_at_the_foot_of_the_last_even_page_after_an_unnumbered_blank_page(pdf):
    """GB/T 9704 7.5: the 版记 is on the last page, an even one; when the body ends on an even page, a blank page
    comes before it; neither carries a page number. Two bodies, one ending on an odd page and one on an even page."""
    import pdfplumber

    blanks = []
    for extra in (1, 2):
        with pdfplumber.open(io.BytesIO(pdf(_longer(extra)))) as doc:
            pages = doc.pages
            assert len(pages) % 2 == 0
            texts = [(p.extract_text() or "").strip() for p in pages]
            assert [i for i, t in enumerate(texts) if "印发" in t] == [len(pages) - 1]
            last = pages[-1]
            words = last.extract_words()
            assert "".join(w["text"] for w in words).startswith("抄送")
            assert min(w["top"] for w in words) > last.height * 0.75  # at the foot of the page
            assert not re.search(r"—\s*\d+\s*—", texts[-1])
            # The page before it: the body's last page (numbered) or a blank page (nothing on it at all).
            before = texts[-2]
            if before:
                assert re.search(rf"—\s*{len(pages) - 1}\s*—", before)
            blanks.append(not before)
    assert sorted(blanks) == [False, True]  # one body ended on an odd page, the other on an even page


def test_pdf_colophon_lies_at_the_same_height_whether_or_not_a_blank_page_comes_before_it(pdf):
    """GB/T 9704 7.5: the 版记's last rule lies on the lower edge of the type area of the last page. The blank page
    the PDF conversion puts in before it (a body ending on an odd page) must not move it up: it did by 15 pt."""
    import pdfplumber

    rules = {}
    for extra in (1, 2):
        with pdfplumber.open(io.BytesIO(pdf(_longer(extra)))) as doc:
            blank_before = not (doc.pages[-2].extract_text() or "").strip()
            rules[blank_before] = sorted(line["top"] for line in doc.pages[-1].lines)
    assert set(rules) == {False, True}
    assert len(rules[True]) == len(rules[False]) == 3  # thick, thin, thick
    for with_blank, without in zip(rules[True], rules[False], strict=True):
        assert with_blank == pytest.approx(without, abs=1.0)
    # The last rule on the foot of the type area (A4 297 mm less the 35 mm 下白边), within 1 pt: it lay 7.6 pt
    # below it while LibreOffice ended the 版记 page's body above its empty footer's own height, not at the margin.
    foot = (make_template.PAGE_H - make_template.BOTTOM) / 20
    for rule in rules.values():
        assert rule[-1] == pytest.approx(foot, abs=1.0)


# ---------------------------------------------------------------------------------------------------------
# 发文字号 and dates


def test_publication_sentence_follows_the_signing_date():
    voice = drafting.Voice(
        "青川市", "青川市人民政府", "全市", "市政府", "市委", "省委、省政府", "市", "青政", "省人民政府"
    )
    before = drafting.publication_sentence(voice, 2025, date(2026, 3, 31))
    assert "于2026年4月1日前通过青川市人民政府门户网站向社会公开" in before
    after = drafting.publication_sentence(voice, 2025, date(2026, 4, 1))
    assert "4月1日" not in after and "通过青川市人民政府门户网站向社会公开" in after


@pytest.fixture
def world(db):
    from .test_builder import build_world

    return build_world()


@pytest.fixture
def no_period_lock(monkeypatch):
    from fazhi.reports.builder import services

    monkeypatch.setattr(services, "_lock_reported_period", lambda **kw: None)


def _report(world, org=None, **header):
    from fazhi.reports.builder import services

    org = org or world.city
    actor = world.office if org == world.city else world.county_office
    rep = services.create_report(org=org, year=2025, actor=actor)
    header = {"signer": "李明", "signed_on": date(2026, 3, 20), **header}
    # the author writes or removes what the records do not back (【待补充：…】), as before any publication
    written = {s.key: drafting.GAP_RE.sub("", s.text) for s in rep.sections.all()}
    return services.update_report(report=rep, actor=actor, header=header, sections=written)


def _publish(report, actor, on=date(2026, 3, 25)):
    from fazhi.reports.builder import services

    return services.publish_report(
        report=report, actor=actor, published_on=on, public_url="https://example.gov.cn/r"
    )


@time_machine.travel(date(2026, 12, 6))
def test_a_draft_written_after_4_1_promises_nothing_already_past(world):
    text = drafting.generate(world.city, 2025).sections["other_matters"]
    assert "4月1日前" not in text and "向社会公开" in text
    header = drafting.default_header(world.city, 2025)
    assert header["signed_on"] == "2026-12-06"
    assert (header["doc_number"], header["print_office"]) == ("", "青川市人民政府办公室")  # 版记 printed


@time_machine.travel(date(2026, 2, 10))
def test_a_draft_written_before_4_1_says_it_will_be_public_by_then(world):
    assert "于2026年4月1日前" in drafting.generate(world.city, 2025).sections["other_matters"]


@time_machine.travel(date(2026, 3, 28))
def test_publication_assigns_the_next_number_of_the_offices_numbering(world, no_period_lock):
    from docx import Document

    report = _report(world)
    assert report.doc_number == ""
    report = _publish(report, world.office)
    assert report.doc_number == "青政〔2026〕1号"
    text = "\n".join(p.text for p in Document(report.docx_file.open("rb")).paragraphs)
    assert "青政〔2026〕1号" in text and "签发人：李明" in text
    # The office's own prefix (案号规则, app reports) and the next number for the next document.
    numbering.set_prefix(world.county, "reports", "青山府发")
    county = _report(world, world.county)
    assert _publish(county, world.county_office).doc_number == "青山府发〔2026〕1号"
    assert numbering.next_number(world.city, "reports", 2026)[1] == "青政〔2026〕2号"


@time_machine.travel(date(2026, 3, 28))
def test_a_number_typed_by_the_author_is_kept_and_claimed(world, no_period_lock):
    report = _publish(_report(world, doc_number="青政〔2026〕12号"), world.office)
    assert report.doc_number == "青政〔2026〕12号"
    assert numbering.next_number(world.city, "reports", 2026)[1] == "青政〔2026〕13号"


@time_machine.travel(date(2026, 3, 28))
def test_a_number_left_blank_in_the_sequence_is_assigned_not_printed(world, no_period_lock):
    report = _publish(_report(world, doc_number="青政〔2026〕　号"), world.office)
    assert report.doc_number == "青政〔2026〕1号"


@time_machine.travel(date(2026, 5, 10))
def test_publication_refuses_a_broken_promise_a_missing_signer_and_a_date_before_signing(
    world, no_period_lock
):
    from fazhi.reports.builder import services

    report = _report(world)
    services.update_report(
        report=report,
        actor=world.office,
        sections={"other_matters": "本报告于2026年4月1日前通过市政府门户网站向社会公开。"},
    )
    with pytest.raises(ValidationError, match="承诺的公开期限已过"):
        _publish(report, world.office, on=date(2026, 5, 8))
    services.update_report(
        report=report, actor=world.office, header={"signer": ""}, sections={"other_matters": "无。"}
    )
    with pytest.raises(ValidationError, match="签发人"):
        _publish(report, world.office, on=date(2026, 5, 8))
    services.update_report(
        report=report, actor=world.office, header={"signer": "李明", "signed_on": date(2026, 5, 9)}
    )
    with pytest.raises(ValidationError, match="早于成文日期"):
        _publish(report, world.office, on=date(2026, 5, 8))
    report = _publish(report, world.office, on=date(2026, 5, 9))
    assert report.is_published and report.doc_number == "青政〔2026〕1号"
