"""A seal stamped across the applicant's photo (a diploma's, a title or training certificate's
issuer binds the photo to it) is the issuer's, not the employer's: unread, it is `other_seal`
(synth2's diplomas and title certificates: their red or steel seal over the photo's corner was
accepted as the applicant's). A seal away from the photo keeps the unread default."""

from redaction.model.regions import Region, intersection
from redaction.pipeline.propose import attribute_by_place, photo_box
from testkit.imaging import A4_200DPI, blank_page, draw_text, seal_layer, stamp
from tests.conftest import paste_face


def seal(box, shape="round"):
    return Region("seal", box, 0.8, None, True, extra={"shape": shape, "colour": "red"})


def diploma():
    page = blank_page(A4_200DPI)
    draw_text(page, "毕业证书", (600, 150), 110)
    draw_text(page, "学生 阿依古丽·买买提，性别女，于二〇一〇年九月至", (520, 420), 40)
    draw_text(page, "二〇一四年六月在本校环境工程专业学习，成绩合格，准予毕业。", (520, 480), 40)
    draw_text(page, "新疆大学", (1000, 1500), 46)
    draw_text(page, "二〇一四年六月二十五日", (960, 1580), 40)
    eyes = paste_face(page, 140, 380, 340)
    # the university's seal over the photo's lower right corner, worn so that its ring reads as nothing
    on_photo = stamp(page, seal_layer(300, "新疆大学", bottom="", wear=0.55, seed=3), 420, 700)
    return page, eyes, on_photo


def test_a_seal_across_the_applicants_photo_is_the_issuers(detector):
    page, (left, right), on_photo = diploma()
    faces = [r for r in detector.face_regions(page, try_rotations=False) if r.kind == "eyes"]
    assert len(faces) == 1
    photo = photo_box(faces[0])
    # the estimate holds the eyes and reaches the photo's lower part, where issuers stamp
    assert photo[0] < left[0] and photo[2] > right[0] and photo[1] < left[1] < photo[3]
    assert photo[3] > left[1] + 150
    s = seal(on_photo)
    attribute_by_place(s, [], [], [photo])
    assert (s.kind, s.accepted, s.extra["attributed_by"]) == ("other_seal", False, "over the photo")
    # a seal on the sign-off, away from the photo, keeps the unread default; and one over the
    # applicant's name stays hers even if it touches the photo
    signoff = seal((940, 1380, 1240, 1680))
    attribute_by_place(signoff, [], [], [photo])
    over_name = seal(on_photo)
    name_box = (on_photo[0] + 10, on_photo[1] + 10, on_photo[0] + 90, on_photo[1] + 40)
    attribute_by_place(over_name, [], [name_box], [photo])
    assert (signoff.kind, signoff.accepted) == (over_name.kind, over_name.accepted) == ("seal", True)


def test_the_whole_page_keeps_the_eyes_and_shows_the_issuers_seal(detector, profile):
    from pathlib import Path

    from redaction.files.document import Page

    page, _, on_photo = diploma()
    regions = detector.propose(Page(page, Path("diploma.jpg"), 0, 1, 200), profile)
    area = (on_photo[2] - on_photo[0]) * (on_photo[3] - on_photo[1])
    on_it = [r for r in regions if intersection(r.bbox, on_photo) >= 0.5 * area]
    assert on_it and not any(r.kind == "seal" or r.accepted for r in on_it)
    assert any(r.kind == "other_seal" and r.extra.get("attributed_by") == "over the photo" for r in on_it)
    assert any(r.kind == "eyes" and r.accepted for r in regions)
    assert any(r.kind == "name" and r.accepted for r in regions)
