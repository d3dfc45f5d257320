from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import Category, Kind, Satisfaction


class AssignForm(StyledForm):
    kind = forms.ChoiceField(label="类别", choices=Kind.choices)
    session = forms.CharField(label="届次会议", max_length=60, help_text="如 市十七届人大三次会议")
    number = forms.CharField(label="建议（提案）号", max_length=40)
    title = forms.CharField(label="标题", max_length=200)
    proposer = forms.CharField(label="领衔代表（委员）", max_length=100)
    unit = forms.ModelChoiceField(label="主办单位", queryset=Org.objects.none())
    co_units = forms.CharField(label="协办单位", max_length=300, required=False)
    assigned_on = DateField(label="交办日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user)
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class AnswerForm(StyledForm):
    answered_on = DateField(label="答复日期", widget=DATE)
    category = forms.ChoiceField(label="办理结果", choices=Category.choices)


class FeedbackForm(StyledForm):
    satisfaction = forms.ChoiceField(label="代表委员意见", choices=Satisfaction.choices)
    on = DateField(label="反馈日期", widget=DATE)


class CloseForm(StyledForm):
    closed_on = DateField(label="办结日期", widget=DATE)
