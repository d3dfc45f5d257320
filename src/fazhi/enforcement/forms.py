from __future__ import annotations

from django import forms

from fazhi.core import codelists
from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import Implementer, Leniency, PowerType
from .selectors import visible_officers, visible_power_items


def domain_choices() -> list[tuple[str, str]]:
    return codelists.choices(codelists.ENFORCEMENT_FIELD, blank="请选择")


class FileForm(StyledForm):
    unit = forms.ModelChoiceField(label="执法单位", queryset=Org.objects.none())
    case_number = forms.CharField(label="案件编号", max_length=80)
    kind = forms.ChoiceField(label="执法类别", choices=PowerType.choices)
    domain = forms.ChoiceField(label="执法领域", required=False, choices=())
    party = forms.CharField(label="当事人", max_length=200, required=False)
    facts = forms.CharField(label="案由", max_length=300, required=False)
    legal_basis = forms.CharField(label="法律依据", max_length=300, required=False)
    filed_on = DateField(label="立案日期", widget=DATE)
    officer_numbers = forms.CharField(
        label="执法人员执法证号", max_length=200, help_text="至少两名，以顿号或逗号分隔"
    )
    major = forms.BooleanField(label="重大执法决定（须法制审核）", required=False)
    power_item_code = forms.CharField(
        label="权责事项编码", max_length=40, required=False, help_text="本单位权责清单中的事项编码"
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = visible_orgs(user).filter(kind="unit")
        self.fields["unit"].widget.attrs["class"] = "form-select tom"
        self.fields["domain"].choices = domain_choices()

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        numbers = [n.strip() for n in _split(data.get("officer_numbers", ""))]
        if unit is not None:
            found = {
                o.cert_number: o
                for o in visible_officers(self.user).filter(unit=unit, cert_number__in=numbers)
            }
            missing = [n for n in numbers if n not in found]
            if missing:
                self.add_error(
                    "officer_numbers", f"{unit.name}没有执法证号为「{'、'.join(missing)}」的执法人员"
                )
            data["officers"] = [found[n] for n in numbers if n in found]
            code = (data.get("power_item_code") or "").strip()
            data["power_item"] = None
            if code:
                item = visible_power_items(self.user).filter(unit=unit, code=code).first()
                if item is None:
                    self.add_error("power_item_code", f"{unit.name}的权责清单中没有事项编码「{code}」")
                data["power_item"] = item
        return data


def _split(text: str) -> list[str]:
    for sep in ("，", ",", "；", ";", " "):
        text = text.replace(sep, "、")
    return [t for t in text.split("、") if t.strip()]


class ReviewForm(StyledForm):
    legal_review_on = DateField(label="法制审核日期", widget=DATE)


class DecideForm(StyledForm):
    decided_on = DateField(label="决定日期", widget=DATE)
    amount = forms.DecimalField(
        label="罚没金额（元）", min_value=0, max_digits=14, decimal_places=2, initial=0
    )
    leniency = forms.ChoiceField(label="从轻减轻及不予处罚", choices=Leniency.choices, required=False)
    collective_discussion = forms.BooleanField(label="经负责人集体讨论", required=False)


class PublishForm(StyledForm):
    published_on = DateField(label="公示日期", widget=DATE)


class CloseForm(StyledForm):
    closed_on = DateField(label="结案日期", widget=DATE)


# -- 权责清单 ---------------------------------------------------------------------------------------------


class _PowerDocument(StyledForm):
    doc_number = forms.CharField(
        label="调整文件文号", max_length=80, help_text="权责清单的每次调整须有文件依据"
    )
    doc_title = forms.CharField(label="调整文件名称", max_length=200, required=False)
    doc_date = DateField(label="调整日期", widget=DATE)


class PowerItemFields(StyledForm):
    name = forms.CharField(label="事项名称", max_length=200)
    power_type = forms.ChoiceField(label="职权类型", choices=PowerType.choices)
    law = forms.CharField(label="法律依据", max_length=300, help_text="法律、法规、规章名称")
    articles = forms.CharField(label="依据条款", widget=forms.Textarea(attrs={"rows": 3}))
    implementer = forms.ChoiceField(label="实施主体", choices=Implementer.choices)
    entrusted_org = forms.CharField(label="受委托组织", max_length=200, required=False)
    responsibilities = forms.CharField(
        label="责任事项", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    in_catalog = forms.BooleanField(label="列入行政执法事项目录", required=False)
    delegated = forms.BooleanField(label="赋权乡镇（街道）事项", required=False)
    delegation_doc_number = forms.CharField(label="赋权文件文号", max_length=80, required=False)
    delegation_doc_title = forms.CharField(label="赋权文件名称", max_length=200, required=False)
    delegated_on = DateField(label="赋权日期", widget=DATE, required=False)


class PowerItemForm(PowerItemFields, _PowerDocument):
    unit = forms.ModelChoiceField(label="职权部门", queryset=Org.objects.none())
    code = forms.CharField(label="事项编码", max_length=40)

    field_order = ("unit", "code", "name", "power_type")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user).filter(kind="unit")
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class PowerChangeForm(PowerItemFields, _PowerDocument):
    note = forms.CharField(label="调整说明", max_length=300, required=False)


class PowerRemoveForm(_PowerDocument):
    note = forms.CharField(label="取消原因", max_length=300, required=False)


class CloseWarningForm(StyledForm):
    explanation = forms.CharField(
        label="单位说明",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写单位说明：关闭预警须说明原因及整改情况"},
        help_text="说明预警所涉问题的原因、整改措施和结果",
    )
    closed_on = DateField(label="关闭日期", widget=DATE)


# -- 案卷评查 ---------------------------------------------------------------------------------------------


class CampaignForm(StyledForm):
    org = forms.ModelChoiceField(label="组织评查的行政区划", queryset=Org.objects.none())
    name = forms.CharField(label="评查名称", max_length=100)
    year = forms.IntegerField(
        label="评查年度", min_value=2000, max_value=2100, help_text="抽取该年度作出决定的案件"
    )
    sample_size = forms.IntegerField(label="抽取案卷数", min_value=1, max_value=5000)
    seed = forms.IntegerField(
        label="随机种子",
        min_value=0,
        max_value=2**31 - 1,
        help_text="记录在案：同一种子在同一台账上抽取相同的案卷（双随机）",
    )
    started_on = DateField(label="开始日期", widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.core.choices import JURISDICTION_KINDS
        from fazhi.core.permissions import can

        ids = [
            o.pk
            for o in visible_orgs(user).filter(kind__in=JURISDICTION_KINDS)
            if can(user, o, "enforcement.manage")
        ]
        self.fields["org"].queryset = Org.objects.filter(pk__in=ids).order_by("path")


class ScoreForm(StyledForm):
    """The reviewer's items of the scoring sheet (rules.SHEET, those not scored by the machine)."""

    future_fields = ("rectify_due",)

    reviewed_on = DateField(label="评查日期", widget=DATE)
    problems = forms.CharField(
        label="发现问题", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rectify_due = DateField(
        label="整改期限",
        widget=DATE,
        required=False,
        help_text="不合格或发现问题的案卷下发整改；留空按本级设置的整改期限",
    )

    def __init__(self, *args, **kwargs):
        from .rules import SHEET

        super().__init__(*args, **kwargs)
        items = {
            f"score_{i.key}": forms.IntegerField(
                label=f"{i.label}（{i.points}分）",
                min_value=0,
                max_value=i.points,
                help_text=i.basis,
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )
            for i in SHEET
            if not i.machine
        }
        self.fields = {**items, **self.fields}


# -- 评查整改 ---------------------------------------------------------------------------------------------


class ReplyForm(StyledForm):
    reply = forms.CharField(
        label="整改情况",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="整改佐证材料可在附件中上传",
    )
    replied_on = DateField(label="回复日期", widget=DATE)


class AcceptForm(StyledForm):
    closed_on = DateField(label="销号日期", widget=DATE)


class SendBackForm(StyledForm):
    future_fields = ("due",)

    note = forms.CharField(label="退回意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    returned_on = DateField(label="退回日期", widget=DATE)
    due = DateField(label="新的整改期限", widget=DATE, required=False, help_text="留空沿用原期限")


class RectifyCreateForm(StyledForm):
    """No fields: a 整改 is opened by scoring a file (services.open_rectification), never typed in."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class AssignForm(forms.Form):
    """指定评查人员 for the ticked files of a campaign (the page's checkboxes name the files)."""

    reviewer = forms.ModelChoiceField(label="评查人员", queryset=None, empty_label="请选择评查人员")

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        field.queryset = candidates
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()
        field.widget.attrs["class"] = "form-select"
