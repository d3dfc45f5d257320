"""Per-jurisdiction settings (core/jsettings.py): the nearest jurisdiction's value, else the declared default."""

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import jsettings
from fazhi.core.models import JurisdictionSetting
from tests import factories

DECLARED = {
    "x.review_days": ("审核办理时限（工作日）", 10),
    "x.strict": ("严格模式", False),
    "x.name": ("名称", "甲"),
}


@pytest.fixture(autouse=True)
def declared(monkeypatch):
    monkeypatch.setattr(jsettings, "declared", lambda: DECLARED)


@pytest.fixture
def tree(db):
    return factories.build_org_tree()


def test_default_then_nearest_jurisdiction_wins(tree):
    assert jsettings.get_setting(tree.unit_a, "x.review_days") == 10
    JurisdictionSetting.objects.create(org=tree.city, key="x.review_days", value="15")
    assert jsettings.get_setting(tree.unit_a, "x.review_days") == 15  # the city's value reaches its subtree
    JurisdictionSetting.objects.create(org=tree.county, key="x.review_days", value="7")
    assert jsettings.get_setting(tree.county, "x.review_days") == 7  # a lower jurisdiction sets its own
    assert jsettings.get_setting(tree.city, "x.review_days") == 15
    assert jsettings.get_setting(tree.county_unit, "x.review_days") == 7


def test_values_take_the_type_of_the_default():
    assert jsettings.parse("x.strict", "是") is True
    assert jsettings.parse("x.name", " 乙 ") == "乙"
    with pytest.raises(ValidationError, match="审核办理时限（工作日）：应填写整数，不能是「十」"):
        jsettings.parse("x.review_days", "十")


def test_undeclared_key_is_an_error(tree):
    with pytest.raises(KeyError):
        jsettings.get_setting(tree.city, "nobody.declared")
