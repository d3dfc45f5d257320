"""The work-plan parser on real and crafted plans: seed 002 (海东市2024年法治政府建设工作要点, nine parts, 28 tasks,
checked by hand against the text) and two other shapes (（一） tasks with 责任单位 lines; numbered tasks with the
units in brackets)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fazhi.plans.linking import link_target
from fazhi.plans.parsing import NotAPlan, cn_number, deadline_of, parse_plan, read_text, targets_of

DATA = Path(__file__).parent / "data"


def _plan(name: str):
    return parse_plan((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def haidong():
    return _plan("haidong_2024.txt")


def test_seed_002_header(haidong):
    assert haidong.title == "海东市2024年法治政府建设工作要点"
    assert haidong.issuer == "海东市人民政府办公室"
    assert haidong.doc_number == "东政办〔2024〕29号"
    assert haidong.issued_on == date(2024, 3, 25)
    assert haidong.year == 2024


def test_seed_002_parts_and_tasks(haidong):
    assert len(haidong.parts) == 9
    assert haidong.parts[0] == (1, "进一步加强党的领导，加快法治政府建设率先突破")
    assert haidong.parts[8] == (9, "建立健全长效机制，夯实法治政府建设基础")
    assert [t.number for t in haidong.tasks] == list(range(1, 29))
    # tasks per part, by hand: 一 1-4, 二 5-8, 三 9-11, 四 12-13, 五 14-17, 六 18-19, 七 20-23, 八 24-26, 九 27-28
    per_part = [sum(1 for t in haidong.tasks if t.part == p) for p in range(1, 10)]
    assert per_part == [4, 4, 3, 2, 4, 2, 4, 3, 2]
    t1 = haidong.tasks[0]
    assert t1.title == "坚持党对法治政府建设的集中统一领导"
    # the page break inside "确保法 / 治政府建设" is joined; the footer (抄送, 印发) is not part of task 28
    assert t1.text.endswith("确保法治政府建设实现率先突破。")
    assert "制定重点任务完成情况对照检查清单" in t1.text
    t14 = haidong.tasks[13]
    assert "实行以县区为主的行政执法体制" in t14.text  # the paragraph after a blank line stays in the task
    t28 = haidong.tasks[27]
    assert t28.title == "强化法治人才队伍建设"
    assert t28.text.endswith("提升法律服务队伍建设水平。")
    assert "抄送" not in t28.text and "宜公开" not in t28.text


def test_seed_002_deadlines_and_recurrences(haidong):
    by_number = {t.number: t for t in haidong.tasks}
    assert by_number[16].deadline == date(2024, 12, 31)  # 于2024年底前做好行政执法事项目录制定
    assert by_number[17].deadline == date(2024, 12, 31)  # 2024年年底前基本建成…协调监督工作体系
    assert {n for n, t in by_number.items() if t.deadline} == {16, 17}
    assert {n for n, t in by_number.items() if t.recurrence == "yearly"} == {4, 21, 22}


def test_seed_002_targets(haidong):
    by_number = {t.number: t for t in haidong.tasks}
    got = {
        n: [(x.op, x.value, x.unit, link_target(x.text, x.op, x.unit)) for x in t.targets]
        for n, t in by_number.items()
        if t.targets
    }
    assert got == {
        4: [
            (">=", Decimal(2), "次", "study.lectures"),  # 每年至少举办2次以上法治专题讲座
            (">=", Decimal(5), "次", "study.exams"),  # 学法用法考试不少于5次
            (">=", Decimal(1), "次", "enforcement.trainings"),  # 行政执法人员集中培训不少于1次
        ],
        17: [(">=", Decimal(1), "次", "enforcement.case_file_reviews")],  # 案卷至少开展1次评查
        21: [
            ("cmp", None, "", "reconsideration.correction_rate"),  # 纠错率高于…一审纠错率
            ("<", Decimal(30), "%", "litigation.sued_after_reconsideration_rate"),
            ("<", Decimal(10), "%", "litigation.after_reconsideration_loss_rate"),
            (">=", Decimal(1), "次", "reconsideration.typical_cases_published"),  # 每年发布1次典型案例
        ],
        22: [
            (">=", Decimal(90), "%", "litigation.head_appearance_rate"),  # 出庭应诉率不低于90%
            (">=", Decimal(90), "%", "reconsideration.head_hearing_rate"),  # 听证率达到90%以上
            (">=", Decimal(1), "次", "study.court_observations"),  # 每年至少组织1次旁听庭审
        ],
    }
    loss = by_number[21].targets[2]
    assert loss.text == "经行政复议后被提起的行政诉讼案件中，行政机关败诉率低于10%"


def test_seed_002_json_shape(haidong):
    out = haidong.as_json()
    assert out["parts"] == 9 and len(out["tasks"]) == 28
    t16 = out["tasks"][15]
    assert t16["number"] == 16 and t16["deadline"] == "2024-12-31" and t16["part"] == 5
    assert set(t16) >= {"number", "part", "title", "text", "lead_units", "units", "deadline", "targets"}
    assert out["tasks"][21]["targets"][0]["value"] == 90


def test_bracket_tasks_with_unit_lines():
    """（一）（二）… tasks, 责任单位/牵头单位 on the line after the task, a 9月底前 deadline in the plan's year."""
    p = _plan("county_2020_arrangement.txt")
    assert (p.title, p.doc_number, p.issued_on, p.year) == (
        "临河县2020年度法治政府建设工作安排",
        "临政办〔2020〕20号",
        date(2020, 7, 8),
        2020,
    )
    assert len(p.parts) == 3 and [t.number for t in p.tasks] == [1, 2, 3, 4, 5]
    t1, t2, t3, t4, t5 = p.tasks
    assert t1.units == ["县政府办公室", "县司法局", "各有关部门", "乡镇人民政府"]
    assert "责任单位" not in t1.text
    assert (t2.lead_units, t2.units, t2.deadline) == (
        ["县司法局"],
        ["县市场监督管理局", "县公安局"],
        date(2020, 9, 30),
    )
    assert t3.recurrence == "quarterly" and [(x.op, x.value, x.unit) for x in t3.targets] == [
        (">=", 100, "%")
    ]
    assert t4.deadline == date(2020, 11, 30)
    assert [(x.op, x.value, x.unit) for x in t4.targets] == [(">=", 1, "次"), (">=", 40, "学时")]
    assert [(x.op, x.value) for x in t5.targets] == [(">=", 100), ("cmp", None)]
    assert t5.lead_units == ["县司法局"] and t5.units == ["县人民法院"]
    assert link_target(t5.targets[0].text, ">=", "%") == "litigation.head_appearance_rate"


def test_numbered_tasks_with_units_in_brackets():
    p = _plan("dept_plan_arabic_units.txt")
    assert (p.title, p.year, len(p.parts), len(p.tasks)) == ("青城市2025年法治政府建设工作要点", 2025, 2, 4)
    t1, t2, t3, t4 = p.tasks
    assert (t1.lead_units, t1.units) == (["市司法局"], ["市政府办公室"])
    assert t1.text.endswith("重大问题。")  # the bracketed unit clause is taken out of the wording
    assert t2.units == ["各县区人民政府", "市政府各部门"] and t2.deadline == date(2025, 6, 30)
    assert t3.deadline == date(2025, 12, 31)
    # 案卷评查合格率 is a rate: not the count of 评查 (a percentage links only to a rate)
    assert link_target(t3.targets[0].text, ">=", "%") is None
    assert link_target(t3.targets[1].text, ">=", "次") == "enforcement.trainings"
    assert [(x.op, x.value) for x in t4.targets] == [("cmp", None), ("<=", 25)]
    assert t4.units == ["市司法局"]  # the unit line after the task


def test_a_text_without_numbered_tasks_is_not_a_plan():
    with pytest.raises(NotAPlan, match="未识别到编号的工作任务"):
        parse_plan("关于召开会议的通知\n各单位：定于下周召开全体会议，请准时参加。\n2024年3月1日")


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("于2024年底前完成", None, (date(2024, 12, 31), "")),
        ("6月底前完成", 2025, (date(2025, 6, 30), "")),
        ("2024年6月30日前报送", None, (date(2024, 6, 30), "")),
        ("上半年完成，每季度通报", 2024, (date(2024, 6, 30), "quarterly")),
        ("第三季度前完成", 2024, (date(2024, 9, 30), "")),
        ("每年组织一次", 2024, (None, "yearly")),
        ("2月底前完成", 2024, (date(2024, 2, 29), "")),  # leap year
    ],
)
def test_deadlines(text, year, expected):
    assert deadline_of(text, year) == expected


@pytest.mark.parametrize(
    ("text", "op", "value", "unit"),
    [
        ("出庭应诉率不低于90%", ">=", 90, "%"),
        ("比例低于 30%", "<", 30, "%"),
        ("听证率达到90%以上", ">=", 90, "%"),
        ("至少开展1次评查", ">=", 1, "次"),
        ("每年至少举办2次以上讲座", ">=", 2, "次"),
        ("控制在5%以内", "<=", 5, "%"),
        ("不超过10件", "<=", 10, "件"),
        ("纠错率高于本地区同期行政诉讼一审纠错率", "cmp", None, ""),
    ],
)
def test_targets(text, op, value, unit):
    [t] = targets_of(text)
    assert (t.op, t.value, t.unit) == (op, None if value is None else Decimal(value), unit)


def test_chinese_numbers():
    assert [cn_number(x) for x in ("一", "九", "十", "十二", "二十", "二十三")] == [1, 9, 10, 12, 20, 23]


def test_reading_files(tmp_path):
    import docx

    doc = docx.Document()
    for line in ("青城市2025年工作要点", "一、组织领导", "1.健全机制。每年至少召开2次会议。"):
        doc.add_paragraph(line)
    path = tmp_path / "plan.docx"
    doc.save(path)
    p = parse_plan(read_text(path.read_bytes(), "plan.docx"))
    assert (p.title, len(p.tasks), p.tasks[0].targets[0].value) == ("青城市2025年工作要点", 1, 2)
    assert "1.健全机制" in read_text("1.健全机制".encode("gb18030"), "plan.txt")
    with pytest.raises(ValueError, match="只能导入"):
        read_text(b"x", "plan.xls")
    with pytest.raises(ValueError, match="无法读取"):
        read_text(b"not a zip", "plan.docx")


def test_tasks_numbered_again_under_each_section():
    """一、 parts, （一）（二） sections, tasks numbered from 1 under each: counted through the plan, the printed
    number kept as the label, the section headings not swallowed into the task before them."""
    p = _plan("sections_restart.txt")
    assert (p.title, p.year, len(p.parts)) == ("青城市2025年法治建设重点任务", 2025, 2)
    assert [(t.number, t.part, t.label) for t in p.tasks] == [
        (1, 1, "（一）1"),
        (2, 1, "（一）2"),
        (3, 1, "（二）1"),
        (4, 1, "（二）2"),
        (5, 1, "（二）3"),
        (6, 2, "（一）1"),
        (7, 2, "（一）2"),
        (8, 2, "（二）1"),
    ]
    t = {x.label + str(x.part): x for x in p.tasks}
    assert t["（一）21"].text == "6月底前完成年度述法工作。" and t["（一）21"].deadline == date(2025, 6, 30)
    assert "压实责任" not in t["（一）21"].text
    assert (t["（二）21"].lead_units, t["（二）21"].units) == (["市司法局"], ["市公安局"])
    assert [(x.op, x.value) for x in t["（二）21"].targets] == [(">=", 90)]
    assert t["（二）31"].deadline == date(2025, 9, 30)
    # the line that starts with a year inside task （一）2 of part 二 is not a task
    assert t["（一）22"].text.endswith("2024年已修订的除外。") and t["（一）22"].deadline == date(
        2025, 12, 31
    )
    assert [(x.op, x.value) for x in t["（二）12"].targets] == [("<", 30)]
    assert "抄送" not in p.tasks[-1].text
    assert p.as_json()["tasks"][4]["label"] == "（二）3"


def test_sections_are_the_parts_of_a_plan_without_them():
    p = _plan("sections_restart_no_parts.txt")
    assert p.parts == [(1, "健全工作机制"), (2, "压实责任")]
    assert [(t.number, t.part, t.label) for t in p.tasks] == [
        (1, 1, "（一）1"),
        (2, 1, "（一）2"),
        (3, 2, "（二）1"),
        (4, 2, "（二）2"),
    ]


def test_a_next_year_section_of_a_seed_report_reads_as_bracket_tasks():
    """Seed 003 (叶城县2023年度报告) plans its next year as 四、… (一)(二)(三)(四): that section alone reads as a plan
    of four tasks in one part."""
    seed = Path("/work/shared/seeds/003_f010129a6dcf8410.txt")
    if not seed.exists():  # the seeds live beside the repository, not in it
        seed = Path(__file__).resolve().parents[3] / "shared" / "seeds" / seed.name
    lines = seed.read_text(encoding="utf-8").splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith("四、2024年度"))
    end = next(i for i, x in enumerate(lines) if x.startswith("五、"))
    p = parse_plan("叶城县2024年法治政府建设工作安排\n" + "\n".join(lines[start:end]))
    assert len(p.parts) == 1 and [t.number for t in p.tasks] == [1, 2, 3, 4]
    assert [t.title for t in p.tasks] == [
        "落实好法治学习",
        "压实法治责任人责任",
        "加强法治队伍建设",
        "提高普法精准性和实效性",
    ]
