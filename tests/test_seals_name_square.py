"""Another person's square name seal (韩立新印: 韩立 down the right column, 新印 down the left) is
read in a name seal's order and left unmasked when that name is also written on the page (单位负责
人：韩立新); the applicant's own, an employer's, and a seal alone in a close-up stay masked (stop 30:
synth2 seeds 4-8 masked such seals of a supervisor, a unit's head or a president on 9 pages; a
first rule without the name on the page cost the real set a square seal)."""

from __future__ import annotations

import pytest

from redaction.detect.sealtext import other_persons_name_seal
from redaction.model.profile import Profile

PROFILE = Profile(name="阿依古丽·买买提", employers=("阿克苏地区生态环境局",))


@pytest.mark.parametrize("reading, name", [
    (("韩立新印", 0.99), "韩立新"),
    (("郑雪梅之印", 0.97), "郑雪梅"),
    (("阿依古印", 0.95), None),            # the applicant's own (a name cut to fit)
    (("买买提印", 0.93), None),
    (("阿克苏印", 0.93), None),            # the employer's words
    (("韩立新印", 0.6), None),             # not read confidently
    (("财务专用章", 0.99), None),           # what a seal is for, not a name
    (("努尔古丽印", 0.99), None),           # a 2 × 2 seal holds no four-character name and 印
    (("印", 0.99), None),
])
def test_whose_name_seal(reading, name):
    assert other_persons_name_seal(reading, PROFILE) == name


@pytest.mark.parametrize("generator, seed, index, text", [
    ("synth2", 7, 15, "韩立新印"), ("synth2", 8, 63, "谢宏伟印"), ("synth2", 7, 33, "郑雪梅印"),
    # synth3 seed 11: 韩雪之印 over 韩雪 signed (read 草韦雪) just after 单位负责人签名：; 马玉兰印 read
    # 马玉座印 at 0.76 beside 单位负责人：马玉兰; 何振华印 found as the circle round it and read 何振华迎.
    ("synth3", 11, 28, "韩雪"), ("synth3", 11, 57, "马玉兰"), ("synth3", 11, 47, "何振华"),
    # synth3 seed 13: 曹文斌印 over 曹文斌 signed in pen, the signature all inside the seal's box —
    # no red seal characters, so no line of the seal's own read on the page
    ("synth3", 13, 65, "曹文斌"),
    # synth4 seed 11: 郑明之印 stamped a quarter turn round (read 之郑印明) beside 负责人：郑明, and
    # 徐静之印 with its name laid up the column (read 静徐之印) beside 负责人：徐静
    ("synth4", 11, 6, "郑明"), ("synth4", 11, 10, "徐静"),
    # synth3 seed 38: 王建新印 (read 0.91) over 王建新 signed after a bare 法定代表人：, the name
    # written nowhere else on the page
    ("synth3", 38, 7, "王建新"),
    # synth2 seed 45: 杨永红印 stamped touching the employer's round seal beside 人：杨永红, its
    # square fit pulled off by the round seal's ink (read 深隐發); its rows read on the page, 红杨 |
    # 印永, give its reading
    ("synth2", 45, 47, "杨永红印"),
    # synth3 seed 47: 吴永红印 (read 1.00) over 吴永红 signed after 单位负责人签名：, a line read
    # only since `merged_lines` reads a blob again without the seal's pale ink
    ("synth3", 47, 54, "吴永红"),
    # synth5 seed 1: 潘志远印 (read 1.00) stamped over the middle of 哈力木拉提·沙依兰 signed after
    # 单位负责人签字：, past the few line heights after the label a seal was looked for in
    ("synth5", 1, 40, "潘志远印"),
    # synth3 seed 48: 宝音之印 (read 1.00) over 宝音 signed after 法定代表人：, the line read
    # 法定代表人：宝意音 (the seal's ink read into the signature)
    ("synth3", 48, 31, "宝音"),
    # synth3 seed 49: 韩雪之印, unread, over 韩雪 written after 单位负责人： on one line
    ("synth3", 49, 19, "韩雪"),
    # synth4 seed 24: 宋建军 (three characters: 宋建 down the right column, 军 tall on the left)
    # beside 负责人：宋建军, unread square (欢LE), its rows read on the page as 军宋 | 建
    ("synth4", 24, 30, "宋建军"),
    # synth3 seed 50: 那仁格日 (read 0.99) with 那仁格日勒 signed across it after 单位负责人签名：,
    # the seal's red strokes most of the ink in the signature's box
    ("synth3", 50, 28, "那仁格日勒"),
])
def test_another_persons_square_name_seal_named_on_the_page_is_not_masked(detector, generator, seed, index, text):
    import importlib
    from pathlib import Path

    from bench.accuracy import _spec_pages
    from redaction.files.document import Page

    make_page = importlib.import_module(f"testkit.{generator}").make_page
    sp = _spec_pages([make_page(seed, index)])[0]
    truth = next(t for t in sp.truth if t.kind == "seal" and t.text == text)
    _, _, regions = detector.propose_upright(Page(sp.pixels, Path(f"{sp.stem}.jpg"), 0, 1, sp.dpi), sp.profile)
    on_it = [r for r in regions if r.kind in ("seal", "other_seal")
             and min(r.bbox[2], truth.bbox[2]) - max(r.bbox[0], truth.bbox[0]) > 0
             and min(r.bbox[3], truth.bbox[3]) - max(r.bbox[1], truth.bbox[1]) > 0
             and (r.bbox[2] - r.bbox[0]) < 2 * (truth.bbox[2] - truth.bbox[0])]
    assert on_it and all(r.kind == "other_seal" and not r.accepted for r in on_it), on_it


def test_a_name_seal_read_with_its_zhi_wrong_is_the_written_names(detector):
    """synth4 s26 034: 赵刚之印 beside 负责人：赵刚, on a phone photo of an appraisal form turned a
    quarter, read 刚赵乏印 (之 as 乏, the order lost) — masked as the applicant's; now theirs."""
    from pathlib import Path

    from bench.accuracy import _spec_pages
    from redaction.detect.orient import rotate_box
    from redaction.files.document import Page
    from testkit.synth4 import make_page

    sp = _spec_pages([make_page(26, 34)])[0]
    truth = next(t for t in sp.truth if t.kind == "seal" and t.text == "赵刚")
    upright, turn, regions = detector.propose_upright(Page(sp.pixels, Path(f"{sp.stem}.jpg"), 0, 1, sp.dpi), sp.profile)
    assert turn == 90
    regions = [r.with_bbox(rotate_box(r.bbox, 270, upright.width, upright.height)) for r in regions]
    on_it = [r for r in regions if r.kind in ("seal", "other_seal")
             and min(r.bbox[2], truth.bbox[2]) - max(r.bbox[0], truth.bbox[0]) > 0
             and min(r.bbox[3], truth.bbox[3]) - max(r.bbox[1], truth.bbox[1]) > 0]
    assert len(on_it) == 1 and on_it[0].kind == "other_seal" and not on_it[0].accepted, on_it
    assert on_it[0].extra.get("attributed_by") == "name seal, the name on the page"


@pytest.mark.parametrize("index, name", [(24, "何振华"), (48, "罗建平")])
def test_a_name_seal_stamped_over_its_owners_signature_is_theirs(detector, index, name):
    """synth3 seed 3: a reviewer's 何振华印 stamped over 何振华 signed, the signature reaching out of
    the seal's box (0.56-0.67 of it under the box): the seal and the signature stay unmasked."""
    from pathlib import Path

    from bench.accuracy import _spec_pages
    from redaction.files.document import Page
    from testkit.synth3 import make_page

    sp = _spec_pages([make_page(3, index)])[0]
    seal = next(t for t in sp.truth if t.kind == "seal" and t.text == name)
    signed = next(t for t in sp.truth if t.kind == "name" and t.text == name)
    _, _, regions = detector.propose_upright(Page(sp.pixels, Path(f"{sp.stem}.jpg"), 0, 1, sp.dpi), sp.profile)
    accepted = [r.bbox for r in regions if r.accepted]

    def covered(box):
        return max((max(0, min(a[2], box[2]) - max(a[0], box[0])) * max(0, min(a[3], box[3]) - max(a[1], box[1]))
                    for a in accepted), default=0) / ((box[2] - box[0]) * (box[3] - box[1]))

    assert covered(seal.bbox) < 0.3 and covered(signed.bbox) < 0.3


def test_a_name_seal_alone_in_a_close_up_stays_masked(detector):
    """No name on the page beside it: whose it is, nothing says; masked (recall first)."""
    import cv2

    from redaction.detect.seals import Seal
    from tests.conftest import render_page

    red = (200, 40, 40)      # RGB
    page = render_page([(310, 175, "韩", 110, red), (310, 315, "立", 110, red),
                        (175, 175, "新", 110, red), (175, 315, "印", 110, red)], size=(600, 600))
    cv2.rectangle(page, (150, 150), (450, 450), (40, 40, 200), 12)
    seal = Seal((130, 130, 470, 470), "square", 0.9, (300.0, 300.0), (150.0, 150.0), 0.0, "red")
    region = detector.seal_regions(page, [seal], PROFILE)[0]
    from redaction.detect.sealtext import read_square_seal

    assert read_square_seal(detector.ocr, page, seal)[0] == "韩立新印"     # read, yet
    detector.other_persons_name_seal(page, region, seal, [], PROFILE)
    assert region.kind == "seal" and region.accepted


@pytest.mark.parametrize("reading, written, name", [
    (("马玉座印", 0.76), ["单位负责人：马玉兰"], "马玉兰"),                # one character misread, less sure
    (("库尔班尼", 0.99), ["单位负责人：库尔班·尼亚孜"], "库尔班尼亚孜"),  # a long name's first four, no 印
    (("何振华迎", 0.91), ["单位负责人：何振华"], "何振华"),                # 印 read as another character
    (("叶尔三沙", 0.94), ["单位负责人签名：叶尔兰·沙肯"], "叶尔兰沙肯"),
    (("马玉座印", 0.76), ["联系人：马丽"], None),                       # no written name begins so
    (("马玉座印", 0.76), ["马玉兰同志工作认真"], None),                   # a name inside prose, not written alone
    (("马玉座印", 0.3), ["单位负责人：马玉兰"], None),                  # not read at all
    (("马晓座印", 0.9), ["单位负责人：马晓燕"], None),                  # the applicant's own name
    (("韩雪之印", 0.99), ["负责人：韩雨"], None),                      # two characters: exact or nothing
    (("二四年八", 0.9), ["二四年八月"], None),                          # a date is no one's name
    (("买合本提", 0.91), ["买合木提·阿西木"], "买合木提阿西木"),          # a long name signed on its own
    (("买合本提", 0.91), ["买合木提同志工作认真"], None),                # ... not prose of that length
    (("来吉托", 0.93), ["法定代表人：米吉提托乎提"], "米吉提托乎提"),     # part of a long name, in order
    (("来吉托", 0.93), ["法定代表人：吉米提乎"], None),                 # ... not in order
    (("来吉托", 0.93), ["法定代表人：米吉提"], None),                   # as long: from its start only
])
def test_name_seal_written_on_the_page_loosely(reading, written, name):
    from redaction.detect.sealtext import name_seal_written_loosely

    assert name_seal_written_loosely(reading, Profile(name="马晓燕", employers=("昌吉州人民医院",)), written) == name


@pytest.mark.parametrize("reading, name", [
    (("努尔古印", 0.99), "努尔古丽库尔班"),   # shares 努尔 with the applicant's name, spells another's
    (("赛力克印", 0.99), None),             # the applicant's own
    (("努尔别克", 0.99), None),
    (("努尔古印", 0.99), None),             # ... with no one's name written so: the applicant's, misread
])
def test_a_name_seal_sharing_characters_with_the_applicants_name_is_anothers_when_it_spells_theirs(reading, name):
    """synth2 s15 071: 努尔古丽·库尔班's 努尔古印 beside 单位负责人：努尔古丽·库尔班, the applicant
    赛力克·努尔别克 (Kazakh and Uyghur names share their transliteration characters)."""
    from redaction.detect.sealtext import name_seal_written_loosely

    prof = Profile(name="赛力克·努尔别克", employers=("阿勒泰地区畜牧兽医局",))
    written = ["单位负责人：努尔古丽·库尔班"] if name else ["单位负责人：阿不都热依木"]
    assert name_seal_written_loosely(reading, prof, written) == name


@pytest.mark.parametrize("reading, written, name", [
    (("之郑印明", 0.99), ["负责人：郑明"], "郑明"),          # stamped a quarter turn round
    (("静徐之印", 0.99), ["负责人：徐静"], "徐静"),          # the name laid up the column
    (("立韩印新", 0.9), ["单位负责人：韩立新"], "韩立新"),
    (("静徐之印", 0.99), ["负责人：徐晶"], None),            # one character another: not this name
    (("静徐之", 0.99), ["负责人：徐静"], None),              # no 印: no name seal read
    (("静徐之印", 0.4), ["负责人：徐静"], None),             # not read at all
    (("晓马之印", 0.99), ["本人签名：马晓"], None),          # shares two with the applicant's name
    (("静徐之印", 0.99), ["徐静同志工作认真负责成绩突出"], None),  # a name inside prose
    (("刚赵乏印", 0.82), ["负责人：赵刚"], "赵刚"),          # its 之 read as another character
    (("刚赵乏印", 0.82), ["负责人：赵明"], None),            # one of the name's not on the seal
    (("晓马乏印", 0.82), ["本人签名：马晓"], None),          # shares two with the applicant's name
])
def test_name_seal_read_in_any_order(reading, written, name):
    """A square name seal whose characters come out of the reading order (turned a quarter, or its
    name laid the other way) is the written name's whose characters it holds, all of them."""
    from redaction.detect.sealtext import name_seal_in_any_order

    assert name_seal_in_any_order(reading, Profile(name="马晓燕", employers=("昌吉州人民医院",)), written) == name


def test_a_square_seals_rows_read_on_the_page_give_its_name_in_column_order():
    """A 2 × 2 name seal's rows read as two lines of the page's text (right to left is lost: 红杨 over
    印永) give its reading down the right column, then the left: 杨永红印. Anything but two such
    rows of two characters, one above the other, gives none."""
    import numpy as np

    from redaction.ocr.base import TextLine
    from redaction.pipeline.propose import _square_seal_from_rows

    def line(text, y, score=0.99):
        quad = np.array([(100, y), (200, y), (200, y + 50), (100, y + 50)], np.float32)
        return TextLine(quad, text, score)

    assert _square_seal_from_rows([line("印永", 160), line("红杨", 100, 0.95)]) == ("杨永红印", 0.95)
    assert _square_seal_from_rows([line("红杨", 100)]) is None
    assert _square_seal_from_rows([line("红杨", 100), line("印", 160)]) is None
    assert _square_seal_from_rows([line("红杨", 100), line("印永", 110)]) is None   # side by side

    def under(text, x0, x1):
        quad = np.array([(x0, 160), (x1, 160), (x1, 210), (x0, 210)], np.float32)
        return TextLine(quad, text, 0.9)

    # Three characters: one column's character tall, read in the top row (军宋 | 建 under 宋)
    assert _square_seal_from_rows([line("军宋", 100), under("建", 160, 195)]) == ("宋建军", 0.9)
    assert _square_seal_from_rows([line("建宋", 100), under("军", 105, 140)]) == ("宋建军", 0.9)
    assert _square_seal_from_rows([line("军宋", 100), under("建", 130, 170)]) is None    # under neither
