"""The one import machinery for Excel/CSV files of historical records (导入).

Each app describes its sheet in `<app>/importers.py` (an `Importer` subclass: sheet name, columns, how a
row becomes records) and registers it with `@register`; everything else is here and shared:

* the file check, before anything is parsed: size (settings.FAZHI_MAX_UPLOAD_BYTES), content by magic
  bytes (xlsx/ods are zip files, xls an OLE2 file, csv text), the zip's expansion (fazhi.core.uploads:
  zip bombs), then for xlsx a scan of the sheet's XML
  inside the zip for formulas (``<f>``) and merged cells (``<mergeCell>``), without loading the workbook;
* reading with python-calamine (xlsx/xls/ods) or the csv module (.csv, UTF-8 or GB18030);
* the header row, each cell parsed by its column kind (text, date, integer, yes/no, choice by its Chinese
  label, org by code or name), each error named by Excel row (header = row 1), column header and reason;
* all rows validated first; then all written with bulk operations, or nothing (on SQLite staged in TEMP
  tables and published in short transactions, see `write_all_or_nothing`);
* the template workbook (Chinese headers, a "说明" sheet, dropdowns for enumerations and orgs) and the
  error workbook (the uploaded rows plus "错误原因", offending cells highlighted with a comment).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import os
import re
import time
import zipfile
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar
from xml.etree import ElementTree

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone

from .uploads import FileRejected, open_zip
from .xlsx import safe_cell, safe_row

# A progress callback: (phase, done, total). Phases: "read", "validate", "write".
Progress = Callable[[str, int, int], None]
PHASES = {"read": "读取文件", "validate": "校验", "write": "写入"}

ERROR_COLUMN = "错误原因"  # the column the error workbook adds; ignored when a corrected file comes back
IMPORT_REASON = "导入"  # history_change_reason of every imported record
MAX_LISTED = 10  # formula cells / merged ranges named in one message

TEXT, DATE, INT, BOOL, CHOICE, ORG = "text", "date", "int", "bool", "choice", "org"
KIND_HELP = {
    TEXT: "文本",
    DATE: "日期：日期单元格，或 2024-01-31、2024/1/31、2024年1月31日",
    INT: "整数",
    BOOL: "是 / 否",
    CHOICE: "下拉选择",
    ORG: "机构名称或机构代码（见「机构」工作表）",
}
YES = frozenset({"是", "y", "yes", "true", "1", "√"})
NO = frozenset({"否", "n", "no", "false", "0", "×"})

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br="([A-Z]{1,3})(\d+)"')
_MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref="([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"')
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


# --------------------------------------------------------------------------------------------------------
# Column specs, errors, results


@dataclass(frozen=True)
class Column:
    """One column of an import sheet. `key` is the name the importer reads the value by (usually the model
    field); `header` the Chinese header in row 1; `max_length` defaults to the model field's."""

    key: str
    header: str
    kind: str = TEXT
    required: bool = False
    help: str = ""
    choices: Any = None  # a TextChoices class for CHOICE columns
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    width: int = 16

    def describe(self) -> str:
        if self.kind == CHOICE and self.choices is not None:
            return "可选：" + "、".join(str(label) for label in self.choices.labels)
        if self.kind == TEXT and self.max_length:
            return f"文本，不超过{self.max_length}字"
        if self.kind == INT and self.max_value is not None:
            return f"整数，{self.min_value or 0}至{self.max_value}"
        return KIND_HELP[self.kind]


@dataclass(frozen=True)
class RowError:
    """An error of one row (Excel numbering, header = row 1) and column, or of the whole file (row None)."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"「{self.column}」：{self.message}" if self.column else self.message
        if self.column:
            return f"第{self.row}行「{self.column}」：{self.message}"
        return f"第{self.row}行：{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


@dataclass
class ImportResult:
    app: str
    filename: str = ""
    total: int = 0  # data rows read (blank rows skipped)
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Kept for the error workbook: the header row and the data rows as read, with their Excel row numbers.
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


class CellError(ValueError):
    """A cell's value cannot be read as its column's kind; the message is for the user."""


# --------------------------------------------------------------------------------------------------------
# Orgs by natural key


class OrgIndex:
    """Every org in memory (trees are hundreds of nodes), resolved by code or name; ambiguity is an error."""

    def __init__(self) -> None:
        from .models import Org

        self.by_id: dict[int, Org] = {}
        self.by_code: dict[str, Org] = {}
        self.by_name: dict[str, list[Org]] = {}
        for org in Org.objects.all().order_by("path"):
            self.by_id[org.id] = org
            self.by_code[org.code] = org
            self.by_name.setdefault(org.name, []).append(org)
            if org.short_name and org.short_name != org.name:
                self.by_name.setdefault(org.short_name, []).append(org)

    def resolve(self, text: str):
        org = self.by_code.get(text)
        if org is not None:
            return org
        found = self.by_name.get(text) or []
        if len(found) == 1:
            return found[0]
        if not found:
            raise CellError(f"未找到机构「{text}」，请填写系统中已有的机构名称或代码")
        codes = "、".join(o.code for o in found[:5])
        raise CellError(f"名称「{text}」对应多个机构（代码 {codes}），请改填机构代码")

    def label(self, org) -> str:
        """How an export names the org: its name when that is unambiguous, otherwise its code."""
        if org is None:
            return ""
        return org.name if len(self.by_name.get(org.name, ())) == 1 else org.code

    def jurisdiction(self, org):
        """Org.jurisdiction() without a query per step."""
        from .choices import OrgKind

        node = org
        while node.kind == OrgKind.UNIT and node.parent_id:
            node = self.by_id.get(node.parent_id) or node.parent
        return node


# --------------------------------------------------------------------------------------------------------
# Cell parsing


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    """A date cell, or 'YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY年M月D日'."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or isinstance(value, int | float):
        raise CellError(f"日期格式不正确：{_text(value)}（请使用日期单元格，或 2024-01-31 格式的文本）")
    text = str(value).strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise CellError(f"日期不存在：{text}") from None
    raise CellError(f"日期格式不正确：{text}（可用格式：2024-01-31、2024/1/31、2024年1月31日）")


class CellParser:
    """Parses one column's cells; built once per import, so per-cell work is a dict lookup and a call."""

    def __init__(self, column: Column, *, max_length: int | None, orgs: OrgIndex | None, today: dt.date):
        self.column = column
        self.max_length = max_length
        self.orgs = orgs
        self.today = today
        if column.kind == CHOICE:
            self.choice_map: dict[str, str] = {}
            for value, label in column.choices.choices:
                self.choice_map[str(value)] = str(value)
                self.choice_map[str(label)] = str(value)
            self.choice_help = "、".join(str(label) for label in column.choices.labels)
        self.parse = getattr(self, f"_{column.kind}")

    def _text(self, value: Any) -> str:
        text = _text(value)
        if self.max_length and len(text) > self.max_length:
            raise CellError(f"超过{self.max_length}个字（现为{len(text)}个字）")
        return text

    def _date(self, value: Any) -> dt.date:
        day = parse_date(value)
        if day > self.today:
            raise CellError(f"日期 {day:%Y-%m-%d} 晚于今天，历史记录的日期不能在将来")
        if day.year < 1990:
            raise CellError(f"日期 {day:%Y-%m-%d} 早于1990年，请检查")
        return day

    def _int(self, value: Any) -> int:
        if isinstance(value, bool):
            raise CellError(f"应为整数：{value}")
        if isinstance(value, float):
            if not value.is_integer():
                raise CellError(f"应为整数：{_text(value)}")
            number = int(value)
        elif isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not re.fullmatch(r"-?\d+", text):
                raise CellError(f"应为整数：{text}")
            number = int(text)
        c = self.column
        if (
            c.min_value is not None
            and number < c.min_value
            or c.max_value is not None
            and number > c.max_value
        ):
            raise CellError(
                f"应在{c.min_value if c.min_value is not None else ''}至{c.max_value}之间，现为{number}"
            )
        return number

    def _bool(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise CellError(f"应填写「是」或「否」，现为「{_text(value)}」")

    def _choice(self, value: Any) -> str:
        text = _text(value)
        found = self.choice_map.get(text)
        if found is None:
            raise CellError(f"「{text}」不是可选的值；可选：{self.choice_help}")
        return found

    def _org(self, value: Any):
        if self.orgs is None:  # only ORG columns get this parser, and they always get the index
            raise RuntimeError(f"column {self.column.header!r} has no organisation index")
        return self.orgs.resolve(_text(value))


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------------------------------------
# Importers


class RowInvalid(Exception):
    """Raised by `Importer.build` after it has recorded the row's errors."""


class Importer:
    """An app's import sheet. Subclasses set the class attributes and implement `build` and `write`
    (and the export hooks); `run` does the rest."""

    app: ClassVar[str]
    #: the refusal of a user without the app's `<app>.import` capability (default: 无权<its label>)
    refused: ClassVar[str] = ""
    title: ClassVar[str]  # "行政复议案件"
    sheet_name: ClassVar[str]  # "复议案件"
    model: ClassVar[Any]
    columns: ClassVar[tuple[Column, ...]]
    list_url_name: ClassVar[str] = ""
    notes: ClassVar[tuple[str, ...]] = ()  # extra lines for the "说明" sheet
    do_not_call_in_templates = True  # the class itself goes into page contexts

    def __init__(self, user) -> None:
        self.user = user
        self.errors: list[RowError] = []
        self._orgs: OrgIndex | None = None
        self.header_of = {c.key: c.header for c in self.columns}

    # -- helpers for subclasses --------------------------------------------------------------------------

    @property
    def orgs(self) -> OrgIndex:
        if self._orgs is None:
            self._orgs = OrgIndex()
        return self._orgs

    def error(self, row: int | None, key: str, message: str) -> None:
        self.errors.append(RowError(row, self.header_of.get(key, key), message))

    def max_length(self, column: Column) -> int | None:
        if column.max_length is not None:
            return column.max_length
        try:
            return self.model._meta.get_field(column.key).max_length
        except Exception:  # noqa: BLE001 - a column that is not a model field
            return None

    # -- hooks ------------------------------------------------------------------------------------------

    def require_user(self) -> None:
        """Refuse (PermissionDenied, message for the user) a user who may import no row at all, before the
        file is read: the upload page answers 403, the CLI and the job report it. Each row is still checked
        by `build` with the org's own service check."""
        from .capabilities import all_capabilities
        from .permissions import can_any, scope_for

        scope = scope_for(self.user)
        if not (scope.is_superuser or scope.write_ids):
            raise PermissionDenied("没有填报权限，不能导入")
        capability = f"{self.app}.import"  # declared by the app (core.capabilities); roles grant it
        if capability in all_capabilities() and not can_any(self.user, capability):
            raise PermissionDenied(self.refused or f"无权{all_capabilities()[capability]}")

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        """Bulk look-ups for the rows about to be built (existing numbers …); one query, not one per row."""

    def build(self, row: int, values: dict[str, Any]) -> Any:
        """Turn one row's parsed values into unsaved records, derived fields computed; record errors with
        `self.error` and raise RowInvalid (or return None) when the row cannot be imported."""
        raise NotImplementedError

    def finish(self, built: list[tuple[int, Any]]) -> None:
        """Checks across rows (duplicates in the file) once every row is built."""

    def write(self, built: list[Any], *, progress: Callable[[int], None]) -> int:
        """Write every built row (inside the caller's transaction) with bulk operations; return the count."""
        raise NotImplementedError

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        raise NotImplementedError

    def export_row(self, obj) -> list[Any]:
        raise NotImplementedError

    # -- the run -----------------------------------------------------------------------------------------

    def run(self, data: bytes, *, filename: str = "", progress: Progress | None = None) -> ImportResult:
        started = time.perf_counter()
        result = ImportResult(app=self.app, filename=filename)
        report = progress or (lambda phase, done, total: None)
        try:
            self.require_user()
        except PermissionDenied as exc:
            result.errors = [RowError(None, "", str(exc))]
            return result
        try:
            table = read_table(data, filename=filename, sheet_name=self.sheet_name)
            report("read", 1, 1)
            self._run(table, result, report)
        except FileRejected as exc:
            result.errors = [RowError(None, "", str(exc))]
        result.seconds = time.perf_counter() - started
        return result

    def _run(self, table: Table, result: ImportResult, report: Progress) -> None:
        rows = table.rows
        if not rows or all(_blank(v) for v in rows[0]):
            raise FileRejected(f"工作表「{self.sheet_name}」第1行应为表头，请使用导入模板")
        headers = [_text(h) for h in rows[0]]
        result.headers = headers
        index = self._header_index(headers)
        data_rows = [(i + 1, r) for i, r in enumerate(rows) if i > 0 and not all(_blank(v) for v in r)]
        result.total = len(data_rows)
        result.rows = data_rows
        if not data_rows:
            raise FileRejected(f"工作表「{self.sheet_name}」没有数据行")
        self._structure_errors(table, headers)

        today = timezone.localdate()
        parsers = [
            (
                c,
                index.get(c.key),
                CellParser(
                    c, max_length=self.max_length(c), orgs=self.orgs if c.kind == ORG else None, today=today
                ),
            )
            for c in self.columns
        ]
        total = len(data_rows)
        step = max(1000, total // 100)
        parsed: list[tuple[int, dict[str, Any]]] = []
        for n, (rownum, raw) in enumerate(data_rows, 1):
            values: dict[str, Any] = {}
            ok = True
            width = len(raw)
            for column, pos, parser in parsers:
                cell = raw[pos] if pos is not None and pos < width else None
                if _blank(cell):
                    if column.required:
                        self.errors.append(RowError(rownum, column.header, "必填，不能为空"))
                        ok = False
                    values[column.key] = None
                    continue
                try:
                    values[column.key] = parser.parse(cell)
                except CellError as exc:
                    self.errors.append(RowError(rownum, column.header, str(exc)))
                    ok = False
            if ok:
                parsed.append((rownum, values))
            if n % step == 0:
                report("validate", n // 2, total)
        self.prepare(parsed)
        built: list[tuple[int, Any]] = []
        for n, (rownum, values) in enumerate(parsed, 1):
            try:
                obj = self.build(rownum, values)
            except RowInvalid:
                obj = None
            if obj is not None:
                built.append((rownum, obj))
            if n % step == 0:
                report("validate", total // 2 + n * total // (2 * max(1, len(parsed))), total)
        self.finish(built)
        report("validate", total, total)
        if self.errors:
            result.errors = sorted(self.errors, key=lambda e: (e.row or 0, self._column_order(e.column)))
            return
        objs = [obj for _, obj in built]
        report("write", 0, total)
        try:
            result.created = write_all_or_nothing(
                lambda: self.write(objs, progress=lambda done: report("write", done, total)), app=self.app
            )
        except DatabaseError as exc:
            result.created = 0
            result.errors = [RowError(None, "", f"写入数据库失败，未导入任何记录：{exc}")]
            return
        report("write", total, total)
        result.rows = []  # not needed once imported

    def _column_order(self, header: str) -> int:
        for i, c in enumerate(self.columns):
            if c.header == header:
                return i
        return -1

    def _header_index(self, headers: list[str]) -> dict[str, int]:
        known = {c.header: c for c in self.columns}
        index: dict[str, int] = {}
        problems: list[str] = []
        seen: set[str] = set()
        for pos, header in enumerate(headers):
            if not header or header == ERROR_COLUMN:
                continue
            if header in seen:
                problems.append(f"列「{header}」重复")
                continue
            seen.add(header)
            column = known.get(header)
            if column is None:
                problems.append(f"未知的列「{header}」")
            else:
                index[column.key] = pos
        missing = [c.header for c in self.columns if c.required and c.key not in index]
        if missing:
            problems.insert(0, "缺少必填列" + "、".join(f"「{h}」" for h in missing))
        if problems:
            raise FileRejected(
                f"工作表「{self.sheet_name}」第1行表头不正确：{'；'.join(problems)}。请下载并使用「{self.title}」导入模板。"
            )
        return index

    def _structure_errors(self, table: Table, headers: list[str]) -> None:
        """Formulas and merged cells found by the file scan, named by row and header."""

        def header_at(col: int) -> str:
            return headers[col] if col < len(headers) and headers[col] else _col_letter(col)

        for row, col in table.formula_cells[:MAX_LISTED]:
            self.errors.append(RowError(row, header_at(col), "单元格含有公式，请复制后「粘贴为数值」再导入"))
        if len(table.formula_cells) > MAX_LISTED:
            self.errors.append(
                RowError(None, "", f"另有{len(table.formula_cells) - MAX_LISTED}个单元格含有公式")
            )
        if table.has_formulas and not table.formula_cells:
            self.errors.append(RowError(None, "", "文件含有公式，请将公式转换为数值后再导入"))
        for (r1, c1), (r2, c2) in table.merged[:MAX_LISTED]:
            ref = f"{_col_letter(c1)}{r1}:{_col_letter(c2)}{r2}"
            self.errors.append(RowError(r1, header_at(c1), f"含有合并单元格（{ref}），请取消合并并逐行填写"))
        if len(table.merged) > MAX_LISTED:
            self.errors.append(RowError(None, "", f"另有{len(table.merged) - MAX_LISTED}处合并单元格"))


# --------------------------------------------------------------------------------------------------------
# Registry

_REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    _REGISTRY[cls.app] = cls
    return cls


def get_importer(app: str) -> type[Importer]:
    """The importer of app `app` ("reconsideration", "litigation"); LookupError if it has none."""
    if app not in _REGISTRY:
        if not re.fullmatch(r"[a-z_]+", app or "") or not apps.is_installed(f"fazhi.{app}"):
            raise LookupError(f"没有「{app}」的导入")
        try:
            import_module(f"fazhi.{app}.importers")
        except ModuleNotFoundError:
            raise LookupError(f"没有「{app}」的导入") from None
    try:
        return _REGISTRY[app]
    except KeyError:
        raise LookupError(f"没有「{app}」的导入") from None


def importer_apps() -> list[str]:
    """The apps with an importer: the modules each domain app declares (`importers`, the app contract) register."""
    from .contract import domain_apps

    for cfg in domain_apps():
        for module in cfg.importers:
            import_module(module)
    return sorted(_REGISTRY)


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


def _read_csv(data: bytes) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileRejected("CSV 文件编码无法识别，请另存为 UTF-8 编码的 CSV 或 Excel 文件")
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
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


# --------------------------------------------------------------------------------------------------------
# Entry points


def import_file(
    app: str, source: Any, *, user, filename: str = "", progress: Progress | None = None
) -> ImportResult:
    """Validate every row of `source` (a path, bytes or file object) and, if all are valid, write them all
    (`write_all_or_nothing`); otherwise write nothing and return the errors."""
    importer = get_importer(app)(user)
    try:
        data, filename = read_source(source, filename)
    except FileRejected as exc:
        return ImportResult(app=app, filename=filename, errors=[RowError(None, "", str(exc))])
    return importer.run(data, filename=filename, progress=progress)


def template_workbook(app: str, *, user=None) -> bytes:
    """The import template of `app`: the data sheet with Chinese headers and dropdowns, "说明", the choice
    lists and the orgs the user may import for."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .permissions import scope_for

    cls = get_importer(app)
    importer = cls(user)
    wb = Workbook()
    ws = wb.active
    ws.title = cls.sheet_name
    required_fill = PatternFill("solid", fgColor="FDE2E1")
    optional_fill = PatternFill("solid", fgColor="E8EEF7")
    for i, column in enumerate(cls.columns, 1):
        cell = ws.cell(row=1, column=i, value=column.header)
        cell.font = Font(bold=True, color="B42318" if column.required else "1F2937")
        cell.fill = required_fill if column.required else optional_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        note = (
            ("必填。" if column.required else "选填。")
            + column.describe()
            + ("。" + column.help if column.help else "")
        )
        cell.comment = Comment(note, "法治")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = column.width
        if column.kind == DATE:
            for row in range(2, 502):
                ws.cell(row=row, column=i).number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"

    # Choice lists on a sheet of their own: a list validation may not exceed 255 characters inline.
    lists = wb.create_sheet("选项")
    list_col = 0
    for i, column in enumerate(cls.columns, 1):
        if column.kind not in (CHOICE, BOOL):
            continue
        list_col += 1
        labels = [str(x) for x in column.choices.labels] if column.kind == CHOICE else ["是", "否"]
        lists.cell(row=1, column=list_col, value=column.header)
        for r, label in enumerate(labels, 2):
            lists.cell(row=r, column=list_col, value=label)
        ll = get_column_letter(list_col)
        dv = DataValidation(
            type="list",
            formula1=f"'选项'!${ll}$2:${ll}${len(labels) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="请从下拉列表中选择",
            error=f"「{column.header}」只能填写下拉列表中的值",
        )
        ws.add_data_validation(dv)
        dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}1048576")
        lists.column_dimensions[ll].width = max(12, max(len(x) for x in labels) * 2)

    # Orgs the user may import for (all orgs for a superuser or a template fetched without a user).
    org_sheet = wb.create_sheet("机构")
    org_sheet.append(["机构名称", "机构代码", "类型", "上级机构"])
    for c in org_sheet[1]:
        c.font = Font(bold=True)
    scope = scope_for(user) if user is not None else None
    org_rows = 0
    from .models import Org

    for org in Org.objects.filter(is_active=True).select_related("parent").order_by("path"):
        if scope is not None and not scope.is_superuser and org.id not in scope.write_ids:
            continue
        org_sheet.append(
            safe_row(
                org_sheet, [org.name, org.code, org.get_kind_display(), org.parent.name if org.parent else ""]
            )
        )
        org_rows += 1
    org_sheet.column_dimensions["A"].width = 28
    org_sheet.column_dimensions["B"].width = 16
    org_sheet.column_dimensions["D"].width = 24
    if org_rows:
        for i, column in enumerate(cls.columns, 1):
            if column.kind == ORG:
                dv = DataValidation(
                    type="list",
                    formula1=f"'机构'!$A$2:$A${org_rows + 1}",
                    allow_blank=True,
                    showErrorMessage=False,  # a code typed by hand is accepted too
                )
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}1048576")

    _help_sheet(wb, cls, importer)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _help_sheet(wb, cls: type[Importer], importer: Importer) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet("说明", 1)
    limit = _mb(max_upload_bytes())
    lines = [
        f"{cls.title}导入说明",
        f"1. 在工作表「{cls.sheet_name}」中每行填写一条记录，第1行为表头，请勿修改表头、工作表名称或列的名称。",
        "2. 红色表头为必填列；下拉列表列请从列表中选择；机构列填写机构名称或机构代码（见「机构」工作表）。",
        "3. 日期列使用日期单元格，或填写 2024-01-31、2024/1/31、2024年1月31日 格式的文本。",
        "4. 不得使用公式或合并单元格；有公式的请先复制后「选择性粘贴 → 数值」。",
        f"5. 单个文件不超过 {limit}；支持 .xlsx、.xls、.ods 和 UTF-8/GBK 编码的 .csv。",
        "6. 导入时先校验全部行，只要有一行有错误，就不会写入任何记录；可下载错误报告，改正后重新上传。",
        *[f"{i}. {note}" for i, note in enumerate(cls.notes, 7)],
    ]
    for line in lines:
        ws.append(safe_row(ws, [line]))
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    header_row = ws.max_row + 1
    ws.append(["列名", "是否必填", "填写格式 / 可选值", "说明"])
    for c in ws[header_row]:
        c.font = Font(bold=True)
    for column in cls.columns:
        ws.append(
            safe_row(
                ws, [column.header, "必填" if column.required else "选填", column.describe(), column.help]
            )
        )
    for row in ws.iter_rows(min_row=header_row + 1):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 70


def error_workbook(result: ImportResult, *, sheet_name: str | None = None) -> bytes:
    """The uploaded rows with an added "错误原因" column; each offending cell filled red with a comment.
    Errors of the whole file (wrong sheet, headers …) are listed on a sheet "文件错误"."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    if sheet_name is None:
        try:
            sheet_name = get_importer(result.app).sheet_name
        except LookupError:
            sheet_name = "数据"
    wb = Workbook(write_only=True)
    red = PatternFill("solid", fgColor="FFC7CE")
    red_text = Font(color="B42318")
    by_row: dict[int | None, list[RowError]] = {}
    for e in result.errors:
        by_row.setdefault(e.row, []).append(e)
    keep = [i for i, h in enumerate(result.headers) if h != ERROR_COLUMN]
    headers = [result.headers[i] for i in keep]
    if result.rows and headers:
        ws = wb.create_sheet(sheet_name)
        ws.append(safe_row(ws, [*headers, ERROR_COLUMN]))  # the file's own headers and cells, as text
        col_of = {h: j for j, h in enumerate(headers) if h}
        for rownum, raw in result.rows:
            errs = by_row.get(rownum, [])
            if not errs:
                ws.append(
                    safe_row(ws, [(raw[src] if src < len(raw) and raw[src] != "" else None) for src in keep])
                )
                continue
            bad: dict[int, list[str]] = {}
            for e in errs:
                if e.column in col_of:
                    bad.setdefault(col_of[e.column], []).append(e.message)
            cells = []
            for j, src in enumerate(keep):
                value = raw[src] if src < len(raw) else None
                cell = safe_cell(ws, None if value == "" else value)
                if j in bad:
                    cell.fill = red
                    cell.comment = Comment("\n".join(bad[j]), "法治")
                cells.append(cell)
            reason = safe_cell(
                ws, "；".join(f"「{e.column}」{e.message}" if e.column else e.message for e in errs)
            )
            reason.font = red_text
            ws.append([*cells, reason])
    general = by_row.get(None, []) if result.rows and headers else result.errors
    if general or not (result.rows and headers):
        info = wb.create_sheet("文件错误")
        info.append([ERROR_COLUMN])
        for e in general:
            info.append(safe_row(info, [str(e)]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------------------
# Bulk writes
#
# Django's bulk_create compiles every value of every row through the field machinery (about 5 µs a value);
# an import of 100k cases writes some 30 million values counting history, applicants and timeline. The
# rows here are already validated Python values, so each is converted once per field kind and sent with
# executemany or multi-row INSERT … RETURNING (SQLite), or COPY (PostgreSQL). The history rows are exactly
# those simple_history's bulk_history_create writes (history_type "+", user, reason, date, every tracked
# field), built from the converted values of the records without a model instance each.

_PLAIN = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)
_AUTO = ("AutoField", "BigAutoField", "SmallAutoField")


def _memo(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Convert each distinct value once (timestamps repeat across a batch: created_at, history_date)."""
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = fn(value)
            return result
        except TypeError:  # unhashable
            return fn(value)

    return convert


def _date_converter(connection) -> Callable[[Any], Any] | None:
    """None when the driver takes date objects as they are: psycopg, and sqlite3 with the ISO adapter Django
    registers (the same text adapt_datefield_value would produce)."""
    probe = dt.date(2000, 1, 2)
    adapted = connection.ops.adapt_datefield_value(probe)
    if adapted is probe:
        return None
    if connection.vendor == "sqlite" and adapted == probe.isoformat():
        import sqlite3

        adapter = sqlite3.adapters.get((dt.date, sqlite3.PrepareProtocol))
        if adapter is not None and adapter(probe) == adapted:
            return None
    return connection.ops.adapt_datefield_value


class _Plan:
    """How rows of one model become parameter lists: the inserted fields (the auto primary key left to the
    database), each with its converter to a database value and its default."""

    def __init__(self, model, connection, now) -> None:
        self.model = model
        self.connection = connection
        self.fields = []
        self.converters: list[Callable[[Any], Any] | None] = []
        self.defaults: list[Any] = []
        date_conv = _date_converter(connection)
        for f in model._meta.concrete_fields:
            kind = f.get_internal_type()
            if f.primary_key and kind in _AUTO:
                continue
            if kind in _PLAIN:
                conv = None
            elif kind == "DateField":
                conv = date_conv
            else:
                conv = _memo(lambda v, field=f: field.get_db_prep_save(v, connection))
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = now
            else:
                default = f.get_default()  # "" for a text field without a default, None for a nullable one
            self.fields.append(f)
            self.converters.append(conv)
            self.defaults.append(default)
        self.attnames = [f.attname for f in self.fields]
        self.index = {name: i for i, name in enumerate(self.attnames)}
        self._getters = list(zip(self.attnames, self.defaults, strict=True))
        self._converted = [(i, c) for i, c in enumerate(self.converters) if c is not None]

    def convert(self, i: int, value: Any) -> Any:
        conv = self.converters[i]
        return value if conv is None or value is None else conv(value)

    def values(self, row: dict[str, Any]) -> list[Any]:
        out = [row.get(name, default) for name, default in self._getters]
        for i, conv in self._converted:
            v = out[i]
            if v is not None:
                out[i] = conv(v)
        return out

    def insert(self, value_lists: list[list[Any]], *, returning: bool) -> list[int] | None:
        """INSERT the parameter lists; with `returning`, the new primary keys in order."""
        if not value_lists:
            return [] if returning else None
        stage = _STAGE.get()
        if stage is not None and stage.connection is self.connection:
            return stage.insert(self, value_lists, returning=returning)
        if self.connection.vendor == "postgresql":
            return self._copy(value_lists, returning=returning)
        qn = self.connection.ops.quote_name
        table = qn(self.model._meta.db_table)
        cols = ", ".join(qn(f.column) for f in self.fields)
        one = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        with self.connection.cursor() as cursor:
            if not returning:
                sql = f"INSERT INTO {table} ({cols}) VALUES {one}"  # noqa: S608 - quoted model identifiers only; values are parameters
                for part in chunked(value_lists, 5000):
                    cursor.executemany(sql, part)
                return None
            pk = self.model._meta.pk
            if not self.connection.features.can_return_rows_from_bulk_insert:  # pragma: no cover - old SQLite
                ids = []
                for values in value_lists:
                    cursor.execute(f"INSERT INTO {table} ({cols}) VALUES {one}", values)  # noqa: S608 - quoted model identifiers only; values are parameters
                    ids.append(
                        self.connection.ops.last_insert_id(cursor, self.model._meta.db_table, pk.column)
                    )
                return ids
            per = max(1, min(2000, _param_limit(self.connection) // max(1, len(self.fields))))
            ids = []
            for part in chunked(value_lists, per):
                params = [v for values in part for v in values]
                cursor.execute(
                    f"INSERT INTO {table} ({cols}) VALUES {', '.join([one] * len(part))} RETURNING {qn(pk.column)}",  # noqa: S608 - quoted model identifiers only; values are parameters
                    params,
                )
                ids.extend(r[0] for r in cursor.fetchall())
            return ids

    def _copy(self, value_lists: list[list[Any]], *, returning: bool) -> list[int] | None:
        """PostgreSQL: COPY … FROM STDIN (psycopg 3). New ids are drawn from the table's sequence first
        (nextval, so concurrent writers never collide) and sent with the rows."""
        qn = self.connection.ops.quote_name
        pk = self.model._meta.pk
        cols = [qn(f.column) for f in self.fields]
        ids: list[int] = []
        with self.connection.cursor() as cursor:
            if returning:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.model._meta.db_table, pk.column, len(value_lists)],
                )
                ids = [r[0] for r in cursor.fetchall()]
                cols.insert(0, qn(pk.column))
            sql = f"COPY {qn(self.model._meta.db_table)} ({', '.join(cols)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                if returning:
                    for pk_value, values in zip(ids, value_lists, strict=True):
                        copy.write_row([pk_value, *values])
                else:
                    for values in value_lists:
                        copy.write_row(values)
        return ids if returning else None


def _param_limit(connection) -> int:
    if connection.vendor == "sqlite":
        try:
            import sqlite3

            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except Exception:  # noqa: BLE001 - older Pythons: Django's conservative figure
            return connection.features.max_query_params or 65535
    return connection.features.max_query_params or 65535


def bulk_insert(model, rows: list[dict[str, Any]], *, returning: bool = False, using: str = "default"):
    """INSERT `rows` (mappings by field attname; a missing key takes the field's default) into `model`'s
    table. With `returning`, return the new primary keys in row order. Call inside a transaction."""
    from django.db import connections

    plan = _Plan(model, connections[using], timezone.now())
    return plan.insert([plan.values(r) for r in rows], returning=returning)


def insert_audited(
    model, rows: list[dict[str, Any]], *, user, reason: str = IMPORT_REASON, when=None, using: str = "default"
) -> list[int]:
    """Insert `rows` (mappings by attname) and their "+" history rows (django-simple-history's table) naming
    `user` and `reason`; return the new primary keys. What simple_history's bulk_create_with_history writes,
    at a fraction of the cost."""
    from operator import itemgetter

    from django.conf import settings as dj_settings
    from django.db import connections

    connection = connections[using]
    now = when or timezone.now()  # created_at and history_date of one import agree
    plan = _Plan(model, connection, now)
    value_lists = [plan.values(r) for r in rows]
    ids = plan.insert(value_lists, returning=True)
    manager = getattr(model, "history", None)
    if manager is None or not getattr(dj_settings, "SIMPLE_HISTORY_ENABLED", True) or not rows:
        return ids
    # Each history column is a column of the record (already converted), its primary key, or a constant.
    hplan = _Plan(manager.model, connection, now)
    base = {
        "history_date": now,
        "history_user_id": getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None,
        "history_change_reason": reason,
        "history_type": "+",
    }
    width = len(plan.fields)
    pk_name = model._meta.pk.attname
    constants: list[Any] = []
    picks: list[int] = []
    for i, name in enumerate(hplan.attnames):
        if name == pk_name:
            picks.append(width)
        elif name in plan.index and name not in base:
            picks.append(plan.index[name])
        else:
            picks.append(width + 1 + len(constants))
            constants.append(hplan.convert(i, base.get(name, hplan.defaults[i])))
    pick = itemgetter(*picks)
    history = [list(pick([*values, pk, *constants])) for values, pk in zip(value_lists, ids, strict=True)]
    hplan.insert(history, returning=False)
    return ids


def bulk_create_audited(
    model, objs: list[Any], *, user, reason: str = IMPORT_REASON, when=None, using="default"
):
    """`insert_audited` for unsaved model instances, which get their primary keys (and auto_now values)."""
    now = when or timezone.now()
    for f in model._meta.concrete_fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                if obj.__dict__.get(f.attname) is None:
                    obj.__dict__[f.attname] = now
    ids = insert_audited(
        model, [obj.__dict__ for obj in objs], user=user, reason=reason, when=now, using=using
    )
    pk_name = model._meta.pk.attname
    for obj, pk in zip(objs, ids, strict=True):
        setattr(obj, pk_name, pk)
        obj._state.adding = False
        obj._state.db = using
    stage = _STAGE.get()
    if stage is not None:
        stage.objects.append(objs)  # their staged ids (and foreign keys) become the real ones on publish
    return objs


def chunked(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --------------------------------------------------------------------------------------------------------
# All or nothing, without holding SQLite's write lock
#
# SQLite has one writer at a time. One transaction writing 100k imported cases with their history, applicants
# and events held the write lock for the whole write phase; every other write (a login, a session save, a clerk
# saving a form, the job's own progress) waited for it and failed after the busy timeout ("database is locked").
# So on SQLite the rows are first written into TEMP tables: a separate database private to the import's
# connection, so writing them takes no lock on the main database, in autocommit statements, with negative ids.
# Then they are published in short transactions (`_Stage.publish`): one reserves an id range per table (moving
# its AUTOINCREMENT sequence past it, so concurrent writers take other ids) and records the ranges in an
# ImportBatch row; each next one copies PUBLISH_CHUNK staged rows with INSERT … SELECT (C speed, no Python per
# value), ids and foreign keys between staged rows shifted into the reserved ranges; the last one also deletes
# the batch. Between two chunks other users' writes get the lock, so none waits more than a fraction of a
# second; pages, which only read, never wait (WAL).
# All or nothing: a failure before publishing leaves nothing (the TEMP tables are dropped, or die with the
# connection on kill -9); a failing chunk deletes the ranges already published in one transaction
# (`discard_batch`); a process killed while publishing leaves its batch, whose rows the worker's sweep and
# `fazhi cleanup` delete once its heartbeat is FAZHI_JOB_STALE_SECONDS old (`discard_stale_batches`). The price
# of short locks: for the seconds the publication takes, readers may see part of the import. Case numbers
# computed before the write stay unique: a number taken meanwhile by a hand-registered case makes its chunk fail
# on the unique constraint, and the import is taken back whole.
#
# On PostgreSQL the write stays one transaction: its writers lock rows, not the database, so a long import
# blocks nobody.

_STAGE: ContextVar[_Stage | None] = ContextVar("fazhi_import_stage", default=None)
PUBLISH_CHUNK = 5000  # staged rows copied per transaction: a fraction of a second of SQLite's write lock
logger = logging.getLogger(__name__)


class _Stage:
    """The TEMP tables of one import on one SQLite connection, and their publication."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.tables: dict[Any, str] = {}  # model -> its TEMP table, in the order of the first write
        self.counts: dict[Any, int] = {}  # model -> staged ids handed out (-1, -2, …)
        self.objects: list[list[Any]] = []  # instances given staged ids (bulk_create_audited)

    def _table(self, model) -> str:
        name = self.tables.get(model)
        if name is None:
            qn = self.connection.ops.quote_name
            name = f"fazhi_stage_{model._meta.db_table}"
            with self.connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS temp.{qn(name)}")
                # The columns and their types only: no constraints (checked when published), no indexes.
                cursor.execute(
                    f"CREATE TEMP TABLE {qn(name)} AS SELECT * FROM main.{qn(model._meta.db_table)} WHERE 0"  # noqa: S608 - quoted model identifiers only; values are parameters
                )
            self.tables[model] = name
            self.counts[model] = 0
        return name

    def insert(self, plan: _Plan, value_lists: list[list[Any]], *, returning: bool) -> list[int] | None:
        model = plan.model
        qn = self.connection.ops.quote_name
        table = self._table(model)
        pk = model._meta.pk
        columns = [f.column for f in plan.fields]
        if pk in plan.fields:  # pragma: no cover - every imported model has an auto primary key
            raise TypeError(f"{model.__name__}: only rows with an auto primary key can be staged")
        start = self.counts[model]
        self.counts[model] = start + len(value_lists)
        ids = list(range(-start - 1, -start - len(value_lists) - 1, -1))
        columns.insert(0, pk.column)
        rows = ([pk_value, *values] for pk_value, values in zip(ids, value_lists, strict=True))
        sql = (
            f"INSERT INTO temp.{qn(table)} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608 - quoted model identifiers only; values are parameters
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        return ids if returning else None

    def _shifted(self, model) -> dict[str, Any]:
        """Column -> the staged model whose ids it holds: the primary key, foreign keys to staged models, and a
        history row's copy of its record's primary key (django-simple-history's `instance_type`)."""
        out: dict[str, Any] = {}
        record = getattr(model, "instance_type", None)
        for f in model._meta.concrete_fields:
            if f.primary_key:
                out[f.column] = model
            elif f.is_relation and f.related_model in self.tables:
                out[f.column] = f.related_model
            elif record is not None and record in self.tables and f.attname == record._meta.pk.attname:
                out[f.column] = record
        return out

    def _select(self, model, bases: dict[Any, int]) -> str:
        """The SELECT list copying `model`'s staged rows with their ids made real."""
        qn = self.connection.ops.quote_name
        shifted = self._shifted(model)
        exprs = []
        for f in model._meta.concrete_fields:
            target = shifted.get(f.column)
            if target is None:
                exprs.append(qn(f.column))
            else:  # a staged id -k becomes base + k; a positive id names an existing row
                exprs.append(
                    f"CASE WHEN {qn(f.column)} < 0 THEN {int(bases[target])} - {qn(f.column)} ELSE {qn(f.column)} END"
                )
        return ", ".join(exprs)

    def publish(self, *, app: str = "", chunk: int = PUBLISH_CHUNK) -> dict[Any, int]:
        """Copy every staged table into its real one, `chunk` rows per transaction; return each model's id
        offset. First one transaction reserves each table's id range (its AUTOINCREMENT sequence moved past
        it, so no one else takes those ids) and records the ranges in an ImportBatch row; each chunk then
        stamps the batch's heartbeat, and the last one deletes it. If a chunk fails, the rows already copied
        are deleted again (`discard_batch`); if the process dies, the batch left behind is discarded by the
        worker's sweep once its heartbeat is FAZHI_JOB_STALE_SECONDS old (`discard_stale_batches`)."""
        from .models import ImportBatch

        qn = self.connection.ops.quote_name
        alias = self.connection.alias
        bases: dict[Any, int] = {}
        with transaction.atomic(using=alias), self.connection.cursor() as cursor:
            ranges = []
            for model, count in self.counts.items():  # under the write lock (BEGIN IMMEDIATE)
                db_table, pk_column = model._meta.db_table, model._meta.pk.column
                cursor.execute(f"SELECT MAX({qn(pk_column)}) FROM {qn(db_table)}")  # noqa: S608 - quoted model identifiers only; values are parameters
                highest = cursor.fetchone()[0] or 0
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [db_table])
                seq = cursor.fetchone()
                base = bases[model] = max(highest, (seq[0] if seq else 0) or 0)
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [base + count, db_table]
                )
                if not cursor.rowcount:
                    cursor.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [db_table, base + count]
                    )
                ranges.append([db_table, pk_column, base + 1, base + count])
            batch = ImportBatch.objects.create(app=app, ranges=ranges, heartbeat_at=timezone.now())
        steps = [
            (model, table, first, min(first + chunk - 1, self.counts[model]))
            for model, table in self.tables.items()
            for first in range(1, self.counts[model] + 1, chunk)
        ]
        try:
            for i, (model, table, first, last) in enumerate(steps, 1):
                pk_column = qn(model._meta.pk.column)
                with transaction.atomic(using=alias), self.connection.cursor() as cursor:
                    cursor.execute(
                        f"INSERT INTO {qn(model._meta.db_table)} "  # noqa: S608 - quoted model identifiers only; values are parameters
                        f"({', '.join(qn(f.column) for f in model._meta.concrete_fields)}) "
                        f"SELECT {self._select(model, bases)} FROM temp.{qn(table)} "
                        f"WHERE {pk_column} BETWEEN %s AND %s ORDER BY {pk_column} DESC",
                        [-last, -first],
                    )
                    if i < len(steps):
                        ImportBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now())
                    else:  # the import is complete in the same commit that forgets the batch
                        ImportBatch.objects.filter(pk=batch.pk).delete()
            if not steps:
                ImportBatch.objects.filter(pk=batch.pk).delete()
        except BaseException:
            try:
                discard_batch(batch, using=alias)
            except DatabaseError:  # left for discard_stale_batches
                logger.exception("import batch %s: the rows already published could not be deleted", batch.pk)
            raise
        for objs in self.objects:
            for obj in objs:
                for f in obj._meta.concrete_fields:
                    target = f.model if f.primary_key else (f.related_model if f.is_relation else None)
                    value = obj.__dict__.get(f.attname)
                    if target in bases and isinstance(value, int) and value < 0:
                        obj.__dict__[f.attname] = bases[target] - value
        return bases

    def discard(self) -> None:
        qn = self.connection.ops.quote_name
        if self.connection.connection is None:  # the connection is gone, and its TEMP tables with it
            return
        with self.connection.cursor() as cursor:
            for table in self.tables.values():
                cursor.execute(f"DROP TABLE IF EXISTS temp.{qn(table)}")


def discard_batch(batch, *, using: str = "default") -> None:
    """Delete the rows of a partly published import (its ranges, last table first) and the batch, in one
    transaction."""
    from django.db import connections

    from .models import ImportBatch

    qn = connections[using].ops.quote_name
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for db_table, pk_column, first, last in reversed(batch.ranges):
            cursor.execute(
                f"DELETE FROM {qn(db_table)} WHERE {qn(pk_column)} BETWEEN %s AND %s", [first, last]  # noqa: S608 - quoted model identifiers only; values are parameters
            )
        ImportBatch.objects.using(using).filter(pk=batch.pk).delete()


def discard_stale_batches(*, now: dt.datetime | None = None, using: str = "default") -> int:
    """Discard the partly published imports whose process died (no heartbeat for FAZHI_JOB_STALE_SECONDS);
    return how many. Safe to run twice and alongside imports: a live import stamps its batch every chunk."""
    from .models import ImportBatch

    cutoff = (now or timezone.now()) - dt.timedelta(seconds=settings.FAZHI_JOB_STALE_SECONDS)
    discarded = 0
    for batch in ImportBatch.objects.using(using).filter(heartbeat_at__lt=cutoff):
        logger.warning(
            "import batch %s (%s) was abandoned half published: deleting its rows", batch.pk, batch.app
        )
        discard_batch(batch, using=using)
        discarded += 1
    return discarded


def write_all_or_nothing(write: Callable[[], int], *, using: str = "default", app: str = "") -> int:
    """Run `write` (bulk_insert / insert_audited / bulk_create_audited calls) so that all its rows are written
    or none. PostgreSQL: one transaction. SQLite: staged, then published in short transactions (above)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite" or _STAGE.get() is not None:
        with transaction.atomic(using=using):
            return write()
    discard_stale_batches(using=using)  # an import killed while publishing, where no worker sweeps (CLI only)
    connection.ensure_connection()
    stage = _Stage(connection)
    token = _STAGE.set(stage)
    try:
        count = write()
    except BaseException:
        _STAGE.reset(token)
        stage.discard()
        raise
    _STAGE.reset(token)
    try:
        stage.publish(app=app)
    finally:
        stage.discard()
    return count
