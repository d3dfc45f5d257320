"""The demo city's annual report on last year, as its author would finish it: the year's figures locked, the
draft generated from the records, each 【待补充：…】 gap written by the author, the 签发人 and dates set, and the
report published through the builder's services (the office's numbering gives the 文号; publication locks the
period), so the portal's 年度报告 and 数据开放 have something to show.

What the author writes is marked as demo prose (DEMO_MARK) and is qualitative: every figure in the report is one of
the draft's, computed from the records."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.core.public import section_url
from fazhi.core.reportfacts import TOPICS
from fazhi.indicators.locks import lock_period
from fazhi.portal.sections import REPORTS
from fazhi.reports.builder import draft as drafting
from fazhi.reports.builder.services import create_report, publish_report, update_report
from fazhi.reports.models import AnnualReport

from . import city

DEMO_MARK = "（演示文字）"
AUTHOR = "fzb"  # the city's 法治办 (city.DEMO_USERS)
SIGNER = "郑国栋"  # the demo city's mayor (fictional)

# The author's prose for each kind of gap, by the topic the draft asks for (core/reportfacts.TOPICS) or by words
# of the gap's text. No digits: the author writes how the work went, the records give the figures.
BY_TOPIC: dict[str, str] = {
    "work_plan": "年初印发年度法治政府建设工作要点，将各项任务分解到责任单位，逐项明确完成时限。",
    "plan_progress": "对工作要点任务实行清单化管理，定期调度推进情况，对进度滞后的任务及时提醒督办。",
    "inspection": "组织开展法治督察，对督察发现的问题督促责任单位限期整改。",
    "assessment": "将法治政府建设纳入年度综合考核，考评结果作为评价领导班子和领导干部的重要参考。",
    "shufa": "党政主要负责人在年度述职中专题述法，接受评议。",
    "decision_catalog": "编制并向社会公布年度重大行政决策事项目录，实行动态管理。",
    "major_decisions": "重大行政决策履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序。",
    "leader_study": "坚持政府常务会议会前学法制度，组织领导干部集体学习新颁布的法律法规。",
    "study_list": "制定领导干部应知应会法律法规清单，推动领导干部带头尊法学法守法用法。",
    "court_observation": "组织领导干部旁听行政案件庭审，以案释法，增强依法行政意识。",
    "publicity_duty": "落实“谁执法谁普法”普法责任制，各执法部门结合执法办案开展以案释法。",
    "publicity_events": "组织开展宪法宣传周、民法典宣传月等主题普法活动，推动法治宣传进机关、进社区、进企业、进学校。",
    "next_year_plan": "下一年度，将继续深入推进依法行政，重点抓好行政执法规范化建设、行政复议和应诉工作以及法治督察，"
    "不断提升法治政府建设水平。",
}
BY_WORDS: list[tuple[str, str]] = [
    ("简政放权", "持续深化“放管服”改革，动态调整权责清单和行政许可事项清单，推进政务服务“一网通办”。"),
    (
        "三项制度",
        "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，细化行政裁量权基准，规范涉企行政检查。",
    ),
    ("其他不足", "此外，基层法治工作力量仍较薄弱，部分单位运用法治思维和法治方式解决问题的能力有待提高。"),
    (
        "存在的不足",
        "对照法治政府建设要求，仍存在一些不足：部分单位依法行政能力与新形势新要求还有差距，"
        "行政执法规范化水平有待提升。",
    ),
    (
        "原因",
        "究其原因，主要是部分领导干部对法治建设的认识还不够到位，法治专业力量配备不足，制度执行还不够有力。",
    ),
    (
        "第一责任人",
        "政府主要负责人认真履行推进法治建设第一责任人职责，亲自部署重要工作、过问重大问题、协调重要环节、督办重要任务。",
    ),
    ("常务会议", "政府常务会议专题研究法治政府建设工作，听取工作情况汇报，部署推进重点任务。"),
    ("重大行政决策", BY_TOPIC["major_decisions"]),
    ("报送和公开", "上一年度法治政府建设情况报告已按规定报送上级机关，并通过政府门户网站向社会公开。"),
]
SUBHEADING = re.compile(r"^“(.+)”方面的工作情况$")


def prose(what: str) -> str:
    """The author's text for the gap that asks for `what`."""
    for topic, text in BY_TOPIC.items():
        if TOPICS.get(topic) == what:
            return DEMO_MARK + text
    for words, text in BY_WORDS:
        if words in what:
            return DEMO_MARK + text
    m = SUBHEADING.match(what)
    if m:
        return f"{DEMO_MARK}围绕{m.group(1)}，结合本地实际细化措施、压实责任，相关工作有序推进。"
    return f"{DEMO_MARK}有关工作按年度安排有序推进。"


def fill(text: str) -> str:
    return drafting.GAP_RE.sub(lambda m: prose(m.group(1)), text or "")


def dates(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """Signed in March of the next year and published before 4月1日, as the 规定 asks; never after today."""
    signed = min(dt.date(year + 1, 3, 20), today)
    return signed, min(dt.date(year + 1, 3, 27), today)


def publish_last_year(
    *, today: dt.date | None = None, root_code: str = city.CITY.code
) -> AnnualReport | None:
    """Write and publish the root jurisdiction's report on the year before `today`; None when it already exists."""
    today = today or timezone.localdate()
    year = today.year - 1
    org = Org.objects.get(code=root_code)
    if AnnualReport.objects.filter(org=org, year=year).exists():
        return None
    author = get_user_model().objects.get(username=AUTHOR)
    with transaction.atomic():
        lock_period(
            org=org, year=year, actor=author, reason=f"{year}年度法治政府建设情况报告定稿，锁定年度数据"
        )
        report = create_report(org=org, year=year, actor=author)
        signed, published = dates(year, today)
        report = update_report(
            report=report,
            actor=author,
            header={"intro": fill(report.intro), "signer": SIGNER, "signed_on": signed, "print_date": signed},
            sections={s.key: fill(s.text) for s in report.sections.all()},
            version=report.version,
        )
        base = settings.FAZHI_BASE_URL or "http://127.0.0.1:8000"
        return publish_report(
            report=report,
            actor=author,
            published_on=published,
            public_url=base + section_url(org, REPORTS, report.pk),
        )
