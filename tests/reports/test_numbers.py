import pytest

from fazhi.reviewer.numbers import (
    as_plain_number,
    find_quantities,
    parse_chinese_integer,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2.3万余件", 23000),
        ("87.5余万人次", 875000),
        ("8296余件", 8296),
        ("5836件", 5836),
        ("5,836件", 5836),
        ("99.97%", 99.97),
        ("15.8%", 15.8),
        ("百分之九十", 90),
        ("百分之百", 100),
        ("百分之九十五点五", 95.5),
        ("1/3", 1 / 3),
        ("三分之一", 1 / 3),
        ("十", 10),
        ("三十五", 35),
        ("一百零八", 108),
        ("两万", 20000),
        ("3.63万", 36300),
        ("82.3万", 823000),
        ("1.2亿", 120_000_000),
        ("二〇二四", 2024),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_rejects_words():
    assert parse_number("若干") is None
    assert parse_number("") is None
    assert parse_chinese_integer("方面") is None


def test_quantities_in_running_text_keep_units_and_offsets():
    text = "将任务细化为十个方面35项具体举措"
    qs = find_quantities(text)
    assert [(q.value, q.unit) for q in qs] == [(10, "个"), (35, "项")]
    assert text[qs[1].start : qs[1].end] == "35项"


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind", "approx"),
    [
        ("共办理行政处罚案件2.3万余件", 23000, "件", "count", True),
        ("接待群众87.5余万人次", 875000, "人次", "people", True),
        ("网办率达99.97%", 99.97, "%", "percent", False),
        ("成功率达到百分之九十", 90, "%", "percent", False),
        ("同比上升0.84个百分点", 0.84, "个百分点", "points", False),
        ("挽损1188万余元", 11_880_000, "元", "money", True),
    ],
)
def test_quantity_kinds(text, value, unit, kind, approx):
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.kind, q.approx) == (pytest.approx(value), unit, kind, approx)


def test_fraction_is_a_ratio_not_a_count():
    (q,) = find_quantities("落地周期减少1/3以上")
    assert q.kind == "fraction" and q.value == pytest.approx(1 / 3)


def test_ordinals_and_words_are_not_quantities():
    assert find_quantities("第一责任人") == []
    assert find_quantities("一是强化法治意识，一网通办") == []


def test_plain_numbers_for_json():
    assert as_plain_number(23000.0) == 23000 and isinstance(as_plain_number(23000.0), int)
    assert as_plain_number(15.8) == 15.8
