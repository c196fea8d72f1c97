import cv2
import numpy as np

from redaction.detect.ink import red_channel_view, red_ink_mask
from redaction.detect.page_text import drop_inkless_chars, read_page_text, red_ink_dark
from tests.conftest import draw_seal, render_page


def test_red_letterhead_is_read_in_the_red_ink_pass(detector):
    # Light red: almost white in the red channel, so only the red-ink pass can read it.
    page = render_page([(200, 80, "阿克苏地区生态环境局文件", 64, (250, 90, 90)),
                        (150, 300, "关于报送专业技术职务任职资格评审材料的通知")], size=(1400, 700))
    assert red_channel_view(page)[100:150, 200:1000].min() > 200
    lines = read_page_text(detector.ocr, page)
    red = [ln for ln in lines if ln.source == "red"]
    assert any("阿克苏地区生态环境局" in ln.text for ln in red)
    assert any("专业技术职务" in ln.text for ln in lines if ln.source == "page")


def test_text_under_a_seal_reads_in_the_red_channel(detector):
    page = render_page([(100, 300, "兹证明阿依古丽买买提同志在我单位工作")], size=(1240, 700))
    draw_seal(page, (420, 320), 150, "阿克苏地区生态环境局")
    lines = read_page_text(detector.ocr, page, skip_boxes=[(270, 170, 570, 470)])
    assert any("阿依古丽买买提" in ln.text for ln in lines)
    assert all(ln.source == "page" for ln in lines)   # the seal's red ink was skipped


def test_inkless_characters_are_blanked(detector):
    page = render_page([(100, 100, "王　　　芳")], size=(600, 200))
    lines = read_page_text(detector.ocr, page)
    drop_inkless_chars(lines, page[:, :, 0])
    joined = "".join(ln.text.replace(" ", "") for ln in lines)
    assert "王" in joined and "芳" in joined
    assert len(joined) <= 3


def test_reading_with_detected_quads_equals_reading(detector):
    page = red_channel_view(render_page([(100, 80 + 60 * i, f"第{i}行 阿依古丽·买买提 阿克苏地区生态环境局")
                                         for i in range(5)], size=(1300, 450)))
    ocr = detector.ocr
    whole = ocr.read(page)
    split = ocr.read(page, quads=ocr.detect_boxes(page))
    assert len(whole) == 5
    assert [(a.text, round(a.score, 5), a.char_boxes) for a in whole] == \
        [(b.text, round(b.score, 5), b.char_boxes) for b in split]
    assert all(np.allclose(a.quad, b.quad) for a, b in zip(whole, split, strict=True))
    assert ocr.read(page, quads=[]) == []


def test_detection_keeps_fainter_line_boxes_in_both_passes(detector):
    """Box threshold 0.4, not PP-OCR's 0.5, for `read` and for `detect_boxes` alike (orientation's
    boxes are what reading reuses): at 0.5 a page-level pass lost a 本人签名 line with its blue
    handwritten name (seed-5 corpus appraisal; found at 0.4)."""
    from redaction.ocr.base import DET_BOX_THRESH

    ocr = detector.ocr
    post = ocr._engine.text_det.postprocess_op
    page = render_page([(100, 80, "本人签名：阿依古丽·买买提")], size=(900, 200))
    ocr.read(page)
    assert post.box_thresh == DET_BOX_THRESH == 0.4
    ocr.detect_boxes(page)
    assert post.box_thresh == DET_BOX_THRESH


def test_detection_sees_a_page_shrunk_to_det_limit_and_small_images_unscaled(detector):
    """rapidocr 1.4 ignored det_limit_side_len with limit_type "max" and detected A4 at 200 dpi
    (2339 px) at 2000 px: twice the work and memory of 1536, for the same recall on the corpus."""
    from redaction.ocr.base import DET_LIMIT

    ocr = detector.ocr
    infer = ocr._engine.text_det.infer
    seen = []
    real = infer.__call__
    ocr._engine.text_det.infer = lambda x: seen.append(x.shape) or real(x)
    try:
        a4 = render_page([(100, 100 + 90 * i, "阿克苏地区生态环境局关于报送评审材料的通知") for i in range(20)],
                         size=(1654, 2339), font_px=40)
        lines = ocr.read(a4)
        small = render_page([(40, 40, "阿依古丽·买买提")], size=(640, 160))
        ocr.read(small)
    finally:
        ocr._engine.text_det.infer = infer
    assert seen[0][2:] == (DET_LIMIT, 1088) and seen[0][1] == 3   # 2339×1654 → 1536×1088 (multiples of 32)
    assert seen[1][2:] == (160, 640)
    assert len([ln for ln in lines if "生态环境局" in ln.text]) == 20
    assert all(ln.quad[:, 1].max() <= 2339 and ln.quad[:, 0].max() <= 1654 for ln in lines)


def test_model_overrides_empty_by_default(monkeypatch):
    """No BLINDMASK_* model variable: rapidocr is built with its own PP-OCRv4 exactly as before."""
    from redaction.ocr.rapid import _model_overrides

    for var in ("BLINDMASK_DET_MODEL", "BLINDMASK_REC_MODEL", "BLINDMASK_REC_KEYS", "BLINDMASK_DET_NORM"):
        monkeypatch.delenv(var, raising=False)
    assert _model_overrides() == {}


def test_model_overrides_from_environment(monkeypatch, tmp_path):
    import pytest

    from redaction.ocr.rapid import _model_overrides

    det, rec, keys = (tmp_path / n for n in ("det.onnx", "rec.onnx", "dict.txt"))
    for f in (det, rec, keys):
        f.write_bytes(b"x")
    monkeypatch.setenv("BLINDMASK_DET_MODEL", str(det))
    monkeypatch.setenv("BLINDMASK_REC_MODEL", str(rec))
    monkeypatch.setenv("BLINDMASK_REC_KEYS", str(keys))
    monkeypatch.delenv("BLINDMASK_DET_NORM", raising=False)
    opts = _model_overrides()
    assert opts["det_model_path"] == str(det) and opts["rec_model_path"] == str(rec)
    assert opts["rec_keys_path"] == str(keys)
    assert opts["det_mean"] == [0.485, 0.456, 0.406] and opts["det_std"] == [0.229, 0.224, 0.225]
    monkeypatch.setenv("BLINDMASK_DET_NORM", "half")
    assert _model_overrides()["det_mean"] == [0.5, 0.5, 0.5]
    monkeypatch.setenv("BLINDMASK_REC_MODEL", str(tmp_path / "missing.onnx"))
    with pytest.raises(FileNotFoundError):
        _model_overrides()


def test_a_letter_spaced_red_title_is_read_as_one_line_where_it_is(detector):
    """A red letterhead set with wide letter-spacing (江  苏  省  教  师 …): each character a
    separate band of red ink. Stacked one under another for reading, they used to read as one
    vertical line placed across the top of the page, and the employer's box went with it."""
    from redaction.detect.match import match_lines
    from redaction.model.profile import Profile

    title = "江苏省教师培训中心"
    rows = [(140 + 220 * k, 200, ch, 150, (220, 20, 30)) for k, ch in enumerate(title)]
    rows += [(140, 480, "关于公布省级教师发展示范基地校建设中期考核优秀学校名单的通知", 60),
             (140, 600, "各设区市、县（市、区）教育局教师工作（组织、人事处）：", 44)]
    page = render_page(rows, size=(2300, 1700))
    lines = read_page_text(detector.ocr, page)
    red = [ln for ln in lines if ln.source == "red"]
    assert [ln.text for ln in red] == [title]
    x0, y0, x1, y1 = red[0].bbox
    assert x0 < 160 and x1 > 140 + 220 * 8 + 100 and 180 < y0 and y1 < 400
    employers = [r for r in match_lines(lines, Profile(name="周敏华", employers=(title,))) if r.kind == "employer"]
    assert employers and all(r.bbox[1] > 150 and r.bbox[3] < 440 for r in employers)     # on the title only
    assert any(r.bbox[0] < 160 and r.bbox[2] > 140 + 220 * 8 + 100 for r in employers)


def test_a_faint_thin_character_on_dim_paper_keeps_its_ink():
    """A dim, blurred phone photo: paper at 225, a thin character (厅) no darker than 165; the
    padding after it is blank. The character stays, the invented one in the blank goes."""
    from redaction.ocr.base import TextLine

    rng = np.random.default_rng(3)
    gray = (225 + rng.integers(-4, 5, (40, 100))).astype(np.uint8)
    gray[8:32, 4:26] = 120                      # a bold character
    gray[6:34, 44] = 165                        # 厅's thin strokes
    gray[8, 36:52] = 165
    quad = np.array([[0, 0], [90, 0], [90, 40], [0, 40]], np.float32)
    ln = TextLine(quad, "教厅夫", 0.95, [(0, 0, 30, 40), (30, 0, 60, 40), (60, 0, 90, 40)])
    drop_inkless_chars([ln], gray)
    assert ln.text == "教厅 "


def test_red_line_inside_a_red_frame_is_read_past_a_pale_seal(detector):
    """A certificate's red guilloche ground and frame join all its red lines into one page-sized
    area (too tall to be read as a line): the red English issuer line is read on the whole page's
    red ink, the paler worn seal stamped across it left out (dev five-names: Harbin Institute of
    Technology, Weihai (HIT) was not read at all)."""
    from redaction.detect.match import match_lines
    from redaction.model.profile import Profile

    page = render_page([(330, 560, "Harbin Institute of Technology, Weihai (HIT)", 40, (225, 25, 30))],
                       size=(1600, 1000))
    ground = np.zeros(page.shape[:2], bool)
    ground[::10, ::10] = True                                 # a pale red guilloche of dots
    ground = cv2.dilate(ground.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    ink = page.min(axis=2) < 200
    page[ground & ~ink] = (200, 200, 245)
    cv2.rectangle(page, (20, 20), (1579, 979), (40, 40, 220), 24)   # the red frame
    draw_seal(page, (860, 590), 170, "哈尔滨工业大学", rgb=(240, 140, 140))
    lines = read_page_text(detector.ocr, page)
    red = [ln for ln in lines if ln.source == "red"]
    assert any("Technology, Weihai" in ln.text for ln in red)
    profile = Profile(name="左佳", employers=("Harbin Institute of Technology, Weihai",))
    found = [r for r in match_lines(lines, profile) if r.kind == "employer"]
    assert found and found[0].bbox[0] <= 340 and found[0].bbox[2] >= 1100


def test_red_ink_is_black_on_white_for_reading():
    page = render_page([(200, 80, "阿克苏地区生态环境局文件", 64, (250, 90, 90))], size=(1400, 300))
    mask = red_ink_mask(page)
    dark = red_ink_dark(mask)
    assert dark.dtype == np.uint8 and dark.shape == mask.shape
    assert np.array_equal(dark, np.where(mask, 0, 255).astype(np.uint8))
    assert mask.any() and (dark[mask] == 0).all() and (dark[~mask] == 255).all()
