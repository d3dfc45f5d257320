"""The counting of scripts/multiprocess-test (bench/multiprocess.py): which errors were in flight on the killed app
server, locust's aggregated figures, and the accounting of the import jobs. The run itself is a bench (README)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("mp_bench", ROOT / "bench" / "multiprocess.py")
mp = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(mp)

HEAD = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
    "99.99%,100%"
)
KILL = [{"kind": "app", "server": "app1", "at": 1000.0}]


def rec(at, server="app1", status=200, ms=50, term="----"):
    return {
        "at": at,
        "server": server,
        "status": status,
        "term": term,
        "ms": ms,
        "method": "GET",
        "path": "/",
    }


def test_haproxy_line_parsed_and_other_lines_ignored():
    line = "1765094400.123 app2 502 SH-- 1520 POST /api/reconsideration/cases\n"
    assert mp.parse_haproxy_line(line) == {
        "at": 1765094400.123,
        "server": "app2",
        "status": 502,
        "term": "SH--",
        "ms": 1520,
        "method": "POST",
        "path": "/api/reconsideration/cases",
    }
    assert mp.parse_haproxy_line("[NOTICE]   (1) : New worker (2) forked\n") is None
    assert mp.parse_haproxy_line("") is None
    # A request refused before any server was chosen: haproxy writes -1 for the status and the time.
    assert mp.parse_haproxy_line("1.000 <NOSRV> -1 CR-- -1 GET /")["ms"] == 0


def test_errors_in_flight_on_the_killed_server_are_counted_apart():
    records = [
        rec(999.0, ms=2000, status=502, term="SH--"),  # running at the kill on app1: in flight
        rec(999.9, ms=100, status=-1, term="SD--"),  # ended with the kill (within the slack)
        rec(990.0, ms=100, status=500),  # an error on app1 long before the kill: not excused
        rec(999.0, server="app2", ms=2000, status=502),  # same time, the server that lived: not excused
        rec(1005.0, ms=10, status=503),  # after the kill, on app1: not excused (haproxy should redispatch)
        rec(999.0, ms=2000),  # in flight but it succeeded: no error at all
        rec(1001.0, server="app2"),
    ]
    out = mp.classify_errors(records, KILL)
    assert out["requests"] == 7
    assert out["errors"] == 5
    assert out["in_flight_on_killed"] == 2
    assert out["other_errors"] == 3
    assert out["by_server"] == {"app1": 5, "app2": 2}
    assert len(out["other_samples"]) == 3


def test_locust_aggregated_row(tmp_path):
    stats = tmp_path / "locust_stats.csv"
    stats.write_text(
        HEAD
        + "\nGET,page,100,2,120,150,10,900,5000,3.3,0.1,120,130,140,150,200,300,400,500,800,900,900"
        + "\n,Aggregated,160,3,110,140,8,900,4000,5.33333,0.1,110,130,140,150,200,290,400,480,800,900,900\n",
        encoding="utf-8",
    )
    out = mp.locust_totals(stats)
    assert (out["requests"], out["failures"], out["p50_ms"], out["p95_ms"], out["p99_ms"], out["rps"]) == (
        160,
        3,
        110.0,
        290.0,
        480.0,
        5.3,
    )
    assert out["by_name"] == [
        {"name": "GET page", "requests": 100, "failures": 2, "p50_ms": "120", "p95_ms": "300"}
    ]
    assert mp.locust_failures(tmp_path / "missing.csv") == []


def job(status="done", error="", rows=20, found=20, found_max=1):
    return {"status": status, "error": error, "rows": rows, "found": found, "found_max": found_max}


def test_job_accounting_names_each_outcome():
    jobs = [
        job(),
        job(),
        job("failed", "导入进程意外中止，请重新导入", found=0, found_max=0),
        job("failed", "第3行：日期格式不对", found=0, found_max=0),
        job("running", found=0, found_max=0),
        job(found=20, found_max=2),  # a row written twice
        job("failed", "导入进程意外中止，请重新导入", found=5, found_max=1),  # half written
        job(found=19),
    ]
    out = mp.job_accounting(jobs)
    assert out["submitted"] == 8
    assert out["done"] == 4
    assert out["failed_worker_killed"] == 2
    assert out["failed_other"] == 1
    assert out["failed_other_samples"] == ["第3行：日期格式不对"]
    assert out["unfinished"] == 1
    assert out["run_twice"] == 1
    assert out["partial"] == 1
    assert out["rows_missing"] == 1
    assert len(mp.verdict({"other_errors": 0}, out, {"duplicates": 0})) == 4


def test_job_file_names_round_trip():
    name = mp.job_file_name("20261207", "ab12cd", 20)
    assert mp.parse_job_file_name(name, "20261207") == ("ab12cd", 20)
    assert mp.parse_job_file_name(name, "20261208") is None
    assert mp.parse_job_file_name("mp-20261207-x.xlsx", "20261207") is None


def test_summary_of_a_clean_run(tmp_path):
    (tmp_path / "params.json").write_text(
        json.dumps(
            {
                "scale": "1",
                "cases": 900,
                "users": 50,
                "duration": 60,
                "kill_after": 30,
                "restart_after": 5,
                "server": "app1",
                "worker": "worker1",
            }
        )
    )
    (tmp_path / "kills.json").write_text(json.dumps(KILL))
    (tmp_path / "locust_stats.csv").write_text(
        HEAD + "\n,Aggregated,3,1,110,140,8,900,4000,5,0.1,110,130,140,150,200,290,400,480,800,900,900\n"
    )
    (tmp_path / "haproxy.log").write_text(
        "999.000 app1 502 SH-- 2000 GET /\n1001.000 app2 200 ---- 20 GET /\n1002.000 app2 200 ---- 20 GET /\n"
    )
    (tmp_path / "jobs.json").write_text(
        json.dumps({"jobs": [job()], "api": {"registered": 4, "duplicates": 0}}), encoding="utf-8"
    )
    text, ok = mp.summarize(tmp_path)
    assert ok, text
    assert "1 in flight on the killed app server, 0 others" in text
    assert "submitted 1, done 1" in text
    assert "RESULT: goals met" in text
    assert json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["jobs"]["done"] == 1


def test_script_help_and_options():
    script = ROOT / "scripts" / "multiprocess-test"
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
    out = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True).stdout
    assert "--scale" in out and "--quick" in out
    bad = subprocess.run([str(script), "--nope"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2


@pytest.mark.parametrize("name", ["multiprocess.py", "multiprocess_locustfile.py"])
def test_bench_files_compile(name):
    compile((ROOT / "bench" / name).read_text(encoding="utf-8"), name, "exec")


def test_client_failures_split_by_the_time_of_the_kill(tmp_path):
    path = tmp_path / "failures.jsonl"
    lines = [
        {"at": 998.0, "ms": 3000, "name": "GET page", "error": "RemoteDisconnected()"},  # running at the kill
        {"at": 1000.5, "ms": 10, "name": "GET page", "error": "HTTPError(502)"},  # within the slack
        {"at": 900.0, "ms": 10, "name": "POST login", "error": "HTTPError(403)"},  # long before: counted
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = mp.client_failures(path, KILL)
    assert (out["failures"], out["running_at_kill"], out["others"]) == (3, 2, 1)
    assert out["other_samples"] == ["POST login: HTTPError(403)"]
    assert mp.client_failures(tmp_path / "none.jsonl", KILL)["failures"] == 0
    errors = {"other_errors": 0}
    jobs = mp.job_accounting([])
    assert mp.verdict(errors, jobs, {}, out) == ["用户看到 1 个与杀进程无关的失败"]
