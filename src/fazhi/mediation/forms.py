from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import Channel, Confirmation, DisputeKind, Outcome, Performance, Source


class RegisterForm(StyledForm):
    unit = forms.ModelChoiceField(label="调处单位", queryset=Org.objects.none())
    channel = forms.ChoiceField(label="调解类别", choices=Channel.choices)
    committee = forms.CharField(label="调解组织", max_length=100, help_text="如 某某村人民调解委员会")
    mediator = forms.CharField(label="调解员", max_length=60, required=False)
    source = forms.ChoiceField(label="纠纷来源", choices=Source.choices)
    kind = forms.ChoiceField(label="纠纷类型", choices=DisputeKind.choices)
    parties = forms.CharField(label="当事人", max_length=200, help_text="各方当事人，用顿号分隔")
    summary = forms.CharField(label="纠纷简要情况", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    received_on = DateField(label="登记日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = visible_orgs(user).order_by("path")
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class SessionForm(StyledForm):
    held_on = DateField(label="调解日期", widget=DATE)
    note = forms.CharField(label="调解情况", max_length=300, required=False)


class ConcludeForm(StyledForm):
    outcome = forms.ChoiceField(label="调解结果", choices=Outcome.choices)
    concluded_on = DateField(label="调解终结日期", widget=DATE)
    agreement = forms.CharField(label="协议内容", max_length=500, required=False)
    agreement_effective_on = DateField(
        label="协议生效日期",
        widget=DATE,
        required=False,
        help_text="书面协议：各方签名并加盖调解委员会印章之日（第二十九条）；口头协议为达成之日（第三十条）",
    )
    routes_told = forms.BooleanField(
        label="已告知当事人可通过仲裁、行政、司法等途径维护权利（调解不成时，第二十六条）", required=False
    )
    note = forms.CharField(label="说明", max_length=300, required=False)


class ApplyForm(StyledForm):
    applied_on = DateField(label="申请司法确认日期", widget=DATE)
    court = forms.CharField(label="受理法院", max_length=100)


class ConfirmForm(StyledForm):
    confirmation = forms.ChoiceField(label="司法确认结果", choices=Confirmation.choices)
    confirmed_on = DateField(label="裁定日期", widget=DATE)


class FollowUpForm(StyledForm):
    followed_up_on = DateField(label="回访日期", widget=DATE)
    performance = forms.ChoiceField(label="履行情况", choices=Performance.choices)
    note = forms.CharField(label="回访情况", max_length=300, required=False)
