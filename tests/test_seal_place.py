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


def test_a_bare_role_label_is_another_signers():
    """法定代表人： with nothing after it: the unit's head signs or stamps their name seal there
    (synth3 seed 38); 单位： is the organisation's own place, and a sentence is no label."""
    lines = [line("法定代表人：", (438, 1068, 600, 1108)), line("单位：", (100, 1500, 200, 1540)),
             line("经研究，同意推荐该同志，特此证明：", (100, 300, 800, 340))]
    head, employer, in_text = seal((601, 1004, 760, 1162)), seal((201, 1420, 441, 1660)), seal((801, 250, 960, 400))
    for s in (head, employer, in_text):
        attribute_by_place(s, lines, [])
    assert (head.kind, head.accepted) == ("other_seal", False)
    assert (employer.kind, employer.accepted) == (in_text.kind, in_text.accepted) == ("seal", True)


def test_an_unread_small_seal_over_the_name_after_another_persons_role_is_theirs():
    """synth3 s49 019: 韩雪之印, unread (葡寳之闻, 0.34), stamped over 韩雪 written after 单位负责人：
    on one line — masked as the employer's. A seal as large as a unit's (over four of the line's
    heights) stamped there stays the employer's."""
    lines = [line("单位负责人：韩雪", (410, 1278, 660, 1334))]
    name_seal, employers = seal((569, 1222, 730, 1383)), seal((470, 1150, 760, 1440))
    for s in (name_seal, employers):
        attribute_by_place(s, lines, [])
    assert (name_seal.kind, name_seal.accepted) == ("other_seal", False)
    assert (employers.kind, employers.accepted) == ("seal", True)


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


def test_the_seal_at_a_licences_issuer_label_is_the_authoritys():
    # a business licence: the registration authority's seal stamped over 登记机关 and its name
    licence = [line("营业执照", (432, 628, 1311, 842)), line("新疆标普安防科技有限公司", (574, 1061, 1037, 1104)),
               line("登记机关乌鲁木齐高新区（新市区）市场监督", (804, 1919, 1503, 1981)),
               line("2018年01月26日", (1038, 2042, 1427, 2121))]
    authority = seal((1018, 1568, 1406, 1952))
    attribute_by_place(authority, licence, [(574, 1061, 1037, 1104)])
    assert (authority.kind, authority.accepted) == ("other_seal", False)
    # a small phone photo: the label printed just under the seal's edge
    small = seal((621, 997, 858, 1253))
    attribute_by_place(small, [line("登记机关", (523, 1271, 686, 1306))], [])
    assert (small.kind, small.accepted) == ("other_seal", False)
    # a phone photo enlarged for reading: the label printed left of the seal, on its level
    beside = seal((728, 1169, 1005, 1469))
    attribute_by_place(beside, [line("登记机关", (523, 1271, 686, 1306))], [])
    assert (beside.kind, beside.accepted) == ("other_seal", False)
    # an account permit: the bank's seal over 发证机关（盖章）
    bank = seal((1481, 1057, 1808, 1393), "oval")
    attribute_by_place(bank, [line("发证机关（盖章）", (1472, 1217, 1773, 1257))], [])
    assert (bank.kind, bank.accepted) == ("other_seal", False)


def test_the_applicants_seal_away_from_the_issuer_label_stays():
    # the holder's own seal stamped on the licence copy elsewhere, or a heading far above it
    lines = [line("登记机关", (523, 1271, 686, 1306)), line("营业执照", (269, 379, 826, 513))]
    own = seal((100, 300, 300, 500))
    attribute_by_place(own, lines, [])
    far_right = seal((1000, 1180, 1200, 1380))
    attribute_by_place(far_right, lines, [])
    assert (far_right.kind, far_right.accepted) == ("seal", True)
    below_label = seal((500, 1320, 720, 1540))
    attribute_by_place(below_label, lines, [])
    assert (own.kind, own.accepted) == (below_label.kind, below_label.accepted) == ("seal", True)
    # a seal over the applicant's employer's name stays whatever label is near
    over_employer = seal((500, 1100, 720, 1300))
    attribute_by_place(over_employer, lines + [line("南京文化艺术产权交易所", (480, 1150, 760, 1190))],
                       [(480, 1150, 760, 1190)])
    assert (over_employer.kind, over_employer.accepted) == ("seal", True)


def test_a_receipts_supervision_seal_is_the_finance_bureaus():
    # a medical receipt says 票据代码, not 发票代码; its 票据监制章 reads 财政部监制 on the page
    lines = [line("江苏省医疗票据（电子）", (1348, 260, 2873, 436)), line("财政部监制", (1963, 442, 2337, 566)),
             line("票据代码：", (489, 544, 748, 612))]
    head = seal((1900, 150, 2400, 640), "oval")
    attribute_by_place(head, lines[:1] + lines[2:], [])
    assert (head.kind, head.accepted) == ("other_seal", False)
    round_head = seal((1900, 150, 2400, 640))          # not an oval: told by 监制 under it
    attribute_by_place(round_head, lines, [])
    assert (round_head.kind, round_head.accepted) == ("other_seal", False)
    # the hospital's own seal at the receipt's foot stays
    own = seal((900, 2250, 1450, 2450))
    attribute_by_place(own, lines + [line("收款单位（章）：", (346, 2469, 781, 2547))], [])
    assert (own.kind, own.accepted) == ("seal", True)


def test_the_supervision_seal_on_a_vat_invoices_title_is_the_tax_bureaus():
    lines = [line("厦门增值税专用发票", (635, 133, 1002, 210)), line("抵扣联", (740, 226, 904, 292)),
             line("北京安博创藏教育科技有限责任公司", (382, 302, 735, 348))]
    head, seller = seal((770, 100, 870, 190), "oval"), seal((600, 900, 800, 1040), "oval")
    for s in (head, seller):
        attribute_by_place(s, lines, [])
    assert (head.kind, head.accepted) == ("other_seal", False)
    assert (seller.kind, seller.accepted) == ("seal", True)
