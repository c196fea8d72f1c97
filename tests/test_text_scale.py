"""Images that state no resolution (phone photos, JPEGs written by editors): the page's scale is
read from its text lines, and seals are looked for at that one scale instead of at three."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import redaction.detect.seals as seals_module
from redaction.files.document import Page
from redaction.model.profile import Profile
from redaction.pipeline.propose import SCALE_LINES, text_scale_dpi
from testkit.imaging import RED, seal_layer, stamp, text_page


def _line(height: float, length: float, y: float = 0.0) -> np.ndarray:
    return np.array([[0, y], [length, y], [length, y + height], [0, y + height]], np.float32)


def test_the_scale_is_the_median_text_line_height_over_a_body_line():
    quads = [_line(43, 900, 60 * k) for k in range(SCALE_LINES)]   # 43 px ≈ 5.5 mm at 200 dpi
    assert abs(text_scale_dpi(quads) - 200) <= 3
    assert text_scale_dpi(quads[: SCALE_LINES - 1]) is None                  # too few lines to say
    assert text_scale_dpi([_line(43, 60, 60 * k) for k in range(20)]) is None   # single characters


def test_a_seal_on_a_page_without_dpi_is_found_at_the_text_scale(detector, monkeypatch):
    page = text_page(seed=3)
    truth_d = 320                                            # a 40-mm seal at 200 dpi
    stamp(page, seal_layer(truth_d, "阿克苏地区生态环境局"), 1100, 1500, RED, 0.9)
    scales_used = []
    real = seals_module.find_seals

    def spy(image, dpi, **kw):
        scales_used.append(dpi)
        return real(image, dpi, **kw)

    monkeypatch.setattr(seals_module, "find_seals", spy)
    _, _, regions = detector.propose_upright(Page(page, Path("photo.jpg"), 0, 1, None),
                                             Profile(name="王芳", employers=("阿克苏地区生态环境局",)))
    (scales,) = scales_used
    assert len(scales) == 1 and 130 <= scales[0] <= 300, scales
    found = [r for r in regions if r.kind == "seal"]
    assert any(r.bbox[0] <= 1100 - truth_d / 2 + 8 and r.bbox[2] >= 1100 + truth_d / 2 - 8
               and r.bbox[1] <= 1500 - truth_d / 2 + 8 and r.bbox[3] >= 1500 + truth_d / 2 - 8 for r in found), found
