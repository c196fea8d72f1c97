"""The name written into a certificate's blank before 同学：/同志：, or into a form's 姓名 field, is the applicant's."""

import cv2
import numpy as np
import pytest

from redaction.model.profile import Profile
from redaction.model.regions import box_area, intersection
from tests.conftest import render_page, text_box

PROFILE = Profile(name="庄磊", employers=("莆田华侨中学",))


def covered(target, boxes, frac=0.9):
    """Is `target` at least `frac` covered by the union of `boxes`?"""
    x0, y0, x1, y1 = (int(v) for v in target)
    mask = np.zeros((y1 - y0, x1 - x0), bool)
    for b in boxes:
        bx0, by0, bx1, by1 = (int(round(v)) for v in b)
        mask[max(0, by0 - y0):max(0, by1 - y0), max(0, bx0 - x0):max(0, bx1 - x0)] = True
    return mask.mean() >= frac


def scribble(page, box, seed=0):
    """Pen strokes no recogniser reads as the name (a hurried hand): returns their box."""
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = box
    pts = np.stack([rng.integers(x0, x1, 14), rng.integers(y0, y1, 14)], axis=1).astype(np.int32)
    cv2.polylines(page, [pts], False, (120, 40, 10), 4, cv2.LINE_AA)
    return (int(pts[:, 0].min()) - 2, int(pts[:, 1].min()) - 2, int(pts[:, 0].max()) + 2, int(pts[:, 1].max()) + 2)


def certificate(salutation_name=""):
    rows = [(520, 120, "荣誉证书", 64),
            (300, 300, salutation_name + "同学：", 44),
            (300, 400, "在2021年科技创新大赛中荣获一等奖，特发此证。", 40),
            (300, 520, "指导教师：李宇明", 40),
            (1000, 700, "莆田华侨中学", 40)]
    return rows, render_page(rows)


def test_a_name_written_in_the_blank_before_the_salutation_is_masked(detector):
    rows, page = certificate()
    salutation = text_box(300, 300, "同学：", 44)
    # the blank's rule and the name written on it, left of 同学：
    cv2.line(page, (60, salutation[3] + 6), (290, salutation[3] + 6), (40, 40, 40), 2)
    name = scribble(page, (80, salutation[1] - 20, 270, salutation[3] + 4))
    regions = detector.text_regions(page, PROFILE)
    accepted = [r.bbox for r in regions if r.accepted]
    assert covered(name, accepted), [(r.kind, r.bbox) for r in regions]
    teacher = text_box(300 + text_box(0, 0, "指导教师：", 40)[2], 520, "李宇明", 40)
    assert not any(intersection(b, teacher) > 0.3 * box_area(teacher) for b in accepted)
    assert not any(intersection(b, salutation) > 0.3 * box_area(salutation) for b in accepted)


def test_a_misread_written_name_before_the_salutation_is_masked(detector):
    """The hand's name read as other characters (左佳 → 七统): still the blank's, still masked."""
    rows, page = certificate()
    salutation = text_box(300, 300, "同学：", 44)
    # a name written so close to 同学： that the recogniser reads it into the line
    name = scribble(page, (170, salutation[1], 290, salutation[3]), seed=3)
    regions = detector.text_regions(page, PROFILE)
    assert covered(name, [r.bbox for r in regions if r.accepted])


def test_another_persons_printed_name_before_the_salutation_stays_visible(detector):
    rows, page = certificate("李宇明")
    regions = detector.text_regions(page, PROFILE)
    other = text_box(300, 300, "李宇明", 44)
    assert not any(intersection(r.bbox, other) > 0 for r in regions if r.accepted)


def test_the_applicants_printed_name_before_the_salutation_is_masked(detector):
    rows, page = certificate("庄磊")
    regions = detector.text_regions(page, PROFILE)
    assert covered(text_box(300, 300, "庄磊", 44), [r.bbox for r in regions if r.accepted])


def test_a_list_of_names_before_the_salutation_is_not_one_blank():
    from redaction.detect.addressee import addressee_regions
    from tests.test_match import line

    ln = line("邹娴、刘相江、左佳、杨敏同学：", 100, 100)
    view = np.full((300, 900, 3), 255, np.uint8)
    assert not addressee_regions([ln], view, Profile(name="左佳", employers=("哈尔滨工业大学",)))


def test_a_misread_name_after_the_employer_before_the_salutation_is_masked():
    """An institute's honour certificate prints its own name first: 清华大学交叉信息研究院杭易澎同学，
    (dev round 13: the name read 坑易, 澎 dropped — no fuzzy match finds it). The form of address
    after the employer still says the name is the applicant's."""
    from redaction.detect.addressee import addressee_regions
    from tests.test_match import line

    employer = "清华大学交叉信息研究院"
    ln = line(employer + "坑易同学，品", 100, 100)
    view = np.full((300, 900, 3), 255, np.uint8)
    profile = Profile(name="杭易澎", employers=(employer,))
    regions = addressee_regions([ln], view, profile)
    name = (100 + 30 * len(employer), 100, 100 + 30 * (len(employer) + 2), 132)
    assert len(regions) == 1 and regions[0].kind == "name" and regions[0].accepted
    assert covered(name, [regions[0].bbox], 1.0)
    # nothing of the employer under it beyond the padding, nothing of 同学
    assert regions[0].bbox[0] > name[0] - 10 and regions[0].bbox[2] <= name[2] + 1


def test_another_persons_name_after_the_employer_stays_visible():
    from redaction.detect.addressee import addressee_regions
    from tests.test_match import line

    ln = line("莆田华侨中学李宇明同志：", 100, 100)
    view = np.full((300, 900, 3), 255, np.uint8)
    assert not addressee_regions([ln], view, PROFILE)


def test_the_person_a_certificate_letter_is_about_is_masked_though_misread():
    """An internship certificate: 兹有張傑于2007年6月5日至我公司…实习 (dev: the small scan read 兹有張于…,
    傑 dropped; no fuzzy match finds a two-character name from one character). The letter's
    opening says whose name follows."""
    from redaction.detect.addressee import addressee_regions
    from tests.test_match import line

    ln = line("兹有張于2007年6月5日至我公司实习", 100, 100)
    view = np.full((300, 1400, 3), 255, np.uint8)
    profile = Profile(name="張傑", aliases=("张杰",), employers=("某电子科技有限公司",))
    regions = addressee_regions([ln], view, profile)
    name = (100 + 30 * 2, 100, 100 + 30 * 3, 132)           # 張, up to 于
    assert len(regions) == 1 and regions[0].kind == "name" and regions[0].accepted
    assert covered(name, [regions[0].bbox], 1.0)
    assert regions[0].bbox[0] > 100 + 30 * 2 - 10 and regions[0].bbox[2] <= 100 + 30 * 3 + 1   # not 兹有, not 于
    # with the form of address (杰 dropped again)
    ln = line("兹证明张同志系我单位职工", 100, 100)
    regions = addressee_regions([ln], view, profile)
    assert len(regions) == 1 and covered((100 + 30 * 3, 100, 100 + 30 * 4, 132), [regions[0].bbox], 1.0)
    # the opening is no part of the name, the form of address followed by a comma too (synth4 s12
    # 028: 兹证明张丽同志，女，… masked 兹证明 with 张丽)
    for text, at in (("兹证明张同志系我单位职工", 3), ("兹证明张同志，男，汉族", 3),
                     ("兹有张同志，于2019年至我院进修", 2)):
        regions = addressee_regions([line(text, 100, 100)], view, profile)
        assert len(regions) == 1 and covered((100 + 30 * at, 100, 100 + 30 * (at + 1), 132), [regions[0].bbox], 1.0)
        assert regions[0].bbox[0] > 100 + 30 * at - 10 and regions[0].bbox[2] <= 100 + 30 * (at + 1) + 1, text


def test_another_person_a_certificate_letter_is_about_stays_visible():
    from redaction.detect.addressee import addressee_regions
    from tests.test_match import line

    view = np.full((300, 1400, 3), 255, np.uint8)
    for text in ("兹有李宇明同志于2019年至我院进修", "兹介绍王海前往贵处联系工作", "兹有我单位职工李宇明于2019年"):
        assert not addressee_regions([line(text, 100, 100)], view, PROFILE), text
    # a colleague sharing the applicant's surname, read clearly and whole
    assert not addressee_regions([line("兹有庄海同志于2019年至我院进修", 100, 100)], view, PROFILE)


def test_a_name_written_in_a_blank_labelled_full_name_is_masked(detector):
    """An authorisation letter's ____（全名）在此授权… (dev: 陈毓德 written in, read 分流强): the blank
    before （全名） holds the signer's name, the applicant's."""
    label = "（全名）在此授权本单位对我提供的材料进行核实。"
    rows = [(520, 120, "授权书", 64), (300, 300, label, 40),
            (300, 400, "本授权书自签署之日起生效。", 40), (1000, 600, "莆田华侨中学", 40)]
    page = render_page(rows)
    full = text_box(300, 300, label, 40)
    cv2.line(page, (60, full[3] + 6), (290, full[3] + 6), (40, 40, 40), 2)
    name = scribble(page, (80, full[1] - 20, 270, full[3] + 4), seed=5)
    regions = detector.text_regions(page, PROFILE)
    accepted = [r.bbox for r in regions if r.accepted]
    assert covered(name, accepted), [(r.kind, r.bbox) for r in regions]
    body = text_box(300, 400, "本授权书自签署之日起生效。", 40)
    assert not any(intersection(b, body) > 0.1 * box_area(body) for b in accepted)
    rows[1] = (300, 300, "（全名）" + label[4:], 40)     # no blank, nothing written: nothing masked
    assert not any(r.kind == "name" and r.accepted for r in detector.text_regions(render_page(rows), PROFILE))


def _scored(ln, score):
    from redaction.ocr.base import TextLine

    return TextLine(ln.quad, ln.text, score, ln.char_boxes)


FORM = Profile(name="巴特尔", employers=("哈密市伊州区教育局",))


def _form_row(value=None, score=0.6, label="姓名"):
    """An appraisal form's first row: the name label, its cell, 性别 and its cell."""
    from tests.test_match import line

    rows = [line(label, 100, 200)]
    if value is not None:
        rows.append(_scored(line(value, 350, 196), score))
    rows += [line("性别", 700, 200), line("男", 950, 200)]
    return rows


def test_what_a_forms_name_field_holds_is_the_applicants_name_though_misread():
    """synth3 seed 8, 048: 巴特尔 handwritten in the 姓名 cell under a seal, read 色特 at 0.61 — no
    match finds a name from one of its characters. The field says whose name it is."""
    from redaction.detect.addressee import name_field_regions

    view = np.full((400, 1200, 3), 255, np.uint8)
    regions = name_field_regions(_form_row("色特"), view, FORM)
    assert len(regions) == 1 and regions[0].kind == "name" and regions[0].accepted
    assert covered((350, 196, 410, 228), [regions[0].bbox], 1.0)
    assert regions[0].bbox[0] > 100 + 60 and regions[0].bbox[2] < 700     # not the labels


@pytest.mark.parametrize("value, score, found", [
    ("王芳", 0.99, False),       # another person's form, clearly read
    ("巴特", 0.97, True),        # the applicant's, a character lost
    ("王芳", 0.7, True),         # read unsure: a hand read as anything
])
def test_a_name_field_read_clearly_as_another_name_stays_visible(value, score, found):
    from redaction.detect.addressee import name_field_regions

    view = np.full((400, 1200, 3), 255, np.uint8)
    assert bool(name_field_regions(_form_row(value, score), view, FORM)) == found


def test_a_name_field_with_a_qualified_label_is_someone_elses():
    """推荐人姓名, 联系人姓名, 配偶姓名: the field's label names whose it is."""
    from redaction.detect.addressee import name_field_regions

    view = np.full((400, 1200, 3), 255, np.uint8)
    assert not name_field_regions(_form_row("色特", label="推荐人姓名"), view, FORM)


def test_a_name_written_in_the_field_and_not_read_is_masked_by_its_ink():
    """Nothing read in the cell (the hand too loose): the pen's ink right of the label is the name,
    wherever in the cell it was written; the next cell's label is not."""
    from redaction.detect.addressee import name_field_regions
    from testkit.imaging import draw_text

    view = np.full((400, 1200, 3), 255, np.uint8)
    draw_text(view, "巴特尔", (430, 196), 34, colour=(120, 40, 10))
    ys, xs = np.nonzero(view[:, :, 0] < 200)
    name = (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
    regions = name_field_regions(_form_row(), view, FORM)
    assert len(regions) == 1 and covered(name, [regions[0].bbox])
    assert regions[0].bbox[2] < 700
    assert not name_field_regions(_form_row(), np.full((400, 1200, 3), 255, np.uint8), FORM)


def test_a_name_field_on_one_line_masks_its_value_only():
    from redaction.detect.addressee import name_field_regions
    from tests.test_match import line

    ln = _scored(line("姓名：色特性别：男", 100, 200), 0.7)
    regions = name_field_regions([ln], np.full((400, 1200, 3), 255, np.uint8), FORM)
    assert len(regions) == 1
    assert covered((190, 200, 250, 232), [regions[0].bbox], 1.0) and regions[0].bbox[2] < 260 + 8


def test_a_column_header_named_姓名_takes_no_box():
    """A team list's header row (姓名 | 单位 | 职务) with the names below."""
    from redaction.detect.addressee import name_field_regions
    from tests.test_match import line

    rows = [line("姓名", 100, 100), line("单位", 400, 100), line("职务", 700, 100),
            _scored(line("王芳", 100, 160), 0.99), line("阿克苏地区人民医院", 400, 160)]
    assert not name_field_regions(rows, np.full((400, 1200, 3), 255, np.uint8), FORM)


def test_a_handwritten_name_under_a_seal_in_a_forms_name_field_is_masked(detector):
    """synth3 seed 8, 048 end to end: missed whole before (the seal over it missed too)."""
    from pathlib import Path

    from bench.accuracy import _spec_pages
    from redaction.files.document import Page
    from testkit.synth3 import make_page

    page = make_page(8, 48)
    sp = _spec_pages([page])[0]
    truth = next(t.as_dict()["bbox"] for t in page.truth if t.kind == "name" and "under_seal" in t.as_dict()["tags"])
    _, _, regions = detector.propose_upright(Page(sp.pixels, Path("048.jpg"), 0, 1, sp.dpi), sp.profile)
    assert covered(truth, [r.bbox for r in regions if r.accepted])


def test_a_value_line_starting_over_the_labels_box_is_the_value():
    """The detector's boxes overlap: an ID card's name line began 11 px inside the label's box
    (own corpus 038); the photo's edge right of it is not the name."""
    from redaction.detect.addressee import name_field_regions
    from tests.test_match import line

    value = _scored(line("热孜万古丽·艾则败", 150, 200), 0.8)          # read with a slip
    view = np.full((400, 1200, 3), 255, np.uint8)
    view[150:300, 700:900] = 60                                      # a photo right of the row
    profile = Profile(name="热孜万古丽·艾则孜", employers=("阿克苏地区人民医院",))
    regions = name_field_regions([line("姓名", 100, 200), value], view, profile)
    assert len(regions) == 1 and regions[0].bbox[2] < 700


def test_a_header_cell_named_姓名_with_slanted_rules_takes_no_box():
    """A letter's table photographed at a slant (dev: 姓名 | 身份证号码, the names in the row below):
    the rules between the cells are no written name."""
    from redaction.detect.addressee import name_field_regions
    from tests.test_match import line

    view = np.full((400, 1200, 3), 255, np.uint8)
    cv2.line(view, (60, 160), (1100, 196), (30, 30, 30), 3)           # the table's top rule
    cv2.line(view, (330, 170), (342, 390), (30, 30, 30), 3)           # the border between the cells
    cv2.line(view, (60, 250), (1100, 286), (30, 30, 30), 3)
    rows = [line("姓名", 100, 200), line("身份证号码", 500, 200)]
    assert not name_field_regions(rows, view, FORM)


def test_a_name_read_whole_in_the_field_is_left_to_matching_and_a_mask_is_no_hand():
    """The value read as the name itself is matched and boxed by matching (no second box); a solid
    fill over the cell (a masked page read again by `verify`) is no handwritten name."""
    from redaction.detect.addressee import name_field_regions

    view = np.full((400, 1200, 3), 255, np.uint8)
    assert not name_field_regions(_form_row("巴特尔", 0.99), view, FORM)
    view[190:240, 400:520] = 0                                      # the name's mask
    assert not name_field_regions(_form_row(), view, FORM)


JOURNAL = Profile(name="古丽娜尔·托合提", employers=("吐鲁番市高昌区人民医院",))


@pytest.mark.parametrize("read, score, found", [
    ("占丽螺尔托合提", 0.93, True),    # synth4 s17 015: the phone photo's footnote, two slips in seven
    ("古丽娜尔托合", 0.99, True),      # a character lost at the bracket
    ("阿依古丽", 0.99, False),         # another author, read clearly (shares 古丽: under half the name)
    ("阿依古丽", 0.7, True),           # read unsure and sharing characters: the applicant's, misread
    ("王海", 0.6, False),              # read unsure, nothing shared
])
def test_the_author_named_in_a_journals_author_note_is_the_applicant_though_misread(read, score, found):
    """A journal's 作者简介：<name>（1990—），女，… names the paper's author; a paper the applicant
    uploads is theirs. Small footnote print on a phone photo is read with more slips than matching
    allows in a seven-character name."""
    from redaction.detect.addressee import author_note_regions, field_regions
    from tests.test_match import line

    ln = _scored(line(f"作者简介：{read}（1990—），女，维吾尔族，新疆吐", 140, 1360), score)
    regions = author_note_regions([ln], JOURNAL)
    assert bool(regions) == found
    if found:
        chars = ln.char_boxes[5:5 + len(read)]
        name = (chars[0][0], chars[0][1], chars[-1][2], chars[-1][3])
        assert covered(name, [regions[0].bbox], 1.0)
        assert regions[0].bbox[0] > ln.char_boxes[4][2] - 10        # not the label
        assert regions[0].bbox[2] < ln.char_boxes[5 + len(read)][2]  # nor the year's bracket
        view = np.full((1600, 1400, 3), 255, np.uint8)
        assert [r.bbox for r in field_regions([ln], view, JOURNAL)] == [regions[0].bbox]


def test_a_name_wrapped_in_its_cell_is_masked_whole():
    """synth3 s44 018: a long Uyghur name wrapped in the 姓名 cell, its first line misread
    (燕依汗古前不都热合 for 热依汗古丽·阿不都热合) and its last character, 曼, on the second line
    starting left of it: 曼 was taken for the value and the first line left readable."""
    from redaction.detect.addressee import name_field_regions
    from tests.test_match import line

    profile = Profile(name="热依汗古丽·阿不都热合曼", employers=("和田地区林业和草原局",))
    first = _scored(line("燕依汗古前不都热合", 320, 180, char_w=26), 0.83)
    second = _scored(line("曼", 310, 214, char_w=26, h=28), 0.98)
    rows = [line("姓名", 100, 196), first, second, line("性别", 700, 196), line("女", 950, 196)]
    regions = name_field_regions(rows, np.full((400, 1200, 3), 255, np.uint8), profile)
    assert len(regions) == 1
    assert covered(first.bbox, [regions[0].bbox], 1.0) and covered(second.bbox, [regions[0].bbox], 1.0)
    assert regions[0].bbox[2] < 700                                  # not the next cell


def test_a_wrapped_cell_read_clearly_as_another_name_stays_visible():
    from redaction.detect.addressee import name_field_regions
    from tests.test_match import line

    rows = [line("姓名", 100, 196), _scored(line("王", 320, 180), 0.99), _scored(line("芳", 310, 214), 0.99),
            line("性别", 700, 196), line("女", 950, 196)]
    assert not name_field_regions(rows, np.full((400, 1200, 3), 255, np.uint8), FORM)


@pytest.mark.parametrize("text, name, found", [
    # synth4 s25 079: a phone photo's blurred footnote, its label misread and the name's dot read
    # as a comma — the birth year's bracket after the name marks the note
    ("作尝介：吉黑娜尔，托提（1990一），女，维答尔族，折吐", "吉黑娜尔，托提", True),
    ("作者简介：古丽娜尔·托合提（1990—），女，维吾尔族", "古丽娜尔·托合提", False),   # read whole
    ("作尝介：吉黑娜尔，托提，女，维吾尔族，新疆吐鲁番人", None, False),    # no year: no note
    ("工作总结：吉黑娜尔，托提（1990—），女", None, False),                # another label
])
def test_an_author_note_with_its_label_misread_is_known_by_the_birth_year(text, name, found):
    from redaction.detect.addressee import author_note_regions
    from tests.test_match import line

    ln = _scored(line(text, 140, 1360), 0.735)
    regions = author_note_regions([ln], JOURNAL)
    assert bool(regions) == found
    if found:
        start = text.index(name)
        chars = ln.char_boxes[start:start + len(name)]
        assert covered((chars[0][0], chars[0][1], chars[-1][2], chars[-1][3]), [r.bbox for r in regions], 1.0)
        assert min(r.bbox[0] for r in regions) > ln.char_boxes[start - 1][2] - 10       # not the label
