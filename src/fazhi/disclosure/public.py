"""依申请公开 on the jurisdiction's public portal (core/public.py): the 政府信息公开指南 (《中华人民共和国政府信息
公开条例》第十二条) and the online application form (第二十七条、第二十九条), which registers an application through
`services.submit_online`. The portal throttles the posts per address; nothing of other applications is shown."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.forms import StyledForm
from fazhi.core.models import JurisdictionSetting, Org
from fazhi.core.public import PublicSection, public_sections

from . import services
from .choices import ApplicantClass, Form


class OnlineApplicationForm(StyledForm):
    unit = forms.ModelChoiceField(
        label="向哪个行政机关申请", queryset=Org.objects.none(), empty_label="请选择"
    )
    applicant = forms.CharField(label="申请人姓名或者名称", max_length=200)
    applicant_class = forms.ChoiceField(label="申请人类别", choices=[("", "请选择"), *ApplicantClass.choices])
    contact = forms.CharField(
        label="联系方式", max_length=100, help_text="电话、通信地址或电子邮箱，用于送达答复（不会公开）"
    )
    content = forms.CharField(
        label="申请公开的政府信息",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="信息的名称、文号或者便于行政机关查询的其他特征性描述（条例第二十九条第二款第二项）",
    )
    form = forms.ChoiceField(label="获取信息的方式", choices=Form.choices, initial=Form.ELECTRONIC)
    upload = forms.FileField(
        label="身份证明或其他材料（可选）",
        required=False,
        help_text="PDF、OFD、Word 文件或 JPG、PNG 扫描件",
    )

    def __init__(self, *args, org: Org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Org.objects.filter(pk=org.pk) | Org.objects.filter(
            parent=org, kind=OrgKind.UNIT, is_active=True
        ).order_by("sort", "path")


OFFICE_FIELDS = ("name", "address", "hours", "phone", "fax", "online")


def office(org: Org) -> list[tuple[str, str]]:
    """The jurisdiction's own 政府信息公开工作机构 as the guide prints it (第十二条第二款: 名称、办公地址、办公时间、联系电话、
    传真号码、互联网联系方式), from its settings; a county does not inherit the city's office."""
    from django.apps import apps

    declared = apps.get_app_config("disclosure").jurisdiction_settings
    keys = [f"disclosure.office_{f}" for f in OFFICE_FIELDS]
    values = dict(JurisdictionSetting.objects.filter(org=org, key__in=keys).values_list("key", "value"))
    return [(declared[k][0].removeprefix("政府信息公开工作机构"), values[k]) for k in keys if values.get(k)]


def page(request, org):
    guide = {
        "office": office(org),
        "classes": [s.title for s in public_sections() if s.key != SECTION.key],
    }
    form = OnlineApplicationForm(request.POST or None, request.FILES or None, org=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            app = services.submit_online(
                unit=d["unit"],
                applicant=d["applicant"],
                applicant_class=d["applicant_class"],
                contact=d["contact"],
                content=d["content"],
                form=d["form"],
                received_on=timezone.localdate(),
                upload=d.get("upload"),
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return {"receipt": app, "form": None, **guide}
    return {"form": form, **guide}


SECTION = PublicSection(
    key="disclosure",
    title="依申请公开",
    order=50,
    intro="政府信息公开指南和在线申请。",
    page=page,
    template="disclosure/portal/guide.html",
    accepts_post=True,
    on_home=False,
)
