"""The report as a Word file: the content (header fields and the five sections' narrative) with every placeholder
rendered, through docxtpl and the Word template (templates_docx/annual_report.docx, or the office's own 红头
template named by the FAZHI_REPORT_TEMPLATE setting / environment variable; README.md lists the variables)."""

from __future__ import annotations

import copy
import io
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText

from .draft import SECTION_KEYS, SECTION_TITLES, disclosure_deadline, section_heading
from .make_template import TEMPLATE_PATH
from .narrative import Block, blocks, figures
from .placeholders import Figure, FigureSource, find

MISSING_COLOR = "E00000"
MISSING_HIGHLIGHT = "FFFF00"


@dataclass
class ReportContent:
    """What a report says, whether a saved report or a draft generated on the fly."""

    org: object
    year: int
    sections: dict[str, str]
    doc_header: str = ""
    issuer: str = ""
    doc_number: str = ""
    signer: str = ""
    addressee: str = ""
    title: str = ""
    signed_on: date | None = None
    intro: str = ""
    closing: str = ""
    public_note: str = "此件公开发布"
    print_office: str = ""
    print_date: date | None = None
    cc: str = ""  # 抄送机关 (版记)
    copy_no: str = ""  # 份号
    secrecy: str = ""  # 密级和保密期限
    extra: dict = field(default_factory=dict)

    def texts(self) -> list[tuple[str, str]]:
        """(label, text) of every field that may hold placeholders."""
        return [("开头段", self.intro)] + [
            (SECTION_TITLES[k], self.sections.get(k, "")) for k in SECTION_KEYS
        ]


def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def validate(content: ReportContent) -> None:
    """Every placeholder names a catalog figure; the error says in which part the unknown ones are."""
    errors = []
    for label, text in content.texts():
        try:
            find(text)
        except ValidationError as exc:
            errors.append(f"{label}：{'；'.join(exc.messages)}")
    if errors:
        raise ValidationError(errors)


def template_path() -> Path:
    configured = getattr(settings, "FAZHI_REPORT_TEMPLATE", None) or os.environ.get(
        "FAZHI_REPORT_TEMPLATE", ""
    )
    path = Path(configured) if configured else TEMPLATE_PATH
    if not path.is_file():
        raise ImproperlyConfigured(f"FAZHI_REPORT_TEMPLATE: no Word template at {path}")
    return path


def rich(block: Block) -> RichText:
    rt = RichText()
    for run in block.runs:
        if run.figure is not None and run.figure.missing:
            rt.add(run.text, bold=run.bold, color=MISSING_COLOR, highlight=MISSING_HIGHLIGHT)
        else:
            rt.add(run.text, bold=run.bold)
    return rt


@dataclass
class Rendered:
    sections: list[dict]
    intro: list[Block]
    figures: list[Figure]

    @property
    def missing(self) -> list[Figure]:
        return [f for f in self.figures if f.missing]


def render_content(content: ReportContent, source: FigureSource) -> Rendered:
    validate(content)
    intro = blocks(content.intro, source)
    sections = []
    all_figures = figures(intro)
    for i, key in enumerate(SECTION_KEYS):
        bs = blocks(content.sections.get(key, ""), source)
        all_figures += figures(bs)
        sections.append(
            {
                "key": key,
                "number": "一二三四五"[i],
                "title": SECTION_TITLES[key],
                "heading": section_heading(key, content.year),
                "text": "\n".join(b.text for b in bs),
                "blocks": bs,
            }
        )
    return Rendered(sections, intro, all_figures)


def context(content: ReportContent, rendered: Rendered) -> dict:
    def block_ctx(b: Block) -> dict:
        return {"heading": b.kind == "heading", "text": b.text, "rich": rich(b)}

    sections = [{**s, "blocks": [block_ctx(b) for b in s["blocks"]]} for s in rendered.sections]
    intro_rich = RichText()
    for i, b in enumerate(rendered.intro):
        if i:
            intro_rich.add("\n")
        intro_rich.add(rich(b))
    return {
        "doc_header": content.doc_header,
        "issuer": content.issuer,
        "doc_number": content.doc_number,
        "signer": content.signer,
        "addressee": content.addressee.rstrip("：:"),
        "title": content.title,
        "intro": "\n".join(b.text for b in rendered.intro),
        "intro_rich": intro_rich,
        "sections": sections,
        "section": {s["key"]: s for s in sections},
        "closing": content.closing,
        "date_cn": cn_date(content.signed_on),
        "signed_on": content.signed_on.isoformat() if content.signed_on else "",
        "public_note": content.public_note,
        "print_office": content.print_office,
        "cc": content.cc.rstrip("。."),
        "copy_no": content.copy_no,
        "secrecy": content.secrecy,
        "print_date_cn": cn_date(content.print_date or content.signed_on),
        "year": content.year,
        "next_year": content.year + 1,
        "org_name": getattr(content.org, "name", ""),
        "deadline_cn": cn_date(disclosure_deadline(content.year)),
        "figures": [
            {"token": f.token, "name": f.name, "text": f.text, "formula": f.formula} for f in rendered.figures
        ],
        **content.extra,
    }


def render_docx(content: ReportContent, source: FigureSource, *, template: Path | None = None) -> bytes:
    rendered = render_content(content, source)
    tpl = DocxTemplate(str(template or template_path()))
    tpl.render(context(content, rendered), autoescape=True)
    props = tpl.docx.core_properties
    props.title = content.title
    props.subject = f"{content.year}年度法治政府建设情况报告"
    props.author = content.issuer
    props.comments = ""
    colophon_on_even_page(tpl.docx)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def colophon_on_even_page(doc) -> None:
    """GB/T 9704 7.5: the 版记 is on the document's last page, which is an even page (the back of a sheet), and a
    版记 page (with a blank page before it) carries no page number. The 版记 gets a section of its own that starts
    on the next even page (w:type evenPage: Word, WPS and LibreOffice insert the blank page when the body ends on an
    even page) with empty footers; the body keeps its numbered footers. A document without a 版记 is left alone."""
    body = doc.element.body
    anchor = next((p for p in body.iterchildren(qn("w:p")) if _holds_colophon(p)), None)
    if anchor is None:
        return
    last = body.sectPr
    # The body's section ends just before the 版记: a paragraph carrying a copy of its properties.
    body_sect = copy.deepcopy(last)
    for t in body_sect.findall(qn("w:type")):
        body_sect.remove(t)
    brk = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(body_sect)
    brk.append(ppr)
    anchor.addprevious(brk)
    # The 版记's section: from the next even page, without page numbers.
    for ref in last.findall(qn("w:footerReference")) + last.findall(qn("w:headerReference")):
        last.remove(ref)
    section = doc.sections[-1]
    section.start_type = WD_SECTION.EVEN_PAGE
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False


def _holds_colophon(p) -> bool:
    return any(d.get("name") == "版记" for d in p.iter(qn("wp:docPr")))
