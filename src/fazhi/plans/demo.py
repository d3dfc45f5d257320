"""The demo city's work plans: for each demo year the city's 法治政府建设工作要点 (and this year each county's),
written as a published text in seed 002's shape and imported through the same parser and service as an
uploaded file; the units then report progress, the office accepts or returns, and urges (督办) what is late.
Past years end mostly done with a few tasks never finished; this year's tasks are under way, some overdue."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext

from . import services
from .choices import Status
from .models import Assignment, WorkPlan
from .parsing import parse_plan

# (part title, [(task title, wording, lead, units, deadline phrase)]); {Y} is the plan's year, {P} the place
# prefix (市 or the county's name) used in unit names: 市司法局, 东岭县司法局; {H} the 负责人出庭应诉率 target, which
# later plans raise from 不低于90% to 达到100% (as county plans of the seeds do), so that a past year's figure
# (around 95%) can miss it: the targets page and the dashboard then show 未达标 from the demo's own records.
PARTS = [
    (
        "加强党的领导，压实法治政府建设责任",
        [
            (
                "坚持党对法治政府建设的集中统一领导",
                "细化年度目标任务，制定重点任务完成情况对照检查清单，{Y}年3月底前印发。",
                "司法局",
                ["人民政府办公室"],
            ),
            (
                "加强法律法规学习培训",
                "落实领导班子定期学法制度，每年至少举办2次以上法治专题讲座，国家工作人员学法用法考试不少于5次，"
                "行政执法人员集中培训不少于1次。",
                "司法局",
                ["人力资源和社会保障局"],
            ),
        ],
    ),
    (
        "推进依法行政，提高行政决策质量",
        [
            (
                "及时调整完善权责清单",
                "结合机构改革调整政府部门权责清单，{Y}年6月底前向社会公布。",
                "司法局",
                ["市场监督管理局", "自然资源局"],
            ),
            (
                "健全重大行政决策机制",
                "制定年度重大行政决策事项目录并向社会公开，坚持合法性审核，9月底前完成目录公开。",
                "人民政府办公室",
                ["司法局"],
            ),
        ],
    ),
    (
        "严格规范公正文明执法",
        [
            (
                "强力整治行政执法突出问题",
                "推行行政执法事项清单制度，{Y}年底前做好行政执法事项目录制定及动态调整并向社会公布。",
                "司法局",
                ["公安局", "市场监督管理局", "城市管理综合执法局", "生态环境局"],
            ),
            (
                "加强行政执法监督",
                "各级行政执法部门对上年度行政执法案卷至少开展1次评查，11月底前完成。",
                "司法局",
                ["交通运输局", "住房和城乡建设局", "卫生健康委员会"],
            ),
        ],
    ),
    (
        "发挥行政复议和行政应诉作用",
        [
            (
                "发挥行政复议化解行政争议主渠道作用",
                "行政复议案件纠错率高于本地区同期行政诉讼一审纠错率，经行政复议后被提起行政诉讼的案件比例低于30%，"
                "经行政复议后被提起的行政诉讼案件中，行政机关败诉率低于10%。每年发布1次行政复议典型案例。",
                "司法局",
                [],
            ),
            (
                "全面提升行政应诉工作效能",
                "各级行政机关负责人出庭应诉率{H}，行政机关负责人参加行政复议听证率达到90%以上。"
                "每年至少组织1次领导干部旁听庭审活动。",
                "司法局",
                ["公安局", "自然资源局", "人力资源和社会保障局"],
            ),
        ],
    ),
    (
        "健全长效机制，夯实法治政府建设基础",
        [
            (
                "推进政务公开",
                "实行政务公开清单化管理，8月底前完成主动公开目录更新。",
                "人民政府办公室",
                ["农业农村局"],
            ),
            (
                "加快法治政府信息化建设",
                "推动执法事项公开和执法案件网上运行，10月底前完成行政执法监督平台部署。",
                "司法局",
                ["市场监督管理局"],
            ),
        ],
    ),
]
CN = "一二三四五六七八九十"


def plan_text(
    place: str, prefix: str, year: int, doc_number: str, issued: dt.date, *, raised: bool = False
) -> str:
    """A published plan in seed 002's shape: red-head issuer, 文号, notice, date, title, parts, numbered tasks
    with the units in brackets, the 抄送 footer. `raised`: the plan raises the 出庭应诉率 target to 100%."""
    head = "达到100%" if raised else "不低于90%"
    lines = [
        f"{place}人民政府办公室文件",
        doc_number,
        f"{place}人民政府办公室关于印发{place}{year}年法治政府建设工作要点的通知",
        "各县区人民政府，市政府各部门：" if prefix == "市" else "各乡镇人民政府，县政府各部门：",
        f"《{place}{year}年法治政府建设工作要点》已经政府常务会议审议通过，现印发给你们，请认真抓好贯彻落实。",
        f"{issued.year}年{issued.month}月{issued.day}日",
        f"{place}{year}年法治政府建设工作要点",
        f"{year}年是推动法治政府建设实施方案全面完成的重要一年，全{prefix[-1]}法治政府建设的总体要求如下。",
    ]
    n = 0
    for i, (part, tasks) in enumerate(PARTS):
        lines.append(f"{CN[i]}、{part}")
        for title, text, lead, units in tasks:
            n += 1
            who = f"牵头单位：{prefix}{lead}"
            if units:
                who += "；责任单位：" + "、".join(prefix + u for u in units)
            lines.append(f"{n}. {title}。{text.format(Y=year, H=head)}（{who}）")
    lines += [
        "抄送：市委各部门。",
        f"{place}人民政府办公室",
        f"{issued.year}年{issued.month}月{issued.day + 2}日印发",
    ]
    return "\n".join(lines)


def _progress(ctx: DemoContext, a: Assignment, office, clerk) -> None:
    """Reports from the unit, the office's review, 督办 of late ones; nothing dated after today."""
    rng, today = ctx.rng, ctx.today
    span = max(10, (a.deadline - a.assigned_on).days)
    finishes = rng.random() < 0.88
    offsets = sorted(rng.sample(range(5, span + 1), rng.randint(1, 3)))
    if finishes:
        offsets[-1] = max(offsets[-1], span - rng.randint(0, 10))
    elif len(offsets) > 1:
        offsets.pop()  # a lagging unit stops reporting
    percent = 0
    for i, offset in enumerate(offsets):
        day = a.assigned_on + dt.timedelta(days=offset)
        if day > today:
            break
        last = i == len(offsets) - 1
        percent = 100 if (finishes and last) else min(90, percent + rng.randint(20, 40))
        with ctx.on(day):
            services.report_progress(
                case=a,
                actor=clerk,
                reported_on=day,
                text=f"已按计划推进，完成进度{percent}%。",
                percent=percent,
            )
        review = day + dt.timedelta(days=rng.randint(1, 5))
        if review > today:
            return
        with ctx.on(review):
            if rng.random() < 0.1 and percent < 100:
                services.return_report(
                    case=a, actor=office, reviewed_on=review, reason="佐证材料不全，请补充会议纪要和公开网址"
                )
            else:
                services.accept_report(case=a, actor=office, reviewed_on=review)
        if a.status == Status.DONE:
            return
    # Late: the office urges after the deadline, and again when the reply is not in time.
    urge_on = a.deadline + dt.timedelta(days=rng.randint(3, 12))
    if a.status != Status.DONE and urge_on <= today and rng.random() < 0.7:
        with ctx.on(urge_on):
            services.urge(
                case=a,
                actor=office,
                urged_on=urge_on,
                reply_due=urge_on + dt.timedelta(days=10),
                note="任务逾期未完成，请说明原因并限期完成",
            )
        again = urge_on + dt.timedelta(days=15)
        if again <= today and rng.random() < 0.4:
            with ctx.on(again):
                services.urge(
                    case=a,
                    actor=office,
                    urged_on=again,
                    reply_due=again + dt.timedelta(days=7),
                    note="再次督办",
                )


def load(ctx: DemoContext) -> str:
    plans = tasks = shares = 0
    city = ctx.root
    places = [(city, y) for y in ctx.years] + [(c, ctx.today.year) for c in ctx.jurisdictions() if c != city]
    for org, year in places:
        issued = dt.date(year, 3, 25)
        if issued > ctx.today or WorkPlan.objects.filter(org=org, year=year).exists():
            continue  # not issued yet, or loaded by an earlier run
        prefix = "市" if org == city else org.name.removesuffix("人民政府")
        place = (org.short_name or org.name).removesuffix("人民政府")
        abbr = f"{place[:1]}政办"
        number = f"{abbr}〔{year}〕{10 + len(place) + year % 7}号"
        text = plan_text(place, prefix, year, number, issued, raised=year > min(ctx.years))
        office = ctx.user(org, "office")
        with ctx.on(issued):
            plan = services.import_plan(
                actor=office,
                org=org,
                parsed=parse_plan(text),
                source_name=f"{year}年法治政府建设工作要点.txt",
                on=issued,
            )
        plans += 1
        tasks += plan.tasks.count()
        for a in (
            Assignment.objects.filter(task__plan=plan)
            .select_related("unit", "task")
            .order_by("task__number", "id")
        ):
            shares += 1
            _progress(ctx, a, office, ctx.user(a.unit, "clerk", "office"))
    overdue = Assignment.objects.filter(org__path__startswith=city.path, due__lt=ctx.today).exclude(
        status=Status.DONE
    )
    return f"工作要点 {plans} 份、任务 {tasks} 项、分工 {shares} 件（逾期未完成 {overdue.count()} 件）"
