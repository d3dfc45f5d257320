"""Records of 合法性审核 and the counsel register, written through the services."""

from __future__ import annotations

from datetime import date

from fazhi.legality import services
from fazhi.legality.choices import CounselKind, SubjectKind


def review(
    actor,
    *,
    unit,
    received_on: date = date(2025, 9, 15),
    title: str = "青城市停车收费管理办法（送审稿）",
    subject_kind: str = SubjectKind.NORMATIVE,
    requested_by: date | None = None,
    subject_ref: str = "",
):
    return services.register_request(
        actor=actor,
        unit=unit,
        title=title,
        subject_kind=subject_kind,
        received_on=received_on,
        requested_by=requested_by,
        subject_ref=subject_ref,
    )


def counsel(
    actor, *, unit, name: str = "张律师", kind: str = CounselKind.ADVISER, start_on=date(2024, 1, 1), **kw
):
    if kind == CounselKind.ADVISER:
        kw.setdefault("firm", "青城律师事务所")
    else:
        kw.setdefault("certificate_no", "GZ2024001")
    return services.register_counsel(actor=actor, unit=unit, name=name, kind=kind, start_on=start_on, **kw)
