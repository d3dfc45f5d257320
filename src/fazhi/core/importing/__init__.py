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

from ..uploads import FileRejected
from .bulk import (
    PUBLISH_CHUNK,
    _Stage,
    bulk_create_audited,
    bulk_insert,
    chunked,
    discard_batch,
    discard_stale_batches,
    event_row,
    insert_audited,
    write_all_or_nothing,
)
from .cells import (
    BOOL,
    CHOICE,
    DATE,
    ERROR_COLUMN,
    IMPORT_REASON,
    INT,
    KIND_HELP,
    MAX_LISTED,
    NO,
    ORG,
    PHASES,
    TEXT,
    YES,
    CellError,
    CellParser,
    Column,
    ImportResult,
    OrgIndex,
    Progress,
    RowError,
    _text,
    parse_date,
)
from .importer import (
    Importer,
    RowInvalid,
    get_importer,
    import_file,
    importer_apps,
    register,
)
from .reading import (
    Table,
    check_size,
    check_upload,
    max_upload_bytes,
    read_source,
    read_table,
    sniff,
)
from .workbook import (
    error_workbook,
    template_workbook,
)

# The package's API as `from fazhi.core.importing import X` (the module it was before the split).
__all__ = [
    "BOOL",
    "CHOICE",
    "CellError",
    "CellParser",
    "Column",
    "DATE",
    "ERROR_COLUMN",
    "FileRejected",
    "IMPORT_REASON",
    "INT",
    "ImportResult",
    "Importer",
    "KIND_HELP",
    "MAX_LISTED",
    "NO",
    "ORG",
    "OrgIndex",
    "PHASES",
    "PUBLISH_CHUNK",
    "Progress",
    "RowError",
    "RowInvalid",
    "TEXT",
    "Table",
    "YES",
    "_Stage",
    "_text",
    "bulk_create_audited",
    "bulk_insert",
    "check_size",
    "check_upload",
    "chunked",
    "discard_batch",
    "discard_stale_batches",
    "event_row",
    "error_workbook",
    "get_importer",
    "import_file",
    "importer_apps",
    "insert_audited",
    "max_upload_bytes",
    "parse_date",
    "read_source",
    "read_table",
    "register",
    "sniff",
    "template_workbook",
    "write_all_or_nothing",
]
