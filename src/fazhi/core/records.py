"""Abstract models of the casework kit: what every org-owned record and every timeline step of any app has.

A domain app's record subclasses `OrgRecord` (and declares its own `org` foreign key, whose name in the office's
words differs by app: 复议机关, 所属行政区划 …, and its `history = HistoricalRecords(excluded_fields=["version"])`);
its timeline step subclasses `TimelineEvent` and adds the `case` foreign key and its `kind` choices."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OrgRecord(models.Model):
    """A business record owned by an org: who created it and when, and the version edit forms carry so that a
    stale form is refused (core.locking). The version is not part of the history."""

    version = models.PositiveIntegerField("版本", default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

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
