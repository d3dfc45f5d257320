"""PDF from the Word file through LibreOffice headless (`soffice --headless --convert-to pdf`).

Each run gets a fresh LibreOffice profile (-env:UserInstallation) in its own temporary directory, so runs in
parallel (several workers, several app servers) never share or lock a profile, and a crashed run leaves
nothing behind. Debian's libreoffice-writer-nogui and the fonts are installed by scripts/install-office.

The Word file names the faces offices have (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体); LibreOffice is given
fonts.conf (beside this file) as FONTCONFIG_FILE, whose rules print them with the free Simplified Chinese Fandol
faces, embedded in the PDF."""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from lxml import etree

TIMEOUT_SECONDS = int(os.environ.get("FAZHI_SOFFICE_TIMEOUT", "120"))
INSTALL_HINT = (
    "未找到 LibreOffice（soffice）：请运行 scripts/install-office 安装 libreoffice-writer-nogui 和中文字体"
)
FONTS_CONF = Path(__file__).with_name("fonts.conf")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class PdfError(RuntimeError):
    pass


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def line_grid(docx: bytes) -> bytes:
    """The Word file as LibreOffice should lay it out: its character grid (w:docGrid linesAndChars, 28 characters
    of 3号 a line) made a line grid, with the characters condensed by the grid's w:charSpace instead.

    Word and WPS fit 28 full-width characters into the 156 mm line by narrowing the grid's cells; LibreOffice
    puts a character wider than a cell into two cells, so the line would hold 14. Condensing the characters by
    the same amount gives LibreOffice's lines the 28 characters Word prints."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    doc = etree.fromstring(src.read("word/document.xml"))
    condense = 0
    for grid in doc.iter(_w("docGrid")):
        if grid.get(_w("type")) in ("linesAndChars", "snapToChars") and grid.get(_w("charSpace")):
            condense = min(condense, math.floor(int(grid.get(_w("charSpace"))) / 4096 * 20))
            grid.set(_w("type"), "lines")
            del grid.attrib[_w("charSpace")]
    if not condense:
        return docx
    styles = etree.fromstring(src.read("word/styles.xml"))
    for style in styles.iter(_w("style")):
        if style.get(_w("type")) == "paragraph" and style.get(_w("default")) == "1":
            rpr = style.find(_w("rPr"))
            if rpr is None:
                rpr = etree.SubElement(style, _w("rPr"))
            for old in rpr.findall(_w("spacing")):
                rpr.remove(old)
            etree.SubElement(rpr, _w("spacing")).set(_w("val"), str(condense))
    xml = {"xml_declaration": True, "encoding": "UTF-8", "standalone": True}
    return _replace_parts(
        src,
        {"word/document.xml": etree.tostring(doc, **xml), "word/styles.xml": etree.tostring(styles, **xml)},
    )


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# LibreOffice (7.4) lays a page's body down to this far above its footer's content, however low the footer sits,
# where Word and WPS end it at the bottom margin: measured, a 版记 page's empty footer of 536 twips puts the last
# rule on the foot of a 35 mm 下白边 with a 65.2 pt footer distance (1984 − 1304 − 536 = 144).
LO_FOOTER_GAP = 144  # twips
# The children of w:pPr that come after w:spacing (CT_PPr's sequence).
_AFTER_SPACING = set(
    "ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap "
    "outlineLvl divId cnfStyle rPr sectPr pPrChange".split()
)


def footers_to_margin(docx: bytes) -> bytes:
    """The Word file with each empty footer (the 版记 page's, render_docx.colophon_on_even_page) as tall as its
    section's bottom margin leaves above the footer, so LibreOffice ends that page's body at the margin as Word
    does. LibreOffice ends the body just above the footer's content: an empty footer, one line of the default
    size, let the body, and the 版记 anchored at its foot, run 7.6 pt below the foot of the type area (GB/T 9704
    7.5: the 版记's last rule on it). Word and WPS keep the body to the margin while the footer fits below it,
    which it does: it reaches to the margin less LO_FOOTER_GAP. Footers with text are left as they are."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    doc = etree.fromstring(src.read("word/document.xml"))
    rels = etree.fromstring(src.read("word/_rels/document.xml.rels"))
    targets = {
        rel.get("Id"): "word/" + rel.get("Target", "").lstrip("/").removeprefix("word/") for rel in rels
    }
    heights: dict[str, int] = {}
    for sect in doc.iter(_w("sectPr")):
        margin = sect.find(_w("pgMar"))
        if margin is None:
            continue
        room = int(margin.get(_w("bottom"), "0")) - int(margin.get(_w("footer"), "0")) - LO_FOOTER_GAP
        for ref in sect.iter(_w("footerReference")):
            name = targets.get(ref.get(f"{{{R}}}id"))
            if name and room > 0:
                heights[name] = min(heights.get(name, room), room)
    changed: dict[str, bytes] = {}
    for name, height in heights.items():
        footer = etree.fromstring(src.read(name))
        paragraphs = list(footer.iter(_w("p")))
        if len(paragraphs) != 1 or "".join(t.text or "" for t in footer.iter(_w("t"))).strip():
            continue
        ppr = paragraphs[0].find(_w("pPr"))
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            paragraphs[0].insert(0, ppr)
        for old in ppr.findall(_w("spacing")):
            ppr.remove(old)
        spacing = etree.Element(_w("spacing"))
        for k, v in (("before", "0"), ("after", "0"), ("line", str(height)), ("lineRule", "exact")):
            spacing.set(_w(k), v)
        after = [c for c in ppr if etree.QName(c).localname in _AFTER_SPACING]
        if after:
            after[0].addprevious(spacing)
        else:
            ppr.append(spacing)
        changed[name] = etree.tostring(footer, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _replace_parts(src, changed) if changed else docx


def _replace_parts(src: zipfile.ZipFile, parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, parts.get(item.filename, src.read(item.filename)))
    return out.getvalue()


def soffice_path() -> str | None:
    configured = os.environ.get("FAZHI_SOFFICE", "")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    path = soffice_path()
    if path is None:
        raise ImproperlyConfigured(INSTALL_HINT)
    return path


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """The PDF of a .docx as LibreOffice lays it out. A 版记 section that starts on an even page (render_docx's
    colophon_on_even_page) is honoured by Word and WPS but laid out by LibreOffice on the next page whatever its
    parity: when the PDF ends on an odd page, a blank page (unnumbered) is put in before the 版记's page. It is
    put in the PDF, not the .docx: a page break in the 版记's section makes LibreOffice set the 版记 15 pt higher
    than on a section's first page, off the foot of the type area."""
    data = footers_to_margin(line_grid(docx))
    pdf = _convert(data, timeout)
    if colophon_on_even_page(data):
        pdf = _even_last_page(pdf)
    return pdf


def colophon_on_even_page(docx: bytes) -> bool:
    """Whether the .docx's last section (the 版记's) starts on an even page."""
    doc = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    kind = doc.find(f"{_w('body')}/{_w('sectPr')}/{_w('type')}")
    return kind is not None and kind.get(_w("val")) == "evenPage"


def _even_last_page(pdf: bytes) -> bytes:
    """The PDF with a blank page before its last one when it has an odd number of pages."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    count = len(reader.pages)
    if count % 2 == 0 or count < 2:
        return pdf
    writer = PdfWriter(clone_from=reader)
    box = reader.pages[-1].mediabox
    writer.insert_blank_page(width=box.width, height=box.height, index=count - 1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _convert(docx: bytes, timeout: int) -> bytes:
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "report.docx"
        src.write_bytes(docx)
        profile = tmpdir / "profile"
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(tmpdir / "out"),
            str(src),
        ]
        env = {
            **os.environ,
            "HOME": str(tmpdir),
            "LANG": os.environ.get("LANG") or "C.UTF-8",
            "FONTCONFIG_FILE": str(FONTS_CONF),
        }
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice 转换超时（{timeout} 秒）") from exc
        out = tmpdir / "out" / "report.pdf"
        if proc.returncode != 0 or not out.is_file():
            detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()[-500:]
            raise PdfError(f"LibreOffice 转换失败（退出码 {proc.returncode}）：{detail}")
        return out.read_bytes()
