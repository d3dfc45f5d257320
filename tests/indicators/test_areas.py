"""One list of areas (core/areas.py) names and orders the dashboard's groups and the 统计填报 form editor's."""

from __future__ import annotations

from fazhi.collection.selectors import grouped_form_keys
from fazhi.core.areas import AREAS
from fazhi.indicators.registry import Value
from fazhi.indicators.selectors import Row, grouped_rows


def _row(key: str) -> Row:
    return Row(Value(key, key, "count", 1), None, "")


def test_every_catalog_area_has_a_name():
    from fazhi.indicators.registry import catalog

    assert {k.split(".", 1)[0] for k in catalog()} <= set(AREAS)


def test_dashboard_groups_carry_the_area_name_in_area_order():
    # 学法用法 used to be titled with the raw key "study", after every named area.
    groups = grouped_rows(
        [_row("study.lectures"), _row("litigation.cases"), _row("reconsideration.received")]
    )
    assert [(g["area"], g["name"]) for g in groups] == [
        ("reconsideration", "行政复议"),
        ("litigation", "行政应诉"),
        ("study", "学法用法"),
    ]


def test_the_form_editor_groups_by_the_same_names_and_order():
    names = [name for name, _ in grouped_form_keys()]
    known = [a.name for a in AREAS.values()]
    assert names == sorted(names, key=known.index)
