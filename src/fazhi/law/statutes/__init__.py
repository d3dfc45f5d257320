"""The statutes: one module per act (`fuyi.py` 行政复议法, `susong.py` 行政诉讼法, `minsu.py` 民事诉讼法 …), each
declaring

    LAW    the act's full name, as rules cite it ("中华人民共和国行政复议法")
    VIA    (optional) the act's provision that applies 民事诉讼法 第八十五条 (how days are counted) to its periods;
           an act that counts its own days (政府信息公开条例's 工作日) sets VIA = "" and says how in each rule's
           `counting`
    RULES  (optional) its periods, `fazhi.law.periods.Rule` items

and discovered here, so adding an act (or a rule of any app) = a module in this folder. Rules are listed in the
order of the modules' names, then as each module lists them; a rule name is unique across acts."""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module
from types import ModuleType

from django.core.exceptions import ImproperlyConfigured

from ..periods import Rule


@cache
def acts() -> tuple[ModuleType, ...]:
    """The statute modules, by name."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.ispkg)
    return tuple(import_module(f"{__name__}.{name}") for name in names)


def collect_rules() -> dict[str, Rule]:
    """Every act's rules by name."""
    rules: dict[str, Rule] = {}
    for act in acts():
        for rule in getattr(act, "RULES", ()):
            if rule.name in rules:
                raise ImproperlyConfigured(f"期限规则 {rule.name} 重复（{act.__name__}）")
            rules[rule.name] = rule
    return rules


def via(law: str) -> str:
    """The provision of act `law` that applies 民事诉讼法 第八十五条 to its periods, e.g. "《…行政复议法》第八十八条第一款";
    "" for an act that declares `VIA = ""` (it counts its own days, see its rules' `counting`)."""
    for act in acts():
        if act.LAW == law and getattr(act, "VIA", None) is not None:
            via_provision: str = act.VIA
            return via_provision
    raise ImproperlyConfigured(f"{law} 未说明期间计算适用的条款（VIA）")
