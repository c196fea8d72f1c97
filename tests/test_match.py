import numpy as np
import pytest

from redaction.detect.match import approximate_find, match_lines
from redaction.model.profile import Profile
from redaction.model.regions import box_area, intersection
from redaction.ocr.base import TextLine, proportional_char_boxes

PROFILE = Profile(name="阿依古丽·买买提", aliases=("王芳",),
                  employers=("阿克苏地区生态环境局", "伊犁州人民医院"))


def line(text, x, y, char_w=30, h=32):
    """A TextLine as OCR returns it: CJK chars char_w wide, Latin half that."""
    widths = [char_w if ord(c) >= 0x2E80 else char_w // 2 for c in text]
    x1 = x + sum(widths)
    quad = np.array([[x, y], [x1, y], [x1, y + h], [x, y + h]], np.float32)
    return TextLine(quad, text, 0.95, proportional_char_boxes(quad, text))


def covers(region_box, target, frac=0.999):
    return intersection(region_box, target) >= frac * box_area(target)


def union_covers(boxes, target, frac):
    """Do the boxes together cover `frac` of the target box?"""
    x0, y0, x1, y1 = (int(round(v)) for v in target)
    under = np.zeros((y1 - y0, x1 - x0), bool)
    for bx0, by0, bx1, by1 in boxes:
        rows = slice(max(0, int(by0) - y0), max(0, int(np.ceil(by1)) - y0))
        under[rows, max(0, int(bx0) - x0):max(0, int(np.ceil(bx1)) - x0)] = True
    return under.mean() >= frac


def covered(boxes, box, kind="employer", owner="applicant"):
    """How much of `box` (an item of `kind`) the boxes cover, as bench.accuracy counts it."""
    from bench.accuracy import coverage
    from bench.realset import RealItem

    return coverage(RealItem(kind, tuple(round(v) for v in box), None, owner), boxes)


def char_span(ln: TextLine, start, end):
    boxes = ln.char_boxes[start:end]
    return (boxes[0][0], boxes[0][1], boxes[-1][2], boxes[-1][3])


def test_exact_name_inside_a_longer_line_gets_a_padded_sub_line_box():
    ln = line("姓名：阿依古丽·买买提 性别：女", 100, 200)
    regions = match_lines([ln], PROFILE)
    names = [r for r in regions if r.kind == "name"]
    assert len(names) == 1
    r = names[0]
    target = char_span(ln, 3, 11)
    assert covers(r.bbox, target)
    assert r.bbox[0] <= target[0] - 0.2 * 30 and r.bbox[2] >= target[2] + 0.2 * 30
    assert r.bbox[2] < char_span(ln, 13, 14)[0]  # does not swallow 性别


@pytest.mark.parametrize("text", ["阿依古丽买买提", "阿依古丽•买买提", "阿依古丽.买买提", "阿依古丽・买买提",
                                  "阿依古丽 买买提", "阿依古丽买提"])
def test_uyghur_name_with_any_dot_or_one_slip(text):
    regions = match_lines([line("作者：" + text, 0, 0)], PROFILE)
    assert [r.kind for r in regions] == ["name"]


def test_two_character_name_is_exact_only():
    assert not match_lines([line("王方同志", 0, 0)], PROFILE)
    assert [r.kind for r in match_lines([line("王 芳", 0, 0)], PROFILE)] == ["name"]


def test_employer_with_ocr_misread_and_traditional_forms():
    for text in ("伊型州人民医院", "伊犁州人民醫院", "伊州人民医院", "阿克苏地区生态坏境局"):
        regions = match_lines([line("单位：" + text + "。", 0, 0)], PROFILE)
        assert [r.kind for r in regions] == ["employer"], text


def test_employer_wrapped_over_three_lines_of_a_table_cell():
    """深圳市今天国 / 际物流技术股 / 份有限公司: a narrow cell, other cells to its right."""
    profile = Profile(name="李祖湖", employers=("深圳市今天国际物流技术股份有限公司",))
    cell = [line("深圳市今天国", 600, 690), line("际物流技术股", 600, 760), line("份有限公司", 615, 830)]
    beside = [line("实习地址", 940, 760), line("深圳市龙岗区宝龙", 1200, 690)]
    regions = [r for r in match_lines(cell + beside, profile) if r.kind == "employer"]
    for piece in cell:
        assert any(covers(r.bbox, piece.bbox) for r in regions), piece.text
    assert not any(intersection(r.bbox, b.bbox) for r in regions for b in beside)


def test_a_one_character_last_piece_of_a_wrapped_employer():
    """深圳市人力资 / 源和社会保障 / 局 in a table cell (a letterhead's 介绍信)."""
    profile = Profile(name="朱先福", employers=("深圳市人力资源和社会保障局",))
    cell = [line("深圳市人力资", 1460, 920), line("源和社会保障", 1460, 972), line("局", 1461, 1024)]
    regions = [r for r in match_lines(cell, profile) if r.kind == "employer"]
    assert any(covers(r.bbox, cell[2].bbox) for r in regions)


def test_a_wrap_across_double_spaced_lines():
    """An appointment letter's lines stand 1.9 line heights apart."""
    profile = Profile(name="张智勇", employers=("武汉理工大学船海与能源动力工程学院",))
    a = line("兹聘请张智勇为武汉理工大学船海与能源动力", 460, 560, h=64, char_w=64)
    b = line("工程学院研究生创新实践中心素拓组副组长", 325, 744, h=64, char_w=64)
    regions = [r for r in match_lines([a, b], profile) if r.kind == "employer"]
    assert any(covers(r.bbox, char_span(b, 0, 4)) for r in regions)
    assert any(covers(r.bbox, char_span(a, 7, 20)) for r in regions)


def test_a_wrap_under_the_line_not_the_label_centred_beside_it():
    """A table row: the label 工作单位 is centred on its cell, a little below the value's first
    line and left of it; the value wraps under itself (吐鲁番市高昌区住房和城乡建 / 设局)."""
    profile = Profile(name="李明", employers=("吐鲁番市高昌区住房和城乡建设局",))
    first = line("吐鲁番市高昌区住房和城乡建", 363, 569, char_w=31, h=42)
    label = line("工作单位", 182, 597, char_w=33, h=41)
    last = line("设局", 362, 620, char_w=35, h=41)
    beside = [line("专业技术职务", 909, 591, h=41), line("工程师", 1202, 589, h=41)]
    regions = [r for r in match_lines([first, label, last] + beside, profile) if r.kind == "employer"]
    assert any(covers(r.bbox, last.bbox) for r in regions)
    assert any(covers(r.bbox, first.bbox) for r in regions)
    assert not any(intersection(r.bbox, label.bbox) for r in regions)


def test_a_wrap_under_a_label_cell_read_into_the_line_below():
    """A narrow form cell (synth3 seed 4, page 006): 巴音郭楞蒙 / 古自治州水 / 利局, the label
    工作单位 and the table's rule read into the middle line (工作单位|古自治州水), the next cell
    现任职 on the first line's row. All three pieces are found, the label stays visible and
    现任职 is not taken for the end of the name."""
    profile = Profile(name="王芳", employers=("巴音郭楞蒙古自治州水利局",))
    first = line("巴音郭楞蒙", 322, 489, char_w=34, h=46)
    middle = line("工作单位|古自治州水", 164, 527, char_w=34, h=46)
    last = line("利局", 318, 574, char_w=40, h=46)
    beside = [line("现任职", 519, 514, char_w=36, h=44), line("务", 521, 556, char_w=40, h=44),
              line("副科长", 695, 539, char_w=36, h=44)]
    regions = [r for r in match_lines([first, middle, last] + beside, profile) if r.kind == "employer"]
    assert any(covers(r.bbox, first.bbox) for r in regions)
    assert any(covers(r.bbox, char_span(middle, 5, 10)) for r in regions)
    assert any(covers(r.bbox, last.bbox) for r in regions)
    assert not any(intersection(r.bbox, char_span(middle, 0, 4)) for r in regions)
    assert not any(intersection(r.bbox, beside[0].bbox) for r in regions)


def test_a_paragraphs_next_line_is_not_cut_as_a_cell():
    """The line below begins left of an indented first line (a paragraph): it is not a label
    cell, and a term wrapped into its first characters is found there."""
    first = line("兹有我单位职工在阿克苏地区生态", 160, 100)
    below = line("环境局工作多年，特此证明。", 100, 140)
    regions = [r for r in match_lines([first, below], PROFILE) if r.kind == "employer"]
    assert any(covers(r.bbox, char_span(below, 0, 3)) for r in regions)


def test_a_name_cut_at_its_dot_and_wrapped_under_its_first_piece():
    """麦麦提江・艾合 / 买提 in a form's name cell (synth3 seed 4, page 048): the text detector cut
    the first line at the dot into two boxes overlapping by half a height, and the wrap runs on
    under the first piece."""
    profile = Profile(name="麦麦提江·艾合买提", employers=("吐鲁番市高昌区自然资源局",))
    a = line("麦麦提江", 365, 309, char_w=31, h=37)
    b = line("艾合", 470, 311, char_w=50, h=36)
    c = line("买提", 362, 338, char_w=35, h=40)
    others = [line("姓名", 249, 324, char_w=33, h=40), line("性别", 615, 325, char_w=35, h=40),
              line("民族", 249, 400, char_w=33, h=40), line("汉族", 470, 400, char_w=35, h=40)]
    regions = [r for r in match_lines([a, b, c] + others, profile) if r.kind == "name"]
    for piece in (a, b, c):
        assert any(covers(r.bbox, piece.bbox, 0.9) for r in regions)
    assert not any(intersection(r.bbox, o.bbox) for r in regions for o in others)


def test_a_cell_beside_a_wrapped_employer_is_not_part_of_it():
    """Own corpus seed 0, page 050: 新疆生产建设兵团第一师阿 / 拉尔市农业农村局 with the label 职务
    a cell apart on the first line's row: the wrap is found, 职务 is not masked with it."""
    profile = Profile(name="王芳", employers=("新疆生产建设兵团第一师阿拉尔市农业农村局",))
    first = line("新疆生产建设兵团第一师阿", 357, 434, char_w=36, h=46)
    beside = line("职务", 870, 449, char_w=42, h=54)
    label = line("工作单位", 167, 464, char_w=38, h=48)
    last = line("拉尔市农业农村局", 357, 478, char_w=37, h=46)
    regions = [r for r in match_lines([first, beside, label, last], profile) if r.kind == "employer"]
    assert any(covers(r.bbox, first.bbox) for r in regions) and any(covers(r.bbox, last.bbox) for r in regions)
    assert not any(intersection(r.bbox, beside.bbox) for r in regions)


def test_a_wrap_does_not_skip_a_line():
    """Single-spaced text: the line two below is within three heights, but the line between is
    the one that continues it."""
    a = line("请与阿克苏地区生态", 100, 100)
    mid = line("文明城市创建工作组联系我们", 100, 140)
    c = line("环境局人事科联系。", 100, 180)
    assert not [r for r in match_lines([a, mid, c], PROFILE) if r.kind == "employer"]


def test_employer_broken_across_two_lines_is_boxed_on_both():
    a = line("工作单位：阿克苏地区生态", 100, 100)
    b = line("环境局监测科", 100, 145)
    regions = [r for r in match_lines([a, b], PROFILE) if r.kind == "employer"]
    assert len(regions) == 2
    assert any(covers(r.bbox, char_span(a, 5, 12)) for r in regions)
    assert any(covers(r.bbox, char_span(b, 0, 3)) for r in regions)


def test_name_split_into_two_cells_of_a_row():
    a = line("王", 300, 100)
    b = line("芳", 420, 100)
    regions = match_lines([a, b], PROFILE)
    assert len(regions) == 2 and all(r.kind == "name" for r in regions)


def test_far_apart_cells_do_not_join():
    a = line("王", 100, 100)
    b = line("芳", 900, 100)
    assert not match_lines([a, b], PROFILE)


def test_box_does_not_reach_into_the_line_above():
    above = line("阿克苏地区科技局张三李四王五", 100, 100)
    ln = line("阿依古丽买买提", 100, 134)  # 2 px leading
    r = [r for r in match_lines([above, ln], PROFILE) if r.kind == "name"][0]
    assert r.bbox[1] >= above.bbox[3] - 1.5


def test_approximate_find_reports_errors_and_spans():
    assert approximate_find("阿克苏地区生态环境局", "xx阿克苏地区生态环境局yy", 2) == [(2, 12, 0)]
    (s, e, d), = approximate_find("伊犁州人民医院", "在伊型州人民医院工作", 1)
    assert (s, e, d) == (1, 8, 1)
    assert approximate_find("王芳", "王芳和王芳", 0) == [(0, 2, 0), (3, 5, 0)]
    assert approximate_find("阿克苏地区生态环境局", "新疆大学化学学院", 2) == []


def test_fuzzy_hits_do_not_bring_their_own_numerals():
    profile = Profile(name="王芳", employers=("乌鲁木齐市第一中学",))
    assert not match_lines([line("乌鲁木齐市第十三中学", 0, 0)], profile)      # another school
    assert [r.kind for r in match_lines([line("乌鲁木齐市第中学", 0, 0)], profile)] == ["employer"]  # 一 lost
    assert [r.kind for r in match_lines([line("乌鲁术齐市第一中学", 0, 0)], profile)] == ["employer"]


def test_fuzzy_hits_naming_another_place_unit_or_department_are_other_organisations():
    # synth3 seed 2: a sister county's bureau, the same prefecture's other bureau, the bureau's
    # station — each within the slips a 9–12 character name is allowed, each another organisation.
    county = Profile(name="巴特尔", employers=("哈密市伊州区教育局",))
    assert not match_lines([line("报送单位：哈密市伊吾县教育局", 0, 0)], county)
    weather = Profile(name="王芳", employers=("博尔塔拉蒙古自治州气象局",))
    assert not match_lines([line("抄送：博尔塔拉蒙古自治州水利局", 0, 0)], weather)
    vets = Profile(name="王芳", employers=("塔城地区畜牧兽医局",))
    assert not match_lines([line("塔城地区畜牧兽医站", 0, 0)], vets)
    # Misreadings of the employer itself still are the employer: a character misread, one lost.
    assert [r.kind for r in match_lines([line("哈密市伊州区教肓局", 0, 0)], county)] == ["employer"]
    assert [r.kind for r in match_lines([line("博尔塔拉蒙古自治州气像局", 0, 0)], weather)] == ["employer"]
    assert [r.kind for r in match_lines([line("塔城地区畜牧兽医", 0, 0)], vets)] == ["employer"]
    # Another kind of hospital of the same prefecture (synth3 s8 039: two slips in fifteen).
    hospital = Profile(name="王芳", employers=("克孜勒苏柯尔克孜自治州人民医院",))
    assert not match_lines([line("克孜勒苏柯尔克孜自治州中医医院", 0, 0)], hospital)
    assert [r.kind for r in match_lines([line("克孜勒苏柯尔克孜自治州人民医阮", 0, 0)], hospital)] == ["employer"]
    county_hospital = Profile(name="王芳", employers=("阿克苏地区人民医院",))
    assert not match_lines([line("抄送：阿克苏地区妇幼保健院", 0, 0)], county_hospital)
    # A department's word in place of two of the term's own characters (synth5 s0 035, 067): the
    # prefecture's 人民医院 is not its 友谊医院, its 审计局 not its 林草局 (the short form, derived).
    friendship = Profile(name="王芳", employers=("伊犁哈萨克自治州友谊医院",))
    assert not match_lines([line("伊犁哈萨克自治州人民医院", 0, 0)], friendship)
    assert [r.kind for r in match_lines([line("伊犁哈萨克自治州友谊医阮", 0, 0)], friendship)] == ["employer"]
    assert [r.kind for r in match_lines([line("伊犁哈萨克自治州友宜医院", 0, 0)], friendship)] == ["employer"]
    forestry = Profile(name="王芳", employers=("博尔塔拉蒙古自治州林业和草原局", "博州林草局"))
    assert not match_lines([line("主管部门：博尔塔拉蒙古自治州审计局", 0, 0)], forestry)


def _next_cell(a: TextLine, b: TextLine, within: float = np.inf) -> bool:
    """b is the next cell after a on its row (less than `within` line heights after it)."""
    from redaction.detect.match import ROW_OVERLAP

    ax0, ay0, ax1, ay1 = a.bbox
    bx0, by0, bx1, by1 = b.bbox
    h = max(1.0, min(a.height, b.height))
    return min(ay1, by1) - max(ay0, by0) > 0.5 * h and bx0 >= ax1 - ROW_OVERLAP * h and bx0 - ax1 < within * h


def _row_start(a: TextLine, lines: list[TextLine]) -> float:
    """Where a's row begins, when a ends it: the least x0 of the pieces before it (cells within
    ROW_PIECE_GAP heights), followed leftwards."""
    from redaction.detect.match import ROW_PIECE_GAP

    if any(c is not a and _next_cell(a, c) for c in lines):
        return a.bbox[0]
    start, seen, todo = a.bbox[0], {id(a)}, [a]
    while todo:
        b = todo.pop()
        for c in lines:
            if id(c) not in seen and _next_cell(c, b, ROW_PIECE_GAP):
                seen.add(id(c))
                start = min(start, c.bbox[0])
                todo.append(c)
    return start


def _below(a: TextLine, b: TextLine, starts: dict[int, float]) -> bool:
    """b begins below a (a's row, from where it begins when a ends it), within CONTINUATION_GAP
    line heights, overlapping it across."""
    from redaction.detect.match import CONTINUATION_GAP, MERGED_ROWS

    ax0, ay0, ax1, ay1 = a.bbox
    ax0 = starts[id(a)]
    bx0, by0, bx1, by1 = b.bbox
    h = max(1.0, min(a.height, b.height))
    if _next_cell(a, b):
        return False    # same row
    row_end = min(ay1, ay0 + MERGED_ROWS * h)     # a line this much taller is two rows read as one
    return by0 >= row_end - 0.4 * h and by0 - ay1 < CONTINUATION_GAP * h and bx0 < ax1 and bx1 > ax0 - 2 * h


def _continues_one_pair(a: TextLine, b: TextLine, lines: list[TextLine], starts: dict[int, float]) -> bool:
    """The continuation rule written for a single pair: the next cell of the row, or a line of
    the nearest row below."""
    from redaction.detect.match import ROW_OVERLAP

    ax0, ay0, ax1, ay1 = a.bbox
    bx0, by0, bx1, by1 = b.bbox
    h = max(1.0, min(a.height, b.height))
    if min(ay1, by1) - max(ay0, by0) > 0.5 * h and bx0 >= ax1 - ROW_OVERLAP * h:
        return bx0 - ax1 < 4.0 * h
    if not _below(a, b, starts):
        return False
    candidates = [c for c in lines if c is not a and _below(a, c, starts)]
    ax0 = starts[id(a)]
    under = [c for c in candidates if c.bbox[2] > ax0]
    if under and bx1 <= ax0:
        return False    # beside a's start, while a line runs under it
    top = min(c.bbox[1] for c in (under or candidates))
    return by0 <= top + 0.5 * h


def test_continuation_pairs_for_a_whole_page_follow_the_rule_for_one_pair():
    from redaction.detect.match import continuation_pairs

    rng = np.random.default_rng(7)
    # A dense page: table cells and wrapped lines on a grid, so many pairs are near the rule's edges.
    lines = [line("阿克苏地区"[: int(rng.integers(1, 6))], int(rng.integers(0, 40)) * 25,
                  int(rng.integers(0, 30)) * 20, h=int(rng.integers(16, 40))) for _ in range(120)]
    starts = {id(a): _row_start(a, lines) for a in lines}
    expected = [(i, j) for i, a in enumerate(lines) for j, b in enumerate(lines)
                if i != j and _continues_one_pair(a, b, lines, starts)]
    assert len(expected) > 100
    assert continuation_pairs(lines) == expected
    assert continuation_pairs(lines[:1]) == []


def _sloping(text, x, y, angle_deg, char_w=30, h=32):
    """A line as OCR finds it on a phone photo: its quad turned by a small angle about (x, y)."""
    ln = line(text, x, y, char_w, h)
    t = np.deg2rad(angle_deg)
    rot = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]], np.float32)
    ln.quad = (ln.quad - (x, y)) @ rot.T + (x, y)
    ln.char_boxes = [(float(min(q[:, 0])), float(min(q[:, 1])), float(max(q[:, 0])), float(max(q[:, 1])))
                     for q in ((np.array([[a, b], [c, b], [c, d], [a, d]], np.float32) - (x, y)) @ rot.T + (x, y)
                               for a, b, c, d in ln.char_boxes)]
    return ln


def test_an_employer_wrapped_at_the_end_of_a_sloping_line_is_found_with_what_follows():
    """A phone photo's lines slope 4°: the upright box of one line overlaps the next line's, and
    the employer wrapped at its end (…如有异议，请与阿克苏地区 / 生态环境局人事科联系。) must still be
    seen to continue below; both pieces masked up to the line ends."""
    first = _sloping("如有异议，请与阿克苏地区", 100, 400, 4.0)
    second = _sloping("生态环境局人事科联系。", 60, 400 + 40, 4.0)   # the next line, same slope
    assert first.bbox[3] - second.bbox[1] > 0.4 * first.height       # the upright boxes overlap
    regions = [r for r in match_lines([first, second], PROFILE) if r.kind == "employer"]
    # (each line's piece in boxes along its slope: see tests/test_match_slope.py)
    boxes = [r.bbox for r in regions]
    assert union_covers(boxes, char_span(first, 7, 12), 0.95) and max(b[2] for b in boxes) >= first.bbox[2]
    assert union_covers(boxes, char_span(second, 0, 5), 0.95) and min(b[0] for b in boxes) <= second.bbox[0]


def test_an_employer_filling_its_line_but_for_a_few_characters_masks_the_whole_line():
    """A red letterhead read with a character garbled and 文件 after the name: the line's ends
    are masked too, so nothing of the employer's name is left at either end."""
    ln = line("阿克*地区生态环境局文件", 40, 10, char_w=56, h=60)
    employers = [r for r in match_lines([ln], PROFILE) if r.kind == "employer"]
    assert len(employers) == 1
    x0, _, x1, _ = employers[0].bbox
    assert x0 <= ln.bbox[0] and x1 >= ln.bbox[2]
    # A name in a sentence is not a line of its own: only the name is masked.
    sentence = line("兹证明阿克苏地区生态环境局的王芳同志参加了培训", 40, 200)
    emp = [r for r in match_lines([sentence], PROFILE) if r.kind == "employer"][0]
    assert emp.bbox[2] < char_span(sentence, 14, 15)[0]


def test_the_issues_wrapped_employer_followed_by_more_text_on_the_next_line():
    """Issue 14's case: the employer wrapped at a line end, the sentence going on after it."""
    profile = Profile(name="刘洋", employers=("巴音郭楞蒙古自治州水利局",))
    first = line("本人工作情况属实。如有异议，请与巴音郭楞蒙古自治州", 120, 400)
    second = line("水利局人事科联系。", 120, 400 + 62)          # a letter's 1.9 leading
    employers = sorted((r for r in match_lines([first, second], profile) if r.kind == "employer"),
                       key=lambda r: r.bbox[1])
    assert len(employers) == 2
    assert covers(employers[0].bbox, char_span(first, 16, 25))
    assert covers(employers[1].bbox, char_span(second, 0, 3))
    assert employers[1].bbox[2] < char_span(second, 3, 4)[2]     # 人事科 is not the employer


def test_a_long_employers_prefecture_alone_is_not_the_employer():
    profile = Profile(name="刘洋", employers=("巴音郭楞蒙古自治州水利局",))
    address = line("住址：新疆巴音郭楞蒙古自治州库尔勒市人民东路", 100, 100)
    other = line("巴音郭楞蒙古自治州人民医院", 100, 200)
    assert [r for r in match_lines([address, other], profile) if r.kind == "employer"] == []
    # Characters lost inside the name (a seal stamped over it) are still the employer.
    school = Profile(name="郭晓雯", employers=("太原孤残儿童特殊教育学校",))
    under_seal = line("原孤儿童特教育学校", 100, 300)
    assert [r.kind for r in match_lines([under_seal], school)] == ["employer"]


# A name's character the recogniser cannot output (outside its dictionary) can never be read:
# 甦 comes back as nothing, 翀 as 独. Such a character matches any one character or none.
READABLE = frozenset("作者申报人王苏明独宇飞李：姓名工作单位") | frozenset("阿依古丽买提伊犁州人民医院")


@pytest.mark.parametrize("text", ["申报人：王明", "申报人：王苏明", "作者：王 明"])
def test_a_name_character_the_recogniser_cannot_read_matches_anything_or_nothing(text):
    prof = Profile(name="王甦明", employers=("伊犁州人民医院",))
    assert not [r for r in match_lines([line(text, 0, 0)], prof) if r.kind == "name"]    # exact only
    names = [r for r in match_lines([line(text, 0, 0)], prof, READABLE) if r.kind == "name"]
    assert len(names) == 1
    ln = line(text, 0, 0)
    start = ln.text.index("王")
    assert covers(names[0].bbox, char_span(ln, start, len(ln.text)))


def test_unreadable_wildcards_need_two_readable_characters_and_keep_the_rest_exact():
    # 翀宇飞 read as 独宇飞 is the applicant; 独宇 alone or 王宇飞 is not.
    prof = Profile(name="翀宇飞", employers=("伊犁州人民医院",))
    assert [r.kind for r in match_lines([line("姓名：独宇飞", 0, 0)], prof, READABLE)] == ["name"]
    assert not match_lines([line("姓名：独宇", 0, 0)], prof, READABLE)
    assert not match_lines([line("姓名：王宇明", 0, 0)], prof, READABLE)
    # a 2-character name with a rare character would match its surname and anything: exact only
    two = Profile(name="李甦", employers=("伊犁州人民医院",))
    assert not match_lines([line("姓名：李明", 0, 0)], two, READABLE)


def test_rare_name_characters_end_to_end(detector):
    """Rendered and read by the real engine: 甦 is read as nothing and 翀 as another character,
    and both names are still masked."""
    from tests.conftest import render_page, text_box

    rows = [(120, 200, "申报人：王甦明"), (120, 320, "姓名：翀宇飞"), (120, 440, "审核人：李宇明")]
    page = render_page(rows, font_px=40)
    for name, row in (("王甦明", rows[0]), ("翀宇飞", rows[1])):
        prof = Profile(name=name, employers=("和田地区人民医院",))
        regions = detector.text_regions(page, prof)
        label = row[2].split("：")[0] + "："
        x_name = row[0] + text_box(0, 0, label, 40)[2]
        target = text_box(x_name, row[1], name, 40)
        names = [r for r in regions if r.kind == "name"]
        assert any(covers(r.bbox, target, 0.9) for r in names), (name, names)
        # Another person's name stays visible where its readable characters differ (a 王X明 would
        # be masked for 王甦明: an extra box rather than a missed name, recall first).
        assert not any(r.bbox[1] > 420 for r in names), "the other person's 李宇明 stays visible"


# Han names as printed in Latin letters: the English block of a journal paper, a bilingual certificate.
@pytest.mark.parametrize("text", ["ZHANG Xiao-yan1, LI Ming2", "Xiaoyan Zhang, Ming Li", "By Zhang Xiaoyan and Li Ming",
                                  "E-mail: zhangxiaoyan@xju.edu.cn", "ZHANG Xiaoyanl, HAN Dongl"])
def test_a_han_name_is_found_in_pinyin_in_either_order(text):
    prof = Profile(name="张晓燕", employers=("伊犁州人民医院",))
    ln = line(text, 0, 0)
    names = [r for r in match_lines([ln], prof) if r.kind == "name"]
    assert len(names) == 1 and names[0].extra.get("latin")
    m = text.lower()
    start = min(i for i in (m.find("zhang"), m.find("xiao")) if i >= 0)
    assert names[0].bbox[0] <= ln.char_boxes[start][0]


@pytest.mark.parametrize("name, text", [("张晓燕", "ZHANG Xiaoyun, Zhangxiaoyanz"), ("李安", "compliance and alliance"),
                                        ("李安", "LIAN Hong"), ("阿依古丽·买买提", "Maimaiti Ayigul")])
def test_pinyin_is_whole_words_and_exact(name, text):
    prof = Profile(name=name, employers=("伊犁州人民医院",))
    assert not [r for r in match_lines([line(text, 0, 0)], prof) if r.kind == "name"]


def test_surname_readings_and_compound_surnames():
    pairs = (("单雪梅", "SHAN Xuemei"), ("曾志强", "Zeng Zhiqiang"), ("欧阳娜娜", "Nana Ouyang"), ("李安", "Li An"),
             ("阿依古丽·买买提", "AYIGULI Maimaiti"), ("阿依古丽·买买提", "Ayiguli·Maimaiti"))
    for name, text in pairs:
        prof = Profile(name=name, employers=("伊犁州人民医院",))
        assert [r.kind for r in match_lines([line(text, 0, 0)], prof)] == ["name"], text


def test_short_latin_aliases_are_whole_words_with_no_slip():
    prof = Profile(name="左佳", aliases=("Zuo Jia",), employers=("HIT, Weihai",))
    # the alias and the pinyin of 左佳, both
    assert [r.kind for r in match_lines([line("Zuo Jia, Li Mengchen", 0, 0)], prof)] == ["name", "name"]
    assert not match_lines([line("Zuo Jiang and Zuo Jie", 0, 0)], prof)
    assert not match_lines([line("SHIT, Weihai", 0, 0)], prof)
    assert [r.kind for r in match_lines([line("Tryouts of HIT, Weihai", 0, 0)], prof)] == ["employer"]


def test_an_english_employer_that_fills_its_line_but_for_an_abbreviation_is_the_whole_line():
    prof = Profile(name="左佳", employers=("Harbin Institute of Technology, Weihai",))
    ln = line("Harbin Institute of Technology, Weihai (HIT)", 100, 0)
    (r,) = match_lines([ln], prof)
    assert r.kind == "employer" and r.bbox[2] >= ln.bbox[2]


def test_a_dotted_name_whose_dot_was_read_as_a_comma_is_found_with_a_slip_besides():
    # synth2 seed 8, 010: a phone photo's 木合塔尔.阿不都拉 under a seal read 木合塔尔，阿不部拉
    prof = Profile(name="木合塔尔.阿不都拉", employers=("新疆大学",))
    (r,) = match_lines([line("木合塔尔，阿不部拉", 0, 0)], prof)
    assert r.kind == "name" and r.extra["errors"] == 1
    assert match_lines([line("木合塔尔，阿不部落", 0, 0)], prof) == []     # two slips are too many


def test_a_long_english_employer_read_with_its_spaces_and_letters_lost_is_found():
    # dev-form-transcript-seal-over-bilingual-label-phone-01: a phone photo's small English
    # subtitle, read with five letters and every space lost, the next line's 专业 joined to it.
    prof = Profile(name="谢素美", employers=("北京理工大学珠海学院", "Beijing Institute of Technology, Zhuhai"))
    english = line("UndergraduatTranscripfBejingInstitutfTechnologyZhua", 100, 0)
    below = line("专业：自动化", 100, 40)
    found = [r for r in match_lines([english, below], prof) if r.kind == "employer"]
    assert len(found) == 1 and found[0].bbox[1] < 32          # on the English line only
    assert found[0].bbox[2] >= english.bbox[2] - 1 and found[0].bbox[0] <= 100 + 23 * 15 + 1


def test_a_short_or_different_english_organisation_is_no_slip_of_the_employer():
    prof = Profile(name="谢素美", employers=("Beijing Institute of Technology, Zhuhai",))
    for other in ("Beijing Institute of Technology", "Beijing Normal University, Zhuhai",
                  "Harbin Institute of Technology, Weihai"):
        assert match_lines([line(other, 0, 0)], prof) == [], other


def test_latin_spellings_shown_to_people():
    from redaction.text.pinyin import latin_spellings

    assert latin_spellings("张晓燕") == ["Zhang Xiaoyan"]
    assert "Shan Xuemei" in latin_spellings("单雪梅")
    assert latin_spellings("阿依古丽·买买提") == ["Ayiguli Maimaiti"]
    assert latin_spellings("阿依古丽") == ["Ayiguli"]
    assert latin_spellings("Zuo Jia") == [] and latin_spellings("张") == []


@pytest.mark.parametrize("name, aliases", [("左佳", ()), ("李明", ("Zuo Jia",))])
def test_a_name_in_an_english_line_whose_spaces_ocr_lost(name, aliases):
    # A real bilingual certificate, red text with the name in blue, read without most spaces.
    prof = Profile(name=name, aliases=aliases, employers=("哈尔滨工业大学（威海）",))
    ln = line("This istocertify.thatZuoJiawon theFirst PrizeintheTryoutsof HIT, Weihai", 0, 0)
    (r,) = [r for r in match_lines([ln], prof) if r.kind == "name"]
    start = ln.text.index("Zuo")
    assert r.bbox[0] <= ln.char_boxes[start][0] and r.bbox[2] >= ln.char_boxes[start + 5][2]
    assert r.bbox[2] < ln.char_boxes[start + 9][0]


def test_run_together_names_only_on_lines_that_lost_their_spaces():
    prof = Profile(name="左佳", employers=("哈尔滨工业大学（威海）",))
    # a normally spaced line: whole words only, Zuo Jiang is another person
    assert not match_lines([line("This is to certify that Zuo Jiang won the First Prize", 0, 0)], prof)
    # lost spaces, but no capital where the name would start: bazuojia is no one
    assert not match_lines([line("Thisistocertifythatbazuojiawon theFirstPrize", 0, 0)], prof)


def test_a_neighbours_loose_box_does_not_clip_the_padding_away():
    # Real certificate: the Chinese names line's box reaches 23 px into the English line below it;
    # the English line's tight box misses its capitals' tops, which the padding must still cover.
    prof = Profile(name="左佳", employers=("哈尔滨工业大学（威海）",))
    above = line("邹娴、刘相江、左佳、杨敏同学：", 300, 752, char_w=100, h=129)
    below = line("This certificate is awarded to Zou Xian, Liu Xiangjiang, Zuo Jia, Yang Min.", 200, 858,
                 char_w=40, h=50)
    (r,) = [r for r in match_lines([above, below], prof) if r.kind == "name" and r.bbox[1] > 800]
    assert r.bbox[1] <= 858 - 0.1 * 50 + 1e-6


# --- a journal's English affiliation line ------------------------------------------------------

def _english_affiliation_page(chinese, english):
    lines = [line(chinese, 100, 100, char_w=24, h=26)]
    lines += [line(t, 100, 200 + 40 * k, char_w=12, h=26) for k, t in enumerate(english)]
    return lines


def _the_one_clause_on_the_first_english_line(prof, chinese, english):
    """The single English affiliation found, which touches nothing of the second English line,
    and the first English line it is on."""
    lines = _english_affiliation_page(chinese, english)
    found = [r for r in match_lines(lines, prof) if r.extra.get("english_affiliation")]
    assert len(found) == 1
    assert intersection(found[0].bbox, lines[2].bbox) == 0
    return found[0], lines[1]


def test_the_employer_in_english_is_found_by_its_postcode_and_number():
    prof = Profile(name="阿依古丽·买买提", employers=("阿克苏地区环境监测站",))
    found, own = _the_one_clause_on_the_first_english_line(
        prof, "（1. 阿克苏地区环境监测站，新疆 阿克苏 843000；2. 新疆大学资源与环境科学学院，新疆 乌鲁木齐 830046）",
        ["(1. Aksu Prefecture Environmental Monitoring Station, Aksu 843000, China;",
         "2. College of Resources and Environment Sciences, Xinjiang University, Urumqi 830046, China)"])
    assert covers(found.bbox, char_span(own, own.text.index("Aksu"), own.text.index("843000") + 6))
    assert found.extra["term"] == "阿克苏地区环境监测站"


def test_an_english_affiliation_in_the_same_town_keeps_its_own_number():
    # Both affiliations in Urumqi share 830046: the number tells the applicant's (2) from the other.
    prof = Profile(name="阿依古丽·买买提", employers=("新疆维吾尔自治区人民医院",))
    lines = _english_affiliation_page(
        "（1. 新疆医科大学公共卫生学院，新疆 乌鲁木齐 830046；2. 新疆维吾尔自治区人民医院，新疆 乌鲁木齐 830046）",
        ["(1. School of Public Health, Xinjiang Medical University, Urumqi 830046, China; "
         "2. People's Hospital of Xinjiang Uygur Autonomous Region, Urumqi 830046, China)"])
    english = [r for r in match_lines(lines, prof) if r.extra.get("english_affiliation")]
    assert [r.text for r in english] == ["2. People's Hospital of Xinjiang Uygur Autonomous Region, Urumqi 830046"]
    en = lines[1]
    assert english[0].bbox[0] > char_span(en, 0, en.text.index(";"))[2]


def test_an_english_postcode_read_with_a_digit_lost_still_picks_its_numbered_clause():
    """OCR read Alaer 843300 as Alaer84330 (own corpus 067): the clause numbered as the Chinese one
    is the employer's still; another clause with a postcode a digit off and another number is not."""
    prof = Profile(name="张晓燕", employers=("新疆生产建设兵团第一师阿拉尔市农业农村局",))
    found, own = _the_one_clause_on_the_first_english_line(
        prof,
        "（1.新疆生产建设兵团第一师阿拉尔市农业农村局，新疆阿拉尔843300；2.昌吉回族自治州人民政府，新疆喀什844000）",
        ["(1.Xinjiang ShengchanjianshebingtuandiyishialaerCityAgriculture andRural AffairsBureau,Alaer84330,China;",
         "2.Changjihuizu Prefecture Renminzhengfu,Kashi 843309,China)"])
    assert covers(found.bbox, char_span(own, own.text.index("Xinjiang"), own.text.index("84330") + 5))


def test_no_english_affiliation_without_the_employer_in_chinese():
    prof = Profile(name="阿依古丽·买买提", employers=("阿克苏地区环境监测站",))
    lines = _english_affiliation_page(
        "（1. 新疆大学资源与环境科学学院，新疆 乌鲁木齐 830046）",
        ["(1. College of Resources and Environment Sciences, Xinjiang University, Urumqi 830046, China)"])
    assert not [r for r in match_lines(lines, prof) if r.extra.get("english_affiliation")]


def test_a_corpus_journal_page_masks_the_employer_in_its_english_affiliations(detector):
    from bench.accuracy import coverage, run
    from testkit.corpus import make_page

    page = make_page(0, 12)   # a journal page with the English block and its affiliations
    english = [t for t in page.truth if t.kind == "employer" and t.owner == "applicant" and t.text.isascii()]
    other = [t for t in page.truth if t.kind == "org" and t.text.isascii()]
    assert english and other
    (regions,), _, _ = run([page])
    accepted = [r.bbox for r in regions if r.accepted]
    assert coverage(english[0], accepted) >= 0.9
    assert coverage(other[0], accepted) < 0.3


def test_a_short_name_is_covered_when_its_ink_runs_past_its_character_boxes():
    """The recogniser's character boxes can be narrower than the ink or sit off it (a large
    handwritten 庄磊 is a quarter wider than its boxes; a name's one character wrapped to a line's
    end starts a fifth of a character left of its box): a name of two characters, or a
    one-character piece, is padded enough to stay 90 % covered, and the next person's name, a
    comma away, is not reached."""
    from bench.accuracy import coverage
    from bench.realset import RealItem

    ln = line("学生庄磊，王宇明", 100, 100, char_w=60, h=60)       # 庄磊's boxes: 220–340
    ink = (220, 100, 378, 160)            # 庄磊 as written, wider than its boxes
    other = (400, 100, 580, 160)          # 王宇明
    prof = Profile(name="庄磊", employers=("莆田华侨中学",))
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines([ln], prof)]
    assert coverage(RealItem("name", ink, None, "applicant"), boxes) >= 0.9
    assert coverage(RealItem("name", other, None, "other"), boxes) < 0.3
    wrapped = [line("实习生陈", 100, 300, char_w=60, h=60), line("曼同学于本公司实习", 100, 380, char_w=60, h=60)]
    prof = Profile(name="陈曼", employers=("福州大学",))
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines(wrapped, prof)]
    assert coverage(RealItem("name", (255, 300, 340, 360), None, "applicant"), boxes) >= 0.9   # 陈's box: 280–340


def test_an_employer_wrapped_in_the_left_column_of_a_sign_off_read_as_one_line():
    """Two sign-offs side by side read as one line (新疆生产建设兵团第一师 and the training
    centre's name): the employer continues on the next row under its own column, and is masked on
    both rows; the other organisation's name beside it stays visible."""
    prof = Profile(name="张晓燕", employers=("新疆生产建设兵团第一师阿拉尔市农业农村局", "第一师阿拉尔市农业农村局"))
    top = line("新疆生产建设兵团第一师新疆维吾尔自治区继续教育中心", 300, 1800, char_w=40, h=50)
    below = line("阿拉尔市农业农村局", 340, 1880, char_w=40, h=50)
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines([top, below], prof)]
    assert covered(boxes, char_span(top, 0, 11)) >= 0.9 and covered(boxes, below.bbox) >= 0.9
    assert covered(boxes, char_span(top, 11, 25), "org", "other") < 0.3


def test_a_term_a_line_holds_whole_is_not_taken_for_a_column_wrap():
    """姓名：阿依古丽·买买提 over a shorter 工作单位：: the line's part over the row below's column
    (姓名：阿依古) joined to 工作 is no 阿依古丽 with one slip."""
    top = line("姓名：阿依古丽·买买提", 120, 170, char_w=34, h=34)
    below = line("工作单位：", 120, 240, char_w=30, h=34)
    prof = Profile(name="阿依古丽·买买提", aliases=("阿依古丽",), employers=("阿克苏地区生态环境局",))
    regions = match_lines([top, below], prof)
    assert [r.kind for r in regions if r.bbox[1] < 230] and not [r for r in regions if r.bbox[1] > 230]


def test_the_second_line_of_an_english_name_in_centred_capitals_is_the_employers():
    """dev ncre: NATIONAL EDUCATION EXAMINATIONS AUTHORITY / MINISTRY OF EDUCATION OF CHINA
    under the issuer's Chinese name; the profile holds only the first line."""
    prof = Profile(name="庄磊", employers=("教育部考试中心", "National Education Examinations Authority"))
    first = line("NATIONAL EDUCATION EXAMINATIONS AUTHORITY", 300, 400, char_w=28, h=28)
    second = line("MINISTRY OF EDUCATON OF CHINA", 398, 431, char_w=28, h=28)
    date = line("JANUARY 2021", 480, 464, char_w=28, h=28)              # digits: not a name
    elsewhere = line("THIS IS TO CERTIFY THAT", 700, 700, char_w=28, h=28)
    found = [r for r in match_lines([first, second, date, elsewhere], prof) if r.kind == "employer"]
    assert any(covers(r.bbox, second.bbox) for r in found)
    assert not any(intersection(r.bbox, b.bbox) > 0 for r in found for b in (date, elsewhere))


def test_a_line_under_an_english_name_in_mixed_case_or_off_centre_is_not_continued():
    prof = Profile(name="庄磊", employers=("National Education Examinations Authority",))
    mixed = [line("National Education Examinations Authority", 300, 400, char_w=28, h=28),
             line("Ministry of Education of China", 398, 431, char_w=28, h=28)]
    off = [line("NATIONAL EDUCATION EXAMINATIONS AUTHORITY", 300, 400, char_w=28, h=28),
           line("MINISTRY OF EDUCATION OF CHINA", 300, 431, char_w=28, h=28)]
    for lines in (mixed, off):
        found = [r for r in match_lines(lines, prof) if r.kind == "employer"]
        assert found and not any(intersection(r.bbox, lines[1].bbox) > 0 for r in found)


def _spaced_line(text: str, starts: list[int], y0: int = 1130, y1: int = 1227) -> TextLine:
    quad = np.array([[starts[0], y0], [starts[-1] + 60, y0], [starts[-1] + 60, y1], [starts[0], y1]], np.float32)
    return TextLine(quad, text, 0.97, [(x, y0, x + 60, y1) for x in starts])


def test_an_employer_filling_a_list_row_is_not_widened_over_the_name_before_it():
    # dev award (gather8), a row of a sideways list: 金宏睿, a word gap, 杭州电子科技大学. The employer
    # fills 8 of the row's 11 characters, and an employer that fills its line but for a few
    # characters is widened to the whole line (a letterhead's squeezed characters) — which masked
    # another person's name with it. Past a word gap it is not widened.
    starts = [2157, 2229, 2301, 2356] + [2432 + 72 * k for k in range(8)]      # the space has a box too
    line = _spaced_line("金宏睿 杭州电子科技大学", starts)
    prof = Profile(name="周文晖", employers=("杭州电子科技大学",))
    (r,) = [r for r in match_lines([line], prof) if r.kind == "employer"]
    assert r.bbox[0] > 2357, r.bbox                                          # 睿 stays visible
    assert r.bbox[2] >= 2432 + 72 * 7 + 60
    # The same characters with no gap (a letterhead's one word) still take the whole line.
    tight = _spaced_line("金宏睿杭州电子科技大学", [2157 + 72 * k for k in range(11)])
    (r,) = [r for r in match_lines([tight], prof) if r.kind == "employer"]
    assert r.bbox[0] <= 2157


# dev-letter-red-letterhead-thanks-charity-seal-over-signoff-scan-01: the sign-off's last two
# characters lie under the seal, and the line is read up to it, with a slip (途 → 券).
CHARITY = Profile(name="朱钦迟", employers=("盐城市亭湖区心途公益服务中心",))
SEAL_OVER_END = (548, 693, 766, 907)


def test_an_employer_whose_end_lies_under_a_seal_is_matched_up_to_it():
    signoff = line("盐城市亭湖区心券公益服务", 410, 804, char_w=24, h=27)
    assert not [r for r in match_lines([signoff], CHARITY) if r.kind == "employer"]
    found = [r.bbox for r in match_lines([signoff], CHARITY, seal_boxes=[SEAL_OVER_END]) if r.kind == "employer"]
    assert found and union_covers(found, signoff.bbox, 0.99)


HOSPITAL = Profile(name="王芳", employers=("新疆维吾尔自治区人民医院",))


@pytest.mark.parametrize(("text", "matched"), [("新疆维吾尔自治区人民", True), ("新疆维吾尔自治区人", False)])
def test_a_line_cut_by_a_seal_must_hold_two_of_the_employers_own_words(text, matched):
    # 新疆维吾尔自治区 + one character could be any of the region's bodies.
    ln = line(text, 410, 804, char_w=24, h=27)
    found = [r for r in match_lines([ln], HOSPITAL, seal_boxes=[(400, 693, 766, 907)]) if r.kind == "employer"]
    assert bool(found) == matched


def test_a_line_under_a_seal_ending_on_another_units_end_is_that_bodys_whole_name():
    """synth3 s22 072: the bureau's seal stamped on its own printed name, read up to the seal as
    伊犁哈萨克自治州农业农村局 — within three slips of 伊犁哈萨克自治州农业技术推 (the applicant's
    …农业技术推广总站 cut short), so the bureau's seal was taken for the applicant's. A line ending
    on 局 where the term's piece does not is a whole name."""
    prof = Profile(name="努尔兰·哈布都拉", employers=("伊犁哈萨克自治州农业技术推广总站",))
    seal = (1454, 2750, 2053, 3350)
    other = line("伊犁哈萨克自治州农业农村局", 1433, 3021, char_w=46, h=79)
    assert other.bbox[2] > seal[0]
    assert not [r for r in match_lines([other], prof, seal_boxes=[seal]) if r.kind == "employer"]
    # The employer's own name read up to the seal is still matched, its last read character a slip.
    own = line("伊犁哈萨克自治州农业技木推", 1433, 3021, char_w=46, h=79)
    assert [r for r in match_lines([own], prof, seal_boxes=[seal]) if r.kind == "employer"]


def test_a_long_employer_wrapped_over_four_lines_of_a_narrow_cell_is_found_on_each():
    # synth3 seed 1, 020: the first line was left readable (the name joined three lines at most)
    prof = Profile(name="王芳", employers=("巴音郭楞蒙古自治州库尔勒市住房和城乡建设局",))
    cell = [line(t, 260, 380 + 32 * k, char_w=24, h=26)
            for k, t in enumerate(("巴音郭楞蒙古", "自治州库尔勒", "市住房和城乡", "建设局"))]
    found = [r for r in match_lines(cell, prof) if r.kind == "employer"]
    for ln in cell:
        assert union_covers([r.bbox for r in found], ln.bbox, 0.9), ln.text


def read_as_one(*parts):
    """Lines standing on one row read as one TextLine (the red rule between two cells taken out
    with the red ink before reading): its text and character boxes are the parts' in order."""
    x0 = min(p.bbox[0] for p in parts)
    y0 = min(p.bbox[1] for p in parts)
    x1 = max(p.bbox[2] for p in parts)
    y1 = max(p.bbox[3] for p in parts)
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextLine(quad, "".join(p.text for p in parts), 0.95, [b for p in parts for b in p.char_boxes])


def test_a_wrap_over_four_lines_with_the_next_cell_read_into_two_of_them():
    """synth3 seed 6, 058 (appraisal form, red ruling): 巴音郭楞蒙古 / 自治州库尔勒|现任职 /
    市住房和城乡|务 / 建设局 — the cell 现任职务 beside the employer's read into its second and third
    lines, 0.4–0.6 line heights after them. Every line of the employer is found, and the boxes
    stay out of the next cell."""
    prof = Profile(name="王芳", employers=("巴音郭楞蒙古自治州库尔勒市住房和城乡建设局",))
    first = line("巴音郭楞蒙古", 502, 679, char_w=25, h=39)
    beside_2, beside_3 = line("现任职", 669, 713, char_w=21, h=40), line("务", 662, 748, char_w=24, h=39)
    second = read_as_one(line("自治州库尔勒", 503, 713, char_w=24, h=40), beside_2)
    third = read_as_one(line("市住房和城乡", 502, 748, char_w=24, h=39), beside_3)
    last = line("建设局", 501, 785, char_w=20, h=38)
    found = [r.bbox for r in match_lines([first, second, third, last], prof) if r.kind == "employer"]
    assert union_covers(found, first.bbox, 0.9)
    assert union_covers(found, char_span(second, 0, 6), 0.9)
    assert union_covers(found, char_span(third, 0, 6), 0.9)
    assert union_covers(found, last.bbox, 0.9)
    assert not any(intersection(b, beside_2.bbox) > 0.3 * box_area(beside_2.bbox) for b in found)


def test_a_label_cell_read_into_a_wrapped_line_across_a_gap():
    """synth3 seed 6, 062: 阿勒泰地区 / 工作单位 福海县水利 / 管理站 — the label cell read into the
    middle line across a gap of 0.6 line heights where the red rule was (no rule character read).
    The first line is found too, not only the short form 福海县水利管理站 on the two below."""
    prof = Profile(name="马福祥", employers=("阿勒泰地区福海县水利管理站", "福海县水管站"))
    first = line("阿勒泰地区", 232, 399, char_w=27, h=32)
    label = line("工作单位", 122, 434, char_w=24, h=34)
    middle = read_as_one(label, line("福海县水利", 237, 434, char_w=25, h=34))
    last = line("管理站", 232, 466, char_w=29, h=35)
    found = [r.bbox for r in match_lines([first, middle, last], prof) if r.kind == "employer"]
    assert union_covers(found, first.bbox, 0.9)
    assert union_covers(found, char_span(middle, 4, 9), 0.9)
    assert union_covers(found, last.bbox, 0.9)
    assert not any(intersection(b, label.bbox) > 0.3 * box_area(label.bbox) for b in found)


@pytest.mark.parametrize(("employers", "top_text", "top_at", "below_text", "below_at", "char_w", "other_span",
                          "own_span"), [
    # synth3 s11 021: …经克拉玛依市卫生健康委员会考核合格，在 over a short last line beginning with the
    # employer's short form (独山子区人民医院起到了…): the line's part over the last line's column
    # (…克拉玛依市卫) joined to it is no 克拉玛依市独山子区人民医院 with one slip.
    (("克拉玛依市独山子区人民医院", "独山子区人民医院"),
     "后参与完成多项重点工作，经克拉玛依市卫生健康委员会考核合格，在", (287, 1105, 62),
     "独山子区人民医院起到了业务骨干作用。", (287, 1229, 62), 58, (13, 25), (0, 8)),
    # synth3 s22 035: …经巴音郭楞蒙古自治州农业农村局考核合格， over 在巴州水利局起到了…: joined, the column
    # read 巴音郭楞蒙古在巴州水利局 (two slips); the row below holds the short form whole after 在.
    (("巴音郭楞蒙古自治州水利局", "巴州水利局"),
     "参与完成多项重点工作，经巴音郭楞蒙古自治州农业农村局考核合格，", (193, 673, 58),
     "在巴州水利局起到了业务骨干作用。", (191, 744, 53), 40, (12, 26), (1, 6)),
])
def test_a_paragraphs_line_over_a_row_holding_the_short_form_is_no_column_wrap(
        employers, top_text, top_at, below_text, below_at, char_w, other_span, own_span):
    """A paragraph's line over a row below that holds a shorter form of the employer whole at (or a
    word after) its start: the column must read exactly — the other body's name in the line above
    stays visible, the employer below is masked."""
    from bench.accuracy import coverage
    from bench.realset import RealItem

    prof = Profile(name="李静", employers=employers)
    top = line(top_text, top_at[0], top_at[1], char_w=char_w, h=top_at[2])
    below = line(below_text, below_at[0], below_at[1], char_w=char_w, h=below_at[2])
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines([top, below], prof)]
    other = tuple(round(v) for v in char_span(top, *other_span))
    assert coverage(RealItem("org", other, None, "other"), boxes) < 0.3
    employer = tuple(round(v) for v in char_span(below, *own_span))
    assert coverage(RealItem("employer", employer, None, "applicant"), boxes) >= 0.9


def test_a_column_cut_inside_a_line_of_print_is_no_cell():
    """synth3 s52 063: …经博尔塔拉蒙古自治州人力资源和社会保障 over the paragraph's short last line
    局考核合格，在博州气象局…: the line's part over the last line's column, cut inside the run of
    print (…自治州人 | 力资源…), joined to 局 read 博尔塔拉蒙古自治州人局 — the employer
    博尔塔拉蒙古自治州气象局 with two slips. No gap there: no cell, and the bureau's name stays
    visible; the short form below is masked."""
    from bench.accuracy import coverage
    from bench.realset import RealItem

    prof = Profile(name="古丽娜尔·叶尔肯", employers=("博尔塔拉蒙古自治州气象局", "博州气象局"))
    top = line("参与完成多项重点工作，经博尔塔拉蒙古自治州人力资源和社会保障", 351, 1240, char_w=61, h=62)
    below = line("局考核合格，在博州气象局起到了业务骨干作用。", 351, 1363, char_w=58, h=58)
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines([top, below], prof)]
    other = tuple(round(v) for v in char_span(top, 12, 30))
    assert coverage(RealItem("org", other, None, "other"), boxes) < 0.3
    assert coverage(RealItem("org", tuple(round(v) for v in char_span(below, 0, 1)), None, "other"), boxes) < 0.3
    own = tuple(round(v) for v in char_span(below, 7, 12))
    assert coverage(RealItem("employer", own, None, "applicant"), boxes) >= 0.9


@pytest.mark.parametrize("char_w", [20, 40])      # the column joined reads it with two slips / exactly
def test_a_paragraph_wrapping_a_short_form_exactly_is_no_column_of_the_long_form(char_w):
    """synth3 s14 003: …经哈密市伊州区人民政府考核合格，在伊 over 州区教育局起到了…: the short form
    伊州区教育局 reads exactly across the break, so the line's part over the row below
    (…哈密市伊州区) is no column joined to 州区教育局 as 哈密市伊州区教育局 with two slips — the
    district government's name stays visible, the wrapped employer is masked."""
    from bench.accuracy import coverage
    from bench.realset import RealItem

    prof = Profile(name="巴特尔", employers=("哈密市伊州区教育局", "伊州区教育局"))
    top = line("后参与完成多项重点工作，经哈密市伊州区人民政府考核合格，在伊", 208, 802, char_w=char_w, h=51)
    below = line("州区教育局起到了业务骨干作用。", 210, 889, char_w=char_w, h=46)
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines([top, below], prof)]
    government = tuple(round(v) for v in char_span(top, 13, 23))
    assert coverage(RealItem("org", government, None, "other"), boxes) < 0.3
    for piece in (char_span(top, 29, 30), char_span(below, 0, 5)):
        assert coverage(RealItem("employer", tuple(round(v) for v in piece), None, "applicant"), boxes) >= 0.9


@pytest.mark.parametrize("text", ["请与塔城地区畜牧兽医站联系", "塔城地区畜牧兽医站"])
def test_a_hit_stopping_short_of_the_unit_ending_before_another_one_is_another_unit(text):
    """塔城地区畜牧局 read with 局 as 兽 in 塔城地区畜牧兽医站 (synth3 s11 005): the 站 is another
    unit of the same place, not the employer 塔城地区畜牧兽医局 misread."""
    prof = Profile(name="其木格", employers=("塔城地区畜牧兽医局", "塔城地区畜牧局"))
    assert [r for r in match_lines([line(text, 100, 300)], prof) if r.kind == "employer"] == []


@pytest.mark.parametrize("employer, text", [
    ("吐鲁番市高昌区自然资源局", "经吐鲁番市自然资源局考核合格"),          # the city's bureau (synth3 s11 019)
    ("吐鲁番市自然资源局", "经吐鲁番市高昌区自然资源局考核合格"),          # the district's
])
def test_the_employers_name_with_a_place_left_out_or_put_in_is_another_body(employer, text):
    prof = Profile(name="买买提", employers=(employer,))
    assert [r for r in match_lines([line(text, 100, 300)], prof) if r.kind == "employer"] == []


def test_the_employers_name_without_its_first_place_is_its_short_form():
    prof = Profile(name="买买提", employers=("吐鲁番市高昌区自然资源局",))
    assert [r.text for r in match_lines([line("经高昌区自然资源局考核合格", 100, 300)], prof)] == ["高昌区自然资源局"]


def test_a_handwritten_employer_wrapped_in_its_cell_continues_on_the_row_below():
    """synth2 s15 067, a phone photo of an appraisal form: the employer written by hand over two
    rows of its cell (骤维吾尔自治区地质矿产 / 勘查开发局第一地质大队, 新疆 read as one character).
    Pen-written lines slant: their boxes overlap by 31 px, the second's middle 1.17 line heights
    below the first's — under the 1.2 asked then, so the two were not joined and the first row
    stayed readable."""
    from bench.accuracy import coverage
    from bench.realset import RealItem

    def slanted(text, x0, x1, y_left, y_right, h):
        quad = np.array([[x0, y_left], [x1, y_right], [x1, y_right + h], [x0, y_left + h]], np.float32)
        return TextLine(quad, text, 0.93, proportional_char_boxes(quad, text))

    prof = Profile(name="木合塔尔·阿不都拉",
                   employers=("新疆维吾尔自治区地质矿产勘查开发局第一地质大队", "第一地质大队"))
    top = slanted("骤维吾尔自治区地质矿产", 499, 914, 781, 746, 51)
    below = slanted("勘查开发局第一地质大队", 499, 886, 836, 801, 44)
    # the form's printed lines run level: the page is not turned to the pen's slant
    printed = [line("政治面貌中共党员职务副科长所在部门综合科", 324, 676, char_w=40, h=46),
               line("本年度考核意见同意评定为优秀等次单位负责人签名", 324, 1000, char_w=40, h=46),
               line("说明考核等次分为优秀合格基本合格不合格", 324, 1100, char_w=40, h=46)]
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines([*printed, top, below], prof)]
    assert coverage(RealItem("employer", (499, 746, 914, 832), None, "applicant"), boxes) >= 0.9
    # ... and a label above it (职务) joined to it is no part of it: 务骤维吾尔… is the term with its
    # slip on the label's line, no further from it without that character
    label = line("职务", 836, 674, char_w=40, h=51)
    boxes = [r.bbox for r in match_lines([*printed, label, top, below], prof)]
    assert all(intersection(b, label.bbox) == 0 for b in boxes), boxes


def test_a_hit_cut_at_the_line_end_before_another_units_ending_on_the_next_line_is_another_unit():
    """synth3 s13 002: …积极参加塔城地区畜牧 / 兽医站组织的… — 塔城地区畜牧局 with its 局 left out at the
    line's end is the 畜牧兽医站 wrapped; 塔城地区畜牧 / 局完成了… is the employer wrapped."""
    prof = Profile(name="其木格", employers=("塔城地区畜牧兽医局", "塔城地区畜牧局"))
    other = [line("技术工作，撰写技术报告两篇，积极参加塔城地区畜牧", 266, 711, h=40),
             line("兽医站组织的专业技术人员继续教育培训，完成规定学时", 269, 751, h=40)]
    assert [r for r in match_lines(other, prof) if r.kind == "employer"] == []
    own = [line("技术工作，撰写技术报告两篇，积极协助塔城地区畜牧", 266, 711, h=40),
           line("局完成了年度考核和业务检查的各项准备工作，所属", 269, 751, h=40)]
    found = [r for r in match_lines(own, prof) if r.kind == "employer"]
    assert {round(r.bbox[1]) // 40 for r in found} == {711 // 40, 751 // 40}, found


@pytest.mark.parametrize("term, found, ok", [
    ("昌吉市自然资源局", "昌离市百然资源局", True),     # 自 read 百 (synth2 s16 011's ring)
    ("第一中学", "第一百中学", False),                 # 百 beside a numeral is one
    ("第一中学", "第十三中学", False),
    ("第十三中学", "第十中学", True),                   # a numeral lost, not brought
])
def test_a_lone_hundred_is_a_slip_not_a_numeral(term, found, ok):
    from redaction.detect.match import numerals_compatible

    assert numerals_compatible(term, found) is ok


def test_of_the_ways_a_cells_term_runs_on_the_one_with_fewest_slips_is_taken():
    """synth3 s14 064, an appraisal form: 吐鲁番市高昌区自然资 / 源局 in the 工作单位 cell, 专业技术职 /
    务 in the cell beside. The term runs on exactly below; read on into the next cell it is
    …自然资专业 with two slips, which masked 专业 too."""
    prof = Profile(name="麦麦提江·艾合买提", employers=("吐鲁番市高昌区自然资源局", "高昌区自然资源局"))
    cell = line("吐鲁番市高昌区自然资", 604, 779, char_w=54, h=66)
    beside = line("专业技术职", 1215, 779, char_w=54, h=68)
    below = line("源局", 598, 844, char_w=65, h=75)
    under_beside = line("务", 1208, 845, char_w=68, h=73)
    found = [r for r in match_lines([cell, beside, below, under_beside], prof) if r.kind == "employer"]
    boxes = [r.bbox for r in found]
    assert union_covers(boxes, cell.bbox, 0.9) and union_covers(boxes, below.bbox, 0.9)
    assert not any(intersection(r.bbox, beside.bbox) > 0.1 * box_area(beside.bbox) for r in found), found


def test_a_wrapped_term_filling_its_cell_over_a_short_second_line_runs_on_to_the_cell_edge():
    """synth3 s18 066: a handwritten 新疆生产建设兵团第一师阿拉 fills the 工作单位 cell and is read
    into one line with the next cell's label (专业技术职), 尔市农业科学研究所 below is shorter. The
    first line's part over the line below stops at 第一师 (three slips); its cell runs on to the
    gap before 专: the employer is masked to 拉, the label beside it stays visible."""
    prof = Profile(name="陈志刚", employers=("新疆生产建设兵团第一师阿拉尔市农业科学研究所", "阿拉尔市农科所"))
    text, w, h = "新疆生产建设兵团第一师阿拉专业技术职", 46, 69
    xs = [614 + w * k + (23 if k >= 13 else 0) for k in range(len(text))]   # a 23-px cell gap before 专
    quad = np.array([[xs[0], 685], [xs[-1] + w, 685], [xs[-1] + w, 685 + h], [xs[0], 685 + h]], np.float32)
    top = TextLine(quad, text, 0.99, [(x, 685.0, x + w, 685.0 + h) for x in xs])
    below = line("尔市农业科学研究所", 611, 749, char_w=w, h=h)
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines([top, below], prof)]
    assert covered(boxes, char_span(top, 0, 13)) >= 0.9 and covered(boxes, below.bbox) >= 0.9
    assert covered(boxes, char_span(top, 13, 18), "org", "other") < 0.3


def test_a_page_number_printed_over_the_employers_last_character_is_no_other_number():
    """synth3 s19 012: a phone photo's header 工作单位：…住房和城乡建设局 with 第2页 printed over its
    局, read …城乡建设2页: the 2 in place of 局 is no numeral of another body's name (the hit with it
    was refused), the employer is masked through the 2. A numeral inside a name still refuses a
    hit: 乌鲁木齐市第3中学 is not 乌鲁木齐市第一中学."""
    prof = Profile(name="吾尔开西·托合塔尔", employers=("巴音郭楞蒙古自治州库尔勒市住房和城乡建设局", "库尔勒市住建局"))
    header = line("姓名：吾尔开西·托合塔尔工作单位：巴音郭楞蒙古自治州库尔勒市住房和城乡建设2页", 310, 261)
    employers = [r for r in match_lines([header], prof) if r.kind == "employer"]
    start = header.text.index("巴")
    assert employers and union_covers([r.bbox for r in employers], char_span(header, start, start + 21), 0.99)
    school = Profile(name="王芳", employers=("乌鲁木齐市第一中学",))
    assert [r for r in match_lines([line("乌鲁木齐市第3中学", 100, 100)], school) if r.kind == "employer"] == []
    # Not a year on the next line: a certificate's title 湖南省守合同重信用企业 over (2020年度) is no
    # hit running on into (2 or 20 for 协会 (dev: the association's name printed in its title).
    association = Profile(name="王芳", employers=("湖南省守合同重信用企业协会",))
    title = line("湖南省守合同重信用企业", 340, 740, char_w=150, h=200)
    year = line("(2020年度)", 920, 985, char_w=100, h=110)
    assert [r for r in match_lines([title, year], association) if r.bbox[1] > 960] == []


def test_a_long_employer_wrapped_over_five_lines_of_a_narrow_cell_is_masked_on_all_five():
    """synth3 s20 072: 新疆维吾尔 / 自治区地质 / 矿产勘查开 / 发局第二地 / 质大队 in a five-character
    工作单位 cell, every line read right: matching ran on to four lines, so only the made form
    自治区地质矿产勘查开发局第二地质大队 was found and 新疆维吾尔 stayed visible."""
    prof = Profile(name="赵宇", employers=("新疆维吾尔自治区地质矿产勘查开发局第二地质大队", "新疆地矿局第二地质大队"))
    rows = ["新疆维吾尔", "自治区地质", "矿产勘查开", "发局第二地", "质大队"]
    cell = [line(text, 310, 430 + 41 * n, char_w=34, h=40) for n, text in enumerate(rows)]
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines(cell, prof) if r.kind == "employer"]
    for row in cell:
        assert covered(boxes, row.bbox) >= 0.9, row.text


def test_a_wrap_at_the_end_of_a_row_the_detector_cut_in_two_continues_where_the_next_row_begins():
    """A phone photo's paragraph line read as two pieces (找差距，…2018年， | 本人在新疆…第一师阿拉): the
    employer wrapped at the second piece's end goes on at the start of the next row, which lies
    wholly left of that piece (synth3 s21 046: both halves were missed)."""
    profile = Profile(name="陈志刚", employers=("新疆生产建设兵团第一师阿拉尔市农业科学研究所",))
    first = line("找差距，努力把各项工作做得更好。2018年，", 100, 400)
    second = line("本人在新疆生产建设兵团第一师阿拉", first.bbox[2] + 12, 402)
    below = line("尔市农业科学研究所党委的", 100, 440)
    rest = line("正确领导下，认真学习贯彻党的路线方针政策，", below.bbox[2] + 12, 442)
    assert below.bbox[2] < second.bbox[0] - 2 * second.height      # wholly left of the piece
    boxes = [r.bbox for r in match_lines([first, second, below, rest], profile) if r.kind == "employer"]
    assert covered(boxes, char_span(second, 3, 16)) >= 0.9
    assert covered(boxes, char_span(below, 0, 9)) >= 0.9
    # The piece before it, and the rest of the row below, stay as they are.
    assert covered(boxes, char_span(first, 0, 10)) == 0
    assert covered(boxes, char_span(rest, 3, 20)) == 0


def test_a_sign_offs_right_column_is_no_wrap_of_the_left_columns_lines():
    """Own corpus 075: two issuers sign side by side, each name wrapped in its own column. The
    right column's first line ends its row, but the left column's line is another cell far off,
    not a piece of it: the right one does not run on under the left one (区环境 + 阿拉尔市农业农村局
    was taken, with three slips, for 第一师阿拉尔市农业农村局)."""
    profile = Profile(name="张晓燕", employers=("新疆生产建设兵团第一师阿拉尔市农业农村局", "第一师阿拉尔市农业农村局"))
    left = line("新疆生产建设兵团第一师", 300, 1140, char_w=38, h=38)
    right = line("新疆维吾尔自治区环境", 1656, 1150, char_w=38, h=38)
    left2 = line("阿拉尔市农业农村局", 337, 1200, char_w=38, h=38)
    right2 = line("保护科学研究院", 1713, 1210, char_w=38, h=38)
    regions = [r for r in match_lines([left, right, left2, right2], profile) if r.kind == "employer"]
    boxes = [tuple(round(v) for v in r.bbox) for r in regions]
    assert covered(boxes, char_span(left, 0, 11)) >= 0.9 and covered(boxes, char_span(left2, 0, 9)) >= 0.9
    assert covered(boxes, char_span(right, 0, 10)) == 0, regions


def test_a_name_cut_in_two_overlapping_pieces_is_found_without_the_ink_read_twice():
    """synth2 s26 051: a letter-spaced 马　晓　梅 in a form's name cell came out of the text detector
    as two overlapping pieces, 马日 (日 being 晓's left half) and 晓梅; joined, 马日晓梅 is one slip
    from a three-character name, which allows none, and the name was masked only in part (0.52).
    The characters of one piece whose middles lie on the other's ink are read twice."""
    prof = Profile(name="马晓梅", employers=("昌吉市自然资源局",))
    first = line("马日", 529, 453, char_w=46, h=53)          # 马 529–575, 日 575–621
    second = line("晓梅", 592, 451, char_w=71, h=61)         # 晓 592–663, 梅 663–734
    found = [r for r in match_lines([first, second], prof) if r.kind == "name"]
    assert covered([tuple(round(v) for v in r.bbox) for r in found], (534, 460, 723, 502), kind="name") >= 0.9, found
    # A paragraph's next row begins left of the line's end: no piece of it (synth3 s23 005, the
    # first version joined …行为。 to …自治州人民医院 without the 昌吉 under its end: 2 slips).
    prof2 = Profile(name="马晓燕", employers=("昌吉回族自治州人民医院",))
    above = line("能力强，无违法违纪行为。", 172, 588, char_w=56, h=48)
    below = line("如有不实，昌吉回族自治州人民医院愿", 500, 631, char_w=52, h=57)   # 吉 ends past 行为。
    hits = [r for r in match_lines([above, below], prof2) if r.kind == "employer"]
    assert hits and all(r.extra["errors"] == 0 for r in hits), hits
    # Pieces that do not overlap are joined as read: 马日 / 晓梅 a cell apart is no name.
    apart = line("晓梅", 700, 451, char_w=71, h=61)
    assert not [r for r in match_lines([first, apart], prof) if r.kind == "name"]


def test_an_employer_wrapped_in_a_journals_left_column_read_as_one_line_with_the_right_one():
    """synth4 s5 023: a journal's author note (…现就职于乌 / 市十三中。) whose first row the
    detector read as one line with the right column's row beside it, that row lower: one box
    twice as tall as the line below, which begins inside it. The short form wraps after one
    character; both pieces are masked, the right column's text is not."""
    prof = Profile(name="迪丽娜尔·阿不都热依木", employers=("乌鲁木齐市第十三中学", "乌市十三中"))
    left_text, right_text = "新疆乌鲁木齐人，现就职于乌", "养。实践表明，该方法能够激发"
    left = line(left_text, 140, 2519, char_w=30, h=37)
    right = line(right_text, left.bbox[2] + 57, 2561, char_w=30, h=37)
    quad = np.array([[140, 2519], [right.bbox[2], 2519], [right.bbox[2], 2598], [140, 2598]], np.float32)
    merged = TextLine(quad, left_text + right_text, 0.99,
                      [(b[0], 2519.0, b[2], 2598.0) for b in (*left.char_boxes, *right.char_boxes)])
    below = line("市十三中。", 150, 2570, char_w=30, h=37)
    boxes = [tuple(round(v) for v in r.bbox) for r in match_lines([merged, below], prof) if r.kind == "employer"]
    head = char_span(merged, len(left_text) - 1, len(left_text))
    assert covered(boxes, head) >= 0.9 and covered(boxes, char_span(below, 0, 4)) >= 0.9
    assert covered(boxes, char_span(merged, len(left_text), len(merged.text)), "org", "other") < 0.3


def test_the_employers_name_without_its_ordinal_is_another_body():
    """synth4 s16 024: a letter copied to 喀什地区人民医院, the applicant's employer being
    喀什地区第一人民医院 — two slips in ten characters, within what matching allows, but another
    hospital. A hit that leaves the ordinal out whole is another body; one that loses only its thin
    一 (第人民医院) or misreads another character is still the employer."""
    prof = Profile(name="王芳", employers=("喀什地区第一人民医院",))
    assert [r for r in match_lines([line("抄送：喀什地区人民医院", 100, 300)], prof) if r.kind == "employer"] == []
    for text in ("喀什地区第人民医院", "喀什地区第一人民医阮", "喀什地区第一人民医院"):
        assert [r.kind for r in match_lines([line(text, 100, 300)], prof)] == ["employer"], text


def _sloped(text: str, x0: float, y0: float, x1: float, y1: float, h: float = 23.0) -> TextLine:
    """A line whose box runs from (x0, y0) to (x1, y1) along its top, h tall."""
    quad = np.array([[x0, y0], [x1, y1], [x1, y1 + h], [x0, y0 + h]], np.float32)
    return TextLine(quad, text, 0.97, proportional_char_boxes(quad, text))


def test_a_term_wrapped_at_the_end_of_a_line_sloping_more_than_the_page_continues_under_its_start():
    """synth4 s19 035, a phone photo of a journal page: the paragraph's lines slope 1° (the page's
    median), one 2.4°; deskewed by the median its box stays two rows tall, and 十三中。 under its
    start, the end of 乌市十三中 wrapped after 现就职于乌市, was taken for its own row: both pieces
    missed. By the line's own slope 十三中。 begins below it."""
    from redaction.detect.match import continuation_pairs

    lines = [_sloped("基金项目：共青团新疆维吾尔自治区委员会科研项目", 131, 1553, 608, 1561),
             _sloped("作者简介：迪丽娜尔阿不都热依木，女，维吾尔族，新", 129, 1576, 614, 1584),
             _sloped("疆乌鲁木齐人，一级教师，主要从事中学教育工作，现就职于乌市", 127, 1599, 612, 1619),
             _sloped("十三中。", 128, 1624, 189, 1624, 22.0),
             _sloped("动式教学在课堂中的应用策略。实践表明，该方法能够激", 648, 1598, 1154, 1607)]
    assert (2, 3) in continuation_pairs(lines)
    profile = Profile(name="迪丽娜尔·阿不都热依木", employers=("乌鲁木齐市第十三中学", "乌市十三中"))
    found = [r for r in match_lines(lines, profile) if r.kind == "employer"]
    assert any(r.bbox[1] >= 1620 and r.bbox[0] < 200 for r in found), found       # 十三中
    assert any(r.bbox[0] > 500 and r.bbox[3] < 1650 for r in found), found        # 乌市


SCHOOL = Profile(name="买买提江·吐尔逊", employers=("和田地区墨玉县第一中学",))


def test_a_one_crossed_by_a_seals_stroke_and_read_ten_is_the_employers_one():
    """synth4 s23 048: the employer's grey seal over its printed name, a stroke of the ring's text
    across the 一 — the line read 和田地区墨玉县第十中学 (0.97) and the employer went unmasked, its
    seal taken for another school's. Only under a seal: 第十中学 elsewhere is another school, and
    another number is no crossed stroke."""
    printed = line("和田地区墨玉县第十中学", 1507, 2753, char_w=62, h=80)
    seal = (1523, 2587, 2092, 3156)
    found = [r.bbox for r in match_lines([printed], SCHOOL, seal_boxes=[seal]) if r.kind == "employer"]
    assert found and union_covers(found, printed.bbox, 0.99)
    assert not [r for r in match_lines([printed], SCHOOL) if r.kind == "employer"]
    away = (0, 0, 600, 600)
    assert not [r for r in match_lines([printed], SCHOOL, seal_boxes=[away]) if r.kind == "employer"]
    other = line("和田地区墨玉县第三中学", 1507, 2753, char_w=62, h=80)
    assert not [r for r in match_lines([other], SCHOOL, seal_boxes=[seal]) if r.kind == "employer"]


def test_a_short_form_read_into_another_bodys_department_word_is_not_the_employer():
    """synth4 s23 064: 二师铁门关市一中 (the applicant's …第二师铁门关市第一中学, shortened) within a
    slip of 二师铁门关市中 in …第二师铁门关市中医医院 — the city's hospital of Chinese medicine, masked
    on two wrapped lines. The word 中医 runs across the hit's end; the school's own 一中 does not."""
    prof = Profile(name="赵雪梅", employers=("新疆生产建设兵团第二师铁门关市第一中学", "二师铁门关市一中"))
    hospital = line("新疆生产建设兵团第二师铁门关市中医医院", 100, 100)
    assert not [r for r in match_lines([hospital], prof) if r.kind == "employer"]
    school = line("新疆生产建设兵团第二师铁门关市一中", 100, 100)
    assert [r for r in match_lines([school], prof) if r.kind == "employer"]
