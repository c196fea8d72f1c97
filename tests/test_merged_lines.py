"""Two close lines that ran into one blob at detection size (dev round 17: a volunteer certificate
photographed at an angle, its author list 潘 高 杨静茹 … wrapped 10 px over the next line) are read
again at full size (`page_text.merged_lines`): the detector scored the blob 0.2-0.3, under the 0.4
box threshold, and dropped both lines with it; the engine now keeps such weak boxes aside."""

from __future__ import annotations

import numpy as np
import pytest

from redaction.detect.page_text import MERGED_MAX, merged_lines
from redaction.ocr.base import DET_BOX_THRESH, WEAK_BOX_THRESH, TextLine, proportional_char_boxes
from redaction.ocr.registry import get_engine


def _line(box, text, source="page"):
    x0, y0, x1, y1 = box
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextLine(quad, text, 0.95, proportional_char_boxes(quad, text), source)


class _Engine:
    """Detection dropped `weak` (page px); reading a crop returns `lines_in_crop` (crop px)."""

    def __init__(self, weak, lines_in_crop):
        self.weak = [np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32) for x0, y0, x1, y1 in weak]
        self.lines_in_crop = lines_in_crop
        self.crops: list[tuple[int, ...]] = []
        self.quads: list[np.ndarray] = []
        self.quad_text = "本人签名：吐尔洪·阿布都热依木"
        self.quad_score = 0.99

    def weak_boxes(self, image):
        return list(self.weak)

    def read(self, image, quads=None):
        if quads is not None:
            self.quads += [q.copy() for q in quads]
            return [TextLine(q, self.quad_text, self.quad_score, proportional_char_boxes(q, self.quad_text))
                    for q in quads]
        self.crops.append(image.shape)
        return [_line(b, t) for b, t in self.lines_in_crop]


def _page():
    view = np.full((1000, 1200, 3), 255, np.uint8)
    lines = [_line((100, 100 + 60 * k, 1000, 130 + 60 * k), "兹证明该同志在本单位工作期间表现良好") for k in range(5)]
    return view, lines


def test_a_weak_box_is_read_again_and_its_lines_land_on_the_page():
    view, lines = _page()
    weak = (200, 500, 900, 580)                 # 80 px: two 30-px lines 20 px apart
    engine = _Engine([weak], [((10, 5, 300, 35), "申报人：潘高"), ((10, 45, 400, 75), "李姝奇 杨静茹")])
    new = merged_lines(engine, view, lines)
    assert engine.crops == [(80, 700, 3)]
    assert [ln.text for ln in new] == ["申报人：潘高", "李姝奇 杨静茹"]
    assert new[0].bbox == (210.0, 505.0, 500.0, 535.0)
    assert new[1].char_boxes[0][0] == pytest.approx(210.0)
    assert all(ln.source == "page" for ln in new)


def test_a_weak_tilted_line_nothing_is_detected_in_is_recognised_on_its_quad():
    """synth2 seed 9, 067: a handwritten signature rising to the right scored 0.39; its crop,
    detected again, gave nothing either; its quad recognised as it is reads the name."""
    view, lines = _page()
    weak = (200, 500, 800, 570)
    engine = _Engine([weak], [])
    new = merged_lines(engine, view, lines)
    assert engine.crops == [(70, 600, 3)] * 2                     # as it is, then without pale ink
    assert [ln.text for ln in new] == ["本人签名：吐尔洪·阿布都热依木"]
    assert new[0].bbox == (200.0, 500.0, 800.0, 570.0)
    engine = _Engine([weak], [])
    engine.quad_text, engine.quad_score = "orCa", 0.55              # two lines read as one: garbage
    assert merged_lines(engine, view, lines) == []
    engine = _Engine([weak], [((10, 5, 300, 35), "申报人：潘高")])     # the crop's lines come first
    assert [ln.text for ln in merged_lines(engine, view, lines)] == ["申报人：潘高"]
    assert engine.quads == []


def test_a_weak_box_already_read_one_line_tall_or_a_picture_is_not_read():
    view, lines = _page()
    covered = (100, 95, 1000, 195)              # over two lines the page's reading has
    short = (200, 500, 900, 530)                # one line tall: no two lines in it
    picture = (200, 400, 500, 900)              # 500 px: a photo's texture, not two lines
    engine = _Engine([covered, short, picture], [((0, 0, 100, 30), "x")])
    assert merged_lines(engine, view, lines) == []
    assert engine.crops == []


def test_a_kept_line_with_ink_in_two_bands_is_read_again_but_one_tall_line_is_not():
    view, lines = _page()
    view[520:550, 200:900] = 0                  # two bands of ink in one box the detector kept
    view[570:600, 200:900] = 0
    two = _line((190, 510, 910, 610), "：梦")
    engine = _Engine([], [((10, 10, 700, 40), "申报人：潘高"), ((10, 60, 700, 90), "李姝奇")])
    assert [ln.text for ln in merged_lines(engine, view, lines + [two])] == ["申报人：潘高", "李姝奇"]
    view, lines = _page()
    view[520:600, 200:900] = 0                  # one solid tall band: a title, a rule block
    engine = _Engine([], [((10, 10, 700, 40), "x")])
    assert merged_lines(engine, view, lines + [two]) == []


def test_at_most_merged_max_boxes_a_page_largest_first():
    view, lines = _page()
    weak = [(100, 420 + 100 * k, 500 + 50 * k, 500 + 100 * k) for k in range(MERGED_MAX + 2)]
    engine = _Engine(weak, [((0, 0, 100, 30), "x")])
    merged_lines(engine, view, lines)
    assert [w for _, w, _ in engine.crops] == [400 + 50 * k for k in range(MERGED_MAX + 1, 1, -1)]


def test_the_engine_keeps_weak_boxes_of_the_image_it_detected_and_only_those():
    """The detector's own box scoring: of two blobs on its probability map, the one scoring under
    the box threshold is dropped as a line and kept as a weak box for that very image."""
    ocr = get_engine()
    post = ocr._engine.text_det.postprocess_op
    pred = np.zeros((1, 200, 400), np.float32)
    pred[0, 20:50, 20:300] = 0.9                # a line
    pred[0, 100:160, 20:300] = 0.35             # a blob scoring 0.35: WEAK_BOX_THRESH <= 0.35 < 0.4
    assert WEAK_BOX_THRESH < 0.35 < DET_BOX_THRESH
    post.box_thresh = DET_BOX_THRESH
    boxes, scores = post.boxes_from_bitmap(pred[0], pred[0] > post.thresh, 400, 200)
    assert len(boxes) == 1 and min(scores) >= DET_BOX_THRESH
    assert 20 <= boxes[0][:, 1].mean() <= 50        # the line's box (unclipped round it)
    image = np.zeros((200, 400, 3), np.uint8)
    ocr._remember_weak(image)
    weak = ocr.weak_boxes(image)
    assert len(weak) == 1 and 100 <= weak[0][:, 1].mean() <= 160
    assert ocr.weak_boxes(image.copy()) == []   # another array, even an equal one: nothing
    assert post.box_thresh == DET_BOX_THRESH


def test_reading_a_page_finds_no_weak_boxes_on_clean_text():
    """Clean printed lines score far over the threshold: reading keeps them all as lines and the
    weak list of that page is empty (no extra reads on an ordinary page)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (900, 200), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 40)
    draw.text((60, 20), "兹证明该同志在本单位工作", font=font, fill="black")
    draw.text((60, 120), "申报人：潘高 杨静茹", font=font, fill="black")
    page = np.asarray(img)[:, :, ::-1].copy()
    ocr = get_engine()
    assert [ln.text for ln in ocr.read(page)] == ["兹证明该同志在本单位工作", "申报人：潘高杨静茹"]
    assert ocr.weak_boxes(page) == []


class _PaleBlobEngine(_Engine):
    """Reads the crop's line only where no pale ink (a seal's remnant on the view) joins it."""

    def read(self, image, quads=None):
        self.crops.append(image.shape)
        paper = np.percentile(image, 90)
        if ((image > paper - 60) & (image < paper - 10)).any():
            return []
        return [_line(b, t) for b, t in self.lines_in_crop]


def test_a_weak_box_read_as_nothing_is_read_again_without_its_pale_ink():
    """synth3 s47 054: 单位负责人签名：吴永红 beside a name seal whose red ink stays pale on the
    red-channel view; line and seal detected as one blob at any size: read without the pale ink."""
    view, lines = _page()
    view[505:575, 600:790] = 212                               # the seal's remnant
    view[520:545, 210:590] = 40                                # the print
    weak = (200, 500, 800, 580)
    engine = _PaleBlobEngine([weak], [((10, 15, 390, 50), "单位负责人签名：吴永红")])
    new = merged_lines(engine, view, lines)
    assert engine.crops == [(80, 600, 3)] * 2
    assert [ln.text for ln in new] == ["单位负责人签名：吴永红"]
    assert new[0].bbox == (210.0, 515.0, 590.0, 550.0)


def test_a_signing_line_beside_a_pale_seal_is_read(detector):
    """synth3 s47 054 end to end: the line was lost with the seal beside it."""
    from bench.accuracy import _spec_pages
    from redaction.detect.ink import red_ink_mask
    from redaction.detect.page_text import read_page_text
    from testkit.synth3 import make_page

    sp = _spec_pages([make_page(47, 54)])[0]
    lines = read_page_text(detector.ocr, sp.pixels, red_ink_mask(sp.pixels))
    assert any("单位负责人签名" in ln.text and "吴永红" in ln.text for ln in lines)
