"""A round seal stamped touching a reviewer's square name seal (synth2 seed 9, 031: an 任职证明's
unit seal, the top of it not inked, its lower left against the head of the unit's 林晓东印). The two
make one red blob longer than any seal; the Hough circle on it is the round seal's, but the ring's
outermost ink along the rays towards the square seal is the square seal's, so the ring test failed
and the blob went unlooked at. Such a circle, whose ring shows within its own annulus, is a seal
when the learned detector sees ring text round its inside."""

from __future__ import annotations

import pytest

from redaction.detect.sealdet import SealTextDetector
from redaction.detect.seals import find_seals
from testkit.imaging import RED, blank_page, draw_text, seal_layer, stamp


def _cover(box, truth) -> float:
    iw = min(box[2], truth[2]) - max(box[0], truth[0])
    ih = min(box[3], truth[3]) - max(box[1], truth[1])
    return iw * ih / ((truth[2] - truth[0]) * (truth[3] - truth[1])) if iw > 0 and ih > 0 else 0.0


def _area(box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


@pytest.fixture(scope="module")
def reader() -> SealTextDetector:
    return SealTextDetector()


def _letter(top_gone: float) -> tuple:
    page = blank_page()
    for k in range(8):
        draw_text(page, "兹证明该同志在本单位工作期间表现良好，特此证明。", (180, 300 + 70 * k), 40)
    draw_text(page, "新疆生产建设兵团第八师石河子市农业农村局", (700, 1250), 36)
    draw_text(page, "2024年11月27日", (1000, 1320), 36)
    ink = seal_layer(330, text="新疆生产建设兵团第八师石河子市农业农村局", bottom="", seed=3)
    cut = int(top_gone * ink.shape[0])
    whole = stamp(page.copy(), ink, 1150, 1300, RED, 0.9)       # the disc, as the annotator boxes it
    ink[:cut] = 0                                               # the stamp pressed unevenly: no top arc
    stamp(page, ink, 1150, 1300, RED, 0.9)
    name = seal_layer(200, text="林晓东印", shape="square", seed=1)
    square = stamp(page, name, 935, 1520, RED, 0.9)             # its top right corner against the ring
    return page, whole, square


@pytest.mark.parametrize("top_gone", [0.18, 0.25])
def test_a_round_seal_touching_a_square_name_seal_is_found(reader, top_gone):
    page, whole, square = _letter(top_gone)
    seals = find_seals(page, 200, None, reader)
    hits = [s for s in seals if _cover(s.bbox, whole) >= 0.9]
    assert hits, [s.bbox for s in seals]
    assert all(_area(s.bbox) <= 2 * _area(whole) for s in hits)
