"""Unread seals that are not the applicant's by where they are stamped (dev over-masking and stray
boxes): a red title's large characters, the tax bureau's supervision seal at an invoice's head,
another signer's name seal beside their label, a square stamp reading 附件. The applicant's own
stay accepted."""

import numpy as np

from redaction.model.regions import Region
from redaction.ocr.base import TextLine
from redaction.pipeline.propose import _in_title_line, attribute_by_place


def line(text, box, score=0.99, source="page"):
    x0, y0, x1, y1 = box
    step = (x1 - x0) / len(text)
    chars = [(x0 + i * step, y0, x0 + (i + 1) * step, y1) for i in range(len(text))]
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextLine(quad, text, score, chars, source)


def seal(box, shape="round"):
    return Region("seal", box, 0.8, None, True, extra={"shape": shape, "colour": "red"})


def test_a_red_titles_character_is_no_seal():
    title = [line("奖学金证书", (601, 1015, 1523, 1191), 1.0),
             line("Certificate of Scholarship", (631, 1211, 1491, 1295))]
    assert _in_title_line(seal((1042, 1070, 1161, 1191)), title)
    assert _in_title_line(seal((1408, 1217, 1498, 1295), "oval"), title)
    # a seal stamped over ordinary lines is several times taller than they are
    body = [line("哈尔滨工业大学（威海）", (1216, 2533, 1730, 2599), 1.0)]
    assert not _in_title_line(seal((1260, 2366, 1750, 2893)), body)


def test_the_supervision_seal_at_an_invoices_head_is_the_tax_bureaus():
    lines = [line("发票代码：043002200111", (600, 15, 900, 45)), line("发票号码：00859175", (600, 45, 900, 75)),
             line("销售方名称：长沙鑫时速电子科技有限公司", (100, 400, 500, 430))]
    head, seller = seal((322, 22, 504, 128), "oval"), seal((648, 409, 836, 541), "oval")
    for s in (head, seller):
        attribute_by_place(s, lines, [])
    assert (head.kind, head.accepted) == ("other_seal", False)
    assert (seller.kind, seller.accepted) == ("seal", True)


def test_a_name_seal_beside_another_signers_label_is_theirs():
    lines = [line("经办柜员签章：", (928, 2033, 1128, 2064)), line("单位（签章）：", (100, 1500, 300, 1530))]
    teller, employer = seal((1115, 2009, 1237, 2063), "oval"), seal((320, 1420, 560, 1660))
    for s in (teller, employer):
        attribute_by_place(s, lines, [])
    assert (teller.kind, teller.accepted) == ("other_seal", False)
    assert (employer.kind, employer.accepted) == ("seal", True)


def test_a_square_stamp_reading_a_word_is_no_ones_seal():
    stamp = seal((1296, 75, 1487, 259), "square")
    attribute_by_place(stamp, [line("附件", (1299, 79, 1560, 285), 0.94, "red")], [])
    assert (stamp.kind, stamp.accepted) == ("other_seal", False)
    # what a seal is for (the employer's 财务专用章), or a seal over the applicant's name, stays
    use = seal((100, 100, 250, 250), "square")
    attribute_by_place(use, [line("财务专用章", (110, 150, 240, 200), 0.95, "red")], [])
    own = seal((100, 100, 250, 250), "square")
    attribute_by_place(own, [line("李国庆印", (110, 110, 240, 240), 0.95, "red")], [(110, 110, 240, 240)])
    assert (use.kind, use.accepted) == (own.kind, own.accepted) == ("seal", True)
