"""Column mapping (列对应): a unit's own spreadsheet, whose headers differ from the template's, imported by
telling which of its columns holds each of Fazhi's fields.

A mapping is ``{"sheet": sheet name, "columns": {column key: the file's header}}``. `suggest` proposes one
by name similarity (the template's header and the column's declared `aliases`, compared after folding
common variants: 编号/号, 姓名, 时间/日期 … then difflib's ratio); `check_mapping` refuses a required field
left unmapped, a header used for two fields and a header the file does not have; `Importer.run(mapping=…)`
reads the mapped columns and names each error by the file's own header, so the error workbook marks the
user's cells."""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..uploads import FileRejected
from .cells import ERROR_COLUMN, Column, _blank, _text
from .reading import _read_csv, sniff

#: below this score a header is not suggested for a field
THRESHOLD = 0.6

# Variants of the same word in Chinese registers' headers, folded before comparing (order matters: longer first).
_FOLD = (
    ("（必填）", ""),
    ("(必填)", ""),
    ("*", ""),
    ("案件编号", "案号"),
    ("案件号", "案号"),
    ("编码", "号"),
    ("编号", "号"),
    ("序号", "号"),
    ("文号", "号"),
    ("号码", "号"),
    ("姓名", ""),
    ("名称", ""),
    ("全称", ""),
    ("是否", ""),
    ("时间", "日期"),
    ("日子", "日期"),
    ("机关", "单位"),
    ("部门", "单位"),
    ("机构", "单位"),
    ("手机", "电话"),
    ("联系方式", "联系电话"),
    ("（元）", ""),
    ("(元)", ""),
    ("（条）", ""),
    ("(条)", ""),
    ("人数", "人次"),
    ("类型", "类别"),
)
_SPACE = re.compile(r"[\s\u3000:：]+")


def normalize(header: Any) -> str:
    """The header without spaces and colons, half-width brackets made full-width."""
    text = _SPACE.sub("", _text(header)).replace("(", "（").replace(")", "）")
    return text.lower()


def fold(header: Any) -> str:
    text = normalize(header)
    for old, new in _FOLD:
        text = text.replace(old, new)
    return text


def similarity(column: Column, header: str) -> float:
    """How well the file's `header` names `column` (0 … 1)."""
    h = normalize(header)
    if not h:
        return 0.0
    names = [column.header, *column.aliases]
    if h in {normalize(n) for n in names}:
        return 1.0
    best = 0.0
    fh = fold(h)
    for name in names:
        fn = fold(name)
        if fn and fn == fh:
            return 0.95
        score = max(
            difflib.SequenceMatcher(None, normalize(name), h).ratio(),
            difflib.SequenceMatcher(None, fn, fh).ratio(),
        )
        short, long_ = sorted((fn, fh), key=len)
        if len(short) >= 2 and short in long_:
            score = max(score, 0.6 + 0.3 * len(short) / len(long_))
        best = max(best, score)
    return best


def file_headers(headers: Iterable[Any]) -> list[str]:
    """The file's headers that can be mapped: not blank, not the error workbook's "错误原因"."""
    return [h for h in (_text(x) for x in headers) if h and h != ERROR_COLUMN]


def suggest(columns: Iterable[Column], headers: Iterable[Any]) -> dict[str, str]:
    """{column key: header} for the best pairs above THRESHOLD, each header used once (greedy on the
    score; ties go to the template's column order, then the file's)."""
    cols = list(columns)
    heads = list(dict.fromkeys(file_headers(headers)))
    pairs = []
    for i, c in enumerate(cols):
        for j, h in enumerate(heads):
            score = similarity(c, h)
            if score >= THRESHOLD:
                pairs.append((-score, i, j))
    pairs.sort()
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for _, i, j in pairs:
        key, header = cols[i].key, heads[j]
        if key in chosen or header in used:
            continue
        chosen[key] = header
        used.add(header)
    return {c.key: chosen[c.key] for c in cols if c.key in chosen}


def matches_template(columns: Iterable[Column], headers: Iterable[Any]) -> bool:
    """Whether the file's header row is the template's (every header known, none twice, required present):
    the file imports as it is, no mapping asked."""
    cols = list(columns)
    known = {c.header for c in cols}
    heads = file_headers(headers)
    if len(heads) != len(set(heads)) or any(h not in known for h in heads):
        return False
    return all(c.header in heads for c in cols if c.required)


def check_mapping(columns: Iterable[Column], headers: Iterable[Any], chosen: Mapping[str, str]) -> list[str]:
    """The Chinese reasons `chosen` ({column key: header}, blank = not imported) cannot be used; [] if it can."""
    cols = list(columns)
    present = set(file_headers(headers))
    problems: list[str] = []
    by_header: dict[str, list[str]] = {}
    for c in cols:
        header = (chosen.get(c.key) or "").strip()
        if not header:
            if c.required:
                problems.append(f"「{c.header}」为必填项，请选择文件中对应的列")
            continue
        if header not in present:
            problems.append(f"「{c.header}」对应的列「{header}」在文件中不存在")
            continue
        by_header.setdefault(header, []).append(c.header)
    for header, fields in by_header.items():
        if len(fields) > 1:
            problems.append(
                f"文件中的列「{header}」同时对应了{'、'.join(f'「{f}」' for f in fields)}，每列只能对应一项"
            )
    return problems


def clean_columns(columns: Iterable[Column], chosen: Mapping[str, Any]) -> dict[str, str]:
    """`chosen` restricted to the importer's keys, blanks dropped."""
    keys = {c.key for c in columns}
    return {k: str(v).strip() for k, v in chosen.items() if k in keys and v and str(v).strip()}


def read_headers(data: bytes, *, filename: str, sheet_name: str) -> tuple[str, list[str]]:
    """(sheet, header row) of an upload, reading only the first row: the template's sheet if the file has
    it, else its first sheet. FileRejected for a file that cannot be read or has no header row."""
    kind = sniff(data[:8192], filename)
    if kind == "csv":
        sheet = sheet_name
        rows = _read_csv(data, first_only=True)
        first = rows[0] if rows else []
    else:
        from python_calamine import CalamineWorkbook

        try:
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
            names = list(wb.sheet_names)
            if not names:
                raise FileRejected("文件中没有工作表")
            sheet = sheet_name if sheet_name in names else names[0]
            first_rows = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=1)
        except FileRejected:
            raise
        except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
            raise FileRejected(f"无法读取文件（可能已损坏或已加密）：{exc}") from None
        first = first_rows[0] if first_rows else []
    headers = [_text(h) for h in first]
    if not headers or all(_blank(h) for h in headers):
        raise FileRejected(f"工作表「{sheet}」第1行应为表头")
    return sheet, headers


# --------------------------------------------------------------------------------------------------------
# Saved mappings (core.ImportMapping): per importer and unit, see the model for why


def mapping_org(user):
    """The unit a mapping saved by `user` belongs to: the org of their first membership with write access
    (None for a superuser without one)."""
    from ..permissions import scope_for

    write_ids = scope_for(user).write_ids
    for m in user.memberships.select_related("org").order_by("id"):
        if m.org_id in write_ids:
            return m.org
    return None


def visible_mappings(user, app: str):
    """The saved mappings of `app` that `user` may use: those of the units they are a member of (a superuser:
    all), most recently changed first."""
    from ..models import ImportMapping

    qs = ImportMapping.objects.filter(app=app).select_related("org")
    if user.is_superuser:
        return qs
    return qs.filter(org_id__in=user.memberships.values("org_id"))


def find_mapping(user, app: str, name: str):
    """The visible mapping of `app` called `name` (the user's own unit's first), or None."""
    org = mapping_org(user)
    found = list(visible_mappings(user, app).filter(name=name.strip()))
    found.sort(key=lambda m: m.org_id != (org.pk if org else None))
    return found[0] if found else None


def matching_mapping(user, app: str, columns: Iterable[Column], headers: Iterable[Any]):
    """The most recently changed visible mapping of `app` that the file's headers satisfy, or None."""
    cols, heads = list(columns), list(headers)
    for saved in visible_mappings(user, app):
        if isinstance(saved.columns, dict) and not check_mapping(cols, heads, saved.columns):
            return saved
    return None


def save_mapping(user, app: str, name: str, chosen: Mapping[str, str]):
    """Create, or change, the mapping `name` of `app` in the user's unit; audited (history names the user)."""
    from ..audit import save_audited
    from ..models import ImportMapping

    org = mapping_org(user)
    saved = ImportMapping.objects.filter(app=app, org=org, name=name).first()
    if saved is None:
        saved = ImportMapping(app=app, org=org, name=name, created_by=user)
        reason = "新建列对应方案"
    elif saved.columns == dict(chosen):
        return saved
    else:
        reason = "修改列对应方案"
    saved.columns = dict(chosen)
    save_audited(saved, actor=user, reason=reason)
    return saved
