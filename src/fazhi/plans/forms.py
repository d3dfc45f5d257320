from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, OrgTreeSelect, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs
from fazhi.indicators.registry import catalog

from .choices import Op, Recurrence
from .models import PlanPart, PlanTask, WorkPlan
from .selectors import visible_plans


class AssignForm(StyledForm):
    """分解下达: a task of a visible plan to a unit."""

    future_fields = ("deadline",)  # a deadline set by the user lies ahead

    task = forms.ModelChoiceField(label="工作任务", queryset=PlanTask.objects.none())
    unit = forms.ModelChoiceField(label="责任单位", queryset=Org.objects.none())
    lead = forms.BooleanField(label="牵头单位", required=False)
    deadline = DateField(label="完成时限（空则按任务原文或年底）", widget=DATE, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = PlanTask.objects.filter(plan__in=visible_plans(user)).select_related(
            "plan"
        )
        self.fields["task"].label_from_instance = lambda t: f"{t.plan.year}年 第{t.number}项 {t.title}"
        self.fields["unit"].queryset = (
            visible_orgs(user).exclude(kind__in=("city", "province")).order_by("path")
        )
        for name in ("task", "unit"):
            self.fields[name].widget.attrs["class"] = "form-select tom"


class ReportForm(StyledForm):
    reported_on = DateField(label="报送日期", widget=DATE)
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100)
    text = forms.CharField(
        label="进展情况", widget=forms.Textarea(attrs={"rows": 3}), help_text="佐证材料请在“附件”中上传"
    )


class AcceptForm(StyledForm):
    reviewed_on = DateField(label="审核日期", widget=DATE)


class ReturnForm(StyledForm):
    reviewed_on = DateField(label="审核日期", widget=DATE)
    reason = forms.CharField(label="退回理由", max_length=300)


class UrgeForm(StyledForm):
    future_fields = ("reply_due",)  # a deadline set by the user lies ahead

    urged_on = DateField(label="督办日期", widget=DATE)
    reply_due = DateField(label="限期回复日期", widget=DATE)
    note = forms.CharField(label="督办事项", max_length=300)


class ImportForm(StyledForm):
    file = forms.FileField(label="工作要点文件", help_text="Word（.docx）、PDF 或文本（.txt）")
    org = forms.ModelChoiceField(label="所属行政区划", queryset=Org.objects.none())
    year = forms.IntegerField(label="年度（空则按标题识别）", min_value=2000, max_value=2100, required=False)
    dry_run = forms.BooleanField(label="只预览，不导入", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = (
            visible_orgs(user).filter(kind__in=("province", "city", "county")).order_by("path")
        )


class LinkForm(StyledForm):
    indicator = forms.CharField(label="对应指标", max_length=80, required=False)


class OrgTreeSelectMultiple(OrgTreeSelect, forms.SelectMultiple):
    """Several orgs chosen in the org tree (core.forms.OrgTreeSelect's indented options)."""


class TaskForm(StyledForm):
    """A plan's task as the office edits it: wording, number, part, deadline, recurrence, responsible units."""

    future_fields = ("deadline",)

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(label="序号", min_value=1, max_value=999)
    part = forms.ModelChoiceField(label="所属部分", queryset=PlanPart.objects.none(), required=False)
    title = forms.CharField(label="任务", max_length=200)
    text = forms.CharField(label="任务内容", widget=forms.Textarea(attrs={"rows": 5}), required=False)
    deadline = DateField(label="完成时限（空则为年底）", widget=DATE, required=False)
    recurrence = forms.ChoiceField(label="周期", choices=Recurrence.choices, required=False)
    leads = forms.ModelMultipleChoiceField(
        label="牵头单位", queryset=Org.objects.none(), required=False, widget=OrgTreeSelectMultiple
    )
    units = forms.ModelMultipleChoiceField(
        label="责任单位", queryset=Org.objects.none(), required=False, widget=OrgTreeSelectMultiple
    )
    unmatched_units = forms.CharField(
        label="未对应的单位（原文）",
        max_length=1000,
        required=False,
        help_text="导入时未能对应到组织机构的单位名称；已在上面选定后可清除",
    )

    def __init__(self, *args, plan: WorkPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].queryset = plan.parts.order_by("number")
        orgs = Org.objects.filter(path__startswith=plan.org.path).order_by("path")
        for name in ("leads", "units"):
            self.fields[name].queryset = orgs
            self.fields[name].widget.attrs.update({"class": "form-select", "size": "8"})


class TargetForm(StyledForm):
    """A task's quantitative target: its words, comparison, value and unit, and the catalog figure measuring it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label="目标原文", max_length=300)
    op = forms.ChoiceField(label="比较", choices=Op.choices)
    value = forms.DecimalField(label="目标值", max_digits=12, decimal_places=2, required=False)
    unit = forms.CharField(label="单位", max_length=10, required=False)
    indicator = forms.ChoiceField(label="对应指标", required=False)

    def __init__(self, *args, form_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():  # the row's inputs sit in table cells, outside their <form>
            f.widget.attrs["form"] = form_id
            f.widget.attrs.setdefault("aria-label", str(f.label))
        names = catalog()
        self.fields["indicator"].choices = [
            ("", "（不对应指标）"),
            *sorted(((k, e.get("zh", k)) for k, e in names.items()), key=lambda c: c[1]),
        ]
