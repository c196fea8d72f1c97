"""The real-image set (bench/real): real public photos and scans with hand-made ground truth.

Each `truth/<id>.json` names its source (repository, commit, path, sha256, licence). The image is
read from `images/` when its licence let us commit it, otherwise from a local mirror of the
repository made by the search tool's `fetch` (`/work/.mirror/<owner>+<name>/repo`, or a folder
given in BLINDMASK_MIRRORS), checked against the recorded sha256. Images that can be had neither
way are skipped and counted. Pages are loaded exactly as BlindMask loads a file (EXIF orientation
applied), so truth boxes and proposals share one frame.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent / "real"


@dataclass(frozen=True)
class RealItem:
    """A ground-truth region, shaped like the corpora's items (bench.accuracy scores either)."""

    kind: str
    bbox: tuple[int, int, int, int]
    text: str | None
    owner: str
    polygon: None = None
    tags: tuple[str, ...] = field(default_factory=tuple)


def mirror_roots() -> list[Path]:
    env = os.environ.get("BLINDMASK_MIRRORS")
    roots = [Path(p) for p in env.split(os.pathsep)] if env else []
    return roots + [Path("/work/.mirror")]


def image_bytes(entry: dict, root: Path = ROOT) -> bytes | None:
    """The image's bytes (committed copy or mirror), or None when neither is here."""
    src = entry["source"]
    local = root / entry["file"]
    if local.is_file():
        data = local.read_bytes()
    else:
        data = None
        name = src["repo"].replace("/", "+")
        # fetch leaves either a bare git directory at <name>/repo or a work tree with <name>/repo/.git
        candidates = [base / name / sub for base in mirror_roots() for sub in ("repo", "repo/.git")]
        for git_dir in candidates:
            if not (git_dir / "HEAD").is_file():
                continue
            out = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{src['commit']}:{src['path']}"],
                                 capture_output=True)
            if out.returncode == 0:
                data = out.stdout
                break
        if data is None:
            return None
    if hashlib.sha256(data).hexdigest() != src["sha256"]:
        raise ValueError(f"{entry['id']}: image bytes do not match the recorded sha256")
    return data


def load_entries(root: Path = ROOT) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((root / "truth").glob("*.json"))]


def load_real_pages(root: Path = ROOT, quiet: bool = False) -> list:
    """Bench pages (pixels, truth, doc_type, profile, dpi, stem) for every image that can be had."""
    from redaction.files.document import iter_pages
    from redaction.model.profile import Profile

    pages, missing = [], []
    for entry in load_entries(root):
        data = image_bytes(entry, root)
        if data is None:
            missing.append(entry["id"])
            continue
        suffix = Path(entry["source"]["path"]).suffix or Path(entry["file"]).suffix
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{entry['id']}{suffix}"
            path.write_bytes(data)
            page = next(iter_pages(path))
        if (page.width, page.height) != (entry["width"], entry["height"]):
            raise ValueError(f"{entry['id']}: loads as {page.width}x{page.height}, truth says "
                             f"{entry['width']}x{entry['height']}")
        prof = entry["profile"]
        truth = [RealItem(r["kind"], tuple(int(v) for v in r["bbox"]), r.get("text"), r["owner"],
                          None, tuple(r.get("tags", ()))) for r in entry["regions"]]
        pages.append(SimpleNamespace(
            pixels=page.pixels, truth=truth, doc_type=(entry.get("categories") or ["page"])[0],
            dpi=page.dpi, rotation=0, stem=entry["id"],
            profile=Profile(name=prof["name"], employers=tuple(prof["employers"]),
                            aliases=tuple(prof.get("aliases", ())))))
    if missing and not quiet:
        print(f"real set: {len(missing)} image(s) neither committed nor mirrored here, skipped: "
              + ", ".join(missing), file=sys.stderr)
    return pages
