from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import orgs_with, visible_orgs

from .choices import IndicatorOp, InspectionKind, ItemMethod, ProblemSource, ShufaResult
from .models import Inspection, Problem, SchemeItem


def _tom(field) -> None:
    field.widget.attrs["class"] = "form-select tom"


# -- 问题台账 ------------------------------------------------------------------------------------------------
class ProblemForm(StyledForm):
    future_fields = ("rectify_due",)  # a deadline set by the user lies ahead

    org = forms.ModelChoiceField(label="整改责任单位", queryset=Org.objects.none())
    source = forms.ChoiceField(label="问题来源", choices=ProblemSource.choices)
    inspection = forms.ModelChoiceField(
        label="所属督察",
        queryset=Inspection.objects.none(),
        required=False,
        help_text="来源为法治督察的选择督察",
    )
    source_ref = forms.CharField(label="来源文号", max_length=100, required=False)
    category = forms.CharField(
        label="问题类别", max_length=40, required=False, help_text="如：行政执法、依法决策"
    )
    description = forms.CharField(label="问题描述", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    found_on = DateField(label="发现日期", widget=DATE)
    rectify_due = DateField(
        label="整改期限", widget=DATE, required=False, help_text="留空：按本级设置的默认整改天数计算"
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import visible_inspections

        self.fields["org"].queryset = visible_orgs(user).exclude(parent__isnull=True)
        self.fields["inspection"].queryset = visible_inspections(user).filter(status="ongoing")
        _tom(self.fields["org"])


class PlanForm(StyledForm):
    measures = forms.CharField(label="整改措施", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    planned_on = DateField(label="制定日期", widget=DATE)


class ProgressForm(StyledForm):
    note = forms.CharField(label="整改进展", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    reported_on = DateField(label="报告日期", widget=DATE)


class ApplyForm(StyledForm):
    note = forms.CharField(
        label="整改完成情况",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="佐证材料请在“附件”中上传",
    )
    applied_on = DateField(label="申请日期", widget=DATE)


class ApproveForm(StyledForm):
    closed_on = DateField(label="销号日期", widget=DATE)
    note = forms.CharField(label="审核意见", max_length=300, required=False)


class RefuseForm(StyledForm):
    reason = forms.CharField(label="退回理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    refused_on = DateField(label="退回日期", widget=DATE)


class ReopenForm(StyledForm):
    future_fields = ("rectify_due",)  # a deadline set by the user lies ahead

    reason = forms.CharField(label="重新整改理由", max_length=300)
    reopened_on = DateField(label="日期", widget=DATE)
    rectify_due = DateField(label="新的整改期限", widget=DATE, required=False)


# -- 督察 ----------------------------------------------------------------------------------------------------
class InspectionForm(StyledForm):
    org = forms.ModelChoiceField(label="组织督察的行政区划", queryset=Org.objects.none())
    title = forms.CharField(label="督察名称", max_length=200)
    kind = forms.ChoiceField(label="督察方式", choices=InspectionKind.choices)
    scope = forms.CharField(label="督察内容", max_length=500, required=False)
    inspectors = forms.CharField(label="督察组成员", max_length=300, required=False)
    units = forms.ModelMultipleChoiceField(label="被督察单位", queryset=Org.objects.none())
    started_on = DateField(label="开始日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs_with(user, "supervision.manage").exclude(kind="unit")
        self.fields["units"].queryset = visible_orgs(user).exclude(parent__isnull=True)
        _tom(self.fields["units"])


class ConcludeForm(StyledForm):
    ended_on = DateField(label="结束日期", widget=DATE)
    note = forms.CharField(label="督察结论", max_length=300, required=False)


# -- 约谈 ----------------------------------------------------------------------------------------------------
class InterviewForm(StyledForm):
    org = forms.ModelChoiceField(label="被约谈单位", queryset=Org.objects.none())
    leader = forms.CharField(label="被约谈人", max_length=50)
    title = forms.CharField(label="职务", max_length=100)
    held_on = DateField(label="约谈日期", widget=DATE)
    reason = forms.CharField(label="约谈事由", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    inspection = forms.ModelChoiceField(label="相关督察", queryset=Inspection.objects.none(), required=False)
    problem = forms.ModelChoiceField(
        label="相关问题编号",
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control", "min": 1}),
        help_text="问题台账中问题的编号（问题页面标题中的“第N号”）",
        error_messages={"invalid_choice": "问题台账中没有该编号的问题，或无权查看"},
    )
    requirements = forms.CharField(
        label="约谈要求", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user=None, **kwargs):
        from .selectors import visible_cases, visible_inspections

        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = visible_orgs(user).exclude(parent__isnull=True)
        self.fields["inspection"].queryset = visible_inspections(user)
        self.fields["problem"].queryset = visible_cases(user).select_related("org")
        for name in ("org", "inspection"):
            _tom(self.fields[name])


class FollowForm(StyledForm):
    outcome = forms.CharField(
        label="落实情况",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="整改、表态、处理情况",
    )
    followed_on = DateField(label="跟踪日期", widget=DATE)


# -- 考评 ----------------------------------------------------------------------------------------------------
class SchemeForm(StyledForm):
    org = forms.ModelChoiceField(label="组织考评的行政区划", queryset=Org.objects.none())
    year = forms.IntegerField(label="考评年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="方案名称", max_length=200)
    adopted_on = DateField(label="印发日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs_with(user, "supervision.manage").exclude(kind="unit")


class ItemForm(StyledForm):
    name = forms.CharField(label="考评项目", max_length=200)
    points = forms.DecimalField(label="分值", max_digits=6, decimal_places=2, min_value=0)
    method = forms.ChoiceField(label="计分方式", choices=ItemMethod.choices)
    indicator = forms.ChoiceField(
        label="关联指标", choices=(), required=False, help_text="按指标自动计分的项目选择"
    )
    op = forms.ChoiceField(label="达标条件", choices=[("", "—"), *IndicatorOp.choices], required=False)
    target = forms.DecimalField(label="目标值", max_digits=10, decimal_places=2, required=False)
    min_sample = forms.IntegerField(label="最少样本数", min_value=0, required=False)
    guidance = forms.CharField(label="评分标准", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        from fazhi.indicators.registry import catalog

        super().__init__(*args, **kwargs)
        figures = sorted(catalog().items(), key=lambda kv: kv[0])
        self.fields["indicator"].choices = [("", "—"), *((k, e.get("zh", k)) for k, e in figures)]

    def clean_min_sample(self):
        return self.cleaned_data.get("min_sample") or 0


class ScoreForm(StyledForm):
    item = forms.ModelChoiceField(label="考评项目", queryset=SchemeItem.objects.all())
    unit = forms.ModelChoiceField(label="被考评单位", queryset=Org.objects.all())
    score = forms.DecimalField(label="得分", max_digits=7, decimal_places=2, help_text="扣分项填负数")
    basis = forms.CharField(label="计分依据", max_length=300, required=False)
    scored_on = DateField(label="评分日期", widget=DATE)


class ComputeForm(StyledForm):
    computed_on = DateField(label="计分日期", widget=DATE)


class PublishForm(StyledForm):
    published_on = DateField(label="公布日期", widget=DATE)


# -- 考评材料 ------------------------------------------------------------------------------------------------
class EvidenceForm(StyledForm):
    item = forms.ModelChoiceField(label="考评项目", queryset=SchemeItem.objects.none())
    org = forms.ModelChoiceField(label="被考评单位", queryset=Org.objects.none())
    note = forms.CharField(label="材料说明", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    link = forms.CharField(
        label="关联记录",
        max_length=300,
        required=False,
        help_text="本系统中相关记录或列表页面的地址，如 /legality/12/；材料文件请在提交后作为附件上传",
    )
    submitted_on = DateField(label="提交日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = orgs_with(user, "supervision.handle")
        parents = units.values("parent_id")
        self.fields["org"].queryset = units.exclude(parent__isnull=True)
        # the items of the schemes being scored that assess the user's units (their parent's schemes)
        self.fields["item"].queryset = (
            SchemeItem.objects.filter(
                scheme__org_id__in=parents, scheme__status="draft", scheme__voided_at=None
            )
            .select_related("scheme")
            .order_by("-scheme__year", "scheme_id", "seq")
        )
        self.fields["item"].label_from_instance = lambda i: f"{i.scheme.year}年 {i.scheme.name} · {i}"
        _tom(self.fields["item"])
        _tom(self.fields["org"])


class EvidenceReviewForm(StyledForm):
    comment = forms.CharField(label="审阅意见", max_length=500, required=False)
    reviewed_on = DateField(label="审阅日期", widget=DATE)


# -- 述法 ----------------------------------------------------------------------------------------------------
class ShufaForm(StyledForm):
    org = forms.ModelChoiceField(label="述法人所在单位", queryset=Org.objects.none())
    year = forms.IntegerField(label="述法年度", min_value=2000, max_value=2100)
    leader = forms.CharField(label="述法人", max_length=50)
    person = forms.ModelChoiceField(
        label="述法人（系统用户）",
        queryset=get_user_model().objects.none(),  # people, not orgs: the org-tree widget must not take it
        required=False,
        help_text="其学法记录按此人读取；不选则取同名的唯一系统用户",
    )
    title = forms.CharField(label="职务", max_length=100)
    held_on = DateField(label="述法日期", widget=DATE)
    meeting = forms.CharField(label="述法会议", max_length=200)
    summary = forms.CharField(label="述法报告摘要", max_length=2000, required=False, widget=forms.Textarea)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs_with(user, "supervision.handle")
        _tom(self.fields["org"])
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, memberships__org__in=self.fields["org"].queryset)
            .distinct()
            .order_by("first_name", "pk")
        )
        self.fields["person"].label_from_instance = lambda u: f"{u.first_name or u.username}（{u.username}）"
        _tom(self.fields["person"])


class ReviewForm(StyledForm):
    result = forms.ChoiceField(label="评议结果", choices=ShufaResult.choices)
    comment = forms.CharField(label="评议意见", max_length=1000, required=False)
    reviewed_on = DateField(label="评议日期", widget=DATE)
