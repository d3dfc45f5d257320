"""Checks of an uploaded file before any reader opens it: the one place that decides whether a zip-based file
(.xlsx, .ods, .docx) may be expanded, and how large a PDF may be.

A 1.55 MB .xlsx whose sharedStrings.xml expands to 1.5 GB took 1.56 GB of memory in the reader: the upload
size limit says nothing about what a zip holds. `inspect_zip` reads the zip's directory (no member is
extracted) and refuses the file when

* it has more members than FAZHI_UPLOAD_MAX_MEMBERS,
* a member is encrypted,
* the members' declared uncompressed sizes add up to more than FAZHI_UPLOAD_MAX_UNZIPPED_BYTES,
* a member of at least 1 MiB expands more than FAZHI_UPLOAD_MAX_RATIO times its compressed size;

then it streams each compressed member through the decompressor once, counting bytes and keeping none, to
check that no member expands beyond its declared size (the directory is written by the attacker too, and
calamine's reader does not stop at the declared size). After this check the memory a reader needs is bounded
by a small multiple of the unzipped limit (calamine: about 2.4 times the sheet XML, measured on a 100 000-row
import file: 144 MB of XML, 342 MB peak).

Why no memory ceiling (RLIMIT_AS) on the read: the readers run inside a long-lived process (the import
worker, or the web process for the 统计填报 and reviewer uploads); an address-space limit is process-wide and
would also cap every other job and request of that process, and cannot be lifted again by an unprivileged
process once lowered. The inspection above bounds what the readers are given instead.
"""

from __future__ import annotations

import dataclasses
import io
import struct
import zipfile

from django.conf import settings

RATIO_MIN_BYTES = (
    1024 * 1024
)  # smaller members cannot hurt (the total is capped) and small XML compresses well
_EOCD = b"PK\x05\x06"
_CHUNK = 1 << 20


class FileRejected(Exception):
    """The file as a whole cannot be read (size, format, zip bomb …); the message is for the user."""


@dataclasses.dataclass(frozen=True)
class ZipLimits:
    max_unzipped: int
    max_ratio: int
    max_members: int

    @classmethod
    def from_settings(cls) -> ZipLimits:
        return cls(
            max_unzipped=int(getattr(settings, "FAZHI_UPLOAD_MAX_UNZIPPED_BYTES", 300 * 1024 * 1024)),
            max_ratio=int(getattr(settings, "FAZHI_UPLOAD_MAX_RATIO", 100)),
            max_members=int(getattr(settings, "FAZHI_UPLOAD_MAX_MEMBERS", 1000)),
        )


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _bomb(reason: str) -> FileRejected:
    return FileRejected(f"文件解压后过大（{reason}），可能是压缩炸弹，已拒绝")


def _too_many(count: int, limit: int) -> FileRejected:
    return FileRejected(f"文件中的条目过多（{count} 个，上限 {limit} 个），可能是压缩炸弹，已拒绝")


def _declared_entries(data: bytes) -> int | None:
    """The member count of the end-of-central-directory record, read before zipfile builds a ZipInfo per
    member (a 20 MB directory can declare hundreds of thousands); None when not found or zip64."""
    tail = data[-(22 + 65535) :]
    pos = tail.rfind(_EOCD)
    if pos < 0 or pos + 22 > len(tail):
        return None
    total = struct.unpack("<H", tail[pos + 10 : pos + 12])[0]
    return None if total == 0xFFFF else total


def open_zip(data: bytes, *, limits: ZipLimits | None = None) -> zipfile.ZipFile:
    """The inspected zip of `data` (bytes of an upload); FileRejected for a bomb, zipfile.BadZipFile for a
    file that is not a zip (callers word that message for their file type)."""
    limits = limits or ZipLimits.from_settings()
    entries = _declared_entries(data)
    if entries is not None and entries > limits.max_members:
        raise _too_many(entries, limits.max_members)
    zf = zipfile.ZipFile(io.BytesIO(data))
    inspect_zip(zf, limits=limits)
    return zf


def inspect_zip(zf: zipfile.ZipFile, *, limits: ZipLimits | None = None) -> None:
    """Refuse (FileRejected) a zip that expands too much, by its directory and then by a counting pass."""
    limits = limits or ZipLimits.from_settings()
    members = zf.infolist()
    if len(members) > limits.max_members:
        raise _too_many(len(members), limits.max_members)
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise FileRejected("文件已加密（设有密码），无法读取；请提交未加密的文件")
        total += info.file_size
        if total > limits.max_unzipped:
            raise _bomb(f"超过 {_mb(limits.max_unzipped)} 的上限")
        if info.file_size >= RATIO_MIN_BYTES and info.file_size > limits.max_ratio * max(
            1, info.compress_size
        ):
            ratio = info.file_size // max(1, info.compress_size)
            raise _bomb(f"「{info.filename}」的压缩比为 {ratio}:1，上限 {limits.max_ratio}:1")
    for info in members:
        if info.compress_type != zipfile.ZIP_STORED:
            _check_real_size(zf, info)


def _check_real_size(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Decompress `info` once, keeping nothing, and refuse it if it yields more than its declared size."""
    probe = _copy_info(info)
    # zipfile stops at the declared size (and then fails the CRC); let it run and stop here instead.
    probe.file_size = 1 << 62
    produced = 0
    try:
        with zf.open(probe) as fh:
            while chunk := fh.read(_CHUNK):
                produced += len(chunk)
                if produced > info.file_size:
                    raise _bomb(f"「{info.filename}」解压后超过其声明的大小 {_mb(info.file_size)}")
    except zipfile.BadZipFile:
        raise FileRejected(f"文件已损坏（「{info.filename}」校验失败）") from None
    except (EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise FileRejected(f"文件已损坏或使用了不支持的压缩方式（「{info.filename}」：{exc}）") from None


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    probe = zipfile.ZipInfo(info.filename, info.date_time)
    for slot in zipfile.ZipInfo.__slots__:
        if hasattr(info, slot):
            setattr(probe, slot, getattr(info, slot))
    return probe


def max_pdf_pages() -> int:
    """The pages a PDF upload may have (its bytes are bounded by the upload size limit)."""
    return int(getattr(settings, "FAZHI_UPLOAD_MAX_PDF_PAGES", 400))
