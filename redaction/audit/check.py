"""The clerk's roster audit: every applicant's masked folder checked against the rules of blind
review, one page at a time, as pure functions over dataclasses.

- `match_folders`: roster rows ↔ folders under the root (by 身份证号码, 姓名 or 序号 in the folder
  name; how each matched is kept; rows with no folder are missing, folders with no row unassigned).
- `plan_files`: every file in each applicant's folder, as a `FileTask` (what the check needs).
- `check_file`: THE per-file check, the one function the local process pool and a Dask cluster
  both call. It reuses the detectors through `verify.find_leaks` (one reading per page for the
  applicant's items and other applicants' names and employers) and adds the file rules: a JPEG,
  upright, no metadata, no name in the file name, readable, legible.

Severity: `fail` breaks a rule of the platform or of blind review; `warn` deserves a look.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from redaction.audit.roster import RosterRow
from redaction.files.document import DEFAULT_DPI, SUPPORTED_SUFFIXES, DocumentError, iter_pages
from redaction.files.naming import scrub_stem
from redaction.model.profile import Profile
from redaction.pipeline.protocols import LeakDetector
from redaction.text.normalize import normalize

#: Bump when what a check finds changes: every page is then checked again.
AUDIT_VERSION = 1
#: Legibility: a page whose shorter side is below this many pixels cannot be read on screen
#: (an A4 page at about 70 dpi), or whose text edges are this soft (see `sharpness`).
MIN_SHORT_SIDE = 600
MIN_SHARPNESS = 25.0

FAIL, WARN = "fail", "warn"
#: kind → severity
SEVERITY = {
    "name": FAIL, "employer": FAIL, "seal": FAIL, "eyes": FAIL,
    "other_name": FAIL, "other_employer": WARN,
    "not_jpeg": FAIL, "not_upright": FAIL, "name_in_filename": FAIL, "unreadable": FAIL,
    "illegible": FAIL, "blurry": WARN, "metadata": WARN,
}
JPEG_SUFFIXES = (".jpg", ".jpeg")


@dataclass
class Finding:
    """One rule a page or file breaks: what, how bad, where and why."""

    kind: str
    severity: str
    box: list[int] | None = None
    text: str | None = None
    detail: str | None = None


@dataclass
class PageRecord:
    """The check of one page: its status and findings (what the ledger keeps)."""

    page: int                         # 0-based; file-level findings sit on page 0
    status: str                       # "pass" or "fail" (a warning alone passes)
    findings: list[Finding] = field(default_factory=list)
    width: int | None = None
    height: int | None = None
    rotation: int = 0


@dataclass
class FileTask:
    """One file to check, with everything the check needs (sent to cluster workers as is)."""

    folder: str                       # the applicant's folder, relative to the root
    file: str                         # the file, relative to its folder (posix)
    path: str                         # absolute path
    applicant: RosterRow
    others: Profile | None            # other applicants' names and employers (misfiled pages)
    others_owner: dict[str, list[str]]   # normalised term → the roster label(s) it belongs to
    dpi: int = DEFAULT_DPI


@dataclass
class Assignment:
    """A roster row and the folder matched to it (None: missing), and how it was matched."""

    row: RosterRow
    folder: Path | None
    how: str | None                   # "身份证号码", "姓名", "序号" or None (missing)


@dataclass
class Matching:
    """Every roster row's assignment, and the folders no row claimed."""

    assigned: list[Assignment]        # one per roster row, in roster order
    unassigned: list[tuple[Path, str]]   # folders with no row, and why


# --- folders --------------------------------------------------------------------------------

def _leading_number(name: str) -> int | None:
    m = re.match(r"^\s*(\d{1,6})(?!\d)", name)
    return int(m.group(1)) if m else None


def match_folders(rows: list[RosterRow], root: Path) -> Matching:
    """Each roster row's folder under `root` (its immediate sub-folders): 身份证号码 in the folder
    name first, then the name (unique among the rows), then a leading 序号."""
    root = Path(root)
    folders = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.name)
    taken: dict[Path, RosterRow] = {}
    found: dict[int, tuple[Path, str]] = {}
    unassigned: list[tuple[Path, str]] = []
    by_seq: dict[int, list[RosterRow]] = {}
    for r in rows:
        n = _leading_number(r.seq) if r.seq else None
        if n is not None:
            by_seq.setdefault(n, []).append(r)
    for folder in folders:
        norm = normalize(folder.name).upper()
        hits: list[tuple[RosterRow, str]] = []
        ids = [r for r in rows if r.id_number and r.id_number.upper() in norm]
        if len(ids) == 1:
            hits = [(ids[0], "身份证号码")]
        else:
            names = [r for r in rows if normalize(r.name) and normalize(r.name).upper() in norm]
            # the longest name wins when one name contains another (王芳 in 王芳芳)
            if names:
                longest = max(len(normalize(r.name)) for r in names)
                names = [r for r in names if len(normalize(r.name)) == longest]
            n = _leading_number(folder.name)
            if len(names) > 1 and n is not None:
                names = [r for r in names if r in by_seq.get(n, [])] or names
            if len(names) == 1:
                hits = [(names[0], "姓名")]
            elif not names and n is not None and len(by_seq.get(n, [])) == 1:
                hits = [(by_seq[n][0], "序号")]
            elif len(names) > 1:
                unassigned.append((folder, "the name of several roster rows: " + "、".join(r.label for r in names)))
                continue
        if not hits:
            unassigned.append((folder, "no roster row's 序号, 姓名 or 身份证号码 in the folder name"))
            continue
        row, how = hits[0]
        if id(row) in found:
            unassigned.append((folder, f"row {row.row} ({row.label}) already has folder {found[id(row)][0].name}"))
            continue
        found[id(row)] = (folder, how)
        taken[folder] = row
    assigned = [Assignment(r, *(found.get(id(r)) or (None, None))) for r in rows]
    return Matching(assigned, unassigned)


def others_profile(row: RosterRow, rows: list[RosterRow]) -> tuple[Profile | None, dict[str, list[str]]]:
    """Every other applicant's name, aliases and employers that are not also this applicant's
    (colleagues share an employer), as one profile for a single matching pass, and which
    roster rows each term belongs to."""
    own = [t.key for t in row.profile.terms()]

    def mine(key: str) -> bool:
        return any(key == k or key in k or k in key for k in own)

    names: list[str] = []
    employers: list[str] = []
    owner: dict[str, list[str]] = {}
    for other in rows:
        if other is row:
            continue
        p = other.profile
        for text in (p.name, *p.aliases):
            key = normalize(text)
            if key and not mine(key):
                names.append(text)
                owner.setdefault(key, []).append(other.label)
        for text in p.employers:
            key = normalize(text)
            if key and not mine(key):
                employers.append(text)
                owner.setdefault(key, []).append(other.label)
    names = list(dict.fromkeys(names))
    employers = list(dict.fromkeys(employers))
    if not names and not employers:
        return None, {}
    return Profile(name=names[0] if names else "", aliases=tuple(names[1:]), employers=tuple(employers)), owner


def plan_files(matching: Matching, rows: list[RosterRow], root: Path, dpi: int = DEFAULT_DPI) -> list[FileTask]:
    """Every file (any type: a PDF or a Word file left among the JPEGs is a finding) in each
    assigned folder, walked recursively in sorted order; hidden files are skipped."""
    tasks = []
    for a in matching.assigned:
        if a.folder is None:
            continue
        others, owner = others_profile(a.row, rows)
        for path in sorted(p for p in a.folder.rglob("*") if p.is_file()):
            rel = path.relative_to(a.folder)
            if any(part.startswith(".") for part in rel.parts):
                continue
            tasks.append(FileTask(folder=a.folder.relative_to(root).as_posix(), file=rel.as_posix(),
                                  path=str(path), applicant=a.row, others=others, others_owner=owner, dpi=dpi))
    return tasks


# --- the per-file check -----------------------------------------------------------------------

def file_hash(path: str | Path) -> str:
    """SHA-256 of the file's bytes (hex)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def jpeg_metadata(data: bytes) -> list[str]:
    """Metadata segments of a JPEG (EXIF, XMP, ICC, Photoshop, comments, a JFIF thumbnail, bytes
    after the end marker): what the platform's clean upload should not carry."""
    found, i = [], 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker in (0xD9, 0xDA):
            break
        length = int.from_bytes(data[i + 2:i + 4], "big")
        body = data[i + 4:i + 2 + length]
        if marker == 0xE0 and body[:5] == b"JFIF\x00" and length > 16:
            found.append("JFIF thumbnail")
        elif marker == 0xE1:
            found.append("XMP" if b"http://ns.adobe.com/xap" in body[:64] else "EXIF")
        elif marker == 0xE2 and body[:12] == b"ICC_PROFILE\x00":
            found.append("ICC profile")
        elif marker == 0xED:
            found.append("Photoshop/IPTC")
        elif marker == 0xFE:
            found.append("comment")
        elif 0xE3 <= marker <= 0xEF:
            found.append(f"APP{marker - 0xE0}")
        i += 2 + length
    end = data.rfind(b"\xff\xd9")
    if end >= 0 and len(data) - end - 2 > 16:
        found.append(f"{len(data) - end - 2} bytes after the end of the image")
    return list(dict.fromkeys(found))


def sharpness(pixels: np.ndarray) -> float | None:
    """Strength of the page's sharpest edges (99.5th percentile of |Laplacian| on a 1000-px-wide
    grey copy); None on a page with no ink to judge by. Sharp print scores 60–200, a page too
    blurred to read below MIN_SHARPNESS."""
    import cv2

    gray = cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY) if pixels.ndim == 3 else pixels
    h, w = gray.shape
    if w > 1000:
        gray = cv2.resize(gray, (1000, max(1, round(h * 1000 / w))), interpolation=cv2.INTER_AREA)
    if float(gray.std()) < 8:
        return None
    lap = np.abs(cv2.Laplacian(gray, cv2.CV_32F, ksize=3))
    return float(np.percentile(lap, 99.5))


def _finding(kind: str, box: Sequence[float] | None = None, text: str | None = None,
             detail: str | None = None) -> Finding:
    return Finding(kind, SEVERITY.get(kind, FAIL), [int(v) for v in box] if box is not None else None, text, detail)


def file_findings(task: FileTask, data: bytes) -> list[Finding]:
    """The rules a file breaks before any page is looked at."""
    out = []
    path = Path(task.path)
    is_jpeg = data[:3] == b"\xff\xd8\xff"
    if not (is_jpeg and path.suffix.lower() in JPEG_SUFFIXES):
        what = "a JPEG named " + path.suffix if is_jpeg else (path.suffix.lower().lstrip(".") or "no extension").upper()
        out.append(_finding("not_jpeg", detail=f"{what}: attachments must be .jpg images"))
    if is_jpeg:
        meta = jpeg_metadata(data)
        if meta:
            out.append(_finding("metadata", detail=", ".join(meta)))
    profile = task.applicant.profile
    for part in Path(task.file).parts:
        stem = Path(part).stem if part == Path(task.file).name else part
        if scrub_stem(stem, profile) != stem:
            out.append(_finding("name_in_filename", text=part, detail="the file or folder name names the applicant"))
            break
    return out


def check_file(detector: LeakDetector, task: FileTask) -> list[PageRecord]:
    """All findings of one file, per page (file-level findings on page 0). Never raises for a
    bad file: an unreadable one is a finding. The one per-page check of the audit."""
    from redaction.pipeline.verify import find_leaks

    try:
        data = Path(task.path).read_bytes()
    except OSError as exc:
        return [PageRecord(0, FAIL, [_finding("unreadable", detail=f"cannot read: {exc.strerror or exc}")])]
    file_level = file_findings(task, data)
    records: list[PageRecord] = []
    supported = Path(task.path).suffix.lower() in SUPPORTED_SUFFIXES
    try:
        if not supported:
            raise DocumentError("not an image or PDF")
        for page in iter_pages(Path(task.path), task.dpi):
            findings = list(file_level) if page.index == 0 else []
            upright, rotation, leaks = find_leaks(detector, page, task.applicant.profile, others=task.others)
            for r in leaks:
                text = r.text
                detail = r.extra.get("evidence")
                if r.kind.startswith("other_"):
                    owners = task.others_owner.get(normalize(r.extra.get("term", "") or ""), [])
                    detail = f"{'、'.join(owners) or 'another applicant'}: {r.extra.get('term') or r.text}"
                findings.append(_finding(r.kind, r.bbox, text, detail))
            if rotation:
                findings.append(_finding("not_upright", detail=f"turned {rotation}° clockwise to read it"))
            short = min(page.width, page.height)
            if short < MIN_SHORT_SIDE:
                findings.append(_finding("illegible", detail=f"{page.width}×{page.height} px: the shorter side is "
                                         f"under {MIN_SHORT_SIDE} px"))
            else:
                s = sharpness(upright.pixels)
                if s is not None and s < MIN_SHARPNESS:
                    findings.append(_finding("blurry", detail=f"edge strength {s:.0f} < {MIN_SHARPNESS:.0f}"))
            records.append(PageRecord(page.index, _status(findings), findings, upright.width, upright.height,
                                      rotation))
    except DocumentError as exc:
        findings = list(file_level) + [_finding("unreadable", detail=str(exc))]
        if records:
            records[-1].findings += [_finding("unreadable", detail=str(exc))]
            records[-1].status = FAIL
        else:
            records.append(PageRecord(0, FAIL, findings))
    except Exception as exc:   # a detector bug on one file never ends an audit
        text = " ".join(str(exc).split())[:160]
        records.append(PageRecord(len(records), FAIL, [_finding("unreadable", detail=f"{type(exc).__name__}: {text}")]))
    if not records:
        records.append(PageRecord(0, _status(file_level), file_level))
    return records


def _status(findings: list[Finding]) -> str:
    return FAIL if any(f.severity == FAIL for f in findings) else "pass"


def record_to_json(rec: PageRecord) -> dict[str, Any]:
    """A page record as the ledger stores it."""
    return asdict(rec)


def record_from_json(d: dict[str, Any]) -> PageRecord:
    """A page record from the ledger."""
    return PageRecord(page=d["page"], status=d["status"], findings=[Finding(**f) for f in d["findings"]],
                      width=d.get("width"), height=d.get("height"), rotation=d.get("rotation", 0))
