from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import ActivityKind


class RegisterForm(StyledForm):
    unit = forms.ModelChoiceField(label="开展单位", queryset=Org.objects.none())
    kind = forms.ChoiceField(label="活动形式", choices=ActivityKind.choices)
    title = forms.CharField(label="活动名称", max_length=200)
    held_on = DateField(label="开展日期", widget=DATE)
    place = forms.CharField(label="地点", max_length=120)
    audience = forms.IntegerField(label="受众人次", min_value=0, initial=0)
    materials = forms.IntegerField(label="发放资料份数", min_value=0, initial=0)
    lecturers = forms.CharField(label="宣讲人", max_length=200, required=False)
    media = forms.CharField(
        label="宣传报道链接",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="每行一个链接",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user)
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class MediaForm(StyledForm):
    links = forms.CharField(
        label="报道链接", widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一个链接"
    )


class DutyForm(StyledForm):
    unit = forms.ModelChoiceField(label="责任单位", queryset=Org.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    item = forms.CharField(label="普法责任", max_length=300)
    laws = forms.CharField(label="重点普及的法律法规", max_length=300, required=False)
    kind = forms.ChoiceField(
        label="活动形式", choices=[("", "不限形式"), *ActivityKind.choices], required=False
    )
    required = forms.IntegerField(label="应开展活动次数", min_value=1, initial=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user)
