import cv2
import numpy as np
import pytest

from redaction.detect.page_text import read_page_text
from redaction.detect.signatures import find_signatures
from tests.conftest import render_page, text_box


def scribble(img, x, y, w, h, seed=0):
    """A handwriting-like signature: a few thick random strokes."""
    rng = np.random.default_rng(seed)
    for _ in range(4):
        pts = np.stack([np.linspace(x, x + w, 12) + rng.normal(0, w / 25, 12),
                        y + h / 2 + rng.normal(0, h / 3, 12)], axis=1).astype(np.int32)
        cv2.polylines(img, [pts], False, (30, 30, 40), 3, lineType=cv2.LINE_AA)
    return (x - 6, y - 6, x + w + 6, y + h + 6)


def covered(region_box, truth, frac=0.95):
    ix = max(0, min(region_box[2], truth[2]) - max(region_box[0], truth[0]))
    iy = max(0, min(region_box[3], truth[3]) - max(region_box[1], truth[1]))
    return ix * iy >= frac * (truth[2] - truth[0]) * (truth[3] - truth[1])


@pytest.fixture(scope="module")
def signed_page():
    page = render_page([(100, 100, "本人承诺以上内容真实有效。"), (100, 300, "本人签名："),
                        (700, 300, "日期：2024年5月8日"),
                        (100, 500, "申报人基本情况"), (100, 560, "单位负责人签字：")], size=(1240, 800))
    cv2.line(page, (560, 760), (1100, 760), (0, 0, 0), 2)   # a rule that is not a signature
    sig = scribble(page, 290, 285, 220, 60)
    cv2.ellipse(page, (560, 330), (22, 28), 0, 0, 360, (40, 40, 200), -1)  # red fingerprint
    return page, sig


def test_signature_next_to_its_label_is_boxed(detector, signed_page):
    page, sig = signed_page
    regions = find_signatures(page, read_page_text(detector.ocr, page))
    signatures = [r for r in regions if r.kind == "signature"]
    assert any(covered(r.bbox, sig) for r in signatures)
    fingers = [r for r in regions if r.kind == "fingerprint"]
    assert any(covered(r.bbox, (538, 302, 582, 358)) for r in fingers)
    # printed text (the date) and headings are not signatures
    date = text_box(700, 300, "日期：2024年5月8日")
    assert not any(covered(r.bbox, date, 0.5) for r in signatures)


def test_empty_signature_line_proposes_nothing(detector):
    page = render_page([(100, 300, "本人签名：")], size=(1000, 600))
    cv2.line(page, (300, 340), (700, 340), (0, 0, 0), 2)
    assert find_signatures(page, read_page_text(detector.ocr, page)) == []


@pytest.fixture(scope="module")
def appraisal_rows():
    """An appraisal form's rows: the applicant's summary signed by hand, and the leader's comment
    signed by the leader (a bare 签名 in the 主管领导评语 row, and a 领导签字 label)."""
    page = render_page([(100, 100, "本人签名："),
                        (60, 400, "主管领导评语"), (500, 430, "签名："), (500, 560, "领导签字：")],
                       size=(1400, 700))
    own = scribble(page, 290, 85, 220, 60)
    leader = scribble(page, 640, 418, 200, 60, seed=2)
    leader2 = scribble(page, 720, 548, 200, 60, seed=3)
    return page, own, (leader, leader2)


def test_other_peoples_signatures_are_not_the_applicants(detector, appraisal_rows):
    page, own, leaders = appraisal_rows
    signatures = [r for r in find_signatures(page, read_page_text(detector.ocr, page)) if r.kind == "signature"]
    assert any(covered(r.bbox, own) for r in signatures)
    for box in leaders:
        assert not any(covered(r.bbox, box, 0.3) for r in signatures)


def test_a_ruling_line_under_the_label_is_not_a_signature(detector):
    page = render_page([(100, 300, "本人签名：")], size=(1000, 600))
    # a table rule below, drawn with a 1.5° slope as on a skewed scan (steps a straight opening leaves)
    cv2.line(page, (60, 380), (900, 402), (0, 0, 0), 3)
    assert not [r for r in find_signatures(page, read_page_text(detector.ocr, page)) if r.kind == "signature"]


def test_an_officials_seal_label_is_not_the_applicants(detector):
    """A certificate's 发证机构负责人（签章） and a bank form's 经办柜员签章: the official's signature
    or name seal there (red: it was also taken for a fingerprint) is not the applicant's."""
    page = render_page([(100, 100, "本人签名："), (100, 300, "发证机构负责人（签章）："), (100, 500, "经办柜员签章：")],
                       size=(1400, 700))
    own = scribble(page, 290, 85, 220, 60)
    official = scribble(page, 560, 288, 200, 60, seed=2)
    cv2.rectangle(page, (420, 490), (560, 540), (40, 40, 200), 4)          # a red name seal
    cv2.putText(page, "GPJ", (440, 530), cv2.FONT_HERSHEY_SIMPLEX, 1.1, (40, 40, 200), 3)
    regions = find_signatures(page, read_page_text(detector.ocr, page))
    assert any(covered(r.bbox, own) for r in regions if r.kind == "signature")
    for box in (official, (420, 490, 560, 540)):
        assert not any(covered(r.bbox, box, 0.3) for r in regions)


def test_a_signature_read_with_its_label_as_print_is_boxed_when_it_is_close_to_the_name(detector):
    """A signature run into its label is read with it as one confident line (签名：热万古丽艾则败 on
    own 060: two slips in an eight-character name, one more than matching allows): beside the
    applicant's own label it is their signature. Another person's name after a label is not,
    nor is text after another signer's label."""
    page = render_page([(100, 100, "签名：热万古丽艾则败"), (100, 300, "本人签字：王建国"),
                        (100, 500, "主管领导签名：热孜万古丽艾则孜"), (800, 300, "填表人：张晓明")], size=(1400, 700))
    lines = read_page_text(detector.ocr, page)
    names = ["热孜万古丽艾则孜", "张晓燕"]
    signed = text_box(100, 100, "签名：热万古丽艾则败")
    own = (signed[0] + 3 * 34, signed[1], signed[2], signed[3])     # after 签名：
    regions = [r for r in find_signatures(page, lines, names=names) if r.kind == "signature"]
    assert any(covered(r.bbox, own) for r in regions)
    # ... nor a short name one slip off the applicant's (whoever filled in the form).
    for box in (text_box(100, 300, "本人签字：王建国"), text_box(100, 500, "主管领导签名：热孜万古丽艾则孜"),
                text_box(800, 300, "填表人：张晓明")):
        assert not any(covered(r.bbox, box, 0.3) for r in regions)
    # Without the applicant's names, printed text after a label is print, as before.
    assert not [r for r in find_signatures(page, lines) if r.kind == "signature" and covered(r.bbox, own, 0.3)]


def test_the_applicants_long_signature_on_a_bureau_form_is_masked_and_the_leaders_is_not(detector):
    """Own 060 end to end: 热孜万古丽•艾则孜 signed in 个人总结 (its label kept before it, as the
    form leaves room to sign) is covered; the 主管领导's signature below is not."""
    from pathlib import Path

    from bench.accuracy import _accepted, coverage
    from redaction.files.document import Page
    from testkit.corpus import make_page

    page = make_page(0, 60)
    regions = detector.propose(Page(page.pixels, Path("060.jpg"), 0, 1, page.dpi), page.profile)
    boxes = [tuple(int(v) for v in r.bbox) for r in regions if _accepted(r)]
    signed = [t for t in page.truth if t.kind == "name" and "signature" in t.tags]
    own = [t for t in signed if t.owner == "applicant"]
    others = [t for t in signed if t.owner == "other"]
    assert own and others
    for t in own:
        assert coverage(t, boxes) >= 0.9, t
    for t in others:
        assert (coverage(t, boxes) or 0) < 0.3, t


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_name_read_only_as_far_as_its_surname_after_the_label_is_boxed_to_the_lines_end(detector, seed):
    """承诺人：耿 read for 承诺人：耿浩 (dev-letter-department-letterhead-pledge-handwritten-name-01):
    the line's box takes in the handwritten 浩 the recogniser dropped, and a confident line counted
    as print, so no ink was left to find beside the label."""
    page = render_page([(100, 100, "承诺人：耿"), (100, 300, "二〇二三年五月六日")], size=(900, 450))
    label = text_box(100, 100, "承诺人：耿")
    hand = scribble(page, label[2] + 8, label[1], 34, 36, seed)
    lines = read_page_text(detector.ocr, page)
    signatures = [r for r in find_signatures(page, lines, names=["耿浩"]) if r.kind == "signature"]
    assert any(covered(r.bbox, hand, 0.9) for r in signatures), (signatures, [(ln.text, ln.bbox) for ln in lines])
    # Another person's name: what the line holds past 耿 is not the applicant's.
    if any(ln.text == "承诺人：耿" and ln.bbox[2] >= hand[2] - 10 for ln in lines):
        others = [r for r in find_signatures(page, lines, names=["李浩"]) if r.kind == "signature"]
        assert not any(covered(r.bbox, hand, 0.3) for r in others)


def test_ink_in_the_next_rows_place_is_not_signed_under_an_empty_label(detector):
    """dev returnee certificate: 留学回国人员签字： left blank, the next row's 经办人签字： signed
    with tall handwriting that reaches up into the space under the blank label."""
    page = render_page([(100, 100, "留学回国人员签字："), (100, 190, "经办人签字：")], size=(1000, 400))
    theirs = scribble(page, 400, 185, 200, 80)           # beside the next label, reaching up
    signatures = [r for r in find_signatures(page, read_page_text(detector.ocr, page)) if r.kind == "signature"]
    assert not any(covered(r.bbox, theirs, 0.3) for r in signatures)


def test_a_signature_under_its_label_above_the_next_row_is_still_the_applicants(detector):
    page = render_page([(100, 100, "本人签名："), (100, 300, "日期：")], size=(1000, 400))
    sig = scribble(page, 110, 195, 220, 45)
    signatures = [r for r in find_signatures(page, read_page_text(detector.ocr, page)) if r.kind == "signature"]
    assert any(covered(r.bbox, sig) for r in signatures)


def test_a_signature_in_a_row_labelled_down_a_narrow_column_is_someone_elses(detector):
    """synth3 (stop 30): a form's row labels written a character a line down a narrow column
    (主 / 管 / 领 / 导 / 评 / 语), or across two columns read as pairs (组考 / 意核 / 见小 for
    考核小组意见): the row is still someone else's, its 签名 not the applicant's."""
    from redaction.detect.signatures import _in_others_row
    from redaction.ocr.base import TextLine, proportional_char_boxes

    def ln(text, x0, y0, x1, y1):
        quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
        return TextLine(quad, text, 0.99, proportional_char_boxes(quad, text))

    label = (700.0, 980.0, 800.0, 1015.0)
    down = [ln(c, 160, 860 + 40 * i, 192, 895 + 40 * i) for i, c in enumerate("主管领导评语")]
    assert _in_others_row(label, 35, down)
    pairs = [ln(t, 145, 900 + 40 * i, 212, 935 + 40 * i) for i, t in enumerate(("组考", "意核", "见小"))]
    assert _in_others_row(label, 35, pairs)
    own = [ln(c, 160, 860 + 40 * i, 192, 895 + 40 * i) for i, c in enumerate("个人总结")]
    assert not _in_others_row(label, 35, own)


@pytest.mark.parametrize("signed, score, found", [
    ("刘海涛", 0.995, False),     # the unit head's name, read clearly: their signature
    ("陈志刚", 0.995, True),      # the applicant's own
    ("刘海涛", 0.7, True),        # read unsure: a hand read as anything
])
def test_a_signature_read_clearly_as_another_name_is_theirs(signed, score, found):
    """synth3 seeds 8 and 9: an appraisal form's unit opinion row ends 签名：刘海涛2023年1月14日
    (read at 0.995) — a bare 签名 label, the head's hand beside it, boxed and masked as the
    applicant's (other people's names covered whole on four pages)."""
    from redaction.ocr.base import TextLine, proportional_char_boxes

    page = np.full((400, 1400, 3), 255, np.uint8)
    text = f"签名：{signed}2023年1月14日"
    quad = np.array([[100, 100], [100 + 30 * len(text), 100], [100 + 30 * len(text), 132], [100, 132]], np.float32)
    line = TextLine(quad, text, score, proportional_char_boxes(quad, text))
    sig = scribble(page, 195, 80, 110, 72)                      # the hand beside the label, over the line
    regions = [r for r in find_signatures(page, [line], names=["陈志刚"]) if r.kind == "signature"]
    assert any(covered(r.bbox, sig, 0.5) for r in regions) == found


def test_a_cells_label_down_a_column_ends_at_the_rule_before_the_next_cells_label():
    """synth3 s40 026, a phone photo of an appraisal form: the 考核委员会意见 row's label stacked a
    character a line, touching, and 38 px under it (a line height 40) the next row's
    主管部门审核意见 read as one line down the column. The employer's seal in the first row,
    unread, was taken as stamped in the supervising authority's row and left unmasked."""
    from redaction.ocr.base import TextLine, proportional_char_boxes
    from redaction.pipeline.propose import _in_authoritys_row

    def ln(text, x0, y0, x1, y1):
        quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
        return TextLine(quad, text, 0.99, proportional_char_boxes(quad, text))

    rows = [ln(c, 435, 1522 + 39 * i, 470, 1561 + 39 * i) for i, c in enumerate("考核委员会意见")]
    rows += [ln("主管部门审核意见", 439, 1831, 489, 2085), ln("同意评定为优秀等次。", 579, 1517, 841, 1559),
             ln("情况属实，同意。", 582, 1831, 791, 1876), ln("（单位盖章）", 1075, 1708, 1220, 1751)]
    assert not _in_authoritys_row((1029, 1593, 1342, 1906), rows)
    assert _in_authoritys_row((999, 1887, 1287, 2175), rows)
    # a cell's label broken over lines a little apart still reads as one (主管部门 / 意见)
    apart = [ln(c, 435, 1522 + 39 * i, 470, 1561 + 39 * i) for i, c in enumerate("单位意见")]
    apart += [ln("主管部门", 439, 1800, 470, 1950), ln("意见", 439, 1965, 470, 2040),
              ln("情况属实，同意。", 582, 1831, 791, 1876)]
    assert _in_authoritys_row((999, 1830, 1287, 2100), apart)
