"""Pages of 年度数据发布 (period locks, 更正记录) and 指标目标: who manages an org's figures publishes its year and
sets its targets (access.py). Views stay thin: parse, check what the page offers, call locks.py/targets.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.audit import record_history
from fazhi.core.params import int_param, recent_years, year_param
from fazhi.core.permissions import visible_orgs
from fazhi.core.web import error_text, form_errors_text

from . import locks, targets
from .access import can_manage, home_jurisdiction, managed_orgs, manages_any
from .models import Comparator
from .registry import catalog


class LockForm(forms.Form):
    org = forms.ModelChoiceField(
        label="机构", queryset=None, widget=forms.Select(attrs={"class": "form-select"})
    )
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    reason = forms.CharField(
        label="发布说明",
        max_length=300,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": "如 2024年度法治政府建设情况报告已发布"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = managed_orgs(user).exclude(kind="unit").order_by("path")


class TargetForm(forms.Form):
    key = forms.ChoiceField(label="指标", choices=(), widget=forms.Select(attrs={"class": "form-select tom"}))
    org = forms.ModelChoiceField(
        label="机构", queryset=None, widget=forms.Select(attrs={"class": "form-select tom"})
    )
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    comparator = forms.ChoiceField(
        label="比较", choices=Comparator.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    threshold = forms.DecimalField(
        label="目标值",
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
    )
    source = forms.CharField(
        label="依据",
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": "如 《澜川市2025年法治政府建设工作要点》第22条"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.core.areas import area_name, area_of, area_order

        groups: dict[str, list[tuple[str, str]]] = {}
        for k, e in catalog().items():  # by area (optgroups), named in Chinese: no catalog key on screen
            groups.setdefault(area_of(k), []).append((k, e["zh"]))
        self.fields["key"].choices = [(area_name(a), groups[a]) for a in sorted(groups, key=area_order)]
        self.fields["org"].queryset = managed_orgs(user).order_by("path")


# ---------------------------------------------------------------------------------------------------------
# 年度数据发布 (period locks)


@login_required
def lock_list(request):
    form = LockForm(
        request.POST or None,
        user=request.user,
        initial={"year": timezone.localdate().year - 1, "org": home_jurisdiction(request.user)},
    )
    if request.method == "POST":
        if not manages_any(request.user):
            raise PermissionDenied("只有法治办可以发布锁定年度数据")
        if form.is_valid():
            d = form.cleaned_data
            existing = locks.get_lock(d["org"], d["year"])
            if existing is not None:
                messages.info(
                    request,
                    f"{existing.org.name}{existing.year}年度数据已于{timezone.localtime(existing.locked_at):%Y-%m-%d %H:%M}"
                    "发布锁定；之后的变动记入更正记录。",
                )
                return redirect("indicators:lock_detail", pk=existing.pk)
            try:
                lock = locks.lock_period(org=d["org"], year=d["year"], actor=request.user, reason=d["reason"])
            except ValidationError as exc:
                messages.error(request, f"发布锁定未完成：{error_text(exc)}")
            else:
                messages.success(
                    request, f"已发布锁定{lock.org.name}{lock.year}年度数据（{lock.values.count()}项指标）。"
                )
                return redirect("indicators:lock_detail", pk=lock.pk)
        else:
            messages.error(request, f"发布锁定未完成：{form_errors_text(form)}")
    year = year_param(request.GET)
    rows = locks.lock_list(request.user, year=year)
    return render(
        request,
        "indicators/locks.html",
        {
            "rows": rows,
            "form": form if manages_any(request.user) else None,
            "year": year,
            "years": recent_years(),
        },
    )


@login_required
def lock_detail(request, pk: int):
    lock = locks.get_lock_for(request.user, pk)
    published = locks.published_values(lock.org, lock.year)
    diffs = {d.key: d for d in locks.differences(lock, with_changes=False)}
    rows = [{"p": v, "diff": diffs.get(k)} for k, v in published.items()]
    rows.sort(key=lambda r: r["diff"] is None)  # the figures that differ first, then in catalog order
    log = locks.restatement_log(lock)
    units = {k: v.unit for k, v in published.items()}
    entries = [
        {
            "r": r,
            "name": catalog().get(r.key, {}).get("zh", r.key),
            "published": locks.display(r.published_value, units.get(r.key, "count")),
            "current": locks.display(r.current_value, units.get(r.key, "count")),
        }
        for r in log
    ]
    return render(
        request,
        "indicators/lock_detail.html",
        {
            "lock": lock,
            "rows": rows,
            "n_diffs": len(diffs),
            "entries": entries,
            "history": record_history(lock),
            "can_refresh": can_manage(request.user, lock.org),
        },
    )


@login_required
@require_POST
def lock_refresh(request, pk: int):
    lock = locks.get_lock_for(request.user, pk)
    if not can_manage(request.user, lock.org):
        raise PermissionDenied("只有法治办可以核对更正")
    created = locks.refresh_restatements(lock=lock, actor=request.user)
    messages.success(request, f"已核对，新增更正记录 {len(created)} 条。")
    return redirect("indicators:lock_detail", pk=pk)


# ---------------------------------------------------------------------------------------------------------
# 指标目标


#: targets per page of 指标目标 (a page shows its targets grouped by area)
TARGETS_PER_PAGE = 30


@login_required
def target_list(request):
    """The targets binding one org in one year (the user's own org and this year by default), grouped by area,
    paged, each with the figure's live value and 达标/未达标/进行中/无数据."""
    from django.core.paginator import Paginator

    from fazhi.core.areas import area_name, area_of
    from fazhi.core.permissions import default_org

    from .selectors import TARGET_STATES, target_rows

    orgs = visible_orgs(request.user).order_by("path")
    org_id = int_param(request.GET, "org")
    org = orgs.filter(pk=org_id).first() if org_id else default_org(request.user)
    if org_id and org is None:
        raise PermissionDenied("无权查看该机构的指标目标")
    year = year_param(request.GET) or timezone.localdate().year
    q = (request.GET.get("q") or "").strip()
    state = request.GET.get("state", "")
    if state and state not in TARGET_STATES:
        state = ""
    rows = target_rows(org, year) if org is not None else []
    counts = {s: 0 for s in TARGET_STATES}
    for r in rows:
        counts[r.state] += 1
    if q:
        rows = [
            r
            for r in rows
            if q in r.row.value.name or q in r.target.source or q in area_name(area_of(r.target.key))
        ]
    if state:
        rows = [r for r in rows if r.state == state]
    page = Paginator(rows, TARGETS_PER_PAGE).get_page(request.GET.get("page"))
    groups: list[dict] = []
    for r in page.object_list:
        area = area_of(r.target.key)
        if not groups or groups[-1]["area"] != area:
            groups.append({"area": area, "name": area_name(area), "rows": []})
        groups[-1]["rows"].append(r)
    manage = can_manage(request.user, org) if org is not None else False
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "indicators/targets.html",
        {
            "org": org,
            "year": year,
            "q": q,
            "state": state,
            "states": [
                {"name": s, "text": t, "count": counts[s], "current": s == state}
                for s, t in TARGET_STATES.items()
            ],
            "total": sum(counts.values()),
            "groups": groups,
            "page": page,
            "query": params.urlencode(),
            "years": recent_years(),
            "orgs": orgs,
            "manage": manage,
            "manages_any": manages_any(request.user),
        },
    )


def _target_page(request, *, target=None):
    initial = {"year": year_param(request.GET) or timezone.localdate().year}
    for name in ("key", "org"):  # 设定本级目标 from the targets page names the figure and the org
        if request.GET.get(name):
            initial[name] = request.GET[name]
    if target is not None:
        initial = {
            "key": target.key,
            "org": target.org_id,
            "year": target.year,
            "comparator": target.comparator,
            "threshold": target.threshold,
            "source": target.source,
        }
    form = TargetForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            targets.save_target(
                actor=request.user,
                key=d["key"],
                org=d["org"],
                year=d["year"],
                comparator=d["comparator"],
                threshold=d["threshold"],
                source=d["source"],
                target=target,
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, "已保存指标目标。")
            return redirect("indicators:targets")
    return render(request, "indicators/targets_edit.html", {"form": form, "target": target})


@login_required
def target_create(request):
    if not manages_any(request.user):
        raise PermissionDenied("只有法治办可以设定指标目标")
    return _target_page(request)


@login_required
def target_edit(request, pk: int):
    target = targets.get_target(request.user, pk)
    if not can_manage(request.user, target.org):
        raise PermissionDenied("只有本级或上级法治办可以修改该目标")
    return _target_page(request, target=target)


@login_required
@require_POST
def target_delete(request, pk: int):
    target = targets.get_target(request.user, pk)
    if not can_manage(request.user, target.org):
        raise PermissionDenied("只有本级或上级法治办可以删除该目标")
    targets.delete_target(actor=request.user, target=target)
    messages.success(request, "已删除指标目标。")
    return redirect("indicators:targets")
