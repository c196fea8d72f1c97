"""An unread seal over the applicant's photo is the issuer's (the university's, the authority's)
when the page's other seal reads as another organisation and none as the employer."""

import numpy as np

from redaction.model.regions import Region
from redaction.pipeline.propose import issuer_on_photo, over_seal_label

# the diploma of synth2 seed 0 page 17: eye band, the seal half over the photo, the university's
# seal over its printed name in the sign-off
EYES = Region("eyes", (283, 540, 410, 601), 0.9, None, True,
              extra={"eyes": [(318.0, 570.0), (374.0, 571.0)], "eye_distance": 56.0})
ON_PHOTO = (272, 563, 629, 942)
SIGNOFF = (1634, 1085, 2018, 1474)


def _seals(sign_text="新疆师范大学", sign_kind="other_seal"):
    photo = Region("seal", ON_PHOTO, 0.7, None, True, extra={"shape": "round"})
    lower_arc = Region("seal", (300, 760, 600, 940), 0.6, None, True, extra={"shape": "oval"})
    signoff = Region(sign_kind, SIGNOFF, 0.9, sign_text, sign_kind == "seal", extra={"shape": "round"})
    return photo, lower_arc, signoff


def test_unread_seal_on_the_photo_goes_with_the_issuers_reading():
    photo, lower_arc, signoff = _seals()
    issuer_on_photo([photo, lower_arc, signoff], [EYES])
    assert (photo.kind, photo.accepted) == ("other_seal", False)
    assert (lower_arc.kind, lower_arc.accepted) == ("other_seal", False)      # inside the same seal
    assert signoff.kind == "other_seal"


def test_employers_seal_read_on_the_page_leaves_the_photo_seal_the_applicants():
    photo, lower_arc, signoff = _seals("博尔塔拉蒙古自治州气象局", "seal")
    issuer_on_photo([photo, lower_arc, signoff], [EYES])
    assert (photo.kind, photo.accepted) == ("seal", True)


def test_no_other_reading_leaves_it():
    photo, lower_arc, signoff = _seals(None, "seal")
    issuer_on_photo([photo, lower_arc, signoff], [EYES])
    assert (photo.kind, photo.accepted) == ("seal", True)


def test_a_seal_away_from_the_photo_stays_the_applicants():
    away = Region("seal", (1200, 1500, 1550, 1850), 0.7, None, True, extra={"shape": "round"})
    _, _, signoff = _seals()
    issuer_on_photo([away, signoff], [EYES])
    assert (away.kind, away.accepted) == ("seal", True)



def test_an_issuer_printed_on_a_page_without_the_employer_takes_the_photos_seal():
    """synth2 s44 073: the university's embossed seal over the diploma's photo; its seal in the
    sign-off was not found, the print under it read (新)疆医科大学 at 0.80. The photo's seal is
    the issuer's; with the employer named on the page, or its name in the print, it stays."""
    from redaction.model.profile import Profile
    from redaction.pipeline.propose import issuer_in_print

    profile = Profile(name="巴特尔", employers=("博尔塔拉蒙古自治州气象局", "博州气象局"))
    lines = [_line("毕业证书", (874, 199, 1471, 333)), _line("疆医科大学", (1724, 1185, 2047, 1305)),
             _line("2011年6月27日", (1737, 1377, 2003, 1428))]
    lines[1] = type(lines[1])(lines[1].quad, lines[1].text, 0.803)
    issuer = issuer_in_print(lines, [], profile)
    assert issuer == "疆医科大学"
    photo, lower_arc, _ = _seals()
    issuer_on_photo([photo, lower_arc], [EYES], issuer)
    assert (photo.kind, photo.accepted) == ("other_seal", False)
    employer = Region("employer", (600, 450, 1000, 500), 0.99, "博尔塔拉蒙古自治州气象局", True)
    assert issuer_in_print(lines, [employer], profile) is None
    lines[1] = _line("博尔塔拉蒙古自治州气象局", (1724, 1185, 2047, 1305))
    assert issuer_in_print(lines, [], profile) is None
    photo, lower_arc, _ = _seals()
    issuer_on_photo([photo, lower_arc], [EYES], None)
    assert (photo.kind, photo.accepted) == ("seal", True)


# --- a seal taken for an emblem over a form's （单位盖章） label is a seal ------------------------

def _line(text, box):
    from redaction.ocr.base import TextLine

    x0, y0, x1, y1 = box
    return TextLine(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32), text, 0.95)


def test_seal_label_under_the_box_is_found_and_one_elsewhere_is_not():
    label = _line("（单位盖章）", (900, 1480, 1060, 1510))
    assert over_seal_label((859, 1373, 1094, 1616), [label])
    assert not over_seal_label((100, 100, 300, 300), [label])
    assert not over_seal_label((859, 1373, 1094, 1616), [_line("2020年3月5日", (900, 1480, 1060, 1510))])


def test_emblem_over_the_seal_label_is_proposed_as_the_applicants_seal():
    """End to end: synth2 seed 0 page 75, a phone photo of an appraisal form whose employer's
    faded seal, stamped over （单位盖章）, reads as nothing and was taken for an emblem."""
    from pathlib import Path

    from bench.accuracy import _spec_pages
    from redaction.files.document import Page
    from redaction.pipeline.propose import Detector
    from testkit.synth2 import make_page

    sp = _spec_pages([make_page(0, 75)])[0]
    truth = next(t for t in sp.truth if t.kind == "seal" and t.owner == "applicant")
    _, rotation, regions = Detector().propose_upright(Page(sp.pixels, Path("p.jpg"), 0, 1, sp.dpi), sp.profile)
    assert rotation == 0
    x0, y0, x1, y1 = truth.bbox
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    assert any(r.kind == "seal" and r.accepted and r.bbox[0] <= cx <= r.bbox[2] and r.bbox[1] <= cy <= r.bbox[3]
               for r in regions)
