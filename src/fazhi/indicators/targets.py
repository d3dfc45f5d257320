"""Targets and their status (达标 / 未达标 / 进行中) for an org's year.

Targets are records (Target rows): set by the office on the targets page, or written by a domain app from the
year's work plan (工作要点) the office imported, each citing the plan's item in its source. A jurisdiction
without a target of its own for a figure is held to the nearest jurisdiction above it that has one (a city's
plan binds "各级行政机关"), and the source says whose target it is. No target is written in code."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.core.audit import save_audited
from fazhi.core.locking import lock
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter

from .access import require_manage
from .models import Comparator, Target
from .registry import catalog


@dataclass
class TargetStatus:
    key: str
    text: str
    status: str  # "达标" | "未达标" | "进行中" | "无数据"
    source: str


def targets_for(org, year: int) -> dict[str, Target]:
    """The org's targets for the year by figure: its own, then those of the jurisdictions above it (nearest
    first) for figures it has none of; an inherited target is an unsaved copy naming its jurisdiction."""
    found = {t.key: t for t in Target.objects.filter(org=org, year=year)}
    codes = (org.path or "").strip("/").split("/")[:-1]  # the materialised path names every org above
    ancestors = list(Org.objects.filter(code__in=codes)) if codes else []
    if not ancestors:
        return found
    by_org: dict[int, list[Target]] = {}
    for t in Target.objects.filter(org__in=ancestors, year=year).select_related("org"):
        by_org.setdefault(t.org_id, []).append(t)
    for above in sorted(ancestors, key=lambda o: -len(o.path)):  # nearest first
        for t in by_org.get(above.pk, []):
            found.setdefault(
                t.key,
                Target(
                    key=t.key,
                    org=org,
                    year=year,
                    comparator=t.comparator,
                    threshold=t.threshold,
                    source=f"{above.name}：{t.source}"[:200],
                ),
            )
    return found


def status_of(target: Target, value, year: int) -> TargetStatus:
    from .registry import unit_word

    # the figure's own measure word, as the report prints it (培训场次 不低于1场次, 案卷评查 不低于30宗)
    text = f"{target.get_comparator_display()}{target.threshold.normalize():f}{unit_word(target.key)}"
    if value is None:
        return TargetStatus(target.key, text, "无数据", target.source)
    if target.met(value):
        status = "达标"
    else:
        status = "进行中" if year >= timezone.localdate().year else "未达标"
    return TargetStatus(target.key, text, status, target.source)


# ---------------------------------------------------------------------------------------------------------
# 指标目标: the services and reads of the targets page


def _check_target(key: str, comparator: str, threshold) -> Decimal:
    if key not in catalog():
        raise ValidationError({"key": f"指标 {key} 不在指标目录中"})
    if comparator not in Comparator.values:
        raise ValidationError({"comparator": "请选择比较方式"})
    try:
        value = Decimal(str(threshold))
    except InvalidOperation:
        raise ValidationError({"threshold": "目标值应为数字"}) from None
    if not value.is_finite() or value < 0:
        raise ValidationError({"threshold": "目标值应为不小于0的数字"})
    if catalog()[key].get("unit") == "percent" and value > 100:
        raise ValidationError({"threshold": "百分比目标应在0至100之间"})
    if value >= Decimal(10) ** 10:
        raise ValidationError({"threshold": "目标值过大"})
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def save_target(
    *,
    actor,
    key: str,
    org: Org,
    year: int,
    comparator: str,
    threshold,
    source: str = "",
    target: Target | None = None,
) -> Target:
    """新增或修改 the target of one figure for an org and year."""
    require_manage(actor, org, "只有本级或上级法治办可以设定该机构的指标目标")
    if target is not None:
        lock(target)
        require_manage(actor, target.org, "只有本级或上级法治办可以修改该目标")
    lock(
        org
    )  # serialise the targets of one org, so two saves of the same figure cannot both pass the clash check
    value = _check_target(key, comparator, threshold)
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": "年度不正确"})
    clash = Target.objects.filter(key=key, org=org, year=year)
    if target is not None:
        clash = clash.exclude(pk=target.pk)
    if clash.exists():
        raise ValidationError({"key": f"{org.name}{year}年度已有该指标的目标，请修改原目标"})
    t = target or Target()
    t.key, t.org, t.year, t.comparator, t.threshold, t.source = (
        key,
        org,
        int(year),
        comparator,
        value,
        (source or "").strip()[:200],
    )
    save_audited(t, actor=actor, reason="修改指标目标" if target is not None else "新增指标目标")
    return t


@transaction.atomic
def delete_target(*, actor, target: Target) -> None:
    require_manage(actor, target.org, "只有本级或上级法治办可以删除该目标")
    target._history_user = actor if getattr(actor, "is_authenticated", False) else None
    target._change_reason = "删除指标目标"
    target.delete()


@dataclass
class TargetFilters:
    org: int | None = None
    year: int | None = None
    q: str = ""

    @classmethod
    def from_params(cls, params) -> TargetFilters:
        return cls(org=int_param(params, "org"), year=year_param(params), q=(params.get("q") or "").strip())


def visible_targets(user) -> QuerySet[Target]:
    return Target.objects.filter(org_filter(user, "org"))


def filtered_targets(user, f: TargetFilters) -> QuerySet[Target]:
    qs = visible_targets(user).select_related("org")
    if f.org:
        qs = qs.filter(org_id=f.org)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.q:
        keys = [k for k, e in catalog().items() if f.q in k or f.q in e.get("zh", "")]
        qs = qs.filter(Q(key__in=keys) | Q(source__icontains=f.q))
    return qs.order_by("-year", "org__path", "key")


def get_target(user, pk: int) -> Target:
    t = visible_targets(user).select_related("org").filter(pk=pk).first()
    if t is None:
        raise Http404("目标不存在或无权查看")
    return t
