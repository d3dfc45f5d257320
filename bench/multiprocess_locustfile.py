"""The users of scripts/multiprocess-test (locust): office staff reading pages, API clients reading and acting on
行政复议 cases, clerks importing Excel files and waiting for the job, and readers of the annual report's PDF.

The configuration comes from FAZHI_MP_CONFIG (written by `bench/multiprocess.py prepare`). Every request goes
through the load balancer; a user never retries, so one request in flight on a killed server is one failure.
Every imported row and every case registered through the API carries a token of this run (see
bench/multiprocess.py), which the accounting after the load looks for in the database."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, between, events, task

CONFIG = json.loads(open(os.environ["FAZHI_MP_CONFIG"], encoding="utf-8").read())  # noqa: SIM115
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
JOB = re.compile(r"/import/jobs/(\d+)/")
IMPORT_POLL_SECONDS = 2.0
IMPORT_WAIT_SECONDS = 180.0
BEIJING = dt.timezone(dt.timedelta(hours=8))


def today() -> dt.date:
    return dt.datetime.now(tz=BEIJING).date()


FAILURES = os.environ.get("FAZHI_MP_FAILURES", "")


@events.request.add_listener
def _failure(request_type, name, response_time, exception, start_time=None, **kwargs) -> None:
    """Each failure with its start and duration (locust's own CSV has counts only), for the accounting."""
    if exception is None or not FAILURES:
        return
    line = {"at": start_time or time.time(), "ms": response_time or 0, "name": f"{request_type} {name}"}
    line["error"] = repr(exception)[:300]
    with open(FAILURES, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def token() -> str:
    return uuid.uuid4().hex[:12]


class WebUser(HttpUser):
    """A browser session: logs in through the login form once (CSRF cookie and token, as a browser does)."""

    abstract = True
    username = "fzb"

    def on_start(self) -> None:
        page = self.client.get("/login/", name="login page")
        match = CSRF.search(page.text)
        response = self.client.post(
            "/login/",
            {
                "username": self.username,
                "password": CONFIG["password"],
                "csrfmiddlewaretoken": match.group(1) if match else "",
            },
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login of {self.username} failed: {response.status_code}")

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")


class PageReader(WebUser):
    """Lists, the dashboard, case pages and searches, as the office and the leadership use them."""

    weight = 10
    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.username = random.choice(CONFIG["readers"])
        super().on_start()

    @task(6)
    def page(self) -> None:
        self.client.get(random.choice(CONFIG["pages"]), name="page")

    @task(3)
    def case_page(self) -> None:
        self.client.get(f"/reconsideration/{random.choice(CONFIG['case_ids'])}/", name="case page")


class ApiClient(HttpUser):
    """A system integrating through the JSON API with a bearer token: reads, registers cases, acts on them."""

    weight = 6
    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Bearer {CONFIG['token']}"
        self.mine: list[int] = []

    @task(5)
    def read(self) -> None:
        self.client.get("/api/reconsideration/cases?size=20", name="api list")
        self.client.get(f"/api/reconsideration/cases/{random.choice(CONFIG['case_ids'])}", name="api case")

    @task(2)
    def register_and_accept(self) -> None:
        received = today() - dt.timedelta(days=3)
        response = self.client.post(
            "/api/reconsideration/cases",
            json={
                "org_id": CONFIG["org_id"],
                "respondent_id": CONFIG["respondent_id"],
                "received_on": received.isoformat(),
                "applicants": [{"name": "测试申请人"}],
                "act_type": "penalty",
                "act_description": f"mp-{CONFIG['run']}-api-{token()}",
            },
            name="api register",
        )
        if response.status_code != 201:
            return
        case = response.json()
        self.client.post(
            f"/api/reconsideration/cases/{case['id']}/actions/accept",
            json={"accepted_on": today().isoformat(), "procedure": "ordinary"},
            name="api action accept",
        )


class Importer(WebUser):
    """Uploads a small Excel file of 行政复议 cases and polls its job until it is finished."""

    fixed_count = 6
    wait_time = between(5, 15)

    def on_start(self) -> None:
        self.username = CONFIG["importer"]
        super().on_start()

    def workbook(self, tok: str) -> bytes:
        from openpyxl import Workbook

        headers = CONFIG["import_headers"]
        wb = Workbook()
        ws = wb.active
        ws.title = "复议案件"
        ws.append(headers)
        received = today() - dt.timedelta(days=10)
        for i in range(CONFIG["import_rows"]):
            row = dict.fromkeys(headers, None)
            row.update(
                {
                    "复议机关": CONFIG["org_name"],
                    "被申请人": CONFIG["respondent_name"],
                    "行为类别": "行政处罚",
                    "被申请复议的行政行为": f"mp-{CONFIG['run']}-{tok}·{i}",
                    "申请人": f"导入申请人{i}",
                    "收到申请日期": received,
                }
            )
            ws.append([row[h] for h in headers])
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    @task
    def import_file(self) -> None:
        tok = token()
        name = f"mp-{CONFIG['run']}-{tok}-{CONFIG['import_rows']}.xlsx"
        app = CONFIG["import_app"]
        self.client.get(f"/import/{app}/", name="import page")
        response = self.client.post(
            f"/import/{app}/",
            data={"csrfmiddlewaretoken": self.csrf()},
            files={"file": (name, self.workbook(tok), "application/octet-stream")},
            headers={"Referer": f"{self.host}/import/{app}/"},
            name="import upload",
            allow_redirects=False,
        )
        match = JOB.search(response.headers.get("Location", ""))
        if response.status_code != 302 or not match:
            return
        deadline = time.monotonic() + IMPORT_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(IMPORT_POLL_SECONDS)
            poll = self.client.get(f"/import/jobs/{match.group(1)}/?format=json", name="import job")
            if poll.status_code == 200 and poll.json().get("finished"):
                return


class ReportReader(WebUser):
    """Downloads the annual report as PDF (LibreOffice renders the draft; seconds of CPU per download)."""

    fixed_count = 2  # each download holds a server thread for seconds of LibreOffice
    wait_time = between(20, 40)

    @task
    def pdf(self) -> None:
        if CONFIG["reports"]:
            self.client.get(
                f"/reports/annual/{random.choice(CONFIG['reports'])}/download.pdf", name="report pdf"
            )
