"""Personal data (个人信息) of citizens in the records: phone numbers and ID numbers (身份证号), masked everywhere
unless the user holds `personal.view_full` where the record is, and every unmasked view logged.

A model names its personal fields in a class attribute, `personal_fields = ("phone",)`; the kit does the rest
once for every app:

* pages: the `masked` filter and the `{% personal record "phone" %}` tag (core.templatetags.fazhi) show the
  masked value; on a record page a holder of the capability gets a 查看完整 button, an explicit POST that is
  logged (`reveal_view`) before the full value is shown;
* the 修改历史 tab and the 操作日志 (core.audit) show the masked values;
* exports (core.exporting) write the masked values, the full ones for a holder, with one log row per export;
* the JSON API: schemas built on `PersonalSchema` mask the personal fields, full for a holder (logged);
* edit forms (修改基本信息) show the masked value to a user who may not see it and keep the stored value when
  it comes back unchanged.

Masking keeps enough to recognise a number and not enough to use it: a mobile 138****5678, an ID number
1101**********1234, any other run of 7 digits or more its last four. It works on free text too ("联系方式：
13812345678，北京市…"), since contact fields mix phones, addresses and e-mail."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import models as dj_models
from ninja import Schema
from pydantic import ValidationInfo, model_validator

from .permissions import can

CAPABILITY = "personal.view_full"  # declared in core.capabilities.CORE_CAPABILITIES

#: an 18-character ID number (its last character a check digit or X), or any run of 7 digits or more (a phone,
#: an old 15-digit ID number, a passport's digits)
_NUMBER = re.compile(r"(?<!\d)(?:\d{17}[\dXx](?![\dA-Za-z])|\d{7,})")
_MOBILE = re.compile(r"1\d{10}")


def _mask_number(number: str) -> str:
    n = len(number)
    if n in (15, 18) and (n == 18 or number.isdigit()):
        return number[:4] + "*" * (n - 8) + number[-4:]  # ID number: region code and last four
    if _MOBILE.fullmatch(number):
        return number[:3] + "****" + number[-4:]
    return "*" * (n - 4) + number[-4:]


def mask(value: Any) -> str:
    """The text with every phone or ID number in it masked ("" for None)."""
    if value is None:
        return ""
    text = str(value)
    return _NUMBER.sub(lambda m: _mask_number(m.group(0)), text)


def personal_fields(model: Any) -> tuple[str, ...]:
    """The fields a model (class or instance) declares as personal data."""
    return tuple(getattr(model, "personal_fields", ()) or ())


def record_orgs(record: Any) -> list[Any]:
    """The orgs a record belongs to: its org foreign keys (the jurisdiction, the unit that handles it …), or
    those of the record it hangs from (`case`) for a child row such as a 复议 applicant."""
    found = []
    for f in record._meta.concrete_fields:
        if isinstance(f, dj_models.ForeignKey) and f.related_model._meta.label == "core.Org":
            org = getattr(record, f.name, None)
            if org is not None:
                found.append(org)
    if not found and getattr(record, "case", None) is not None:
        return record_orgs(record.case)
    return found


def sees_full(user: Any, record: Any) -> bool:
    """Whether `user` may see the record's personal data in full (the capability at one of its orgs)."""
    return any(can(user, org, CAPABILITY) for org in record_orgs(record))


def shown(user: Any, record: Any, field: str) -> str:
    """The field's value as `user` may see it, without logging (exports and the API log per response)."""
    value = getattr(record, field)
    return "" if value is None else (str(value) if sees_full(user, record) else mask(value))


def log_access(
    user: Any, *, how: str, model: Any, object_ids: Iterable[Any] = (), fields: Iterable[str] = (), count=1
) -> None:
    """One row of the 个人信息查看日志: who saw which personal fields of which records in full, and how."""
    from .models import PersonalDataAccess

    ids = [str(i) for i in object_ids]
    PersonalDataAccess.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        how=how,
        model=model._meta.label_lower,
        object_id=",".join(ids)[:200],
        fields=",".join(fields)[:200],
        count=count,
    )


class PersonalSchema(Schema):
    """An API output schema of a record with personal fields: they come masked, in full for a holder of
    `personal.view_full` at the record (logged, one row per record served in full)."""

    @model_validator(mode="wrap")
    @classmethod
    def _mask_personal(cls, values: Any, handler: Any, info: ValidationInfo) -> Any:
        result = handler(values)
        obj = getattr(values, "_obj", values)
        fields = [f for f in personal_fields(obj) if f in cls.model_fields]
        if not fields or not isinstance(obj, dj_models.Model):
            return result
        user = getattr((info.context or {}).get("request"), "user", None)
        if user is not None and sees_full(user, obj):
            log_access(user, how="api", model=type(obj), object_ids=[obj.pk], fields=fields)
            return result
        for f in fields:
            setattr(result, f, mask(getattr(result, f)))
        return result


def mask_form(form: Any, record: Any, user: Any) -> dict[str, tuple[str, str]]:
    """In a record's edit form, show the personal fields masked to a user who may not see them; returns each
    one's masked and stored value (read before the form's validation writes into the instance), so that a value
    coming back as shown keeps the stored one (`unmask_changes`)."""
    if sees_full(user, record):
        return {}
    hidden = {}
    for f in personal_fields(record):
        value = getattr(record, f, None)
        if f in form.fields and value:
            form.initial[f] = mask(value)
            hidden[f] = (form.initial[f], value)
    return hidden


def unmask_changes(changes: dict, hidden: dict[str, tuple[str, str]]) -> dict:
    """The edit form's changes with each masked value that came back as shown replaced by the stored one."""
    return {f: (hidden[f][1] if f in hidden and v == hidden[f][0] else v) for f, v in changes.items()}
