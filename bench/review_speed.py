"""How long the report reviewer takes for a batch of 100 reports.

    python bench/review_speed.py [--seeds DIR] [-n 100] [--formats txt,docx,pdf]

The reports are the seeds repeated and perturbed (every number changed, paragraphs of the measures section
shuffled, the place renamed), written to a temporary directory as .txt — and, with --formats, some as
.docx and text .pdf — then reviewed one by one with review_file, as `fazhi review` does. Prints the
seconds for the whole batch and per report. Target: 100 reports in under 10 s.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from fazhi.reviewer import review_file  # noqa: E402


def _default_seeds() -> Path:
    shared = REPO.parent / "shared" / "seeds"
    return shared if shared.is_dir() else REPO / "tests" / "reports" / "data" / "seeds"


PLACES = ["青石县", "白河市", "东川区", "南山县", "西岭州", "北塘市", "清溪县", "云台区"]


def perturb(text: str, rng: random.Random) -> str:
    def number(m: re.Match) -> str:
        s = m.group(0)
        if len(s) == 4 and s.startswith("20"):
            return s  # keep years
        return str(rng.randint(10 ** (len(s) - 1) if len(s) > 1 else 1, 10 ** len(s) - 1))

    text = re.sub(r"\d+", number, text)
    paragraphs = text.split("\n\n")
    body = paragraphs[8:-8]
    rng.shuffle(body)
    text = "\n\n".join(paragraphs[:8] + body + paragraphs[-8:])
    return text.replace("临汾市", rng.choice(PLACES)).replace("叶城县", rng.choice(PLACES))


def write_docx(path: Path, text: str) -> None:
    import docx

    d = docx.Document()
    for para in text.split("\n"):
        d.add_paragraph(para)
    d.save(path)


def write_pdf(path: Path, text: str) -> None:
    """A text PDF with the standard STSong-Light font, 40 lines of 38 characters a page."""
    lines = []
    for para in text.split("\n"):
        while para:
            lines.append(para[:38])
            para = para[38:]
    pages = [lines[i : i + 40] for i in range(0, len(lines), 40)] or [[""]]
    objs: list[bytes] = []
    kids = []
    font_id = 3 + 2 * len(pages)
    for n, page in enumerate(pages):
        content = ["BT", "/F1 12 Tf", "16 TL", "40 800 Td"]
        content += [f"<{line.encode('utf-16-be').hex().upper()}> Tj T*" for line in page]
        content.append("ET")
        stream = "\n".join(content).encode()
        page_id, content_id = 3 + 2 * n, 4 + 2 * n
        kids.append(f"{page_id} 0 R")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font_id} 0 R >> >> "
            f"/Contents {content_id} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode(),
    ]
    tail = [
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [{font_id + 1} 0 R] >>".encode(),
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) "
        b"/Supplement 4 >> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(head + objs + tail, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    path.write_bytes(bytes(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=_default_seeds())
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--formats", default="txt", help="comma-separated: txt, docx, pdf (cycled)")
    args = parser.parse_args(argv)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    if not seeds:
        print(f"没有样本：{args.seeds}", file=sys.stderr)
        return 1
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    rng = random.Random(20240320)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(args.n):
            text = perturb(seeds[i % len(seeds)], rng)
            fmt = formats[i % len(formats)]
            path = Path(tmp) / f"report_{i:03d}.{fmt}"
            if fmt == "docx":
                write_docx(path, text)
            elif fmt == "pdf":
                write_pdf(path, text)
            else:
                path.write_text(text, encoding="utf-8")
            files.append(path)
        review_file(files[0])  # warm up: imports and the catalog, as a long-running server has them
        t0 = time.perf_counter()
        results = [review_file(p) for p in files]
        elapsed = time.perf_counter() - t0
    errors = [r for r in results if r.error]
    figures = sum(len(r.figures) for r in results)
    print(
        f"{len(results)} reports ({'/'.join(formats)}): {elapsed:.2f} s, {elapsed / len(results) * 1000:.1f} ms each; "
        f"{figures} figures, {errors and len(errors) or 0} unreadable"
    )
    print("target: 100 reports < 10 s —", "ok" if elapsed * 100 / max(len(results), 1) < 10 else "MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
