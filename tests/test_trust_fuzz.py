"""Trust, item 4: property-based tests of the loaders, the matcher and the burn core, and a short
mutation fuzz of the loaders on real files (in a child process, so a crash in a C decoder shows
as a failure instead of killing the test run)."""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from redaction.detect.match import approximate_find, match_lines
from redaction.files.burn import burn, coverage_mask
from redaction.files.document import DocumentError, load_pages
from redaction.model.profile import Profile
from redaction.model.regions import box_area, intersection
from redaction.ocr.base import TextLine, proportional_char_boxes
from redaction.text.normalize import normalize

REPO = Path(__file__).resolve().parents[1]
_TMP = Path(tempfile.mkdtemp(prefix="blindmask-fuzz-"))
# Hypothesis calls the tests many times per function-scoped tmp_path, hence one folder for the
# module; removed when the session ends (each run used to leave one in /tmp).
atexit.register(shutil.rmtree, _TMP, True)


def _write(name: str, data: bytes) -> Path:
    path = _TMP / name
    path.write_bytes(data)
    return path


def assert_valid_page(page) -> None:
    px = page.pixels
    assert px.dtype == np.uint8 and px.ndim == 3 and px.shape[2] == 3
    assert px.shape[0] >= 1 and px.shape[1] >= 1 and px.flags["C_CONTIGUOUS"]
    assert 0 <= page.index < page.page_count


# --- loaders ---------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(h=st.integers(1, 70), w=st.integers(1, 70), channels=st.sampled_from([1, 3, 4]),
       depth=st.sampled_from([np.uint8, np.uint16]), ext=st.sampled_from([".png", ".tif", ".bmp", ".jpg"]),
       seed=st.integers(0, 2**16))
def test_any_valid_image_loads_as_the_page_a_viewer_shows(h, w, channels, depth, ext, seed):
    rng = np.random.default_rng(seed)
    top = 256 if depth == np.uint8 else 65536
    shape = (h, w) if channels == 1 else (h, w, channels)
    img = rng.integers(0, top, shape, dtype=np.int64).astype(depth)
    if ext in (".bmp", ".jpg") and depth == np.uint16:
        img = (img >> 8).astype(np.uint8)
    if ext == ".jpg" and channels == 4:
        img = img[:, :, :3]
    ok, buf = cv2.imencode(ext, img)
    assume(ok)
    pages = load_pages(_write(f"valid{ext}", buf.tobytes()))
    assert len(pages) == 1
    page = pages[0]
    assert_valid_page(page)
    assert page.pixels.shape[:2] == (h, w)
    if ext == ".jpg":
        return
    # the exact expected pixels for lossless formats: 16 bit → high byte, gray → 3 equal
    # channels, alpha → composited on white
    back = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    if back.dtype == np.uint16:
        back = (back >> 8).astype(np.uint8)
    if back.ndim == 2:
        want = np.repeat(back[:, :, None], 3, axis=2)
    elif back.shape[2] == 4:
        a = back[:, :, 3:4].astype(np.float32) / 255
        want = (back[:, :, :3].astype(np.float32) * a + 255 * (1 - a)).astype(np.uint8)
    else:
        want = back[:, :, :3]
    assert np.array_equal(page.pixels, want)


PREFIXES = {".jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ".png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
            ".tif": b"II*\x00\x08\x00\x00\x00", ".bmp": b"BM", ".pdf": b"%PDF-1.7\n"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ext=st.sampled_from(sorted(PREFIXES)), body=st.binary(max_size=600), keep_prefix=st.booleans())
def test_arbitrary_bytes_never_crash_a_loader(ext, body, keep_prefix):
    data = (PREFIXES[ext] if keep_prefix else b"") + body
    path = _write(f"arbitrary{ext}", data)
    try:
        pages = load_pages(path)
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc) and len(str(exc)) < 300
        return
    for page in pages:
        assert_valid_page(page)


MUTATOR = r'''
import json, random, sys, time, traceback
sys.path.insert(0, REPO)
from pathlib import Path
import numpy as np
from redaction.files.document import DocumentError, iter_pages

seeds = json.loads(sys.argv[1])
budget = float(sys.argv[2])
rng = random.Random(1234)
tmp = Path(sys.argv[3])
stats = {"mutants": 0, "loaded": 0, "refused": 0, "unexpected": []}
start = time.time()

def mutate(data):
    data = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 16])):
        op = rng.random()
        if op < 0.35 and data:                     # flip bits
            i = rng.randrange(len(data)); data[i] ^= 1 << rng.randrange(8)
        elif op < 0.55 and data:                   # interesting bytes
            i = rng.randrange(len(data)); data[i] = rng.choice([0, 0xFF, 0x7F, 0x80, 0x01])
        elif op < 0.70 and len(data) > 8:          # truncate
            del data[rng.randrange(len(data) // 2, len(data)):]
        elif op < 0.80 and data:                   # duplicate a chunk
            i = rng.randrange(len(data)); j = min(len(data), i + rng.randrange(1, 512))
            data[i:i] = data[i:j]
        elif op < 0.90 and data:                   # delete a chunk
            i = rng.randrange(len(data)); del data[i:i + rng.randrange(1, 256)]
        elif len(data) > 24:                       # overwrite a header field with a big number
            i = rng.randrange(min(len(data) - 4, 256))
            data[i:i + 4] = rng.choice([b"\xff\xff\xff\x7f", b"\x00\x00\x75\x30", b"\x7f\xff\xff\xff"])
    return bytes(data)

names = sorted(seeds)
while time.time() - start < budget:
    for name in names:
        ext = Path(name).suffix
        data = mutate(Path(seeds[name]).read_bytes())
        path = tmp / ("m" + ext)
        path.write_bytes(data)
        stats["mutants"] += 1
        try:
            for page in iter_pages(path, dpi=50):
                px = page.pixels
                assert px.dtype == np.uint8 and px.ndim == 3 and px.shape[2] == 3 and px.size > 0
            stats["loaded"] += 1
        except DocumentError as exc:
            assert "\n" not in str(exc)
            stats["refused"] += 1
        except Exception as exc:
            bad = tmp / f"crash-{len(stats['unexpected'])}{ext}"
            bad.write_bytes(data)
            stats["unexpected"].append(f"{name}: {type(exc).__name__}: {exc} (saved as {bad})")
print(json.dumps(stats))
'''


def _seed_files(folder: Path) -> dict[str, str]:
    """Small real files of every supported kind."""
    import pymupdf
    from PIL import Image

    from tests.conftest import render_page

    page = render_page([(10, 10, "姓名：阿依古丽", 24)], size=(240, 120))
    out = {}
    for ext, params in ((".jpg", [cv2.IMWRITE_JPEG_QUALITY, 80]), (".png", []), (".bmp", [])):
        p = folder / f"seed{ext}"
        p.write_bytes(cv2.imencode(ext, page, params)[1].tobytes())
        out[p.name] = str(p)
    prog = folder / "seed-progressive.jpg"
    prog.write_bytes(cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_PROGRESSIVE, 1])[1].tobytes())
    out[prog.name] = str(prog)
    tif = folder / "seed.tif"
    frames = [Image.fromarray(page[:, :, ::-1]), Image.fromarray(page[::-1, :, ::-1])]
    frames[0].save(tif, save_all=True, append_images=frames[1:], compression="tiff_lzw")
    out[tif.name] = str(tif)
    doc = pymupdf.open()
    for i in range(2):
        p = doc.new_page(width=200, height=120)
        p.insert_text((10, 30), f"page {i}", fontsize=12)
        p.insert_image(pymupdf.Rect(10, 40, 130, 100), stream=cv2.imencode(".png", page)[1].tobytes())
    pdf = folder / "seed.pdf"
    doc.save(pdf, garbage=3, deflate=True)
    out[pdf.name] = str(pdf)
    return out


def test_mutation_fuzz_of_the_loaders_on_real_files(tmp_path):
    """~15 s of random mutations (bit flips, truncation, duplicated and deleted chunks, huge
    header values) of real JPEG, progressive JPEG, PNG, BMP, multi-page TIFF and PDF files:
    each mutant loads as valid pages or is refused with a one-line DocumentError."""
    seeds = _seed_files(tmp_path)
    res = subprocess.run([sys.executable, "-c", MUTATOR.replace("REPO", repr(str(REPO)), 1),
                          json.dumps(seeds), "15", str(tmp_path)],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, f"loader crashed the process (rc {res.returncode}): {res.stderr[-2000:]}"
    stats = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"\nmutation fuzz: {stats['mutants']} mutants, {stats['loaded']} loaded, {stats['refused']} refused")
    assert stats["unexpected"] == []
    assert stats["mutants"] >= 200 and stats["loaded"] > 0 and stats["refused"] > 0


# --- the matcher ----------------------------------------------------------------------------

def _line(text: str, x=0.0, y=0.0, char_w=30.0, h=32.0) -> TextLine:
    widths = [char_w if ord(c) >= 0x2E80 else char_w / 2 for c in text]
    x1 = x + max(1.0, sum(widths))
    quad = np.array([[x, y], [x1, y], [x1, y + h], [x, y + h]], np.float32)
    return TextLine(quad, text, 0.95, proportional_char_boxes(quad, text))


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)   # a small range: collisions happen
NOISE = st.text(st.one_of(CJK, st.sampled_from(list("·• 　：:（）()0123456789abcXYZ，。-"))), max_size=14)
TERM = st.text(CJK, min_size=2, max_size=10)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=TERM, employer=st.text(CJK, min_size=4, max_size=12), pre=NOISE, post=NOISE,
       which=st.booleans(), others=st.lists(NOISE, max_size=3))
def test_the_matcher_never_misses_an_exact_occurrence(name, employer, pre, post, which, others):
    assume(normalize(name) not in normalize(employer) and normalize(employer) not in normalize(name))
    profile = Profile(name=name, employers=(employer,))
    term, kind = (name, "name") if which else (employer, "employer")
    text = pre + term + post
    # an occurrence overlapping another exact occurrence of the same term ('一一' in '一一一') is
    # the known gap below; every other exact occurrence must be covered
    nt, ntext, p0 = normalize(term), normalize(text), len(normalize(pre))
    assume(not any(ntext.startswith(nt, i) for i in range(max(0, p0 - len(nt) + 1), p0 + len(nt)) if i != p0))
    target_line = _line(text, 0, 0)
    lines = [target_line] + [_line(t, 0, 60 * (i + 1)) for i, t in enumerate(others) if t]
    regions = match_lines(lines, profile)                       # never raises
    boxes = target_line.char_boxes[len(pre):len(pre) + len(term)]
    target = (boxes[0][0], boxes[0][1], boxes[-1][2], boxes[-1][3])
    covering = [r for r in regions if intersection(r.bbox, target) >= 0.999 * box_area(target)]
    assert covering, (text, term, [(r.kind, r.bbox) for r in regions])
    assert any(r.kind == kind for r in covering) or any(
        r.kind in ("name", "employer") for r in covering)


@settings(max_examples=300, deadline=None)
@given(term=st.text(CJK, min_size=1, max_size=12), pre=st.text(CJK, max_size=20), post=st.text(CJK, max_size=20),
       k=st.integers(0, 2))
def test_approximate_find_always_covers_an_exact_occurrence(term, pre, post, k):
    text = pre + term + post
    found = approximate_find(term, text, k)
    s, e = len(pre), len(pre) + len(term)
    # the occurrence is covered by the found spans (an overlapping exact twin may be chosen instead
    # of it only when the term repeats itself; then the spans still cover all but the overlap)
    covered = set()
    for a, b, errors in found:
        assert 0 <= a < b <= len(text) and errors <= k
        covered.update(range(a, b))
    missing = set(range(s, e)) - covered
    if missing:
        assert any(errors == 0 and a < e and b > s for a, b, errors in found), (term, text, found)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(max_size=30), max_size=5), name=st.text(min_size=1, max_size=8),
       employer=st.text(min_size=1, max_size=12))
def test_the_matcher_never_crashes_on_any_text(texts, name, employer):
    assume(normalize(name) and normalize(employer))
    assume(all(len(c.lower()) == 1 for c in "".join(texts) + name + employer))   # 'İ': see test_trust_leaks
    profile = Profile(name=name, employers=(employer,))
    lines = [_line(t, 0, 40 * i) for i, t in enumerate(texts)]
    for r in match_lines(lines, profile):
        assert r.kind in ("name", "employer") and r.bbox[2] >= r.bbox[0] and r.bbox[3] >= r.bbox[1]


# --- the burn core ---------------------------------------------------------------------------

BOX = st.tuples(st.floats(-50, 200, allow_nan=False), st.floats(-50, 150, allow_nan=False),
                st.floats(-50, 200, allow_nan=False), st.floats(-50, 150, allow_nan=False))


def _naive(shape, boxes):
    import math

    h, w = shape
    m = np.zeros(shape, bool)
    for x0, y0, x1, y1 in boxes:
        a, b = max(0, math.floor(min(max(x0, 0), w))), max(0, math.floor(min(max(y0, 0), h)))
        c, d = math.ceil(min(max(x1, 0), w)), math.ceil(min(max(y1, 0), h))
        if c > a and d > b:
            m[b:d, a:c] = True
    return m


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(h=st.integers(1, 120), w=st.integers(1, 160), gray=st.booleans(), deep=st.booleans(),
       boxes=st.lists(BOX, max_size=90), fill=st.tuples(*[st.integers(0, 255)] * 3), seed=st.integers(0, 99))
def test_burn_fills_every_pixel_inside_and_changes_none_outside(h, w, gray, deep, boxes, fill, seed):
    """Any page (gray or colour, 8 or 16 bit), any number of boxes (the box-by-box path and the
    one-pass mask path), fractional, inverted, outside the page: every pixel a box touches is the
    fill, every other pixel is untouched, and the input array is never modified."""
    rng = np.random.default_rng(seed)
    dtype = np.uint16 if deep else np.uint8
    shape = (h, w) if gray else (h, w, 3)
    img = rng.integers(0, 256, shape).astype(dtype)
    keep = img.copy()
    out = burn(img, boxes, fill)
    want = _naive((h, w), boxes)
    assert np.array_equal(coverage_mask((h, w), boxes), want)
    value = np.asarray(fill, dtype)[: 1 if gray else 3].squeeze()
    assert (out[want] == value).all()
    assert np.array_equal(out[~want], img[~want])
    assert np.array_equal(img, keep) and out.dtype == img.dtype and out.shape == img.shape


def test_burn_refuses_a_box_that_is_not_a_number_and_clips_huge_ones():
    img = np.full((10, 10, 3), 9, np.uint8)
    with pytest.raises(ValueError):
        burn(img, [(0, 0, float("nan"), 5)])
    assert (burn(img, [(-1e300, 2, 1e300, 4)])[2:4] == 0).all()
    assert (burn(img, [(-(10**30), 0, 10**30, 10)]) == 0).all()


def test_overlapping_occurrences_of_a_repeating_name_are_all_covered():
    profile = Profile(name="婷婷", employers=("某某单位",))
    ln = _line("姓名婷婷婷", 0, 0)
    covered = np.zeros(200, bool)
    for r in match_lines([ln], profile):
        covered[int(max(0, r.bbox[0])):int(r.bbox[2])] = True
    assert covered[60:150].all()      # characters 2, 3 and 4
