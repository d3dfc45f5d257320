"""Files: the upload check (size, magic bytes, zip expansion, formulas and merged cells) and reading a sheet."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from django.conf import settings

from ..uploads import FileRejected, open_zip
from .cells import _CELL_REF, _FORMULA, _MERGE, _NS_MAIN, _NS_PKG_REL, _NS_REL, _OLE2, _ZIP

# --------------------------------------------------------------------------------------------------------
# Files


def max_upload_bytes() -> int:
    return int(getattr(settings, "FAZHI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_size(size: int) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise FileRejected(f"文件大小 {_mb(size)} 超过上限 {_mb(limit)}，请拆分为多个文件后再导入")


def sniff(head: bytes, filename: str = "") -> str:
    """The format by content ("xlsx", "ods", "xls", "csv"); FileRejected for anything else.

    Zip files are told apart by their members in `read_table`; here only the first bytes are needed."""
    ext = Path(filename).suffix.lower()
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE2):
        return "xls"
    if ext == ".csv" or not ext:
        sample = head[:4096]
        if b"\x00" not in sample and _decodable(sample):
            return "csv"
    raise FileRejected("文件不是 Excel（.xlsx/.xls/.ods）或 CSV 文件，无法导入。请下载导入模板，填写后上传。")


def check_upload(upload) -> None:
    """What `read_table` checks before parsing, for an upload form to answer at once: size (before reading a
    byte), content and, for a zip, its expansion. The file is left at its start."""
    check_size(upload.size)
    head = upload.read(8192)
    upload.seek(0)
    if sniff(head, upload.name) == "zip":
        data = upload.read()
        upload.seek(0)
        try:
            open_zip(data)
        except zipfile.BadZipFile:
            raise FileRejected("文件已损坏或不是有效的 Excel 文件") from None


def _decodable(sample: bytes) -> bool:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False


def read_source(source: Any, filename: str = "") -> tuple[bytes, str]:
    """Bytes and file name of a path, bytes or (uploaded) file object, refusing an oversized one before
    reading it."""
    if isinstance(source, bytes | bytearray):
        check_size(len(source))
        return bytes(source), filename
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        check_size(path.stat().st_size)
        return path.read_bytes(), filename or path.name
    size = getattr(source, "size", None)
    if size is None:
        pos = source.tell()
        source.seek(0, os.SEEK_END)
        size = source.tell() - pos
        source.seek(pos)
    check_size(int(size))
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read()
    return data, filename or os.path.basename(getattr(source, "name", "") or "")


@dataclass
class Table:
    rows: list[list[Any]]
    formula_cells: list[tuple[int, int]] = field(default_factory=list)  # (Excel row, 0-based column)
    has_formulas: bool = False
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(
        default_factory=list
    )  # Excel rows, 0-based cols


def read_table(data: bytes, *, filename: str, sheet_name: str) -> Table:
    check_size(len(data))
    kind = sniff(data[:8192], filename)
    if kind == "csv":
        return Table(rows=_read_csv(data))
    if kind == "zip":
        try:
            zf = open_zip(data)  # refuses a zip bomb before any reader expands a member
            names = set(zf.namelist())
        except zipfile.BadZipFile:
            raise FileRejected("文件已损坏或不是有效的 Excel 文件") from None
        if "xl/workbook.xml" in names:
            table = Table(rows=[])
            _scan_xlsx(zf, sheet_name, table)
            table.rows = _read_calamine(data, sheet_name, merged=False)
            return table
        if (
            "content.xml" in names
            and "mimetype" in names
            and b"opendocument.spreadsheet" in zf.read("mimetype")[:100]
        ):
            table = Table(rows=[])
            content = zf.read("content.xml")
            table.has_formulas = b"table:formula=" in content
            table.rows, table.merged = _read_calamine(data, sheet_name, merged=True)
            return table
        raise FileRejected("文件不是 Excel 工作簿（zip 文件中没有工作表），无法导入")
    rows, merged = _read_calamine(data, sheet_name, merged=True)
    return Table(rows=rows, merged=merged)


def _read_csv(data: bytes, *, first_only: bool = False) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileRejected("CSV 文件编码无法识别，请另存为 UTF-8 编码的 CSV 或 Excel 文件")
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        if first_only:
            first = next(reader, None)
            return [list(first)] if first is not None else []
        return [list(r) for r in reader]
    except csv.Error as exc:
        raise FileRejected(f"CSV 文件格式不正确：{exc}") from None


def _read_calamine(data: bytes, sheet_name: str, *, merged: bool):
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
        raise FileRejected(f"无法读取文件（可能已损坏或已加密）：{exc}") from None
    if sheet_name not in wb.sheet_names:
        present = "、".join(f"「{n}」" for n in wb.sheet_names) or "无"
        raise FileRejected(
            f"找不到工作表「{sheet_name}」（文件中的工作表：{present}）。请使用导入模板，或把数据所在的工作表改名为「{sheet_name}」"
        )
    try:
        sheet = wb.get_sheet_by_name(sheet_name)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # noqa: BLE001
        raise FileRejected(f"无法读取工作表「{sheet_name}」：{exc}") from None
    if not merged:
        return rows
    ranges = []
    try:
        for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []:
            ranges.append(((r1 + 1, c1), (r2 + 1, c2)))
    except Exception:  # noqa: BLE001 - formats without merge information
        ranges = []
    return rows, ranges


def _sheet_xml_path(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    try:
        # ElementTree never resolves external entities, and the expat bundled with Python >= 3.11 (2.4.1+)
        # refuses exponential entity expansion ("billion laughs"): no XXE or bomb from an uploaded workbook.
        workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))  # noqa: S314 - see above
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))  # noqa: S314 - see above
    except (KeyError, ElementTree.ParseError):
        return None
    rel_id = None
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        if sheet.get("name") == sheet_name:
            rel_id = sheet.get(f"{_NS_REL}id")
    if rel_id is None:
        return None
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def _scan_xlsx(zf: zipfile.ZipFile, sheet_name: str, table: Table) -> None:
    """Find formulas (<f>) and merged cells (<mergeCell>) in the sheet XML by a byte scan of the zip member:
    no DOM, no openpyxl, a few hundred MB/s."""
    path = _sheet_xml_path(zf, sheet_name)
    if path is None or path not in zf.namelist():
        return  # calamine reports the missing sheet
    tail = b""
    with zf.open(path) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            buf = tail + chunk
            skip = len(tail)
            for m in _FORMULA.finditer(buf):
                if m.end() <= skip:
                    continue
                table.has_formulas = True
                if len(table.formula_cells) < 1000:
                    start = buf.rfind(b"<c ", 0, m.start())
                    if start < 0:
                        start = max(0, buf.rfind(b":c ", 0, m.start()) - 20)
                    ref = _CELL_REF.search(buf, start, m.start() + 1) if start >= 0 else None
                    if ref:
                        table.formula_cells.append((int(ref.group(2)), _col_index(ref.group(1).decode())))
            for m in _MERGE.finditer(buf):
                if m.end() <= skip:
                    continue
                ref = m.group(1).decode()
                a, _, b = ref.partition(":")
                b = b or a
                table.merged.append((_split_ref(a), _split_ref(b)))
            tail = buf[-4096:]


def _split_ref(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    if m is None:  # _MERGE only captures references of this shape
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), _col_index(m.group(1))


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
