"""Two seals stamped touching (an appraisal form's employer and authority, one above the other:
synth2 seed 2, 027 and 035) are two seals. Their ring texts read as one band to the learned
ring-text detector, which fitted an oval round both; that oval replaced the two finds (035) or
joined them (027), and the authority's seal was masked with the employer's."""

from __future__ import annotations

from redaction.model.regions import iou
from redaction.pipeline.propose import find_page_seals
from testkit.imaging import seal_layer, stamp, text_page


def test_two_touching_seals_are_found_as_two_and_no_box_goes_round_both(detector):
    page = text_page(lines=30)
    upper = stamp(page, seal_layer(300, "新疆生产建设兵团人力资源和社会保障局", seed=1), 700, 1500)
    lower = stamp(page, seal_layer(300, "克孜勒苏柯尔克孜自治州人民医院", seed=2), 870, 1740)
    seals = find_page_seals(page, None, ring_reader=detector.ring_reader)
    assert len(seals) == 2, seals
    for truth in (upper, lower):
        assert max(iou(s.bbox, truth) for s in seals) > 0.6, (truth, seals)
    area = (upper[2] - upper[0]) * (upper[3] - upper[1])
    for s in seals:
        assert (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1]) < 2 * area, s
