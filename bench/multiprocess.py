"""The pieces of scripts/multiprocess-test that are Python: what the load needs from the database before it starts,
the accounting of the background jobs after it, and the figures it prints.

    python bench/multiprocess.py prepare --run RUN --password PW --out CONFIG.json   # tokens, ids, pages
    python bench/multiprocess.py jobs --run RUN --wait SECONDS --out JOBS.json        # after the load
    python bench/multiprocess.py summary --dir OUT                                    # the figures

`prepare` and `jobs` run Django on FAZHI_DATABASE_URL (the primary); `summary` reads only the files the run left in
OUT: locust's CSV (`locust_stats.csv`), haproxy's request log (`haproxy.log`, one line per request:
`<accept time> <server> <status> <termination state> <total ms> <method> <path>`), `kills.json` (which server and
worker were killed when) and `jobs.json`. The parsing and counting functions below have no Django in them and are
tested in tests/core/test_multiprocess_pieces.py.

What the run proves, and how it is counted:
- requests and p50/p95 from locust's aggregated row (every request of every user, through haproxy);
- errors: every failure locust saw; those that were in flight on the killed app server (haproxy accepted them
  before the kill, on that server, and they ended in a 5xx or an aborted response after it) are counted apart from
  all the others, which should be 0;
- jobs: every import the users uploaded during the load is an ImportJob whose file name carries the run and a
  token that is also written into each of its rows (被申请复议的行政行为 = "mp-<run>-<token>·<i>"). After the queue drains,
  a job is done (all its rows exist exactly once), failed with the reason the worker's death leaves
  (导入进程意外中止, and none of its rows exist: all-or-nothing), failed otherwise, or still pending/running (lost).
  Rows found more than once, or rows of a failed job, are a job run twice (or half) with a visible effect.
  Cases registered through the API carry a token each too, and none may exist twice.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

IMPORT_APP = "reconsideration"
IMPORT_ROWS = 20  # rows per uploaded file
KILLED_REASON_PREFIX = "导入进程意外中止"
SERVER_ERROR = 500


# -- pure pieces (no Django) ---------------------------------------------------------------------------------
def job_file_name(run: str, token: str, rows: int = IMPORT_ROWS) -> str:
    """The uploaded file's name: the run, the job's token and its row count, read back by `parse_job_file_name`."""
    return f"mp-{run}-{token}-{rows}.xlsx"


def parse_job_file_name(name: str, run: str) -> tuple[str, int] | None:
    prefix = f"mp-{run}-"
    if not (name.startswith(prefix) and name.endswith(".xlsx")):
        return None
    token, _, rows = name[len(prefix) : -len(".xlsx")].rpartition("-")
    if not token or not rows.isdigit():
        return None
    return token, int(rows)


def parse_haproxy_line(line: str) -> dict | None:
    """One request of haproxy's log-format `%Ts.%ms %s %ST %tsc %Ta %HM %HU`, or None for other lines."""
    parts = line.split()
    if len(parts) < 7:
        return None
    try:
        return {
            "at": float(parts[0]),
            "server": parts[1],
            "status": int(parts[2]),
            "term": parts[3],
            "ms": max(0, int(parts[4])),
            "method": parts[5],
            "path": parts[6],
        }
    except ValueError:
        return None


def is_error(rec: dict) -> bool:
    return rec["status"] >= SERVER_ERROR or rec["status"] < 0


def in_flight_on_killed(rec: dict, kills: list[dict], slack: float = 1.0) -> bool:
    """Accepted on a killed server before its kill and still running then: the requests a SIGKILL takes along."""
    for kill in kills:
        if rec["server"] != kill["server"]:
            continue
        start, end = rec["at"], rec["at"] + rec["ms"] / 1000
        if start <= kill["at"] + slack and end >= kill["at"] - slack:
            return True
    return False


def classify_errors(records: list[dict], kills: list[dict]) -> dict:
    errors = [r for r in records if is_error(r)]
    killed = [r for r in errors if in_flight_on_killed(r, kills)]
    others = [r for r in errors if not in_flight_on_killed(r, kills)]
    return {
        "requests": len(records),
        "errors": len(errors),
        "in_flight_on_killed": len(killed),
        "other_errors": len(others),
        "other_samples": [
            f"{r['status']} {r['term']} {r['server']} {r['method']} {r['path']}" for r in others[:10]
        ],
        "by_server": _count(r["server"] for r in records),
    }


def _count(items) -> dict:
    out: dict = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return dict(sorted(out.items()))


def locust_totals(stats_csv: Path) -> dict:
    """The aggregated row of locust's `--csv PREFIX` stats file: requests, failures, p50, p95, requests/s."""
    with open(stats_csv, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    agg = next(r for r in rows if r["Name"] == "Aggregated")

    def num(key: str) -> float:
        value = agg.get(key) or "0"
        return float(value) if value != "N/A" else 0.0

    return {
        "requests": int(num("Request Count")),
        "failures": int(num("Failure Count")),
        "p50_ms": num("50%"),
        "p95_ms": num("95%"),
        "p99_ms": num("99%"),
        "rps": round(num("Requests/s"), 1),
        "by_name": [
            {
                "name": f"{r['Type']} {r['Name']}",
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "p50_ms": r["50%"],
                "p95_ms": r["95%"],
            }
            for r in rows
            if r["Name"] != "Aggregated"
        ],
    }


def client_failures(path: Path, kills: list[dict], slack: float = 1.0) -> dict:
    """The failures the users saw (one JSON line each: start, duration), split into those running when an app
    server was killed and all others. A request's server is unknown to the user, so "running at the kill" is
    the user's side of "in flight on the killed server" (haproxy's log gives the server side)."""
    lines = (
        [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        if path.exists()
        else []
    )
    at_kill = [
        f
        for f in lines
        if any(f["at"] <= k["at"] + slack and f["at"] + f["ms"] / 1000 >= k["at"] - slack for k in kills)
    ]
    others = [f for f in lines if f not in at_kill]
    return {
        "failures": len(lines),
        "running_at_kill": len(at_kill),
        "others": len(others),
        "other_samples": [f"{f['name']}: {f['error'][:140]}" for f in others[:10]],
    }


def locust_failures(failures_csv: Path) -> list[dict]:
    if not failures_csv.exists():
        return []
    with open(failures_csv, newline="", encoding="utf-8") as fh:
        return [
            {"name": f"{r['Method']} {r['Name']}", "error": r["Error"], "count": int(r["Occurrences"])}
            for r in csv.DictReader(fh)
        ]


def job_accounting(jobs: list[dict]) -> dict:
    """`jobs`: one dict per ImportJob of the run: status, error (first message), rows (expected), found (rows
    in the database carrying its token, counted once per row: `found_max` the most copies of any one row)."""
    out = {
        "submitted": len(jobs),
        "done": 0,
        "failed_worker_killed": 0,
        "failed_other": 0,
        "unfinished": 0,
        "rows_missing": 0,
        "run_twice": 0,
        "partial": 0,
        "failed_other_samples": [],
    }
    for job in jobs:
        status = job["status"]
        if status == "done":
            out["done"] += 1
            if job["found"] < job["rows"]:
                out["rows_missing"] += 1
        elif status == "failed":
            if job["error"].startswith(KILLED_REASON_PREFIX):
                out["failed_worker_killed"] += 1
            else:
                out["failed_other"] += 1
                out["failed_other_samples"].append(job["error"][:120])
            if job["found"]:
                out["partial"] += 1
        else:
            out["unfinished"] += 1
        if job["found_max"] > 1:
            out["run_twice"] += 1
    out["failed_other_samples"] = out["failed_other_samples"][:5]
    return out


def verdict(errors: dict, jobs: dict, api: dict, client: dict | None = None) -> list[str]:
    """What failed of the goals (empty: all met)."""
    bad = []
    if errors["other_errors"]:
        bad.append(f"{errors['other_errors']} 个错误不属于被杀应用服务器上在途的请求")
    if client and client["others"]:
        bad.append(f"用户看到 {client['others']} 个与杀进程无关的失败")
    if jobs["unfinished"]:
        bad.append(f"{jobs['unfinished']} 个导入任务丢失（仍在排队或运行）")
    if jobs["run_twice"] or jobs["partial"] or api.get("duplicates"):
        bad.append("有任务或请求被执行两次或只执行了一半（数据库中可见）")
    if jobs["rows_missing"]:
        bad.append(f"{jobs['rows_missing']} 个成功的导入任务缺少行")
    if jobs["failed_other"]:
        bad.append(f"{jobs['failed_other']} 个导入任务因其他原因失败")
    return bad


def summary_text(
    params: dict, loc: dict, errors: dict, fails: list[dict], jobs: dict, api: dict, client: dict
) -> str:
    lines = [
        "== multiprocess test ==",
        "load: {users} users for {duration} s, demo scale {scale} ({cases} 行政复议 cases); killed at {kill_after} s: app server {server}, "
        "worker {worker}; both restarted {restart_after} s later".format(**params),
        f"machine load (uptime) before: {params.get('uptime_before', '?')}",
        f"machine load (uptime) after:  {params.get('uptime_after', '?')}",
        f"requests: {loc['requests']} ({loc['rps']}/s), p50 {loc['p50_ms']:g} ms, p95 {loc['p95_ms']:g} ms, "
        f"p99 {loc['p99_ms']:g} ms",
        f"errors seen by the users: {loc['failures']}; at the load balancer: {errors['errors']} 5xx/aborted, "
        f"of which {errors['in_flight_on_killed']} in flight on the killed app server, "
        f"{errors['other_errors']} others",
        f"errors seen by the users, by time: {client['running_at_kill']} running when the app server was killed, "
        f"{client['others']} at other times",
        f"requests per app server: {errors['by_server']}",
    ]
    for f in fails[:10]:
        lines.append(f"  failure ×{f['count']}: {f['name']}: {f['error'][:140]}")
    for s in errors["other_samples"]:
        lines.append(f"  other error at the load balancer: {s}")
    for s in client["other_samples"]:
        lines.append(f"  other failure seen by a user: {s}")
    lines.append(
        "jobs (imports of {rows} rows): submitted {submitted}, done {done}, failed because their worker was "
        "killed {failed_worker_killed}, failed otherwise {failed_other}, lost (never finished) {unfinished}; "
        "run twice with a visible effect {run_twice}, half-applied {partial}, done but rows missing "
        "{rows_missing}".format(rows=IMPORT_ROWS, **jobs)
    )
    for s in jobs["failed_other_samples"]:
        lines.append(f"  failed job: {s}")
    lines.append(
        f"API case registrations: {api.get('registered', 0)} in the database, "
        f"{api.get('duplicates', 0)} registered twice"
    )
    bad = verdict(errors, jobs, api, client)
    lines.append("RESULT: " + ("goals met" if not bad else "; ".join(bad)))
    return "\n".join(lines)


def summarize(out_dir: Path) -> tuple[str, bool]:
    params = json.loads((out_dir / "params.json").read_text(encoding="utf-8"))
    kills = json.loads((out_dir / "kills.json").read_text(encoding="utf-8"))
    loc = locust_totals(out_dir / "locust_stats.csv")
    fails = locust_failures(out_dir / "locust_failures.csv")
    with open(out_dir / "haproxy.log", encoding="utf-8", errors="replace") as fh:
        records = [r for r in map(parse_haproxy_line, fh) if r is not None]
    app_kills = [k for k in kills if k.get("kind") == "app"]
    errors = classify_errors(records, app_kills)
    client = client_failures(out_dir / "failures.jsonl", app_kills)
    data = json.loads((out_dir / "jobs.json").read_text(encoding="utf-8"))
    jobs = job_accounting(data["jobs"])
    text = summary_text(params, loc, errors, fails, jobs, data["api"], client)
    result = {
        "params": params,
        "locust": loc,
        "errors": errors,
        "client": client,
        "jobs": jobs,
        "api": data["api"],
    }
    (out_dir / "summary.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return text, not verdict(errors, jobs, data["api"], client)


# -- pieces on the database (Django) -------------------------------------------------------------------------
def _django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import _setup  # noqa: F401  (Django set up on import)


def prepare(run: str, password: str) -> dict:
    """Everything the users of the load need: logins, API tokens, the ids they act on, the pages they read."""
    _django()
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from fazhi.core.contract import domain_apps
    from fazhi.core.services import issue_token
    from fazhi.reconsideration.models import ReconsiderationCase
    from fazhi.reports.models import AnnualReport

    users = get_user_model().objects
    office, reviewer = users.get(username="fzb"), users.get(username="fuyi")
    case = ReconsiderationCase.objects.filter(org__code=office.memberships.first().org.code).order_by("-id")
    sample = case.first() or ReconsiderationCase.objects.order_by("-id").first()
    if sample is None:
        raise SystemExit("the demo has no 行政复议 case: load it first (fazhi demo --no-serve)")
    _, key = issue_token(owner=reviewer, name=f"多进程测试 {run}", actor=reviewer)
    cases = list(
        ReconsiderationCase.objects.filter(org=sample.org).order_by("-id").values_list("id", flat=True)[:200]
    )
    pages = ["/", reverse("indicators:dashboard"), "/due/"]
    pages += [f"/{cfg.url_prefix}" for cfg in domain_apps() if cfg.url_prefix]
    pages += ["/reconsideration/?q=张", "/reconsideration/?q=无此人"]
    reports = list(AnnualReport.objects.order_by("-year").values_list("id", flat=True)[:3])
    return {
        "run": run,
        "password": password,
        "readers": ["fzb", "lingdao", "fuyi"],
        "importer": "fuyi",
        "token": key,
        "org_id": sample.org_id,
        "respondent_id": sample.respondent_id,
        "org_name": sample.org.name,
        "respondent_name": sample.respondent.name,
        "case_ids": cases,
        "pages": pages,
        "reports": reports,
        "import_app": IMPORT_APP,
        "import_rows": IMPORT_ROWS,
        "import_headers": _import_headers(),
    }


def _import_headers() -> list[str]:
    from fazhi.reconsideration.importers import ReconsiderationImporter

    return [c.header for c in ReconsiderationImporter.columns]


def collect_jobs(run: str, wait: float) -> dict:
    """After the load: wait until no job of the run is pending or running (at most `wait` seconds; the worker's
    sweeper marks the jobs of a dead worker failed after FAZHI_JOB_STALE_SECONDS), then count."""
    _django()
    from django.db.models import Count

    from fazhi.core.models import ImportJob
    from fazhi.reconsideration.models import ReconsiderationCase

    mine = ImportJob.objects.filter(filename__startswith=f"mp-{run}-")
    open_states = [ImportJob.State.PENDING, ImportJob.State.RUNNING]
    deadline = time.monotonic() + wait
    while mine.filter(status__in=open_states).exists() and time.monotonic() < deadline:
        time.sleep(2)
    cases = ReconsiderationCase.objects.filter(act_description__startswith=f"mp-{run}-")
    copies = {
        row["act_description"]: row["n"]
        for row in cases.values("act_description").annotate(n=Count("id")).order_by()
    }
    jobs = []
    for job in mine.order_by("id"):
        parsed = parse_job_file_name(job.filename, run)
        if parsed is None:
            continue
        token, rows = parsed
        found = [copies.get(f"mp-{run}-{token}·{i}", 0) for i in range(rows)]
        jobs.append(
            {
                "id": job.pk,
                "token": token,
                "status": job.status,
                "error": (job.errors[0].get("message", "") if job.errors else ""),
                "rows": rows,
                "found": sum(1 for n in found if n),
                "found_max": max(found, default=0),
            }
        )
    api = [d for d in copies if d.startswith(f"mp-{run}-api-")]
    return {
        "jobs": jobs,
        "api": {"registered": len(api), "duplicates": sum(1 for d in api if copies[d] > 1)},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--run", required=True)
    p.add_argument("--password", default=os.environ.get("FAZHI_DEMO_PASSWORD", ""))
    p.add_argument("--out", required=True)
    j = sub.add_parser("jobs")
    j.add_argument("--run", required=True)
    j.add_argument("--wait", type=float, default=300)
    j.add_argument("--out", required=True)
    s = sub.add_parser("summary")
    s.add_argument("--dir", required=True)
    args = ap.parse_args()
    if args.cmd == "prepare":
        data = prepare(args.run, args.password)
        Path(args.out).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif args.cmd == "jobs":
        data = collect_jobs(args.run, args.wait)
        Path(args.out).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        text, ok = summarize(Path(args.dir))
        print(text)
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
