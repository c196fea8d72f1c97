"""The audit's HTML report in a real headless browser (Debian's Chromium, issue 16): it renders from
disk with nothing fetched (a screenshot that is not blank), every applicant has its row, and the
只看未通过 filter hides exactly the passing applicants (its script and CSS run by the browser, the
result read back from the DOM)."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from redaction.audit.report import write_html
from redaction.audit.run import run_audit
from redaction.model.regions import Region
from testkit.corpus import APPLICANTS
from tests.conftest import text_box, write_image
from tests.test_audit import attachment

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.fail("chromium is not installed: apt-get install -y chromium (the README's apt line, .ci/run)")
    return exe


def browse(page: Path, profile_dir: Path, *args: str, timeout: int = 120) -> str:
    """Run headless Chromium on a file:// URL; returns stdout (the DOM with --dump-dom)."""
    cmd = [chromium(), *FLAGS, f"--user-data-dir={profile_dir}", *args, page.resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def screenshot(page: Path, png: Path, profile_dir: Path, size=(1280, 900)) -> np.ndarray:
    browse(page, profile_dir, f"--screenshot={png}", f"--window-size={size[0]},{size[1]}")
    assert png.is_file() and png.stat().st_size > 0
    img = cv2.imread(str(png))
    assert img is not None and img.shape[:2] == (size[1], size[0])
    return img


class ReadsWhatWasDrawn:
    """Stands in for OCR (fast): 'reads' the applicant's name and employer where `attachment`
    draws them, unless a solid fill covers them (real OCR reads nothing under a mask)."""

    def propose_upright(self, page, profile, others=None):
        from redaction.pipeline.verify import uniform_fraction

        regions = [Region("name", text_box(150, 140, profile.name, 26), 0.95, profile.name),
                   Region("employer", text_box(200, 200, profile.employers[0], 26), 0.93, profile.employers[0])]
        return page, 0, [r for r in regions if uniform_fraction(page.pixels, r.bbox) < 0.85]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """Three applicants: 1 masked (pass), 2 unmasked (fail, with a thumbnail), 3 without a folder."""
    base = tmp_path_factory.mktemp("browser")
    root = base / "材料"
    write_image(root / APPLICANTS[0].name / "01.jpg", attachment(APPLICANTS[0]))
    write_image(root / APPLICANTS[1].name / "01.jpg", attachment(APPLICANTS[1], masked=False))
    roster = base / "花名册.csv"
    with open(roster, "w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["单位（盖章）："])
        w.writerow(["序号", "姓名", "工作单位"])
        for i, ap in enumerate(APPLICANTS[:3], 1):
            w.writerow([str(i), ap.name, ap.employers[0]])
    result = run_audit(roster, root, ledger_path=base / "out" / "audit.sqlite", quiet=True,
                       detector=ReadsWhatWasDrawn())
    assert [a["status"] for a in result.applicants()] == ["pass", "fail", "fail"]
    path = base / "out" / "核查报告.html"
    write_html(result, path)
    return path


def test_the_report_renders_in_headless_chromium(report, tmp_path):
    img = screenshot(report, tmp_path / "report.png", tmp_path / "profile")
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    assert float(grey.std()) > 20                                  # not one flat colour
    assert float((grey < 128).mean()) > 0.01                       # text and a thumbnail drawn
    red = (img[:, :, 2] > 150) & (img[:, :, 1] < 90) & (img[:, :, 0] < 90)
    assert int(red.sum()) > 50                                     # the 未通过 status and the finding boxes


def test_the_dom_has_every_applicant_and_the_failures_only_filter_works(report, tmp_path):
    dom = browse(report, tmp_path / "profile", "--dump-dom")
    rows = re.findall(r'<tr class="applicant (ok|bad)"><td>(\d+)</td><td>([^<]*)</td>', dom)
    assert rows == [("ok", "1", APPLICANTS[0].name), ("bad", "2", APPLICANTS[1].name),
                    ("bad", "3", APPLICANTS[2].name)]
    assert 'id="failonly"' in dom and "data:image/jpeg;base64," in dom

    # tick the checkbox as a clerk would (a change event), then ask the browser what is displayed
    probe = """<script>
function shown(){return Array.from(document.querySelectorAll('tr.applicant'))
  .filter(function(r){return getComputedStyle(r).display!=='none';})
  .map(function(r){return r.cells[0].textContent;}).join(',');}
document.body.setAttribute('data-before', shown());
var box=document.getElementById('failonly'); box.checked=true; box.dispatchEvent(new Event('change'));
document.body.setAttribute('data-after', shown());
document.body.setAttribute('data-details', Array.from(document.querySelectorAll('tr.detail'))
  .filter(function(r){return getComputedStyle(r).display!=='none';}).length);
</script></body>"""
    probed = tmp_path / "probed.html"
    probed.write_text(report.read_text("utf-8").replace("</body>", probe), "utf-8")
    dom = browse(probed, tmp_path / "profile", "--dump-dom")
    assert re.search(r'data-before="1,2,3"', dom), dom[:400]
    assert re.search(r'data-after="2,3"', dom)
    assert re.search(r'data-details="1"', dom)                    # the failing page's thumbnails stay
