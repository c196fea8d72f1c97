"""An employer typed in one form is found in the other forms pages print it in."""

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from redaction.detect.match import match_lines
from redaction.files.document import Page
from redaction.model.profile import Profile
from redaction.model.regions import intersection
from redaction.text.orgnames import employer_variants
from tests.test_match import char_span, covers, line


def test_forms_of_the_same_employer():
    full = employer_variants("新疆维吾尔自治区巴音郭楞蒙古自治州水利局")
    assert {"巴音郭楞蒙古自治州水利局", "巴州水利局", "新疆巴州水利局", "自治区巴音郭楞蒙古自治州水利局"} <= set(full)
    assert "巴音郭楞蒙古自治州巴州水利局" not in full
    assert employer_variants("巴州水利局") == ("巴音郭楞蒙古自治州水利局",)
    assert set(employer_variants("新疆维吾尔自治区人民医院")) == {"自治区人民医院", "新疆人民医院"}
    assert employer_variants("乌鲁木齐市天山区人民法院") == ("天山区人民法院",)
    # what is left must still name a place: 人民医院 and 生态环境局 alone name no one in particular
    assert employer_variants("阿克苏地区第一人民医院") == ()
    assert employer_variants("阿克苏地区生态环境局") == ()
    assert employer_variants("新疆大学") == ()
    assert employer_variants("Harbin Institute of Technology") == ()


def test_a_page_printing_the_employer_without_its_region_is_matched():
    profile = Profile(name="王芳", employers=("新疆维吾尔自治区阿克苏地区生态环境局",))
    head = line("阿克苏地区生态环境局", 100, 100)
    body = line("兹证明王芳同志系新疆阿克苏地区生态环境局职工。", 100, 200)
    other = line("阿克苏地区人民医院、自治区生态环境厅、生态环境局", 100, 300)
    found = [r for r in match_lines([head, body, other], profile) if r.kind == "employer"]
    assert any(covers(r.bbox, head.bbox) for r in found)
    assert any(covers(r.bbox, char_span(body, 8, 20)) for r in found)
    assert not any(intersection(r.bbox, other.bbox) > 0 for r in found)


def test_a_prefecture_by_its_everyday_name_and_no_other_prefecture():
    profile = Profile(name="刘洋", employers=("巴音郭楞蒙古自治州水利局",))
    ours = line("经巴州水利局研究决定", 100, 100)
    theirs = line("抄送：昌吉州水利局、博州水利局", 100, 200)
    found = [r for r in match_lines([ours, theirs], profile) if r.kind == "employer"]
    assert len(found) == 1 and covers(found[0].bbox, char_span(ours, 1, 6))


def test_a_listed_name_printed_whole_is_boxed_once():
    """The region-less form lies inside the full one: one box, not two over the same print."""
    profile = Profile(name="王芳", employers=("新疆维吾尔自治区阿克苏地区生态环境局",))
    ln = line("新疆维吾尔自治区阿克苏地区生态环境局文件", 100, 100)
    found = [r for r in match_lines([ln], profile) if r.kind == "employer"]
    assert len(found) == 1 and covers(found[0].bbox, char_span(ln, 0, 18))


def test_a_letterhead_without_the_region_is_masked_on_the_page(detector):
    """The applicant typed the official name with its region; the letterhead prints the
    bureau's own name in red and the letter the short province form."""
    page = np.full((1200, 1654, 3), 255, np.uint8)
    img = Image.fromarray(page)
    draw = ImageDraw.Draw(img)
    head = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 96, index=2)
    body = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 40, index=2)
    draw.text((300, 120), "阿克苏地区生态环境局", font=head, fill=(210, 30, 30))
    draw.text((160, 420), "兹证明王芳同志系新疆阿克苏地区生态环境局职工，", font=body, fill=(0, 0, 0))
    draw.text((160, 520), "曾在阿克苏地区人民医院进修。", font=body, fill=(0, 0, 0))
    pixels = np.ascontiguousarray(np.asarray(img)[:, :, ::-1])
    profile = Profile(name="王芳", employers=("新疆维吾尔自治区阿克苏地区生态环境局",))
    regions = [r for r in detector.propose(Page(pixels, Path("letter.jpg"), 0, 1, 200), profile) if r.accepted]
    ink = pixels.min(axis=2) < 160

    def masked(x0, y0, x1, y1):
        mask = np.zeros(ink.shape, bool)
        for r in regions:
            a, b, c, d = (int(v) for v in r.bbox)
            mask[max(b, 0):d, max(a, 0):c] = True
        box = ink[y0:y1, x0:x1]
        return (box & mask[y0:y1, x0:x1]).sum() / max(1, box.sum())

    assert masked(300, 100, 1300, 260) > 0.97                        # the red letterhead
    assert masked(160 + 40 * 8, 410, 160 + 40 * 20, 480) > 0.97      # 新疆阿克苏地区生态环境局
    assert masked(160 + 40 * 3, 510, 160 + 40 * 12, 580) < 0.05      # 阿克苏地区人民医院 stays


def test_a_company_without_its_region():
    # Letterheads, seals and contracts print a company without the city it is registered in.
    assert employer_variants("深圳市华兴智能科技股份有限公司") == ("华兴智能科技股份有限公司",)
    assert "雄楚速通国际物流有限公司" in employer_variants("深圳市雄楚速通国际物流有限公司")
    # too little left before the legal form to name one company
    assert employer_variants("乌鲁木齐市天山有限公司") == ()
    assert employer_variants("阿克苏地区生态环境局") == ()     # not a company: no region-less form here
