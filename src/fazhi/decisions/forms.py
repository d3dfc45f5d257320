from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import orgs_with

from . import rules
from .choices import Category, CommentAnswer, EvaluationTrigger, LegalityOpinion, Meeting


class ListForm(StyledForm):
    sponsor = forms.ModelChoiceField(label="决策承办单位", queryset=Org.objects.none())
    title = forms.CharField(label="决策事项", max_length=200)
    category = forms.ChoiceField(label="事项类别", choices=Category.choices)
    year = forms.IntegerField(label="目录年度", min_value=2019, max_value=2100)
    listed_on = DateField(label="列入目录日期", widget=DATE)
    needs_public = forms.BooleanField(label="须公众参与（依法不予公开的除外）", required=False, initial=True)
    needs_expert = forms.BooleanField(label="须专家论证（专业性、技术性较强）", required=False)
    needs_risk = forms.BooleanField(label="须风险评估（可能影响社会稳定、公共安全）", required=False)
    needs_hearing = forms.BooleanField(label="须召开听证会", required=False)
    adjustment_reason = forms.CharField(
        label="目录调整理由（目录已公布后增列的）", max_length=300, required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].queryset = orgs_with(user, "decisions.handle").order_by("path")
        self.fields["sponsor"].widget.attrs["class"] = "form-select tom"


class DraftForm(StyledForm):
    draft_text = forms.CharField(
        label="决策草案（征求意见稿）正文",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="按「第X条」分条的，公众可逐条提出意见；不分条的作为一条",
    )
    comment_start = DateField(label="公开征求意见开始日期", widget=DATE)
    comment_end = DateField(label="截止日期", widget=DATE, help_text="一般不少于30日（第十五条第一款）")
    shortened_reason = forms.CharField(label="缩短期限的理由", max_length=300, required=False)

    future_fields = ("comment_start", "comment_end")


class CommentForm(StyledForm):
    comment_start = DateField(label="公开征求意见开始日期", widget=DATE)
    comment_end = DateField(label="截止日期", widget=DATE, help_text="一般不少于30日（第十五条）")
    shortened_reason = forms.CharField(label="缩短期限的理由", max_length=300, required=False)
    comments_received = forms.IntegerField(
        label="收到意见（条）",
        min_value=0,
        initial=0,
        help_text="已在门户网站逐条收到意见的，按意见记录计算，此处填写的条数不用",
    )
    comments_adopted = forms.IntegerField(label="采纳意见（条）", min_value=0, initial=0)
    adoption_summary = forms.CharField(
        label="意见采纳情况", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class HearingForm(StyledForm):
    hearing_on = DateField(label="听证会日期", widget=DATE)
    materials_served_on = DateField(label="听证材料送达日期", widget=DATE, required=False)


class ExpertForm(StyledForm):
    expert_on = DateField(label="专家论证日期", widget=DATE)
    summary = forms.CharField(label="论证意见及采纳情况", max_length=500, required=False)


class RiskForm(StyledForm):
    risk_on = DateField(label="风险评估日期", widget=DATE)
    conclusion = forms.CharField(label="评估结论", max_length=500, required=False)


class LegalityForm(StyledForm):
    legality_review = forms.CharField(label="合法性审查编号", max_length=80)
    legality_on = DateField(label="审查意见日期", widget=DATE)
    opinion = forms.ChoiceField(label="审查意见", choices=LegalityOpinion.choices)


class DecideForm(StyledForm):
    discussed_on = DateField(label="集体讨论日期", widget=DATE)
    meeting = forms.ChoiceField(label="会议", choices=Meeting.choices)
    decision_text = forms.CharField(label="决定内容", max_length=500)
    dissent = forms.CharField(label="不同意见（如实载明）", max_length=500, required=False)


class PublishForm(StyledForm):
    published_on = DateField(label="决策公布日期", widget=DATE)


class ArchiveForm(StyledForm):
    archived_on = DateField(label="归档日期", widget=DATE)


class EvaluateForm(StyledForm):
    evaluated_on = DateField(label="后评估日期", widget=DATE)
    trigger = forms.ChoiceField(label="后评估情形", choices=EvaluationTrigger.choices)
    summary = forms.CharField(label="评估结论", max_length=500, required=False)


class WithdrawForm(StyledForm):
    withdrawn_on = DateField(label="调出日期", widget=DATE)
    reason = forms.CharField(label="调出理由", max_length=300)


class PublicCommentForm(forms.Form):
    """The portal's comment form (no login): the clause, the text; name and contact optional, never published."""

    clause = forms.TypedChoiceField(label="针对条文", coerce=int, choices=())
    text = forms.CharField(
        label="意见内容",
        max_length=rules.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"不超过{rules.COMMENT_MAX}字；经审核后公开",
    )
    name = forms.CharField(label="姓名或名称（可不填）", max_length=60, required=False, help_text="不会公开")
    contact = forms.CharField(
        label="联系方式（可不填）", max_length=100, required=False, help_text="仅用于联系您，不会公开"
    )

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", "请选择"), *((c.pk, c.heading or "草案全文") for c in clauses)]


class ModerateForm(StyledForm):
    publish = forms.TypedChoiceField(
        label="审核结果",
        choices=[("1", "公开"), ("0", "不予公开")],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(label="不予公开的理由", max_length=300, required=False)


class AnswerForm(StyledForm):
    answer = forms.ChoiceField(label="采纳情况", choices=CommentAnswer.choices)
    reason = forms.CharField(label="答复（理由）", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
