"""A seal inked in part, stamped over the employer's printed name, whose ring is read from the gap in
its ink (the end of the employer's name, then its start, then the rest misread) is the employer's
seal, not another organisation's (synth3 s32 036, synth2 s32 005: both read as an organisation's
name at 0.76-0.79, left unmasked, the ring's legible part naming the employer). A ring read as a
kind of body across its seam (学院昌, twice) names another body (synth2 s32 001)."""

from __future__ import annotations

import pytest

from redaction.detect.sealtext import reads_across_seam
from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.pipeline.propose import own_by_printed_employer

SCHOOL = Profile(name="艾尔肯·吐尔逊", employers=("喀什地区疏附县第二中学", "疏附县二中"))
BUREAU = Profile(name="哈斯也提·托乎提", employers=("阿克苏地区水利局",))
SEAL_BOX = (1024, 1938, 1392, 2281)
PRINTED_EMPLOYER = (1006, 2027, 1331, 2081)     # the sign-off's printed name, under the seal


@pytest.mark.parametrize("reading, profile", [("中学喀科路", SCHOOL), ("小局sto阿克苏址.", BUREAU),
                                              ("水利局阿克", BUREAU)])
def test_a_reading_across_the_rings_seam_is_the_employers_name(reading, profile):
    assert reads_across_seam(reading, profile)


@pytest.mark.parametrize("reading, profile", [
    ("阿克苏地区水利局", BUREAU),                    # read from its start: no seam in it
    ("阿克苏地区人力资源和社会保障局", BUREAU),        # another bureau of the region, read from its start
    ("学喀科路", SCHOOL),                            # two characters across the seam: too few
    ("喀什地区第一人民医院", SCHOOL),
    # another body of the region, its ending the employer's too, read surely from its seam (dev)
    ("行政干部培训中心江苏教育", Profile(name="周敏华", employers=("江苏省教师培训中心",)))])
def test_a_reading_from_the_start_or_too_little_across_it_is_not(reading, profile):
    assert not reads_across_seam(reading, profile)


@pytest.mark.parametrize("printed, owner", [(PRINTED_EMPLOYER, ("seal", True)),
                                             ((100, 200, 500, 260), ("other_seal", False))])
def test_a_seam_reading_is_the_employers_seal_only_over_the_printed_employer(printed, owner):
    seal = Region("other_seal", SEAL_BOX, 0.76, "中学喀科路", False)
    own_by_printed_employer(seal, [printed], SCHOOL)
    assert (seal.kind, seal.accepted) == owner


def _proposed(detector, generator: str, seed: int, index: int):
    """(the generated page, its regions) as the bench proposes them; the page is upright."""
    from pathlib import Path

    from bench.accuracy import _spec_pages
    from redaction.files.document import Page

    make_page = __import__(f"testkit.{generator}", fromlist=["make_page"]).make_page
    sp = _spec_pages([make_page(seed, index)])[0]
    _, rotation, regions = detector.propose_upright(Page(sp.pixels, Path("page.jpg"), 0, 1, sp.dpi), sp.profile)
    assert rotation == 0
    return sp, regions


@pytest.mark.parametrize("generator, seed, index", [("synth3", 32, 36), ("synth2", 32, 5)])
def test_a_seal_inked_in_part_over_the_employers_sign_off_is_masked(detector, generator, seed, index):
    from bench.accuracy import _box_of, coverage

    sp, regions = _proposed(detector, generator, seed, index)
    boxes = [_box_of(r) for r in regions if r.accepted]
    own = [t for t in sp.truth if t.kind == "seal" and t.owner == "applicant"]
    assert own
    for truth in own:
        assert coverage(truth, boxes) >= 0.9, (truth.bbox, [r for r in regions if "seal" in r.kind])


ROADS = Profile(name="王芳", employers=("伊犁哈萨克自治州交通运输局", "伊犁州交通运输局"))


def test_a_kind_of_body_read_across_the_seam_names_another_body():
    """synth2 s32 001: a diploma's grey seal over its college's printed name, read 学院昌 twice
    (昌吉学院 from the seam). A bureau's own seal never reads as a college."""
    from redaction.detect.sealtext import another_kind_alone, classify_seal

    readings = [("学院昌", 0.95), ("学院昌", 0.93)]
    assert another_kind_alone(readings, ROADS) == ("学院", 0.95)
    assert classify_seal(readings, ROADS)[:2] == ("other_seal", False)
    college = Profile(name="王芳", employers=("昌吉学院",))
    assert another_kind_alone(readings, college) is None
    assert classify_seal(readings, college)[:2] == ("seal", True)


def test_a_diplomas_college_seal_read_across_its_seam_is_not_masked(detector):
    from bench.accuracy import _box_of, coverage

    sp, regions = _proposed(detector, "synth2", 32, 1)
    boxes = [_box_of(r) for r in regions if r.accepted]
    college = [t for t in sp.truth if t.kind == "seal" and t.owner != "applicant"]
    assert college
    for truth in college:
        assert coverage(truth, boxes) < 0.3, [r for r in regions if "seal" in r.kind]
    name = next(t for t in sp.truth if t.kind == "name" and t.owner == "applicant")
    assert coverage(name, boxes) >= 0.9
