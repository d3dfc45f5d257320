from __future__ import annotations

from django import forms

from fazhi.core import codelists
from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs
from fazhi.law.choices import ActType

from .choices import ApplicantKind, Decision, HearingKind, Procedure, TerminationReason


class RegisterForm(StyledForm):
    org = forms.ModelChoiceField(label="复议机关", queryset=Org.objects.none())
    respondent = forms.ModelChoiceField(label="被申请人", queryset=Org.objects.none())
    received_on = DateField(label="收到申请日期", widget=DATE)
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices)
    applicant_id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    representative = forms.CharField(label="代理人", max_length=100, required=False)
    other_applicants = forms.CharField(
        label="其他申请人（每行一个）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    act_type = forms.ChoiceField(label="行为类别", choices=ActType.choices)
    act_field = forms.ChoiceField(label="管理领域", required=False, choices=())
    act_description = forms.CharField(label="被申请复议的行政行为", max_length=300)
    channel = forms.ChoiceField(label="申请渠道", required=False, choices=())
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices, initial=Procedure.ORDINARY)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = visible_orgs(user)
        self.fields["org"].queryset = orgs.exclude(kind="unit")
        self.fields["respondent"].queryset = orgs
        self.fields["respondent"].widget.attrs["class"] = "form-select tom"
        self.fields["act_field"].choices = codelists.choices(codelists.ENFORCEMENT_FIELD, blank="请选择")
        self.fields["channel"].choices = codelists.choices(codelists.CHANNEL, blank="请选择")

    def applicants(self) -> list[dict]:
        d = self.cleaned_data
        out = [
            {
                "name": d["applicant_name"],
                "kind": d["applicant_kind"],
                "id_number": d["applicant_id_number"],
                "representative": d["representative"],
            }
        ]
        for line in (d.get("other_applicants") or "").splitlines():
            if line.strip():
                out.append({"name": line.strip()})
        return out


class CorrectionForm(StyledForm):
    notice_on = DateField(label="补正通知送达日期", widget=DATE)
    items = forms.CharField(label="需要补正的事项（一次性载明）", widget=forms.Textarea(attrs={"rows": 3}))


class ReceiveCorrectionForm(StyledForm):
    received_on = DateField(label="收到补正材料日期", widget=DATE)


class AbandonForm(StyledForm):
    on = DateField(label="认定日期", widget=DATE)


class AcceptForm(StyledForm):
    accepted_on = DateField(label="受理日期", widget=DATE)
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices)


class RejectForm(StyledForm):
    rejected_on = DateField(label="不予受理决定日期", widget=DATE)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class CopyServedForm(StyledForm):
    received_on = DateField(label="被申请人收到申请书副本日期", widget=DATE)


class ReplyForm(StyledForm):
    replied_on = DateField(label="被申请人提交书面答复日期", widget=DATE)


class HearForm(StyledForm):
    kind = forms.ChoiceField(label="方式", choices=HearingKind.choices)
    held_on = DateField(label="日期", widget=DATE)
    note = forms.CharField(label="情况", required=False, max_length=300)


class ConvertForm(StyledForm):
    on = DateField(label="批准日期", widget=DATE)
    approver = forms.CharField(label="批准人（行政复议机构负责人）", max_length=60)


class SuspendForm(StyledForm):
    started_on = DateField(label="中止日期", widget=DATE)
    reason = forms.CharField(label="中止原因", max_length=200)


class ResumeForm(StyledForm):
    resumed_on = DateField(label="恢复审理日期", widget=DATE)


class ExtendForm(StyledForm):
    approved_on = DateField(label="批准日期", widget=DATE)
    days = forms.IntegerField(label="延长天数（最多30日）", min_value=1, max_value=30)
    approver = forms.CharField(label="批准人（行政复议机构负责人）", max_length=60)


class DecideForm(StyledForm):
    decision = forms.ChoiceField(label="复议决定", choices=Decision.choices)
    decided_on = DateField(label="决定日期", widget=DATE)
    termination_reason = forms.ChoiceField(
        label="终止原因（仅终止时填写）",
        required=False,
        choices=[("", "——")] + list(TerminationReason.choices),
    )
    note = forms.CharField(label="决定要旨", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(StyledForm):
    closed_on = DateField(label="结案日期", widget=DATE)
