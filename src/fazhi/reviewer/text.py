"""Reading a submitted report into clean text.

`load_bytes(data, filename)` reads .txt, .docx and text .pdf files and returns raw text; every failure is a
`ReviewError` with a Chinese message for the person who submitted the file. `normalise(raw)` turns that
text into the one form the reviewer works on, and the one stored and shown with highlights:

- full-width letters, digits and punctuation to their half-width forms (NFKC: "１２％" → "12%", "，" → ",");
- no spaces next to Chinese characters, as PDF conversion leaves them ("报 告" → "报告", "2.3 万余件" → "2.3万余件");
- line breaks inside a sentence or a heading joined, as page and column wraps leave them;
- markdown marks and page-number lines removed;
- table rows (cells separated by tabs, as the .docx reader gives them, a markdown "| a | b |" row, or runs of
  two or more spaces, as a PDF's text layer gives them) kept one row a line, their cells separated by one tab;
- a text in traditional characters (a 繁体 page, a Taiwanese or Hong Kong text) converted to simplified ones, so
  that one set of wordings reads both (OpenCC's t2s tables; a simplified text is left untouched).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # a long report with images is a few MB; 200 MB is not a report
MAX_TEXT_CHARS = 1_000_000  # a 300-page report has about 300 000
MIN_CJK_CHARS = 30
PDF_BOMB = "PDF 文件中的数据流解压后过大，可能是压缩炸弹，已拒绝"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


class ReviewError(Exception):
    """A file that cannot be reviewed; the message is Chinese and shown to the user as is."""


# ---------------------------------------------------------------------------------------------------------
# Loading


def load_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ReviewError("文件不存在") from None
    except OSError as exc:
        raise ReviewError(f"无法读取文件：{exc.strerror or exc}") from None
    if p.is_dir():
        raise ReviewError("这是一个目录，不是文件")
    _check_size(size, max_bytes)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReviewError(f"无法读取文件：{exc.strerror or exc}") from None
    return load_bytes(data, p.name, max_bytes=max_bytes)


def _check_size(size: int, max_bytes: int) -> None:
    if size == 0:
        raise ReviewError("文件为空")
    if size > max_bytes:
        raise ReviewError(
            f"文件过大（{human_size(size)}），超过 {human_size(max_bytes)} 的上限；请提交不含大量图片的报告文本"
        )


def human_size(n: int) -> str:
    """2048 → "2 KB", 5 * 1024 * 1024 → "5.0 MB"."""
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def load_bytes(data: bytes, filename: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The raw text of a .txt, .docx or .pdf file given as bytes. Raises ReviewError."""
    _check_size(len(data), max_bytes)
    suffix = Path(filename).suffix.lower()
    # The content decides, not the name: a PDF saved as .txt is still a PDF.
    if data[:5] == b"%PDF-" or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        text = _pdf_text(data)
    elif data[:4] == b"PK\x03\x04":
        text = _docx_text(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # An OLE compound file: an old .doc / WPS file, or what Word and WPS save for a .docx with an opening
        # password (its EncryptedPackage stream, named in UTF-16 in the file's directory).
        if _ENCRYPTED_PACKAGE in data:
            raise ReviewError("Word 文档已加密（设有打开密码），无法读取；请提交未加密的文件")
        raise ReviewError("不支持旧版 Word（.doc）或 WPS 二进制格式，请另存为 .docx 或 PDF 后再提交")
    elif suffix in {".pdf", ".docx"}:
        kind = "PDF" if suffix == ".pdf" else "Word（.docx）"
        raise ReviewError(f"文件扩展名为 {suffix}，但内容不是有效的 {kind} 文件（文件可能已损坏）")
    else:
        text = _plain_text(data)
    if len(text) > MAX_TEXT_CHARS:
        raise ReviewError(f"文件文字过多（{len(text)} 字），超过 {MAX_TEXT_CHARS} 字的上限")
    _check_language(text)
    return text


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data[:4096]:
            raise ReviewError("文件内容不是文本（含有二进制数据），请提交 .txt、.docx 或文字版 PDF 文件")
        candidates = ["utf-8-sig", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReviewError("无法识别文件的文字编码（应为 UTF-8 或 GBK/GB18030）")
    sample = text[:20000]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) in {"Cc", "Co", "Cs", "Cn"} and ch not in "\r\n\t\f"
    )
    if sample and controls / len(sample) > 0.02:
        raise ReviewError("文件内容不是文本（含有二进制数据），请提交 .txt、.docx 或文字版 PDF 文件")
    return text


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    from fazhi.core.uploads import ZipLimits, max_pdf_pages

    max_pages = max_pdf_pages()
    max_unzipped = ZipLimits.from_settings().max_unzipped  # the same bound on expanded bytes as for zips

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs carry only an owner password (printing restrictions) and open with an empty one.
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported algorithm etc.
                ok = 0
            if not ok:
                raise ReviewError("PDF 文件已加密（设有打开密码），无法读取；请提交未加密的文件")
        n = len(reader.pages)
    except ReviewError:
        raise
    except FileNotDecryptedError:
        raise ReviewError("PDF 文件已加密（设有打开密码），无法读取；请提交未加密的文件") from None
    except LimitReachedError:
        raise ReviewError(PDF_BOMB) from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AssertionError):
        raise ReviewError("无法打开 PDF 文件（文件已损坏或不是有效的 PDF）") from None
    if n == 0:
        raise ReviewError("PDF 文件没有页面")
    if n > max_pages:
        raise ReviewError(f"PDF 共 {n} 页，超过 {max_pages} 页的上限；年度报告通常不超过几十页")
    pages = []
    decoded = 0
    try:
        for page in reader.pages:
            # pypdf's text extraction swallows its own decompression limit (75 MB a stream) and returns "";
            # decoding the page's content first makes a bomb stream an error, and bounds the total.
            contents = page.get_contents()
            decoded += len(contents.get_data()) if contents is not None else 0
            if decoded > max_unzipped:
                raise ReviewError(PDF_BOMB)
            pages.append(page.extract_text() or "")
    except ReviewError:
        raise
    except FileNotDecryptedError:
        raise ReviewError("PDF 文件已加密（设有打开密码），无法读取；请提交未加密的文件") from None
    except LimitReachedError:
        # pypdf bounds each decoded stream (pypdf.Configuration, 75 MB); pdfplumber's reader does not, so
        # a stream that hit the bound must not be handed to it.
        raise ReviewError(PDF_BOMB) from None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on broken content streams
        _check_streams(reader, max_unzipped)
        pages = _pdf_text_pdfplumber(data)
    text = "\n".join(pages)
    if _cjk_count(text) < MIN_CJK_CHARS and not re.search(r"[A-Za-z]{3,}.*[A-Za-z]{3,}", text, re.S):
        raise ReviewError(
            "PDF 中没有可提取的文字（可能是扫描图片）；请提交文字版 PDF、Word 文件，或先进行文字识别（OCR）"
        )
    return text


def _check_streams(reader, limit: int) -> None:
    """Before the file goes to pdfplumber (pdfminer bounds no decompression): decode every stream of the file
    once with pypdf's bounded decoders and refuse it when they expand beyond `limit` bytes in all."""
    from pypdf.errors import LimitReachedError
    from pypdf.generic import IndirectObject, StreamObject

    total = 0
    for generation, numbers in reader.xref.items():
        for number in numbers:
            try:
                obj = reader.get_object(IndirectObject(number, generation, reader))
                if isinstance(obj, StreamObject):
                    total += len(obj.get_data())
            except LimitReachedError:
                raise ReviewError(PDF_BOMB) from None
            except Exception:  # noqa: BLE001, S112 - a broken object: pdfminer skips it as well
                continue
            if total > limit:
                raise ReviewError(PDF_BOMB)


def _pdf_text_pdfplumber(data: bytes) -> list[str]:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [page.extract_text() or "" for page in pdf.pages]
    except Exception:  # noqa: BLE001
        raise ReviewError("无法读取 PDF 的文字内容（文件可能已损坏）") from None


def _docx_text(data: bytes) -> str:
    from fazhi.core.uploads import FileRejected, open_zip

    try:
        with open_zip(data) as zf:  # refuses a zip bomb before python-docx expands any part
            names = zf.namelist()
            if "word/document.xml" not in names:
                if any(n.startswith("xl/") for n in names):
                    raise ReviewError("这是 Excel 文件，不是报告；请提交 .txt、.docx 或 PDF 文件")
                raise ReviewError("无法打开 Word 文档（不是有效的 .docx 文件）")
    except zipfile.BadZipFile:
        raise ReviewError("无法打开 Word 文档（文件已损坏）") from None
    except FileRejected as exc:
        raise ReviewError(str(exc)) from None
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises KeyError, ValueError, lxml errors …
        raise ReviewError("无法打开 Word 文档（文件已损坏或不是 .docx 格式）") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = []
                for cell in row.iter(qn("w:tc")):
                    cells.append("".join(t.text or "" for t in cell.iter(qn("w:t"))))
                lines.append("\t".join(cells))
    text = "\n".join(lines)
    if not text.strip():
        raise ReviewError("Word 文档中没有文字（可能只有图片）；请提交含文字的报告")
    return text


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u0600-\u06ff]")


def _check_language(text: str) -> None:
    if not text.strip():
        raise ReviewError("文件中没有文字")
    cjk = _cjk_count(text)
    latin = len(_LATIN.findall(text))
    if cjk < MIN_CJK_CHARS or cjk < 0.3 * (cjk + latin):
        raise ReviewError(
            "文件内容不是中文报告（未检测到足够的中文文字）；本功能审阅中文法治政府建设年度报告"
        )


# ---------------------------------------------------------------------------------------------------------
# Normalising

_CJK_CLASS = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’《》〔〕【】、。"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK_CLASS}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{_CJK_CLASS}])")
# Digit groups split by a space next to a CJK unit are handled above; a space between a number and "%" too.
_SPACE_BEFORE_PCT = re.compile(r"(?<=\d)[ \t]+(?=%)")
_SPACED_DECIMAL = re.compile(r"(?<=\d)[ \t]*\.[ \t]*(?=\d)")
# A reprint's pinyin gloss after a character ("發(fā)布", "調(diào)解"): a syllable with a tone mark, in brackets.
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_NUMBERED_MARKER = re.compile(r"^\d{1,2}[ \t]*[、.](?=[ \t]*\D|[ \t]+\d)[ \t]*")
_MARKDOWN_HEADING = re.compile(r"^\s*(?:#\s*){1,6}")
# Digits set one by one, as PDF character spacing leaves them: "2 2 8件" → "228件".
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?:[ \t]\d){1,}(?![\d.])")
# Thousands grouped with a space, as typeset yearbooks print them: "29 757件" is 29757. Only before a unit, so
# that table cells a single space apart stay apart.
_GROUPED_THOUSANDS = re.compile(
    r"(?<![\d.])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d.])(?=[件宗起个人名项条份次余多万亿%])"
)
_CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(20)}  # ① → (1), not a bare "1"

# Heading markers: "一、" "(一)" "1." "第一部分"; after NFKC "（一）" is "(一)" and "一．" is "一.".
HEADING_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.]|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}(?:部分|章|节)"
    r"|\d{1,2}\s*[、.](?!\d)|\(\d{1,2}\))"
)
TERMINAL = "。!?;:…"
_TITLE_END = re.compile(r"(报告|通知|意见|要点|方案|决定|函)$")


# How much of a text is read to tell its script: enough for a report's opening, little of a long one's time.
_SCRIPT_SAMPLE = 20_000


def is_traditional(text: str) -> bool:
    """A text written in traditional characters: the converter (OpenCC's t2s tables) changes at least two of its
    characters and one in fifty of its Chinese ones (a simplified report quoting one traditional name does not;
    simplified text is left unchanged by t2s)."""
    sample = text[:_SCRIPT_SAMPLE]
    if not _CJK.search(sample):
        return False
    changed = sum(a != b for a, b in zip(sample, _t2s().convert(sample), strict=False))
    return changed >= 2 and changed * 50 >= _cjk_count(sample)


@cache
def _t2s():
    from opencc import OpenCC  # opencc-python-reimplemented: OpenCC's tables, pure Python

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text in simplified characters when it is written in traditional ones, else the text as it is."""
    return _t2s().convert(text) if is_traditional(text) else text


def normalise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    text = text.translate(str.maketrans(_CIRCLED))
    text = unicodedata.normalize("NFKC", text)
    text = _PINYIN_GLOSS.sub("", text)
    text = to_simplified(text)
    text = text.replace("**", "").replace("__", "")
    lines = []
    for line in text.split("\n"):
        if _PAGE_NUMBER_LINE.match(line):
            continue
        cells = _table_cells(line)
        if cells is not None:
            if cells:
                lines.append("\t".join(_clean(c) or "-" for c in cells))
            continue
        line = _MARKDOWN_HEADING.sub("", line).strip()
        # A numbered heading's marker ("1. 2023年…") is kept apart from the number fixes below.
        marker = _NUMBERED_MARKER.match(line)
        head, line = (line[: marker.end()], line[marker.end() :]) if marker else ("", line)
        line = _clean(line)
        if head:
            line = head.strip() + (" " if line[:1].isdigit() else "") + line
        if line:
            lines.append(line)
    return _join_lines(lines)


def _clean(line: str) -> str:
    line = _SPACE_NEAR_CJK.sub("", line)
    line = _SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", "").replace("\t", ""), line)
    line = _GROUPED_THOUSANDS.sub(lambda m: re.sub(r"\D", "", m.group(0)), line)
    line = _SPACED_DECIMAL.sub(".", line)
    line = _SPACE_BEFORE_PCT.sub("", line)
    return line.strip()


_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


def _table_cells(line: str) -> list[str] | None:
    """The cells of a table row ([] for a markdown rule line "|---|---|"), None for any other line."""
    s = line.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
        if _MD_TABLE_RULE.match(s):
            return []
        return [c.strip() for c in s[1:-1].split("|")]
    if "\t" in s:
        cells = [c.strip() for c in re.split(r"\t+", s)]
        return cells if len(cells) >= 2 else None
    # A PDF's text layer separates cells by runs of spaces: three cells or more, short ones, no sentence in them.
    cells = re.split(r" {2,}| ?\u3000+ ?", s)
    if len(cells) >= 3 and max(map(len, cells)) <= 30 and not re.search(r"[。;,:]", s):
        return [c.strip() for c in cells]
    # … or by one space: a short name followed by two numbers or more, or a header of years.
    m = _SPACED_ROW.match(s) or _SPACED_YEARS.match(s)
    if m and len(m.group(1)) <= 30 and not re.search(r"[。;,:]", m.group(1)):
        return [m.group(1).strip(), *m.group(2).split()]
    return None


_NUMBER_CELL = r"-?\d[\d,]*(?:\.\d+)?%?"
_SPACED_ROW = re.compile(rf"^(.*?[^\d\s.,%-]) ((?:{_NUMBER_CELL} )+{_NUMBER_CELL})$")
_SPACED_YEARS = re.compile(r"^([^\d\s]\S*) ((?:20\d\d年?度? )+20\d\d年?度?)$")


def _is_heading_line(line: str) -> bool:
    return bool(HEADING_MARKER.match(line))


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines back into paragraphs; paragraphs are separated by one blank line."""
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = out[-1] + line
        else:
            out.append(line)
    return "\n\n".join(out) + "\n"


def _continues(prev: str, line: str) -> bool:
    if prev[-1] in TERMINAL or _is_heading_line(line) or "\t" in prev or "\t" in line:
        return False  # a table row stands on its own
    if _is_heading_line(prev) and "。" not in prev:
        # A heading wrapped onto a second short line ("二、……存在的" + "不足和原因"), or a bare marker.
        bare_marker = HEADING_MARKER.sub("", prev).strip() == ""
        return bare_marker or (len(line) <= 16 and not re.search(r"[,。;:!?]", line) and len(prev) <= 40)
    if len(prev) < 20:
        return False  # header lines: 发文机关、签发人、主送机关、落款
    if _TITLE_END.search(prev) and (len(line) <= 30 or (len(prev) <= 60 and "法治" in prev)):
        return False  # a title, followed by the addressee line or the first paragraph
    if line[-1] in ":" and len(line) <= 30:
        return False
    return True
