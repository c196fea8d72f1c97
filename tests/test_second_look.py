"""A short name read with one look-alike character (吴瑾 → 吴理 on a small blurred line) is found
from the recogniser's runners-up; a name that really differs by a character is not."""

import cv2
import numpy as np
import pytest

from redaction.detect.second_look import NAME_GUESS, RUNNER_UP, misread_employers, one_slip_names, second_look
from redaction.model.profile import Profile
from redaction.ocr.base import TextLine, proportional_char_boxes
from testkit.imaging import draw_text

EMPLOYERS = ("阿克苏地区人民医院",)


def _line(text: str, y: float = 0.0) -> TextLine:
    quad = np.array([[0, y], [30 * len(text), y], [30 * len(text), y + 32], [0, y + 32]], np.float32)
    return TextLine(quad, text, 0.9, proportional_char_boxes(quad, text))


class RunnerUps:
    """An engine whose second reading gives `chance` to `want` at every character."""

    def __init__(self, want: str, chance: float):
        self.want, self.chance, self.calls = want, chance, 0

    def char_alternatives(self, image, quad, top=5):
        self.calls += 1
        return [(c, {c: 1.0 - self.chance, self.want: self.chance}) for c in self.text]


class LostBetween:
    """An engine whose second reading finds `want` with `chance` in a gap after character `after`."""

    def __init__(self, text: str, after: int, want: str, chance: float):
        self.text, self.after, self.want, self.chance = text, after, want, chance

    def char_alternatives(self, image, quad, top=5):
        out = []
        for k, c in enumerate(self.text):
            out.append((c, {c: 0.99}))
            if k == self.after:
                out.append(("", {self.want: self.chance, "一": 0.001}))
        return out


def _page(rows: list[str], px: int, blur: float) -> np.ndarray:
    page = np.full((600, 1400, 3), 255, np.uint8)
    for k, text in enumerate(rows):
        draw_text(page, text, (60, 40 + 70 * k), px)
    if blur:
        page = cv2.GaussianBlur(page, (0, 0), blur)
    ok, buf = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 60])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def test_only_short_names_one_substitution_away_get_a_second_look():
    prof = Profile(name="吴瑾", aliases=("阿依古丽",), employers=EMPLOYERS)
    lines = [_line("作者：吴理"), _line("吴瑾同志", 40), _line("审核：吴", 80), _line("阿克苏地区人民医疗", 120)]
    slips = [(s.line, s.want, s.wrong, s.left, s.right) for s in one_slip_names(lines, prof, None)]
    assert slips == [(0, "瑾", 4, 3, None)]        # 吴 alone is not 吴瑾 with 瑾 lost: 2-character names


@pytest.mark.parametrize("chance, found", [(0.3, True), (RUNNER_UP, True), (RUNNER_UP / 2, False)])
def test_the_name_counts_as_read_only_when_the_recogniser_gave_it_a_real_chance(chance, found):
    prof = Profile(name="吴瑾", employers=EMPLOYERS)
    lines = [_line("作者：吴理（医院）")]
    engine = RunnerUps("瑾", chance)
    engine.text = lines[0].text
    regions = second_look(engine, np.zeros((60, 400, 3), np.uint8), lines, prof)
    assert engine.calls == 1
    assert [r.kind for r in regions] == (["name"] if found else [])
    if found:
        assert regions[0].extra["second_look"] and regions[0].bbox[0] < 3 * 30 + 1 < 5 * 30 < regions[0].bbox[2]


@pytest.mark.parametrize("chance, found", [(0.05, True), (RUNNER_UP / 2, False)])
def test_a_three_character_name_with_one_character_lost_is_found_when_the_gap_held_it(chance, found):
    prof = Profile(name="郭曦文", employers=EMPLOYERS)
    lines = [_line("作者：郭文（医院）"), _line("郭文同志", 40)]
    slips = list(one_slip_names(lines, prof, None))
    assert [(s.line, s.want, s.wrong, s.left, s.right) for s in slips] == [(0, "曦", None, 3, 4), (1, "曦", None, 0, 1)]
    engine = LostBetween(lines[0].text, 3, "曦", chance)
    regions = second_look(engine, np.zeros((60, 400, 3), np.uint8), lines[:1], prof)
    assert [r.kind for r in regions] == (["name"] if found else [])
    if found:   # from 郭 to 文, the lost character's place between them included
        assert regions[0].bbox[0] < 3 * 30 and regions[0].bbox[2] > 5 * 30


class Guessed:
    """An engine whose second reading is the first, every character sure but the one at `at`,
    read with probability `p` and the name's own character given none."""

    def __init__(self, text: str, at: int, p: float):
        self.text, self.at, self.p = text, at, p

    def char_alternatives(self, image, quad, top=5):
        return [(c, {c: self.p if k == self.at else 0.99, "蛟": 0.2}) for k, c in enumerate(self.text)]


@pytest.mark.parametrize("name, text, at, p, found", [
    ("徐皎鹏", "法定代表人徐较鹏", 6, 0.30, True),       # a small scan's 较 guessed among 蛟 狡 校 姣
    ("徐皎鹏", "法定代表人徐较鹏", 6, NAME_GUESS, False),   # read with some confidence: another name
    ("陈毓德", "陈流德", 1, 0.15, True),                  # handwriting
    ("吴瑾", "作者：吴理", 4, 0.10, False),               # two characters: one slip is half the name
])
def test_a_three_character_name_whose_slip_the_recogniser_guessed_is_the_name(name, text, at, p, found):
    prof = Profile(name=name, employers=EMPLOYERS)
    regions = second_look(Guessed(text, at, p), np.zeros((60, 400, 3), np.uint8), [_line(text)], prof)
    assert [r.kind for r in regions] == (["name"] if found else [])


def test_a_blurred_small_name_read_with_a_look_alike_is_masked(detector):
    page = _page(["作者：吴瑾（新疆医科大学附属医院）"], 13, 1.2)
    assert "吴瑾" not in "".join(ln.text for ln in detector.ocr.read(page))    # the first reading slips
    names = [r for r in detector.text_regions(page, Profile(name="吴瑾", employers=EMPLOYERS)) if r.kind == "name"]
    assert len(names) == 1 and names[0].extra.get("second_look")
    assert names[0].bbox[0] < 60 + 3 * 13 and names[0].bbox[2] > 60 + 5 * 13


def test_another_person_whose_name_differs_by_a_clear_character_stays_visible(detector):
    page = _page(["作者：马册（新疆医科大学附属医院）", "审核：吴理", "法定代表人：徐校鹏"], 15, 0)
    for name in ("马丽", "吴瑾", "徐皎鹏"):
        regions = detector.text_regions(page, Profile(name=name, employers=EMPLOYERS))
        assert not [r for r in regions if r.kind == "name"], name


class Reading:
    """An engine whose second reading gives each character read the chances listed for it."""

    def __init__(self, chances: list[dict[str, float]]):
        self.chances, self.calls = chances, 0

    def char_alternatives(self, image, quad, top=5):
        self.calls += 1
        return [(max(c, key=c.get), c) for c in self.chances]


def _doubted(text: str, score: float) -> TextLine:
    line = _line(text)
    return TextLine(line.quad, text, score, line.char_boxes)


def test_an_employer_in_display_type_the_recogniser_guessed_at_is_found():
    # 广东金融学院 in a calligraphic letterhead, read 老东全融学院 at 0.74: 老 a guess (0.18),
    # 金 a runner-up (0.08) where 全 was read.
    prof = Profile(name="黄萱", employers=("广东金融学院",))
    line = _doubted("老东全融学院", 0.74)
    chances = [{"老": 0.18, "技": 0.11}, {"东": 0.94}, {"全": 0.68, "金": 0.08},
               {"融": 0.76}, {"学": 0.94}, {"院": 0.94}]
    regions = second_look(Reading(chances), np.zeros((60, 400, 3), np.uint8), [line], prof)
    assert [(r.kind, r.extra["second_look"]) for r in regions] == [("employer", True)]
    assert regions[0].bbox[0] <= 1 and regions[0].bbox[2] >= 6 * 30 - 1


def test_a_sister_bureau_read_with_confidence_stays_visible():
    # 阿克苏地区林业局 for 阿克苏地区环保局: two slips, each read surely, the employer's characters
    # given no chance; on a line read clearly the line is not even read again.
    prof = Profile(name="黄萱", employers=("阿克苏地区环保局",))
    chances = [{c: 0.97} for c in "阿克苏地区林业局"]
    chances[5]["环"], chances[6]["保"] = 0.002, 0.001
    engine = Reading(chances)
    assert second_look(engine, np.zeros((60, 400, 3), np.uint8), [_doubted("阿克苏地区林业局", 0.8)], prof) == []
    clear = Reading(chances)
    assert second_look(clear, np.zeros((60, 400, 3), np.uint8), [_doubted("阿克苏地区林业局", 0.97)], prof) == []
    assert clear.calls == 0


def test_an_employer_needs_half_its_characters_read_right():
    prof = Profile(name="黄萱", employers=("广东金融学院",))
    assert list(misread_employers([_doubted("老东全院学融", 0.6)], prof, None)) == []
    misreads = misread_employers([_doubted("老东全融学院", 0.6)], prof, None)
    assert [(m.slips, m.wanted) for m in misreads] == [((0, 2), ("广", "金"))]


def _read_as(page: np.ndarray, text: str) -> TextLine:
    """A line read as `text` over all the ink on the page."""
    ys, xs = np.nonzero(page[:, :, 0] < 200)
    x0, y0, x1, y1 = xs.min() - 4, ys.min() - 6, xs.max() + 5, ys.max() + 7
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextLine(quad, text, 0.95, proportional_char_boxes(quad, text))


@pytest.mark.parametrize("drawn, found", [
    ("周丽娟", True),       # 丽 lost in the reading, there in ink
    ("周　娟", False),      # another person's two-character name, letter-spaced to a form's width
    ("周 娟", False),
    ("周娟", False),        # ... or printed tight
])
@pytest.mark.parametrize("px, blur", [(18, 0.0), (16, 1.7), (30, 1.0)])
def test_a_character_lost_between_two_of_a_name_is_found_in_the_ink(drawn, found, px, blur):
    """synth2 seed 11, 034: a blurred phone photo of a title certificate reads 周丽娟 as 周娟, the
    recogniser giving 丽 no chance where it lost it; the ink between 周 and 娟 is three characters
    wide with no gap (`second_look._lost_in_ink`)."""
    page = _page([drawn], px, blur)
    line = _read_as(page, "周娟")
    regions = second_look(LostBetween("周娟", 0, "丽", 0.0), page, [line], Profile(name="周丽娟", employers=EMPLOYERS))
    assert [r.kind for r in regions] == (["name"] if found else [])


def test_a_blurred_name_read_without_its_middle_character_is_masked(detector):
    """synth2 seed 11, 034 end to end: missed whole before."""
    from pathlib import Path

    from bench.accuracy import _spec_pages
    from redaction.files.document import Page
    from testkit.synth2 import make_page

    sp = _spec_pages([make_page(11, 34)])[0]
    truth = next(t.as_dict()["bbox"] for t in make_page(11, 34).truth if t.kind == "name")
    _, _, regions = detector.propose_upright(Page(sp.pixels, Path("034.jpg"), 0, 1, sp.dpi), sp.profile)
    names = [r for r in regions if r.kind == "name" and r.accepted]
    assert any(r.bbox[0] <= truth[0] and r.bbox[2] >= truth[2] and r.bbox[1] <= truth[1] + 4
               and r.bbox[3] >= truth[3] - 4 for r in names), names
