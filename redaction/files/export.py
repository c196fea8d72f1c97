"""Fresh JPEGs from pixel arrays (no metadata at all), atomic writes, output names."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import cv2
import numpy as np

from redaction.files.naming import scrub_text
from redaction.model.profile import Profile
from redaction.model.review import DocumentResult

DEFAULT_QUALITY = 90
REPORT_NAME = "blindmask-report.json"


class ExportError(OSError):
    """An output that could not be written; the message is one line, fit to show a person."""


def encode_jpeg(pixels: np.ndarray, quality: int = DEFAULT_QUALITY) -> bytes:
    """Encode from the array alone: only SOI, JFIF APP0, tables, frame, scan, EOI.

    Nothing of the input file can reach the output because the input file is never consulted.
    """
    if pixels.size == 0:
        raise ExportError("JPEG encoding failed: the page has no pixels")
    try:
        ok, buf = cv2.imencode(".jpg", np.ascontiguousarray(pixels),
                               [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    except cv2.error as exc:
        raise ExportError(f"JPEG encoding failed ({' '.join(str(exc).split())[:120]})") from None
    if not ok:
        raise ExportError("JPEG encoding failed")
    data = buf.tobytes()
    end = data.rfind(b"\xff\xd9")
    return data[: end + 2] if end >= 0 else data


#: Temporary files are `.blindmask-<pid>-<random>.part` beside their target.
TEMP_PREFIX, TEMP_SUFFIX = ".blindmask-", ".part"
#: A temporary file this old is stale whatever its process id says (no write takes an hour).
STALE_SECONDS = 3600
_TEMP_NAME = re.compile(r"^\.blindmask-(?:(\d+)-)?.*\.part$")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it: readers see either
    the old file or the complete new one, never half of it. Temporary files that a killed run
    left in the same folder are removed first (see `remove_stale_parts`)."""
    path = Path(path)
    if path.exists() and not path.is_file():
        # /dev/null, a pipe or a terminal (`--json /dev/null`): renaming over it would replace the
        # device with a file, so write straight into it. A folder is an error.
        if path.is_dir():
            raise ExportError(f"cannot write {path}: it is a folder")
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX,
                                   dir=str(path.parent))
    except OSError as exc:
        raise ExportError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:  # disk full, or Ctrl-C mid-write: no temporary file stays behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    try:  # make the rename itself durable where the platform allows it
        dfd = os.open(str(path.parent), os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _pid_alive(pid: int) -> bool:
    """Is process `pid` running on this machine? (Never signals it: on Windows os.kill kills.)"""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        # typeshed defines ctypes.windll on Windows only; mypy checks for Linux here
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    # A killed worker whose parent died too stays a zombie until init reaps it, and containers
    # whose init does not reap keep it forever: a zombie writes nothing, it is gone.
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
        return state not in (b"Z", b"X")
    except (OSError, IndexError):
        return True


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the temporary files a killed or crashed BlindMask left in `folder` (not recursive).

    A `.blindmask-<pid>-*.part` file is stale when its process is gone, or when it is older than
    STALE_SECONDS; files of a run still writing (another window, another batch) are left alone.
    Returns what was removed. Never raises.
    """
    import time

    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _TEMP_NAME.match(entry.name)
        if not m:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
            pid = int(m.group(1)) if m.group(1) else None
            alive = pid is not None and (pid == os.getpid() or _pid_alive(pid))
            if alive and age < STALE_SECONDS:
                continue
            if pid is None and age < STALE_SECONDS:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def folder_report(documents: Iterable[DocumentResult], profile: Profile | None) -> list[DocumentResult]:
    """The report as written into a masked folder (`blindmask-report.json`): the contract's shape,
    but nothing in it names the applicant. Every region's `text` is null (the matched name,
    employer or seal reading), input paths and error messages have the name, aliases and
    employers replaced by XX as output names do. Returns copies; `documents` is not changed."""
    from dataclasses import replace

    out = []
    for doc in documents:
        pages = [replace(p, regions=[replace(r, text=None, extra={}) for r in p.regions])
                 for p in doc.pages]
        out.append(replace(doc, path=scrub_text(doc.path, profile), error=scrub_text(doc.error, profile),
                           pages=pages))
    return out
