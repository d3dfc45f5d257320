from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import Answer, ApplicantClass, Channel, Form, Outcome


class RegisterForm(StyledForm):
    unit = forms.ModelChoiceField(label="受理机关", queryset=Org.objects.none())
    applicant = forms.CharField(label="申请人", max_length=200)
    applicant_class = forms.ChoiceField(label="申请人类别", choices=ApplicantClass.choices)
    contact = forms.CharField(label="联系方式", max_length=100, required=False)
    content = forms.CharField(label="申请公开的政府信息", widget=forms.Textarea(attrs={"rows": 3}))
    form = forms.ChoiceField(label="形式要求", choices=Form.choices)
    channel = forms.ChoiceField(label="申请渠道", choices=Channel.choices)
    received_on = DateField(
        label="收到申请日期",
        widget=DATE,
        help_text="条例第三十一条：当面提交为提交之日，邮寄为签收之日，互联网、传真为双方确认之日",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user)
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class CorrectionForm(StyledForm):
    requested_on = DateField(label="告知补正日期", widget=DATE)


class CorrectedForm(StyledForm):
    corrected_on = DateField(label="收到补正申请日期", widget=DATE)


class ConsultForm(StyledForm):
    party = forms.CharField(label="征求意见对象", max_length=200, help_text="第三方或其他行政机关")
    started_on = DateField(label="发出征求意见书日期", widget=DATE)


class ConsultedForm(StyledForm):
    ended_on = DateField(label="收到意见日期", widget=DATE, help_text="逾期未提出意见的，填写期满之日")


class ExtendForm(StyledForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    extended_on = DateField(label="决定延长日期", widget=DATE)
    reason = forms.CharField(label="延长理由（经工作机构负责人同意）", max_length=200, required=False)


class AnswerForm(StyledForm):
    answer = forms.ChoiceField(label="办理结果", choices=Answer.choices)
    answered_on = DateField(label="答复日期", widget=DATE)
    note = forms.CharField(label="答复说明", max_length=300, required=False)


class DisputeForm(StyledForm):
    kind = forms.ChoiceField(label="类别", choices=[("review", "行政复议"), ("suit", "行政诉讼")])
    outcome = forms.ChoiceField(label="结果", choices=Outcome.choices)
    on = DateField(label="日期", widget=DATE)
    after_review = forms.BooleanField(label="复议后起诉", required=False)
