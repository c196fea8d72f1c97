"""Trust, item 7 (core): a batch's memory does not grow with its length.

`blindmask redact` runs over 1, 50 and 300 pages (A4 scans at 100 dpi, the real loaders, burn and
export; a stand-in detector, since OCR's own memory is per page and is not what is measured), each
in a fresh process, and reports its peak RSS. Flat means: 300 pages peak where 50 do.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np

from tests.test_trust_leaks import PROFILE_TOML

REPO = Path(__file__).resolve().parents[1]

RUNNER = r'''
import json, resource, sys
sys.path.insert(0, REPO)
sys.path.insert(0, REPO + "/tests")
import redaction.pipeline.propose
from test_trust_inputs import BoxDetector
if len(sys.argv) > 4:                       # the control: a detector that keeps every page
    kept = []
    class Leaky(BoxDetector):
        def propose_upright(self, page, profile, rotation=None):
            kept.append(page.pixels.copy())
            return super().propose_upright(page, profile, rotation)
    redaction.pipeline.propose.Detector = Leaky
else:
    redaction.pipeline.propose.Detector = BoxDetector
from redaction.cli.main import build_parser, main
args = ["redact", sys.argv[1], "--profile", sys.argv[2], "--out", sys.argv[3], "--quiet"]
if "--jobs" in build_parser()._subparsers._group_actions[0].choices["redact"].format_help():
    args += ["--jobs", "1"]
code = main(args)
# VmHWM: this process's own peak (ru_maxrss would carry the parent's peak across fork + exec)
try:
    with open("/proc/self/status") as fh:
        peak = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"code": code, "peak_kb": peak}))
'''


def _scan() -> bytes:
    """One A4 page at 100 dpi with text-like blocks, as a JPEG."""
    rng = np.random.default_rng(0)
    page = np.full((1169, 827, 3), 250, np.uint8)
    for y in range(80, 1100, 36):
        x = 70
        while x < 740:
            w = int(rng.integers(14, 60))
            cv2.rectangle(page, (x, y), (min(x + w, 760), y + 18), (30, 30, 30), -1)
            x += w + int(rng.integers(6, 20))
    return cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()


def _peak_rss_mb(tmp: Path, pages: int, leaky: bool = False) -> float:
    src = tmp / f"in{pages}"
    src.mkdir()
    data = _scan()
    for i in range(pages):
        (src / f"第{i:03d}页.jpg").write_bytes(data)
    prof = tmp / "profile.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    out = tmp / f"out{pages}"
    res = subprocess.run([sys.executable, "-c", RUNNER.replace("REPO", repr(str(REPO))),
                          str(src), str(prof), str(out)] + (["leaky"] if leaky else []),
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    result = json.loads(res.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    outputs = list(out.glob("*.jpg"))
    assert len(outputs) == pages
    report = json.loads((out / "blindmask-report.json").read_text("utf-8"))
    assert sum(len(d["pages"]) for d in report["documents"]) == pages
    shutil.rmtree(src)
    shutil.rmtree(out)
    return result["peak_kb"] / 1024


def test_peak_memory_is_flat_in_the_number_of_pages(tmp_path):
    peaks = {n: _peak_rss_mb(tmp_path, n) for n in (1, 50, 300)}
    line = ", ".join(f"{n} pages: {mb:.0f} MB" for n, mb in peaks.items())
    print(f"\npeak RSS of `blindmask redact` (A4 at 100 dpi, stand-in detector): {line}")
    (tmp_path / "memory.txt").write_text(line)
    # a page is 2.9 MB of pixels: holding the 300 pages would add ~870 MB, a leak of even one
    # copy per page ~ tens of MB; allow allocator noise only
    assert peaks[300] - peaks[50] < 25, line
    assert peaks[300] - peaks[1] < 60, line
    # the control: the same measurement does see a pipeline that holds its pages
    leaky = _peak_rss_mb(tmp_path, 50, leaky=True)
    print(f"control, a detector that keeps every page: 50 pages: {leaky:.0f} MB")
    assert leaky - peaks[50] > 100
