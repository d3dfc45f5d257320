from __future__ import annotations

from django import forms

from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs
from fazhi.reconsideration.choices import ActType
from fazhi.reconsideration.forms import DATE, StyledForm
from fazhi.reconsideration.selectors import visible_cases as visible_reconsiderations

from .choices import Appearance, Instance, Result


class RegisterForm(StyledForm):
    defendant = forms.ModelChoiceField(label="被告单位", queryset=Org.objects.none())
    court = forms.CharField(label="受理法院", max_length=100)
    case_number = forms.CharField(label="案号", max_length=80, help_text="如（2025）青0102行初15号")
    stage = forms.ChoiceField(label="审级", choices=Instance.choices)
    plaintiff = forms.CharField(label="原告", max_length=200)
    act_type = forms.ChoiceField(label="被诉行为类别", choices=ActType.choices)
    act_description = forms.CharField(label="被诉行政行为", max_length=300)
    complaint_received_on = DateField(label="收到起诉状副本日期", widget=DATE)
    reconsideration_number = forms.CharField(label="经复议的复议案号（如有）", max_length=60, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["defendant"].queryset = visible_orgs(user).filter(kind="unit")
        self.fields["defendant"].widget.attrs["class"] = "form-select tom"

    def clean_reconsideration_number(self):
        number = self.cleaned_data["reconsideration_number"].strip()
        if not number:
            return None
        case = visible_reconsiderations(self.user).filter(number=number).first()
        if case is None:
            raise forms.ValidationError(f"找不到复议案件「{number}」或无权查看")
        return case


class AnswerForm(StyledForm):
    answered_on = DateField(label="提交答辩状及证据日期", widget=DATE)


class HearingForm(StyledForm):
    held_on = DateField(label="开庭日期", widget=DATE)
    appearance = forms.ChoiceField(label="出庭情况", choices=Appearance.choices)
    appearing_person = forms.CharField(label="出庭人员", max_length=100, required=False)
    appearing_title = forms.CharField(label="职务", max_length=60, required=False)
    absence_reason = forms.CharField(label="负责人未出庭理由", max_length=200, required=False)


class JudgmentForm(StyledForm):
    result = forms.ChoiceField(label="裁判结果", choices=Result.choices)
    judged_on = DateField(label="裁判日期", widget=DATE)


class AppealForm(StyledForm):
    appealed_on = DateField(label="上诉日期", widget=DATE)


class CloseForm(StyledForm):
    closed_on = DateField(label="结案日期", widget=DATE)
