import cv2
import numpy as np
import pytest

from redaction.detect.orient import detect_rotation, rotate_box, rotate_image, rotation_from_lines
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
    from redaction.detect.orient import sideways_rotation

    fix = sideways_rotation(detector.ocr, rotate_image(text_page, scanned))
    if scanned in (90, 270):
        assert (scanned + fix) % 360 == 0
    else:
        assert fix is None


def test_a_sideways_page_is_read_once(detector, text_page, profile):
    from pathlib import Path

    from redaction.files.document import Page

    reads = []
    real = detector.ocr.read
    detector.ocr.read = lambda image, **kw: reads.append(image.shape) or real(image, **kw)
    try:
        page = Page(rotate_image(text_page, 90), Path("p.jpg"), 0, 1, 200)
        upright, rotation, _ = detector.propose_upright(page, profile)
    finally:
        del detector.ocr.read
    assert rotation == 270 and upright.pixels.shape == text_page.shape
    assert reads == [text_page.shape]


def test_an_upright_page_is_detected_once(detector, text_page, profile):
    """Orientation looks at the page's line boxes; reading then reuses them (no second detection)."""
    from pathlib import Path

    from redaction.files.document import Page

    calls = []
    ocr = detector.ocr
    real_detect, real_read = ocr.detect_boxes, ocr.read
    ocr.detect_boxes = lambda image: calls.append(("detect", image.shape)) or real_detect(image)
    ocr.read = lambda image, quads=None: calls.append(("read", quads is not None)) or real_read(image, quads=quads)
    try:
        upright, rotation, regions = detector.propose_upright(Page(text_page, Path("p.jpg"), 0, 1, 200), profile)
    finally:
        del ocr.detect_boxes, ocr.read
    assert rotation == 0
    assert calls == [("detect", text_page.shape), ("read", True)]


@pytest.fixture(scope="module")
def named_page():
    lines = [(90, 80 + 56 * i, f"第{i + 1}条 阿克苏地区关于专业技术职务任职资格评审工作的通知") for i in range(7)]
    lines += [(90, 500, "申报人：阿依古丽·买买提  工作单位：阿克苏地区生态环境局")]
    return render_page(lines, size=(1400, 1000), font_px=30)


@pytest.mark.parametrize("scanned", [90, 180, 270])
def test_a_turned_page_is_read_once_upright_on_its_upright_lines(detector, named_page, profile, scanned):
    """Orientation needs only line boxes and the direction classifier, so a turned page is not
    read (recognised) before it is turned. It is detected again once upright (the turned page's
    lines lose pieces: test_sideways) and read once. What it proposes matches the same page
    scanned upright."""
    from pathlib import Path

    from redaction.files.document import Page
    calls = []
    ocr = detector.ocr
    real_detect, real_read = ocr.detect_boxes, ocr.read
    ocr.detect_boxes = lambda image: calls.append(("detect", image[0, 0, 0], image.shape)) or real_detect(image)
    ocr.read = lambda image, quads=None: calls.append(("read", quads is not None, image.shape)) or \
        real_read(image, quads=quads)
    turned = rotate_image(named_page, scanned)
    turned[0, 0] = 17   # marks which way round each detection saw the page
    try:
        upright, rotation, regions = detector.propose_upright(Page(turned, Path("p.jpg"), 0, 1, 200), profile)
    finally:
        del ocr.detect_boxes, ocr.read
    assert (scanned + rotation) % 360 == 0
    assert calls == [("detect", 17, turned.shape), ("detect", 255, named_page.shape), ("read", True, named_page.shape)]
    assert np.array_equal(upright.pixels, rotate_image(turned, rotation))
    _, _, direct = detector.propose_upright(Page(named_page, Path("p.jpg"), 0, 1, 200), profile)
    assert sorted(r.kind for r in regions) == sorted(r.kind for r in direct) and direct
    ink = named_page.min(axis=2) < 128
    for r in direct:   # the same ink covered (turned boxes sit a few pixels apart)
        x0, y0, x1, y1 = r.bbox
        covered = np.zeros_like(ink)
        for o in regions:
            if o.kind == r.kind:
                covered[o.bbox[1]:o.bbox[3], o.bbox[0]:o.bbox[2]] = True
        assert ink[y0:y1, x0:x1].sum() > 500
        assert covered[y0:y1, x0:x1][ink[y0:y1, x0:x1]].mean() == 1.0, r


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_turned_quads_are_the_boxes_of_the_turned_image(rotation):
    from redaction.detect.orient import rotate_quads

    img = np.zeros((60, 100), np.uint8)
    quad = np.array([[10, 5], [40, 8], [39, 20], [9, 17]], np.float32)   # clockwise from top-left
    cv2.fillPoly(img, [quad.astype(np.int32)], 255)
    (turned,) = rotate_quads([quad], rotation, 100, 60)
    ys, xs = np.nonzero(rotate_image(img, rotation))
    assert abs(turned[:, 0].min() - xs.min()) <= 1 and abs(turned[:, 1].min() - ys.min()) <= 1
    assert abs(turned[:, 0].max() - (xs.max() + 1)) <= 1 and abs(turned[:, 1].max() - (ys.max() + 1)) <= 1
    # still clockwise from the top-left: the first corner is the one nearest the origin, and the
    # next one lies to its right
    assert np.argmin(turned.sum(axis=1)) == 0 and turned[1, 0] > turned[0, 0]


@pytest.mark.parametrize("with_text", [True, False])
def test_faces_skip_the_rotation_search_only_on_pages_turned_upright_by_their_text(detector, profile, with_text):
    """A page made upright from its text lines has upright photos: the face detector's rotated
    passes (60 % of its time) are skipped. A page without text to go by keeps them, so a photo
    scanned sideways still gets its eyes masked."""
    from pathlib import Path

    from redaction.files.document import Page
    from testkit.imaging import (
        astronaut_portrait,
        blank_page,
        paste_photo,
        rotate_box,
        rotate_page,
        text_page as imaging_text_page,
    )

    photo, eyes = astronaut_portrait()
    page = imaging_text_page(lines=12) if with_text else blank_page()
    true_eyes = paste_photo(page, photo, eyes, 1150, 1500, 160)
    page, to_new = rotate_page(page, 90)
    true_eyes = [rotate_box(e, to_new) for e in true_eyes]
    seen = []
    faces = detector.faces
    real = faces.detect
    faces.detect = lambda image, try_rotations=True: seen.append(try_rotations) or real(image, try_rotations)
    try:
        upright, rotation, regions = detector.propose_upright(Page(page, Path("p.jpg"), 0, 1, 200), profile)
    finally:
        del faces.detect
    assert seen == [not with_text]
    eyes_boxes = [r.bbox for r in regions if r.kind == "eyes"]
    assert len(eyes_boxes) == 1
    h, w = page.shape[:2]
    from redaction.detect.orient import rotate_box as turn
    band = turn(eyes_boxes[0], (360 - rotation) % 360, upright.pixels.shape[1], upright.pixels.shape[0])
    for ex0, ey0, ex1, ey1 in true_eyes:   # both eyes inside the band, in the scanned page's pixels
        assert band[0] <= ex0 and band[1] <= ey0 and band[2] >= ex1 and band[3] >= ey1


def test_an_upside_down_page_whose_lines_do_not_read_is_still_turned(detector, text_page, profile):
    """A grey photocopy scanned upside down reads as garbage under the score threshold (seed-5
    corpus letter: one line of 15 survived, so it was left upside down with 5 items missed). The
    orientation vote uses every detected line, not only the ones that were read."""
    from pathlib import Path

    from redaction.files.document import Page

    ocr = detector.ocr
    real_read = ocr.read
    ocr.read = lambda image, quads=None: real_read(image, quads=quads)[:1]   # all but one line dropped
    try:
        page = Page(rotate_image(text_page, 180), Path("p.jpg"), 0, 1, 200)
        upright, rotation, _ = detector.propose_upright(page, profile)
    finally:
        del ocr.read
    assert rotation == 180
    assert np.array_equal(upright.pixels, text_page)
