from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import ActivityKind, ReviewResult, SiteKind, VillageLevel


class RegisterForm(StyledForm):
    unit = forms.ModelChoiceField(label="开展单位", queryset=Org.objects.none())
    kind = forms.ChoiceField(label="活动形式", choices=ActivityKind.choices)
    title = forms.CharField(label="活动名称", max_length=200)
    held_on = DateField(label="开展日期", widget=DATE)
    place = forms.CharField(label="地点", max_length=120)
    audience = forms.IntegerField(label="受众人次", min_value=0, initial=0)
    materials = forms.IntegerField(label="发放资料份数", min_value=0, initial=0)
    lecturers = forms.CharField(label="宣讲人", max_length=200, required=False)
    media = forms.CharField(
        label="宣传报道链接",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="每行一个链接",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user)
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class MediaForm(StyledForm):
    links = forms.CharField(
        label="报道链接", widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一个链接"
    )


class DutyForm(StyledForm):
    unit = forms.ModelChoiceField(label="责任单位", queryset=Org.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    item = forms.CharField(label="普法责任", max_length=300)
    laws = forms.CharField(label="重点普及的法律法规", max_length=300, required=False)
    kind = forms.ChoiceField(
        label="活动形式", choices=[("", "不限形式"), *ActivityKind.choices], required=False
    )
    required = forms.IntegerField(label="应开展活动次数", min_value=1, initial=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user)


# -- 法治文化阵地, 民主法治示范村（社区）, 法律明白人 ---------------------------------------------------------------


class _UnitForm(StyledForm):
    """A register's form: its first field is the unit (管护/指导/培养单位) the user may write for."""

    unit_label = "单位"
    unit = forms.ModelChoiceField(label="单位", queryset=Org.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].label = self.unit_label
        self.fields["unit"].queryset = visible_orgs(user)
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class SiteForm(_UnitForm):
    unit_label = "管护单位"
    name = forms.CharField(label="阵地名称", max_length=120)
    kind = forms.ChoiceField(label="阵地类型", choices=SiteKind.choices)
    township = forms.CharField(label="所在乡镇（街道）", max_length=60, required=False)
    location = forms.CharField(label="具体位置", max_length=200)
    built_on = DateField(label="建成日期", widget=DATE)
    accepted_on = DateField(label="验收日期", widget=DATE, required=False)


class CloseSiteForm(StyledForm):
    closed_on = DateField(label="撤除日期", widget=DATE)


class VillageForm(_UnitForm):
    unit_label = "指导单位"
    village = forms.CharField(label="村（社区）", max_length=80)
    township = forms.CharField(label="所在乡镇（街道）", max_length=60, required=False)
    level = forms.ChoiceField(label="命名级别", choices=VillageLevel.choices)
    named_on = DateField(label="命名日期", widget=DATE)
    batch = forms.CharField(label="命名批次（文号）", max_length=120, required=False)


class ReviewForm(StyledForm):
    year = forms.IntegerField(label="复核年度", min_value=2000, max_value=2100)
    reviewed_on = DateField(label="复核日期", widget=DATE)
    result = forms.ChoiceField(label="复核结果", choices=ReviewResult.choices)
    note = forms.CharField(label="复核意见", max_length=300, required=False)


class LiterateForm(_UnitForm):
    unit_label = "培养单位"
    name = forms.CharField(label="姓名", max_length=40)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    village = forms.CharField(label="村（社区）", max_length=80)
    township = forms.CharField(label="所在乡镇（街道）", max_length=60, required=False)
    registered_on = DateField(label="确认日期", widget=DATE)
    trained_hours = forms.IntegerField(label="培训学时", min_value=0, initial=0)
    training = forms.CharField(label="培训情况", max_length=200, required=False)
    certificate = forms.CharField(label="证书编号", max_length=40, required=False)


class WithdrawForm(StyledForm):
    left_on = DateField(label="退出日期", widget=DATE)
