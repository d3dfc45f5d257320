"""`fazhi serve --production`: gunicorn with two workers answers, serves collected static files, and /metrics
adds up the request figures of both workers whichever one answers the scrape (prometheus-client's
multiprocess directory)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

SECRET = "Zq7-vN2xP9_kLm4Rt8yWb3Hc6Jd1Fs5Ge0Ua-iOpQwErTyUiOpAsDfGhJkL"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str, dict]:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.status, response.read().decode(), dict(response.headers)


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_", "PROMETHEUS_"))}
    env.update(
        FAZHI_ENV="production", FAZHI_SECRET_KEY=SECRET, FAZHI_HTTPS="false", FAZHI_VAR_DIR=str(tmp_path)
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fazhi",
            "serve",
            "--production",
            "--no-worker",
            "--workers",
            "2",
            "--port",
            str(port),
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            _get(base + "/healthz")
            break
        except OSError:
            time.sleep(0.3)
    try:
        yield base, tmp_path
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        assert proc.returncode == 0, out
        assert out.count("Booting worker with pid") >= 2, out


def test_gunicorn_serves_and_metrics_add_up_across_workers(server):
    base, var = server
    status, body, headers = _get(base + "/healthz")
    assert (status, body) == (200, '{"status": "ok"}')
    assert headers["Server"] == "gunicorn"
    # collectstatic ran into FAZHI_VAR_DIR/static, and WhiteNoise serves from there (finders are off).
    assert (var / "static" / "fazhi" / "favicon.svg").exists()
    assert _get(base + "/static/fazhi/favicon.svg")[0] == 200
    requests = 20
    for _ in range(requests):
        assert _get(base + "/login/")[0] == 200  # a new connection each time: both workers answer some
    pattern = re.compile(
        r'^fazhi_http_request_duration_seconds_count\{method="GET",status="200",view="login"\} (\S+)$', re.M
    )
    for _ in range(4):
        [count] = pattern.findall(_get(base + "/metrics")[1])
        assert float(count) == requests
