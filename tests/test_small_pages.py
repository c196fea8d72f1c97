"""Small images (a page shrunk for the web, a thumbnail) are read enlarged: text 8–10 px tall is
below what OCR reads, and the regions come back in the image's own pixels."""

from __future__ import annotations

from pathlib import Path

import cv2

from redaction.files.document import Page
from redaction.pipeline.propose import SMALL_PAGE, enlargement
from tests.conftest import render_page, text_box


def _page(pixels) -> Page:
    return Page(pixels=pixels, source=Path("small.jpg"), index=0, page_count=1, dpi=None)


def test_only_small_pages_are_enlarged():
    assert enlargement(_page(render_page([], size=(1654, 2339)))) == 1.0
    assert enlargement(_page(render_page([], size=(SMALL_PAGE, 700)))) == 1.0
    assert 2.9 <= enlargement(_page(render_page([], size=(354, 500)))) <= 3.0


def test_an_employer_in_a_page_shrunk_for_the_web_is_found_in_its_own_pixels(detector, profile):
    lines = [(120, 200, "证明"), (120, 400, "兹证明阿依古丽·买买提同志系我单位职工。"),
             (120, 520, "阿克苏地区生态环境局")]
    big = render_page(lines, size=(1654, 2339), font_px=48)
    k = 300 / 1654                                   # the page at ~36 dpi: its text 9 px tall
    small = cv2.resize(big, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    upright, rotation, regions = detector.propose_upright(_page(small), profile)
    assert rotation == 0 and upright.pixels.shape == small.shape
    employer = next(r for r in regions if r.kind == "employer" and r.accepted)
    x0, y0, x1, y1 = (v * k for v in text_box(120, 520, "阿克苏地区生态环境局", 48))
    bx0, by0, bx1, by1 = employer.bbox
    assert bx0 <= x0 + 1 and by0 <= y0 + 1 and bx1 >= x1 - 1 and by1 >= y1 - 1
    assert bx1 <= small.shape[1] and by1 <= small.shape[0]
