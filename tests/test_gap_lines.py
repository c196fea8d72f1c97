"""A word the text detector missed between two lines it found on one row is read on its own
(dev: a blue 'Zuo Jia' squeezed under a Chinese line, between two red English lines)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from redaction.detect.match import match_lines
from redaction.detect.page_text import gap_lines, read_page_text
from redaction.model.profile import Profile
from redaction.ocr.base import TextLine, proportional_char_boxes
from redaction.ocr.registry import get_engine

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def _row(words: list[str], space: int = 18) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    img = Image.new("RGB", (1400, 120), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 36)
    x, boxes = 40, []
    for word in words:
        x0, y0, x1, y1 = draw.textbbox((x, 40), word, font=font)
        draw.text((x, 40), word, font=font, fill="black")
        boxes.append((x0, y0, x1, y1))
        x = x1 + space
    return np.asarray(img)[:, :, ::-1].copy(), boxes


def _line(box, text):
    x0, y0, x1, y1 = box
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextLine(quad, text, 0.97, proportional_char_boxes(quad, text))


def test_a_name_between_two_detected_lines_is_read_and_matched():
    image, boxes = _row(["This is to certify that", "Zuo Jia", "won the First Prize"])
    found = [_line(boxes[0], "This is to certify that"), _line(boxes[2], "won the First Prize")]
    extra = gap_lines(get_engine(), image, found)
    assert [ln.text.replace(" ", "") for ln in extra] == ["ZuoJia"]
    gx0, _, gx1, _ = extra[0].bbox
    assert gx0 <= boxes[1][0] + 2 and gx1 >= boxes[1][2] - 2
    regions = match_lines(found + extra, Profile(name="左佳", aliases=("Zuo Jia",), employers=("哈尔滨工业大学",)),
                          get_engine().characters())
    assert any(r.kind == "name" and r.accepted for r in regions)


def test_an_empty_gap_or_a_rule_is_not_read():
    image, boxes = _row(["This is to certify that", "won the First Prize"], space=150)
    found = [_line(boxes[0], "This is to certify that"), _line(boxes[1], "won the First Prize")]
    assert gap_lines(get_engine(), image, found) == []        # blank paper between two cells
    x = (boxes[0][2] + boxes[1][0]) // 2
    image[30:100, x:x + 3] = 0                      # a table's vertical rule in the gap
    assert gap_lines(get_engine(), image, found) == []
    image[60:64, boxes[0][2] + 10:boxes[1][0] - 10] = 0    # a fill-in line under a blank
    assert gap_lines(get_engine(), image, found) == []


class _MissesTheName:
    """The real recogniser, behind a page detection that found only the two outer lines (as the
    dev page's did)."""

    def __init__(self, lines: list[TextLine]):
        self._lines, self._engine = lines, get_engine()

    def read(self, image, quads=None):
        return list(self._lines)

    def recognize(self, crops):
        return self._engine.recognize(crops)


def test_a_page_without_red_ink_has_its_gaps_read_too():
    # Gaps were read only on pages with red ink: a black-and-white page returned before them.
    image, boxes = _row(["This is to certify that", "Zuo Jia", "won the First Prize"])
    found = [_line(boxes[0], "This is to certify that"), _line(boxes[2], "won the First Prize")]
    lines = read_page_text(_MissesTheName(found), image)
    assert [ln.text.replace(" ", "") for ln in lines if ln.source == "gap"] == ["ZuoJia"]
