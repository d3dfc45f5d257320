from __future__ import annotations

from decimal import Decimal

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import SessionKind


class RegisterForm(StyledForm):
    unit = forms.ModelChoiceField(label="组织单位", queryset=Org.objects.none())
    kind = forms.ChoiceField(label="形式", choices=SessionKind.choices)
    title = forms.CharField(label="主题", max_length=200, help_text="如 学习《中华人民共和国行政复议法》")
    held_on = DateField(label="举办日期", widget=DATE)
    laws = forms.CharField(label="学习的法律法规", max_length=300, required=False)
    meeting = forms.CharField(label="会议名称（会前学法）", max_length=120, required=False)
    speaker = forms.CharField(label="主讲人（讲法人）", max_length=100, required=False)
    head_lectured = forms.BooleanField(label="主要负责人讲法", required=False)
    place = forms.CharField(label="地点", max_length=120, required=False)
    court = forms.CharField(label="旁听法院（旁听庭审）", max_length=100, required=False)
    court_case = forms.CharField(label="旁听案件（旁听庭审）", max_length=200, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = visible_orgs(user)
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class AttendeesForm(StyledForm):
    people = forms.CharField(
        label="参加人员",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一人：姓名 职务（如 王伟 副市长）",
    )


class ScoresForm(StyledForm):
    scores = forms.CharField(
        label="考试成绩",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一人：姓名 成绩（如 王伟 86）",
    )
    pass_mark = forms.DecimalField(label="合格分数线", initial=Decimal(60), min_value=0, max_digits=5)


class ListItemForm(StyledForm):
    org = forms.ModelChoiceField(label="制定单位", queryset=Org.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    law = forms.CharField(label="法律法规名称", max_length=200)
    audience = forms.CharField(label="适用对象", max_length=120, initial="全体领导干部")
    note = forms.CharField(label="学习要求", max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = visible_orgs(user)
