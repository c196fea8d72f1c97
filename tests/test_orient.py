import numpy as np
import pytest

from redaction.orient import detect_rotation, rotate_box, rotate_image, rotation_from_lines
from tests.conftest import render_page


@pytest.fixture(scope="module")
def text_page():
    lines = [(90, 80 + 56 * i, f"第{i + 1}条 阿克苏地区关于专业技术职务任职资格评审工作的通知") for i in range(9)]
    return render_page(lines, size=(1400, 1000), font_px=30)


@pytest.mark.parametrize("scanned", [0, 90, 180, 270])
def test_detect_rotation_makes_text_upright(detector, text_page, scanned):
    page = rotate_image(text_page, scanned)
    fix = detect_rotation(detector.ocr, page)
    assert (scanned + fix) % 360 == 0


@pytest.mark.parametrize("scanned", [0, 180])
def test_rotation_from_lines_reuses_the_first_read(detector, text_page, scanned):
    page = rotate_image(text_page, scanned)
    quads = detector.ocr.detect_boxes(page)
    assert (scanned + rotation_from_lines(detector.ocr, page, quads)) % 360 == 0


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotate_box_follows_the_pixels(rotation):
    img = np.zeros((60, 100), np.uint8)
    box = (10, 5, 30, 25)
    img[5:25, 10:30] = 255
    rotated = rotate_image(img, rotation)
    x0, y0, x1, y1 = rotate_box(box, rotation, 100, 60)
    ys, xs = np.nonzero(rotated)
    assert (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1) == (x0, y0, x1, y1)


@pytest.mark.parametrize("scanned", [0, 90, 180, 270])
def test_sideways_pages_are_turned_before_reading(detector, text_page, scanned):
    from redaction.orient import sideways_rotation

    fix = sideways_rotation(detector.ocr, rotate_image(text_page, scanned))
    if scanned in (90, 270):
        assert (scanned + fix) % 360 == 0
    else:
        assert fix is None


def test_a_sideways_page_is_read_once(detector, text_page, profile):
    from pathlib import Path

    from redaction.document import Page

    reads = []
    real = detector.ocr.read
    detector.ocr.read = lambda image: reads.append(image.shape) or real(image)
    try:
        page = Page(rotate_image(text_page, 90), Path("p.jpg"), 0, 1, 200)
        upright, rotation, _ = detector.propose_upright(page, profile)
    finally:
        del detector.ocr.read
    assert rotation == 270 and upright.pixels.shape == text_page.shape
    assert reads == [text_page.shape]
