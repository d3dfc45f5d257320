from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import Answer, Category, Channel, Opinion, Route
from .models import Petition
from .selectors import visible_cases


class RegisterForm(StyledForm):
    unit = forms.ModelChoiceField(label="办理单位", queryset=Org.objects.none())
    channel = forms.ChoiceField(label="信访形式", choices=Channel.choices)
    petitioner = forms.CharField(label="信访人", max_length=100)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    people = forms.IntegerField(label="来访人数", min_value=1, initial=1)
    representatives = forms.IntegerField(
        label="推选代表人数",
        min_value=0,
        initial=0,
        help_text="多人走访的，代表人数不得超过5人（第二十条第三款）",
    )
    received_by = forms.CharField(label="接访领导", max_length=60, required=False)
    category = forms.ChoiceField(label="信访事项类别", choices=Category.choices)
    subject = forms.CharField(label="反映事项", max_length=200)
    content = forms.CharField(
        label="主要诉求", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    received_on = DateField(label="收到信访事项日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = visible_orgs(user).order_by("path")
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class AcceptForm(StyledForm):
    accepted_on = DateField(label="受理并书面告知日期", widget=DATE)


class RouteForm(StyledForm):
    routed_on = DateField(label="导入日期", widget=DATE)
    route = forms.ChoiceField(label="导入途径", choices=Route.choices)
    reason = forms.CharField(label="理由", max_length=300)
    case_number = forms.CharField(
        label="复议或诉讼案号",
        max_length=80,
        required=False,
        help_text="导入行政复议或诉讼、案件已在本系统登记的，填写其案号以关联",
    )


class LinkForm(StyledForm):
    case_number = forms.CharField(
        label="复议或诉讼案号",
        max_length=80,
        help_text="本系统中您可查看的案件，可从建议中选择",
        widget=forms.TextInput(attrs={"list": "routable-cases"}),
    )


class ReceptionForm(StyledForm):
    unit = forms.ModelChoiceField(label="组织单位", queryset=Org.objects.none())
    leader = forms.CharField(label="接访领导", max_length=60)
    leader_title = forms.CharField(label="职务", max_length=60)
    held_on = DateField(label="接访日期", widget=DATE)
    place = forms.CharField(label="接访地点", max_length=100)
    visitors = forms.IntegerField(label="接待来访人数", min_value=0, max_value=10000, initial=0)
    matters = forms.CharField(label="接访事项", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    petitions = forms.ModelMultipleChoiceField(
        label="关联信访事项",
        queryset=Petition.objects.none(),
        required=False,
        help_text="接访中登记或接谈的信访事项",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user).order_by("path")
        self.fields["petitions"].queryset = visible_cases(user).order_by("-received_on", "-id")
        for name in ("unit", "petitions"):
            self.fields[name].widget.attrs["class"] = "form-select tom"


class ExtendForm(StyledForm):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30)
    reason = forms.CharField(label="延期理由（经负责人批准，告知信访人）", max_length=300)


class AnswerForm(StyledForm):
    answered_on = DateField(label="书面答复日期", widget=DATE)
    answer = forms.ChoiceField(label="处理意见", choices=Answer.choices)


class RequestForm(StyledForm):
    requested_on = DateField(label="收到请求日期", widget=DATE)


class ReviewForm(StyledForm):
    reviewed_on = DateField(label="复查意见日期", widget=DATE)
    opinion = forms.ChoiceField(label="复查意见", choices=Opinion.choices)


class RecheckForm(StyledForm):
    rechecked_on = DateField(label="复核意见日期", widget=DATE)
    opinion = forms.ChoiceField(label="复核意见", choices=Opinion.choices)
    hearing_start = DateField(label="听证开始日期（如有）", widget=DATE, required=False)
    hearing_end = DateField(label="听证结束日期（如有）", widget=DATE, required=False)
