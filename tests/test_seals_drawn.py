"""Two grey seals stamped touching on a form (synth2 s35 011: the employer's faded seal over （单位盖章）,
another body's long-ring seal just below it): the learned detector, looking round the faded seal's
Hough circle, sees both ring texts as one band, and the ring fitted on it was an oval 2.5 times the
employer's seal, half over the other seal and the other body's printed name. The circle's own ring
is taken instead."""

from __future__ import annotations


def test_a_ring_much_larger_than_its_circle_reaching_into_another_seal_is_drawn_out():
    from redaction.detect.seals import Seal, _drawn_to_another

    circle = (920.0, 1665.0, 1251.0, 1995.0)
    other = Seal((1086, 1950, 1497, 2339), "round", 0.3, (1291.5, 2155.5), (176.0, 176.0), 0.0, "gray")
    drawn = Seal((877, 1609, 1375, 2234), "oval", 0.3, (1126.0, 1921.0), (197.0, 281.0), 155.0, "gray")
    assert _drawn_to_another(drawn, circle, [other])
    assert not _drawn_to_another(drawn, circle, [])          # nothing it is drawn toward: a larger seal
    snug = Seal((880, 1625, 1290, 2035), "round", 0.3, (1085.0, 1830.0), (190.0, 190.0), 0.0, "gray")
    assert not _drawn_to_another(snug, circle, [other])      # the circle's size, touching the other


def test_touching_grey_seals_each_get_their_own_box(detector):
    from pathlib import Path

    from bench.accuracy import _box_of, _spec_pages, coverage
    from redaction.files.document import Page
    from testkit.synth2 import make_page

    sp = _spec_pages([make_page(35, 11)])[0]
    _, rotation, regions = detector.propose_upright(Page(sp.pixels, Path("page.jpg"), 0, 1, sp.dpi), sp.profile)
    assert rotation == 0
    accepted = [r for r in regions if r.accepted]
    boxes = [_box_of(r) for r in accepted]
    own = next(t for t in sp.truth if t.kind == "seal" and t.owner == "applicant")
    other = next(t for t in sp.truth if t.kind == "seal" and t.owner != "applicant")
    assert coverage(own, boxes) >= 0.9
    assert coverage(other, boxes) < 0.3, [r for r in regions if "seal" in r.kind]
    x0, y0, x1, y1 = own.bbox
    for r in accepted:
        if r.kind == "seal":
            bx0, by0, bx1, by1 = _box_of(r)
            assert (bx1 - bx0) * (by1 - by0) <= 2 * (x1 - x0) * (y1 - y0), r
