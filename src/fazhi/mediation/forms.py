from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from . import selectors
from .choices import (
    Appointment,
    Channel,
    Confirmation,
    DisputeKind,
    OrgKind,
    Outcome,
    Performance,
    Post,
    Source,
)
from .models import MediationOrg, Mediator, Sweep


class RegisterForm(StyledForm):
    unit = forms.ModelChoiceField(label="调处单位", queryset=Org.objects.none())
    channel = forms.ChoiceField(label="调解类别", choices=Channel.choices)
    organization = forms.ModelChoiceField(
        label="调解组织",
        queryset=MediationOrg.objects.none(),
        required=False,
        help_text="调解组织登记中的组织",
    )
    committee = forms.CharField(
        label="调解组织（未登记的）", max_length=100, required=False, help_text="调解组织尚未登记时填写名称"
    )
    mediator_record = forms.ModelChoiceField(label="调解员", queryset=Mediator.objects.none(), required=False)
    mediator = forms.CharField(label="调解员（未登记的）", max_length=60, required=False)
    sweep = forms.ModelChoiceField(
        label="排查",
        queryset=Sweep.objects.none(),
        required=False,
        help_text="纠纷来源为排查发现时，所属的排查",
    )
    source = forms.ChoiceField(label="纠纷来源", choices=Source.choices)
    kind = forms.ChoiceField(label="纠纷类型", choices=DisputeKind.choices)
    parties = forms.CharField(label="当事人", max_length=200, help_text="各方当事人，用顿号分隔")
    summary = forms.CharField(label="纠纷简要情况", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    received_on = DateField(label="登记日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = visible_orgs(user).order_by("path")
        self.fields["organization"].queryset = selectors.organizations_for(user)
        self.fields["mediator_record"].queryset = selectors.mediators_for(user)
        self.fields["sweep"].queryset = selectors.sweeps_for(user)
        for name in ("unit", "organization", "mediator_record", "sweep"):
            self.fields[name].widget.attrs["class"] = "form-select tom"

    def clean(self):
        d = super().clean()
        if not d.get("organization") and not (d.get("committee") or "").strip():
            self.add_error("organization", "请选择调解组织，或填写未登记的调解组织名称")
        return d


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


# -- the registers ---------------------------------------------------------------------------------------


class _UnitForm(StyledForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "unit" in self.fields:
            self.fields["unit"].queryset = visible_orgs(user).order_by("path")
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.widget.attrs["class"] = "form-select tom"


class OrganizationForm(_UnitForm):
    unit = forms.ModelChoiceField(label="所在单位", queryset=Org.objects.none())
    name = forms.CharField(label="调解组织名称", max_length=100)
    kind = forms.ChoiceField(label="组织类型", choices=OrgKind.choices)
    members = forms.IntegerField(
        label="委员人数",
        min_value=0,
        max_value=99,
        required=False,
        help_text="人民调解委员会由委员三至九人组成（第八条第二款）",
    )
    established_on = DateField(label="设立日期", widget=DATE)


class MediatorForm(_UnitForm):
    organization = forms.ModelChoiceField(label="调解组织", queryset=MediationOrg.objects.none())
    name = forms.CharField(label="姓名", max_length=60)
    post = forms.ChoiceField(label="专兼职", choices=Post.choices)
    appointment = forms.ChoiceField(
        label="任职方式", choices=Appointment.choices, help_text="人民调解法第十三条"
    )
    qualifications = forms.CharField(label="资格与专长", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    appointed_on = DateField(label="选任日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["organization"].queryset = selectors.organizations_for(user)


class TrainingForm(_UnitForm):
    unit = forms.ModelChoiceField(label="举办单位", queryset=Org.objects.none())
    title = forms.CharField(label="培训名称", max_length=200)
    held_on = DateField(label="培训日期", widget=DATE)
    hours = forms.DecimalField(label="学时", max_digits=4, decimal_places=1, min_value=0)
    attendees = forms.ModelMultipleChoiceField(
        label="参训调解员", queryset=Mediator.objects.none(), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["attendees"].queryset = selectors.mediators_for(user)
        self.fields["attendees"].widget.attrs["class"] = "form-select tom"


class SweepForm(_UnitForm):
    unit = forms.ModelChoiceField(label="排查单位", queryset=Org.objects.none())
    organization = forms.ModelChoiceField(
        label="调解组织", queryset=MediationOrg.objects.none(), required=False
    )
    held_on = DateField(label="排查日期", widget=DATE)
    area = forms.CharField(label="排查区域", max_length=100)
    risks_found = forms.IntegerField(label="发现矛盾纠纷和风险隐患数", min_value=0, max_value=100000)
    note = forms.CharField(
        label="排查情况", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["organization"].queryset = selectors.organizations_for(user)
