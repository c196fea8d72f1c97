import pytest

from redaction.propose import find_page_seals
from redaction.profile import Profile
from redaction.sealtext import classify_seal, read_ring
from redaction.seals import unwarp_ring
from tests.conftest import draw_seal, render_page

PROFILE = Profile(name="阿依古丽·买买提", employers=("阿克苏地区生态环境局", "阿克苏地区环境监测站"))


@pytest.mark.parametrize("ring, kind", [("阿克苏地区生态环境局", "seal"), ("新疆大学", "other_seal"),
                                        ("新疆维吾尔自治区人力资源和社会保障厅", "other_seal"),
                                        ("阿克苏地区环境监测站", "seal")])
def test_the_ring_text_tells_whose_seal_it_is(detector, ring, kind):
    page = render_page([(100, 100, "证明")], size=(1000, 800))
    draw_seal(page, (500, 420), 170, ring)
    seals = find_page_seals(page, 200)
    assert len(seals) == 1
    got, accepted, text, _ = classify_seal(read_ring(detector.ocr, unwarp_ring(page, seals[0])), PROFILE)
    assert (got, accepted) == (kind, kind == "seal")


def test_unreadable_rings_stay_accepted_seals():
    assert classify_seal([("", 0.0), ("@#", 0.2)], PROFILE) == ("seal", True, None, 0.0)
    assert classify_seal([("新疆大学", 0.5)], PROFILE)[:2] == ("seal", True)      # not confident enough
    assert classify_seal([("阿克苏地区生态坏境", 0.6)], PROFILE)[:3] == ("seal", True, "阿克苏地区生态环境局")
