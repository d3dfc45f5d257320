"""A unit's ledger exported from the provincial 行政执法平台 names its columns its own way; the column mapping
suggests Fazhi's fields for the usual variants (违法事实→案由, 处罚依据→法律依据 …) from the importer's aliases."""

from __future__ import annotations

from fazhi.core.importing.mapping import suggest
from fazhi.enforcement.importers import EnforcementImporter


def test_the_platforms_usual_headers_are_suggested_for_the_ledgers_fields():
    headers = ["序号", "执法主体", "处罚决定书文号", "行政相对人", "违法事实", "处罚依据", "立案时间", "处罚决定日期", "罚款金额", "备注"]  # fmt: skip
    found = suggest(EnforcementImporter.columns, headers)
    assert found == {
        "unit": "执法主体",
        "case_number": "处罚决定书文号",
        "party": "行政相对人",
        "facts": "违法事实",
        "legal_basis": "处罚依据",
        "filed_on": "立案时间",
        "decided_on": "处罚决定日期",
        "amount": "罚款金额",
    }
