"""The help an import template gives for each column (Column.describe): a code-list column names its entries,
or says the 字典 has none yet instead of an empty 「可选：」."""

from __future__ import annotations

import pytest

from fazhi.core import codelists
from fazhi.core.importing.cells import CHOICE, Column
from fazhi.core.models import DictItem

pytestmark = pytest.mark.django_db


def test_a_code_list_column_names_its_entries_or_says_the_list_is_empty():
    column = Column("channel", "申请渠道", CHOICE, choices=codelists.ListChoices(codelists.CHANNEL))
    DictItem.objects.filter(category=codelists.CHANNEL.key).delete()
    assert column.describe() == "下拉选择（字典「申请渠道」尚无条目，请先在字典中维护）"
    DictItem.objects.create(category=codelists.CHANNEL.key, code="mail", label="邮寄")
    assert column.describe() == "可选：邮寄"
