"""Two issuers sign on one printed row, each seal over its own half (dev: a ROBOCON certificate,
共青团中央学校部全国学联秘书处 under the League's school department's seal and the students'
federation's, the employer's). The row holds the employer's name, which the other seal claims, so
it was left out whole and the unread League seal stayed the applicant's, masked with its sign-off.
What the row says beside the claimed name now names the unread seal."""

from __future__ import annotations

import numpy as np

from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.ocr.base import TextLine, proportional_char_boxes
from redaction.pipeline.propose import attribute_by_printed_name

PROFILE = Profile(name="冯鹏博", employers=("中华全国学生联合会秘书处", "全国学联秘书处"))
EMPLOYER = (538.0, 859.0, 704.0, 903.0)


def _line(box, text, score=0.99):
    x0, y0, x1, y1 = box
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextLine(quad, text, score, proportional_char_boxes(quad, text))


def _unread_seal():
    return Region("seal", (350.0, 766.0, 523.0, 941.0), 0.8, None, True, extra={"shape": "round"})


def test_the_rest_of_a_row_the_employer_shares_names_the_unread_seal():
    seal = _unread_seal()
    row = _line((344, 864, 702, 900), "共青团中央学校部全国学联秘书处")
    attribute_by_printed_name(seal, [row], [EMPLOYER], PROFILE, [EMPLOYER])
    assert (seal.kind, seal.accepted, seal.text) == ("other_seal", False, "共青团中央学校部")


def test_a_row_that_is_the_employers_name_alone_leaves_the_seal_the_applicants():
    seal = _unread_seal()
    row = _line((380, 864, 702, 900), "全国学联秘书处全国学联秘书处")
    attribute_by_printed_name(seal, [row], [EMPLOYER], PROFILE, [(380.0, 859.0, 704.0, 903.0)])
    assert (seal.kind, seal.accepted) == ("seal", True)
