"""An office's oblong stamp (a department's 业务章: 清华大学 / 软件学院 / 业务办公室 in a red double
frame, ~1.5 times as wide as tall) over a form's sign-off: the outline tests knew rings and square
name seals only (a frame 0.75-1.33 as wide as tall), so the stamp was cut into a "square" and an
"oval" or not found at all. It is a seal of shape "rect" now, read line by line, and whose it is
follows from what it says."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from redaction.detect.sealdet import SealTextDetector
from redaction.detect.seals import dpi_guesses, find_seals
from redaction.files.document import Page
from redaction.model.profile import Profile
from redaction.pipeline.propose import Detector
from testkit.imaging import RED, SERIF_BOLD, blank_page, draw_text, font, stamp


def _oblong(w: int, h: int, lines: list[str], rw: int = 6) -> np.ndarray:
    pad = 6
    layer = Image.new("L", (w + 2 * pad, h + 2 * pad), 0)
    d = ImageDraw.Draw(layer)
    d.rectangle((pad, pad, pad + w, pad + h), outline=255, width=rw)
    d.rectangle((pad + 2 * rw, pad + 2 * rw, pad + w - 2 * rw, pad + h - 2 * rw), outline=255, width=max(2, rw // 2))
    f = font(int(h * 0.62 / len(lines)), SERIF_BOLD)
    for i, text in enumerate(lines):
        d.text((pad + (w - d.textlength(text, font=f)) / 2, pad + h * 0.12 + i * h * 0.78 / len(lines)), text,
               font=f, fill=255)
    return np.asarray(layer, np.float32) / 255.0


def _form(w: int, h: int, lines: list[str]) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    page = blank_page()
    for k in range(10):
        draw_text(page, "兹证明该同志在本单位工作期间表现良好，特此证明。", (180, 300 + 70 * k), 40)
    draw_text(page, "院系教学副系主任审批意见：同意", (200, 1150), 36)
    draw_text(page, "签字（公章）：", (200, 1300), 36)
    return page, stamp(page, _oblong(w, h, lines), 420, 1300, RED, 0.85)


def _cover(box, truth) -> float:
    iw = min(box[2], truth[2]) - max(box[0], truth[0])
    ih = min(box[3], truth[3]) - max(box[1], truth[1])
    return iw * ih / ((truth[2] - truth[0]) * (truth[3] - truth[1])) if iw > 0 and ih > 0 else 0.0


@pytest.mark.parametrize(("w", "h", "lines"), [(360, 230, ["清华大学", "软件学院", "业务办公室"]),
                                               (300, 200, ["教务处", "成绩专用章"]),
                                               (400, 160, ["阿克苏地区人民医院", "人事科"]),
                                               (330, 140, ["现金收讫"])])
def test_an_oblong_office_stamp_is_one_seal_over_all_of_it(w, h, lines):
    page, truth = _form(w, h, lines)
    seals = find_seals(page, 200, None, SealTextDetector())
    assert [s.shape for s in seals] == ["rect"]
    assert _cover(seals[0].bbox, truth) >= 0.98
    area = (truth[2] - truth[0]) * (truth[3] - truth[1])
    x0, y0, x1, y1 = seals[0].bbox
    assert (x1 - x0) * (y1 - y0) <= 1.6 * area


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


def test_the_employers_oblong_stamp_is_masked_and_anothers_is_not(detector):
    page, truth = _form(360, 230, ["清华大学", "软件学院", "业务办公室"])
    form = Page(page, Path("form.png"), 0, 1, 200)
    own = detector.propose(form, Profile(name="苏星辰", employers=("清华大学软件学院",)))
    seals = [r for r in own if r.kind in ("seal", "other_seal") and _cover(r.bbox, truth) >= 0.9]
    assert [(r.kind, r.accepted) for r in seals] == [("seal", True)]
    other = detector.propose(form, Profile(name="苏星辰", employers=("北京大学",)))
    seals = [r for r in other if r.kind in ("seal", "other_seal") and _cover(r.bbox, truth) >= 0.9]
    assert [(r.kind, r.accepted) for r in seals] == [("other_seal", False)]
    assert "软件学院" in (seals[0].text or "")


def test_a_square_name_seal_stays_square():
    from testkit.imaging import seal_layer

    page = blank_page()
    draw_text(page, "单位负责人：", (200, 1300), 36)
    stamp(page, seal_layer(200, text="林晓东印", shape="square", seed=1), 520, 1300, RED, 0.9)
    assert [s.shape for s in find_seals(page, 200, None, SealTextDetector())] == ["square"]


def test_a_clerks_word_stamp_is_no_ones_seal(detector):
    page, truth = _form(330, 140, ["现金收讫"])
    found = detector.propose(Page(page, Path("form.png"), 0, 1, 200), Profile(name="苏星辰", employers=("清华大学",)))
    seals = [r for r in found if r.kind in ("seal", "other_seal") and _cover(r.bbox, truth) >= 0.9]
    assert [(r.kind, r.accepted) for r in seals] == [("other_seal", False)]


def test_the_stamp_is_found_on_a_phones_photo_of_the_form_at_500_dpi():
    # (bench/real c-form-rect-seal-deferral-01: a 4160 x 5580 photo of the form, the stamp 3.6 cm
    # across — 718 px, past the largest seal at 300 dpi, the highest scale looked at then, and
    # short of a seal filling the frame.)
    import cv2

    page, truth = _form(290, 185, ["清华大学", "软件学院", "业务办公室"])
    k = 2.5
    big = cv2.resize(page, None, fx=k, fy=k, interpolation=cv2.INTER_LINEAR)
    assert max(dpi_guesses(None, big.shape)[:-1]) > 400     # (the last guess: a seal filling the frame)
    seals = find_seals(big, dpi_guesses(None, big.shape), None, SealTextDetector())
    scaled = tuple(int(v * k) for v in truth)
    assert [s.shape for s in seals] == ["rect"]
    assert _cover(seals[0].bbox, scaled) >= 0.98
    x0, y0, x1, y1 = seals[0].bbox
    assert (x1 - x0) * (y1 - y0) <= 1.6 * (scaled[2] - scaled[0]) * (scaled[3] - scaled[1])


def test_a_page_scan_adds_no_page_scale_and_a_large_photo_adds_one():
    assert dpi_guesses(None, (2339, 1654)) == [100.0, 200.0, 300.0, 2.54 * 1654 / 6.0]
    assert dpi_guesses(None, (5580, 4160))[3] == pytest.approx(2.54 * 4160 / 21.0)
