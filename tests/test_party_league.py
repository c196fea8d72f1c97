"""The Party's and the League's bodies share most of their characters but are two organisations
(dev round 17: a provincial propaganda department's seal, 中国共产党山东省委员会宣传部, read
社中国共产党省委员会数, was taken for a misreading of the employer 中国共产主义青年团山东省委员会 and masked
with its own sign-off, another body's)."""

from __future__ import annotations

from redaction.detect.sealtext import classify_seal, other_parent_body, resembled_employer
from redaction.model.profile import Profile

LEAGUE = Profile(name="潘高", employers=("共青团山东省委", "中国共产主义青年团山东省委员会"))
PARTY = Profile(name="潘高", employers=("中共阿克苏地区委员会组织部",))


def test_a_party_reading_is_no_misreading_of_a_league_employer():
    readings = [("产党场省委员验数", 0.64), ("产党场省委员验数", 0.65), ("社中国共产党省委员会数", 0.83)]
    assert resembled_employer("社中国共产党省委员会数", LEAGUE) == (None, False)
    kind, accepted, text, _ = classify_seal(readings, LEAGUE)
    assert (kind, accepted) == ("other_seal", False) and "共产党" in (text or "")


def test_the_leagues_own_seal_and_a_misread_one_stay_the_employers():
    assert classify_seal([("中国共产主义青年团", 0.92)], LEAGUE)[:2] == ("seal", True)
    assert classify_seal([("中国共产主义青年团山东省委员会", 0.95)], LEAGUE)[:3] == (
        "seal", True, "中国共产主义青年团山东省委员会")
    assert resembled_employer("中国共产主义青团山东省委员", LEAGUE) == ("中国共产主义青年团山东省委员会", True)


def test_both_ways_and_a_party_employers_own_ring():
    assert other_parent_body("共青团阿克苏地区委员会", "中共阿克苏地区委员会组织部")
    assert other_parent_body("中国共产党山东省委员会", "中国共产主义青年团山东省委员会")
    assert not other_parent_body("中国共产党阿克苏地区委员会组织部", "中共阿克苏地区委员会组织部")
    assert not other_parent_body("山东省委员会", "中国共产主义青年团山东省委员会")
    assert classify_seal([("中国共产党阿克苏地区委员会组织部", 0.95)], PARTY)[:2] == ("seal", True)
