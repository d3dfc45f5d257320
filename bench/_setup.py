"""Shared start-up for bench scripts: Django on the database FAZHI_DATABASE_URL names."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

# FAZHI_BENCH_SRC: another source tree to time (a before/after comparison in one run); default this checkout's
sys.path.insert(0, os.environ.get("FAZHI_BENCH_SRC") or str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
os.environ.setdefault("FAZHI_ENV", "dev")
os.environ.setdefault("FAZHI_DEBUG", "false")

import django  # noqa: E402

django.setup()


def timed(fn, repeat: int) -> list[float]:
    """Wall-clock milliseconds of `repeat` calls of fn (after one warm-up call)."""
    fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(name: str, ms: list[float], target_ms: float | None = None) -> str:
    ms_sorted = sorted(ms)
    p95 = ms_sorted[max(0, int(round(0.95 * len(ms_sorted))) - 1)]
    med = statistics.median(ms)
    line = f"{name:<48} median {med:8.1f} ms   p95 {p95:8.1f} ms   n={len(ms)}"
    if target_ms:
        line += f"   target {target_ms:.0f} ms   p95/target {p95 / target_ms:5.2f}"
    return line
