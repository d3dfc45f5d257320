"""Files for the reviewer tests: text PDFs without a font file (the standard STSong-Light CID font), Word
documents, and the seed reports copied from shared/ so the tests run without it."""

from __future__ import annotations

import io
from pathlib import Path

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "gold"
GOLD_SEEDS = ["000_c55418b2984f74fa", "001_ac45cf8051bb6945", "003_f010129a6dcf8410", "004_2a0a36ba8a6511d2"]


def pdf_from_objects(objs: list[bytes]) -> bytes:
    """A PDF file of the numbered objects `objs` (object 1 the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def pdf_bytes(lines: list[str], *, encrypt_with: str | None = None, per_page: int = 40) -> bytes:
    """A PDF showing `lines` as real text, `per_page` lines a page (no lines: one page with no text, like a
    scan)."""
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    font = 3 + 2 * len(pages)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for n, page in enumerate(pages):
        content = ["BT", "/F1 12 Tf", "14 TL", "50 800 Td"]
        content += [f"<{line.encode('utf-16-be').hex().upper()}> Tj T*" for line in page]
        content.append("ET")
        stream = "\n".join(content).encode()
        kids.append(f"{3 + 2 * n} 0 R")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >> "
            f"/Contents {4 + 2 * n} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    objs.append(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        f"/DescendantFonts [{font + 1} 0 R] >>".encode()
    )
    objs.append(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>"
    )
    data = pdf_from_objects(objs)
    if encrypt_with is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=encrypt_with, owner_password=encrypt_with + "-owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def wrapped(text: str, width: int = 34) -> list[str]:
    """The lines of `text` as a PDF page sets them: wrapped at `width` characters, every seventh line with
    its characters spaced out ("报 告"), as PDF text extraction often gives them."""
    lines = []
    for para in text.split("\n"):
        para = para.strip()
        while len(para) > width:
            lines.append(para[:width])
            para = para[width:]
        if para:
            lines.append(para)
    return [" ".join(line) if i % 7 == 3 else line for i, line in enumerate(lines)]


def docx_bytes(paragraphs: list[str], *, table: list[list[str]] | None = None) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


REPORT_LINES = [
    "青石县人民政府关于2023年度法治政府建设情况的报告",
    "市人民政府：",
    "一、主要举措和成效",
    "全县受理行政复议案件206件，审结184件，纠错29件，纠错率15.8%。",
    "二、存在的不足和原因",
    "执法力量不足。",
    "三、2024年工作安排",
    "持续推进依法行政。",
]
