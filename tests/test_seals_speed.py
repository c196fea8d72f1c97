"""The seal finder's shortcuts give what the full computation gives: the grouping of ink (dilation
and connected components) made on the ink's window only, and the paper's grey kept per copy."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redaction.detect import seals
from redaction.detect.ink import red_ink_mask
from redaction.model.regions import iou
from testkit.imaging import RED, letterhead_page, photocopy, seal_layer, stamp, text_page


def _full_components(mask: np.ndarray, r: int):
    """Dilation and components over the whole mask, as the finder made them before the window."""
    grown = cv2.dilate(mask.view(np.uint8), np.ones((2 * r + 1, 2 * r + 1), np.uint8))
    return cv2.connectedComponentsWithStats(grown, connectivity=8, ltype=cv2.CV_16U)


def _masks():
    rng = np.random.default_rng(0)
    page = letterhead_page()
    stamp(page, seal_layer(330), 1100, 1900, RED)
    stamp(page, seal_layer(330, seed=1), 300, 2150, RED)
    yield seals._max_pool2(red_ink_mask(page))                        # a red title, a rule, two seals
    yield np.zeros((300, 200), bool)                                  # no ink
    speckle = rng.random((400, 500)) > 0.997
    speckle[0, 0] = speckle[-1, -1] = True                            # ink on the edges
    yield speckle
    one = np.zeros((400, 500), bool)
    one[200:210, 300:330] = True
    yield one


@pytest.mark.parametrize("r", [1, 4, 14])
def test_components_on_the_ink_window_are_the_whole_mask_components(r):
    for mask in _masks():
        n, labels, stats, (ox, oy) = seals._grown_components(mask, r)
        fn, flabels, fstats, _ = _full_components(mask, r)
        assert n == fn
        assert np.array_equal(stats[1:], fstats[1:])        # same components, same order
        for i in range(1, n):
            x, y, w, h, _ = stats[i]
            assert np.array_equal(labels[y - oy:y - oy + h, x - ox:x - ox + w] == i,
                                  flabels[y:y + h, x:x + w] == i)


def test_grey_copy_is_the_quarter_page_with_its_papers_percentile():
    page = text_page()
    a = cv2.resize(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    b = page.copy()
    b[:, : b.shape[1] // 2] //= 2
    for image in (page, b):
        copy = seals.GreyCopy.of(image)
        assert copy.paper == float(np.percentile(copy.pixels, 90))
    assert np.array_equal(seals.GreyCopy.of(page).pixels, a)


def _copy_with_grey_seal(lines: int, seed: int):
    page = text_page(lines=lines, seed=seed)
    truth = stamp(page, seal_layer(330, seed=seed), 900, 1300, RED, 0.9)
    return photocopy(page, seed), truth


def _asked_radii(monkeypatch) -> list[tuple[int, int]]:
    asked: list[tuple[int, int]] = []
    hough = cv2.HoughCircles

    def recording(img, *args, **kwargs):
        asked.append((kwargs["minRadius"], kwargs["maxRadius"]))
        return hough(img, *args, **kwargs)

    monkeypatch.setattr(cv2, "HoughCircles", recording)
    return asked


@pytest.mark.parametrize("lines, seed", [(12, 1), (12, 2), (25, 1), (40, 3)])
def test_grey_candidates_of_a_file_without_dpi_searched_in_octaves(monkeypatch, lines, seed):
    """A copy without a dpi is searched for candidate circles from 100 dpi to a seal filling the
    frame (16-180 px at quarter size) in octave bands, each on a copy where its circles are at most
    GRAY_BAND_RADIUS px; the photocopied seal on a text page is a candidate (one search over the
    whole range offered it on the 12-line pages only: its strongest circles ran through text). The
    bands are searched twice: on the page, then on its local contrast (stop 53: a faded ring)."""
    page, truth = _copy_with_grey_seal(lines, seed)
    asked = _asked_radii(monkeypatch)
    boxes = seals._gray_candidates(seals.GreyCopy.of(page), seals.dpi_guesses(None, page.shape), [])
    assert len(asked) == 8 and asked[:4] == asked[4:] and all(hi <= seals.GRAY_BAND_RADIUS + 1 for _, hi in asked)
    assert any(iou(b, truth) > 0.5 for b in boxes)


def test_grey_candidates_at_one_dpi_searched_at_once(monkeypatch):
    """A file stating its dpi has one octave of circle sizes: one search at quarter size, as before
    (and one on the local contrast)."""
    page, _ = _copy_with_grey_seal(12, 1)
    asked = _asked_radii(monkeypatch)
    seals._gray_candidates(seals.GreyCopy.of(page), [200.0], [])
    assert asked == [(33, 52), (33, 52)]


def test_a_faint_group_found_at_two_scales_is_looked_at_once(monkeypatch):
    """The same faint group found at two scales is handed to the learned detector once: a second
    look at the same box gives the first look's seal."""
    looked: list[tuple[float, ...]] = []

    def faint_seal(image, faint, box, reader, colour="red", arc=False, ring_alone=False):
        looked.append(tuple(box))
        return None

    monkeypatch.setattr(seals, "_faint_seal", faint_seal)
    box = (100.0, 100.0, 200.0, 200.0)
    page = text_page()
    red = np.zeros((page.shape[0] // 2, page.shape[1] // 2), bool)
    seals._learned_candidates(page, red, [], [], _NoRing(), False, [200.0], faint=red,
                              faint_boxes=[box, box])
    assert looked == [box]


class _NoRing:
    def probability(self, image_bgr):
        return np.zeros(image_bgr.shape[:2], np.float32)


# --- patterned ground: a page-sized blob of red lattice --------------------------------------------

def _lattice(width: int = 700, height: int = 500) -> np.ndarray:
    """Red ink of a guilloche security paper: crossing waves all over the blob."""
    ys, xs = np.mgrid[0:height, 0:width]
    v = np.sin(xs / 4.5 + 3 * np.sin(ys / 11.5)) + np.sin(ys / 4.5 + 3 * np.sin(xs / 14.5))
    return np.abs(v) < 0.25


def test_hough_over_patterned_ground_runs_within_its_vote_budget(monkeypatch):
    """Searched at full size such a blob took 8-16 s (26 s this one); the search runs on a copy
    whose edges cast at most HOUGH_VOTE_LIMIT votes, and its circles come back in the blob's
    coordinates and radii."""
    ink = _lattice()
    img = cv2.GaussianBlur(ink.view(np.uint8) * 255, (5, 5), 1.5)
    rmin, rmax = 38, 178
    full_votes = cv2.countNonZero(cv2.Canny(img, 50, 100)) * (rmax - rmin)
    assert full_votes > seals.HOUGH_VOTE_LIMIT
    searched = []
    real = cv2.HoughCircles

    def spy(image, *args, **kwargs):
        searched.append(cv2.countNonZero(cv2.Canny(image, 50, 100))
                        * (kwargs["maxRadius"] - kwargs["minRadius"]))
        return real(image, *args, **kwargs)

    monkeypatch.setattr(seals.cv2, "HoughCircles", spy)
    circles = seals._hough(img, rmin, rmax, rmin * 2, 100, 18)
    assert searched and searched[0] <= seals.HOUGH_VOTE_LIMIT
    assert circles is not None
    h, w = img.shape
    assert all(0 <= x < w and 0 <= y < h and 0.9 * rmin <= r <= 1.1 * rmax for x, y, r in circles[0])
    assert circles[0][:, 2].max() > 0.8 * rmax      # large circles are not lost to the shrink


def test_a_plain_blob_is_searched_at_full_size(monkeypatch):
    """Two seals stamped touching make a blob far below the budget: searched as it is."""
    ink = np.zeros((240, 590), np.uint8)
    cv2.circle(ink, (150, 120), 100, 1, 6)
    cv2.circle(ink, (400, 120), 100, 1, 6)
    img = cv2.GaussianBlur(ink * 255, (5, 5), 1.5)
    shapes = []
    real = cv2.HoughCircles
    monkeypatch.setattr(seals.cv2, "HoughCircles",
                        lambda image, *a, **k: shapes.append(image.shape) or real(image, *a, **k))
    seals._hough(img, 38, 178, 76, 100, 18)
    assert shapes == [img.shape]


def test_patterned_ground_is_not_split_into_rings():
    """A complete ring of ink can be drawn anywhere in a lattice: a page-sized blob of it gives no
    seals, where two touching seals still give two."""
    px_cm = 59.0
    assert seals._split_merged(_lattice(), (0, 0), px_cm) == []
    two = np.zeros((240, 590), np.uint8)
    cv2.circle(two, (150, 120), 100, 1, 6)
    cv2.circle(two, (400, 120), 100, 1, 6)
    found = seals._split_merged(two.astype(bool), (0, 0), px_cm)
    assert sorted(round(s.center[0] / 50) for s, _ in found) == [3, 8]


def test_channel_medians_are_numpys_medians():
    rng = np.random.default_rng(3)
    page = letterhead_page()
    images = [page, page[::2, ::3], rng.integers(0, 256, (37, 41, 3), dtype=np.uint8),   # odd count
              rng.integers(0, 256, (6, 8, 3), dtype=np.uint8),                            # even count
              (rng.integers(0, 2, (10, 9, 3)) * 255).astype(np.uint8),                    # two levels
              rng.uniform(0, 255, (12, 7, 3))]                                             # not uint8
    for image in images:
        want = np.median(image.reshape(-1, 3), axis=0)
        got = seals.channel_medians(image)
        assert got.dtype == want.dtype and np.array_equal(got, want)


def _sample_2d(mask, xs, ys):
    """`_sample` as it was: two int32 index arrays and a 2-D fancy index."""
    h, w = mask.shape
    xi = np.clip(np.round(xs).astype(np.int32), 0, w - 1)
    yi = np.clip(np.round(ys).astype(np.int32), 0, h - 1)
    return mask[yi, xi] & ((xs >= 0) & (xs < w) & (ys >= 0) & (ys < h))


def test_sample_takes_the_nearest_pixel_and_nothing_off_the_mask():
    rng = np.random.default_rng(4)
    mask = rng.random((50, 70)) < 0.4
    for m in (mask, mask[:, ::2], mask.T):                     # contiguous or not
        h, w = m.shape
        xs = rng.uniform(-4, w + 4, (9, 31))
        ys = rng.uniform(-4, h + 4, (9, 31))
        halves = np.round(xs * 2) / 2, np.round(ys * 2) / 2    # ties round half to even
        for x, y in ((xs, ys), halves, (xs.astype(np.float32), ys.astype(np.float32))):
            got = seals._sample(m, x, y)
            assert got.dtype == bool and np.array_equal(got, _sample_2d(m, x, y))
    assert not seals._sample(np.ones((5, 5), bool), np.array([-0.4, 5.0]), np.array([2.0, 2.0])).any()


def _fit_circle_per_centre(ink, cx, cy, r):
    """`_fit_circle` with the distances of every grid centre taken on their own, as it was."""
    h, w = ink.shape
    x0, y0 = max(0, int(cx - 1.3 * r)), max(0, int(cy - 1.3 * r))
    x1, y1 = min(w, int(cx + 1.3 * r) + 1), min(h, int(cy + 1.3 * r) + 1)
    iy, ix = np.nonzero(ink[y0:y1, x0:x1])
    if len(ix) < 20:
        return cx, cy, r
    xs, ys = ix.astype(np.float32) + x0, iy.astype(np.float32) + y0
    lo, hi = 0.8 * r, 1.2 * r
    d0 = np.hypot(xs - np.float32(cx), ys - np.float32(cy))
    near = (d0 >= lo - 11) & (d0 <= hi + 11)
    xs, ys = xs[near], ys[near]
    nb = int(np.ceil((hi - lo) * 2)) + 1
    radii = lo + (np.arange(nb - 2) + 1) / 2
    for step in (3.0, 1.0):
        off = np.arange(-2, 3) * step if step > 1 else np.arange(-1, 2) * step
        gx, gy = (g.ravel() for g in np.meshgrid(off, off))
        d = np.hypot(xs[None, :] - np.float32(cx + gx[:, None]), ys[None, :] - np.float32(cy + gy[:, None]))
        bins = np.round((d - lo) * 2)
        ok = (bins >= 0) & (bins < nb)
        bins += (np.arange(len(gx), dtype=np.float32) * np.float32(nb))[:, None]
        hist = np.bincount(bins[ok].astype(np.int64), minlength=len(gx) * nb).reshape(len(gx), nb).astype(np.float64)
        hist = (hist[:, :-2] + hist[:, 1:-1] + hist[:, 2:]) / radii[None, :]
        i, j = divmod(int(hist.argmax()), hist.shape[1])
        cx, cy, r_best = cx + float(gx[i]), cy + float(gy[i]), float(radii[j])
    return float(cx), float(cy), r_best


def test_fit_circle_finds_the_ring_as_centre_by_centre():
    rng = np.random.default_rng(5)
    for k in range(40):
        ink = rng.random((160, 200)) < 0.05 + 0.005 * k                  # text-like noise
        true = (100 + int(rng.integers(-5, 6)), 80 + int(rng.integers(-5, 6)), int(rng.integers(30, 60)))
        cv2.circle(ink.view(np.uint8), true[:2], true[2], 1, 2)
        got = seals._fit_circle(ink, 100.0, 80.0, float(true[2]) * 1.1)
        assert got == _fit_circle_per_centre(ink, 100.0, 80.0, float(true[2]) * 1.1)
        if k < 10:      # a clear ring: found within a pixel of where it was drawn
            assert abs(got[0] - true[0]) <= 1 and abs(got[1] - true[1]) <= 1 and abs(got[2] - true[2]) <= 1.5


@pytest.mark.parametrize("horizontal", [True, False])
def test_open_line_is_opencvs_opening(horizontal):
    rng = np.random.default_rng(6)
    masks = [(rng.random(tuple(rng.integers(1, 70, 2))) < rng.uniform(0.3, 0.97)).astype(np.uint8)
             for _ in range(300)]
    page = seals._max_pool2(red_ink_mask(letterhead_page())).view(np.uint8)
    masks.append(page)
    for k, mask in enumerate(masks):
        for length in ((int(rng.integers(1, 60)),) if k < 300 else (79, 157, 236, 551, 2000)):
            kernel = np.ones((1, length) if horizontal else (length, 1), np.uint8)
            want = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
            assert np.array_equal(seals.open_line(mask, length, horizontal), want)
    rule = np.zeros((40, 300), np.uint8)
    rule[20:23, 10:290] = 1                  # a 280-px rule is a line of 200, not of 281
    assert seals.open_line(rule, 200, True).sum() > 0 and seals.open_line(rule, 281, True).sum() == 0


def _faint_red_in_floats(image, red):
    """`_faint_red` as it was: the redness of the whole half-size page in float32."""
    hh, ww = red.shape
    small = cv2.blur(cv2.resize(image[: 2 * hh, : 2 * ww], (ww, hh), interpolation=cv2.INTER_AREA), (3, 3))
    out = small.astype(np.float32)
    tone = np.maximum(np.median(small.reshape(-1, 3), axis=0), 1.0)
    if tone[2] <= max(tone[0], tone[1]) - seals.COOL_CAST:
        out *= (255.0 / tone).astype(np.float32)
    b, g, r = cv2.split(out)
    return (((r - np.maximum(b, g)) > seals.FAINT_REDNESS) & (small[:, :, 2] > 90)) | red


def test_faint_red_in_whole_numbers_is_the_float_redness():
    page = letterhead_page()
    pale = page.copy()
    stamp(pale, seal_layer(330), 1100, 1900, (150, 140, 215))     # a pale pink seal
    cool = np.clip(pale.astype(np.int16) + np.array([10, 2, -12], np.int16), 0, 255).astype(np.uint8)
    for image in (page, pale, cool):
        red = seals._max_pool2(red_ink_mask(image))
        got = seals._faint_red(image, red)
        assert np.array_equal(got, _faint_red_in_floats(image, red))
        assert got.sum() >= red.sum()
    tones = [seals.paper_tone(cv2.resize(im, None, fx=0.5, fy=0.5)) for im in (pale, cool)]
    assert not seals._cool(tones[0]) and seals._cool(tones[1])          # both paths taken
    assert seals._faint_red(pale, seals._max_pool2(red_ink_mask(pale))).sum() > \
        seals._faint_red(page, seals._max_pool2(red_ink_mask(page))).sum()   # the pale seal is found


def test_max_pool2_marks_a_pixel_when_any_of_its_four_is():
    rng = np.random.default_rng(7)
    for h, w in ((0, 5), (1, 7), (2, 2), (9, 14), (31, 17), (64, 80)):
        mask = rng.random((h, w)) < 0.2
        for m in (mask, mask[:, 1:] if w > 1 else mask):
            got = seals._max_pool2(m)
            hh, ww = m.shape[0] // 2, m.shape[1] // 2
            want = m[: 2 * hh, : 2 * ww].reshape(hh, 2, ww, 2).any(axis=(1, 3))
            assert got.dtype == bool and got.shape == (hh, ww) and np.array_equal(got, want)
    one = np.zeros((6, 6), bool)
    one[3, 4] = True                                  # a lone pixel survives the halving
    assert seals._max_pool2(one).nonzero() == (np.array([1]), np.array([2]))
