"""The office's own holiday table: the State Council's notices for years the chinesecalendar package
does not carry yet, and corrections for any year (see `fazhi.law.calendar` for precedence)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from .calendar import WEEKDAY_NAMES


class HolidayYear(models.Model):
    """A year whose 国务院办公厅 holiday notice the office has entered.

    A year counts as *covered* (no fallback warning) once it has a row here with ``complete=True``;
    entering single days without this row keeps the warning, so a half-typed notice is never taken for
    the whole year."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    notice = models.CharField(
        "通知",
        max_length=200,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）",
    )
    complete = models.BooleanField(
        "已完整录入",
        default=True,
        help_text="该年全部放假日和调休上班日均已录入“节假日”表后勾选；未勾选时，涉及该年的期限计算会提示结果可能偏早。",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000) & models.Q(year__lte=2100),
                name="%(app_label)s_%(class)s_year_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年：{self.notice}"


class HolidayDay(models.Model):
    """One day of a State Council holiday notice: a day off (放假) or a 调休 make-up working day (上班).

    An entry decides its date in any year, overriding the chinesecalendar package. Weekdays not entered
    are working days and weekends not entered are rest days, so only the notice's days need entering."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField(
        "上班", default=False, help_text="勾选：当天上班（如周六、周日调休上班）；不勾选：当天放假。"
    )
    name = models.CharField("名称", max_length=50, help_text="如：春节、国庆节、春节调休上班")
    notice = models.CharField("依据通知", max_length=200, blank=True, help_text="通知名称和文号")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日"
        verbose_name_plural = "节假日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{'上班' if self.is_workday else '放假'}）"

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]
