"""The draft pre-check at the size the issue names (issue 11 §1: a 30-page draft ≤ 1 s): clause splitting and every
rule on a draft of --pages pages (about 800 characters a page, 第X条 with 款 and 项, one clause in six carrying
a trigger), through `precheck` (the CLI and the review page call the same function) and `annotated` (the page's
clause table with its marks).

    python bench/precheck_speed.py --pages 30 --repeat 20
"""

from __future__ import annotations

import argparse
import random

from _setup import summary, timed

from fazhi.legality.precheck import annotated, precheck

PLAIN = [
    "县人民政府有关部门应当按照各自职责做好相关工作，加强协调配合。",
    "乡镇人民政府、街道办事处应当做好本辖区内的宣传引导和日常巡查工作。",
    "鼓励社会组织、志愿者参与相关公益活动，所需经费列入部门预算。",
    "有关单位应当建立健全工作台账，定期向主管部门报送工作情况。",
    "违反本办法规定的，依照《中华人民共和国行政处罚法》等法律、法规的规定处理。",
]
FLAGGED = [
    "从事经营活动的，须经县主管部门审批。",
    "逾期不改正的，由主管部门处以1000元以上5000元以下罚款。",
    "申请人还须提供社区居委会开具的证明。",
    "参与项目建设的企业须在本县注册登记并纳税。",
    "物业服务企业应当缴纳10万元保证金。",
]


def draft(pages: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines, size, article = ["澜川县××管理办法（送审稿）"], 0, 0
    while size < pages * 800:
        article += 1
        body = rng.choice(FLAGGED) if rng.random() < 1 / 6 else rng.choice(PLAIN)
        lines.append(f"第{article}条 {body}")
        for _ in range(rng.randint(0, 2)):
            lines.append(rng.choice(PLAIN))
        if rng.random() < 0.2:
            lines += [f"（{'一二三'[i]}）{rng.choice(PLAIN)}" for i in range(3)]
        size = sum(len(x) for x in lines)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    text = draft(args.pages)
    result = precheck(text)
    print(
        f"draft: {args.pages} pages, {len(text)} characters, {result['clauses']} clauses, {len(result['flags'])} flags"
    )
    print(summary("precheck (CLI, JSON)", timed(lambda: precheck(text), args.repeat), 1000))
    print(summary("annotated (review page table)", timed(lambda: annotated(text), args.repeat), 1000))


if __name__ == "__main__":
    main()
