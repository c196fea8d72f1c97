import struct
import zlib

import cv2
import numpy as np
import pytest
from PIL import Image

from redaction.files.document import (
    DocumentError,
    collect_inputs,
    iter_pages,
    load_pages,
    page_count,
)
from tests.conftest import write_image


def _gradient(h=120, w=200):
    y, x = np.mgrid[0:h, 0:w]
    return np.dstack([(x % 256), (y % 256), ((x + y) % 256)]).astype(np.uint8)


def test_jpg_png_bmp_load_as_bgr(tmp_path):
    img = _gradient()
    for ext in (".png", ".bmp", ".jpg", ".JPG", ".jpeg", ".TIF"):
        path = write_image(tmp_path / f"a{ext}", img, ext.lower() if ext != ".TIF" else ".tif")
        pages = load_pages(path)
        assert len(pages) == 1
        p = pages[0]
        assert p.pixels.shape == img.shape and p.pixels.dtype == np.uint8
        tol = 12 if "jp" in ext.lower() else 0
        assert np.abs(p.pixels.astype(int) - img).mean() <= tol


def test_chinese_path_with_spaces(tmp_path):
    path = write_image(tmp_path / "申报 材料" / "毕业 证书.png", _gradient(), ".png")
    assert load_pages(path)[0].pixels.shape == (120, 200, 3)


def test_exif_orientation_is_applied(tmp_path):
    img = Image.fromarray(_gradient(100, 300)[:, :, ::-1])
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    path = tmp_path / "rotated.jpg"
    img.save(path, exif=exif)
    p = load_pages(path)[0]
    assert p.pixels.shape[:2] == (300, 100)
    # the top-left of the displayed image is the bottom-left of the stored one
    stored = cv2.imdecode(np.fromfile(str(path), np.uint8), cv2.IMREAD_IGNORE_ORIENTATION | cv2.IMREAD_COLOR)
    assert np.abs(p.pixels.astype(int) - np.rot90(stored, -1)).mean() < 2


def test_multipage_tiff(tmp_path):
    frames = [Image.new("RGB", (80, 60), c) for c in ("red", "green", "blue")]
    path = tmp_path / "scan.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    pages = load_pages(path)
    assert [p.index for p in pages] == [0, 1, 2]
    assert all(p.page_count == 3 for p in pages)
    assert tuple(pages[2].pixels[0, 0]) == (255, 0, 0)  # blue in BGR
    assert page_count(path) == 3


def test_pdf_pages_render_at_dpi(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    for _ in range(2):
        page = doc.new_page(width=595, height=842)  # A4 in points
        page.insert_text((72, 72), "hello", fontsize=20)
    path = tmp_path / "two.pdf"
    doc.save(path)
    pages = load_pages(path, dpi=100)
    assert len(pages) == 2 and pages[0].dpi == 100
    h, w = pages[0].pixels.shape[:2]
    assert abs(h - 842 * 100 / 72) <= 1 and abs(w - 595 * 100 / 72) <= 1


def test_gray_16bit_alpha_and_cmyk_become_bgr8(tmp_path):
    gray = (np.arange(100 * 50).reshape(50, 100) % 256).astype(np.uint8)
    assert load_pages(write_image(tmp_path / "g.png", gray, ".png"))[0].pixels.shape == (50, 100, 3)
    deep = (gray.astype(np.uint16) * 257)
    p16 = tmp_path / "deep.tif"
    cv2.imencode(".tif", deep)[1].tofile(str(p16))
    px = load_pages(p16)[0].pixels
    assert px.dtype == np.uint8 and px.shape == (50, 100, 3) and abs(int(px[0, 10, 0]) - 10) <= 1
    rgba = np.zeros((40, 40, 4), np.uint8)  # fully transparent → white, not black
    px = load_pages(write_image(tmp_path / "a.png", rgba, ".png"))[0].pixels
    assert px.min() == 255
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (64, 32), (0, 255, 255, 0)).save(cmyk)  # pure red in CMYK
    px = load_pages(cmyk)[0].pixels
    assert px.shape == (32, 64, 3)
    b, g, r = px[16, 32].astype(int)
    assert r > 180 and g < 80 and b < 80


def _png_header_only(width, height) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("name, data, message", [
    ("empty.jpg", b"", "empty file"),
    ("random.jpg", bytes(range(256)) * 10, "not a readable image"),
    ("bomb.png", _png_header_only(30000, 30000), "image too large"),
    ("fake.pdf", b"%PDF-1.4\n garbage garbage", "damaged PDF"),
    ("notes.txt", b"hello", "unsupported file type"),
])
def test_bad_files_give_one_line_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        load_pages(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_truncated_jpeg_and_corrupt_png_are_errors_or_partial_never_crash(tmp_path):
    good = cv2.imencode(".jpg", _gradient(400, 400))[1].tobytes()
    trunc = tmp_path / "trunc.jpg"
    trunc.write_bytes(good[: len(good) // 3])
    try:
        pages = load_pages(trunc)
        assert pages[0].pixels.shape == (400, 400, 3)  # libjpeg pads a truncated scan
    except DocumentError as exc:
        assert "damaged" in str(exc) or "readable" in str(exc)
    png = bytearray(cv2.imencode(".png", _gradient())[1].tobytes())
    png[60:80] = b"\xff" * 20
    bad = tmp_path / "bad.png"
    bad.write_bytes(bytes(png))
    with pytest.raises(DocumentError):
        load_pages(bad)


def test_encrypted_pdf_is_refused_clearly(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    path = tmp_path / "locked.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    with pytest.raises(DocumentError, match="encrypted PDF"):
        load_pages(path)


def test_pdf_pages_stream_one_at_a_time(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    for i in range(30):
        doc.new_page(width=200, height=200).insert_text((20, 20), str(i))
    path = tmp_path / "many.pdf"
    doc.save(path)
    it = iter_pages(path, dpi=72)
    first = next(it)
    assert first.index == 0 and first.page_count == 30
    assert sum(1 for _ in it) == 29


def test_collect_inputs_walks_sorted_and_skips_output_folder(tmp_path):
    root = tmp_path / "in"
    for rel in ("b.jpg", "a.PDF", "sub/c.png", "sub/readme.txt", "out/old.jpg"):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    found = collect_inputs([root], exclude=[root / "out"])
    assert [f.rel.as_posix() for f in found] == ["a.PDF", "b.jpg", "sub/c.png"]
    single = collect_inputs([root / "b.jpg"])
    assert single[0].rel.as_posix() == "b.jpg"
    with pytest.raises(FileNotFoundError):
        collect_inputs([tmp_path / "nope"])


def test_load_page_renders_only_the_page_asked_for(tmp_path):
    import pymupdf

    from redaction.files.document import load_page

    doc = pymupdf.open()
    for i in range(5):
        doc.new_page(width=200, height=100 + 10 * i)
    path = tmp_path / "five.pdf"
    doc.save(path)
    page = load_page(path, 3, dpi=72)
    assert (page.index, page.page_count, page.height) == (3, 5, 130)
    with pytest.raises(DocumentError, match="page 6 does not exist"):
        load_page(path, 5, dpi=72)
    tiff = tmp_path / "t.tif"
    frames = [Image.new("RGB", (10, 10), c) for c in ("red", "green")]
    frames[0].save(tiff, save_all=True, append_images=frames[1:])
    assert tuple(load_page(tiff, 1).pixels[0, 0]) == (0, 128, 0)
