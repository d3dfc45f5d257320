"""Abstract models of the casework kit: what every org-owned record and every timeline step of any app has.

A domain app's record subclasses `OrgRecord` (and declares its own `org` foreign key, whose name in the office's
words differs by app: 复议机关, 所属行政区划 …, and its `history = HistoricalRecords(excluded_fields=["version"])`);
its timeline step subclasses `TimelineEvent` and adds the `case` foreign key and its `kind` choices."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LiveRecords(models.Manager):
    """The records that are not voided: what lists, figures, deadlines, reminders and exports see. A voided record
    is kept (its history and the 操作日志 show who voided it, when and why) and read with `all_objects`."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(voided_at__isnull=True)


class OrgRecord(models.Model):
    """A business record owned by an org: who created it and when, the version edit forms carry so that a
    stale form is refused (core.locking; not part of the history), and 作废 (voided: kept, hidden from every
    list and figure; core.casework.editing.void_record)."""

    version = models.PositiveIntegerField("版本", default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    voided_at = models.DateTimeField("作废时间", null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="作废人",
    )
    void_reason = models.CharField(
        "作废原因", max_length=300, blank=True, default="", db_default="", editable=False
    )

    objects = LiveRecords()
    all_objects = models.Manager()  # noqa: DJ012 - declared after `objects`, which must stay the default manager

    class Meta:
        abstract = True


class TimelineEvent(models.Model):
    """One step of a record's timeline (办理过程), written by the service that made the step, dated on its day."""

    on = models.DateField("日期")
    note = models.CharField("说明", max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"  # type: ignore[attr-defined]  # every subclass has `kind`
