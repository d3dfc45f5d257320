"""Column specs, row errors and results, orgs by natural key, and the parsing of one cell by its column kind."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
    #: other headers units use for this column ("申请人姓名"), for the column mapping's suggestions
    aliases: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kind == CHOICE and self.choices is not None:
            labels = [str(label) for label in self.choices.labels]
            if labels:
                return "可选：" + "、".join(labels)
            codelist = getattr(self.choices, "codelist", None)  # an admin-edited 字典 with no entries yet
            if codelist is not None:
                return f"{KIND_HELP[CHOICE]}（字典「{codelist.name}」尚无条目，请先在字典中维护）"
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
        from ..models import Org

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
        from ..choices import OrgKind

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
            if not self.choice_help:
                raise CellError(
                    f"「{text}」不是可选的值：字典中还没有可选的条目，请先在字典管理中添加，或留空"
                )
            raise CellError(f"「{text}」不是可选的值；可选：{self.choice_help}")
        return found

    def _org(self, value: Any):
        if self.orgs is None:  # only ORG columns get this parser, and they always get the index
            raise RuntimeError(f"column {self.column.header!r} has no organisation index")
        return self.orgs.resolve(_text(value))


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())
