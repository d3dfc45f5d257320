"""Factories of 12345 工单, written through the services (tests/hotline)."""

from __future__ import annotations

from datetime import date

from fazhi.core.models import DictItem
from fazhi.hotline import services
from fazhi.hotline.choices import CATEGORY_DICT

CATEGORIES = {"0101": "城乡建设", "0203": "市场监管", "0305": "交通运输"}


def categories() -> None:
    for i, (code, label) in enumerate(CATEGORIES.items()):
        DictItem.objects.get_or_create(
            category=CATEGORY_DICT, code=code, defaults={"label": label, "sort": i}
        )


def ticket(actor, org, *, received_on: date = date(2025, 9, 29), category: str = "0203", **kw):
    categories()
    return services.receive_ticket(
        actor=actor,
        org=org,
        caller=kw.pop("caller", "王芳"),
        phone=kw.pop("phone", "13800001234"),
        location=kw.pop("location", "青城市东城区和平路12号"),
        category=category,
        content=kw.pop("content", "小区门口商户占道经营，影响通行"),
        received_on=received_on,
        **kw,
    )


def dispatched(actor, org, unit, *, on: date = date(2025, 9, 30), **kw):
    t = ticket(actor, org, **kw)
    return services.dispatch_ticket(ticket=t, actor=actor, unit=unit, dispatched_on=on)
