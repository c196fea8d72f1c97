import numpy as np

from redaction.model.regions import Region
from redaction.pipeline.verify import is_masked, uniform_fraction


def test_eyes_count_as_masked_only_under_a_solid_fill():
    rng = np.random.default_rng(0)
    img = rng.integers(60, 200, (100, 200, 3), dtype=np.uint8)   # textured like a photo
    eyes = Region("eyes", (40, 30, 160, 60), extra={"eyes": [(70.0, 45.0), (130.0, 45.0)], "eye_distance": 60.0})
    assert not is_masked(img, eyes)
    img[15:75, 20:180] = 0            # burned band over both eyes (2.2 × 1.0 eye distances)
    assert is_masked(img, eyes)
    img[15:75, 100:180] = rng.integers(60, 200, (60, 80, 3), dtype=np.uint8)   # one eye uncovered
    assert not is_masked(img, eyes)


def test_text_and_seals_found_again_are_visible_even_on_blank_paper():
    paper = np.full((100, 100, 3), 255, np.uint8)
    assert uniform_fraction(paper, (0, 0, 100, 100)) == 1.0
    assert not is_masked(paper, Region("seal", (0, 0, 100, 100)))
    assert not is_masked(paper, Region("name", (0, 0, 50, 20)))


def test_a_masked_seals_remnant_read_twice_alike_and_not_the_employer_is_anothers():
    from redaction.model.profile import Profile
    from redaction.pipeline.verify import remnants_agree_on_other

    prof = Profile(name="张晓燕", employers=("新疆生产建设兵团第一师阿拉尔市农业农村局",))
    # An authority's 人力资源和社会保障厅 beside the applicant's burned photo, as verify read it.
    seen = [("S4", 0.08), ("系认力资源和社会保疗", 0.66), ("系认力资源和会保近", 0.63)]
    assert remnants_agree_on_other(seen, prof)
    # Read once only, or twice but differently, it says nothing.
    assert not remnants_agree_on_other(seen[:2], prof)
    assert not remnants_agree_on_other([("系认力资源和社会保疗", 0.66), ("新疆票行", 0.63)], prof)
    # The employer's own words in the remnant, even read alike twice: still a finding.
    own = [("阿拉尔市农业农村局", 0.66), ("阿拉尔市农业农村", 0.63)]
    assert not remnants_agree_on_other(own, prof)
    mixed = [("系认力资源和社会保疗", 0.66), ("系认力资源和会保近", 0.63), ("农业农", 0.4)]
    assert not remnants_agree_on_other(mixed, prof)
