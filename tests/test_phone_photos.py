"""Phone photos (issue 14, item 6): HEIC/HEIF (an iPhone's default) and WebP load like JPEG, upright,
in the loader and end to end through `blindmask redact` with the real detector.

The photos are made here: a synthetic page with the applicant's name on it, stored sideways with an
orientation tag (6: turn 90° clockwise to display), as a phone stores a page photographed in
portrait. pillow-heif writes the orientation into the HEIC container (irot) and keeps an EXIF
orientation tag beside it, as an iPhone does; the page must come out turned exactly once.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

import redaction.files.document as document
from redaction.cli import main
from redaction.files.document import DocumentError, collect_inputs, load_pages, page_count
from redaction.files.export import REPORT_NAME
from tests.conftest import render_page, text_box
from tests.test_trust_leaks import assert_clean_jpeg

PROFILE_TOML = 'name = "阿依古丽·买买提"\naliases = ["阿依古丽"]\nemployers = ["阿克苏地区生态环境局"]\n'
NAME_AT = (330, 240, "阿依古丽·买买提")
EMPLOYER_AT = (330, 160, "阿克苏地区生态环境局")
SIZE = (1240, 900)  # upright page, width × height


def upright_page() -> np.ndarray:
    return render_page([(120, 80, "专业技术资格证书", 44), (120, 160, "工作单位："), EMPLOYER_AT,
                        (120, 240, "姓　　名："), NAME_AT, (120, 320, "专业：环境工程  级别：高级工程师")],
                       size=SIZE)


def save_sideways(bgr_upright: np.ndarray, path: Path, **save) -> Path:
    """Store the page turned 90° counter-clockwise with EXIF orientation 6 (and the applicant's
    name in the EXIF too, which must never reach an output); the format follows the suffix."""
    document._pil()  # registers pillow-heif's HEIF writer and reader with Pillow
    stored = np.rot90(bgr_upright, 1)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x013B] = "阿依古丽·买买提"  # Artist
    exif[0x010F] = "Apple"           # Make
    im = Image.fromarray(cv2.cvtColor(np.ascontiguousarray(stored), cv2.COLOR_BGR2RGB))
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, format="HEIF" if path.suffix.lower() in (".heic", ".heif") else "WEBP",
            exif=exif.tobytes(), quality=save.pop("quality", 92), **save)
    return path


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return upright_page()


@pytest.mark.parametrize("name", ["IMG_0001.HEIC", "photo.heif", "截图 1.webp", "IMG_0002.WEBP"])
def test_phone_photo_loads_upright_with_the_orientation_applied_once(tmp_path, page, name):
    path = save_sideways(page, tmp_path / "手机 照片" / name)
    with Image.open(path) as im:  # the file really is stored sideways and says so
        if im.format == "HEIF":
            assert im.info["original_orientation"] == 6 and im.size == SIZE  # irot in the container
        else:
            assert im.getexif()[0x0112] == 6 and im.size == SIZE[::-1]
    pages = load_pages(path)
    assert len(pages) == 1 and page_count(path) == 1
    p = pages[0]
    assert p.pixels.shape == page.shape and p.pixels.dtype == np.uint8 and p.pixels.flags.c_contiguous
    diff = np.abs(p.pixels.astype(int) - page.astype(int)).max(axis=2)
    assert diff.mean() < 4 and np.percentile(diff, 99) < 60  # the upright page (lossy coding aside)
    # and not turned a second time (or the wrong way): any other turn is far off
    for wrong in (np.rot90(page, 2), cv2.flip(page, 1)):
        assert np.abs(p.pixels.astype(int) - wrong.astype(int)).mean() > 5 * diff.mean()


def test_suffixes_are_found_in_any_case_when_walking(tmp_path, page):
    small = cv2.resize(page, (310, 225))
    for name in ("IMG_0001.HEIC", "b.heif", "c.WebP", "d.webp"):
        save_sideways(small, tmp_path / name)
    (tmp_path / "IMG_0001.AAE").write_text("<plist/>")  # the iPhone's edit sidecar is not an input
    assert [i.rel.name for i in collect_inputs([tmp_path])] == ["IMG_0001.HEIC", "b.heif", "c.WebP", "d.webp"]


def test_heic_with_several_images_gives_the_primary_one(tmp_path):
    document._pil()
    first, primary = Image.new("RGB", (64, 48), "red"), Image.new("RGB", (80, 60), "blue")
    path = tmp_path / "burst.heic"
    first.save(path, save_all=True, append_images=[primary], primary_index=1)
    pages = load_pages(path)
    assert len(pages) == 1 and page_count(path) == 1
    assert pages[0].pixels.shape == (60, 80, 3)
    b, g, r = pages[0].pixels[30, 40].astype(int)
    assert b > 200 and g < 40 and r < 40


def test_transparent_heic_and_webp_are_on_white(tmp_path):
    document._pil()
    clear = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    for name in ("t.heic", "t.webp"):
        clear.save(tmp_path / name, quality=90)
        assert load_pages(tmp_path / name)[0].pixels.min() >= 250, name


def test_the_pixel_limit_applies_before_decoding(tmp_path, page, monkeypatch):
    heic = save_sideways(page, tmp_path / "a.heic")
    webp = save_sideways(page, tmp_path / "a.webp")
    monkeypatch.setattr(document, "MAX_PIXELS", 1000 * 1000)

    def never(*a, **k):
        raise AssertionError("decoded despite the pixel limit")

    monkeypatch.setattr(document, "_decode_heif", never)
    monkeypatch.setattr(document.cv2, "imdecode", never)
    for path, dims in ((heic, "1240×900"), (webp, "900×1240")):  # WebP's header: the stored size
        with pytest.raises(DocumentError) as info:
            load_pages(path)
        assert f"image too large ({dims} = 1 MP; limit 1 MP)" in str(info.value)


def corrupt_variants(good: bytes) -> dict[str, bytes]:
    return {"truncated": good[: len(good) // 2], "header only": good[:40],
            "scrambled": good[:16] + bytes(range(256)) * 4 + good[16 + 1024:]}


@pytest.mark.parametrize("suffix", [".heic", ".webp"])
def test_corrupt_heic_and_webp_are_one_line_errors(tmp_path, page, suffix):
    good = save_sideways(cv2.resize(page, (620, 450)), tmp_path / f"good{suffix}").read_bytes()
    for kind, data in corrupt_variants(good).items():
        path = tmp_path / f"{kind}{suffix}"
        path.write_bytes(data)
        with pytest.raises(DocumentError) as info:
            load_pages(path)
        message = str(info.value)
        assert message.startswith("image data is damaged or truncated"), (kind, message)
        assert "\n" not in message and "0x" not in message, (kind, message)  # no object addresses


# --- end to end: `blindmask redact` with the real detector ----------------------------------------

@pytest.fixture(scope="module")
def redacted(tmp_path_factory):
    """One real run over a folder with a HEIC and a WebP photo of the page and a corrupt one of
    each; returns (folder, out, exit code, stderr)."""
    root = tmp_path_factory.mktemp("手机 照片")
    page = upright_page()
    heic = save_sideways(page, root / "IMG_0001.HEIC")
    webp = save_sideways(page, root / "微信图片.webp")
    (root / "IMG_0002.HEIC").write_bytes(heic.read_bytes()[: heic.stat().st_size // 2])
    (root / "截图.webp").write_bytes(webp.read_bytes()[: webp.stat().st_size // 2])
    profile = root.parent / "profile.toml"
    profile.write_text(PROFILE_TOML, encoding="utf-8")
    out = root.parent / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["redact", str(root), "--profile", str(profile), "--out", str(out), "--quiet"])
    return root, out, code, err.getvalue()


def read_jpg(path: Path) -> np.ndarray:
    return cv2.imdecode(np.fromfile(str(path), np.uint8), cv2.IMREAD_COLOR)


@pytest.mark.parametrize("output", ["IMG_0001.jpg", "微信图片.jpg"])
def test_redact_masks_the_name_on_heic_and_webp_photos(redacted, output, no_network):
    root, out, code, err = redacted
    masked = read_jpg(out / output)
    assert masked.shape == (SIZE[1], SIZE[0], 3)                      # upright, as the page
    for where in (NAME_AT, EMPLOYER_AT):
        x0, y0, x1, y1 = text_box(*where)
        inside = masked[y0 + 2:y1 - 2, x0 + 2:x1 - 2].astype(int)
        assert inside.max() < 40, (output, where[2], inside.max())   # solid fill, every pixel
    # the rest of the page is still readable: the title and the labels are left alone
    x0, y0, x1, y1 = text_box(120, 80, "专业技术资格证书", 44)
    assert (masked[y0:y1, x0:x1].min(axis=2) > 200).mean() > 0.5
    data = (out / output).read_bytes()
    assert_clean_jpeg(data, output)                                    # no EXIF (nor anything else)
    with Image.open(out / output) as im:
        assert len(im.getexif()) == 0
    assert "阿依古丽".encode() not in data and b"Apple" not in data
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    doc = next(d for d in report["documents"] if d["pages"] and d["pages"][0]["output"] == output)
    pg = doc["pages"][0]
    assert (pg["width"], pg["height"]) == SIZE and not pg.get("rotation")
    assert {"name", "employer"} <= {r["kind"] for r in pg["regions"] if r["accepted"]}


def test_corrupt_heic_and_webp_exit_3_and_the_rest_is_written(redacted):
    root, out, code, err = redacted
    assert code == 3
    errors = [ln for ln in err.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 2, err
    for name in ("IMG_0002.HEIC", "截图.webp"):
        line = next(ln for ln in errors if f"{name}:" in ln)
        assert "image data is damaged or truncated" in line
    assert "Traceback" not in err
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["IMG_0001.jpg", REPORT_NAME, "微信图片.jpg"]
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    docs = {Path(d["path"]).name: d for d in report["documents"]}
    for name in ("IMG_0002.HEIC", "截图.webp"):
        assert "damaged or truncated" in docs[name]["error"] and docs[name]["pages"] == []
    assert sorted(p.name for p in root.iterdir()) == ["IMG_0001.HEIC", "IMG_0002.HEIC", "微信图片.webp",
                                                       "截图.webp"]   # nothing written beside the inputs
