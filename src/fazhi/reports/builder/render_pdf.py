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
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif item.filename == "word/styles.xml":
                data = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(item, data)
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
    data = line_grid(docx)
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
