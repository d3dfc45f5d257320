"""普法活动 import and export: the sheet "普法活动" for the shared machinery in fazhi.core.importing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from fazhi.core.importing import (
    CHOICE,
    DATE,
    IMPORT_REASON,
    INT,
    ORG,
    Column,
    Importer,
    RowInvalid,
    bulk_create_audited,
    bulk_insert,
    chunked,
    event_row,
    register,
)

from . import rules, services
from .choices import ActivityKind, EventKind
from .models import Activity, ActivityEvent


@register
class PublicityImporter(Importer):
    app = "publicity"
    title = "普法活动"
    sheet_name = "普法活动"
    model = Activity
    list_url_name = "publicity:list"
    columns = (
        Column("unit", "开展单位", ORG, required=True, width=20),
        Column("kind", "活动形式", CHOICE, required=True, choices=ActivityKind, width=24),
        Column("title", "活动名称", required=True, max_length=200, width=30),
        Column("held_on", "开展日期", DATE, required=True),
        Column("place", "地点", required=True, max_length=120, width=20),
        Column("audience", "受众人次", INT),
        Column("materials", "发放资料份数", INT),
        Column("lecturers", "宣讲人", max_length=200),
        Column("media", "宣传报道链接", help="多个链接以换行分隔", width=30),
    )
    notes = ("导入人须对每行的开展单位或其所属行政区划有填报权限；导入的记录在修改历史中记为「导入」。",)

    def build(self, row: int, v: dict[str, Any]) -> Activity:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        try:
            services._require(self.user, (org, unit))
        except PermissionDenied:
            self.error(row, "", f"无权导入「{unit.name}」的记录")
            raise RowInvalid from None
        a = Activity(
            org=org,
            unit=unit,
            kind=v["kind"],
            title=v["title"],
            held_on=v["held_on"],
            place=v["place"],
            audience=v["audience"] or 0,
            materials=v["materials"] or 0,
            lecturers=v["lecturers"] or "",
            media=(v["media"] or "").strip(),
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        errors = rules.validate(a)
        if a.audience < 0 or a.materials < 0:
            errors.setdefault("audience", "受众人次和资料份数不能为负数")
        if errors:
            for key, message in errors.items():
                self.error(row, key, message)
            raise RowInvalid
        return a

    def write(self, built: list[Activity], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        done = 0
        for part in chunked(built, 2000):
            saved = bulk_create_audited(Activity, part, user=user, when=now)
            bulk_insert(
                ActivityEvent,
                [
                    event_row(
                        a.pk,
                        EventKind.REGISTERED,
                        a.held_on,
                        IMPORT_REASON,
                        actor_id=user.pk if user else None,
                        when=now,
                    )
                    for a in saved
                ],
            )
            done += len(part)
            progress(done)
        return done

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path))
        if year:
            qs = qs.filter(held_on__year=year)
        return qs.select_related("unit").order_by("held_on", "id")

    def export_row(self, a: Activity) -> list[Any]:
        return [
            self.orgs.label(a.unit),
            a.get_kind_display(),
            a.title,
            a.held_on,
            a.place,
            a.audience,
            a.materials,
            a.lecturers,
            a.media,
        ]
