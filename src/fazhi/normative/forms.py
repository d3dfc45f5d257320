from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import orgs_with

from .choices import DocKind, EffectiveException, Filing, ReviewResult


class RegisterForm(StyledForm):
    kind = forms.ChoiceField(
        label="文件类型",
        choices=DocKind.choices,
        initial=DocKind.NORMATIVE,
        required=False,
        help_text="规章仅由具有规章制定权的省级、设区的市级人民政府制定（立法法第九十三条）",
    )
    issuer = forms.ModelChoiceField(label="制定机关", queryset=Org.objects.none())
    title = forms.CharField(label="文件名称", max_length=200)
    registered_on = DateField(label="登记日期", widget=DATE)
    legality_review = forms.CharField(
        label="合法性审核编号", max_length=80, required=False, help_text="印发前须经合法性审核"
    )
    text = forms.CharField(label="文件正文", widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].choices = DocKind.choices  # no 请选择: a 规范性文件 unless 规章 is chosen
        self.fields["issuer"].queryset = orgs_with(user, "normative.handle").order_by("path")
        self.fields["issuer"].widget.attrs["class"] = "form-select tom"

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or DocKind.NORMATIVE


class PublishForm(StyledForm):
    doc_number = forms.CharField(label="发文字号", max_length=80, help_text="如 青城市政规〔2025〕3号")
    adopted_on = DateField(label="审议通过日期", widget=DATE, required=False)
    published_on = DateField(label="公布日期", widget=DATE)
    effective_on = DateField(label="施行日期", widget=DATE)
    effective_exception = forms.ChoiceField(
        label="自公布之日起施行的情形",
        choices=[("", "—"), *EffectiveException.choices],
        required=False,
        help_text="仅地方政府规章：规章应当自公布之日起30日后施行，属《规章制定程序条例》第三十二条但书情形的可以提前",
    )
    effective_reason = forms.CharField(label="提前施行理由", max_length=300, required=False)
    legality_review = forms.CharField(label="合法性审核编号", max_length=80, required=False)
    validity_years = forms.IntegerField(
        label="有效期（年）",
        min_value=1,
        max_value=10,
        required=False,
        help_text="留空按本地规定的最长有效期；地方政府规章未规定有效期的留空（规章不适用规范性文件有效期）",
    )


class FileForm(StyledForm):
    filing = forms.ChoiceField(label="报送备案机关", choices=Filing.choices)
    filed_on = DateField(label="报送日期", widget=DATE)


class ReviewForm(StyledForm):
    result = forms.ChoiceField(label="备案审查结果", choices=ReviewResult.choices)
    reviewed_on = DateField(label="审查日期", widget=DATE)
    problem = forms.CharField(label="审查发现的问题", max_length=500, required=False)
    correction = forms.CharField(label="制定机关纠正情况", max_length=500, required=False)


class ExpireForm(StyledForm):
    expired_on = DateField(label="失效日期", widget=DATE)
