"""Trust, items 2, 3 and 6 (core): inputs are sacred, bad input never crashes a batch, and a run
killed at any moment loses nothing (only whole JPEGs, stale temp files swept, rerun completes).

The detectors are replaced by a stand-in that proposes fixed boxes: these tests are about files,
bytes and exit codes, and must not take an OCR second per page.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

import redaction.pipeline.propose
from redaction.cli import main
from redaction.files import export
from redaction.files.document import InputFile, collect_inputs, iter_pages
from redaction.files.export import REPORT_NAME, remove_stale_parts, write_atomic
from redaction.files.naming import OutputNamer
from redaction.pipeline.steps import RedactOptions, redact_file
from tests.test_trust_leaks import PROFILE, PROFILE_TOML, assert_clean_jpeg

REPO = Path(__file__).resolve().parents[1]


class BoxDetector:
    """Proposes one `name` box at fixed fractions of every page."""

    FRACTION = (0.1, 0.1, 0.5, 0.3)

    def __init__(self, *a, **k):
        self.pages = 0

    @classmethod
    def box(cls, w, h):
        fx0, fy0, fx1, fy1 = cls.FRACTION
        return (int(w * fx0), int(h * fy0), int(np.ceil(w * fx1)), int(np.ceil(h * fy1)))

    def propose_upright(self, page, profile, rotation=None):
        from redaction.model.regions import Region

        self.pages += 1
        return page, 0, [Region("name", self.box(page.width, page.height), 0.99, "阿依古丽", True)]


class NoneDetector(BoxDetector):
    def propose_upright(self, page, profile, rotation=None):
        return page, 0, []


@pytest.fixture
def fake_detector(monkeypatch):
    monkeypatch.setattr(redaction.pipeline.propose, "Detector", BoxDetector)


def digest(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under root → (sha256, mtime_ns): any write or touch shows."""
    return {p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def decode(path: Path) -> np.ndarray:
    data = path.read_bytes()
    assert data.endswith(b"\xff\xd9")
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def page_image(w=420, h=300, seed=0, text=True):
    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), 245, np.uint8)
    for _ in range(12):
        x, y = int(rng.integers(0, w - 60)), int(rng.integers(0, h - 20))
        cv2.rectangle(img, (x, y), (x + 50, y + 12), tuple(int(v) for v in rng.integers(0, 120, 3)), -1)
    return img


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def png_header_only(width, height) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def make_pdf(pages: int, size=(200, 150), text=True) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    for i in range(pages):
        p = doc.new_page(width=size[0], height=size[1])
        if text:
            p.insert_text((20, 40), f"page {i + 1}", fontsize=14)
        p.draw_rect(pymupdf.Rect(10, 60, 120, 90), color=(0, 0, 0), fill=(0.2, 0.3, 0.8))
    return doc.tobytes(garbage=3, deflate=True)


def many_page_pdf(n: int, size=(595, 842)) -> bytes:
    """An n-page PDF written by hand (all pages share one content stream): instant for n = 500."""
    out, offsets = [b"%PDF-1.4\n"], []

    def obj(num, body):
        offsets.append(sum(len(x) for x in out))
        out.append(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    w, h = size
    content = b"0.2 0.3 0.8 rg 10 %d 110 30 re f BT /F1 14 Tf 20 %d Td (a page) Tj ET" % (h - 90, h - 40)
    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(n)) + b"] /Count %d >>" % n)
    obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    obj(4, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    for i in range(n):
        obj(5 + i, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
                   b"/Resources << /Font << /F1 3 0 R >> >> >>" % (w, h))
    xref = sum(len(x) for x in out)
    out.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
               + b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.append(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    return b"".join(out)


# --- item 3: the bad input suite ----------------------------------------------------------------

BAD = {  # name → (bytes factory, expected one-line message)
    "00 空文件.jpg": (lambda: b"", "empty file (0 bytes)"),
    "01 截断.jpg": (lambda: (lambda d: d[: len(d) // 3])(cv2.imencode(".jpg", page_image(seed=1))[1].tobytes()),
                  "image data is damaged or truncated"),
    "02 损坏.png": (lambda: (lambda d: d[:60] + b"\xff" * 20 + d[80:])(
                      cv2.imencode(".png", page_image(seed=2))[1].tobytes()),
                  "image data is damaged or truncated"),
    "03 随机字节.jpg": (lambda: np.random.default_rng(3).integers(0, 256, 5000, dtype=np.uint8).tobytes(),
                    "not a readable image"),
    "04 损坏.pdf": (lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00garbage" * 50,
                  "damaged PDF"),
    "05 截断.pdf": (lambda: (lambda d: d[: int(len(d) * 0.6)])(make_pdf(3)), "damaged PDF"),
    "06 加密.pdf": (None, "encrypted PDF (password protected)"),
    "07 解压炸弹.png": (lambda: png_header_only(30000, 30000), "image too large (30000×30000 = 900 MP"),
}


def encrypted_pdf() -> bytes:
    import pymupdf

    doc = pymupdf.open(stream=make_pdf(1), filetype="pdf")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")


def good_inputs(root: Path) -> dict[str, np.ndarray]:
    """Awkward but valid inputs → the BGR page a viewer shows."""
    from PIL import Image

    expected = {}
    base = page_image(seed=5)
    deep = (base.astype(np.uint16) * 257)                              # 16-bit TIFF
    cv2.imencode(".tif", deep)[1].tofile(str(write(root / "10 十六位.tif", b"")))
    expected["10 十六位.tif"] = base
    rgb = cv2.cvtColor(base, cv2.COLOR_BGR2RGB)
    Image.fromarray(rgb).convert("CMYK").save(write(root / "11 CMYK.jpg", b""), quality=98)
    expected["11 CMYK.jpg"] = base
    gray = cv2.cvtColor(base, cv2.COLOR_BGR2GRAY)
    cv2.imencode(".png", gray)[1].tofile(str(write(root / "12 灰度.png", b"")))
    expected["12 灰度.png"] = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    rgba = np.dstack([base, np.full(base.shape[:2], 255, np.uint8)])
    rgba[:, : base.shape[1] // 2, 3] = 0                               # left half transparent → white
    cv2.imencode(".png", rgba)[1].tofile(str(write(root / "13 透明.png", b"")))
    flat = base.copy()
    flat[:, : base.shape[1] // 2] = 255
    expected["13 透明.png"] = flat
    pal = Image.fromarray(rgb).convert("P", palette=Image.ADAPTIVE, colors=64)
    pal.save(write(root / "14 调色板.png", b""))
    expected["14 调色板.png"] = cv2.cvtColor(np.asarray(pal.convert("RGB")), cv2.COLOR_RGB2BGR)
    cv2.imencode(".bmp", base)[1].tofile(str(write(root / "中文 路径 与 空格" / "15 毕业 证书.bmp", b"")))
    expected["中文 路径 与 空格/15 毕业 证书.bmp"] = base
    return expected


@pytest.fixture
def bad_batch(tmp_path):
    root = tmp_path / "坏 文件 batch"
    for name, (factory, _) in BAD.items():
        write(root / name, encrypted_pdf() if factory is None else factory())
    expected = good_inputs(root)
    prof = tmp_path / "profile.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    return root, prof, expected


def test_bad_inputs_each_get_their_message_and_the_batch_goes_on(bad_batch, tmp_path, fake_detector, capsys):
    root, prof, expected = bad_batch
    before = digest(root)
    out = tmp_path / "输出 out"
    code = main(["redact", str(root), "--profile", str(prof), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == 3
    errors = [ln for ln in err.splitlines() if ln.startswith("error: ")]
    assert len(errors) == len(BAD), err
    for name, (_, message) in BAD.items():
        line = next(ln for ln in errors if f"{name}:" in ln)
        assert message in line, (name, line)
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    docs = {Path(d["path"]).relative_to(root).as_posix(): d for d in report["documents"]}
    assert len(docs) == len(BAD) + len(expected)
    for name, (_, message) in BAD.items():
        assert message in docs[name]["error"] and "\n" not in docs[name]["error"]
    # every good file was still exported, with its pixels right and the proposed box burned
    for rel, want in expected.items():
        doc = docs[rel]
        assert doc["error"] is None and len(doc["pages"]) == 1
        img = decode(out / doc["pages"][0]["output"]).astype(int)
        h, w = want.shape[:2]
        assert img.shape == (h, w, 3)
        x0, y0, x1, y1 = BoxDetector.box(w, h)
        burned = np.zeros((h, w), bool)
        burned[y0:y1, x0:x1] = True
        assert (img[burned] < 10).all(), rel                          # the mask
        diff = np.abs(img - want.astype(int)).max(axis=2)[~burned]
        assert np.percentile(diff, 99) < 40 and diff.mean() < 6, rel   # the page (JPEG noise aside)
    assert digest(root) == before                                      # inputs untouched
    assert not list(out.rglob("*.part"))


def test_propose_and_verify_report_the_same_bad_files_with_exit_3(bad_batch, tmp_path, fake_detector, capsys,
                                                                   monkeypatch):
    root, prof, expected = bad_batch
    js = tmp_path / "p.json"
    assert main(["propose", str(root), "--profile", str(prof), "--json", str(js), "--quiet"]) == 3
    data = json.loads(js.read_text("utf-8"))
    failed = sorted(Path(d["path"]).name for d in data["documents"] if d["error"])
    assert failed == sorted(BAD)
    capsys.readouterr()
    monkeypatch.setattr(redaction.pipeline.propose, "Detector", NoneDetector)   # nothing to find: exit 3, not 1
    assert main(["verify", str(root), "--profile", str(prof), "--quiet"]) == 3
    err = capsys.readouterr().err
    assert sum(ln.startswith("error: ") for ln in err.splitlines()) == len(BAD)
    for name, (_, message) in BAD.items():
        assert any(name in ln and message in ln for ln in err.splitlines()), name


def test_a_500_page_pdf_streams_with_bounded_memory(tmp_path):
    """500 pages through load → burn → export, one at a time: memory after page 500 is what it
    was after page 50 (a held page would add ~0.5 MB each: 225 MB over the run)."""
    import psutil

    pdf = write(tmp_path / "in" / "五百页.pdf", many_page_pdf(500))
    out = tmp_path / "out"
    proc = psutil.Process()
    rss = {}

    def progress(inp, index, count):
        if index + 1 in (50, 500):
            rss[index + 1] = proc.memory_info().rss

    inp = collect_inputs([pdf.parent])[0]
    doc = redact_file(BoxDetector(), inp, PROFILE, RedactOptions(out_dir=out, dpi=72),
                      OutputNamer(out), progress=progress)
    assert doc.error is None and len(doc.pages) == 500
    outputs = sorted(out.glob("*.jpg"))
    assert len(outputs) == 500 and outputs[0].name == "五百页-1.jpg"
    assert decode(out / "五百页-500.jpg").shape == (842, 595, 3)
    growth = (rss[500] - rss[50]) / 2**20
    print(f"\n500-page PDF: RSS {rss[50] / 2**20:.0f} MB after page 50, {rss[500] / 2**20:.0f} MB after page 500")
    assert growth < 40, f"RSS grew {growth:.0f} MB from page 50 to 500"


def test_multipage_tiff_frames_are_decoded_one_at_a_time(tmp_path, monkeypatch):
    """A multi-page TIFF is streamed like a PDF: asking for page 1 decodes one frame, not all."""
    frames = [np.full((60, 80, 3), 40 * i, np.uint8) for i in range(5)]
    ok, buf = cv2.imencodemulti(".tif", frames)
    path = write(tmp_path / "scan.tif", buf.tobytes())
    calls = []
    real = cv2.imdecodemulti

    def spy(buf, flags, mats=None, rng=None):
        calls.append(rng)
        return real(buf, flags, mats, rng)

    monkeypatch.setattr(cv2, "imdecodemulti", spy)
    it = iter_pages(path)
    first = next(it)
    assert first.page_count == 5 and int(first.pixels[0, 0, 0]) == 0 and calls == [(0, 1)]
    rest = list(it)
    assert [int(p.pixels[0, 0, 0]) for p in rest] == [40, 80, 120, 160]
    assert calls == [(i, i + 1) for i in range(5)]


def test_disk_full_during_a_batch_is_reported_and_the_rest_goes_on(tmp_path, fake_detector, monkeypatch, capsys):
    """ENOSPC (simulated) on the big page: that file fails with the OS message, nothing partial
    is left, the small pages and the report still fit."""
    root = tmp_path / "in"
    cv2.imencode(".png", page_image(seed=1))[1].tofile(str(write(root / "a.png", b"")))
    noise = np.random.default_rng(0).integers(0, 256, (900, 1200, 3), dtype=np.uint8)
    cv2.imencode(".png", noise)[1].tofile(str(write(root / "b 大图.png", b"")))
    cv2.imencode(".png", page_image(seed=3))[1].tofile(str(write(root / "c.png", b"")))
    prof = tmp_path / "p.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    real_fdopen = os.fdopen

    class NearlyFull:
        def __init__(self, fh):
            self.fh, self.written = fh, 0

        def write(self, data):
            self.written += len(data)
            if self.written > 200_000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(data)

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.fh.close()

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: NearlyFull(real_fdopen(fd, *a, **k)))
    out = tmp_path / "out"
    code = main(["redact", str(root), "--profile", str(prof), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == 3
    assert "b 大图.png" in err and "No space left on device" in err
    assert sorted(p.name for p in out.iterdir()) == sorted(["a.jpg", "c.jpg", REPORT_NAME])
    for name in ("a.jpg", "c.jpg"):
        assert_clean_jpeg((out / name).read_bytes())
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    assert [bool(d["error"]) for d in report["documents"]] == [False, True, False]


def test_disk_full_for_the_report_too_is_a_message_not_a_traceback(tmp_path, fake_detector, monkeypatch, capsys):
    root = tmp_path / "in"
    cv2.imencode(".png", page_image())[1].tofile(str(write(root / "a.png", b"")))
    prof = tmp_path / "p.toml"
    prof.write_text(PROFILE_TOML, "utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code = main(["redact", str(root), "--profile", str(prof), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 3 and "No space left on device" in capsys.readouterr().err


def test_writes_that_fail_mid_batch_are_reported_and_leave_nothing_partial(tmp_path, fake_detector, monkeypatch,
                                                                           capsys):
    """Two pages cannot be written (the rename is refused, simulated): those two files are
    reported with the OS message, no temp file of theirs is left, the rest are written."""
    root = tmp_path / "in"
    for i in range(5):
        cv2.imencode(".png", page_image(seed=i))[1].tofile(str(write(root / f"p{i}.png", b"")))
    prof = tmp_path / "p.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    real = os.replace

    def refuse(src, dst, *a, **k):
        if Path(dst).name in ("p1.jpg", "p2.jpg"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", refuse)
    out = tmp_path / "out"
    assert main(["redact", str(root), "--profile", str(prof), "--out", str(out), "--quiet"]) == 3
    err = capsys.readouterr().err
    failed = sorted(Path(ln.split(": ")[1]).name for ln in err.splitlines() if ln.startswith("error: "))
    assert failed == ["p1.png", "p2.png"] and err.count("Permission denied") == 2
    assert sorted(p.name for p in out.iterdir()) == ["blindmask-report.json", "p0.jpg", "p3.jpg", "p4.jpg"]


def test_missing_output_folder_is_created_and_read_only_one_refused(tmp_path, fake_detector, monkeypatch, capsys):
    src = tmp_path / "in" / "a.png"
    cv2.imencode(".png", page_image())[1].tofile(str(write(src, b"")))
    prof = tmp_path / "p.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    out = tmp_path / "不存在" / "的 目录"
    assert main(["redact", str(src), "--profile", str(prof), "--out", str(out), "--quiet"]) == 0
    assert (out / "a.jpg").exists()
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() != 0:  # root ignores permissions; test_cli simulates this case for CI
        ro.chmod(0o555)
        try:
            assert main(["redact", str(src), "--profile", str(prof), "--out", str(ro)]) == 2
            assert "cannot write to output folder" in capsys.readouterr().err
            assert list(ro.iterdir()) == []
        finally:
            ro.chmod(0o755)


@pytest.mark.parametrize("text, where, message", [
    ('name = "王芳"\nemployers = ["某局"]\nemployer = ["某局"]\n', ":3", "unknown key 'employer'"),
    ('name = "王芳"\n\nemployers = ["某局" "另一局"]\n', ":3", "not valid TOML"),
    ('name = "王芳\nemployers = ["某局"]\n', ":1", "not valid TOML"),
    ('name = ""\nemployers = ["某局"]\n', ":1", "'name' is missing or empty"),
    ('name = "王芳"\nemployers = []\n', ":2", "'employers' is missing or empty"),
    (b'name = "\xcd\xf5\xb7\xbc"\nemployers = ["x"]\n', ":1", "not UTF-8"),   # GBK-encoded profile
])
def test_profile_errors_exit_2_and_name_the_line(tmp_path, capsys, fake_detector, text, where, message):
    prof = tmp_path / "profile.toml"
    prof.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    src = tmp_path / "a.png"
    cv2.imencode(".png", page_image())[1].tofile(str(src))
    out = tmp_path / "out"
    assert main(["redact", str(src), "--profile", str(prof), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"profile.toml{where}: " in err and message in err
    assert not out.exists() or not any(out.iterdir())


# --- item 2: inputs are sacred ------------------------------------------------------------------

def test_output_folder_equal_to_inside_or_beside_the_inputs(tmp_path, fake_detector, capsys):
    root = tmp_path / "scans"
    for name in ("a.jpg", "a.png", "sub/b.png"):
        cv2.imencode(Path(name).suffix, page_image())[1].tofile(str(write(root / name, b"")))
    prof = tmp_path / "p.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    before = digest(root)
    # equal: refused before anything is written
    assert main(["redact", str(root), "--profile", str(prof), "--out", str(root)]) == 2
    assert "is an input folder" in capsys.readouterr().err
    assert digest(root) == before
    # inside, twice: the outputs are never read back as inputs, the inputs never touched
    inner = root / "masked"
    for _ in range(2):
        assert main(["redact", str(root), "--profile", str(prof), "--out", str(inner), "--quiet"]) == 0
        report = json.loads((inner / REPORT_NAME).read_text("utf-8"))
        assert len(report["documents"]) == 3
        assert {k: v for k, v in digest(root).items() if not k.startswith("masked/")} == before
    assert sorted(p.relative_to(inner).as_posix() for p in inner.rglob("*.jpg")) == \
        ["a.jpg", "a_png.jpg", "sub/b.jpg"]
    # the folder of input files given one by one: an output never replaces its input
    assert main(["redact", str(root / "a.jpg"), str(root / "a.png"), "--profile", str(prof),
                 "--out", str(root), "--quiet"]) == 0
    after = digest(root)
    assert after["a.jpg"] == before["a.jpg"] and after["a.png"] == before["a.png"]
    assert {"a_jpg.jpg", "a_png.jpg"} <= {p.name for p in root.iterdir()}


def test_inputs_are_only_ever_opened_for_reading(tmp_path):
    """An audit hook in a child process records every open/rename/remove/chmod of a path under
    the input folder during propose → redact → verify: reads only."""
    root = tmp_path / "in"
    cv2.imencode(".jpg", page_image())[1].tofile(str(write(root / "a 证书.jpg", b"")))
    write(root / "b.pdf", make_pdf(2))
    prof = tmp_path / "p.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    script = f"""
import os, sys, json
sys.path.insert(0, {str(REPO)!r}); sys.path.insert(0, {str(REPO / 'tests')!r})
root = os.path.realpath({str(root)!r})
touched = []
def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        p, mode, flags = os.path.realpath(os.fsdecode(args[0])), args[1], args[2]
        writes = ((mode and any(c in mode for c in "wax+"))
                  or (flags or 0) & (os.O_WRONLY | os.O_RDWR | os.O_TRUNC | os.O_APPEND))
        if p.startswith(root) and writes:
            touched.append((event, p))
    elif event in ("os.rename", "os.replace", "os.remove", "os.unlink", "os.truncate", "os.chmod", "os.utime",
                   "shutil.rmtree", "os.rmdir"):
        for a in args[:2]:
            if isinstance(a, (str, bytes, os.PathLike)) and os.path.realpath(os.fsdecode(a)).startswith(root):
                touched.append((event, os.fsdecode(a)))
sys.addaudithook(hook)
import redaction.pipeline.propose
from test_trust_inputs import BoxDetector
redaction.pipeline.propose.Detector = BoxDetector
from redaction.cli import main
codes = [main(["propose", root, "--profile", {str(prof)!r}, "--json", {str(tmp_path / 'p.json')!r}, "--quiet",
               "--jobs", "1"]),
         main(["redact", root, "--profile", {str(prof)!r}, "--out", {str(tmp_path / 'out')!r}, "--quiet",
               "--jobs", "1"]),
         main(["redact", root, "--profile", {str(prof)!r}, "--out", {str(tmp_path / 'out2')!r}, "--jobs", "1",
               "--review", {str(tmp_path / 'p.json')!r}, "--quiet"]),
         main(["verify", root, "--profile", {str(prof)!r}, "--quiet", "--jobs", "1"])]
print(json.dumps({{"codes": codes, "touched": touched}}))
"""
    before = digest(root)
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=str(tmp_path))
    assert res.returncode == 0, res.stderr
    result = json.loads(res.stdout.strip().splitlines()[-1])
    assert result["codes"][:3] == [0, 0, 0] and result["codes"][3] in (0, 1)   # verify: leaks or none
    assert result["touched"] == []
    assert digest(root) == before
    assert len(list((tmp_path / "out").glob("*.jpg"))) == 3


# --- item 2/6: atomic writes, stale temp files, a killed batch ---------------------------------

def _child_stuck_in_write(target: Path, data_len: int) -> subprocess.Popen:
    """A child that writes `target` through write_atomic and hangs in fsync (after the bytes,
    before the rename): the moment a power cut or kill does the most harm."""
    script = f"""
import os, sys, time
sys.path.insert(0, {str(REPO)!r})
from redaction.files import export
def stuck(fd):
    print("in-fsync", flush=True)
    time.sleep(60)
os.fsync = stuck
export.write_atomic(__import__("pathlib").Path({str(target)!r}), b"N" * {data_len})
"""
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)


def test_a_write_killed_midway_leaves_the_old_file_and_the_next_write_sweeps_the_temp(tmp_path):
    target = tmp_path / "out" / "page.jpg"
    write_atomic(target, b"OLD complete file")
    child = _child_stuck_in_write(target, 3_000_000)
    assert child.stdout.readline().strip() == "in-fsync"
    parts = list(target.parent.glob(".blindmask-*.part"))
    assert len(parts) == 1 and parts[0].name.startswith(f".blindmask-{child.pid}-")
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert target.read_bytes() == b"OLD complete file"          # never half of the new one
    assert collect_inputs([target.parent]) == [InputFile(target, Path("page.jpg"))]   # temp is no input
    write_atomic(target.parent / "other.jpg", b"x")              # next write into the folder …
    assert not list(target.parent.glob(".blindmask-*.part"))     # … removes the dead run's temp


def test_stale_sweep_spares_live_runs_and_unrelated_files(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    names = {
        f".blindmask-{dead.pid}-abc.part": True,         # its process is gone
        f".blindmask-{os.getpid()}-live.part": False,     # a write of this process, in flight
        f".blindmask-{os.getppid()}-old.part": True,      # alive, but an hour old: cannot be a write
        ".blindmask-legacy.part": False,                  # no pid, recent: left alone
        ".blindmask-legacy-old.part": True,               # no pid, old
        "notes.part": False, ".blindmask-report.json": False, "a.jpg": False,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    old = time.time() - 2 * export.STALE_SECONDS
    for name in (f".blindmask-{os.getppid()}-old.part", ".blindmask-legacy-old.part"):
        os.utime(tmp_path / name, (old, old))
    removed = {p.name for p in remove_stale_parts(tmp_path)}
    assert removed == {n for n, stale in names.items() if stale}
    assert {p.name for p in tmp_path.iterdir()} == {n for n, stale in names.items() if not stale}


def test_ctrl_c_during_a_write_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "a.jpg"
    target.write_bytes(b"old")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.jpg"]


def _noisy_batch(tmp_path: Path, n: int):
    """n large noisy scans (each takes a while to encode, so a kill lands mid-batch) and a
    reviewed proposals file confirming one box per page."""
    root = tmp_path / "scans"
    rng = np.random.default_rng(0)
    for i in range(n):
        img = rng.integers(0, 256, (1800, 1300, 3), dtype=np.uint8)
        cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 80])[1].tofile(str(write(root / f"第{i:02d}页.jpg", b"")))
    prof = tmp_path / "p.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    review = {"version": 1, "documents": [
        {"path": str(root / f"第{i:02d}页.jpg"), "error": None, "pages": [
            {"index": 0, "width": 1300, "height": 1800, "dpi": None, "decision": "confirmed",
             "regions": [{"kind": "name", "bbox": [100 + 10 * i, 200, 700, 420], "score": 1.0,
                          "text": None, "accepted": True}]}]} for i in range(n)]}
    rev = tmp_path / "review.json"
    rev.write_text(json.dumps(review, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "redaction", "redact", str(root), "--profile", str(prof), "--out", str(out),
           "--review", str(rev), "--quiet"]
    return cmd, out


def _wait_for_first_output(out: Path, timeout=60.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline and not list(out.glob("*.jpg")):
        time.sleep(0.005)


def _check_killed_and_resume(cmd, out: Path, n: int, env) -> None:
    done = sorted(out.glob("*.jpg"))
    assert 1 <= len(done) < n, "the kill should land mid-batch"
    for p in done:
        assert_clean_jpeg(p.read_bytes(), p.name)          # whole: SOI … EOI, decodes fully
        assert decode(p).shape == (1800, 1300, 3)
    assert all(p.suffix in (".jpg", ".part", ".json") for p in out.iterdir())
    assert [f.rel.name for f in collect_inputs([out])] == [p.name for p in done]   # temps are no inputs
    # resume: the same command into the same folder
    res = subprocess.run(cmd, cwd=str(REPO), env=env, capture_output=True, timeout=180)
    assert res.returncode == 0, res.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == sorted([f"第{i:02d}页.jpg" for i in range(n)] + [REPORT_NAME])
    for i in range(n):
        img = decode(out / f"第{i:02d}页.jpg")
        inside = img[208:412, 108 + 10 * i:692]              # every confirmed box burned (JPEG
        assert (inside < 60).all() and inside.mean() < 3     # ringing beside pure noise aside)
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    assert [p["output"] for d in report["documents"] for p in d["pages"]] == [f"第{i:02d}页.jpg" for i in range(n)]


def test_a_redact_batch_killed_midway_leaves_only_whole_jpegs_and_resumes(tmp_path):
    """`python -m redaction redact` (burning a reviewed proposals file) and all its processes are
    SIGKILLed as soon as the first output appears (a power cut): every JPEG present is complete,
    no temp file passes as an output, and a rerun into the same folder completes the batch with
    every confirmed box burned and the dead run's temp files gone."""
    n = 10
    cmd, out = _noisy_batch(tmp_path, n)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])   # a temp file from an earlier crash
    dead.wait()
    write(out / f".blindmask-{dead.pid}-crash.part", b"\xff\xd8 half a jpeg")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(cmd, cwd=str(REPO), env=env, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for_first_output(out)
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    _check_killed_and_resume(cmd, out, n, env)


def test_a_worker_killed_mid_batch_ends_the_run_cleanly_and_it_resumes(tmp_path):
    """With worker processes (--jobs 2), one worker is SIGKILLed mid-batch (the OOM killer): the
    run ends (no hang) with an error exit and no traceback, what was written is whole, and a
    rerun completes."""
    import psutil

    n = 10
    cmd, out = _noisy_batch(tmp_path, n)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(cmd + ["--jobs", "2"], cwd=str(REPO), env=env, stderr=subprocess.PIPE,
                             start_new_session=True)
    try:
        _wait_for_first_output(out)
        # spawned workers, not multiprocessing's resource tracker (also a child)
        workers = [p for p in psutil.Process(child.pid).children(recursive=True)
                   if "resource_tracker" not in " ".join(p.cmdline())]
        assert workers, "no worker processes"
        workers[0].send_signal(signal.SIGKILL)
        _, err = child.communicate(timeout=120)
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.wait(10)
    err = err.decode("utf-8", "replace")
    assert child.returncode not in (0, -signal.SIGKILL), err
    _check_killed_and_resume(cmd, out, n, env)
    assert "Traceback" not in err, err
    assert "a worker process died" in err
