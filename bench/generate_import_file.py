"""Write a deterministic 行政复议 import file: `python bench/generate_import_file.py N OUT.xlsx [--seed S]`.

The rows use the org tree in `ORG_TREE` (create it with `ensure_orgs()`, as bench/import_speed.py does) and
mix the final states an office's history holds: closed with a decision, decided, 不予受理, 视为放弃, still
in hearing, just received; 80 % carry a case number, the rest are numbered on import; one date in ten is a
'YYYY年M月D日' string instead of a date cell. Same N and seed, same file."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time

os.environ.setdefault("FAZHI_VAR_DIR", os.path.join(tempfile.gettempdir(), "fazhi-bench-import"))

from _setup import django  # noqa: E402,F401  (Django set up on import)

from fazhi.law.choices import ActType  # noqa: E402
from fazhi.reconsideration.choices import ApplicantKind, Decision, Procedure, TerminationReason  # noqa: E402
from fazhi.reconsideration.importers import ReconsiderationImporter  # noqa: E402

# (code, name, case-number prefix) of each jurisdiction; each gets the same departments.
ORG_TREE = [
    ("629900", "河清州", "河清州府复"),
    ("629901", "河清市", "河清市府复"),
    ("629921", "东乡县", "东乡县府复"),
    ("629922", "南川县", "南川县府复"),
    ("629923", "西岭县", "西岭县府复"),
]
UNITS = [
    ("01", "公安局"),
    ("02", "司法局"),
    ("03", "自然资源局"),
    ("04", "市场监督管理局"),
    ("05", "人力资源和社会保障局"),
    ("06", "住房和城乡建设局"),
    ("07", "生态环境局"),
    ("08", "交通运输局"),
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰小红海燕"
ACTS = {
    ActType.PENALTY: ["罚款决定", "责令停产停业", "没收违法所得", "行政拘留"],
    ActType.LICENSE: ["不予许可决定", "撤销许可决定"],
    ActType.COERCION: ["查封场所设施", "扣押财物"],
    ActType.EXPROPRIATION: ["房屋征收补偿决定"],
    ActType.CONFIRMATION: ["工伤认定决定", "不动产登记"],
    ActType.INACTION: ["未履行查处职责", "未答复举报"],
    ActType.DISCLOSURE: ["政府信息公开答复"],
    ActType.AGREEMENT: ["解除征收补偿协议"],
    ActType.OTHER: ["其他行政行为"],
}
DECISIONS = [
    (Decision.UPHOLD, 40),
    (Decision.DISMISS_CLAIM, 18),
    (Decision.REVOKE, 10),
    (Decision.CONFIRM_ILLEGAL, 6),
    (Decision.ALTER, 3),
    (Decision.ORDER_PERFORMANCE, 4),
    (Decision.DISMISS_APPLICATION, 5),
    (Decision.MEDIATION, 4),
    (Decision.TERMINATE, 10),
]
FIRST_DAY = dt.date(2019, 1, 2)
LAST_DAY = dt.date(2025, 9, 30)


def unit_code(jurisdiction_code: str, suffix: str) -> str:
    return f"{jurisdiction_code}{suffix}"


def ensure_orgs() -> None:
    """Create ORG_TREE (idempotent): the 州 as root, the counties under it, each with its departments."""
    from fazhi.core import numbering
    from fazhi.core.choices import OrgKind
    from fazhi.core.models import Org

    root_code, root_name, root_prefix = ORG_TREE[0]
    root, created = Org.objects.get_or_create(
        code=root_code, defaults={"name": root_name, "kind": OrgKind.CITY}
    )
    if created:
        numbering.set_prefix(root, "reconsideration", root_prefix)
    for code, name, prefix in ORG_TREE:
        if code == root_code:
            j = root
        else:
            j, created = Org.objects.get_or_create(
                code=code, defaults={"name": name, "kind": OrgKind.COUNTY, "parent": root}
            )
            if created:
                numbering.set_prefix(j, "reconsideration", prefix)
        for suffix, unit in UNITS:
            Org.objects.get_or_create(
                code=unit_code(code, suffix),
                defaults={"name": f"{name}{unit}", "kind": OrgKind.UNIT, "parent": j},
            )


def _day(rng: random.Random, start: dt.date, lo: int, hi: int) -> dt.date:
    return min(start + dt.timedelta(days=rng.randint(lo, hi)), LAST_DAY)


def rows(n: int, seed: int):
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days - 200
    seqs: dict[tuple[str, int], int] = {}
    decisions = [d for d, w in DECISIONS for _ in range(w)]
    act_types = list(ACTS)
    for i in range(n):
        jcode, jname, prefix = ORG_TREE[rng.randrange(len(ORG_TREE))]
        suffix, unit = UNITS[rng.randrange(len(UNITS))]
        received = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        act_type = act_types[rng.randrange(len(act_types))]
        procedure = Procedure.SIMPLIFIED if rng.random() < 0.15 else Procedure.ORDINARY
        applicants = ["".join((rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)))]
        if rng.random() < 0.1:
            applicants.append(rng.choice(SURNAMES) + rng.choice(GIVEN))
        kind = ApplicantKind.LEGAL if rng.random() < 0.12 else ApplicantKind.PERSON
        if kind == ApplicantKind.LEGAL:
            applicants = [f"{jname}{rng.choice(SURNAMES)}{rng.choice(GIVEN)}商贸有限公司"]
        notice = corrected = accepted = rejected = copy_on = replied = None
        decided = closed = None
        decision = reason = note = approver = ""
        ext_days = 0
        ext_on = None
        state = rng.random()
        abandon = 0.86 <= state < 0.88
        if rng.random() < 0.1 or abandon:
            notice = _day(rng, received, 1, 5)
            if not abandon:
                corrected = _day(rng, notice, 2, 9)
        review_from = corrected or received
        if state < 0.8:  # decided (and mostly closed)
            accepted = _day(rng, review_from, 1, 6)
            copy_on = _day(rng, accepted, 1, 7)
            replied = _day(rng, copy_on, 1, 9)
            if procedure == Procedure.ORDINARY and rng.random() < 0.08:
                ext_days = rng.choice((10, 15, 20, 30))
                ext_on = _day(rng, accepted, 40, 55)
                approver = rng.choice(SURNAMES) + rng.choice(GIVEN)
            decision = decisions[rng.randrange(len(decisions))]
            if decision == Decision.TERMINATE:
                reason = rng.choice(
                    (
                        TerminationReason.WITHDRAWN,
                        TerminationReason.SETTLED_WITHDRAWN,
                        TerminationReason.WITHDRAWN,
                    )
                )
            decided = _day(rng, replied, 5, 50)
            note = "经审查，" + Decision(decision).label + "。"
            if state < 0.72:
                closed = _day(rng, decided, 1, 20)
        elif state < 0.86:  # 不予受理
            rejected = _day(rng, review_from, 1, 5)
            closed = rejected if rng.random() < 0.5 else None
        elif abandon:  # 视为放弃: notified, no materials, closed after the 补正 period
            closed = _day(rng, notice, 30, 40)
        elif state < 0.95:  # still in hearing
            accepted = _day(rng, review_from, 1, 6)
            if rng.random() < 0.7:
                copy_on = _day(rng, accepted, 1, 7)
                if rng.random() < 0.6:
                    replied = _day(rng, copy_on, 1, 9)
        # else: received only (under review)
        number = ""
        if rng.random() < 0.8:
            key = (jcode, received.year)
            seqs[key] = seqs.get(key, 0) + 1
            number = f"{prefix}〔{received.year}〕{seqs[key]}号"
        act = rng.choice(ACTS[act_type])
        as_text = rng.random() < 0.1

        def d(value, as_text=as_text):
            if value is None:
                return None
            return f"{value.year}年{value.month}月{value.day}日" if as_text else value

        yield [
            number,
            jname,
            f"{jname}{unit}",
            ActType(act_type).label,
            "",
            f"{jname}{unit}作出的{act}（第{i + 1}号）",
            rng.choice(("当面递交", "邮寄", "网上申请", "")),
            "、".join(applicants),
            ApplicantKind(kind).label,
            Procedure(procedure).label,
            d(received),
            d(notice),
            d(corrected),
            d(accepted),
            d(rejected),
            d(copy_on),
            d(replied),
            ext_days or None,
            d(ext_on),
            approver,
            Decision(decision).label if decision else "",
            TerminationReason(reason).label if reason else "",
            d(decided),
            d(closed),
            note,
        ]


def write(n: int, out: str, seed: int = 20240101) -> None:
    from openpyxl import Workbook

    headers = [c.header for c in ReconsiderationImporter.columns]
    assert len(headers) == 25, "generator columns out of step with the importer"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(ReconsiderationImporter.sheet_name)
    ws.append(headers)
    for row in rows(n, seed):
        ws.append(row)
    info = wb.create_sheet("说明")
    info.append([f"bench/generate_import_file.py 生成的测试数据：{n} 行，seed={seed}"])
    wb.save(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20240101)
    args = ap.parse_args()
    t = time.perf_counter()
    write(args.n, args.out, args.seed)
    size = os.path.getsize(args.out)
    print(
        f"{args.out}: {args.n} rows, {size / 1024 / 1024:.1f} MB, {time.perf_counter() - t:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
