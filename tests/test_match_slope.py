"""A sloped line's term is boxed in pieces along the slope (boxes stay upright rectangles): one
upright box round a line sloping across a phone photo covers the ends of the lines above and below
(own corpus seed 1 page 067: a journal's English affiliation line over its neighbours' names)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

import redaction.detect.match as match
from redaction.detect.match import along_slope, match_lines
from redaction.model.profile import Profile
from redaction.ocr.base import TextLine

PROFILE = Profile(name="阿依古丽·买买提", employers=("阿克苏地区生态环境局",))
SLOPE = np.tan(np.deg2rad(4.0))
H, CHAR = 40, 60


def sloped(text: str, x: float, y: float) -> TextLine:
    """A line sloping down 4° to the right, each character's box its own part of the slope (as the
    recogniser's word boxes give them)."""
    n = len(text)
    x1 = x + n * CHAR
    quad = np.array([[x, y], [x1, y + SLOPE * n * CHAR], [x1, y + SLOPE * n * CHAR + H], [x, y + H]], np.float32)
    boxes = []
    for i in range(n):
        a, b = x + i * CHAR, x + (i + 1) * CHAR
        boxes.append((a, y + SLOPE * (a - x), b, y + SLOPE * (b - x) + H))
    return TextLine(quad, text, 0.95, boxes)


def share_covered(line: TextLine, boxes, size=(1400, 800)) -> float:
    """Share of a line's quad under the boxes."""
    quad = np.zeros(size[::-1], np.uint8)
    cv2.fillPoly(quad, [np.round(line.quad).astype(np.int32)], 1)
    under = np.zeros_like(quad)
    for x0, y0, x1, y1 in boxes:
        under[int(y0):int(np.ceil(y1)), int(x0):int(np.ceil(x1))] = 1
    return float((quad & under).sum()) / float(quad.sum())


def page() -> list[TextLine]:
    return [sloped("张伟王芳李娜刘洋陈静杨帆赵磊黄敏周杰吴", 100, 200),
            sloped("工作单位阿克苏地区生态环境局科技科主任", 100, 260),
            sloped("孙丽马超朱琳胡军郭敏何平高洁林涛罗静梁", 100, 320)]


@pytest.mark.parametrize("split", [True, False])
def test_a_sloped_lines_employer_is_boxed_along_the_slope(split, monkeypatch):
    if not split:
        monkeypatch.setattr(match, "SLOPE_PIECE_RISE", 1e9)
    above, target, below = page()
    boxes = [r.bbox for r in match_lines([above, target, below], PROFILE) if r.kind == "employer"]
    term = TextLine(np.array([[340, 260 + SLOPE * 240], [940, 260 + SLOPE * 840], [940, 300 + SLOPE * 840],
                              [340, 300 + SLOPE * 240]], np.float32), "", 1.0, [])
    assert share_covered(term, boxes) >= 0.95          # the employer itself: recall first
    if split:
        assert len(boxes) > 1
        assert share_covered(above, boxes) < 0.01 and share_covered(below, boxes) < 0.01
    else:   # what one upright box did
        assert max(share_covered(above, boxes), share_covered(below, boxes)) > 0.02


def test_level_lines_and_short_terms_keep_one_box():
    level = TextLine(np.array([[0, 0], [600, 2], [600, 42], [0, 40]], np.float32), "x" * 10, 0.9, [])
    assert along_slope((10, -4, 300, 46), level) == [(10, -4, 300, 46)]
    assert len(along_slope((10, -4, 590, 46), sloped("阿克苏地区生态环境局", 0, 0))) > 1
    column = TextLine(np.array([[0, 0], [40, 0], [40, 600], [0, 600]], np.float32), "x" * 10, 0.9, [])
    assert along_slope((0, 0, 40, 600), column) == [(0, 0, 40, 600)]
