"""Run every detector on a page and turn what they find into proposals (Regions)."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

import cv2
import numpy as np

from redaction.detect.addressee import field_regions
from redaction.detect.ink import red_channel_view, red_ink_mask
from redaction.detect.letterhead import english_under
from redaction.detect.match import match_lines, same_row
from redaction.detect.orient import (
    rotate_image,
    rotate_quads,
    rotation_from_lines,
    sideways_rotation,
)
from redaction.detect.page_text import drop_inkless_chars, read_page_text
from redaction.detect.second_look import second_look
from redaction.detect.signatures import find_signatures
from redaction.files.document import Page
from redaction.model.profile import Profile
from redaction.model.regions import Region, clip_box, intersection, merge_overlapping
from redaction.model.types import Box, BoxF
from redaction.ocr.base import OcrEngine, TextLine
from redaction.ocr.registry import get_engine
from redaction.text.normalize import normalize

if TYPE_CHECKING:  # loaded on first use (ONNX models)
    from redaction.detect.faces import FaceDetector
    from redaction.detect.sealdet import SealTextDetector
    from redaction.detect.seals import Seal

#: A face at least this fraction of the largest face's height is treated as the applicant's own
#: photo too (ID pages can carry two copies); smaller ones are other people (`face`, not accepted).
OWN_FACE_RATIO = 0.8


class Detector:
    """Holds the models (loaded once, lazily) and proposes regions for pages. Thread-safe."""

    def __init__(self, ocr: str | OcrEngine = "rapid", faces: FaceDetector | None = None,
                 face_threshold: float = 0.5, ring_reader: SealTextDetector | None = None):
        self._ocr_spec = ocr
        self._ocr: OcrEngine | None = None if isinstance(ocr, str) else ocr
        self._faces = faces
        self._ring_reader = ring_reader
        self._face_threshold = face_threshold
        self._lock = threading.Lock()

    @property
    def ocr(self) -> OcrEngine:
        """The OCR engine, loaded on first use."""
        if self._ocr is None:
            with self._lock:
                if self._ocr is None:
                    # an engine given as an object is in `_ocr` from the start: here it is a name
                    self._ocr = get_engine(cast(str, self._ocr_spec))
        return self._ocr

    @property
    def faces(self) -> FaceDetector:
        """The face detector (CenterFace), loaded on first use."""
        if self._faces is None:
            with self._lock:
                if self._faces is None:
                    from redaction.detect.faces import FaceDetector
                    self._faces = FaceDetector(threshold=self._face_threshold)
        return self._faces

    @property
    def ring_reader(self) -> SealTextDetector:
        """The learned seal ring-text detector (sealdet), loaded on first use."""
        if self._ring_reader is None:
            with self._lock:
                if self._ring_reader is None:
                    from redaction.detect.sealdet import SealTextDetector
                    self._ring_reader = SealTextDetector()
        return self._ring_reader

    def propose_upright(self, page: Page, profile: Profile, rotation: int | None = None,
                        others: Profile | None = None) -> tuple[Page, int, list[Region]]:
        """Make the page upright (detecting how, unless `rotation` is given), then propose.

        Returns the upright page, the clockwise rotation applied, and regions on the upright page.
        Orientation needs only the page's line boxes (one detection pass) and a direction-classifier
        call on the longest lines, so an upright page is detected once. A turned page is detected
        again once upright: the detector finds lines at any of the four orientations, but loses
        pieces of them on a turned page (`with_unseen`).

        A small image (long side under `SMALL_PAGE` px: a page shrunk for the web, a phone's
        thumbnail) is read enlarged, so that its 8-px text reaches the size OCR reads; the
        regions are mapped back to the image's own pixels.
        """
        f = enlargement(page)
        if f > 1.0:
            enlarged: np.ndarray = cv2.resize(page.pixels, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
            big = replace(page, pixels=enlarged, dpi=int(round(page.dpi * f)) if page.dpi else None)
            upright_big, rotation, regions = self._propose_upright(big, profile, rotation, others)
            upright = replace(page, pixels=rotate_image(page.pixels, rotation)) if rotation else page
            return upright, rotation, [_scaled(r, 1.0 / f, upright.width, upright.height) for r in regions]
        return self._propose_upright(page, profile, rotation, others)

    def _propose_upright(self, page: Page, profile: Profile, rotation: int | None,
                         others: Profile | None) -> tuple[Page, int, list[Region]]:
        quads = None
        view = None if rotation else red_channel_view(page.pixels)   # reused unless the page turns
        if rotation is None:
            rotation, quads = self.orientation(page.pixels, view)
        if rotation:
            turned = rotate_quads(quads, rotation, page.width, page.height) if quads is not None else None
            page = replace(page, pixels=rotate_image(page.pixels, rotation))
            view = red_channel_view(page.pixels)
            if turned is not None:
                # Detected again upright: the detector's lines on the page as it came (sideways or
                # upside down) lose pieces the upright page's keep — in 12 of 21 turned pages of
                # five fresh draws, the ·艾 that ends a wrapped name in a form cell (synth4 s6 030)
                # and a whole sign-off under a grey seal among them. Lines only the turned pass
                # found (a vertical column is a horizontal line there) are kept too, and its
                # longer or thicker boxes of the same lines stretch the upright ones.
                quads = with_unseen(self.ocr.detect_boxes(view), turned, view.shape[:2])
        return page, rotation, self.propose(page, profile, quads=quads, oriented=True, view=view, others=others)

    def orientation(self, image: np.ndarray, view: np.ndarray | None = None) -> tuple[int, list[np.ndarray] | None]:
        """Clockwise rotation that makes the page upright, and the page's line boxes (detected on
        `red_channel_view`, as reading wants them; `view`: that view if the caller has it)."""
        quads = self.ocr.detect_boxes(red_channel_view(image) if view is None else view)
        rotation = sideways_rotation(self.ocr, image, quads)
        if rotation is None:
            # Every detected line votes, not only those that read: an upside-down grey copy's
            # lines mostly read as garbage below the score threshold.
            rotation = rotation_from_lines(self.ocr, image, quads)
        return rotation, quads

    def propose(self, page: Page, profile: Profile, quads: list[np.ndarray] | None = None,
                oriented: bool = False, view: np.ndarray | None = None,
                others: Profile | None = None) -> list[Region]:
        """Regions on `page` as it is (no orientation change). `quads`: its line boxes, already
        detected on `red_channel_view(page.pixels)` (`view`, if the caller has it). `oriented`:
        the page has been made upright from its text, so photos on it are upright too (when it
        has text to go by). `others`: other people's names and employers to look for in the same
        reading (the roster audit: another applicant's materials), proposed as `other_name` /
        `other_employer`, not accepted, `extra["term"]` the roster's form."""
        image = page.pixels
        h, w = image.shape[:2]
        red = red_ink_mask(image)
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        seals = find_page_seals(image, page.dpi, red, self.ring_reader)
        skip = [s.bbox for s in seals]
        view = red_channel_view(image) if view is None else view
        lines = read_page_text(self.ocr, image, red, skip_boxes=skip, page_quads=quads, view=view)
        if quads is None:
            quads = [ln.quad for ln in lines if ln.source == "page"]
        faces = self.face_regions(image, try_rotations=not (oriented and _has_running_text(quads)))
        drop_inkless_chars(lines, gray)
        readable = self.ocr.characters()
        regions = match_lines(lines, profile, readable, page_width=w, seal_boxes=skip)
        regions += second_look(self.ocr, view, lines, profile, readable)
        regions += field_regions(lines, view, profile)
        regions += english_under([r for r in regions if r.kind == "employer" and r.accepted], lines, view[:, :, 0])
        if others is not None:
            for r in match_lines(lines, others, readable):
                r.kind, r.accepted = f"other_{r.kind}", False
                regions.append(r)
        # A signature is the applicant's own only on a page that names them or their employer.
        carries_identity = any(r.kind in ("name", "employer") for r in regions)
        names = [t.key for t in profile.terms() if t.kind == "name"]
        for sig in find_signatures(image, lines, red, gray, names):
            sig.accepted = carries_identity
            regions.append(sig)
        regions += faces
        ring_readings: dict[int, list[tuple[str, float]]] = {}
        seal_regions = self.seal_regions(image, seals, profile, ring_readings)
        seal_of = {id(r): s for r, s in zip(seal_regions, seals, strict=True)}
        employer_boxes = [r.bbox for r in regions if r.kind == "employer"]
        claimed = claimed_employers(seal_regions, employer_boxes)
        for seal in seal_regions:
            if seal.extra.get("picture") and over_signoff(image, seal.bbox, lines):
                # A device in a seal's middle (a party committee's hammer and sickle) inks it like
                # an emblem's picture, but a seal is stamped over the sign-off (whose, the printed
                # name under it may still say); an emblem is printed apart from the text.
                _seal_not_emblem(seal)
            elif seal.extra.get("emblem") and any(_printed_under(b, seal.bbox) for b in employer_boxes):
                # An office's seal has a star in its middle: worn until its ring text reads as
                # nothing, it passes for a printed emblem. An emblem is not printed over the
                # applicant's employer's name; the employer's seal is stamped there.
                _seal_not_emblem(seal)
                seal.extra["attributed_by"] = "printed employer"
            elif seal.extra.get("emblem") and over_seal_label(seal.bbox, lines):
                # An emblem is printed, never over a form's （单位盖章） label: a worn or faded seal
                # stamped where the form asks for it whose ring reads as nothing.
                _seal_not_emblem(seal)
            if seal.kind == "seal" and seal.text is None:
                attribute_by_printed_name(seal, lines, employer_boxes, profile, claimed,
                                          ring_readings.get(id(seal), []))
            elif seal.kind == "other_seal" and seal.text is not None:
                own_by_printed_employer(seal, employer_boxes, profile, ring_readings.get(id(seal), []))
        identity_boxes = [r.bbox for r in regions if r.kind in ("name", "employer") and r.accepted]
        seal_regions = [s for s in seal_regions if not _in_title_line(s, lines)]
        for seal in seal_regions:
            if seal.kind == "seal" and seal.text is None:
                attribute_by_place(seal, lines, identity_boxes)
            if seal.kind == "seal" and seal.text is None and seal.extra.get("shape") in ("square", "round"):
                # Round too: a square name seal stamped touching a signature is found as the
                # circle round it (synth3 s11 047, 何振华印).
                self.other_persons_name_seal(image, seal, seal_of[id(seal)], lines, profile)
        eyes = [r for r in faces if r.kind == "eyes" and r.accepted]
        issuer_on_photo(seal_regions, eyes, issuer_in_print(lines, regions, profile) if eyes else None)
        from redaction.detect.sealtext import signoff_under_own_seal

        regions += signoff_under_own_seal(seal_regions, lines, [r for r in regions if r.kind == "employer"], profile)
        regions += seal_regions
        clipped = []
        for r in regions:
            box = clip_box(r.bbox, w, h)
            if box[2] > box[0] and box[3] > box[1]:
                clipped.append(r.with_bbox(box))
        return sorted(merge_overlapping(clipped), key=lambda r: (r.bbox[1], r.bbox[0]))

    def other_persons_name_seal(self, image: np.ndarray, region: Region, seal: Seal, lines: Sequence[TextLine],
                                profile: Profile) -> None:
        """An unread square seal that reads as another person's name seal (韩立新印: down its right
        column, then its left) is theirs (`other_seal`) when the page says so too: the name written
        on it outside the seal (单位负责人：韩立新, 校长：郑雪梅), or — read confidently — the seal
        stamped just after another person's signing label (单位负责人签名：, the name signed under
        the seal itself unreadable). A seal alone in a close-up stays as it is (masked)."""
        from redaction.detect.sealtext import (
            SQUARE_SEAL_CHARS,
            cjk_count,
            name_seal_in_any_order,
            name_seal_written_loosely,
            other_persons_name_seal,
            read_square_seal,
        )
        from redaction.detect.signatures import other_persons_labels

        # Not a line of the seal's own characters read on the page (inside its box): the name
        # written beside it, or signed under it and reaching out of it (synth3 seed 3: 何振华印 over
        # 何振华 signed, 0.56 of the signature under the seal's box), or a line longer than a 2 × 2
        # seal holds, signed across it (synth3 s50 028: 那仁格日勒 over 那仁格日, the seal's red
        # strokes most of the ink in the line's box).
        own = [ln for ln in lines if intersection(ln.bbox, region.bbox) >= NAME_SEAL_OWN_LINE * _box_area(ln.bbox)
               and cjk_count(ln.text) <= SQUARE_SEAL_CHARS and not _not_seal_ink(image, ln.bbox)]
        read = [ln.text for ln in lines if all(ln is not o for o in own)]
        written = [normalize(text) for text in read]
        # The seal's own read, and its two rows as the page's text reading read them (synth2 s45
        # 047: 红杨 | 印永, 0.99, a name seal stamped touching the round seal, whose ink pulls the
        # square's fit off: read 深隐發 on its own).
        readings = [r for r in (read_square_seal(self.ocr, image, seal), _square_seal_from_rows(own)) if r]
        signer_labels = other_persons_labels(lines)
        signing_lines = other_persons_labels(lines, True)
        for reading in readings:
            name = other_persons_name_seal(reading, profile)
            if name is not None and any(name in text for text in written):
                why = "name seal, the name on the page"
            elif name is not None and (_beside_other_signer(region.bbox, signer_labels)
                                       or _over_other_signing(region.bbox, signing_lines, lines)):
                why = "name seal, another signer's label"
            elif (name_seal_written_loosely(reading, profile, read) is not None
                  or name_seal_in_any_order(reading, profile, read) is not None):
                why = "name seal, the name on the page"
            else:
                continue
            _other(region, reading[0], why)
            return

    def text_regions(self, image: np.ndarray, profile: Profile, red: np.ndarray | None = None) -> list[Region]:
        """Name and employer regions only (OCR + matching)."""
        view = red_channel_view(image)
        lines = read_page_text(self.ocr, image, red, view=view)
        drop_inkless_chars(lines, cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
        readable = self.ocr.characters()
        return (match_lines(lines, profile, readable) + second_look(self.ocr, view, lines, profile, readable)
                + field_regions(lines, view, profile))

    def face_regions(self, image: np.ndarray, try_rotations: bool = True) -> list[Region]:
        """`eyes` for the applicant's photos, `face` for smaller ones. `try_rotations`: also look
        for sideways and upside-down faces (needless on a page made upright by its text: 60 % of
        the face detector's passes)."""
        from redaction.detect.faces import eye_band_box

        h, w = image.shape[:2]
        faces = self.faces.detect(image, try_rotations=try_rotations)
        if not faces:
            return []
        heights = [f.box[3] - f.box[1] for f in faces]
        largest = max(heights)
        out = []
        for face, fh in zip(faces, heights, strict=True):
            own = fh >= OWN_FACE_RATIO * largest
            if own:
                eyes = [tuple(float(v) for v in face.landmarks[i]) for i in (0, 1)]
                distance = float(np.hypot(eyes[0][0] - eyes[1][0], eyes[0][1] - eyes[1][1]))
                out.append(Region("eyes", eye_band_box(face, w, h), round(float(face.score), 4), None, True,
                                  extra={"eyes": eyes, "eye_distance": distance}))
            else:
                x0, y0, x1, y1 = (int(round(v)) for v in face.box)
                out.append(Region("face", (x0, y0, x1, y1), round(float(face.score), 4), None, False))
        return out

    def seal_regions(self, image: np.ndarray, seals: Sequence[Seal], profile: Profile | None = None,
                     readings: dict[int, list[tuple[str, float]]] | None = None) -> list[Region]:
        """`seal` for the employer's seals and unreadable ones, `other_seal` for seals whose ring
        reads as another organisation (needs the profile; without it every seal is `seal`).
        `readings`: gets each region's ring readings, by the region's id."""
        from redaction.detect.sealtext import attribute_seal, is_emblem

        found = []
        for seal in seals:
            extra: dict[str, Any] = {"shape": seal.shape, "colour": seal.colour}
            if profile is None:
                found.append(Region("seal", seal.bbox, round(float(seal.score), 4), None, True, extra=extra))
                continue
            read: list[tuple[str, float]] = []
            kind, accepted, text, confidence = attribute_seal(self.ocr, image, seal, profile, read)
            if kind == "other_seal" and text is None:
                extra["emblem"] = True          # a ring round a star, nothing written: no one's seal
                if not is_emblem(image, seal):
                    extra["picture"] = True     # told by the picture in it alone (`is_pictorial_emblem`)
            # An unreadable seal keeps the shape detector's score (low for grey photocopies).
            score = seal.score if text is None else max(seal.score, confidence)
            found.append(Region(kind, seal.bbox, round(float(score), 4), text, accepted, extra=extra))
            if readings is not None:
                readings[id(found[-1])] = read
        return found


#: Pages whose long side is below this (px) are read enlarged to `SMALL_PAGE_TARGET`, at most 3×.
SMALL_PAGE = 1000
SMALL_PAGE_TARGET = 1600


#: A line found on the turned page is kept beside the upright page's lines when less than this
#: share of it lies in them.
UNSEEN_SHARE = 0.5
#: ... and a line lying along one of theirs and holding it whole takes its place when it is thicker
#: by at least this share of that line's height, and at most `THICKER_AT_MOST` times as thick.
THICKER_BY = 0.1
THICKER_AT_MOST = 1.6


def with_unseen(quads: list[np.ndarray], extra: Sequence[np.ndarray], shape: tuple[int, int]) -> list[np.ndarray]:
    """The upright pass's lines (`quads`) with what only the turned pass's (`extra`) show: a line
    of `extra` that mostly lies outside them is added, and one lying along a line of theirs takes
    its place when it holds it whole and is thicker, or lengthens it when it is longer
    (`_stretched_by`: the upright pass cut the last character of a small name the turned pass kept
    whole — dev, the Tencent letter's 王昊). Areas are compared on a quarter-size raster, each line
    in its own bounding window."""
    h, w = shape
    seen = np.zeros(((h + 3) // 4, (w + 3) // 4), np.uint8)
    for q in quads:
        cv2.fillPoly(seen, [np.round(np.asarray(q, np.float32).reshape(-1, 2) / 4).astype(np.int32)], 1)
    lines = _Lines([np.asarray(q, np.float32).reshape(4, 2) for q in quads])
    added = []
    for q in extra:
        corners = np.round(np.asarray(q, np.float32).reshape(-1, 2) / 4).astype(np.int32)
        x0, y0 = np.maximum(corners.min(axis=0), 0)
        x1, y1 = np.minimum(corners.max(axis=0) + 1, (seen.shape[1], seen.shape[0]))
        if x1 <= x0 or y1 <= y0:
            continue
        one = np.zeros((y1 - y0, x1 - x0), np.uint8)
        cv2.fillPoly(one, [corners - (x0, y0)], 1)
        area = int(one.sum())
        if not area:
            continue
        if int((one & seen[y0:y1, x0:x1]).sum()) < UNSEEN_SHARE * area:
            added.append(q)
        else:
            _stretched_by(lines, np.asarray(q, np.float32).reshape(4, 2))
    return lines.quads + added


class _Lines:
    """Line quads (corners clockwise from the top-left) and each one's frame: its top-left corner,
    the unit vectors along and across it, its length and its height."""

    def __init__(self, quads: list[np.ndarray]):
        self.quads = quads
        q = np.asarray(quads, np.float32).reshape(-1, 4, 2)
        self.corners = q.copy()
        along = q[:, 1] - q[:, 0]
        self.length = np.hypot(along[:, 0], along[:, 1])
        self.axis = along / np.maximum(self.length, 1e-6)[:, None]
        self.normal = np.stack([-self.axis[:, 1], self.axis[:, 0]], axis=1)
        self.height = np.einsum("nc,nc->n", q[:, 3] - q[:, 0], self.normal)

    def replace(self, i: int, quad: np.ndarray) -> None:
        one = _Lines([quad])
        self.quads[i] = quad
        for name in ("corners", "length", "axis", "normal", "height"):
            getattr(self, name)[i] = getattr(one, name)[0]


def _stretched_by(lines: _Lines, other: np.ndarray) -> None:
    """The first line `other` lies along (its middle inside that line's band, running the same
    way, the line not vertical) replaced by `other` where `other` holds it whole — as long at both
    ends, within a fifth of its height — and is thicker (`THICKER_BY`, up to `THICKER_AT_MOST`: two
    lines taken as one are not one line's height), or else lengthened along its own line to
    `other`'s ends; never past another line of its band (dev, the Tencent letter: the upright
    pass's box of the sentence holding the name, 22 px, cut its characters the turned pass's 32 px
    held; its box of 王昊 alone ended inside 昊). A thicker box is taken whole, not merged: a union
    of two boxes at slightly different angles is thicker than either and reads another way (dev,
    an award's list of names and employers: a name dropped from its row's reading, the row's
    employer box then over it)."""
    if not lines.quads:
        return
    origin = lines.corners[:, 0]
    rel = other[None] - origin[:, None]                                  # other in each line's frame
    along = np.einsum("nkc,nc->nk", rel, lines.axis)
    s0s, s1s = along.min(axis=1), along.max(axis=1)
    middles = np.einsum("nc,nc->n", rel.mean(axis=1), lines.normal)
    direction = other[1] - other[0]
    direction = direction / max(float(np.hypot(*direction)), 1e-6)
    height, length = lines.height, lines.length
    fits = ((length >= height) & (height > 0) & (0.2 * height <= middles) & (middles <= 0.8 * height)
            & (s0s < length) & (s1s > 0) & (np.abs(lines.axis @ direction) >= 0.95))
    if not fits.any():
        return
    i = int(np.argmax(fits))
    s0, s1, h, n = float(s0s[i]), float(s1s[i]), float(height[i]), float(length[i])
    thickness = float(np.ptp((other - origin[i]) @ lines.normal[i]))
    # The line's neighbours in its band, each as its extent along the line.
    rel = lines.corners - origin[i]
    a, b = (rel @ lines.axis[i]).min(axis=1), (rel @ lines.axis[i]).max(axis=1)
    m = rel.mean(axis=1) @ lines.normal[i]
    band = (0 <= m) & (m <= h) & (np.arange(len(m)) != i)
    lo = max([min(0.0, s0)] + [float(v) for v in b[band & (b <= 0)]])
    hi = min([max(n, s1)] + [float(v) for v in a[band & (b > 0) & (a >= n)]])
    slack = 0.2 * h
    if (s0 <= slack and s1 >= n - slack and lo <= s0 + 1 and hi >= s1 - 1
            and (1 + THICKER_BY) * h <= thickness <= THICKER_AT_MOST * h):
        lines.replace(i, other)
    elif lo < 0 or hi > n:
        q, axis = lines.quads[i], lines.axis[i]
        lines.replace(i, np.array([q[0] + axis * lo, q[0] + axis * hi, q[3] + axis * hi, q[3] + axis * lo], np.float32))


def enlargement(page: Page) -> float:
    """How much a page is enlarged for reading (1.0: not at all)."""
    long_side = max(page.width, page.height)
    if long_side >= SMALL_PAGE or long_side < 16:
        return 1.0
    return min(3.0, SMALL_PAGE_TARGET / long_side)


def _scaled(region: Region, k: float, width: int, height: int) -> Region:
    """A region found on the enlarged page, in the page's own pixels (rounded outwards)."""
    x0, y0, x1, y1 = region.bbox
    out = region.with_bbox(clip_box((x0 * k, y0 * k, x1 * k, y1 * k), width, height))
    if "eyes" in out.extra:
        out.extra = dict(out.extra, eyes=[(x * k, y * k) for x, y in out.extra["eyes"]],
                         eye_distance=float(out.extra.get("eye_distance", 20.0)) * k)
    return out


def _has_running_text(quads: Sequence[np.ndarray], min_lines: int = 3) -> bool:
    """Several lines of several characters running horizontally (detected boxes, padded by the
    detector, over twice as wide as tall): the page's orientation rests on text."""
    if len(quads) < min_lines:
        return False
    q = np.asarray(quads, np.float32).reshape(-1, 4, 2)
    widths = np.linalg.norm(q[:, 1] - q[:, 0], axis=1)
    heights = np.linalg.norm(q[:, 3] - q[:, 0], axis=1)
    return int((widths > 2 * heights).sum()) >= min_lines


#: A printed line under a seal read this confidently names its organisation; down to the fair
#: score, when it shares nothing of any employer's own words (red ink over black print costs the
#: reading a few points: 全国木学生机器人大塞组委 0.898).
PRINTED_SCORE = 0.9
PRINTED_FAIR_SCORE = 0.8


def claimed_employers(seals: Sequence[Region], employer_boxes: Sequence[Box | BoxF]) -> list[Box | BoxF]:
    """The employer's printed names that a seal whose ring reads as the employer is stamped over:
    that seal is the one stamped there for the employer."""
    return [b for b in employer_boxes
            if any(s.kind == "seal" and s.accepted and s.text is not None and _printed_under(b, s.bbox)
                   for s in seals)]


def attribute_by_printed_name(seal: Region, lines: Sequence[TextLine], employer_boxes: Sequence[Box | BoxF],
                              profile: Profile | None = None, claimed: Sequence[Box | BoxF] = (),
                              ring: Sequence[tuple[str, float]] = ()) -> None:
    """An unreadable seal stamped over a confidently printed organisation name that is not an
    employer (the 落款 of a diploma or certificate) is that organisation's seal: `other_seal`.
    The name may run past the seal (a long name, the seal stamped on its end) or be wrapped over
    two lines under it (新疆维吾尔自治区专业 / 技术人员继续教育基地). Any employer match under the
    seal keeps it the applicant's; a fairly read name (`PRINTED_FAIR_SCORE`) counts only when it
    holds no two characters in a row of the `profile`'s employers' own words (`prints_own_words`),
    and the pieces of a row the seal's ink splits, joined, from `PRINTED_PIECES_SCORE` when they
    make a long name sharing nothing of them (`_pieces_under`).

    `ring`: the seal's ring readings. A printed line under it that a ring reading agrees with
    (`ring_matches_print`) names the seal's organisation, though neither ends in an organisation
    word as read.

    `claimed`: employer names another seal, read as the employer's, is stamped over
    (`claimed_employers`). Two issuers sign side by side (共青团…委员会 and its 青年志愿者协会, one
    printed name under the other): the unread seal reaching over the employer's name beside the
    employer's own seal is the other issuer's, named by the rest of the print under it."""
    from redaction.detect.sealtext import (
        cjk_count,
        inside_employer,
        is_printed_organisation,
        prints_own_words,
        ring_matches_print,
        shares_own_words,
    )

    x0, y0, x1, y1 = seal.bbox
    if any(intersection(b, seal.bbox) > 0 for b in employer_boxes if b not in claimed):
        return
    fair = PRINTED_FAIR_SCORE if profile is not None else PRINTED_SCORE
    # (A long name sharing nothing of the employer's is read from the pieces' score, as below: a
    # phone photo's seal over its issuer's name, 伊型哈#克人力家社公局 at 0.77, synth2 s23 026.)
    floor = PRINTED_PIECES_SCORE if profile is not None else fair
    page_lines = []
    for ln in lines:
        if ln.source != "page" or ln.score < floor:
            continue
        if any(intersection(ln.bbox, b) >= 0.5 * _box_area(b) for b in claimed):
            # One sign-off row for two issuers (共青团中央学校部全国学联秘书处): the employer's
            # name is the other seal's; what the row says beside it may be this seal's.
            rest = _outside(ln, claimed)
            if rest is None:
                continue
            ln = rest
        if _SEAL_LABEL.search(ln.text) and cjk_count(ln.text) <= SEAL_LABEL_MAX:
            continue        # a form's request for the seal, （单位盖章）: no part of a name
        page_lines.append(ln)
    under = [ln for ln in page_lines if _printed_under(ln.bbox, seal.bbox)]
    names = []
    for a in under:
        names.append((a.text.strip(), a.score))
        # A short label and its value before the name on the row (负责人：周伟新疆生产建设兵团…
        # 继续教育中心: the signatory's name beside the issuer's, read as one line).
        label, _, value = a.text.strip().replace(":", "：").rpartition("：")
        if (0 < cjk_count(label) <= ROW_LABEL_MAX and cjk_count(value) >= PRINTED_LONG
                and not (profile is not None and any(t.key in normalize(value) for t in profile.terms()
                                                     if t.kind == "employer"))):
            names.append((value, a.score))
        names += [(a.text.strip() + b.text.strip(), min(a.score, b.score))
                  for b in page_lines if _continues(a, b, under)]
    if profile is not None:
        names += _pieces_under(seal.bbox, lines, claimed)
        # (A "printed" line inside the employer's name, in order, is the employer's own ring text
        # read as print, agreeing with its ring reading for that reason: synth4 s19 074.)
        agreed = next((ln for ln in under if ring_matches_print(ring, ln.text, profile)
                       and not inside_employer(ln.text, profile)), None)
        if agreed is not None:
            seal.kind, seal.accepted = "other_seal", False
            seal.text = agreed.text.strip()
            seal.extra["attributed_by"] = "printed name and ring"
            return
    for name, score in names:
        if score < PRINTED_SCORE and (profile is None or prints_own_words(name, profile)):
            continue
        if score < fair and (profile is None or cjk_count(name) < PRINTED_LONG or shares_own_words(name, profile)):
            continue
        if profile is not None and inside_employer(name, profile):
            # 地区 + 医院 under the unread seal of 喀什地区第一人民医院: its own ring's characters
            # read as print (synth4 s17 038), or the employer's print half under the ink.
            continue
        if is_printed_organisation(name):
            seal.kind, seal.accepted = "other_seal", False
            seal.text = name
            seal.extra["attributed_by"] = "printed name"
            return


def _outside(line: TextLine, boxes: Sequence[Box | BoxF]) -> TextLine | None:
    """The part of a line whose characters' centres lie outside `boxes` (None unless it is one run
    of two characters or more at one end of the line)."""
    if len(line.char_boxes) != len(line.text):
        return None
    keep = [not any(b[0] <= (c[0] + c[2]) / 2 <= b[2] and b[1] <= (c[1] + c[3]) / 2 <= b[3] for b in boxes)
            for c in line.char_boxes]
    idx = [i for i, k in enumerate(keep) if k]
    if len(idx) < 2 or idx[-1] - idx[0] + 1 != len(idx) or (idx[0] != 0 and idx[-1] != len(keep) - 1):
        return None
    chars = [line.char_boxes[i] for i in idx]
    x0, y0 = min(c[0] for c in chars), min(c[1] for c in chars)
    x1, y1 = max(c[2] for c in chars), max(c[3] for c in chars)
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return replace(line, quad=quad, text="".join(line.text[i] for i in idx), char_boxes=chars)


#: A name the seal's ink breaks into pieces is read less surely: joined, the pieces count from this
#: score when they make a long name (PRINTED_LONG Chinese characters) that shares not even two
#: characters (in order) with an employer's own words (`shares_own_words`).
PRINTED_PIECES_SCORE = 0.6
PRINTED_LONG = 10
#: A label this short (负责人, 主办单位, 发证机关) before a colon on a printed row under an unread
#: seal: what follows the colon is looked at as a name of its own.
ROW_LABEL_MAX = 6
#: A piece of a row under a seal this short (Chinese characters) counts from SHORT_PIECE_SCORE, and
#: not towards the row's score (synth2 s44 059: 新疆维吾尔自治区职称改革工作领导小组办公 at 0.99,
#: its 室 cut off by the ring at 0.59; the name was no organisation's without it).
SHORT_PIECE_CHARS = 2
SHORT_PIECE_SCORE = 0.5


def _pieces_under(seal: Box | BoxF, lines: Sequence[TextLine],
                  claimed: Sequence[Box | BoxF]) -> list[tuple[str, float]]:
    """(text, least score) of the pieces of one printed row under a seal, joined left to right when
    there are two or more: the seal's characters split the row (新疆维吾尔自洋农职你改革 |
    学小限办公室 for 新疆维吾尔自治区职称改革工作领导小组办公室)."""
    from redaction.detect.sealtext import cjk_count

    def short(ln: TextLine) -> bool:
        return cjk_count(ln.text) <= SHORT_PIECE_CHARS

    pieces = sorted((ln for ln in lines if ln.source == "page"
                     and (ln.score >= PRINTED_PIECES_SCORE or (short(ln) and ln.score >= SHORT_PIECE_SCORE))
                     and _printed_under(ln.bbox, seal)
                     and (short(ln) or ln.bbox[2] - ln.bbox[0] > ln.bbox[3] - ln.bbox[1])
                     and not any(intersection(ln.bbox, b) >= 0.5 * _box_area(b) for b in claimed)),
                    key=lambda ln: ln.bbox[0])
    rows: list[list[TextLine]] = []
    for ln in pieces:
        row = next((r for r in rows if _same_row(r[-1].bbox, ln.bbox)), None)
        if row is None:
            rows.append([ln])
        else:
            row.append(ln)
    # A row is read as surely as its longer pieces: a character or two the seal's ink cuts off
    # (办公 | 室) is read from little, and says little on its own.
    return [("".join(ln.text.strip() for ln in row), min(ln.score for ln in row if not short(ln)))
            for row in rows if len(row) >= 2 and any(not short(ln) for ln in row)]


def _same_row(a: Box | BoxF, b: Box | BoxF) -> bool:
    """Is line b the next piece on line a's row (`match.same_row`, as for a term split in cells)?"""
    return bool(same_row(a, b, max(1.0, min(a[3] - a[1], b[3] - b[1]))))


def own_by_printed_employer(seal: Region, employer_boxes: Sequence[Box | BoxF], profile: Profile,
                            readings: Sequence[tuple[str, float]] = ()) -> None:
    """A seal whose ring reading is near an employer's name (`near_employer`:
    昌售国成自治州林业和草总局 for 昌吉回族自治州林业和草原局, three characters in a row misread)
    stamped over that employer's printed name is the employer's seal: an organisation stamps over
    its own name in a sign-off, and another organisation's name that much like the employer's
    would not be printed there. So is one whose ring was read across its seam, from a gap in its ink
    (`reads_across_seam`: 中学喀科路 for 喀什地区疏附县第二中学, a ring inked in part), or one read
    as long as the name with half of it in place (`misread_in_place`), or one read only at its end
    (`ends_as_employer`: 昊民殿民医院 for 吐鲁番市高昌区人民医院), or one read in part in order with
    single slips (`read_in_part_as_employer`: 随勒她福海理站 for 阿勒泰地区福海县水利管理站). `readings`: all
    the seal's ring readings, any of which may be the near one (the one that named it another's
    need not be: dev, 涵江区人民武装部's seal read …莆田市… once and …莆团市… once)."""
    from redaction.detect.sealtext import (
        ORGANISATION,
        READABLE_SCORE,
        ends_as_employer,
        misread_in_place,
        near_employer,
        nothing_foreign,
        read_in_part_as_employer,
        reads_across_seam,
    )

    texts = ([seal.text] if seal.text is not None else []) + [t for t, _ in readings]
    # (Read only below READABLE_SCORE, by several readings agreeing on a garble — a faded ring over
    # the print: 武建德区维阴共第中学 at 0.69 for 喀什地区疏附县第二中学, synth3 s48 014 — the name
    # printed under it says more than the ring, unless the garble keeps an organisation word the
    # employer's names lack: dev, a contest committee's ring read …委员会 over the print.)
    keys = [t.key for t in profile.terms() if t.kind == "employer"]
    garbled = bool(readings) and max(score for _, score in readings) < READABLE_SCORE and all(
        any(w in key for key in keys) for t in texts for w in ORGANISATION.findall(normalize(t)))
    # (Or read surely in part, every reading bringing nothing of another body's that the
    # employer's name lacks: 集狮网恒尔医院 over 新疆生产建设兵团第一师阿拉尔医院 printed.)
    print_wins = garbled or all(nothing_foreign(t, profile) for t in texts)
    if not print_wins and not any(
            near_employer(t, profile) is not None or reads_across_seam(t, profile)
            or misread_in_place(t, profile) or ends_as_employer(t, profile)
            or read_in_part_as_employer(t, profile) for t in texts):
        return
    for box in employer_boxes:
        if _printed_under(box, seal.bbox):
            seal.kind, seal.accepted = "seal", True
            seal.extra["attributed_by"] = "printed employer"
            return


#: A printed line read this confidently, at least this tall against a seal, is a title whose large
#: (red) characters can pass for small seals (奖学金证书's 金 and 书); a seal is stamped over text
#: several times smaller than itself.
TITLE_SCORE = 0.95
TITLE_HEIGHT = 0.6


def _in_title_line(seal: Region, lines: Sequence[TextLine]) -> bool:
    """Is an unread seal one character of a confidently read title line (mostly inside the line's
    box, the line at least TITLE_HEIGHT of its height, four characters or more)?"""
    if seal.kind != "seal" or seal.text is not None:
        return False
    area = max(1.0, seal.width * seal.height)
    return any(ln.score >= TITLE_SCORE and len(normalize(ln.text)) >= 4
               and ln.bbox[3] - ln.bbox[1] >= TITLE_HEIGHT * seal.height
               and intersection(ln.bbox, seal.bbox) >= 0.8 * area for ln in lines)


#: What an invoice prints at its head, beside the title the tax bureau's supervision seal sits on
#: (a medical or government receipt, 票据, says 票据代码 / 票据号码: the finance bureau's 票据监制章),
#: or the title itself (增值税专用发票: a special VAT invoice prints its codes unlabelled).
_INVOICE_HEAD = re.compile(r"(发票|票据)(代码|号码|联)|(增值税|专用|普通)发票$")
#: A supervision seal's own words (财政部监制, 国家税务总局监制) read on the page under it.
_SUPERVISED = "监制"
#: A form's label for the seal of the authority that issued it (a business licence's 登记机关, an
#: account permit's 发证机关（盖章）): the seal stamped there is that authority's.
_ISSUER_LABEL = re.compile(r"(登记|发证|颁发|签发)机关")
#: How far (units of the seal's height) below the seal the issuer's label may be printed.
ISSUER_BELOW = 0.4
#: How far (units of the seal's width) left of the seal the label may end, level with it.
ISSUER_BEFORE = 0.5
#: A square seal's characters read this confidently say what it is.
STAMP_SCORE = 0.9


def attribute_by_place(seal: Region, lines: Sequence[TextLine], identity_boxes: Sequence[Box | BoxF]) -> None:
    """An unread seal that is not the applicant's by where it is stamped: `other_seal` when it is

    - an oval at an invoice's head, level with or just above its 发票代码 / 发票号码 / 发票联 line: the tax bureau's
      supervision seal printed on every invoice (the seller's 发票专用章 is stamped lower down);
    - over its own printed 监制 words (财政部监制): a supervision seal;
    - over or just above the label for the issuing authority's seal (登记机关, 发证机关（盖章）): a
      business licence's or permit's issuer's seal (the holder's seal is not stamped there);
    - beside another person's signing label (经办柜员签章, 负责人（签章）): their name seal;
    - a square seal whose characters read confidently as a short word that is neither the
      applicant's name nor an employer, nor what a seal is for (附件, someone else's 某某印).

    A seal over the applicant's name or an employer is left alone."""
    from redaction.detect.sealtext import SEAL_USE, cjk_count
    from redaction.detect.signatures import other_persons_labels

    if any(intersection(b, seal.bbox) > 0 for b in identity_boxes):
        return
    x0, y0, x1, y1 = seal.bbox
    page_lines = [ln for ln in lines if ln.source == "page"]
    heads = [ln.bbox for ln in lines if _INVOICE_HEAD.search(normalize(ln.text))]
    if seal.extra.get("shape") == "oval" and any(y0 < hy1 and y1 > hy0 - (y1 - y0) for _, hy0, _, hy1 in heads):
        _other(seal, "supervision seal (invoice head)", "invoice head")
        return
    if any(_SUPERVISED in normalize(ln.text) and _printed_under(ln.bbox, seal.bbox) for ln in page_lines):
        _other(seal, "supervision seal (监制 under it)", "supervision words")
        return
    w, h = x1 - x0, y1 - y0
    for ln in page_lines:
        lx0, ly0, lx1, ly1 = ln.bbox
        if _ISSUER_LABEL.search(normalize(ln.text)) is None:
            continue
        # The label under the seal or just below it (not a heading far above), or just left of
        # it on its level (登记机关 printed before the authority's name the seal is stamped on).
        below = lx0 < x1 and lx1 > x0 and ly1 > y0 + 0.5 * h and ly0 < y1 + ISSUER_BELOW * h
        before = 0 <= x0 - lx1 <= ISSUER_BEFORE * w and y0 <= (ly0 + ly1) / 2 <= y1
        if below or before:
            _other(seal, None, "issuing authority's label")
            return
    if (_beside_other_signer(seal.bbox, other_persons_labels(page_lines), SIGNER_SEAL_LINES)
            or _over_other_signing(seal.bbox, other_persons_labels(page_lines, True), page_lines, SIGNER_SEAL_LINES)):
        _other(seal, None, "another signer's label")
        return
    if page_lines and _in_authoritys_row(seal.bbox, page_lines):
        _other(seal, None, "supervising authority's row")
        return
    if seal.extra.get("shape") != "square":
        return
    area = max(1.0, seal.width * seal.height)
    for ln in lines:
        text = normalize(ln.text)
        if (ln.score >= STAMP_SCORE and 2 <= cjk_count(text) <= 5 and SEAL_USE.search(text) is None
                and intersection(ln.bbox, seal.bbox) >= 0.5 * area):
            _other(seal, text, "its characters")
            return


#: A form row whose label says a supervising authority gives its opinion there (主管部门意见,
#: 上级主管部门意见, 人社部门意见): the seal stamped in it is that authority's. Not 审核 or 审批
#: alone (所在单位审核意见 is the employer's), nor 人力资源 (a company's own 人力资源部), nor any
#: row of the unit's own (单位意见, 考核委员会意见).
_AUTHORITY_ROW = re.compile(r"(主管部门|主管单位|上级|人社|职改)")


def _in_authoritys_row(box: Box | BoxF, lines: Sequence[TextLine]) -> bool:
    """Is a seal stamped in a form row labelled with a supervising authority (`_AUTHORITY_ROW`),
    the label in the table's label column level with the seal (synth4 s0 010, 030, 042: a
    人力资源和社会保障局 seal whose long ring read as nothing, masked as the employer's)?"""
    from redaction.detect.signatures import label_says, row_label

    lh = float(np.median([ln.height for ln in lines]))
    half = (box[3] - box[1]) / 2 / max(1.0, lh)
    return label_says(row_label(box, lh, lines, above=half, below=half, cell=True), _AUTHORITY_ROW)


#: An unread seal beside another person's signing label is their name seal when at most this many
#: of the label's line heights tall (an office's seal stamped near 负责人签字 is larger).
SIGNER_SEAL_LINES = 4.0


def _beside_other_signer(box: Box | BoxF, labels: Sequence[BoxF], max_lines: float | None = None) -> bool:
    """Is a seal stamped just after one of `labels` (another person's 签名/签章 label), level with it
    — and, with `max_lines`, no taller than that many of its line heights?"""
    x0, y0, x1, y1 = box
    cy = (y0 + y1) / 2
    for _, ly0, lx1, ly1 in labels:
        lh = max(8.0, ly1 - ly0)
        if (ly0 - lh <= cy <= ly1 + lh and lx1 - lh <= x0 <= lx1 + 3 * lh
                and (max_lines is None or y1 - y0 <= max_lines * lh)):
            return True
    return False


def _over_other_signing(box: Box | BoxF, labels: Sequence[BoxF], lines: Sequence[TextLine],
                        max_lines: float | None = None) -> bool:
    """Is a seal stamped over what follows one of `labels` (another person's 签字/签章 label) on
    its line — the name they signed there, a long one reaching past `_beside_other_signer`'s few
    line heights (单位负责人签字：哈力木拉提·沙依兰 with 潘志远印 over its middle)? With `max_lines`:
    and no taller than that many of the label's line heights."""
    x0, y0, x1, y1 = box
    cx = (x0 + x1) / 2
    for lx0, ly0, lx1, ly1 in labels:
        lh = max(8.0, ly1 - ly0)
        ly = (ly0 + ly1) / 2
        if max_lines is not None and y1 - y0 > max_lines * lh:
            continue
        for ln in lines:
            bx0, by0, bx1, by1 = ln.bbox
            if (ln.source == "page" and bx0 <= (lx0 + lx1) / 2 <= bx1 and by0 <= ly <= by1
                    and lx1 <= cx <= bx1 + lh and y0 <= ly <= y1):
                return True
    return False


#: The applicant's photo around its eye band, in eye distances: across the eyes either way, and
#: along the face either way (a face found sideways gives no "down"). A 30 × 40 mm photo is
#: ~4 × 5.5 eye distances; this stays inside it.
PHOTO_ACROSS = 1.6
PHOTO_ALONG = 3.0
#: Share of an unread seal's box on the photo that puts the seal on it.
ON_PHOTO = 0.05


def issuer_on_photo(seal_regions: Sequence[Region], eyes: Sequence[Region], printed_issuer: str | None = None) -> None:
    """An unread seal stamped over the applicant's photo, on a page whose other seal reads as
    another organisation and none as the employer, is that issuer's too: a university or an
    authority seals the holder's photo on the certificate it issues (the ring is unreadable over
    the photo's print). So it is on a page with no other seal read that prints its issuer's name
    (`printed_issuer`, see `issuer_in_print`). An employer's seal read on the page, or no other
    reading, leaves it."""
    if not eyes or any(s.kind == "seal" and s.text is not None for s in seal_regions):
        return
    issuers = [s for s in seal_regions if s.kind == "other_seal" and s.text is not None
               and not s.extra.get("emblem")]
    if not issuers and printed_issuer is None:
        return
    unread = [s for s in seal_regions if s.kind == "seal" and s.text is None and s.accepted]
    on_photo = [s for s in unread if any(_share_on_photo(s.bbox, e) >= ON_PHOTO for e in eyes)]
    for seal in unread:
        # a second candidate found inside the same seal (its lower arc) goes with it
        if seal in on_photo or any(intersection(seal.bbox, p.bbox) >= 0.5 * _area(seal.bbox) for p in on_photo):
            _other(seal, None, "issuer's seal on the photo")


def issuer_in_print(lines: Sequence[TextLine], regions: Sequence[Region], profile: Profile) -> str | None:
    """The issuer a page without the employer's name prints: a line read fairly (PRINTED_FAIR_SCORE,
    as a printed name under a seal) that is an organisation's name sharing none of the employer's
    own words (synth2 s44 073: (新)疆医科大学 at 0.80 under the sign-off's seal, not found, on the
    diploma whose embossed seal over the photo was masked as the employer's). None when the page
    names the employer."""
    from redaction.detect.sealtext import inside_employer, is_printed_organisation, shares_own_words

    if any(r.kind == "employer" for r in regions):
        return None
    return next((ln.text for ln in lines if ln.source == "page" and ln.score >= PRINTED_FAIR_SCORE
                 and is_printed_organisation(ln.text) and not shares_own_words(ln.text, profile)
                 and not inside_employer(ln.text, profile)), None)


def _area(box: Box | BoxF) -> float:
    return max(1.0, float((box[2] - box[0]) * (box[3] - box[1])))


def _share_on_photo(box: Box | BoxF, eyes: Region) -> float:
    """Share of `box` inside the photo area around an eye band (sampled on a 12 × 12 grid)."""
    pts = eyes.extra.get("eyes")
    if not pts or len(pts) != 2:
        return 0.0
    (ax, ay), (bx, by) = pts
    d = max(1.0, float(np.hypot(bx - ax, by - ay)))
    ux, uy = (bx - ax) / d, (by - ay) / d
    cx, cy = (ax + bx) / 2, (ay + by) / 2
    x0, y0, x1, y1 = box
    xs, ys = np.meshgrid(np.linspace(x0, x1, 12), np.linspace(y0, y1, 12))
    dx, dy = xs - cx, ys - cy
    across = np.abs(dx * ux + dy * uy)
    along = np.abs(-dx * uy + dy * ux)
    return float(((across <= PHOTO_ACROSS * d) & (along <= PHOTO_ALONG * d)).mean())


def _seal_not_emblem(seal: Region) -> None:
    """A seal taken for a printed emblem is the applicant's seal after all."""
    seal.kind, seal.accepted = "seal", True
    seal.extra.pop("emblem", None)
    seal.extra.pop("picture", None)


def _square_seal_from_rows(own: Sequence[TextLine]) -> tuple[str, float] | None:
    """A 2 × 2 seal's characters in a name seal's order (down its right column, then its left) from
    its two rows read as two lines of the page's text, one above the other (红杨 | 印永: 杨永红印),
    with the lesser of their scores. A three-character seal has one column of a single tall
    character, read in the top row: the bottom row is one character under the other column (军宋 |
    建 under 宋: 宋建军, synth4 s24 030). None unless the rows are one of these."""
    rows = sorted(own, key=lambda ln: ln.bbox[1])
    if len(rows) != 2 or rows[0].bbox[3] > (rows[1].bbox[1] + rows[1].bbox[3]) / 2:
        return None
    top, bottom = (normalize(ln.text) for ln in rows)
    score = min(ln.score for ln in rows)
    if len(top) != 2 or len(bottom) not in (1, 2):
        return None
    if len(bottom) == 2:
        return top[1] + bottom[1] + top[0] + bottom[0], score
    # Which column the single bottom character stands under: its centre SQUARE_COLUMN of the top
    # row's width from the row's other end (a line as wide as the row, under it, is in neither).
    x0, _, x1, _ = rows[0].bbox
    centre = (rows[1].bbox[0] + rows[1].bbox[2]) / 2
    if centre >= x0 + SQUARE_COLUMN * (x1 - x0):
        return top[1] + bottom + top[0], score         # the right column: two characters
    if centre <= x1 - SQUARE_COLUMN * (x1 - x0):
        return top[1] + top[0] + bottom, score         # the left column: two characters
    return None


#: A single character in a square seal's bottom row stands under one column when its centre is
#: this share of the top row's width from that row's far edge.
SQUARE_COLUMN = 0.625


def _other(seal: Region, text: str | None, why: str) -> None:
    seal.kind, seal.accepted = "other_seal", False
    seal.text = text
    seal.extra["attributed_by"] = why


#: A line inside a seal is written over it, not the seal's own characters read on the page, when
#: this share of its ink is not red (a signature in pen under a name seal: 曹文斌 under 曹文斌印).
NOT_SEAL_INK = 0.5


def _not_seal_ink(image: np.ndarray, box: Box | BoxF) -> bool:
    """Is most of the ink in a line's box dark ink other than the seal's red?"""
    from redaction.detect.ink import plain_red_ink

    h, w = image.shape[:2]
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    crop = image[max(0, y0):min(h, y1), max(0, x0):min(w, x1)]
    if crop.size == 0 or crop.ndim != 3:
        return False
    ink = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) < 150
    total = int(np.count_nonzero(ink))
    return total > 0 and bool(np.count_nonzero(ink & ~plain_red_ink(crop)) >= NOT_SEAL_INK * total)


def _black_print(image: np.ndarray, box: Box | BoxF) -> bool:
    """Is a line black print (a share of its box dark in every channel), not a seal's own red
    characters (人事专用章 under its star, read on the page too)?"""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    crop = image[max(0, y0):min(h, y1), max(0, x0):min(w, x1)]
    if crop.size == 0:
        return False
    dark = (crop.max(axis=2) if crop.ndim == 3 else crop) < 110
    return float(dark.mean()) >= 0.03


def over_signoff(image: np.ndarray, box: Box | BoxF, lines: Sequence[TextLine]) -> bool:
    """Is black print of two or more characters (a sign-off's name or date) under `box`? A lone
    character is no sign-off: an emblem's picture reads as one (a grey 国徽's wheat ears as 八)."""
    return any(ln.source == "page" and sum(1 for c in ln.text if c.isalnum()) >= 2
               and _printed_under(ln.bbox, box) and _black_print(image, ln.bbox) for ln in lines)


#: A form's printed request for a seal: （单位盖章）, （公章）, 盖章处.
_SEAL_LABEL = re.compile(r"(盖章|公章|签章|印章)")
#: A line of at most this many characters holding such a request is the request alone (synth3
#: s16 034: 专单位盖章）, its bracket misread, over the 人事处 inside a department's seal, read joined
#: as a body's name 专单位盖章）人事处 that made the employer's seal another's).
SEAL_LABEL_MAX = 5


def over_seal_label(box: Box | BoxF, lines: Sequence[TextLine]) -> bool:
    """Is a printed request for a seal (（单位盖章）) under `box`?"""
    return any(ln.source == "page" and _SEAL_LABEL.search(normalize(ln.text)) is not None
               and _printed_under(ln.bbox, box) for ln in lines)


def _printed_under(line: Box | BoxF, seal: Box | BoxF) -> bool:
    """Is a printed line under the seal: its centre inside the seal's box, or (a horizontal line
    running past the seal) its middle height inside and a good part of its width overlapped?"""
    lx0, ly0, lx1, ly1 = line
    x0, y0, x1, y1 = seal
    if x0 <= (lx0 + lx1) / 2 <= x1 and y0 <= (ly0 + ly1) / 2 <= y1:
        return True
    overlap = min(x1, lx1) - max(x0, lx0)
    return y0 <= (ly0 + ly1) / 2 <= y1 and overlap >= 0.3 * (x1 - x0) and overlap >= 0.5 * min(lx1 - lx0, x1 - x0)


def _box_area(box: Box | BoxF) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _continues(a: TextLine, b: TextLine, under: Sequence[TextLine]) -> bool:
    """Does line b carry on line a's text (a name wrapped): the next line down, under the seal too
    or starting where a starts; for a vertical column, the next column to the left, starting at
    a's top."""
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, _) = a.bbox, b.bbox
    width, height = ax1 - ax0, ay1 - ay0
    if height > 2 * width:                                          # a vertical column
        return 0 <= ax0 - bx1 < 1.5 * width and abs(by0 - ay0) < width
    return 0 <= by0 - ay1 < 1.5 * height and (any(b is u for u in under) or abs(bx0 - ax0) < height)


#: A page line this much inside a square seal's box is the seal's own characters read on the page.
NAME_SEAL_OWN_LINE = 0.8


def find_page_seals(image: np.ndarray, dpi: int | None, red: np.ndarray | None = None,
                    ring_reader: SealTextDetector | None = None) -> list[Seal]:
    """Seals sized by the page's dpi; when the file does not say (phone photos, most JPEGs from
    scanning apps), sizes for 100, 200 and 300 dpi together span 5–70 mm at any of them, and a
    seal filling the frame is looked for too (`seals.dpi_guesses`). `ring_reader`: the learned
    ring-text detector, for what the outline tests cannot settle."""
    from redaction.detect.seals import dpi_guesses, find_seals

    return find_seals(image, dpi_guesses(dpi, image.shape), red_mask=red, ring_reader=ring_reader)
