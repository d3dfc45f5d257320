"""Code lists (字典): admin-editable categories (core.models.DictItem) that records store by code and pages show
by label. Each list is looked up by one stable key, the same in forms, importers, the demo and the admin; a record
field that holds a code says which list in its help text (字典：执法领域).

    from fazhi.core import codelists
    codelists.choices(codelists.ENFORCEMENT_FIELD)        # [("public_security", "公安"), …]
    codelists.label(codelists.CHANNEL, case.channel)      # "当面提交"

An app that needs a list of its own declares it here (one line), so its key can never drift."""

from __future__ import annotations

from dataclasses import dataclass

from .models import DictItem


@dataclass(frozen=True)
class CodeList:
    key: str  # DictItem.category
    name: str  # as users see it


ENFORCEMENT_FIELD = CodeList("enforcement_field", "执法领域")
CHANNEL = CodeList("channel", "申请渠道")
UNIT_TYPE = CodeList("unit_type", "单位类型")

ALL: dict[str, CodeList] = {c.key: c for c in (ENFORCEMENT_FIELD, CHANNEL, UNIT_TYPE)}


def choices(codelist: CodeList, *, blank: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of the list's active entries, in order; with a first ("", blank) when `blank` is given."""
    items = DictItem.objects.filter(category=codelist.key, is_active=True).order_by("sort", "code")
    head = [("", blank)] if blank is not None else []
    return head + [(i.code, i.label) for i in items]


def label(codelist: CodeList, code: str) -> str:
    """The label of `code` in the list (inactive entries too: old records keep their words); the code itself
    when the list does not have it (a value imported before the entry existed)."""
    if not code:
        return ""
    found = DictItem.objects.filter(category=codelist.key, code=code).values_list("label", flat=True).first()
    return found or code


def code_for(codelist: CodeList, text: str) -> str | None:
    """The code of an entry given by its code or its label (imports accept either); None when unknown."""
    text = (text or "").strip()
    if not text:
        return ""
    row = (
        DictItem.objects.filter(category=codelist.key)
        .filter(code=text)
        .values_list("code", flat=True)
        .first()
    )
    if row is None:
        row = (
            DictItem.objects.filter(category=codelist.key, label=text).values_list("code", flat=True).first()
        )
    return row


class ListChoices:
    """A code list in the shape of a TextChoices class (`.choices`, `.labels`), read from the 字典 when asked: an
    import column of kind CHOICE takes it (`choices=ListChoices(ENFORCEMENT_FIELD)`), so the template's drop-down,
    the column help and the cell check (code or label accepted, code stored) follow the admin-edited list."""

    def __init__(self, codelist: CodeList):
        self.codelist = codelist

    @property
    def choices(self) -> list[tuple[str, str]]:
        return choices(self.codelist)

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.choices]
