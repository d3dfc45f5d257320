"""The `Importer` base class each app's importers.py subclasses, the registry, and `import_file`."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any, ClassVar

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.utils import timezone

from fazhi.law.calendar import shared_calendar

from ..uploads import FileRejected
from .bulk import write_all_or_nothing
from .cells import (
    ERROR_COLUMN,
    MAX_LISTED,
    ORG,
    CellError,
    CellParser,
    Column,
    ImportResult,
    OrgIndex,
    Progress,
    RowError,
    _blank,
    _text,
)
from .reading import Table, _col_letter, read_source, read_table

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
    #: False for an importer whose `write` also changes existing records (plain ORM saves): its write runs in
    #: one transaction on every database instead of SQLite's staged inserts (write_all_or_nothing)
    staged: ClassVar[bool] = True
    do_not_call_in_templates = True  # the class itself goes into page contexts

    def __init__(self, user) -> None:
        self.user = user
        self.errors: list[RowError] = []
        self._orgs: OrgIndex | None = None
        self.header_of = {c.key: c.header for c in self.columns}
        self.dry_run = False
        self.built: list[Any] = []

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
        from ..capabilities import all_capabilities
        from ..permissions import can_any, scope_for

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

    def run(
        self,
        data: bytes,
        *,
        filename: str = "",
        progress: Progress | None = None,
        mapping: Mapping[str, Any] | None = None,
        dry_run: bool = False,
    ) -> ImportResult:
        """Import `data`; with `mapping` ({"sheet": …, "columns": {key: the file's header}}, see
        importing.mapping) the file's own headers are read as the mapped columns. With `dry_run` every row is
        read, checked and built, and nothing is written (a preview: `self.built` holds the built rows)."""
        self.dry_run = dry_run
        started = time.perf_counter()
        result = ImportResult(app=self.app, filename=filename)
        report = progress or (lambda phase, done, total: None)
        try:
            self.require_user()
        except PermissionDenied as exc:
            result.errors = [RowError(None, "", str(exc))]
            return result
        try:
            sheet = self.sheet_name
            if (
                mapping
            ):  # the sheet the mapping names, or the one read_headers picks (the template's, else first)
                from .mapping import read_headers

                sheet = mapping.get("sheet") or read_headers(data, filename=filename, sheet_name=sheet)[0]
            table = read_table(data, filename=filename, sheet_name=sheet)
            report("read", 1, 1)
            with shared_calendar():  # one holiday table for every row's deadlines
                self._run(table, result, report, columns=(mapping or {}).get("columns"))
        except FileRejected as exc:
            result.errors = [RowError(None, "", str(exc))]
        self._mask_personal(result)
        result.seconds = time.perf_counter() - started
        return result

    def personal_columns(self) -> tuple[str, ...]:
        """The keys of the columns holding citizens' phones or ID numbers (the model's `personal_fields`)."""
        from ..personal import personal_fields

        personal = set(personal_fields(self.model))
        return tuple(c.key for c in self.columns if c.key in personal)

    def _mask_personal(self, result: ImportResult) -> None:
        """An error report (the messages and the error workbook) never echoes a phone or ID number whole: the
        personal columns' cells are masked (core.personal), and so is each of a row's personal values wherever
        a message of that row repeats it."""
        if not result.errors:
            return
        from ..personal import mask

        index = getattr(self, "_index", {})
        positions = [index[k] for k in self.personal_columns() if k in index]
        personal_headers = {self.header_of[k] for k in self.personal_columns()}
        found: dict[int, list[tuple[str, str]]] = {}
        if positions:
            rows = []
            for rownum, raw in result.rows:
                raw = list(raw)
                for pos in positions:
                    if pos < len(raw) and not _blank(raw[pos]):
                        text = _text(raw[pos])
                        raw[pos] = mask(text)
                        found.setdefault(rownum, []).append((text, raw[pos]))
                rows.append((rownum, raw))
            result.rows = rows
        every = sorted((p for pairs in found.values() for p in pairs), key=lambda p: -len(p[0]))
        errors = []
        for e in result.errors:
            message = e.message
            pairs = sorted(found.get(e.row, []), key=lambda p: -len(p[0])) if e.row is not None else every
            for text, masked in pairs:
                if text and text != masked:
                    message = message.replace(text, masked)
            if e.column in personal_headers:
                message = mask(message)
            errors.append(RowError(e.row, e.column, message) if message != e.message else e)
        result.errors = errors

    def _run(
        self, table: Table, result: ImportResult, report: Progress, columns: Mapping[str, str] | None = None
    ) -> None:
        rows = table.rows
        if not rows or all(_blank(v) for v in rows[0]):
            raise FileRejected(f"工作表「{self.sheet_name}」第1行应为表头，请使用导入模板")
        headers = [_text(h) for h in rows[0]]
        result.headers = headers
        index = self._header_index(headers) if columns is None else self._mapped_index(headers, columns)
        self._index = index
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
                        self.errors.append(RowError(rownum, self.header_of[column.key], "必填，不能为空"))
                        ok = False
                    values[column.key] = None
                    continue
                try:
                    values[column.key] = parser.parse(cell)
                except CellError as exc:
                    self.errors.append(RowError(rownum, self.header_of[column.key], str(exc)))
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
        if self.dry_run:
            self.built = objs
            return
        report("write", 0, total)
        try:
            result.created = write_all_or_nothing(
                lambda: self.write(objs, progress=lambda done: report("write", done, total)),
                app=self.app,
                staged=self.staged,
            )
        except DatabaseError as exc:
            result.created = 0
            result.errors = [RowError(None, "", f"写入数据库失败，未导入任何记录：{exc}")]
            return
        report("write", total, total)
        result.rows = []  # not needed once imported

    def _column_order(self, header: str) -> int:
        for i, c in enumerate(self.columns):
            if self.header_of[c.key] == header:
                return i
        return -1

    def _mapped_index(self, headers: list[str], columns: Mapping[str, str]) -> dict[str, int]:
        """{key: position} of a mapped file; errors are then named by the file's own headers."""
        from .mapping import check_mapping

        problems = check_mapping(self.columns, headers, columns)
        if problems:
            raise FileRejected(f"工作表第1行表头与列对应方案不符：{'；'.join(problems)}")
        position = {}
        for pos, header in enumerate(headers):
            position.setdefault(header, pos)
        index = {}
        for c in self.columns:
            header = (columns.get(c.key) or "").strip()
            if header:
                index[c.key] = position[header]
                self.header_of[c.key] = header
        return index

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
    """The importer of app `app` ("reconsideration", "litigation"), or of an app's further sheet registered under
    its own key ("enforcement_powers"); LookupError if there is none."""
    if app not in _REGISTRY:
        if not re.fullmatch(r"[a-z_]+", app or ""):
            raise LookupError(f"没有「{app}」的导入")
        if apps.is_installed(f"fazhi.{app}"):
            try:
                import_module(f"fazhi.{app}.importers")
            except ModuleNotFoundError:
                raise LookupError(f"没有「{app}」的导入") from None
        if app not in _REGISTRY:
            importer_apps()  # the modules the apps declare, which may register further keys
    try:
        return _REGISTRY[app]
    except KeyError:
        raise LookupError(f"没有「{app}」的导入") from None


def importer_apps() -> list[str]:
    """The apps with an importer: the modules each domain app declares (`importers`, the app contract) register."""
    from ..contract import domain_apps

    for cfg in domain_apps():
        for module in cfg.importers:
            import_module(module)
    return sorted(_REGISTRY)


# --------------------------------------------------------------------------------------------------------
# Entry points


def import_file(
    app: str,
    source: Any,
    *,
    user,
    filename: str = "",
    progress: Progress | None = None,
    mapping: Mapping[str, Any] | None = None,
) -> ImportResult:
    """Validate every row of `source` (a path, bytes or file object) and, if all are valid, write them all
    (`write_all_or_nothing`); otherwise write nothing and return the errors."""
    importer = get_importer(app)(user)
    try:
        data, filename = read_source(source, filename)
    except FileRejected as exc:
        return ImportResult(app=app, filename=filename, errors=[RowError(None, "", str(exc))])
    return importer.run(data, filename=filename, progress=progress, mapping=mapping)
