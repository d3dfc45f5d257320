from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import Channel, RequestType, Satisfaction, Urgency


def _category_choices() -> list[tuple[str, str]]:
    from .selectors import categories

    return [(code, f"{code} {label}") for code, label in categories().items()]


class ReceiveForm(StyledForm):
    org = forms.ModelChoiceField(label="受理热线（行政区划）", queryset=Org.objects.none())
    channel = forms.ChoiceField(label="受理渠道", choices=Channel.choices)
    request_type = forms.ChoiceField(label="诉求类型", choices=RequestType.choices)
    category = forms.ChoiceField(label="诉求分类", choices=())
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices)
    caller = forms.CharField(label="诉求人", max_length=60)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    location = forms.CharField(label="诉求地点", max_length=200, required=False)
    content = forms.CharField(label="诉求内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    received_on = DateField(label="受理日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["org"].queryset = visible_orgs(user).exclude(kind="unit")
        self.fields["category"].choices = [
            ("", "请选择"),
            *_category_choices(),
        ]  # set after StyledForm's 请选择


def _unit_queryset():
    return Org.objects.filter(kind="unit")


class DispatchForm(StyledForm):
    unit = forms.ModelChoiceField(label="承办单位", queryset=_unit_queryset())
    dispatched_on = DateField(label="派单日期", widget=DATE)


class SignForm(StyledForm):
    signed_on = DateField(label="签收日期", widget=DATE)


class BounceForm(StyledForm):
    bounced_on = DateField(label="退单日期", widget=DATE)
    reason = forms.CharField(
        label="退单理由", max_length=300, help_text="说明不属于本单位职责的依据或应承办的单位"
    )


class ReviewForm(StyledForm):
    reviewed_on = DateField(label="审核日期", widget=DATE)
    approved = forms.TypedChoiceField(
        label="审核结论",
        choices=[("1", "同意退单（重新派单）"), ("0", "不同意（原单位继续办理）")],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label="审核意见", max_length=300, required=False)


class ReplyForm(StyledForm):
    replied_on = DateField(label="回复日期", widget=DATE)
    reply = forms.CharField(label="办理结果", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class SuperviseForm(StyledForm):
    supervised_on = DateField(label="督办日期", widget=DATE)
    note = forms.CharField(label="督办意见", max_length=300, required=False)


class CloseForm(StyledForm):
    closed_on = DateField(label="办结日期", widget=DATE)


class VisitForm(StyledForm):
    visited_on = DateField(label="回访日期", widget=DATE)
    satisfaction = forms.ChoiceField(label="满意度", choices=Satisfaction.choices)
    note = forms.CharField(label="回访记录", max_length=300, required=False)


class MergeForm(StyledForm):
    into = forms.CharField(label="并入工单编号", max_length=40)
    merged_on = DateField(label="并单日期", widget=DATE)
    note = forms.CharField(label="说明", max_length=300, required=False)
