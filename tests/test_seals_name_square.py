"""Another person's square name seal (韩立新印: 韩立 down the right column, 新印 down the left) is
read in a name seal's order and left unmasked; the applicant's own is masked (stop 30: synth2
seeds 4-8 masked such seals of a supervisor or a unit's head on 9 pages)."""

from __future__ import annotations

import pytest

from redaction.detect.sealtext import name_seal_owner
from redaction.model.profile import Profile

PROFILE = Profile(name="阿依古丽·买买提", employers=("阿克苏地区生态环境局",))


@pytest.mark.parametrize("reading, kind", [
    (("韩立新印", 0.99), "other_seal"),
    (("郑雪梅之印", 0.97), "other_seal"),
    (("阿依古印", 0.95), "seal"),            # the applicant's own (a name cut to fit)
    (("买买提印", 0.93), "seal"),
    (("阿克苏印", 0.93), "seal"),            # the employer's words: masked
])
def test_whose_name_seal(reading, kind):
    owner = name_seal_owner(reading, PROFILE)
    assert owner is not None and owner[0] == kind and owner[1] == (kind == "seal")


@pytest.mark.parametrize("reading", [
    ("韩立新印", 0.6),                 # not read confidently
    ("财务专用章", 0.99),               # what a seal is for, not a name
    ("阿克苏地区生态环境局", 0.99),
    ("印", 0.99),
    ("努尔古丽印", 0.99),              # a 2 × 2 seal holds no four-character name and 印
])
def test_no_name_seal(reading):
    assert name_seal_owner(reading, PROFILE) is None


@pytest.mark.parametrize("seed, index, text", [(7, 15, "韩立新印"), (8, 63, "谢宏伟印")])
def test_a_supervisors_square_name_seal_on_a_letter_is_read_and_not_masked(detector, seed, index, text):
    from bench.accuracy import _spec_pages
    from redaction.pipeline.propose import find_page_seals
    from testkit.synth2 import make_page

    sp = _spec_pages([make_page(seed, index)])[0]
    seals = find_page_seals(sp.pixels, sp.dpi, ring_reader=detector.ring_reader)
    regions = detector.seal_regions(sp.pixels, [s for s in seals if s.shape == "square"], sp.profile)
    assert [(r.kind, r.accepted, r.text) for r in regions] == [("other_seal", False, text)]
