"""The registers of 法治文化阵地, 民主法治示范村（社区） and 法律明白人, declared once for their pages (views.py), their
API (api.py) and their URLs: each one's title, template, date field, form and service of registration, and its one
row action (撤除 / 复核 / 退出)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import forms, services
from .choices import LiterateStatus, SiteKind, SiteStatus, VillageLevel, VillageStatus


@dataclass(frozen=True)
class Register:
    title: str
    template: str
    date_field: str
    form: type
    create: Callable[..., Any]
    created: str  # the message after a registration, formatted with the record
    action_form: type
    action: Callable[..., Any]
    action_arg: str  # the service's keyword for the record
    action_label: str
    import_app: str
    kinds: Any = None  # the choices of its `kind` filter (阵地类型 / 命名级别)
    statuses: Any = None
    prefetch: tuple[str, ...] = ()


REGISTERS = {
    "sites": Register(
        "法治文化阵地",
        "publicity/sites.html",
        "built_on",
        forms.SiteForm,
        services.add_site,
        "已登记法治文化阵地“{r.name}”。",
        forms.CloseSiteForm,
        services.close_site,
        "site",
        "撤除",
        "publicity_sites",
        kinds=SiteKind,
        statuses=SiteStatus,
    ),
    "villages": Register(
        "民主法治示范村（社区）",
        "publicity/villages.html",
        "named_on",
        forms.VillageForm,
        services.add_village,
        "已登记{r}。",
        forms.ReviewForm,
        services.review_village,
        "village",
        "登记复核结果",
        "publicity_villages",
        kinds=VillageLevel,
        statuses=VillageStatus,
        prefetch=("reviews",),
    ),
    "literates": Register(
        "法律明白人",
        "publicity/literates.html",
        "registered_on",
        forms.LiterateForm,
        services.add_literate,
        "已登记法律明白人{r.name}。",
        forms.WithdrawForm,
        services.withdraw_literate,
        "person",
        "退出",
        "publicity_literates",
        statuses=LiterateStatus,
    ),
}
