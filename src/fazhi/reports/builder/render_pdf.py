"""PDF from the Word file through LibreOffice headless (`soffice --headless --convert-to pdf`).

Each run gets a fresh LibreOffice profile (-env:UserInstallation) in its own temporary directory, so runs in
parallel (several workers, several app servers) never share or lock a profile, and a crashed run leaves
nothing behind. Debian's libreoffice-writer-nogui and fonts-noto-cjk are installed by scripts/install-office."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TIMEOUT_SECONDS = int(os.environ.get("FAZHI_SOFFICE_TIMEOUT", "120"))
INSTALL_HINT = "未找到 LibreOffice（soffice）：请运行 scripts/install-office 安装 libreoffice-writer-nogui 和 fonts-noto-cjk"


class PdfError(RuntimeError):
    pass


def soffice_path() -> str | None:
    configured = os.environ.get("FAZHI_SOFFICE", "")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    path = soffice_path()
    if path is None:
        raise ImproperlyConfigured(INSTALL_HINT)
    return path


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "report.docx"
        src.write_bytes(docx)
        profile = tmpdir / "profile"
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(tmpdir / "out"),
            str(src),
        ]
        env = {**os.environ, "HOME": str(tmpdir), "LANG": os.environ.get("LANG") or "C.UTF-8"}
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice 转换超时（{timeout} 秒）") from exc
        out = tmpdir / "out" / "report.pdf"
        if proc.returncode != 0 or not out.is_file():
            detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()[-500:]
            raise PdfError(f"LibreOffice 转换失败（退出码 {proc.returncode}）：{detail}")
        return out.read_bytes()
